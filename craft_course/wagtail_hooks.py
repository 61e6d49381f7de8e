"""Serve locked units as a teaser instead of Wagtail's redirect to the sign-in page."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail import hooks

from craft_course.models import CourseUnitPage
from craft_course.unit_context import unit_is_locked


@hooks.register("before_serve_page")
def serve_locked_unit_teaser(page, request, serve_args, serve_kwargs):
    """Non-members get a 200 page with the summary and a sign-in prompt, never the body.

    ``before_serve_page`` hooks run before Wagtail's own privacy check, so the teaser
    replaces the login redirect; the body is still never rendered for them.
    """
    if not isinstance(page, CourseUnitPage) or not unit_is_locked(page, request.user):
        return None
    response = TemplateResponse(request, page.get_template(request), page.get_context(request))
    add_never_cache_headers(response)
    return response
