"""The accounts app's own sections of "export all my data": the profile and API tokens."""

from wagtail.models import APIToken


def profile(user):
    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
    }


def api_tokens(user):
    """Names and dates only: a token's key is never stored, and its hash is not the user's."""
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created": token.created.isoformat(),
            "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in APIToken.objects.filter(user=user).order_by("created")
    ]


def delete_api_tokens(user):
    APIToken.objects.filter(user=user).delete()
