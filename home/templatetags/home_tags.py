from django import template
from wagtail.models import Site

from core.access import HIDDEN, access_for
from home.blocks import CrisisResourceBlock

register = template.Library()

#: Where "Quick exit" goes: a busy, neutral site that says nothing about the reader.
QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"


@register.filter
def tel(number):
    """Digits (and a leading +) of a phone number, for tel: and sms: links."""
    return CrisisResourceBlock.tel(str(number))


@register.simple_tag
def quick_exit_url():
    return QUICK_EXIT_URL


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The menu from the page tree: the site root's live children with "Show in menus" on.

    Editors add, remove and order menu entries in the page tree (Promote tab, and the
    explorer's ordering), never in a template. The reader's access policy decides, as
    everywhere: a page they may not see listed is not in their menu. Each entry is a dict
    with ``title``, ``url`` and ``current`` ("page" on the page itself, "true" inside its
    section, else ``""``) for ``aria-current``. Built once per request (header and footer
    share it), from the few menu pages loaded and checked as loaded pages: on every page,
    this is the policy's hot path rather than its queryset filters.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_site_menu", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        children = list(site.root_page.get_children().live().in_menu().order_by("path"))
        states = access_for(request).page_states(children)
        path = request.path
        for page in children:
            if states[page.pk] == HIDDEN:
                continue
            url = page.get_url(request=request)
            if not url:
                continue
            current = "page" if url == path else ("true" if path.startswith(url) else "")
            items.append({"title": page.title, "url": url, "current": current})
    request._site_menu = items
    return items
