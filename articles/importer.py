"""Import articles from JSON Lines, keyed by slug: the command, the demo and benchmarks use it.

Each line is one article, checked completely before anything is written (see
``articles.import_format``). A bad line is reported with its number and reason and nothing
of it is written; the others import, even when the database refuses one. Topics and authors are
resolved once per run (topics through synonyms), and an unchanged article gets no new
revision, so running the same file twice changes nothing.
"""

import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from wagtail.models import Revision

from articles.bulk import TreeAppender, deferred_indexing
from articles.import_format import RecordError, parse_record
from articles.models import ArticleAuthor, ArticleIndexPage, ArticlePage, ArticleRelatedPick, Author
from topics.models import Topic

BATCH = 200


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


def ensure_index():
    """The blog index (slug ``articles`` under the home page), created when missing."""
    from home.models import HomePage

    index = ArticleIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        if home is None:
            raise RecordError("there is no home page to put the blog under")
        index = home.add_child(
            instance=ArticleIndexPage(title="Articles", slug="articles", show_in_menus=True)
        )
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
            # Room for a "-NN" suffix within the slug's length.
            base = slugify(name)[: Author._meta.get_field("slug").max_length - 4] or "author"
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

    def checkpoint(self):
        """What ``recover`` needs to forget a record whose savepoint was rolled back."""
        return self.tree.checkpoint() if self.tree else None

    def recover(self, checkpoint):
        """Forget a rolled-back record: tree paths, pending logs, and cached new rows.

        Topics and authors created for it no longer exist, so both caches are read again.
        """
        if self.tree:
            self.tree.restore(checkpoint)
        self.topics = Topic.objects.resolver()
        self.authors = AuthorDirectory()

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
            wanted = list(
                dict.fromkeys(self.pages[s].pk for s in record["related"] if s in self.pages)
            )
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
    """(line number, text or RecordError) for each non-blank line of strings, bytes or dicts.

    Bytes are decoded line by line, so one line that is not UTF-8 is reported alone. A
    UTF-8 byte-order mark (Windows exports) before the first line is dropped.
    """
    for number, line in enumerate(source, start=1):
        if isinstance(line, dict):
            yield number, json.dumps(line)
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as error:
                yield number, RecordError(f"not UTF-8 text: {error.reason} at byte {error.start}")
                continue
        if number == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield number, line


def parse_lines(source, result):
    """The file's valid records as (line number, record); the others go to ``result``."""
    parsed, first_line = [], {}
    for number, line in read_lines(source):
        try:
            if isinstance(line, RecordError):
                raise line
            record = parse_record(line)
            if record["slug"] in first_line:
                raise RecordError(
                    f'slug "{record["slug"]}" is already used on line {first_line[record["slug"]]}'
                )
        except RecordError as error:
            result.errors.append((number, str(error)))
            continue
        first_line[record["slug"]] = number
        parsed.append((number, record))
    return parsed


def import_records(source, dry_run=False, progress=None):
    """Import JSON Lines from ``source`` (lines or dicts); returns an ImportResult.

    ``progress(done, total)`` is called as records are written, if given. Each record is
    written in its own savepoint: one the database refuses is reported by its line, and
    the rest of the batch goes on.
    """
    result = ImportResult(dry_run=dry_run)
    parsed = parse_lines(source, result)
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
                checkpoint = importer.checkpoint()
                try:
                    with transaction.atomic():
                        outcome = importer.write(record)
                except (RecordError, ValidationError, DatabaseError) as error:
                    importer.recover(checkpoint)
                    messages = getattr(error, "messages", None) or [_database_message(error)]
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


def _database_message(error):
    if not isinstance(error, DatabaseError):
        return str(error)
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"the database refused the record: {first_line}"
