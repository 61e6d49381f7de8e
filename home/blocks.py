"""Blocks used by site-wide settings (page bodies use ``home.body``)."""

from wagtail import blocks


class CrisisResourceBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=120, help_text="Who to contact, e.g. “988 Suicide and Crisis Lifeline”."
    )
    phone = blocks.CharBlock(
        required=False, max_length=40, help_text="Number to call, e.g. 988 or 1-800-662-4357."
    )
    text = blocks.CharBlock(
        required=False, max_length=40, help_text="Number to text, if the service takes texts."
    )
    url = blocks.URLBlock(
        required=False, label="Web address", help_text="A page with more help (optional)."
    )
    guidance = blocks.CharBlock(
        max_length=200,
        help_text="One plain line on when to use it, e.g. “Free, confidential, 24/7”.",
    )

    class Meta:
        icon = "warning"
        label = "Crisis resource"

    @staticmethod
    def tel(number):
        """A tel: link target from a human-written number."""
        return "".join(ch for ch in number if ch.isdigit() or ch == "+")
