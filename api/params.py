"""The one parser for whole numbers in API input: ``limit``, ``offset``, ids.

Only ASCII digits within range are accepted. Python's ``int()`` also takes "²", "١٢",
" 12", "+12" and "1_000", and an id too large for the database fails there instead of
here; every such value is a 400 that names the parameter.
"""

import re

from django.http import Http404

from api.errors import ParameterError

DIGITS = re.compile(r"[0-9]+")
#: The largest id a page, topic or image can have (a signed 64-bit column).
MAX_ID = 2**63 - 1
LIMIT_MAX = 100
OFFSET_MAX = 1_000_000


def whole_number(raw, parameter, *, default=None, minimum=0, maximum=MAX_ID):
    """``raw`` as an int from ``minimum`` to ``maximum``, or a ``ParameterError``."""
    if raw is None:
        return default
    text = str(raw)
    if not DIGITS.fullmatch(text):
        raise ParameterError(parameter, f"must be a whole number, not {text[:40]!r}")
    value = int(text)
    if value < minimum:
        raise ParameterError(parameter, f"must be at least {minimum}")
    if value > maximum:
        raise ParameterError(parameter, f"must be at most {maximum}")
    return value


def limit_and_offset(query, default_limit=20, max_limit=LIMIT_MAX):
    """``(limit, offset)`` from a query string (limit 1 to ``max_limit``)."""
    limit = whole_number(
        query.get("limit"), "limit", default=default_limit, minimum=1, maximum=max_limit
    )
    offset = whole_number(query.get("offset"), "offset", default=0, maximum=OFFSET_MAX)
    return limit, offset


def existing_id(raw):
    """An id from a URL: a 404 when it is too large for any object to have it."""
    if raw is not None and DIGITS.fullmatch(str(raw)) and int(raw) > MAX_ID:
        raise Http404("no object has this id")
    return raw
