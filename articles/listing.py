"""What article pages and article listings put in front of readers.

Listings fetch authors and topics for a whole page of results in a fixed number of queries,
and mark which entries a reader may only see by title and summary (``cms.visibility``).
"""

import json

from django.core.paginator import Paginator
from django.db.models import Prefetch

from cms.visibility import is_member, listable_pages, restricted_ids

PER_PAGE = 12


def with_relations(queryset):
    """Articles with their authors and topics prefetched, bodies left unloaded."""
    from articles.models import ArticleAuthor, TaggedArticle

    return queryset.defer_streamfields().prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author")),
        Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag")),
    )


def article_listing(queryset, request, per_page=PER_PAGE):
    """One page of live articles, newest first; a bad or out-of-range ``?page=`` is forgiven."""
    queryset = listable_pages(queryset).order_by("-date", "-first_published_at", "-pk")
    paginator = Paginator(with_relations(queryset), per_page)
    page = paginator.get_page(request.GET.get("page"))
    locked = restricted_ids(page.object_list, request.user)
    for article in page.object_list:
        article.is_locked = article.pk in locked
    return page


def default_snippet(model, chosen):
    return chosen if chosen is not None else model.objects.order_by("pk").first()


def json_ld(page, request, authors):
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "author": [{"@type": "Person", "name": author.name} for author in authors],
    }
    if page.date:
        data["datePublished"] = page.date.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    if page.members_only:
        data["isAccessibleForFree"] = False
    # Escape "<" so the JSON can never close the <script> element it sits in.
    return json.dumps(data).replace("<", "\\u003c")


def article_context(page, request):
    """Byline, topics, snippets, privacy and metadata for an article page."""
    from home.models import AboutText, MembershipCallToAction

    authors = [link.author for link in page.article_authors.select_related("author")]
    locked = bool(restricted_ids([page], request.user)) or (
        page.members_only and not is_member(request.user)
    )
    return {
        "authors": authors,
        "topic_list": list(page.topics.all()),
        "restricted": locked,
        "about": default_snippet(AboutText, page.about_text),
        "cta": default_snippet(MembershipCallToAction, page.call_to_action),
        "canonical_url": page.get_full_url(request),
        "json_ld": json_ld(page, request, authors),
    }
