"""Small template helpers for the course pages."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` or None: templates cannot index a dict with a variable."""
    return mapping.get(key) if mapping else None
