"""Reading the reverse proxy's "this came in over HTTPS" header from the environment."""

from django.core.exceptions import ImproperlyConfigured

DEFAULT = "X-Forwarded-Proto: https"


def proxy_ssl_header(value):
    """``"Header-Name: value"`` as Django's SECURE_PROXY_SSL_HEADER tuple; "none" for no proxy.

    Unset means the common ``X-Forwarded-Proto: https``. A malformed value stops start-up with
    a reason, rather than silently trusting nothing (every request would look like HTTP and
    loop on the HTTPS redirect) or everything.
    """
    value = DEFAULT if value is None else value.strip()
    if value.lower() in ("", "none", "off", "false"):
        return None
    name, separator, expected = value.partition(":")
    name, expected = name.strip(), expected.strip()
    if not separator or not name or not expected or " " in name:
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https', not {value!r}."
        )
    return ("HTTP_" + name.upper().replace("-", "_"), expected)
