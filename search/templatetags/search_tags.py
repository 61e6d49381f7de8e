"""Template helpers for the search page."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

register = template.Library()

# The topic page's URL name is owned by the articles app; /topics/<slug>/ if it is missing.
TOPIC_URL_NAMES = ("topic_detail",)


@register.filter
def topic_url(topic):
    for name in TOPIC_URL_NAMES:
        try:
            return reverse(name, kwargs={"slug": topic.slug})
        except NoReverseMatch:
            continue
    return f"/topics/{topic.slug}/"


@register.simple_tag(takes_context=True)
def search_url(context, **changes):
    """The current search URL with some parameters changed (None or "" drops one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.items()))
