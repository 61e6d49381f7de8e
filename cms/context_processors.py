"""Template context every page needs."""

from core.sites import site_name


def site(request):
    """The current site's name (editable in the admin) for titles and the header."""
    return {"site_name": site_name(request)}
