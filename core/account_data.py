"""What each app keeps about a person, gathered for an export and removed on deletion.

The accounts app offers "export all my data" and "delete my account" without knowing
which apps hold personal data: each app registers a section here (in its AppConfig.ready)
with a function that returns the user's data as JSON-ready values and one that deletes
it. A new app with personal data (questions, say) registers too, and both features cover
it with no change to the accounts app.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One app's part of a person's data."""

    name: str
    export: Callable  # (user) -> JSON-ready data
    delete: Callable | None = None  # (user) -> None; None when deleting the user is enough


_sections: dict[str, Section] = {}


def register(name, export, delete=None):
    """Add (or replace) the section ``name`` of every export and deletion."""
    _sections[name] = Section(name, export, delete)


def sections():
    return list(_sections.values())


def export_for(user):
    """Every registered section's data for ``user``, by section name."""
    return {section.name: section.export(user) for section in sections()}


def delete_for(user):
    """Ask every section to delete what it holds about ``user`` (before the user goes)."""
    for section in sections():
        if section.delete is not None:
            section.delete(user)
