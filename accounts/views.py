"""A person's own account pages, under /my/account/. Every view reads ``request.user``
only: no address names a user, so nobody can reach another person's account."""

import json

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from wagtail.models import APIToken

from accounts.forms import DeleteAccountForm, TokenForm
from core import account_data
from core.access import access_for
from membership.services import membership_of


def _account_page(request, token_form=None, new_key=None, status=200):
    tokens = APIToken.objects.filter(user=request.user, revoked_at__isnull=True)
    return render(
        request,
        "accounts/account.html",
        {
            "tokens": tokens.order_by("-created"),
            "token_form": token_form or TokenForm(),
            "new_key": new_key,
            "is_member": access_for(request).is_member,
            "membership": membership_of(request.user),
            "today": timezone.localdate(),
        },
        status=status,
    )


@never_cache
@login_required
def account(request):
    return _account_page(request)


@never_cache
@login_required
@require_POST
def create_token(request):
    """Make a token and show its key in this one answer; only its hash is kept."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _account_page(request, token_form=form, status=400)
    _token, key = APIToken.create_token(user=request.user, name=form.cleaned_data["name"])
    return _account_page(request, new_key=key)


@never_cache
@login_required
@require_POST
def revoke_token(request):
    token_id = request.POST.get("token", "")
    token = get_object_or_404(
        APIToken, pk=token_id if token_id.isdigit() else None, user=request.user
    )
    token.revoke()
    messages.success(request, f"The token “{token.name}” is revoked; apps using it are refused.")
    return redirect("account")


@never_cache
@login_required
def export(request):
    """Everything the site keeps about the person, as one JSON file."""
    data = {
        "exported": timezone.now().isoformat(),
        **account_data.export_for(request.user),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-account-data.json"'
    return response


@never_cache
@login_required
def delete(request):
    """Delete the account and everything every app keeps about it, once the password is given."""
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        email = user.email
        account_data.delete_for(user)
        if email:
            get_adapter(request).send_mail("accounts/email/account_deleted", email, {})
        logout(request)
        user.delete()
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})
