"""Who is told about page changes (endpoints), what was sent (deliveries), and the change log.

``WebhookEndpoint`` is what an editor registers under Settings › Webhooks (or with
``manage.py webhooks add``); ``WebhookDelivery`` is one event for one endpoint, with its
status and attempts, shown read-only under Settings › Webhook deliveries; ``PageChange``
is one row of the change feed (``/api/v2/changes/``): what an anonymous reader's view of a
page became, kept after the page is gone (a tombstone).
"""

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

#: The events an endpoint may subscribe to, with the label editors see.
EVENTS = {
    "page.published": "A page is published (first time or again)",
    "page.unpublished": "A page is unpublished",
    "page.deleted": "A page is deleted",
    "page.moved": "A page is moved",
    "page.privacy_changed": "A page's privacy changes (members-only, password, groups)",
}


def validate_outbound_url(value):
    """An endpoint is an http(s) address with a host: nothing else is ever called.

    ``file:``, ``ftp:``, ``gopher:`` or a bare path would make the worker read or send
    somewhere no webhook lives.
    """
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https"):
        raise ValidationError(
            "Use an address that starts with https:// (or http://), e.g. "
            "https://example.org/hooks/cms.",
            code="scheme",
        )
    if not parts.hostname:
        raise ValidationError("The address needs a host name, e.g. https://example.org/…")
    URLValidator(schemes=["http", "https"], message="Enter a complete web address.")(value)


def validate_events(value):
    unknown = [event for event in value or () if event not in EVENTS]
    if not isinstance(value, list) or not value or unknown:
        names = ", ".join(EVENTS)
        raise ValidationError(f"Choose one or more of: {names}.", code="events")


class EndpointForm(WagtailAdminModelForm):
    """The admin's form: events as check boxes, the secret typed like a password, and the
    address checked by the one rule (Django's URL field would only say "Enter a valid URL")."""

    url = forms.CharField(
        label="URL",
        max_length=500,
        validators=[validate_outbound_url],
        help_text="Where events are sent as JSON POST requests (http or https).",
    )

    events = forms.MultipleChoiceField(
        choices=list(EVENTS.items()), widget=forms.CheckboxSelectMultiple
    )
    secret = forms.CharField(
        min_length=16,
        max_length=200,
        widget=forms.PasswordInput(render_value=True),
        help_text="At least 16 characters. The receiver checks each request's "
        "X-CMS-Signature with it.",
    )


class WebhookEndpoint(models.Model):
    url = models.URLField(
        "URL",
        max_length=500,
        validators=[validate_outbound_url],
        help_text="Where events are sent as JSON POST requests (http or https).",
    )
    secret = models.CharField(max_length=200)
    events = models.JSONField(default=list, validators=[validate_events])
    active = models.BooleanField(default=True, help_text="Inactive endpoints are sent nothing.")
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("url"), FieldPanel("secret"), FieldPanel("events"), FieldPanel("active")]
    base_form_class = EndpointForm

    class Meta:
        ordering = ["url", "pk"]
        verbose_name = "webhook"

    def __str__(self):
        return self.url

    def events_text(self):
        return ", ".join(self.events)

    events_text.short_description = "events"


class WebhookDelivery(models.Model):
    PENDING, RETRYING, DELIVERED, FAILED = "pending", "retrying", "delivered", "failed"
    STATUSES = [
        (PENDING, "Pending"),
        (RETRYING, "Retrying"),
        (DELIVERED, "Delivered"),
        (FAILED, "Failed"),
    ]

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=40)
    page_id = models.BigIntegerField()
    #: The exact bytes sent (and signed), so a retry sends the same body.
    body = models.TextField()
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} #{self.page_id} → {self.endpoint_id}"


class PageChange(models.Model):
    """One change to what an anonymous reader may see of one page."""

    PUBLISHED, UPDATED = "published", "updated"
    UNPUBLISHED, DELETED, RESTRICTED = "unpublished", "deleted", "restricted"
    ACTIONS = [(a, a) for a in (PUBLISHED, UPDATED, UNPUBLISHED, DELETED, RESTRICTED)]
    #: After these the page is in an anonymous reader's view; after the others it is not.
    VISIBLE = frozenset({PUBLISHED, UPDATED})

    page_id = models.BigIntegerField()
    #: ``app_label.ModelName`` as the API's ``meta.type``; kept after the page is deleted.
    page_type = models.CharField(max_length=200)
    action = models.CharField(max_length=12, choices=ACTIONS)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["page_id", "-id"], name="webhooks_change_page")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} #{self.page_id}"
