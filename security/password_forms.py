"""Wagtail's page and collection password forms, counted and locked by axes.

Wagtail checks these passwords itself, without ``django.contrib.auth.authenticate``, so
axes's backend never sees them. Each view here wraps Wagtail's own at the same URL and
reports to axes through its handler API, as its backend does for sign-ins: a failure is
``user_login_failed`` with the restriction as the "username" (``page-password:<id>``), so
the same limits apply per restriction and per address, and the same lock-out answer and
admin listing cover them. While locked, Wagtail's view gets the submission without its
password: it re-renders the form (keeping where to return to) and cannot grant access.
"""

import copy
from functools import wraps

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.conf import settings
from django.http import HttpResponseRedirect
from wagtail.documents.views.serve import authenticate_with_password as wagtail_collection_form
from wagtail.views import authenticate_with_password as wagtail_page_form


def _without_password(request):
    stripped = copy.copy(request)
    data = request.POST.copy()
    data.pop(settings.AXES_PASSWORD_FORM_FIELD, None)
    stripped.POST = data
    return stripped


def throttled(view, kind, restriction_kwarg):
    """``view`` with each POST checked and counted by axes under ``<kind>:<restriction id>``.

    Wagtail's view redirects exactly when the password was right; any other answer to a
    POST is its form again, with an error, and counts as a failure.
    """

    @wraps(view)
    def throttled_view(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        credentials = get_credentials(f"{kind}:{kwargs[restriction_kwarg]}")
        if not AxesProxyHandler.is_allowed(request, credentials):
            AxesProxyHandler.user_login_failed(view, credentials, request)
            return view(_without_password(request), *args, **kwargs)
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseRedirect):
            AxesProxyHandler.user_login_failed(view, credentials, request)
        return response

    return throttled_view


page_password = throttled(wagtail_page_form, "page-password", "page_view_restriction_id")
collection_password = throttled(wagtail_collection_form, "collection-password", "restriction_id")
