"""Plain text out of StreamField values, for reading time, excerpts and scoring."""

from django.utils.html import strip_tags
from wagtail.rich_text import RichText


def _value_text(value):
    if isinstance(value, RichText):
        return strip_tags(value.source)
    if isinstance(value, str):
        return strip_tags(value)
    if isinstance(value, dict) or hasattr(value, "items"):
        return " ".join(_value_text(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_value_text(v) for v in value)
    if hasattr(value, "__iter__") and not hasattr(value, "pk"):
        return " ".join(_value_text(v) for v in value)
    return ""


def stream_text(stream):
    """Every human-readable word in a StreamField value, in order, as one string."""
    return " ".join(" ".join(_value_text(child.value).split()) for child in stream).strip()
