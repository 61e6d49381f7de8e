from django import template

from home.blocks import CrisisResourceBlock

register = template.Library()


@register.filter
def tel(number):
    """Digits (and a leading +) of a phone number, for tel: and sms: links."""
    return CrisisResourceBlock.tel(str(number))
