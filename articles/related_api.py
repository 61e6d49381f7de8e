"""``GET /api/v2/pages/<id>/related/?limit=N``: an article's related posts as JSON.

A plain Django view (routed before the v2 router) so it answers exactly as documented:
400 with a JSON reason for a bad limit or an unknown parameter, 404 for an unknown,
draft or members-only article. An article whose editor hid its related section answers
an empty list with ``meta.hidden`` true, so apps honour the same choice as the site.
"""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from articles.related.serving import DEFAULT_LIMIT, MAX_LIMIT, RelatedNotFound, related_for

ALLOWED_PARAMETERS = {"limit", "format"}


def _error(status, message, **extra):
    return JsonResponse({"message": message, **extra}, status=status)


@require_GET
def related_posts(request, page_id):
    unknown = sorted(set(request.GET) - ALLOWED_PARAMETERS)
    if unknown:
        return _error(400, f"unknown query parameter: {', '.join(unknown)}", parameter=unknown[0])
    if request.GET.get("format", "json") != "json":
        return _error(400, "format must be json", parameter="format")
    raw = request.GET.get("limit", str(DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        return _error(400, f"limit must be a whole number from 1 to {MAX_LIMIT}", parameter="limit")
    try:
        return JsonResponse(related_for(page_id, int(raw), request))
    except RelatedNotFound:
        return _error(404, f"no published, public article with id {page_id}")
