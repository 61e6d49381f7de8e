"""Small project-wide views that belong to no single app, and the error handlers.

The handlers answer in the one error shape (``core.errors``) wherever a caller asked for
JSON, the API above all, so a client never has to parse an HTML error page; readers get
the site's own pages.
"""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.http import require_GET

from core.errors import BadParameter, json_error, wants_json

UNREADABLE = "The request could not be read. Check the address and try again."


@require_GET
def robots_txt(request):
    """Keep crawlers out of the admin, the API, search results and sign-in; point to the sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the static icon."""
    return HttpResponseRedirect(static("img/favicon.ico"))


def bad_request(request, exception=None):
    if isinstance(exception, BadParameter):
        message, parameter = str(exception), exception.parameter
    else:
        message, parameter = UNREADABLE, None
    if wants_json(request):
        return json_error(400, message, parameter)
    return render(request, "400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    if wants_json(request):
        return json_error(403, "permission denied")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if wants_json(request):
        return json_error(404, "not found")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if wants_json(request):
        return json_error(500, "the server could not answer; the fault is logged, try again")
    return defaults.server_error(request)
