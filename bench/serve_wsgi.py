"""WSGI app for bench/serve.py: the site, plus a bare view to measure against.

``/bench/bare/`` renders a 5 KB template with a few variables and nothing else (no
database, no session read): what this gunicorn and Django's request cycle cost on their
own, through the same middleware as every other page.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import HttpResponse  # noqa: E402
from django.template import Context, Engine  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

from cms import urls  # noqa: E402

PARAGRAPH = (
    "<p>{{ lead }}: families who learn to notice small changes, reward calm moments and "
    "step back from rescuing often see their Loved One consider treatment sooner.</p>\n"
)
TEMPLATE = Engine().from_string(
    "<!DOCTYPE html><html lang='en'><head><title>{{ title }}</title></head><body>"
    "<h1>{{ title }}</h1>{% for item in items %}<p>{{ item }}</p>{% endfor %}"
    + PARAGRAPH * 24
    + "</body></html>"
)


def bare(request):
    context = Context({"title": "A bare page", "lead": "Notice", "items": ["one", "two"]})
    return HttpResponse(TEMPLATE.render(context))


urls.urlpatterns.insert(0, path("bench/bare/", bare))
clear_url_caches()
