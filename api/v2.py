"""API v2 routing: pages, images, documents, topics, related posts and the course outline."""

from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter

from api.changes import changes_v2
from api.course import outline_v2
from api.errors import not_found
from api.media import ProjectDocumentsAPIViewSet, ProjectImagesAPIViewSet
from api.pages import ProjectPagesAPIViewSet
from api.preview import preview_v2
from api.related import related_v2
from api.topics import TopicsAPIViewSet


class ProjectAPIRouter(WagtailAPIRouter):
    """Wagtail's router, the project's own read views, and JSON for unknown addresses."""

    def get_urlpatterns(self):
        return [
            path("pages/<int:page_id>/related/", related_v2, name="related_posts"),
            path("course/outline/", outline_v2, name="course_outline"),
            path("changes/", changes_v2, name="changes"),
            path("preview/", self.wrap_view(preview_v2), name="preview"),
            *super().get_urlpatterns(),
            re_path(r"^(?P<path>.*)$", not_found),
        ]


api_router = ProjectAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ProjectPagesAPIViewSet)
api_router.register_endpoint("images", ProjectImagesAPIViewSet)
api_router.register_endpoint("documents", ProjectDocumentsAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
