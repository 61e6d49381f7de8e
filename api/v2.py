"""API v2 routing: pages, images, documents, topics, related posts and the course outline."""

from django.http import JsonResponse
from django.urls import path, re_path
from django.views.decorators.http import require_GET
from wagtail.api.v2.router import WagtailAPIRouter

from api.changes import changes_v2
from api.course import outline_v2
from api.errors import not_found
from api.media import ProjectDocumentsAPIViewSet, ProjectImagesAPIViewSet
from api.openapi import v2_document
from api.pages import ProjectPagesAPIViewSet
from api.preview import preview_v2
from api.related import related_v2
from api.topics import TopicsAPIViewSet
from api.v3 import v3_api


@require_GET
def openapi_document(request):
    """``/api/v2/openapi.json``: v2 described from the same schemas as v3 (``api.openapi``)."""
    return JsonResponse(v2_document(v3_api.get_openapi_schema()))


class ProjectAPIRouter(WagtailAPIRouter):
    """Wagtail's router, the project's own read views, and JSON for unknown addresses."""

    def get_urlpatterns(self):
        return [
            path("pages/<int:page_id>/related/", related_v2, name="related_posts"),
            path("course/outline/", outline_v2, name="course_outline"),
            path("changes/", changes_v2, name="changes"),
            path("preview/", self.wrap_view(preview_v2), name="preview"),
            path("openapi.json", openapi_document, name="openapi"),
            *super().get_urlpatterns(),
            re_path(r"^(?P<path>.*)$", not_found),
        ]


api_router = ProjectAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProjectPagesAPIViewSet)
api_router.register_endpoint("images", ProjectImagesAPIViewSet)
api_router.register_endpoint("documents", ProjectDocumentsAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
