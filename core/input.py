"""What the site accepts as text from outside: the one rule every form, query and body obeys.

Control characters (NUL above all: PostgreSQL refuses to store or even compare it) have no
place in anything a reader types. In a query string or a path they can only be an attack
or a broken client, so the request is refused with a 400 that names the parameter. In a
submitted form they are stripped, so what a member typed (a journal answer, a question) is
kept and saved rather than lost to an error. JSON (request bodies, import files) is read
by ``json_body``, which refuses nesting deep enough to exhaust the parser and control
characters in strings.
"""

import json
import re

#: C0 controls except tab, newline and carriage return, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Deeper JSON than any honest client sends; deeper input is refused before parsing.
MAX_JSON_DEPTH = 64


class BadInput(ValueError):
    """Input the site will not read; the message says why and ``parameter`` names where."""

    def __init__(self, message, parameter=None):
        super().__init__(message)
        self.parameter = parameter


def has_control(text):
    return CONTROL.search(text) is not None


def strip_control(text):
    return CONTROL.sub("", text)


def first_control_parameter(query):
    """The first name in a QueryDict whose name or a value holds a control character."""
    for name, values in query.lists():
        if has_control(name) or any(has_control(value) for value in values):
            return strip_control(name) or "?"
    return None


def stripped(query):
    """A copy of a QueryDict with control characters removed from names and values."""
    clean = query.copy()
    clean.clear()
    for name, values in query.lists():
        clean.setlist(strip_control(name), [strip_control(value) for value in values])
    clean._mutable = False
    return clean


def nesting_depth(text, stop_after):
    """How deeply a JSON text nests (brackets outside strings), counted up to ``stop_after``."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_after:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _check_strings(value):
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if has_control(item):
                raise BadInput("not accepted: a string holds a control character (such as NUL)")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def json_body(raw, max_depth=MAX_JSON_DEPTH, check_strings=True):
    """Parse JSON text (a request body, an import line), or raise BadInput saying why.

    Nesting deeper than ``max_depth`` is refused before parsing, so no input can exhaust
    the parser's stack. Strings holding control characters are refused unless the caller
    checks them itself (``check_strings=False``), to name the field at fault.
    """
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as error:
        raise BadInput("not valid JSON: it must be UTF-8 encoded") from error
    brackets = text.count("[") + text.count("{")
    if brackets > max_depth and nesting_depth(text, max_depth) > max_depth:
        raise BadInput(f"not valid JSON here: it nests deeper than {max_depth} levels")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(f"not valid JSON: {error.msg} (column {error.colno})") from error
    except (ValueError, RecursionError) as error:
        raise BadInput("not valid JSON") from error
    if check_strings:
        _check_strings(value)
    return value
