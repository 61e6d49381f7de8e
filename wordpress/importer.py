"""Import a WordPress export: attachments, then posts and pages, then redirects.

The export is read twice, streamed both times (``wordpress.wxr``): first to learn every
item's id, type, address and slug (so links between posts can be rewritten before the
target exists), then to write. Attachments (a few fields each) are kept from the first
pass and imported first; pages (a site has few) are held until the posts are written and
then written parents first, so a parent later in the file is no problem.

Posts go through the JSON Lines importer's pieces (``articles.importer`` and
``articles.import_format``): the blog index, the fast path for new live articles, the
topic resolver (synonyms, so "benzos" files under "Benzodiazepines") and the body check
that cleans rich text with ``core.richtext``. Each item is written in its own savepoint;
one the database or the blocks refuse is reported and the rest go on.

An item is remembered by its post id (and GUID) with a fingerprint of what it became; an
unchanged item is not written again, a changed one gets one new revision. A dry run does
the same work inside a transaction that is rolled back, and copies no files.
"""

import hashlib
import json
from datetime import UTC, date, datetime
from html import unescape
from urllib.parse import parse_qs, unquote, urlparse

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.functional import cached_property
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from articles.bulk import TreeAppender, deferred_indexing
from articles.import_format import RecordError, parse_body
from articles.importer import ensure_index
from articles.models import ArticleAuthor, ArticlePage, Author
from core.input import strip_control
from core.members import members_group_name
from core.text import stream_text
from home.models import HomePage, HomePageFeaturedPage
from pages.models import ContentPage
from topics.models import Topic
from wordpress import bodies, wxr
from wordpress.media import Library, file_key
from wordpress.models import ImportedItem
from wordpress.redirects import Redirects
from wordpress.report import Report

BATCH = 200
#: Bumped when the conversion changes, so a re-run rewrites what it would now write better.
CONVERTER_VERSION = 1
SUMMARY_WORDS = 40
PRIVATE_SUMMARY = "An article for members: sign in to read it."
PROTECTED_SUMMARY = "This article is protected by a password."
FEATURED_MAX = 6  # as many as the home page's editor panel offers
SKIPPED_STATUSES = {
    "trash": "in the WordPress trash",
    "auto-draft": "an automatic draft WordPress never showed",
    "inherit": "a revision",
}
CARRIED_TYPES = {"post", "page", "attachment"}
UNCATEGORISED = {"uncategorized", "uncategorised"}
#: First path segments the site's own addresses use; a top-level page may not take them.
RESERVED_SLUGS = {
    "admin", "api", "articles", "accounts", "authors", "documents", "my", "search",
    "topics", "_util", "sitemap-xml", "robots-txt", "media", "static",
}  # fmt: skip


def plain_text(html):
    """Markup stripped and entities decoded (twice-escaped titles are common), spaces tidied."""
    text = BeautifulSoup(html or "", "html.parser").get_text(" ")
    return " ".join(strip_control(unescape(text)).split())


def untitled(item):
    kind = "page" if item.post_type == "page" else "post"
    return f"Untitled {kind} (WordPress {kind} {item.post_id})"


def generated_summary(text, title):
    """The first sentences of the text, about forty words; the title when there is no text."""
    words = text.split()
    if not words:
        return title
    summary = " ".join(words[:SUMMARY_WORDS])
    end = max(summary.rfind(". "), summary.rfind("? "), summary.rfind("! "))
    if len(words) > SUMMARY_WORDS:
        summary = summary[: end + 1] if end > 40 else summary + "…"
    return summary


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def parse_date(text):
    try:
        return datetime.strptime(text[:19], "%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return None


class Plan:
    """What the first pass learnt: every post and page, where it was and where it will be."""

    def __init__(self, channel):
        self.channel = channel
        self.entries = {}  # wp id -> (type, slug, parent, link)
        self.by_path = {}  # old path -> wp id
        self.total = 0

    @cached_property
    def hosts(self):
        """The old site's host names (asked once the channel has been read)."""
        urls = (self.channel.link, self.channel.base_site_url, self.channel.base_blog_url)
        return {urlparse(url).netloc.lower() for url in urls if url}

    def add(self, item):
        self.entries[item.post_id] = (item.post_type, item.post_name, item.parent, item.link)
        path = old_path(item.link)
        if path and path != "/":
            self.by_path.setdefault(path, item.post_id)
        if item.guid:
            self.by_path.setdefault(old_path(item.guid), item.post_id)


def old_path(url):
    """The path (and ``p``/``page_id`` query) of an old address, as the redirects store it."""
    parsed = urlparse(url or "")
    query = parse_qs(parsed.query)
    for key in ("p", "page_id", "attachment_id"):
        if query.get(key, [""])[0].isdigit():
            return f"/?{key}={query[key][0]}"
    path = unquote(parsed.path) or "/"
    return path if path.endswith("/") else path + "/"


class PostMedia(bodies.Media):
    """The converter's view of the importer for one item: its title, media and links."""

    def __init__(self, importer, item):
        self.importer, self.item = importer, item
        self.title = importer.current_title

    def image(self, wp_id=None, src=""):
        library = self.importer.library
        found = library.id_for(wp_id, src)
        if found is None:
            if src and self.importer.is_local(src):
                self.importer.note_missing(self.item, src)
            return None, "", ""
        image = library.images.get(found)
        return (image.pk if image else None), library.alt(found), library.caption(found)

    def gallery(self, ids):
        if ids:
            return ids
        return self.importer.library.children.get(self.item.post_id, [])

    def link(self, href):
        return self.importer.new_link(href) or href

    def document(self, href):
        library = self.importer.library
        if "/uploads/" not in href or not self.importer.is_local(href):
            return None
        document = library.documents.get(library.by_key.get(file_key(href)))
        return document.pk if document else None


class WordPressImporter:
    def __init__(self, open_export, uploads=None, dry_run=False, progress=None):
        """``open_export()`` returns the export as a new binary file each time it is called."""
        self.open_export = open_export
        self.uploads, self.dry_run, self.progress = uploads, dry_run, progress
        self.report = Report(dry_run=dry_run)
        self.current_title = ""
        self.sticky = []  # ids of sticky posts, featured once all are written

    # First pass

    def scan(self):
        channel = wxr.Channel()
        attachments = []
        self.plan = Plan(channel)
        with self.open_export() as handle:
            for item in wxr.read(handle, channel):
                self._scan_one(item, attachments)
        self.source = channel.source or "wordpress"
        self.library = Library(self.source, self.uploads, self.dry_run, self.report)
        for item in attachments:
            self.library.add(item)

    def _scan_one(self, item, attachments):
        if item.post_type == "attachment":
            attachments.append(item)
        if item.post_type in {"post", "page"} and item.status not in SKIPPED_STATUSES:
            self.plan.add(item)
            self.plan.total += 1

    # Where things go

    def prepare(self):
        self.index = ensure_index()
        self.home = self.index.get_parent().specific
        self.known = {
            record.wp_id: record
            for record in ImportedItem.objects.filter(source=self.source).select_related("page")
        }
        # The same site exported under another address (http to https, a new domain).
        self.by_guid = {
            record.guid: record
            for record in ImportedItem.objects.exclude(source=self.source).exclude(guid="")
        }
        self.topics = Topic.objects.resolver()
        self.authors = {author.slug: author for author in Author.objects.all()}
        self.new_urls = self.plan_urls()

    def record_for(self, item):
        record = self.known.get(item.post_id)
        if record is None and item.guid in self.by_guid:
            record = self.by_guid[item.guid]
        return record if record is not None and record.page_id else None

    def plan_urls(self):
        """The new address of every post and page, worked out before any is written.

        A slug already taken by a page this importer does not own (or by another item of
        the export) gets the post id added; a page keeps off the site's own top-level
        addresses (``/topics/``, ``/search/``…).
        """
        owned = {r.page_id for r in self.known.values() if r.page_id}
        taken = {
            ("post", 0, slug)
            for pk, slug in ArticlePage.objects.child_of(self.index).values_list("pk", "slug")
            if pk not in owned
        } | {
            ("page", 0, slug)
            for pk, slug in self.home.get_children().values_list("pk", "slug")
            if pk not in owned
        }
        self.slugs = {}
        for wp_id, (kind, name, parent, _link) in sorted(self.plan.entries.items()):
            record = self.known.get(wp_id)
            if record and record.page:
                self.slugs[wp_id] = record.page.slug
                continue
            base = slugify(unquote(name), allow_unicode=True)[:240] or f"{kind}-{wp_id}"
            if kind == "page" and base in RESERVED_SLUGS:
                base = f"{base}-page"
            scope = (kind, parent if kind == "page" and parent in self.plan.entries else 0)
            slug = base if (*scope, base) not in taken else f"{base}-{wp_id}"
            taken.add((*scope, slug))
            self.slugs[wp_id] = slug
        index_url = self.index.url_path.removeprefix(self.home.url_path).strip("/")
        urls = {}
        for wp_id, (kind, *_rest) in self.plan.entries.items():
            if kind == "post":
                urls[wp_id] = f"/{index_url}/{self.slugs[wp_id]}/"
            else:
                urls[wp_id] = "/" + "/".join(self.page_slugs(wp_id)) + "/"
        return urls

    def page_slugs(self, wp_id, seen=None):
        seen = seen or set()
        kind, _name, parent, _link = self.plan.entries[wp_id]
        if (
            parent in self.plan.entries
            and self.plan.entries[parent][0] == "page"
            and (parent not in seen)
        ):
            return [*self.page_slugs(parent, seen | {wp_id}), self.slugs[wp_id]]
        return [self.slugs[wp_id]]

    def is_local(self, url):
        parsed = urlparse(url)
        return not parsed.netloc or parsed.netloc.lower() in self.plan.hosts

    def new_link(self, href):
        """The new address an old internal link should point at, or None."""
        if not href or href.startswith(("#", "mailto:", "tel:")) or not self.is_local(href):
            return None
        path = old_path(href)
        wp_id = self.plan.by_path.get(path)
        if path.startswith("/?"):
            number = int(path.partition("=")[2])
            wp_id = number if number in self.plan.entries else None
        if wp_id in self.new_urls:
            fragment = urlparse(href).fragment
            return self.new_urls[wp_id] + (f"#{fragment}" if fragment else "")
        found = self.library.by_key.get(file_key(href)) if "/uploads/" in href else None
        if found is not None:
            return self.library.file_url(found)
        return None

    def note_missing(self, item, src):
        self.report.media_missing.append(
            {"id": item.post_id, "file": src, "reason": "not among the export's attachments"}
        )

    # Second pass

    def run(self):
        self.scan()
        with transaction.atomic():
            self.prepare()
            self.library.import_all(self.report.count)
            self.import_items()
            self.feature_sticky()
            Redirects(self).make()
            if self.dry_run:
                transaction.set_rollback(True)
        return self.report

    def import_items(self):
        pages, batch, done = [], [], 0
        self.seen = set()
        with self.open_export() as handle:
            for item in wxr.read(handle):
                if not self.should_import(item):
                    continue
                if item.post_type == "page":
                    pages.append(item)
                    continue
                batch.append(item)
                if len(batch) >= BATCH:
                    done = self.write_batch(batch, done)
                    batch = []
        done = self.write_batch(batch, done)
        for item in sorted(pages, key=self.page_depth):
            done = self.write_one(item, self.write_page, done)

    def should_import(self, item):
        if item.post_type == "attachment":
            return False
        if item.post_id <= 0 or item.post_id in self.seen:
            reason = "it has no post id" if item.post_id <= 0 else "its post id is used twice"
            self.fail(item, f"the export is damaged here: {reason}")
            return False
        self.seen.add(item.post_id)
        if item.post_type not in CARRIED_TYPES:
            self.skip(item, f"a “{item.post_type}” item (only posts, pages and media move)")
            return False
        if item.status in SKIPPED_STATUSES:
            self.skip(item, SKIPPED_STATUSES[item.status])
            return False
        return True

    def fail(self, item, reason):
        self.report.failed.append(
            {"id": item.post_id, "title": plain_text(item.title), "reason": reason}
        )

    def skip(self, item, reason):
        self.report.skipped.append({"id": item.post_id, "type": item.post_type, "reason": reason})

    def page_depth(self, item):
        depth, parent, seen = 0, item.parent, set()
        while parent in self.plan.entries and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = self.plan.entries[parent][2]
        return (depth, item.menu_order, item.post_id)

    def write_batch(self, batch, done):
        if not batch:
            return done
        self.tree = TreeAppender(self.index)
        with transaction.atomic(), deferred_indexing():
            for item in batch:
                done = self.write_one(item, self.write_post, done)
            if self.dry_run:
                self.tree.added = []
            self.tree.flush()
        return done

    def write_one(self, item, writer, done):
        checkpoint = self.tree.checkpoint() if item.post_type == "post" else None
        try:
            with transaction.atomic():
                outcome = writer(item)
        except (RecordError, ValidationError, DatabaseError, ValueError) as error:
            if checkpoint is not None:
                self.tree.restore(checkpoint)
            self.topics = Topic.objects.resolver()
            self.authors = {author.slug: author for author in Author.objects.all()}
            first_line = (str(error) or type(error).__name__).splitlines()[0]
            messages = getattr(error, "messages", None) or [first_line]
            self.fail(item, "; ".join(messages))
        else:
            self.report.count(item.post_type, outcome)
        done += 1
        if self.progress:
            self.progress(done, self.plan.total)
        return done

    # One item

    def fields(self, item):
        """Everything an item becomes, checked, as plain values (the fingerprint's input)."""
        title = plain_text(item.title)[:255] or untitled(item)
        self.current_title = title
        content = strip_control(item.content)
        raw = bodies.convert(content, PostMedia(self, item))
        body = parse_body(raw)
        # A teaser shows the summary, and WordPress shows neither the text nor the excerpt
        # of a private or password-protected post: no words of theirs may make it.
        if item.password:
            summary = PROTECTED_SUMMARY
        elif item.status == "private":
            summary = PRIVATE_SUMMARY
        else:
            summary = plain_text(item.excerpt) or generated_summary(stream_text(body), title)
        posted = parse_date(item.post_date)
        thumbnail = _int(item.meta.get("_thumbnail_id"))
        hero = self.library.images.get(thumbnail)
        return {
            "title": title,
            "slug": self.slugs[item.post_id],
            "summary": summary,
            "date": posted.date().isoformat() if posted else None,
            "body": body,
            "raw": raw,
            "hero": hero.pk if hero else None,
            "hero_alt": self.library.alt(thumbnail) if hero else "",
            "status": item.status,
            "go_live_at": self.go_live_at(item),
            "password": item.password,
            "terms": self.term_names(item),
            "author": item.creator,
        }

    def go_live_at(self, item):
        if item.status != "future":
            return None
        when = parse_date(item.post_date_gmt) or parse_date(item.post_date)
        return when.replace(tzinfo=UTC).isoformat() if when else None

    def term_names(self, item):
        names = []
        for domain, nicename, name in item.terms:
            if domain in {"category", "post_tag"} and nicename.lower() not in UNCATEGORISED:
                names.append(plain_text(name) or nicename)
        return names

    def fingerprint(self, fields):
        data = {key: value for key, value in fields.items() if key != "body"}
        data["version"] = CONVERTER_VERSION
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def author(self, login):
        login = " ".join((login or "").split())
        if not login:
            return None
        slug = slugify(login)[:120] or "author"
        author = self.authors.get(slug)
        if author is None:
            name = plain_text(self.plan.channel.authors.get(login, login))[:120] or login
            author = Author.objects.create(name=name, slug=slug)
            self.authors[slug] = author
        return author

    def write_post(self, item):
        fields = self.fields(item)
        fingerprint = self.fingerprint(fields)
        record = self.record_for(item)
        if record and record.fingerprint == fingerprint:
            return "unchanged"
        page = record.page.specific if record else ArticlePage(slug=fields["slug"])
        if record and page.has_unpublished_changes:
            page = page.get_latest_revision_as_object()
        page.title, page.summary, page.body = fields["title"], fields["summary"], fields["body"]
        page.date = date.fromisoformat(fields["date"]) if fields["date"] else None
        page.hero_image_id, page.hero_alt = fields["hero"], fields["hero_alt"][:250]
        page.members_only = item.status == "private"
        page.topics.set(self.topics.resolve(fields["terms"], create=not self.dry_run))
        author = self.author(fields["author"])
        page.article_authors = [ArticleAuthor(author=author, sort_order=0)] if author else []
        live = item.status in {"publish", "private"}
        if record is None and live and not item.password:
            self.tree.create_live(page)
        else:
            self.save(page, item, fields, created=record is None, live=live)
        self.restrict(page, item.password)
        self.remember(item, page, fingerprint, record)
        if item.sticky and live:
            self.sticky.append(page.pk)
        return "updated" if record else "created"

    def save(self, page, item, fields, created, live, parent=None):
        """Write ``page`` through one new revision, published, scheduled or left as a draft."""
        if created:
            page.live = False
            (parent or self.index).add_child(instance=page)
            if parent is None:
                self.tree.last_path = page.path
        page.go_live_at = (
            datetime.fromisoformat(fields["go_live_at"]) if fields["go_live_at"] else None
        )
        revision = page.save_revision(log_action=True)
        if live or page.go_live_at:
            revision.publish(log_action=True)
        elif page.live:
            page.unpublish()
        if item.status == "pending":
            self.submit_for_moderation(page)
        if isinstance(page, ArticlePage):
            page.sync_members_restriction()
            self.tree.added.append(page)

    def submit_for_moderation(self, page):
        workflow = page.get_workflow()
        if workflow is not None and page.current_workflow_state is None:
            workflow.start(page, None)

    def restrict(self, page, password):
        restrictions = PageViewRestriction.objects.filter(
            page=page, restriction_type=PageViewRestriction.PASSWORD
        )
        if not password:
            restrictions.delete()
            return
        restriction = restrictions.first()
        if restriction is None:
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password=password
            )
        elif restriction.password != password:
            restriction.password = password
            restriction.save()

    def remember(self, item, page, fingerprint, record):
        # A record whose page an editor deleted is reused: the item gets a new page.
        record = record or self.known.get(item.post_id)
        record = record or ImportedItem(source=self.source, wp_id=item.post_id)
        record.source, record.wp_id = self.source, item.post_id
        record.kind, record.guid, record.old_url = item.post_type, item.guid[:500], item.link[:500]
        # The id only: holding every written page (bodies and all) would grow with the site.
        record.page_id, record.fingerprint = page.pk, fingerprint
        record.save()
        self.known[item.post_id] = record

    def write_page(self, item):
        fields = self.fields(item)
        fingerprint = self.fingerprint(fields)
        record = self.record_for(item)
        if record and record.fingerprint == fingerprint:
            return "unchanged"
        parent_record = self.known.get(item.parent)
        parent = parent_record.page if parent_record and parent_record.page_id else self.home
        if not isinstance(parent.specific, ContentPage | HomePage):
            parent = self.home
        page = record.page.specific if record else ContentPage(slug=fields["slug"])
        if record and page.has_unpublished_changes:
            page = page.get_latest_revision_as_object()
        page.title, page.body = fields["title"], fields["body"]
        page.intro = plain_text(item.excerpt)
        live = item.status in {"publish", "private"}
        self.save(page, item, fields, created=record is None, live=live, parent=parent)
        self.restrict(page, item.password)
        if item.status == "private":
            self.members_restriction(page)
        self.remember(item, page, fingerprint, record)
        return "updated" if record else "created"

    def members_restriction(self, page):
        """A private page is for members: Wagtail's restriction to the Members group."""
        group, _ = Group.objects.get_or_create(name=members_group_name())
        if not PageViewRestriction.objects.filter(page=page, groups=group).exists():
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(group)

    # After the items

    def feature_sticky(self):
        """Sticky posts join the home page's featured pages while there is room."""
        wanted = [pk for pk in self.sticky if pk]
        if not wanted:
            return
        home = self.home
        current = [f.page_id for f in home.featured_pages.all()]
        room = FEATURED_MAX - len(current)
        new = [pk for pk in wanted if pk not in current][: max(room, 0)]
        if not new:
            return
        for pk in new:
            home.featured_pages.add(HomePageFeaturedPage(page_id=pk, sort_order=len(current)))
            current.append(pk)
        home.save_revision(log_action=True).publish(log_action=True)
        self.report.featured = len(new)


def run_import(open_export, uploads=None, dry_run=False, progress=None):
    """Import the export ``open_export()`` opens; returns the :class:`Report`."""
    importer = WordPressImporter(open_export, uploads=uploads, dry_run=dry_run, progress=progress)
    return importer.run()
