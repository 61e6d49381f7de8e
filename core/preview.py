"""The admin's Preview button for a headless front end (wagtail-headless-preview).

With ``HEADLESS_PREVIEW_URL`` set, previewing a page stores the editor's unsaved draft
under a signed, timestamped token (the package's ``PagePreview``) and sends Wagtail's
preview panel to ``HEADLESS_PREVIEW_URL?content_type=app.model&token=…``; the front end
reads the draft from ``/api/v2/preview/`` with that token, which the API accepts only
while it is younger than ``HEADLESS_PREVIEW_MAX_AGE`` seconds (the package itself never
expires tokens). Unset, the site's own templates preview the page, as Wagtail does.

Every page type gets this by inheriting ``HeadlessPreview`` before ``Page``
(``MembersOnlyPage`` does; ``tests/test_headless_preview.py`` checks every page type).
"""

from django.conf import settings
from django.core import signing
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview


class HeadlessPreview(HeadlessPreviewMixin):
    def get_client_root_url(self, request):
        """One front end for the site: the address as configured, used as it is."""
        return settings.HEADLESS_PREVIEW_URL

    def serve_preview(self, request, mode_name):
        if not settings.HEADLESS_PREVIEW_URL:
            return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
        return super().serve_preview(request, mode_name)


class PreviewTokenError(Exception):
    """A token that is forged, altered or expired: the reason, for the API's answer."""


def draft_for_token(token, content_type):
    """The previewed draft stored under ``token``, if the token is genuine and unexpired.

    ``content_type`` is ``app_label.model`` as the front end got it; ``None`` when no draft
    of that type was stored under this token (a token is kept for a day at most).
    """
    try:
        HeadlessPreviewMixin.get_preview_signer().unsign(
            token, max_age=settings.HEADLESS_PREVIEW_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise PreviewTokenError(
            "this preview token has expired; press Preview in the admin again"
        ) from error
    except signing.BadSignature as error:
        raise PreviewTokenError("not a valid preview token") from error
    app_label, _, model = content_type.partition(".")
    preview = PagePreview.objects.filter(
        token=token, content_type__app_label=app_label, content_type__model=model.lower()
    ).first()
    if preview is None:
        return None
    page = preview.as_page()
    if not isinstance(page, Page):
        return None
    if page.pk is None:  # a page not yet created: the API still needs an id to write
        page.pk = 0
    return page
