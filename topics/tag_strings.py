"""How the topics field reads and writes its text: names separated by commas, no quotes.

taggit's default quotes a two-word name ("mental health" shows as a chip with literal
quotes) and splits a single entry without commas on spaces. Topic names often have two
words, so a comma (or a new line) alone separates them; quotes an older browser script
adds are dropped. Wired in through taggit's own settings (``TAGGIT_TAGS_FROM_STRING``,
``TAGGIT_STRING_FROM_TAGS``) in ``cms/settings/base.py``.
"""

import re

from topics.models import clean_name

_SEPARATORS = re.compile(r"[,\n]")


def names_from_string(text):
    """The names in the field's text, trimmed, unquoted, blanks and repeats dropped."""
    names = (clean_name(part).strip('"').strip() for part in _SEPARATORS.split(text or ""))
    return list(dict.fromkeys(name for name in names if name))


def string_from_topics(topics):
    """The field's text for these topics: their names, comma-separated, in name order."""
    return ", ".join(sorted(topic.name for topic in topics))
