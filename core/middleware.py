"""Answers that depend on who asks are never cached for everyone.

A page or listing shown to a signed-in reader, or to a session that entered a page's
password, can hold what others may not see; such answers are marked ``private`` so no
shared cache (a CDN, Varnish, a proxy) keeps them. Whether a reader sees only what anyone
sees is the access policy's answer.
"""

from django.utils.cache import patch_cache_control

from core.access import access_for


class PrivateWhenPersonalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not access_for(request).sees_what_anyone_sees:
            patch_cache_control(response, private=True)
        return response
