"""API v3 pages: reads through the access policy and the search pipeline; Wagtail's writes.

Wagtail's v3 preview decides page reads on its own (``wagtail.api.v3.querysets``: view
restrictions only for anonymous callers, and whatever the admin lets a token's user
explore otherwise, drafts included), and has no hook to change that. So the three read
operations (list, find, detail) are the project's, built from Wagtail's own filter,
ordering and response schemas so the document and the answers keep Wagtail's shape; the
write, revision and action operations are Wagtail's own functions, mounted unchanged.

For every reader, as on v2 and the site: listings, ``find`` and details cover the pages
the reader may see listed; a page they may only see as a teaser is answered from its
teaser; drafts never appear, except that an editor who may change a page can ask for
its latest draft with ``version=draft``.
"""

from typing import Literal, cast

from django.db.models import Model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from ninja import Query, Router
from ninja.pagination import paginate
from pydantic import PositiveInt
from wagtail.api.rich_text import RichTextOutputFormat
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import as_validation_error
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.schemas import BasePageSchema
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.v3.schemas.params import APIFieldFilterSchema, OrderingSchema
from wagtail.api.v3.schemas.revisions import RevisionSchema
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from api.errors import READ_ERRORS, ParameterError
from api.pages import refuse_content_fields, search_candidates, search_parameters
from api.params import existing_id
from core.access import access_for
from core.api_fields import attach_reader
from core.members import MembersOnlyPage
from core.search.pipeline import Search

router = Router(tags=["pages"])
PageDetailSchema = wagtail_pages.PageDetailSchema
READERS = [BearerTokenAuth(), AllowAnonymous()]


def pages_for(request, model=Page):
    """The pages of the requested site this reader may see listed."""
    try:
        site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    except ValueError as exc:
        raise ParameterError("site", str(exc)) from exc
    if site is None:
        return model.objects.none()
    pages = model.objects.descendant_of(site.root_page, inclusive=True)
    return access_for(request).listable(pages).select_related("content_type", "locale")


class PageFilterSchema(wagtail_pages.PageFilterSchema):
    """Wagtail's page filters, with ``child_of`` and the like resolved for this reader."""

    @staticmethod
    def get_public_page(request: HttpRequest, page_id: int, loc: str) -> Page:
        try:
            return pages_for(request).get(pk=existing_id(page_id))
        except (Page.DoesNotExist, Http404) as exc:
            message = f"No page matches the given {loc} value."
            raise as_validation_error(exc, message, loc=(loc,)) from exc


class SearchParameters(wagtail_pages.SearchSchema):
    """``search`` and ``search_operator``, run through the one search pipeline."""


@router.get(
    "/",
    response=list[BasePageSchema],
    url_name="list_pages",
    summary="List pages",
    operation_id="pages_list",
    auth=READERS,
)
@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")  # noqa: S106
def list_pages(
    request: HttpRequest,
    filters: PageFilterSchema = Query(...),
    ordering: OrderingSchema = Query(...),
    search: SearchParameters = Query(...),
    **kwargs,
):
    pagination_info = kwargs.get("pagination_info")
    models = cast(list[type[Model]], filters.type)
    model = models[0] if len(models) == 1 else Page
    field_filter = APIFieldFilterSchema.with_exclude_schemas(
        raw_params=request.GET,
        schemas=(PageFilterSchema, OrderingSchema, SearchParameters),
        base_fields=BASE_PAGE_READ_FIELDS,
    )
    refuse_content_fields(model, request.GET)
    queryset = filters.filter(pages_for(request, model).order_by("pk"), request)
    queryset = field_filter.filter_queryset(queryset)
    queryset = ordering.order_queryset(queryset, pagination_info, base_fields=BASE_PAGE_READ_FIELDS)
    if "search" not in request.GET:
        return queryset
    text, operator = search_parameters(request.GET)
    return Search(
        text,
        access_for(request),
        search_candidates(queryset, typed=bool(models)),
        operator=operator,
        ordered="order" in request.GET,
        listed=True,
    )


@router.get(
    "/find/",
    response={200: PageDetailSchema, **READ_ERRORS},
    url_name="find_page",
    summary="Find page",
    operation_id="pages_find",
    auth=READERS,
)
def find_page(
    request: HttpRequest,
    id: PositiveInt | None = None,
    html_path: str | None = None,
    site: str | None = None,
    version: Literal["live", "draft"] | None = Query("live"),
):
    """The page at ``html_path`` (or with ``id``), if this reader may see it: a redirect."""
    pages = pages_for(request)
    page = None
    if html_path:
        parts = [part for part in html_path.split("/") if part]
        site_obj = SiteFilterValidator(site=site, request=request).site_obj
        if site_obj is not None:
            try:
                found, _args, _kwargs = site_obj.root_page.specific.route(request, parts)
            except Http404:
                found = None
            if found is not None and pages.filter(pk=found.pk).exists():
                page = found
    if page is None and id:
        page = get_object_or_404(pages, pk=existing_id(id))
    if page is None:
        raise Http404("No page matches the given query.")
    url = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    query = request.GET.copy()
    query.pop("id", None)
    query.pop("html_path", None)
    return redirect(f"{url}?{query.urlencode()}")


@router.get(
    "/{page_id}/",
    response={200: PageDetailSchema, **READ_ERRORS},
    url_name="detail_page",
    summary="Page detail",
    operation_id="pages_detail",
    auth=READERS,
)
def get_page(
    request: HttpRequest,
    page_id: int,
    version: Literal["live", "draft"] | None = Query("live"),
    rich_text_format: RichTextOutputFormat | None = Query(None),
):
    access = access_for(request)
    page = get_object_or_404(pages_for(request), pk=existing_id(page_id)).specific
    if version == "draft" and access.may_preview(page):
        return page.get_latest_revision_as_object()
    with_relations = getattr(type(page), "with_api_relations", None)
    if with_relations:
        page = with_relations(type(page).objects.filter(pk=page.pk)).first()
    attach_reader([page], access)
    shown = access.shown(page)
    if shown is None:  # the listing and the page's own check disagree: hide it
        raise Http404("No page matches the given query.")
    return for_reader(shown, access, request)


def for_reader(page, access, request):
    """The page as this reader is answered: its parent and source only if they may see them.

    Wagtail's detail schema names the page's parent and alias source (``meta.parent``,
    ``meta.alias_of``) whatever they are; a draft or hidden one is left out, as v2 does.
    This changes the instance in memory only, for this answer.
    """
    listed = pages_for(request)
    parent = page.get_parent()
    parent = parent if parent and listed.filter(pk=parent.pk).exists() else None
    page.get_parent = lambda update=False: parent
    if page.alias_of_id and not listed.filter(pk=page.alias_of_id).exists():
        page.alias_of = None
    if isinstance(page, MembersOnlyPage):
        page.members_only = page.pk in access.members_only_ids([page]) or page.members_only
    return page


# Wagtail's writes, revisions and actions: editors' tools, mounted as Wagtail defines them.
router.post(
    "/",
    response={201: PageDetailSchema},
    url_name="create_page",
    summary="Create page",
    operation_id="pages_create",
    auth=BearerTokenAuth(),
)(wagtail_pages.create_page)
router.patch(
    "/{page_id}/",
    response=PageDetailSchema,
    url_name="update_page",
    summary="Update page",
    operation_id="pages_update",
    auth=BearerTokenAuth(),
)(wagtail_pages.update_page)
router.delete(
    "/{page_id}/",
    response={204: None},
    url_name="delete_page",
    summary="Delete page",
    operation_id="pages_delete",
    auth=BearerTokenAuth(),
)(wagtail_pages.delete)
router.get(
    "/{page_id}/revisions/",
    response=list[RevisionSchema],
    url_name="list_page_revisions",
    summary="List page revisions",
    operation_id="pages_revisions_list",
    auth=BearerTokenAuth(),
)(wagtail_pages.list_page_revisions)
router.get(
    "/{page_id}/revisions/{revision_id}/",
    response=wagtail_pages.PageRevisionDetailSchema,
    url_name="detail_page_revision",
    summary="Page revision detail",
    operation_id="pages_revisions_detail",
    auth=BearerTokenAuth(),
)(wagtail_pages.get_page_revision)
router.add_router("/", wagtail_pages.actions_router)
