"""``{% related_posts page %}``: the article page's "Related posts" section."""

from django import template

from articles.related.serving import SECTION_SIZE, related_items

register = template.Library()


@register.inclusion_tag("articles/includes/related_cards.html", takes_context=True)
def related_posts(context, page, limit=SECTION_SIZE):
    """Up to six related posts as cards; nothing when the editor hid the section."""
    items = [] if getattr(page, "hide_related", False) else related_items(page, limit)
    return {"items": items, "request": context.get("request")}
