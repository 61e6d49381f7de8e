"""/my/membership/: a signed-in reader's membership, and the form to enter an access code.

Entering codes is throttled by django-axes like every other secret the site checks
(``security.password_forms``): each wrong, used-up or expired code is a failed attempt
under ``access-code:<user id>``, so the same limits per account and per address, the same
lock-out answer and the same admin listing apply.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_credentials
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from membership.forms import AccessCodeForm
from membership.services import membership_of, redeem

TEMPLATE = "membership/my_membership.html"


def _page(request, form, status=200):
    context = {
        "form": form,
        "membership": membership_of(request.user),
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@never_cache
@login_required
def my_membership(request):
    if request.method != "POST":
        return _page(request, AccessCodeForm())
    form = AccessCodeForm(request.POST)
    credentials = get_credentials(f"access-code:{request.user.pk}")
    if not AxesProxyHandler.is_allowed(request, credentials):
        # Locked: count the try (axes answers with its lock-out page) and redeem nothing.
        AxesProxyHandler.user_login_failed(my_membership, credentials, request)
        return _page(request, form, status=429)
    if not form.is_valid():
        return _page(request, form, status=400)
    result = redeem(request.user, form.cleaned_data["code"])
    if result.problem:
        if result.problem != "already_member":
            AxesProxyHandler.user_login_failed(my_membership, credentials, request)
        form.add_problem(result.problem)
        return _page(request, form, status=400)
    grant = result.membership
    until = f" until {grant.ends:%-d %B %Y}" if grant.ends else ""
    messages.success(request, f"Welcome: you are now a member{until}.")
    return redirect("my_membership")
