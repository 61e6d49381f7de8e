"""The address a login attempt is counted against, behind any number of trusted proxies."""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request):
    """The client's address: ``REMOTE_ADDR``, or the one the outermost trusted proxy saw.

    With ``TRUSTED_PROXY_COUNT`` = N, each of the N proxies appends the address it was
    reached from to ``X-Forwarded-For``, so the N-th entry from the right is the client's;
    anything left of it was sent by the client and could be forged. A header shorter than
    that, or an entry that is not an address, means the request did not come through the
    proxies, and ``REMOTE_ADDR`` is used. This is axes's ``AXES_CLIENT_IP_CALLABLE``: one
    rule instead of django-ipware's options, whose strict proxy count turns a forged extra
    entry into no address at all.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < count:
        return remote
    try:
        return str(ip_address(forwarded[-count]))
    except ValueError:
        return remote
