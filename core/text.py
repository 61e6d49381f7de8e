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


WORDS_PER_MINUTE = 220


def _raw_words(value):
    """Words in raw StreamField JSON, without loading chosen objects (ids are skipped)."""
    if isinstance(value, str):
        return strip_tags(value).split()
    if isinstance(value, dict):
        return [word for item in value.values() for word in _raw_words(item)]
    if isinstance(value, list):
        return [word for item in value for word in _raw_words(item)]
    return []


def reading_minutes(summary, stream):
    """Minutes to read a summary and a StreamField body, at least one.

    Counted from the stored JSON, so it costs no query for images or snippets the body
    chooses, and a listing can show it for every entry.
    """
    words = len((summary or "").split())
    words += sum(len(_raw_words(block.get("value"))) for block in stream.raw_data)
    return max(1, round(words / WORDS_PER_MINUTE))
