"""Fast creation of new live articles for the importer.

Publishing through ``revision.publish()`` costs tens of queries and two index updates per
page. For brand-new pages the outcome is simple, so this builds it directly: the page at
the next tree path, one revision that is both latest and live, a publish log entry and the
``page_published`` signal (so members-only restrictions and other listeners still run).
Search and reference indexes are updated once per batch instead of once per save.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from articles.models import ArticlePage


@contextmanager
def deferred_indexing():
    """Skip the per-save search and reference index updates; callers index in bulk."""
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=ArticlePage)


class TreeAppender:
    """Hands out tree paths for new children of one parent, without a query per child."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_last_child()
        self.last_path = last.path if last else None
        self.added = []
        self.logs = []
        self.content_type = ContentType.objects.get_for_model(ArticlePage)

    def checkpoint(self):
        return (self.last_path, len(self.added), len(self.logs), self.parent.numchild)

    def restore(self, checkpoint):
        """Back to ``checkpoint`` after the savepoint of a failed page was rolled back."""
        self.last_path, added, logs, self.parent.numchild = checkpoint
        del self.added[added:], self.logs[logs:]

    def next_path(self):
        if self.last_path is None:
            path = Page._get_path(self.parent.path, self.parent.depth + 1, 1)
        else:
            path = Page(path=self.last_path)._inc_path()
        self.last_path = path
        return path

    def create_live(self, page):
        """Save ``page`` (unsaved, with its clusters set) as a live child with one revision."""
        parent = self.parent
        now = timezone.now()
        page.path = self.next_path()
        page.depth = parent.depth + 1
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page._cached_parent_obj = parent
        # The importer has validated every field it sets (parse_record); skipping
        # full_clean saves a dozen existence queries per page.
        authors, tagged = list(page.article_authors.all()), list(page.tagged_items.all())
        page.save(clean=False, log_action=None)  # logged in bulk by flush()
        # Keep the just-saved children in memory so the revision and the reference index
        # read them from here rather than querying each relation again.
        page.article_authors, page.tagged_items = authors, tagged
        page.related_picks, page.related_exclusions, page.wagtail_admin_comments = [], [], []
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        parent.numchild += 1
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        Page.objects.filter(pk=page.pk).update(latest_revision=revision, live_revision=revision)
        page.latest_revision = page.live_revision = revision
        for action in ("wagtail.create", "wagtail.publish"):
            self.logs.append(
                PageLogEntry(
                    content_type=self.content_type,
                    label=page.get_admin_display_title(),
                    action=action,
                    timestamp=now,
                    data={},
                    page_id=page.pk,
                    revision=revision,
                    content_changed=True,
                )
            )
        page_published.send(sender=ArticlePage, instance=page, revision=revision)
        self.added.append(page)
        return page

    def flush(self):
        """Write log entries and index the pages added or changed since the last flush."""
        PageLogEntry.objects.bulk_create(self.logs)
        self.logs = []
        if not self.added:
            return
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(ArticlePage, self.added)
        for page in self.added:
            ReferenceIndex.create_or_update_for_object(page)
        self.added = []
