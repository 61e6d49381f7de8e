"""Response headers decided once for every answer: caching of personal pages, and the CSP.

A page or listing shown to a signed-in reader, or to a session that entered a page's
password, can hold what others may not see; such answers are marked ``private`` so no
shared cache (a CDN, Varnish, a proxy) keeps them. Whether a reader sees only what anyone
sees is the access policy's answer.

Which Content-Security-Policy an answer gets is decided here: Wagtail's admin, and the
previews it renders for its preview panel, get ``ADMIN_CONTENT_SECURITY_POLICY``; everything
else gets ``CONTENT_SECURITY_POLICY``.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control

from core.access import access_for


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy for the admin and its previews.

    django-csp picks a policy per view (decorators) or for the whole site (the setting);
    Wagtail's admin views are not ours to decorate, so the admin's URL prefix decides. A
    preview is served by running a dummy request for the page's own URL through the
    middleware again (Wagtail marks it ``is_dummy``); its answer is shown inside the
    editor's frame, so it gets the admin's policy too. A view that sets its own policy with
    django-csp's decorators still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and _for_the_admin(request):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


def _for_the_admin(request):
    return getattr(request, "is_dummy", False) or request.path_info.startswith(
        reverse("wagtailadmin_home")
    )


class PrivateWhenPersonalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not access_for(request).sees_what_anyone_sees:
            patch_cache_control(response, private=True)
        return response
