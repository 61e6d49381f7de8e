"""One line of an article import file: its fields, and every check it passes before writing.

A record is checked completely here, before anything is written, so the write itself
meets no surprise: every length the models limit, control characters (PostgreSQL refuses
NUL), the search index's size limit, nesting depth, self-references, and each body
block's own validation, reported with the block's position and name. Checks that need
the whole file (duplicate slugs, related articles that exist) are the importer's.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from articles.models import ArticlePage, Author
from core.input import CONTROL, BadInput, json_body
from topics.models import Topic, clean_name

REQUIRED = {"slug": str, "title": str, "summary": str, "body": list, "date": str}
OPTIONAL = {
    "topics": (list, []),
    "authors": (list, []),
    "members_only": (bool, False),
    "live": (bool, True),
    "standfirst": (str, ""),
    "from_members_blog": (bool, False),
    "related": (list, []),
}
# A record is a few levels deep (body > item > value > field); anything far deeper is not
# an article, and refusing it early keeps every later step clear of Python's stack limit.
MAX_DEPTH = 20
# PostgreSQL's tsvector holds at most 1 MB, and Wagtail indexes an article's title,
# summary, standfirst, body and topics together (and again for autocomplete). Half of
# that leaves room for the rest; a long article is about 50 KB.
MAX_INDEXED_BYTES = 500_000
INDEXED_FIELDS = ("title", "summary", "standfirst", "body")


class RecordError(Exception):
    """A record that cannot be imported; the message says what to fix."""


def max_length(model, name):
    return model._meta.get_field(name).max_length


def labelled_strings(data, path=()):
    """(label, text) for every string in ``data``, e.g. ``('body item 2 (heading) text', …)``.

    Iterative, so no input can exhaust the stack; list items are numbered from 1 and named
    by their ``type`` when they have one, as editors see blocks.
    """
    stack = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield " ".join(where), value
        elif isinstance(value, dict):
            stack.extend(
                ((*where, key) if key != "value" else where, item)
                for key, item in reversed(value.items())
            )
        elif isinstance(value, list):
            for position, item in reversed(list(enumerate(value, start=1))):
                kind = item.get("type") if isinstance(item, dict) else None
                label = f"item {position} ({kind})" if isinstance(kind, str) else f"item {position}"
                stack.append(((*where, label), item))


def check_control_characters(data):
    for label, text in labelled_strings(data):
        found = CONTROL.search(text)
        if found:
            raise RecordError(
                f'field "{label}" contains the control character U+{ord(found.group()):04X} '
                f"at character {found.start() + 1}: remove it"
            )


def check_index_size(data):
    """Refuse a record whose indexed text would not fit the search index, naming the field."""
    sizes = [
        (len(text.encode("utf-8")), label)
        for name in INDEXED_FIELDS
        for label, text in labelled_strings(data.get(name), (name,))
    ]
    total = sum(size for size, _label in sizes)
    if total > MAX_INDEXED_BYTES:
        size, label = max(sizes)
        raise RecordError(
            f'field "{label}" is too long to be searchable ({size:,} bytes; an article\'s '
            f"text may be at most {MAX_INDEXED_BYTES:,} bytes in all): split the article"
        )


def block_errors(error, where, raw):
    """Each message of a block validation error, prefixed with where it is.

    Wagtail's errors nest as the blocks do (``block_errors`` keyed by position or field
    name); ``raw`` is the submitted value alongside, which names each stream item's block.
    """
    prefix = f"{where}: " if where else ""
    if isinstance(error, StreamBlockValidationError | ListBlockValidationError):
        for message in error.non_block_errors.as_data():
            yield from (prefix + text for text in message.messages)
        items = raw if isinstance(raw, list) else []
        for index, child in sorted(error.block_errors.items()):
            item = items[int(index)] if int(index) < len(items) else None
            label = f"{where} item {int(index) + 1}"
            if isinstance(error, StreamBlockValidationError) and isinstance(item, dict):
                label += f" ({item.get('type')})"
            value = item.get("value") if isinstance(item, dict) and "value" in item else item
            yield from block_errors(child, label.strip(), value)
    elif isinstance(error, StructBlockValidationError):
        for message in error.non_block_errors.as_data():
            yield from (prefix + text for text in message.messages)
        fields = raw if isinstance(raw, dict) else {}
        for name, child in error.block_errors.items():
            yield from block_errors(child, f"{prefix}{name}", fields.get(name))
    else:
        yield from (prefix + text for text in error.messages)


def normalise_block(position, item):
    """Accept the short forms the file format allows (a heading as plain text)."""
    if not isinstance(item, dict) or "type" not in item or "value" not in item:
        raise RecordError(f'body item {position}: each body item needs "type" and "value"')
    kind, value = item["type"], item["value"]
    if kind == "heading" and isinstance(value, str):
        value = {"text": value, "level": "h2"}
    return {"type": kind, "value": value}


def parse_body(items):
    """The body as a cleaned StreamValue (rich text sanitised); invalid blocks are errors."""
    stream_block = ArticlePage._meta.get_field("body").stream_block
    known = stream_block.child_blocks
    raw = [normalise_block(position, item) for position, item in enumerate(items, start=1)]
    for position, item in enumerate(raw, start=1):
        if item["type"] not in known:
            raise RecordError(
                f"body item {position}: unknown block type {item['type']!r} "
                f"(use one of: {', '.join(known)})"
            )
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        raise RecordError("; ".join(block_errors(error, "body", raw)) or str(error)) from error
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise RecordError(f"body is not valid: {error}") from error


def load(line):
    """The JSON object on one line, or RecordError (bad JSON, too deep, not an object)."""
    try:
        data = json_body(line, max_depth=MAX_DEPTH, check_strings=False)
    except BadInput as error:
        raise RecordError(str(error)) from error
    if not isinstance(data, dict):
        raise RecordError("each line must be a JSON object")
    return data


def _check_names(record):
    for name, model in (("topics", Topic), ("authors", Author)):
        limit = max_length(model, "name")
        for position, value in enumerate(record[name], start=1):
            if len(clean_name(value)) > limit:
                raise RecordError(
                    f'field "{name}" item {position} is longer than {limit} characters '
                    f"({len(clean_name(value))})"
                )


def parse_record(line):
    """A validated record dict from one line of JSON, or RecordError."""
    data = load(line)
    record = {}
    for name, kind in REQUIRED.items():
        if name not in data:
            raise RecordError(f'missing field "{name}"')
        if not isinstance(data[name], kind) or (kind is str and not data[name].strip()):
            raise RecordError(f'field "{name}" must be a non-empty {kind.__name__}')
        record[name] = data[name]
    for name, (kind, default) in OPTIONAL.items():
        value = data.get(name, default)
        if value is None:
            value = default
        if not isinstance(value, kind):
            raise RecordError(f'field "{name}" must be a {kind.__name__}')
        record[name] = value
    for name in ("topics", "authors", "related"):
        if not all(isinstance(item, str) for item in record[name]):
            raise RecordError(f'field "{name}" must be a list of strings')
    check_control_characters(record)
    for name in ("slug", "title"):
        limit = max_length(ArticlePage, name)
        if len(record[name]) > limit:
            raise RecordError(
                f'field "{name}" is longer than {limit} characters ({len(record[name])})'
            )
    _check_names(record)
    check_index_size(record)
    record["slug"] = record["slug"].strip()
    if slugify(record["slug"]) != record["slug"]:
        raise RecordError(f'slug "{record["slug"]}" must be lower-case letters, digits and -')
    if record["slug"] in record["related"]:
        raise RecordError(f'field "related" lists the article itself ("{record["slug"]}")')
    try:
        record["date"] = date.fromisoformat(record["date"])
        if len(data["date"]) != 10:
            raise ValueError
    except ValueError as error:
        raise RecordError(f'bad date "{data["date"]}": use YYYY-MM-DD') from error
    record["body"] = parse_body(record["body"])
    return record
