"""Import articles from JSON Lines, keyed by slug: the command, the demo and benchmarks use it.

Each line is one article (see ``REQUIRED`` and ``OPTIONAL``). A bad line is reported with its
number and reason and nothing of it is written; the others import. Topics and authors are
resolved once per run (topics through synonyms), and an unchanged article gets no new
revision, so running the same file twice changes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Revision

from articles.bulk import TreeAppender, deferred_indexing
from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleRelatedPick, Author
from topics.models import Topic

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
BATCH = 200


class RecordError(Exception):
    """A record that cannot be imported; the message says what to fix."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)
    dry_run: bool = False

    @property
    def failed(self):
        return len(self.errors)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        verb = "Would import" if self.dry_run else "Imported"
        return (
            f"{verb}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.failed} failed."
        )


def _body_block():
    return ArticlePage._meta.get_field("body").stream_block


def normalise_block(item):
    """Accept the short forms the file format allows (a heading as plain text)."""
    if not isinstance(item, dict) or "type" not in item or "value" not in item:
        raise RecordError('each body item needs "type" and "value"')
    kind, value = item["type"], item["value"]
    if kind == "heading" and isinstance(value, str):
        value = {"text": value, "level": "h2"}
    return {"type": kind, "value": value}


def parse_body(items):
    """The body as a cleaned StreamValue; unknown block types and invalid values are errors."""
    stream_block = _body_block()
    known = stream_block.child_blocks
    raw = [normalise_block(item) for item in items]
    for position, item in enumerate(raw, start=1):
        if item["type"] not in known:
            raise RecordError(
                f"body item {position}: unknown block type {item['type']!r} "
                f"(use one of: {', '.join(known)})"
            )
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        raise RecordError(f"body is not valid: {'; '.join(error.messages)}") from error
    except (TypeError, ValueError, AttributeError, KeyError) as error:
        raise RecordError(f"body is not valid: {error}") from error


def parse_record(line):
    """A validated record dict from one line of JSON, or RecordError."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise RecordError(f"invalid JSON: {error.msg} (column {error.colno})") from error
    if not isinstance(data, dict):
        raise RecordError("each line must be a JSON object")
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
    for name, limit in (("slug", 255), ("title", 255)):
        if len(record[name]) > limit:
            raise RecordError(f'field "{name}" is longer than {limit} characters')
    record["slug"] = record["slug"].strip()
    if slugify(record["slug"]) != record["slug"]:
        raise RecordError(f'slug "{record["slug"]}" must be lower-case letters, digits and -')
    try:
        record["date"] = date.fromisoformat(record["date"])
        if len(data["date"]) != 10:
            raise ValueError
    except ValueError as error:
        raise RecordError(f'bad date "{data["date"]}": use YYYY-MM-DD') from error
    record["body"] = parse_body(record["body"])
    return record


def ensure_index():
    """The blog index (slug ``articles`` under the home page), created when missing."""
    from home.models import HomePage

    index = ArticleIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            raise RecordError("there is no home page to put the blog under")
        index = home.add_child(instance=ArticleIndexPage(title="Articles", slug="articles"))
        index.save_revision().publish()
    return index


class AuthorDirectory:
    """Authors by name, loaded once and created as needed with a unique slug."""

    def __init__(self):
        self.by_name = {a.name.lower(): a for a in Author.objects.all()}
        self.slugs = set(Author.objects.values_list("slug", flat=True))

    def get(self, name, create=True):
        name = " ".join(name.split())
        author = self.by_name.get(name.lower())
        if author is None and name and create:
            base = slugify(name) or "author"
            slug, n = base, 2
            while slug in self.slugs:
                slug, n = f"{base}-{n}", n + 1
            author = Author.objects.create(name=name, slug=slug)
            self.by_name[name.lower()] = author
            self.slugs.add(slug)
        return author


def _body_data(stream):
    return [(child.block_type, child.block.get_prep_value(child.value)) for child in stream]


def _is_unchanged(page, record, topics, authors):
    if page.live != record["live"]:
        return False
    if page.has_unpublished_changes:
        if page.live:
            return False
        page = page.get_latest_revision_as_object()
    fields = ("title", "summary", "standfirst", "date", "members_only", "from_members_blog")
    if any(getattr(page, name) != record[name] for name in fields):
        return False
    if [child.block_type for child in page.body] != [c.block_type for c in record["body"]]:
        return False
    strip = [(kind, _without_ids(value)) for kind, value in _body_data(page.body)]
    if strip != [(kind, _without_ids(value)) for kind, value in _body_data(record["body"])]:
        return False
    if {t.pk for t in page.topics.all()} != {t.pk for t in topics}:
        return False
    return [link.author_id for link in page.article_authors.all()] == [a.pk for a in authors]


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


class Importer:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.index = None if dry_run else ensure_index()
        self.tree = None if dry_run else TreeAppender(self.index)
        self.new_ids = set()
        self.topics = Topic.objects.resolver()
        self.authors = AuthorDirectory()
        self.pages = {
            p.slug: p
            for p in ArticlePage.objects.prefetch_related("article_authors", "tagged_items")
        }

    def write(self, record):
        """Create or update one article; returns "created", "updated" or "unchanged"."""
        if self.dry_run:
            self.topics.resolve(record["topics"], create=False)
            return "updated" if record["slug"] in self.pages else "created"
        topics = self.topics.resolve(record["topics"])
        authors = [a for a in (self.authors.get(n) for n in record["authors"]) if a]
        authors = list(dict.fromkeys(authors))
        page = self.pages.get(record["slug"])
        if page is not None and _is_unchanged(page, record, topics, authors):
            return "unchanged"
        created = page is None
        if created:
            page = ArticlePage(slug=record["slug"])
        for name in ("title", "summary", "standfirst", "date", "members_only"):
            setattr(page, name, record[name])
        page.from_members_blog = record["from_members_blog"]
        page.body = record["body"]
        page.topics.set(topics)
        page.article_authors = [
            ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)
        ]
        if created and record["live"]:
            self.tree.create_live(page)
            self.new_ids.add(page.pk)
            self.pages[page.slug] = page
            return "created"
        if created:
            page.live = False
            self.index.add_child(instance=page)
            self.tree.last_path = page.path
        revision = page.save_revision(log_action=True)
        if record["live"]:
            revision.publish(log_action=True)
        elif page.live:
            page.unpublish()
        page.sync_members_restriction()
        self.tree.added.append(page)
        self.pages[page.slug] = page
        return "created" if created else "updated"

    def link_related(self, records):
        """Editor-chosen related posts, set once every article of the file exists."""
        for record in records:
            page = self.pages[record["slug"]]
            if not record["related"] and page.pk in self.new_ids:
                continue
            wanted = [self.pages[s].pk for s in record["related"] if s in self.pages]
            current = list(page.related_picks.values_list("related_id", flat=True))
            if current != wanted:
                ArticleRelatedPick.objects.filter(page=page).delete()
                picks = ArticleRelatedPick.objects.bulk_create(
                    ArticleRelatedPick(page=page, related_id=pk, sort_order=i)
                    for i, pk in enumerate(wanted)
                )
                _record_picks_in_revision(page, picks)


def _record_picks_in_revision(page, picks):
    """The latest revision must list the picks too, or the next edit in the admin drops them."""
    revision = Revision.objects.filter(pk=page.latest_revision_id).first()
    if revision is None:
        return
    revision.content["related_picks"] = [
        {"pk": pick.pk, "page": page.pk, "related": pick.related_id, "sort_order": pick.sort_order}
        for pick in picks
    ]
    revision.save(update_fields=["content"])


def read_lines(source):
    """(line number, text) for each non-blank line of an iterable of strings or dicts."""
    for number, line in enumerate(source, start=1):
        if isinstance(line, dict):
            yield number, json.dumps(line)
        elif line.strip():
            yield number, line


def import_records(source, dry_run=False, progress=None):
    """Import JSON Lines from ``source`` (lines or dicts); returns an ImportResult.

    ``progress(done, total)`` is called as records are written, if given.
    """
    result = ImportResult(dry_run=dry_run)
    parsed = []
    for number, line in read_lines(source):
        try:
            parsed.append((number, parse_record(line)))
        except RecordError as error:
            result.errors.append((number, str(error)))
    importer = Importer(dry_run=dry_run)
    known = set(importer.pages) | {record["slug"] for _, record in parsed}
    valid = []
    for number, record in parsed:
        missing = [slug for slug in record["related"] if slug not in known]
        if missing:
            result.errors.append((number, f"related article(s) not found: {', '.join(missing)}"))
        else:
            valid.append((number, record))
    written = []
    done = 0
    for start in range(0, len(valid), BATCH):
        with transaction.atomic(), deferred_indexing():
            for number, record in valid[start : start + BATCH]:
                try:
                    with transaction.atomic():
                        outcome = importer.write(record)
                except (RecordError, ValidationError) as error:
                    messages = getattr(error, "messages", [str(error)])
                    result.errors.append((number, "; ".join(messages)))
                    continue
                setattr(result, outcome, getattr(result, outcome) + 1)
                written.append(record)
                done += 1
                if progress:
                    progress(done, len(valid))
            if importer.tree:
                importer.tree.flush()
    if not dry_run:
        with transaction.atomic():
            importer.link_related(written)
    result.errors.sort()
    return result
