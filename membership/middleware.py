"""Membership ends by itself at midnight, for signed-in readers, without waiting for a cron.

Grants run in whole days, so whether someone is a member can only change with the date or
with a change to their grants (which re-syncs at once). The session remembers the day its
user was last synced; on the first request of a new day the Members group is synced again.
Every other request costs no query: the session is read anyway for a signed-in reader, and
a visitor without a session cookie is not looked at. A bearer-token API client has no
session, so the shared cache remembers the day its token's user was last synced: one
query for the token on a new day (or when the cache is down), none otherwise.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.utils import timezone

from core.tokens import bearer_token, token_user_id
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
        else:
            token = bearer_token(request)
            if token:
                sync_token_user(token)
        return self.get_response(request)


def sync_token_user(token):
    """Sync the Members group of a token's user once a day (per token)."""
    today = timezone.localdate().isoformat()
    key = f"membership-checked:{cache_key_for(token)}"
    if cache.get(key) == today:
        return
    user_id = token_user_id(token)
    if user_id is None:
        return
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:
        sync_members_group(user)
    cache.set(key, today, 60 * 60 * 24)


def cache_key_for(token):
    """A cache key for a token that does not hold the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()[:32]
