"""What shows a changed object: the exact set of addresses to purge, and the purge itself.

A page is shown at its own address, by its ancestors (the blog lists its articles, the
home page the newest and featured ones, a section its children), by the topic and author
pages and feeds of its topics and authors, by the pages that link to it or feature it or
pick it as related (Wagtail's reference index knows them), by the pages whose related
posts hold it (the engine's store), by the articles feed and the sitemap, and by the API.
A page in the menus is shown on every page. A change under a section (a move, a privacy
change, an unpublish) changes every page under it.

``purge()`` hands the one set to both caches: the page cache at once (and again when the
transaction commits, so a reader who rendered the old content in between is not kept)
and Wagtail's frontend cache (Varnish, Cloudflare, CloudFront) once it commits. Above
``EVERYTHING_ABOVE`` pages, or for what every page shows (site settings such as the
crisis resources, snippets, menus), everything is purged: as exact, and cheaper.
"""

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, ReferenceIndex, Site

from articles.models import ArticleAuthor, Author, TaggedArticle
from articles.related.models import RelatedPost
from caching import store
from core.commit_batch import CommitBatch
from topics.models import Topic

#: Past this many pages changed at once, purge everything.
EVERYTHING_ABOVE = 100
#: Above this many addresses purged by one transaction, everything is purged instead.
EVERYTHING_PATHS_ABOVE = 1000
#: What a purge of "everything" sends to a frontend cache: deploy/varnish/default.vcl,
#: CloudFront and most HTTP caches take a trailing ``*`` as "everything under".
EVERYTHING = "/*"
API = "/api/*"


@dataclass
class Purge:
    paths: set = field(default_factory=set)
    everything: bool = False
    api: bool = False
    #: Bulk work (over ``EVERYTHING_PATHS_ABOVE`` addresses in one transaction).
    bulk: bool = False

    def __or__(self, other):
        return Purge(
            self.paths | other.paths,
            self.everything or other.everything,
            self.api or other.api,
            self.bulk or other.bulk,
        )


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def page_paths(url_path):
    """The addresses of a page (by its ``url_path``) on every site whose tree holds it."""
    paths = set()
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            paths.add("/" + url_path[len(root.root_path) :])
    return paths


def topic_paths(slugs):
    paths = {_reverse("topic_list"), _reverse("articles_feed")}
    for slug in slugs:
        paths |= {_reverse("topic_detail", slug), _reverse("topic_feed", slug)}
    return {path for path in paths if path}


def author_paths(slugs):
    return {path for slug in slugs if (path := _reverse("author_detail", slug))}


def facts(page_ids):
    """What shows these pages now: ``(url_paths, topic slugs, author slugs, in menus)``."""
    rows = Page.objects.filter(pk__in=page_ids).values_list("url_path", "show_in_menus")
    topics = Topic.objects.filter(tagged_articles__content_object_id__in=page_ids)
    authors = Author.objects.filter(article_links__page_id__in=page_ids)
    return (
        {url_path for url_path, _menus in rows},
        set(topics.values_list("slug", flat=True)),
        set(authors.values_list("slug", flat=True)),
        any(menus for _url_path, menus in rows),
    )


def _showing_pages(page_ids):
    """Ids of pages that show these pages: they link to, feature or list them as related."""
    holders = set(
        RelatedPost.objects.filter(target_id__in=page_ids).values_list("page_id", flat=True)
    )
    for page_id in page_ids:
        references = ReferenceIndex.get_references_to(Page(pk=page_id))
        holders |= set(
            references.filter(base_content_type__model="page").values_list("object_id", flat=True)
        )
    return {int(pk) for pk in holders} - set(page_ids)


def for_pages(page_ids, before=None, with_descendants=False):
    """Everything showing these pages, as they are now and as they were (``before``)."""
    page_ids = set(page_ids)
    if with_descendants:
        paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
        for path in paths:
            under = Page.objects.filter(path__startswith=path).values_list("pk", flat=True)
            page_ids |= set(under[: EVERYTHING_ABOVE + 1])
    if len(page_ids) > EVERYTHING_ABOVE:
        return Purge(everything=True)
    url_paths, topics, authors, menus = facts(page_ids)
    if before:
        url_paths |= before.url_paths
        topics |= before.topics
        authors |= before.authors
        menus = menus or before.in_menus
    if menus:
        return Purge(everything=True)
    shown_by = _showing_pages(page_ids)
    url_paths |= set(Page.objects.filter(pk__in=shown_by).values_list("url_path", flat=True))
    paths = set()
    for url_path in url_paths:
        paths |= page_paths(url_path)
        paths |= _ancestor_paths(url_path)
    paths |= topic_paths(topics) | author_paths(authors)
    if sitemap := _reverse("sitemap"):
        paths.add(sitemap)
    return Purge(paths=paths, api=True)


def own_pages(page_ids):
    """Just these pages' own addresses (and the API): where their related lists show."""
    paths = set()
    for url_path in Page.objects.filter(pk__in=page_ids).values_list("url_path", flat=True):
        paths |= page_paths(url_path)
    return Purge(paths=paths, api=True)


def _ancestor_paths(url_path):
    """The addresses of the pages above this one (its listings), up to each site's home."""
    paths = set()
    parts = url_path.strip("/").split("/")
    for end in range(1, len(parts)):
        paths |= page_paths("/" + "/".join(parts[:end]) + "/")
    return paths


@dataclass
class Before:
    """What showed a page before a change: kept while the change is being saved."""

    url_paths: set
    topics: set
    authors: set
    in_menus: bool


def before(page_ids):
    url_paths, topics, authors, menus = facts(page_ids)
    return Before(url_paths, topics, authors, menus)


def for_topic(topic, old_slug=None):
    """A topic's own pages and every article tagged with it (they show its name)."""
    tagged = TaggedArticle.objects.filter(tag_id=topic.pk).values_list(
        "content_object_id", flat=True
    )
    found = for_pages(tagged[: EVERYTHING_ABOVE + 1]) if topic.pk else Purge()
    slugs = {slug for slug in (topic.slug, old_slug) if slug}
    return found | Purge(paths=topic_paths(slugs), api=True)


def for_author(author, old_slug=None):
    """An author's page and every article they wrote (the byline shows them)."""
    written = ArticleAuthor.objects.filter(author_id=author.pk).values_list("page_id", flat=True)
    found = for_pages(written[: EVERYTHING_ABOVE + 1]) if author.pk else Purge()
    slugs = {slug for slug in (author.slug, old_slug) if slug}
    return found | Purge(paths=author_paths(slugs), api=True)


# Doing it


def purge(found):
    """Purge the page cache now and again on commit; the frontend cache on commit.

    ``found`` is a ``Purge`` or a function making one, called only if still needed. A
    transaction that purges more than ``EVERYTHING_PATHS_ABOVE`` addresses (an import, a
    bulk publish) purges everything instead, and its later changes cost nothing: the
    purge of everything when it commits covers them, since nobody saw them before.
    """
    if _batch.pending().bulk:
        return
    if callable(found):
        found = found()
    if len((_batch.pending() | found).paths) > EVERYTHING_PATHS_ABOVE:
        found = Purge(everything=True, bulk=True)
    _apply_to_page_cache(found)
    _batch.add(found)


def _apply_to_page_cache(found):
    store.purge(
        paths=found.paths,
        buckets=[store.API_BUCKET] if found.api else [],
        everything=found.everything,
    )


def _committed(found):
    if not (found.paths or found.api or found.everything):
        return
    _apply_to_page_cache(found)
    purge_urls_from_cache(frontend_urls(found))


_batch = CommitBatch(_committed, Purge)


def frontend_urls(found):
    """Full addresses for Wagtail's frontend cache, on every site."""
    paths = set(found.paths) | ({API} if found.api else set())
    if found.everything:
        paths = {EVERYTHING}
    roots = {root.root_url for root in Site.get_site_root_paths()}
    return sorted(root.rstrip("/") + path for root in roots for path in paths)
