"""Plain text out of StreamField values, for reading time, excerpts and scoring."""

from django.utils.html import strip_tags


def stream_text(stream):
    """Every word a reader reads in a StreamField value, in order, as one plain string.

    It is exactly the text the search index holds: the blocks' own
    ``get_searchable_content`` (rich text without tags, entities decoded), so no block
    structure (type names, ids, field keys, a heading's level, links) reaches an excerpt
    that the index would not match, nor the other way round. A block that holds
    structure rather than words says so there (``core.blocks.StyleChoiceBlock``).
    """
    pieces = stream.stream_block.get_searchable_content(stream)
    return " ".join(" ".join(piece.split()) for piece in pieces if piece).strip()


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
