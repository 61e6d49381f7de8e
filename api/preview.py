"""``/api/v2/preview/?content_type=app.model&token=…``: the draft an editor is previewing.

For a headless front end (``core.preview``): the admin's Preview button sends the editor's
browser to the front end with a token; the front end asks here with it and renders the
answer, which has the v2 page detail's shape. Only a genuine token younger than
``HEADLESS_PREVIEW_MAX_AGE`` seconds is answered (403 otherwise: forged, altered or
expired); the token is the only credential, since the front end's server asks, not the
editor. The answer is never cached anywhere (``no-store``): it is unpublished content.
"""

from django.http import Http404
from django.utils.cache import add_never_cache_headers
from rest_framework.response import Response
from wagtail.api.v2.views import PagesAPIViewSet

from api.errors import ParameterError
from api.pages import ProjectPagesAPIViewSet
from core.errors import error_body
from core.preview import PreviewTokenError, draft_for_token


class PreviewAPIViewSet(ProjectPagesAPIViewSet):
    """The pages endpoint's serializer for one stored draft, found by its token."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    def detail_view(self, request, pk=None):
        self.action = "detail_view"
        try:
            response = super().detail_view(request, pk)
        except PreviewTokenError as error:
            response = Response(error_body(f"token: {error}", "token"), status=403)
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store"
        return response

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            token = self.request.GET.get("token", "")
            content_type = self.request.GET.get("content_type", "")
            if not token:
                raise ParameterError("token", "give the token from the preview address")
            if content_type.count(".") != 1:
                raise ParameterError(
                    "content_type", "give app_label.model, e.g. articles.articlepage"
                )
            page = draft_for_token(token, content_type)
            if page is None:
                raise Http404("no preview is stored for this token and content type")
            self._cached_object = page
        return self._cached_object

    def get_serializer(self, instance, *args, **kwargs):
        """The draft in full: the token holder previews what the editor is writing."""
        return super(ProjectPagesAPIViewSet, self).get_serializer(instance, *args, **kwargs)


preview_v2 = PreviewAPIViewSet.as_view({"get": "detail_view"})
