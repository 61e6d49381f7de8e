"""After an article or unit is saved, its content checks as a warning message (never a block)."""

from wagtail import hooks
from wagtail.admin import messages

from home.content_checks import check_page


def _warn(request, page):
    page = page.specific
    if not getattr(page, "content_checks", False):
        return
    latest = page.get_latest_revision_as_object()
    warnings = check_page(latest)
    if warnings:
        messages.warning(
            request, "Content checks: " + " ".join(warning.message for warning in warnings)
        )


@hooks.register("after_create_page")
def checks_after_create(request, page):
    _warn(request, page)


@hooks.register("after_edit_page")
def checks_after_edit(request, page):
    _warn(request, page)
