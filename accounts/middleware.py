"""Superusers set up two-factor sign-in before they use the admin (REQUIRE_SUPERUSER_MFA)."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

MESSAGE = (
    "Before you use the admin, set up two-factor sign-in: a superuser account can change "
    "everything on the site, so a password alone is not enough to protect it."
)


class SuperuserMFAMiddleware:
    """A superuser without an authenticator who asks for an admin page is sent to set one up.

    Only the admin is guarded: the set-up pages themselves, and the rest of the site, stay
    reachable, so nobody is locked in a loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            messages.info(request, MESSAGE)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request):
        if not settings.REQUIRE_SUPERUSER_MFA:
            return False
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated and user.is_superuser):
            return False
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return False
        return not is_mfa_enabled(user)
