"""What article pages and article listings put in front of readers.

Listings ask the access policy which articles the reader may see listed and which only
as teasers, and fetch authors and topics for a whole page of results in a fixed number of
queries (``ArticlePageQuerySet.with_relations``).
"""

import json

from django.core.paginator import Paginator

from articles.review import review_json_ld
from core.access import access_for
from home.models import AboutText, MembershipCallToAction

PER_PAGE = 12


def article_listing(queryset, request, per_page=PER_PAGE):
    """One page of the articles this reader may see listed, newest first.

    A bad or out-of-range ``?page=`` is forgiven. Entries the reader may only see as
    teasers carry ``is_locked``.
    """
    access = access_for(request)
    queryset = access.listable(queryset).order_by("-date", "-first_published_at", "-pk")
    paginator = Paginator(queryset.with_relations(), per_page)
    page = paginator.get_page(request.GET.get("page"))
    locked = access.locked_ids(page.object_list)
    members_only = access.members_only_ids(page.object_list)
    for article in page.object_list:
        article.is_locked = article.pk in locked
        article.is_members_only = article.pk in members_only
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
    if getattr(page, "is_members_only", page.members_only):
        data["isAccessibleForFree"] = False
    data.update(review_json_ld(page))
    # Escape "<" so the JSON can never close the <script> element it sits in.
    return json.dumps(data).replace("<", "\\u003c")


def article_context(page, request):
    """Byline, topics, snippets and metadata for an article page (or its teaser)."""
    authors = [link.author for link in page.article_authors.select_related("author")]
    return {
        "authors": authors,
        "topic_list": list(page.topics.all()),
        "about": default_snippet(AboutText, page.about_text),
        "cta": default_snippet(MembershipCallToAction, page.call_to_action),
        "canonical_url": page.get_full_url(request),
        "json_ld": json_ld(page, request, authors),
    }
