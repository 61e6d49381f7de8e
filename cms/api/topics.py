"""Topics in the API: ``/api/v2/topics/`` and the v3 ``/api/v3/topics/`` router.

Both answer the same fields: id, name, slug, description, synonyms, article_count
(live articles, members-only ones included since they are listed) and html_url.
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate
from rest_framework.fields import Field, IntegerField, ListField
from wagtail.api import APIField
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from articles.models import ArticleIndexPage
from cms.api.pages import FieldsFilter, ParameterError, ProjectPagesAPIViewSet
from cms.visibility import listable_pages
from topics.models import Topic


def topics_queryset():
    live = Q(tagged_articles__content_object__live=True)
    return Topic.objects.annotate(article_count=Count("tagged_articles", filter=live)).order_by(
        "name"
    )


def topic_base_url(request=None):
    """The blog's address, to which ``?topic=<slug>`` is added (None when there is no blog)."""
    index = listable_pages(ArticleIndexPage.objects.all()).first()
    return index.get_full_url(request) if index else None


def topic_html_url(topic, base_url):
    return f"{base_url}?topic={topic.slug}" if base_url else None


class TopicHtmlUrlField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, topic) -> str | None:
        context = self.context
        if "topic_base_url" not in context:
            context["topic_base_url"] = topic_base_url(context.get("request"))
        return topic_html_url(topic, context["topic_base_url"])


class TopicsAPIViewSet(BaseAPIViewSet):
    model = Topic
    name = "topics"
    filter_backends = [FieldsFilter]
    known_query_parameters = frozenset(["limit", "offset", "fields", "search", "_", "format"])
    body_fields = [
        "id",
        "name",
        "slug",
        "description",
        APIField("synonyms", serializer=ListField(source="synonym_list", read_only=True)),
        APIField("article_count", serializer=IntegerField(read_only=True)),
        APIField("html_url", serializer=TopicHtmlUrlField()),
    ]
    listing_default_fields = [
        "id",
        "type",
        "detail_url",
        "name",
        "slug",
        "description",
        "synonyms",
        "article_count",
        "html_url",
    ]
    pagination_class = ProjectPagesAPIViewSet.pagination_class
    handle_exception = ProjectPagesAPIViewSet.handle_exception

    def get_queryset(self):
        queryset = topics_queryset()
        if "search" in self.request.GET:
            words = self.request.GET["search"].strip()
            if not words or len(words) > 100:
                raise ParameterError("search", "give between 1 and 100 characters")
            queryset = queryset.filter(Q(name__icontains=words) | Q(synonyms__icontains=words))
        return queryset

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["topic_base_url"] = topic_base_url(self.request)
        return context


router = Router(tags=["topics"])


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
        return topic.synonym_list

    @staticmethod
    def resolve_html_url(topic, context):
        request = context["request"]
        if not hasattr(request, "_topic_base_url"):
            request._topic_base_url = topic_base_url(request)
        return topic_html_url(topic, request._topic_base_url)


@router.get(
    "/",
    response=list[TopicSchema],
    url_name="list_topics",
    summary="List topics",
    operation_id="topics_list",
)
@paginate(WagtailLimitOffsetPagination)
def list_topics(request):
    return topics_queryset()


@router.get(
    "/{topic_id}/",
    response=TopicSchema,
    url_name="detail_topic",
    summary="Topic detail",
    operation_id="topics_detail",
)
def get_topic(request, topic_id: int):
    return get_object_or_404(topics_queryset(), pk=topic_id)
