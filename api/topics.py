"""Topics in the API: ``/api/v2/topics/`` and ``/api/v3/topics/``, one shape for both.

Fields: id, name, slug, description, synonyms, article_count (the articles the reader may
see listed, members-only teasers included) and html_url (the blog filtered by the topic).
v2 adds Wagtail's ``meta`` and ``?fields=``; both page with ``limit`` and ``offset``.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from wagtail.api import APIField
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from api.errors import READ_ERRORS, ErrorHandlingMixin, ParameterError
from api.pages import FieldsFilter, Pagination
from api.params import existing_id
from articles.models import ArticleIndexPage
from articles.views import with_article_counts
from core.access import access_for
from core.api_fields import Computed, attach_reader, reader_of
from topics.models import Topic
from topics.visibility import listed_topics

MAX_SEARCH_LENGTH = 100


def topics_for(request):
    """Topics a page this reader may see uses, with their article counts, optionally searched."""
    access = access_for(request)
    topics = with_article_counts(listed_topics(access), access).order_by("name")
    if "search" in request.GET:
        words = request.GET["search"].strip()
        if not words or len(words) > MAX_SEARCH_LENGTH:
            raise ParameterError("search", f"give between 1 and {MAX_SEARCH_LENGTH} characters")
        topics = topics.filter(Q(name__icontains=words) | Q(synonyms__icontains=words))
    return topics


def synonyms(topic) -> list[str]:
    """Other names for the topic, which search and tagging file under it."""
    return topic.synonym_list


def html_url(topic, reader) -> str | None:
    """The blog's listing of this topic's articles (null when there is no blog)."""
    if "blog_url" not in reader.memo:
        blog = reader.listable(ArticleIndexPage.objects.all()).first()
        reader.memo["blog_url"] = blog.full_url if blog else None
    base = reader.memo["blog_url"]
    return f"{base}?topic={topic.slug}" if base else None


class TopicSchema(Schema):
    id: int
    name: str
    slug: str
    description: str
    synonyms: list[str]
    article_count: int
    html_url: str | None

    @staticmethod
    def resolve_synonyms(topic):
        return synonyms(topic)

    @staticmethod
    def resolve_html_url(topic, context):
        return html_url(topic, access_for(context["request"]))


def _v2_html_url(topic) -> str | None:
    return html_url(topic, reader_of(topic))


class TopicsAPIViewSet(ErrorHandlingMixin, BaseAPIViewSet):
    model = Topic
    name = "topics"
    filter_backends = [FieldsFilter]
    pagination_class = Pagination
    known_query_parameters = frozenset(["limit", "offset", "fields", "search", "_", "format"])
    body_fields = [
        "id",
        "name",
        "slug",
        "description",
        APIField("synonyms", serializer=Computed(synonyms)),
        APIField("article_count", serializer=Computed(lambda topic: topic.article_count)),
        APIField("html_url", serializer=Computed(_v2_html_url)),
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        *(getattr(field, "name", field) for field in body_fields[1:]),
    ]

    def get_queryset(self):
        existing_id(self.kwargs.get("pk"))
        return topics_for(self.request)

    def get_serializer(self, instance, *args, **kwargs):
        attach_reader(instance if kwargs.get("many") else [instance], access_for(self.request))
        return super().get_serializer(instance, *args, **kwargs)


router = Router(tags=["topics"])


@router.get(
    "/",
    response=list[TopicSchema],
    url_name="list_topics",
    summary="List topics",
    operation_id="topics_list",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
@paginate(WagtailLimitOffsetPagination)
def list_topics(request):
    return topics_for(request)


@router.get(
    "/{topic_id}/",
    response={200: TopicSchema, **READ_ERRORS},
    url_name="detail_topic",
    summary="Topic detail",
    operation_id="topics_detail",
    auth=[BearerTokenAuth(), AllowAnonymous()],
)
def get_topic(request, topic_id: int):
    existing_id(topic_id)
    return get_object_or_404(topics_for(request), pk=topic_id)
