"""How a request presents an API token: the one reading of the ``Authorization`` header.

Only the Bearer scheme is ours; a site behind HTTP basic auth (a staging server) forwards
``Authorization: Basic …``, which names no API user.
"""

from wagtail.models import APIToken


def bearer_token(request):
    """The token a request presents with the Bearer scheme, or None if it presents none."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def token_user_id(token):
    """The id of the user an unrevoked token belongs to, or None (one indexed query)."""
    return (
        APIToken.objects.filter(
            key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True
        )
        .values_list("user_id", flat=True)
        .first()
    )
