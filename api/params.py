"""The one parser for whole numbers in API input: ``limit``, ``offset``, ids.

Only ASCII digits within range are accepted. Python's ``int()`` also takes "²", "١٢",
" 12", "+12" and "1_000", and an id too large for the database fails there instead of
here; every such value is a 400 that names the parameter.
"""

import re
from functools import wraps

from api.errors import ParameterError
from core.errors import json_error

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


#: Query parameters of the v3 API that hold a page id (``root`` also names one).
ID_PARAMETERS = ("id", "child_of", "descendant_of", "ancestor_of", "translation_of")


def check_whole_numbers(request, path):
    """Refuse, before anything parses them, numbers that are not plain ASCII digits.

    For the v3 API, whose own parsing (Pydantic's) takes "+5", " 5" and "1_0": ``limit``,
    ``offset``, ids in the query and ids in the path (``*_id``). Ranges are checked where
    each is used; an id too large for any object answers 404 there.
    """
    maxima = {"limit": LIMIT_MAX, "offset": OFFSET_MAX}
    for name in ("limit", "offset", *ID_PARAMETERS):
        for value in request.GET.getlist(name):
            if not (name in ID_PARAMETERS and value == "root"):
                whole_number(value, name, maximum=maxima.get(name, MAX_ID))
    for name, value in path.items():
        if name.endswith("_id"):
            whole_number(value, name)


def existing_id(raw, parameter="id"):
    """An id from a URL or query, checked like any whole number (a 400 out of range)."""
    if raw is None:
        return raw
    return whole_number(raw, parameter, minimum=1)


def whole_numbers_only(run):
    """A v3 "view" decorator: numbers in the query and path are checked before Ninja parses."""

    @wraps(run)
    def checked(request, *args, **path):
        try:
            check_whole_numbers(request, path)
        except ParameterError as exc:
            return json_error(400, str(exc), exc.parameter)
        return run(request, *args, **path)

    return checked
