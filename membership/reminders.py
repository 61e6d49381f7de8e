"""The email that tells a member, ahead of time, that their membership is ending.

Sent once per end date (``Membership.reminded_for``): a grant whose end moves later earns a
new reminder; a member whose access continues after the grant (another grant follows, or
runs open-ended) gets none.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from membership.models import Membership


def due(today):
    horizon = today + timedelta(days=settings.MEMBERSHIP_REMINDER_DAYS)
    return (
        Membership.objects.active(today)
        .filter(ends__isnull=False, ends__lte=horizon)
        .exclude(reminded_for=F("ends"))
        .select_related("user")
    )


def _site():
    site = Site.objects.filter(is_default_site=True).first()
    name = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    return name, settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def send_reminder(membership, site_name, base_url):
    context = {
        "user": membership.user,
        "membership": membership,
        "site_name": site_name,
        "membership_url": f"{base_url}/my/membership/",
        "days": settings.MEMBERSHIP_REMINDER_DAYS,
    }
    subject = f"Your {site_name} membership ends on {membership.ends:%-d %B %Y}"
    message = EmailMultiAlternatives(
        subject,
        render_to_string("membership/email/reminder.txt", context),
        to=[membership.user.email],
    )
    message.attach_alternative(
        render_to_string("membership/email/reminder.html", context), "text/html"
    )
    message.send()


def send_reminders(today=None):
    """Email every member whose membership ends soon; returns how many were sent."""
    today = today or timezone.localdate()
    site_name, base_url = _site()
    sent = 0
    for membership in due(today):
        continues = (
            Membership.objects.filter(user=membership.user, starts__lte=membership.ends)
            .filter(Q(ends__isnull=True) | Q(ends__gt=membership.ends))
            .exists()
        )
        if membership.user.email and not continues:
            send_reminder(membership, site_name, base_url)
            sent += 1
        Membership.objects.filter(pk=membership.pk).update(reminded_for=membership.ends)
    return sent
