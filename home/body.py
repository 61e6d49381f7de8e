"""The standard page body: the shared block library plus the site-wide banner and crisis blocks.

The membership banner and the crisis contacts are home's snippets and settings, so their
blocks live here rather than in ``core.blocks`` (which imports no app). Articles and course
units build their bodies from ``BodyBlock``.
"""

from wagtail import blocks
from wagtail.models import Site
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import common_blocks
from home.api_fields import CallToActionValue, CrisisNoticeValue
from home.models import CrisisResources, MembershipCallToAction


class CallToActionBlock(blocks.StructBlock):
    api_schema = CallToActionValue | None  # null when the banner was deleted

    call_to_action = SnippetChooserBlock(
        "home.MembershipCallToAction",
        help_text="Choose the membership banner to show here.",
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        description = "The reusable “become a member” banner."

    def get_preview_value(self):
        example = MembershipCallToAction.objects.first() or MembershipCallToAction(
            heading="Become a member", text="Learn CRAFT step by step with our experts."
        )
        return blocks.StructValue(self, [("call_to_action", example)])

    def get_api_representation(self, value, context=None):
        cta = value["call_to_action"]
        return cta.as_api() if cta else None


class CrisisNoticeBlock(blocks.StructBlock):
    api_schema = CrisisNoticeValue

    intro = blocks.CharBlock(
        max_length=200,
        required=False,
        help_text=(
            "Optional line above the crisis contacts, e.g. “If you are worried about overdose:”."
        ),
    )

    class Meta:
        icon = "warning"
        template = "blocks/crisis_notice.html"
        description = (
            "The crisis contacts from the site settings (edit them once, shown everywhere)."
        )
        preview_value = {"intro": "If someone is in danger right now:"}

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        if request is not None and Site.find_for_request(request) is not None:
            # Remembered on the request: a body with several notices reads them once.
            resources = CrisisResources.for_request(request).as_api()
        else:
            site = Site.objects.filter(is_default_site=True).first()
            resources = CrisisResources.for_site(site).as_api() if site else None
        return {"intro": value["intro"], "crisis_resources": resources}


def body_blocks():
    """Every block a page body may use: the shared library, then the banner and crisis notice."""
    return common_blocks() + [
        ("call_to_action", CallToActionBlock()),
        ("crisis_notice", CrisisNoticeBlock()),
    ]


class BodyBlock(blocks.StreamBlock):
    """A page body: the standard blocks, plus any a page type adds after them."""

    def __init__(self, local_blocks=None, **kwargs):
        super().__init__(local_blocks=body_blocks() + list(local_blocks or []), **kwargs)
