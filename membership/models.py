"""Membership grants, access codes and the /join/ page.

A ``Membership`` is one grant: from ``starts`` until ``ends`` (the first day without
access; empty for open-ended). A person may hold several over time; they are a member
while one of them is active today. The Members group that the access policy reads is
derived from the grants (``membership.services.sync_members_group``), never edited by hand.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from core.preview import HeadlessPreview
from core.richtext import SanitisedRichTextField
from home.body import BodyBlock

#: Letters and digits nobody confuses when reading a code aloud or from paper (no I, L, O, 0, 1).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a reader typed, as codes are stored: capitals, without spaces or dashes."""
    return "".join(text.split()).replace("-", "").upper()


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        """Grants that give access on ``on`` (today by default)."""
        on = on or timezone.localdate()
        running = models.Q(ends__isnull=True) | models.Q(ends__gt=on)
        return self.filter(running, starts__lte=on)


class Membership(models.Model):
    """One grant of membership to one person, for a period."""

    class Source(models.TextChoices):
        CODE = "code", "Access code"
        EDITOR = "editor", "Granted by an editor"
        PAYMENT = "payment", "Payment"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    starts = models.DateField(default=timezone.localdate, help_text="The first day of access.")
    ends = models.DateField(
        null=True,
        blank=True,
        help_text="The first day without access. Leave empty for a membership with no end.",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.EDITOR)
    reference = models.CharField(
        max_length=200,
        blank=True,
        help_text="The payment provider's reference, so a repeated webhook changes nothing.",
    )
    code = models.ForeignKey(
        "membership.AccessCode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    note = models.TextField(blank=True, help_text="For editors only: why it was granted.")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: The end date the reminder email was sent for (a new end date earns a new reminder).
    reminded_for = models.DateField(null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "reference"],
                condition=~models.Q(reference=""),
                name="membership_unique_reference",
            )
        ]

    def __str__(self):
        until = f"until {self.ends:%d %b %Y}" if self.ends else "with no end"
        return f"{self.user} from {self.starts:%d %b %Y} {until}"

    def clean(self):
        if self.ends and self.starts and self.ends < self.starts:
            raise ValidationError({"ends": "The end must be on or after the start."})

    def is_active_on(self, day):
        return self.starts <= day and (self.ends is None or day < self.ends)

    @property
    def is_active(self):
        return self.is_active_on(timezone.localdate())


class AccessCode(models.Model):
    """A code that makes whoever enters it a member, e.g. handed out by a partner agency."""

    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    max_uses = models.PositiveIntegerField(
        "uses allowed", default=1, help_text="How many people may use this code."
    )
    uses = models.PositiveIntegerField("uses so far", default=0, editable=False)
    expires = models.DateTimeField(
        null=True, blank=True, help_text="After this the code no longer works. Empty: never."
    )
    membership_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="How long the membership it gives lasts, in days. Empty: no end.",
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="For editors only, e.g. the partner agency."
    )
    disabled = models.BooleanField(default=False, help_text="A disabled code no longer works.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.code} ({self.note})" if self.note else self.code

    def problem(self, now=None):
        """Why the code cannot be used now: ``"disabled"``, ``"expired"``, ``"used_up"`` or None."""
        if self.disabled:
            return "disabled"
        if self.expires and self.expires <= (now or timezone.now()):
            return "expired"
        if self.uses >= self.max_uses:
            return "used_up"
        return None


class JoinPage(HeadlessPreview, Page):
    """/join/: what membership gives and how to join. One per site, under the home page."""

    intro = models.TextField(help_text="Two or three sentences inviting a reader to join.")
    benefits = StreamField(
        BodyBlock(),
        blank=True,
        help_text="What membership gives: the course, the members' blog, answers from experts.",
    )
    how_to_join = SanitisedRichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="How to join: create an account, then enter a code from a partner agency.",
    )

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("benefits"),
        FieldPanel("how_to_join"),
    ]

    class Meta:
        verbose_name = "join page"
