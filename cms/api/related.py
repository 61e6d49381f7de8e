"""Related posts on the v3 API: ``/api/v3/related/<page_id>/``, the same answer as v2's."""

from typing import Any

from django.http import Http404
from ninja import Query, Router, Schema

from articles.related.serving import DEFAULT_LIMIT, MAX_LIMIT, RelatedNotFound, related_for

router = Router(tags=["related"])


class RelatedTopic(Schema):
    id: int
    name: str
    slug: str


class RelatedItem(Schema):
    id: int
    title: str
    html_url: str | None
    summary: str
    topics: list[RelatedTopic]
    score: float
    source: str
    reasons: dict[str, Any]


class RelatedMeta(Schema):
    total_count: int
    hidden: bool = False


class RelatedList(Schema):
    meta: RelatedMeta
    items: list[RelatedItem]


@router.get(
    "/{page_id}/",
    response=RelatedList,
    url_name="related_posts",
    summary="Related posts for an article",
    operation_id="related_list",
)
def related_posts(request, page_id: int, limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)):
    """Editor picks first, then the engine's list; never drafts or members-only articles.

    Errors follow the v3 preview's conventions: 404 for an unknown, draft or members-only
    article and 422 (problem JSON naming ``limit``) for a limit outside 1..20.
    """
    try:
        return related_for(page_id, limit, request)
    except RelatedNotFound as error:
        raise Http404("No public article has this id.") from error
