"""What a locked-out visitor sees: the same form again, with why and for how long, as a 429.

This is axes's ``AXES_LOCKOUT_CALLABLE``. Every form axes guards (the admin sign-in, the
reader sign-in, the page and collection password forms) answers with a TemplateResponse,
so the lock-out re-renders that response's own template and context with the form's errors
replaced by the lock-out message: the reader stays in the site's design and the editor in
the admin's, and no form needs a lock-out page of its own.
"""

from axes.helpers import get_cool_off
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

FALLBACK_TEMPLATE = "security/locked_out.html"


def cool_off_minutes(request=None):
    """The cool-off period in whole minutes (at least one), as axes computes it."""
    return max(1, round(get_cool_off(request).total_seconds() / 60))


def lockout_message(request=None):
    minutes = cool_off_minutes(request)
    return (
        "Too many failed attempts. For your safety this form is locked for "
        f"{minutes} minutes after the last try, and even the right password will not "
        "work until then; each new try starts the wait again. A site administrator can "
        "lift the lock sooner."
    )


def lockout_response(request, original_response=None, credentials=None):
    """The form that was just submitted, re-rendered with the lock-out message, status 429."""
    message = lockout_message(request)
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    if form is not None and form.is_bound:
        form.errors.clear()
        form.add_error(None, message)
        template = original_response.template_name
    else:
        template = FALLBACK_TEMPLATE
    response = TemplateResponse(request, template, {**context, "lockout": message}, status=429)
    response["Retry-After"] = str(cool_off_minutes(request) * 60)
    add_never_cache_headers(response)
    return response.render()
