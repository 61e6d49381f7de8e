"""What changes a membership: the one place every way in (codes, editors, payments) calls.

- ``sync_members_group(user)`` makes the user's place in the Members group (what the
  access policy reads) match "has an active grant today". It runs after every change to a
  grant (``membership.receivers``), at sign-in, on a signed-in reader's first request of
  each day (``membership.middleware``) and in bulk in ``memberships_daily``.
- ``grant`` and ``end`` are the hook for a payment provider: a webhook view (not part of
  this project) verifies the provider's signature, finds the user and calls them with the
  provider's reference; calling either twice with the same reference changes nothing.
  They send ``membership_granted`` / ``membership_ended``.
- ``redeem(user, text)`` turns an access code into a membership, atomically.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from membership.models import AccessCode, Membership, normalise_code
from membership.signals import membership_ended, membership_granted


def members_group():
    return Group.objects.get_or_create(name=settings.MEMBERS_GROUP_NAME)[0]


def membership_of(user):
    """The user's current grant, else their next or latest one, else None.

    The grant has ``.starts``, ``.ends`` and ``.is_active``; of several active grants the
    one that lasts longest (open-ended first) is returned.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    grants = list(Membership.objects.filter(user=user))
    active = [g for g in grants if g.is_active_on(today)]
    if active:
        return max(active, key=lambda g: (g.ends is None, g.ends or today))
    upcoming = [g for g in grants if g.starts > today]
    if upcoming:
        return min(upcoming, key=lambda g: g.starts)
    return max(grants, key=lambda g: (g.ends, g.pk)) if grants else None


def sync_members_group(user):
    """Put the user in the Members group exactly while a grant is active today; returns that."""
    active = Membership.objects.active().filter(user=user).exists()
    group = members_group()
    in_group = user.groups.filter(pk=group.pk).exists()
    if active and not in_group:
        user.groups.add(group)
    elif in_group and not active:
        user.groups.remove(group)
    return active


def sync_everyone():
    """``sync_members_group`` for every user at once: ``(added, removed)`` counts."""
    group = members_group()
    active = Membership.objects.active().values("user_id")
    User = get_user_model()
    missing = list(User.objects.filter(pk__in=active).exclude(groups=group))
    lapsed = list(User.objects.filter(groups=group).exclude(pk__in=active))
    group.user_set.add(*missing)
    group.user_set.remove(*lapsed)
    return len(missing), len(lapsed)


def grant(user, starts=None, ends=None, source=Membership.Source.PAYMENT, reference="", **fields):
    """Give ``user`` a membership from ``starts`` (today) until ``ends`` (None: no end).

    With a ``reference`` (the payment provider's id for the subscription or payment) a
    second call with the same one returns the grant already made and sends nothing.
    """
    if reference:
        existing = Membership.objects.filter(source=source, reference=reference).first()
        if existing:
            return existing
    membership = Membership(
        user=user,
        starts=starts or timezone.localdate(),
        ends=ends,
        source=source,
        reference=reference,
        **fields,
    )
    membership.full_clean(exclude=["user", "code", "granted_by"])
    membership.save()
    membership_granted.send(sender=Membership, membership=membership, user=user)
    return membership


def end(user, when=None, reference=""):
    """End ``user``'s membership on ``when`` (today: access stops now); returns the grants ended.

    With a ``reference`` only that grant ends; without, every grant still running on
    ``when``. Grants that already end by then are left as they are, so a repeated call
    ends nothing and sends nothing.
    """
    when = when or timezone.localdate()
    grants = Membership.objects.filter(user=user).filter(Q(ends__isnull=True) | Q(ends__gt=when))
    if reference:
        grants = grants.filter(reference=reference)
    return [end_grant(membership, when) for membership in grants]


def end_grant(membership, when=None):
    """End one grant on ``when`` (today: access stops now) and say so."""
    when = when or timezone.localdate()
    membership.ends = max(when, membership.starts)
    membership.save()
    membership_ended.send(sender=Membership, membership=membership, user=membership.user)
    return membership


@dataclass
class Redeemed:
    """What entering a code did: ``problem`` is None when ``membership`` was granted."""

    problem: str | None = None
    membership: Membership | None = None


def find_code(text):
    return AccessCode.objects.filter(code=normalise_code(text)).first()


def redeem(user, text):
    """Make ``user`` a member with the code ``text``, using one of its uses.

    Problems: ``"unknown"``, ``"disabled"``, ``"expired"``, ``"used_up"``, and
    ``"already_member"`` (an open-ended membership; the code is not used). A member whose
    membership has an end gets the code's period added after it. The use is claimed by one
    conditional UPDATE, so two people racing for a code's last use cannot both have it.
    """
    code = find_code(text)
    if code is None:
        return Redeemed("unknown")
    problem = code.problem()
    if problem:
        return Redeemed(problem)
    current = membership_of(user)
    if current and current.is_active and current.ends is None:
        return Redeemed("already_member")
    with transaction.atomic():
        now = timezone.now()
        claimed = (
            AccessCode.objects.filter(pk=code.pk, disabled=False, uses__lt=F("max_uses"))
            .filter(Q(expires__isnull=True) | Q(expires__gt=now))
            .update(uses=F("uses") + 1)
        )
        if not claimed:
            code.refresh_from_db()
            return Redeemed(code.problem() or "used_up")
        today = timezone.localdate()
        starts = current.ends if current and current.is_active else today
        ends = starts + timedelta(days=code.membership_days) if code.membership_days else None
        membership = grant(user, starts, ends, source=Membership.Source.CODE, code=code)
    return Redeemed(membership=membership)
