"""Which account a sign-in attempt is counted against, whichever name was typed."""

from django.contrib.auth import get_user_model


def login_name(request, credentials):
    """The account's username for the login typed (an email address or a username).

    This is axes's ``AXES_USERNAME_CALLABLE``. The sign-in form takes either, so without
    it an attacker would get the failure limit once for the username and again for each
    spelling of the address. A login that names no account is counted as typed.
    """
    credentials = credentials or {}
    typed = (
        credentials.get("email")
        or credentials.get("username")
        or request.POST.get("login")
        or request.POST.get("username")
        or ""
    ).strip()
    if "@" in typed:
        user = get_user_model().objects.filter(email__iexact=typed).first()
        if user is not None:
            return user.get_username()
    return typed
