"""Site-wide request rules and response headers, decided once for every request.

``ControlCharactersMiddleware`` applies ``core.input``'s rule to every request before any
view sees it. ``PrivateWhenPersonalMiddleware`` keeps personal answers out of shared caches:
a page or listing shown to a signed-in reader, or to a session that entered a page's
password, can hold what others may not see, so it is marked ``private`` and no CDN,
Varnish or proxy keeps it; what anyone would be answered is marked for sharing, with an
ETag. ``core.cache_policy`` is the rule; whether a reader sees only what anyone sees is
the access policy's answer.

Which Content-Security-Policy an answer gets is decided here: Wagtail's admin, and the
previews it renders for its preview panel, get ``ADMIN_CONTENT_SECURITY_POLICY``; everything
else gets ``CONTENT_SECURITY_POLICY``.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.urls import reverse

from core import cache_policy
from core import input as text_input
from core.errors import BadParameter
from core.sites import read_sites

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharactersMiddleware:
    """Refuse control characters in the path and query; strip them from submitted forms."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if text_input.has_control(request.path):
            raise BadParameter("The address holds a control character (such as NUL).")
        parameter = text_input.first_control_parameter(request.GET)
        if parameter is not None:
            raise BadParameter(
                f"{parameter}: holds a control character (such as NUL); remove it and retry",
                parameter,
            )
        is_form = request.method == "POST" and request.content_type in FORM_TYPES
        if is_form and text_input.first_control_parameter(request.POST) is not None:
            request.POST = text_input.stripped(request.POST)
        return self.get_response(request)


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
    """Cache headers for every answer, from ``core.cache_policy``; 304 for a matching ETag.

    It sits outside the session, CSRF and message middleware, so it sees every cookie the
    answer sets (a form's CSRF token makes a page unshareable).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cache_policy.mark(request, self.get_response(request))


class SitesMiddleware:
    """A Site changed by another worker takes effect here too, without a restart, and the
    request's Site is found in the same query (``core.sites.read_sites``).

    Checked once the view is known, so views marked ``core.sites.reads_no_site`` skip it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "reads_no_site", False):
            read_sites(request)
