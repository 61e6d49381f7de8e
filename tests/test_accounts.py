"""Accounts through the site: sign-up and confirmation, sign-in, reset, the account page,
API tokens, export, deletion, emails, and staff two-factor sign-in."""

import base64
import hashlib
import hmac
import json
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from wagtail.models import APIToken

from craft_course.models import JournalEntry, UnitCompletion
from membership.models import AccessCode, Membership
from tests.factories import make_course, make_module, make_unit, make_user
from tests.test_csp import assert_nothing_inline, assert_public_policy

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase-42"
User = get_user_model()


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth keeps rate limits and used 2FA codes in the cache; each test starts clean."""
    cache.clear()
    yield
    cache.clear()


def _link(message):
    return re.search(r"https?://[^\s<>\"]+", message.body).group(0).replace("http://testserver", "")


def _reader(username="reader", email="reader@example.org", verified=True):
    user = make_user(username, password=PASSWORD)
    user.email = email
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def _sign_in(client, login, password=PASSWORD):
    return client.post("/accounts/login/", {"login": login, "password": password})


def _signed_in_as(client):
    return client.session.get("_auth_user_id")


# Sign-up


def test_sign_up_sends_a_confirmation_and_the_link_signs_in_a_reader_who_is_not_a_member(
    client, home
):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Create an account · Family CRAFT</title>" in html
    assert 'for="id_email"' in html
    assert 'for="id_password1"' in html
    assert 'name="username"' not in html

    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert not _signed_in_as(client)
    user = User.objects.get(email="new@example.org")
    assert not user.groups.exists()

    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    assert message.subject.startswith("[Family CRAFT] ")
    assert "You are receiving this email because" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert "<a href=" in message.alternatives[0][0]
    link = _link(message)

    assert client.get(link).status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert _signed_in_as(client) == str(user.pk)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/my/account/").context["is_member"] is False
    assert "You are not a member yet" in client.get("/my/account/").content.decode()


def test_a_sign_up_with_a_weak_password_or_a_bad_address_says_why(client, home):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-address", "password1": "abc", "password2": "abc"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address" in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="not-an-address").exists()


def test_an_unconfirmed_reader_cannot_sign_in_until_they_confirm(client, home):
    _reader(verified=False)

    response = _sign_in(client, "reader@example.org")

    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert not _signed_in_as(client)
    assert len(mail.outbox) == 1


# Sign-in, sign-out, reset


@pytest.mark.parametrize("login", ["reader@example.org", "READER@example.org", "reader"])
def test_a_reader_signs_in_by_email_or_username(client, home, login):
    user = _reader()

    response = _sign_in(client, login)

    assert response.status_code == 302
    assert _signed_in_as(client) == str(user.pk)


def test_a_wrong_password_keeps_the_form_with_a_message(client, home):
    _reader()
    response = _sign_in(client, "reader@example.org", "wrong")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We could not sign you in" in html
    assert 'value="reader@example.org"' in html


def test_the_sign_in_page_names_the_site_and_links_to_sign_up_and_reset(client, home):
    html = client.get("/accounts/login/").content.decode()
    assert "<title>Sign in · Family CRAFT</title>" in html
    assert 'href="/accounts/signup/' in html
    assert 'href="/accounts/password/reset/"' in html
    assert '<label for="id_login">' in html


def test_a_code_entered_while_signing_up_makes_the_new_account_a_member(client, home):
    AccessCode.objects.create(code="FAMLY2345", max_uses=1, membership_days=365)
    signup = {"email": "coded@example.org", "password1": PASSWORD, "password2": PASSWORD}

    wrong = client.post("/accounts/signup/", {**signup, "code": "NOPE2345"})
    assert wrong.status_code == 200
    html = wrong.content.decode()
    assert "We do not know the code" in html
    assert 'value="coded@example.org"' in html, "what was typed is kept"
    assert not User.objects.filter(email="coded@example.org").exists()

    assert client.post("/accounts/signup/", {**signup, "code": "famly 2345"}).status_code == 302
    user = User.objects.get(email="coded@example.org")
    [grant] = Membership.objects.filter(user=user)
    assert grant.is_active
    assert grant.ends is not None
    client.post(_link(mail.outbox[0]))
    page = client.get("/my/account/").content.decode()
    assert "You are a member" in page
    assert "Your membership ends on" in page
    export = json.loads(client.get("/my/account/export/").content)
    assert export["membership"][0]["source"] == "code"


def test_the_sign_in_and_account_pages_link_to_joining(client, home):
    assert 'data-testid="join-link"' in client.get("/accounts/login/").content.decode()
    client.force_login(_reader())
    page = client.get("/my/account/").content.decode()
    assert 'href="/my/membership/"' in page
    assert 'href="/join/"' in page


def test_signing_out(client, home):
    _reader()
    _sign_in(client, "reader")
    assert client.post("/accounts/logout/").status_code == 302
    assert not _signed_in_as(client)


def test_password_reset_email_link_sets_a_new_password_that_works(client, home):
    _reader()

    assert client.get("/accounts/password/reset/").status_code == 200
    response = client.post("/accounts/password/reset/", {"email": "reader@example.org"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert "password" in message.subject.lower()
    assert "You are receiving this email because" in message.body
    assert message.alternatives

    form_url = client.get(_link(message), follow=True).redirect_chain[-1][0]
    new = "another-long-phrase-77"
    done = client.post(form_url, {"password1": new, "password2": new})
    assert done.status_code == 302

    assert _sign_in(Client(), "reader", PASSWORD).status_code == 200
    again = Client()
    assert _sign_in(again, "reader", new).status_code == 302
    # The link was for one use.
    assert 'name="password1"' not in client.get(form_url).content.decode()


# The account page


def test_the_account_page_needs_a_signed_in_reader(client, home):
    response = client.get("/my/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_page_links_to_email_and_password_changes(client, home):
    _reader()
    _sign_in(client, "reader")
    html = client.get("/my/account/").content.decode()
    assert 'href="/accounts/email/"' in html
    assert 'href="/accounts/password/change/"' in html
    assert "Two-factor" not in html
    assert client.get("/accounts/password/change/").status_code == 200
    assert client.get("/accounts/email/").status_code == 200


def test_a_member_sees_their_membership(client, home):
    client.force_login(make_user("member-x", member=True))
    assert "You are a member" in client.get("/my/account/").content.decode()


# Tokens


def test_a_token_is_shown_once_works_on_v3_and_is_refused_once_revoked(client, home):
    user = _reader()
    client.force_login(user)

    response = client.post("/my/account/tokens/", {"name": "My phone"})
    html = response.content.decode()
    key = re.search(r'<p class="token-key">([^<]+)</p>', html).group(1)
    token = APIToken.objects.get(user=user)
    assert token.name == "My phone"
    assert token.prefix in html
    assert key not in client.get("/my/account/").content.decode()
    assert token.prefix in client.get("/my/account/").content.decode()

    api = Client()
    whoami = api.get("/api/v3/whoami/", headers={"Authorization": f"Bearer {key}"})
    assert whoami.status_code == 200
    assert "Never" not in client.get("/my/account/").content.decode()

    revoked = client.post("/my/account/tokens/revoke/", {"token": token.pk}, follow=True)
    assert "is revoked" in revoked.content.decode()
    assert api.get("/api/v3/whoami/", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_a_token_needs_a_name(client, home):
    client.force_login(_reader())
    response = client.post("/my/account/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not APIToken.objects.exists()


def test_nobody_can_revoke_another_persons_token(client, home):
    other = make_user("other")
    token, _key = APIToken.create_token(user=other, name="theirs")
    client.force_login(_reader())

    for value in (token.pk, "", "abc"):
        assert client.post("/my/account/tokens/revoke/", {"token": value}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "theirs" not in client.get("/my/account/").content.decode()


# Export and deletion


@pytest.fixture
def unit(home):
    return make_unit(make_module(make_course(home), 1))


def _personal_data(user, unit, secret):
    UnitCompletion.objects.create(user=user, unit=unit)
    JournalEntry.objects.create(
        user=user,
        unit=unit,
        exercise_id="ex-1",
        prompt_index=0,
        exercise_number=1,
        exercise_title="Triggers",
        prompt="When?",
        answer=secret,
    )
    APIToken.create_token(user=user, name=f"app of {secret}")


def test_the_export_holds_my_data_and_nothing_of_anyone_elses(client, unit):
    me = _reader()
    other = make_user("other-member", member=True)
    _personal_data(me, unit, "my-own-answer")
    _personal_data(other, unit, "someone-elses-answer")
    client.force_login(me)

    response = client.get("/my/account/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["username"] == "reader"
    assert data["profile"]["email"] == "reader@example.org"
    assert data["membership"] == []
    assert [p["unit"] for p in data["course_progress"]] == [unit.title]
    assert [j["answer"] for j in data["journal"]] == ["my-own-answer"]
    assert [t["name"] for t in data["api_tokens"]] == ["app of my-own-answer"]
    raw = response.content.decode()
    assert "someone-elses-answer" not in raw
    assert "other-member" not in raw
    assert set(data["api_tokens"][0]) == {"name", "prefix", "created", "last_used", "revoked"}
    assert "key_hash" not in raw


def test_deleting_needs_the_password_and_removes_everything(client, unit):
    me = _reader()
    other = make_user("other-member", member=True)
    _personal_data(me, unit, "my-own-answer")
    _personal_data(other, unit, "someone-elses-answer")
    client.force_login(me)

    page = client.get("/my/account/delete/")
    assert page.status_code == 200
    assert '<label for="id_password">' in page.content.decode()

    wrong = client.post("/my/account/delete/", {"password": "not-it"})
    assert wrong.status_code == 200
    assert "That is not your password, so nothing was deleted" in wrong.content.decode()
    assert User.objects.filter(pk=me.pk).exists()
    assert JournalEntry.objects.filter(user=me).exists()

    done = client.post("/my/account/delete/", {"password": PASSWORD})
    assert done.status_code == 200
    assert "are deleted" in done.content.decode()
    assert not _signed_in_as(client)
    assert not User.objects.filter(pk=me.pk).exists()
    assert not JournalEntry.objects.filter(answer="my-own-answer").exists()
    assert not UnitCompletion.objects.filter(user_id=me.pk).exists()
    assert not APIToken.objects.filter(user_id=me.pk).exists()
    assert not EmailAddress.objects.filter(email="reader@example.org").exists()
    assert JournalEntry.objects.filter(user=other).count() == 1
    assert APIToken.objects.filter(user=other).count() == 1
    [message] = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "deleted" in message.subject
    assert "You are receiving this email because" in message.body
    assert message.alternatives


def test_account_pages_of_no_one_signed_in_send_to_sign_in(client, home):
    for url in ("/my/account/export/", "/my/account/delete/"):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post("/my/account/tokens/", {"name": "x"})["Location"].startswith(
        "/accounts/login/"
    )


# Staff two-factor sign-in


def totp(secret, at=None):
    """RFC 6238 six-digit code for a base32 secret, written out here to check allauth's."""
    counter = int((at or time.time()) // 30)
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def _confirm_password(client, next_url):
    """allauth asks for the password again before a security change; give it."""
    response = client.get(next_url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert "Password" in client.get(response["Location"]).content.decode()
    assert client.post(response["Location"], {"password": PASSWORD})["Location"] == next_url


def _staff(username="staff", superuser=False):
    user = make_user(username, superuser=superuser, editor=not superuser, password=PASSWORD)
    user.email = f"{username}@example.org"
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_staff_set_up_an_authenticator_and_get_recovery_codes(client, home):
    user = _staff()
    _sign_in(client, "staff")
    assert "Two-factor" in client.get("/my/account/").content.decode()

    _confirm_password(client, "/accounts/2fa/totp/activate/")
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert_public_policy(page)
    assert_nothing_inline(page)
    secret = client.session["mfa.totp.secret"]
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes = client.get("/accounts/2fa/recovery-codes/")
    assert codes.status_code == 200
    assert 'id="recovery_codes"' in codes.content.decode()
    assert_nothing_inline(codes)


def test_staff_with_an_authenticator_sign_in_with_a_code(client, home):
    user = _staff()
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(user, secret)

    response = _sign_in(client, "staff@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not _signed_in_as(client)
    assert client.post("/accounts/2fa/authenticate/", {"code": "123456"}).status_code == 200
    assert not _signed_in_as(client)

    done = client.post("/accounts/2fa/authenticate/", {"code": totp(secret)})
    assert done.status_code == 302
    assert _signed_in_as(client) == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_the_admin_sign_in_is_the_site_sign_in(client, home):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/?next=/admin/")


def test_a_superuser_must_set_up_two_factor_before_the_admin_when_required(client, home, settings):
    settings.REQUIRE_SUPERUSER_MFA = True
    user = _staff("boss", superuser=True)
    _sign_in(client, "boss")

    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    shown = client.get("/admin/", follow=True).content.decode()
    assert "Before you use the admin, set up two-factor sign-in" in shown
    _confirm_password(client, response["Location"])
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/my/account/").status_code == 200

    client.post("/accounts/2fa/totp/activate/", {"code": totp(client.session["mfa.totp.secret"])})
    assert Authenticator.objects.filter(user=user).exists()
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_a_superuser_reaches_the_admin_with_a_password(client, home):
    _staff("boss", superuser=True)
    _sign_in(client, "boss")
    assert client.get("/admin/").status_code == 200
