"""Site-wide request rules: what input is accepted, and which answers may be shared.

``ControlCharactersMiddleware`` applies ``core.input``'s rule to every request before any
view sees it. ``PrivateWhenPersonalMiddleware`` keeps personal answers out of shared caches:
a page or listing shown to a signed-in reader, or to a session that entered a page's
password, can hold what others may not see, so it is marked ``private`` and no CDN,
Varnish or proxy keeps it. Whether a reader sees only what anyone sees is the access
policy's answer.
"""

from django.utils.cache import patch_cache_control

from core import input as text_input
from core.access import access_for
from core.errors import BadParameter

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


class PrivateWhenPersonalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not access_for(request).sees_what_anyone_sees:
            patch_cache_control(response, private=True)
        return response
