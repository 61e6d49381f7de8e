"""Content checks for articles and course units: warnings for editors, never blockers.

- A page about overdose, opioids, benzodiazepines, alcohol withdrawal or suicide (by its
  topics) without a crisis notice block.
- Words from the editable list of stigmatising terms (Snippets › Stigmatising terms), each
  with the preferred phrasing.
- The reading level (Flesch-Kincaid grade) against the site's target
  (``READING_GRADE_TARGET``).

They run on the page as the editor last saved it: in a panel at the top of the editor
(``checks_panel``) and as a message after each save (``home.wagtail_hooks``). A page type
opts in with ``content_checks = True`` and the panel in its ``content_panels``.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from core.panels import InstancePanel
from core.readability import grade_level
from core.text import stream_text
from home.models import StigmatisingTerm

#: Topic words that call for the crisis contacts (matched in topic names and slugs).
CRISIS_WORDS = (
    "overdose",
    "opioid",
    "fentanyl",
    "heroin",
    "naloxone",
    "benzodiazepine",
    "benzo",
    "alcohol withdrawal",
    "suicide",
)
CRISIS_BLOCK = "crisis_notice"


@dataclass(frozen=True)
class ContentWarning:
    kind: str  # "crisis", "stigma" or "reading"
    message: str


def crisis_topics(page):
    names = []
    for topic in page.topics.all():
        text = f"{topic.name} {topic.slug.replace('-', ' ')}".lower()
        if any(word in text for word in CRISIS_WORDS):
            names.append(topic.name)
    return names


def _has_block(stream, name):
    for block in stream:
        if block.block_type == name:
            return True
        value = block.value
        if hasattr(value, "raw_data") and _has_block(value, name):
            return True
    return False


def page_text(page):
    return " ".join(
        filter(None, [page.title, getattr(page, "summary", ""), stream_text(page.body)])
    )


def stigma_findings(text, terms=None):
    """(term, preferred, count) for each listed term that ``text`` uses."""
    terms = StigmatisingTerm.objects.all() if terms is None else terms
    found = []
    for term in terms:
        pattern = re.compile(rf"\b{re.escape(term.term)}\b", re.IGNORECASE)
        count = len(pattern.findall(text))
        if count:
            found.append((term.term, term.preferred, count))
    return found


def check_page(page):
    """Every warning for ``page`` (a saved article or unit, or its latest draft)."""
    warnings = []
    topics = crisis_topics(page)
    if topics and not _has_block(page.body, CRISIS_BLOCK):
        warnings.append(
            ContentWarning(
                "crisis",
                f"This page is about {', '.join(topics)} but has no crisis notice. Add a "
                "“Crisis notice” block so readers in danger find help at once.",
            )
        )
    text = page_text(page)
    for term, preferred, count in stigma_findings(text):
        times = "once" if count == 1 else f"{count} times"
        warnings.append(
            ContentWarning(
                "stigma", f"“{term}” appears {times}. Our house style prefers: {preferred}."
            )
        )
    grade = grade_level(text)
    target = settings.READING_GRADE_TARGET
    if grade is not None and grade > target:
        warnings.append(
            ContentWarning(
                "reading",
                f"Reading level: grade {grade:g}; the site aims for grade {target:g} or below. "
                "Shorter sentences and everyday words bring it down.",
            )
        )
    return warnings


def _panel_context(page, request):
    if not page.pk:
        return {"unsaved": True}
    text = page_text(page)
    return {
        "warnings": check_page(page),
        "grade": grade_level(text),
        "target": settings.READING_GRADE_TARGET,
    }


def checks_panel():
    return InstancePanel(
        "home/admin/content_checks_panel.html", _panel_context, heading="Content checks"
    )
