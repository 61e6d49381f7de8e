from django import template

from membership.join import join_url as find_join_url

register = template.Library()


@register.simple_tag(takes_context=True)
def join_url(context):
    """The join page's address (``{% join_url %}``), for every "Become a member" link."""
    return find_join_url(context.get("request"))
