"""Excerpts with the reader's words marked, safe to put in a page.

The text is split into matched and unmatched pieces first, every piece is HTML-escaped,
and only then are matched pieces wrapped in ``<mark>``: neither the content nor the query
can inject markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

EXCERPT_WORDS = 40
_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word):
    """A crude stem so "drinking" also marks "drink" and "drinks"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def match_pattern(terms):
    """A regex matching whole words that start with any term's stem, or None."""
    stems = sorted({stem(t.lower()) for t in terms if t}, key=len, reverse=True)
    if not stems:
        return None
    alternatives = "|".join(re.escape(s) for s in stems)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, terms):
    """``text`` escaped, with words matching ``terms`` wrapped in ``<mark>``."""
    pattern = match_pattern(terms)
    if pattern is None:
        return escape(text)
    pieces = []
    last = 0
    for found in pattern.finditer(text):
        pieces.append(escape(text[last : found.start()]))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece was escaped above


def excerpt(text, terms, size=EXCERPT_WORDS):
    """About ``size`` words of ``text`` around the first matched word, highlighted."""
    tokens = (text or "").split()
    if not tokens:
        return ""
    pattern = match_pattern(terms)
    first = 0
    if pattern is not None:
        first = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, first - size // 4)
    window = tokens[start : start + size]
    snippet = " ".join(window)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + size < len(tokens) else ""
    return mark_safe(f"{prefix}{highlight(snippet, terms)}{suffix}")  # noqa: S308
