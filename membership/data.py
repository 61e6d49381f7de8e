"""The membership part of "export all my data" and of deleting an account."""

from membership.models import Membership


def grants(user):
    """Every grant the member has had: when, how, and whether it is active today."""
    return [
        {
            "starts": grant.starts.isoformat(),
            "ends": grant.ends.isoformat() if grant.ends else None,
            "source": grant.source,
            "active": grant.is_active,
        }
        for grant in Membership.objects.filter(user=user).order_by("starts", "pk")
    ]


def delete_grants(user):
    Membership.objects.filter(user=user).delete()
