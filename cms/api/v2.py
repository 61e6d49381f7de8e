"""API v2 routing: pages, images, documents and topics, with JSON answers for bad paths."""

from django.urls import re_path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api.errors import not_found
from cms.api.pages import ProjectPagesAPIViewSet
from cms.api.topics import TopicsAPIViewSet


class ProjectAPIRouter(WagtailAPIRouter):
    """Wagtail's router plus a JSON 400/404 for malformed ids and unknown addresses."""

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [re_path(r"^(?P<path>.*)$", not_found)]


api_router = ProjectAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProjectPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
