"""Membership ends by itself at midnight, for signed-in readers, without waiting for a cron.

Grants run in whole days, so whether someone is a member can only change with the date or
with a change to their grants (which re-syncs at once). The session remembers the day its
user was last synced; on the first request of a new day the Members group is synced again.
Every other request costs no query: the session is read anyway for a signed-in reader, and
a visitor without a session cookie is not looked at. Bearer-token API clients have no
session: ``memberships_daily`` ends their access in bulk.
"""

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from membership.services import sync_members_group

CHECKED = "membership_checked_on"


def mark_checked(request):
    request.session[CHECKED] = timezone.localdate().isoformat()


class MembershipExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = request.session
            if SESSION_KEY in session and session.get(CHECKED) != timezone.localdate().isoformat():
                sync_members_group(request.user)
                mark_checked(request)
        return self.get_response(request)
