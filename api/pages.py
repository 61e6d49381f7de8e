"""The v2 pages endpoint: Wagtail's pages API, asking the access policy and the search pipeline.

Differences from Wagtail's own viewset, and why:

- What a reader may see is the access policy's decision (``core.access``): listings and
  ``find`` cover the pages the reader may see listed; a page the reader may only see as a
  teaser is serialized from its teaser (``MembersOnlyPage.as_teaser``), so its body and
  other content fields are empty and ``members_only`` is true. Drafts never appear.
- ``?search=`` runs the one search pipeline (``core.search.pipeline``), as ``/search/``
  and v3 do: same cleaning, synonyms, typo correction, privacy and order.
- ``?topic=<slug or synonym>`` filters pages with topics (repeatable, any-of); without
  ``type`` it lists articles. Unknown topics are a 400.
- Every bad parameter is a 400 whose JSON names the parameter; nothing answers 500.
- Page types list what their API fields read (``with_api_relations``), fetched for a
  whole listing or a detail at once; bodies asked for in a listing (``fields=body`` or
  ``fields=*``) are converted together (``core.blocks.load_streams``).
- Nested selection (``authors(name)``, ``hero_image(width,height)``) works on computed
  fields too (``api.selection``): Wagtail's own serializer builder only nests model
  relations, and silently let a computed field's sub-fields through.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.text import slugify
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import page_models_from_string, parse_boolean
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.fields import StreamField
from wagtail.models import Page

from api.errors import ErrorHandlingMixin, ParameterError
from api.params import existing_id, limit_and_offset
from api.selection import select, split_computed_selection
from articles.models import ArticlePage
from core.access import HIDDEN, TEASER, access_for
from core.api_fields import attach_reader
from core.blocks import load_streams
from core.members import MembersOnlyPage
from core.search.pipeline import Search
from core.search.query import searchable_models
from topics.models import Topic, clean_name, tagged_with

MAX_TOPICS = 20
MAX_SEARCH_LENGTH = 200


class Pagination(WagtailPagination):
    """Limit (default 20, at most 100) and offset, each checked with a clear reason.

    Takes a queryset or a ``Search`` (which counts and slices like one).
    """

    def paginate_queryset(self, queryset, request, view=None):
        limit, offset = limit_and_offset(request.GET)
        self.view = view
        self.total_count = queryset.count()
        return list(queryset[offset : offset + limit])


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
    """``?topic=a&topic=b``: pages of any tagged type with any of the topics."""

    def filter_queryset(self, request, queryset, view):
        if "topic" not in request.GET:
            return queryset
        return queryset.filter(tagged_with(resolve_topics(request)))


def refuse_content_fields(model, query):
    """Filtering or ordering by a members-only page's content would reveal it: a 400.

    ``?standfirst=<guess>`` answering a teaser or nothing, or ``?order=standfirst``, tells a
    reader who may only see the teaser what its standfirst says.
    """
    if not issubclass(model, MembersOnlyPage):
        return
    content = set(model.content_field_names())
    for name in query:
        if name in content:
            raise ParameterError(name, "this field cannot be used as a filter")
    for value in query.getlist("order"):
        for field in value.split(","):
            if field.strip().lstrip("-") in content:
                raise ParameterError("order", f"cannot order by {field.strip()!r}")


class OrderingFilter(wagtail_filters.OrderingFilter):
    """Wagtail's ``?order=``, never by a members-only page's content fields."""

    def filter_queryset(self, request, queryset, view):
        refuse_content_fields(queryset.model, request.GET)
        return super().filter_queryset(request, queryset, view)


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's ``?field=value`` filters, with values checked before they reach the database."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        refuse_content_fields(model, request.GET)
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


def search_parameters(query):
    """``(text, operator)`` of ``?search=`` and ``?search_operator=``, checked."""
    text = query.get("search", "").strip()
    if not text or len(text) > MAX_SEARCH_LENGTH:
        raise ParameterError("search", f"give between 1 and {MAX_SEARCH_LENGTH} characters")
    operator = query.get("search_operator") or "or"
    if operator not in ("and", "or"):
        raise ParameterError("search_operator", "must be 'and' or 'or'")
    return text, operator


def search_candidates(queryset, typed):
    """What an API search covers: the asked-for types, or else every searchable type."""
    if typed:
        return queryset
    return queryset.type(*searchable_models())


class SearchFilter(BaseFilterBackend):
    """``?search=``: the one search pipeline over the pages the other filters left."""

    def filter_queryset(self, request, queryset, view):
        # A detail is that one page: ``?search=`` narrows listings only.
        if "search" not in request.GET or getattr(view, "action", None) == "detail_view":
            return queryset
        text, operator = search_parameters(request.GET)
        candidates = search_candidates(queryset, typed="type" in request.GET)
        return Search(
            text,
            access_for(request),
            candidates,
            operator=operator,
            ordered="order" in request.GET,
            listed=True,
        )


class ProjectPageSerializer(PageSerializer):
    """Pages as JSON; a page the reader may only see as a teaser is written from its teaser.

    The view puts in the context, for the pages being written (one decision for a whole
    listing), the ids this reader may only see as teasers (``locked``) and the ids that
    are members-only pages (``members_only``: teasers for anyone who is not a member).
    ``nested_selection`` holds the sub-fields asked of computed fields (``authors(name)``).
    """

    nested_selection = {}

    def to_representation(self, instance):
        locked = self.context.get("locked", set())
        # A plain Page row (an untyped listing) carries no content fields to empty.
        if instance.pk in locked and isinstance(instance, MembersOnlyPage):
            instance = instance.as_teaser()
        data = super().to_representation(instance)
        for name, config in self.nested_selection.items():
            if name in data:
                data[name] = select(data[name], config)
        if instance.pk in locked or "members_only" in data:
            members_only = self.context.get("members_only", set())
            data["members_only"] = (
                instance.pk in locked
                or instance.pk in members_only
                or bool(data.get("members_only"))
            )
        return data


class ProjectPagesAPIViewSet(ErrorHandlingMixin, PagesAPIViewSet):
    base_serializer_class = ProjectPageSerializer
    pagination_class = Pagination
    filter_backends = [
        FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        TopicFilter,
        OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        wagtail_filters.LocaleFilter,
        SearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["topic"])
    # As Wagtail's: ``body`` may be asked for in listings (``fields=body``, ``fields=*``).
    detail_only_fields = ["parent"]

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, *args, **kwargs):
        """Wagtail's serializer class, plus the sub-fields asked of computed fields."""
        fields_config, nested = split_computed_selection(model, fields_config)
        serializer_class = super()._get_serializer_class(
            router, model, fields_config, *args, **kwargs
        )
        if not nested:
            return serializer_class
        return type(serializer_class.__name__, (serializer_class,), {"nested_selection": nested})

    def get_base_queryset(self):
        """The pages of the requested site this reader may see listed."""
        if not hasattr(self, "_base_queryset"):
            try:
                site = SiteFilterValidator(
                    site=self.request.GET.get("site"), request=self.request
                ).site_obj
            except ValueError as exc:
                raise ParameterError("site", str(exc)) from exc
            if site is None:
                self._base_queryset = Page.objects.none()
            else:
                pages = Page.objects.descendant_of(site.root_page, inclusive=True)
                self._base_queryset = access_for(self.request).listable(pages)
        return self._base_queryset

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
            queryset = models[0].objects.filter(pk__in=base.values("pk"))
        elif models:
            queryset = base.type(*models)
        else:
            queryset = base
        queryset = queryset.select_related("locale")
        with_relations = getattr(queryset.model, "with_api_relations", None)
        return with_relations(queryset) if with_relations else queryset

    def get_object(self):
        """The page, as its specific type, with what its API fields read fetched at once.

        Two page queries rather than Wagtail's three (the page, ``.specific``, then again
        with the relations): the filtered lookup reads only the id and type, then the
        specific row comes with its relations.
        """
        if not hasattr(self, "_cached_object"):
            pk = existing_id(self.kwargs.get("pk"))
            queryset = self.filter_queryset(self.get_queryset())
            found = queryset.filter(pk=pk).values_list("content_type_id", flat=True).first()
            if found is None:
                raise Http404("not found")
            model = ContentType.objects.get_for_id(found).model_class()
            specific = model.objects.filter(pk=pk).select_related("locale")
            with_relations = getattr(model, "with_api_relations", None)
            page = (with_relations(specific) if with_relations else specific).first()
            if page is None:  # deleted between the two queries
                raise Http404("not found")
            self.check_object_permissions(self.request, page)
            self._cached_object = page
        return self._cached_object

    def get_serializer(self, instance, *args, **kwargs):
        """The serializer, told who reads and which pages they may only see as teasers.

        A page the reader may not see at all is never written, even if a filter let it
        through (the listing and the page's own check are the same rule, written twice).
        """
        many = kwargs.get("many")
        pages = list(instance) if many else [instance]
        access = access_for(self.request)
        states = access.page_states(pages)
        pages = [page for page in pages if states[page.pk] != HIDDEN]
        if not many and not pages:
            raise Http404("not found")
        attach_reader(pages, access)
        serializer = super().get_serializer(pages if many else instance, *args, **kwargs)
        if many and "body" in serializer.child.fields:
            load_streams(pages)
        serializer.context["locked"] = {pk for pk, state in states.items() if state == TEASER}
        serializer.context["members_only"] = access.members_only_ids(pages)
        return serializer
