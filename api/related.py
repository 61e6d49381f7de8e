"""Related posts in the API: ``/api/v2/pages/<id>/related/`` and ``/api/v3/related/<id>/``.

One schema (``RelatedList``) and one reading (``articles.related.serving``) for both
versions, so they answer the same JSON. Errors: 400 naming ``limit`` (or an unknown
parameter), 404 for an unknown id or an article the reader may not read. An article whose
editor hid its related section answers an empty list with ``meta.hidden`` true, so apps
honour the same choice as the site.
"""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET
from ninja import Query, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth

from api.errors import READ_ERRORS, ParameterError
from api.params import whole_number
from articles.related.serving import DEFAULT_LIMIT, MAX_LIMIT, RelatedNotFound, related_for
from core.access import access_for
from core.errors import json_error
from topics.schemas import TopicRef

ALLOWED_PARAMETERS = {"limit", "format"}


class RelatedReasons(Schema):
    shared_topics: list[TopicRef]
    shared_terms: list[str]
    editor_pick: bool
    explanation: str


class RelatedItem(Schema):
    id: int
    title: str
    html_url: str | None
    summary: str
    topics: list[TopicRef]
    score: float
    source: str
    reasons: RelatedReasons


class RelatedMeta(Schema):
    total_count: int
    hidden: bool = False


class RelatedList(Schema):
    meta: RelatedMeta
    items: list[RelatedItem]


def related_list(request, page_id):
    """The answer for both versions, as plain JSON data."""
    unknown = sorted(set(request.GET) - ALLOWED_PARAMETERS)
    if unknown:
        raise ParameterError(unknown[0], "is not a parameter of this endpoint (only limit)")
    if request.GET.get("format", "json") != "json":
        raise ParameterError("format", "must be json")
    limit = whole_number(
        request.GET.get("limit"), "limit", default=DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT
    )
    try:
        items, hidden = related_for(page_id, access_for(request), limit)
    except RelatedNotFound as error:
        raise Http404(f"no published article you may read has the id {page_id}") from error
    meta = {"total_count": len(items), "hidden": hidden}
    data = {
        "meta": meta,
        "items": [
            {
                "id": item.id,
                "title": item.title,
                "html_url": item.page.get_full_url(request),
                "summary": item.summary,
                "topics": item.topics,
                "score": round(item.score, 4),
                "source": item.source,
                "reasons": item.reasons(),
            }
            for item in items
        ],
    }
    return RelatedList.model_validate(data).model_dump(mode="json")


@require_GET
def related_v2(request, page_id):
    try:
        return JsonResponse(related_list(request, page_id))
    except ParameterError as error:
        return json_error(400, str(error), error.parameter)
    except Http404 as error:
        return json_error(404, str(error))


router = Router(tags=["related"])


@router.get(
    "/{page_id}/",
    response={200: RelatedList, **READ_ERRORS},
    url_name="related_posts",
    summary="Related posts for an article",
    operation_id="related_list",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
def related_v3(
    request,
    page_id: int,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items."),
):
    """Editor picks first, then the engine's list; only articles anyone may read."""
    return related_list(request, page_id)
