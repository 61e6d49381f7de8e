"""WSGI app for bench/related.py: the site plus a naive related-posts endpoint to compare.

The naive endpoint does what tag-overlap plugins do on every request: django-taggit's
``similar_objects()`` over the article's topics, then the same visibility filter.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import JsonResponse  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from articles.models import ArticlePage  # noqa: E402
from cms import urls  # noqa: E402
from core.access import Access  # noqa: E402


def naive_related(request, page_id):
    page = Access.anonymous().readable(ArticlePage.objects.filter(pk=page_id)).first()
    limit = int(request.GET.get("limit", 5))
    similar = [p for p in page.topics.similar_objects() if p.live and not p.members_only][:limit]
    items = [
        {
            "id": p.pk,
            "title": p.title,
            "html_url": p.get_full_url(request),
            "summary": p.summary,
            "topics": [t.name for t in p.topics.all()],
        }
        for p in similar
    ]
    return JsonResponse({"meta": {"total_count": len(items)}, "items": items})


urls.urlpatterns.insert(0, path("bench/naive-related/<int:page_id>/", naive_related))
clear_url_caches()
