from functools import cache

from django import template
from django.db import connection
from wagtail.models import Page, Site

from core.access import HIDDEN, access_for
from core.plain_sql import fields_of, instance
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


#: What the menu and the access policy read of a menu page.
MENU_FIELDS, MENU_COLUMNS = fields_of(
    Page, ("id", "title", "url_path", "path", "depth", "live", "content_type_id")
)


@cache
def _menu_sql():
    return (
        f"SELECT {', '.join(MENU_COLUMNS)} FROM {Page._meta.db_table} "
        "WHERE path LIKE %s AND depth = %s AND live = %s AND show_in_menus = %s ORDER BY path"
    )


def menu_pages(root):
    """The root's live children with "Show in menus" on, in the tree's order.

    Wagtail's ``root.get_children().live().in_menu()``, read as plain SQL into pages that
    hold only what the menu and the access policy use (every page shows the menu, and
    compiling the ORM's query cost more than running it).
    """
    with connection.cursor() as cursor:
        cursor.execute(_menu_sql(), [root.path + "%", root.depth + 1, True, True])
        rows = cursor.fetchall()
    return [instance(Page, MENU_FIELDS, row) for row in rows]


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
        children = menu_pages(site.root_page)
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
