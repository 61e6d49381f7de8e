"""The pages endpoint: Wagtail's v2 pages API with the project's privacy, filters and checks.

Differences from Wagtail's own viewset, and why:

- Members-only pages are *listed* (title, summary, ``members_only: true``) but their body is
  empty unless the request may read it, decided by ``cms.visibility``; drafts never appear.
- ``?topic=<slug or synonym>`` filters articles and course units (repeatable, any-of); without
  ``type`` it lists articles. Unknown topics are a 400.
- Every bad parameter is a 400 whose JSON names the parameter; nothing answers 500.
- ``body`` is a detail-only field, so listings cost a fixed number of queries.
"""

from django.core.exceptions import FieldError, ValidationError
from django.db import DataError
from django.db.models import Case, IntegerField, Q, When
from django.http import Http404
from django.utils.text import slugify
from rest_framework import status
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from taggit.managers import TaggableManager
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_boolean
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from articles.api_fields import prefetch_for_api
from articles.models import ArticlePage, TaggedArticle
from cms.api.errors import ParameterError, error_body, guess_parameter
from cms.visibility import (
    is_member,
    listable_pages,
    public_pages,
    restricted_ids,
    visible_pages,
)
from craft_course.models import TaggedCourseUnit
from topics.models import Topic, clean_name

LIMIT_MAX = 100
OFFSET_MAX = 1_000_000
SEARCH_MAX_RESULTS = 1000
MAX_TOPICS = 20
# Fields that carry a page's content: emptied when the reader may not read the page.
CONTENT_FIELDS = ("body", "standfirst")
PREFETCHERS = {ArticlePage: prefetch_for_api}
#: The tag tables of every page type that has topics.
TOPIC_TAGS = (TaggedArticle, TaggedCourseUnit)


def _whole_number(request, name, default, maximum):
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ParameterError(name, f"must be a whole number, not {raw!r}") from exc
    if value < 0:
        raise ParameterError(name, "must not be negative")
    if value > maximum:
        raise ParameterError(name, f"must be at most {maximum}")
    return value


class Pagination(WagtailPagination):
    """Limit (default 20, at most 100) and offset, each checked with a clear reason."""

    def paginate_queryset(self, queryset, request, view=None):
        limit = _whole_number(request, "limit", 20, LIMIT_MAX)
        offset = _whole_number(request, "offset", 0, OFFSET_MAX)
        self.view = view
        total = getattr(view, "search_total", None)
        if total is not None:  # a search has already cut out this page (SearchFilter)
            self.total_count = total
            return list(queryset)
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]


def resolve_topics(request):
    """Topics named by ``?topic=`` (slug, name or synonym; repeatable or comma-separated)."""
    names = [clean_name(n) for raw in request.GET.getlist("topic") for n in raw.split(",")]
    names = [name for name in names if name]
    if not names:
        raise ParameterError("topic", "give a topic slug, e.g. ?topic=benzodiazepines")
    if len(names) > MAX_TOPICS:
        raise ParameterError("topic", f"at most {MAX_TOPICS} topics at once")
    table = Topic.objects.lookup_table()
    topics = []
    for name in names:
        topic = table.get(name.lower()) or table.get(slugify(name))
        if topic is None:
            raise ParameterError("topic", f"unknown topic {name!r}")
        topics.append(topic)
    return topics


class TopicFilter(BaseFilterBackend):
    """``?topic=a&topic=b``: pages (articles or course units) tagged with any of the topics."""

    def filter_queryset(self, request, queryset, view):
        if "topic" not in request.GET:
            return queryset
        topics = resolve_topics(request)
        tagged = Q()
        for through in TOPIC_TAGS:
            ids = through.objects.filter(tag__in=topics).values("content_object_id")
            tagged |= Q(pk__in=ids)
        return queryset.filter(tagged)


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's ``?field=value`` filters, with values checked before they reach the database."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        fields = set(view.get_available_fields(model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name not in fields:
                continue
            field = model._meta.get_field(name)
            if "\x00" in value:
                raise ParameterError(name, "null characters are not allowed")
            if isinstance(field, StreamField) or field.one_to_many or field.many_to_many:
                if not isinstance(field, TaggableManager):
                    raise ParameterError(name, "this field cannot be used as a filter")
            else:
                try:
                    if field.many_to_one:
                        field.target_field.to_python(value)
                    elif field.get_internal_type() == "BooleanField":
                        parse_boolean(value)
                    else:
                        field.to_python(value)
                except (ValidationError, ValueError) as exc:
                    raise ParameterError(name, f"{value!r} is not a valid value") from exc
        return super().filter_queryset(request, queryset, view)


def _summary_match(model, word):
    """Title or summary contains the word (the only text a locked page shows)."""
    match = Q(title__icontains=word)
    if any(f.name == "summary" for f in model._meta.get_fields()):
        return match | Q(summary__icontains=word)
    for page_model in get_page_models():
        direct_child = page_model._meta.get_parent_list() == [Page]
        if direct_child and any(f.name == "summary" for f in page_model._meta.local_fields):
            match |= Q(**{f"{page_model._meta.model_name}__summary__icontains": word})
    return match


def readable(queryset, user):
    """Pages whose body this user may read (the members-only flag alone is enough to lock)."""
    return visible_pages(queryset, user) if is_member(user) else public_pages(queryset)


class SearchFilter(BaseFilterBackend):
    """``?search=``: full text over pages the reader may read, title and summary otherwise.

    Matching a locked page's body would reveal words the reader may not see, so locked pages
    match on what they show (title and summary) only.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        query = request.GET["search"].strip()
        if not query or len(query) > 200:
            raise ParameterError("search", "give between 1 and 200 characters")
        operator = request.GET.get("search_operator") or None
        if operator not in (None, "and", "or"):
            raise ParameterError("search_operator", "must be 'and' or 'or'")
        ordered = "order" in request.GET
        model = queryset.model
        readable_pages = readable(queryset.prefetch_related(None), request.user)
        found = get_search_backend().search(
            query, readable_pages, operator=operator, order_by_relevance=not ordered
        )
        words = Q()
        for word in query.split()[:10]:
            words &= _summary_match(model, word)
        locked = queryset.exclude(pk__in=readable_pages.values("pk")).filter(words)
        if ordered:
            ids = [page.pk for page in found[:SEARCH_MAX_RESULTS]]
            return queryset.filter(Q(pk__in=ids) | Q(pk__in=locked.values("pk")))
        return self._ranked_window(request, queryset, view, found, locked)

    def _ranked_window(self, request, queryset, view, found, locked):
        """Only the requested page of results: readable matches by relevance, then locked ones.

        Fetching just this window keeps a search's cost independent of how many pages match;
        the total goes to the paginator through ``view.search_total``.
        """
        offset = _whole_number(request, "offset", 0, OFFSET_MAX)
        limit = _whole_number(request, "limit", 20, LIMIT_MAX)
        readable_total = found.count()
        ids = [page.pk for page in found[offset : offset + limit]]
        if len(ids) < limit:
            start = max(0, offset - readable_total)
            newest = locked.order_by("-first_published_at", "pk").values_list("pk", flat=True)
            ids += list(newest[start : start + limit - len(ids)])
        view.search_total = readable_total + locked.count()
        rank = Case(
            *(When(pk=pk, then=i) for i, pk in enumerate(ids)),
            default=len(ids),
            output_field=IntegerField(),
        )
        return queryset.filter(pk__in=ids).order_by(rank)


class ProjectPageSerializer(PageSerializer):
    """Pages as JSON, with content emptied for readers who may only see the listing.

    The view puts the ids of the pages being serialised that this reader may not read in
    the context as ``restricted`` (one lookup for a whole listing); without it, each page
    is checked on its own.
    """

    def to_representation(self, instance):
        data = super().to_representation(instance)
        restricted = self.context.get("restricted")
        if restricted is None:
            user = getattr(self.context.get("request"), "user", None)
            restricted = restricted_ids([instance], user)
        if instance.pk in restricted:
            for name in CONTENT_FIELDS:
                if name in data:
                    data[name] = [] if isinstance(data[name], list) else ""
            data["members_only"] = True
        return data


class ProjectPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = ProjectPageSerializer
    pagination_class = Pagination
    filter_backends = [
        FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        TopicFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        wagtail_filters.LocaleFilter,
        SearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["topic"])
    detail_only_fields = ["parent", "body"]

    def get_base_queryset(self):
        """Live pages of the requested site, members-only ones included (see serializer)."""
        try:
            site = SiteFilterValidator(
                site=self.request.GET.get("site"), request=self.request
            ).site_obj
        except ValueError as exc:
            raise ParameterError("site", str(exc)) from exc
        if site is None:
            return Page.objects.none()
        return listable_pages(Page.objects.all()).descendant_of(site.root_page, inclusive=True)

    def _requested_models(self):
        raw = self.request.GET.get("type")
        if not raw and "topic" in self.request.GET:
            return [ArticlePage]
        try:
            return page_models_from_string(raw) if raw else []
        except (LookupError, ValueError) as exc:
            raise ParameterError("type", f"unknown page type {raw!r}") from exc

    def get_queryset(self):
        models = self._requested_models()
        base = self.get_base_queryset()
        if len(models) == 1:
            queryset = models[0].objects.filter(pk__in=base.values_list("pk", flat=True))
        elif models:
            queryset = base.type(*models)
        else:
            queryset = base
        queryset = queryset.select_related("locale")
        prefetch = PREFETCHERS.get(queryset.model)
        return prefetch(queryset) if prefetch else queryset

    def get_serializer(self, instance, *args, **kwargs):
        """The serializer, told which of the pages it writes this reader may not read."""
        pages = list(instance) if kwargs.get("many") else [instance]
        serializer = super().get_serializer(
            pages if kwargs.get("many") else instance, *args, **kwargs
        )
        serializer.context["restricted"] = restricted_ids(pages, self.request.user)
        return serializer

    def handle_exception(self, exc):
        if isinstance(exc, ParameterError):
            body = error_body(exc.reason, exc.parameter)
            body["message"] = f"{exc.parameter}: {exc.reason}"
            return Response(body, status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, BadRequestError):
            message = str(exc)
            parameter = guess_parameter(message, self.request.GET.keys())
            return Response(error_body(message, parameter), status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, Http404):
            return Response(error_body("not found"), status=status.HTTP_404_NOT_FOUND)
        if isinstance(exc, (ValidationError, FieldError, DataError, OverflowError)):
            return Response(
                error_body("a query parameter has a value this field cannot take"),
                status=status.HTTP_400_BAD_REQUEST,
            )
        return super().handle_exception(exc)
