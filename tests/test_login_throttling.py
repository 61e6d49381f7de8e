"""Login throttling: every password form locks after a handful of failures, for a while.

Four forms take a password: the admin sign-in (which is the site's sign-in form, reached
from /admin/login/, with a superuser), the reader sign-in, Wagtail's page password form and
its collection (documents) password form. Each is hammered with 30 wrong
passwords through the HTTP client, as the issue's attacker did, then given the right one.
The limit is 5 failures per account (or per password form) and per address; the 5th wrong
answer already says the form is locked, and the right password is refused until the
cool-off has passed or an editor clears the lock-out in the admin.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from security.client_ip import client_ip
from tests.factories import make_article, make_user, restrict

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"
SECRET = "zqthrottledbody"
LOCKED = "Too many failed attempts"
HOME_ADDRESS = "127.0.0.1"
OTHER_ADDRESS = "198.51.100.7"


@dataclass
class PasswordForm:
    """One form: where it posts, the right answer for two accounts, and how to tell it opened."""

    url: str
    right: dict
    other_url: str
    other_right: dict
    opened: object  # (client, which) -> bool
    extra: dict = field(default_factory=dict)

    def wrong(self):
        return {**self.right, "password": "not-the-password"}


def _signed_in(client, _which):
    return "_auth_user_id" in client.session


def _sign_in_form(url, superuser):
    make_user("target", superuser=superuser, password=PASSWORD)
    make_user("bystander", superuser=superuser, password=PASSWORD)
    return PasswordForm(
        url=url,
        right={"login": "target", "password": PASSWORD},
        other_url=url,
        other_right={"login": "bystander", "password": PASSWORD},
        opened=_signed_in,
    )


def _page_form():
    body = [{"type": "paragraph", "value": f"<p>The {SECRET} part.</p>"}]
    pages = {}
    urls = {}
    for which in ("target", "bystander"):
        page = make_article(f"Notes for the {which}", body=body)
        restriction = restrict(page, PageViewRestriction.PASSWORD, password=PASSWORD)
        pages[which] = page
        urls[which] = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        )

    def opened(client, which):
        return SECRET in client.get(pages[which].url).content.decode()

    return PasswordForm(
        url=urls["target"],
        right={"password": PASSWORD, "return_url": pages["target"].url},
        other_url=urls["bystander"],
        other_right={"password": PASSWORD, "return_url": pages["bystander"].url},
        opened=opened,
    )


def _collection_form():
    root = Collection.get_first_root_node()
    restrictions = {}
    for which in ("target", "bystander"):
        collection = root.add_child(name=f"Papers for the {which}")
        restrictions[which] = CollectionViewRestriction.objects.create(
            collection=collection,
            restriction_type=CollectionViewRestriction.PASSWORD,
            password=PASSWORD,
        )

    def url(which):
        return reverse("wagtaildocs_authenticate_with_password", args=[restrictions[which].pk])

    def opened(client, which):
        key = CollectionViewRestriction.passed_view_restrictions_session_key
        return restrictions[which].pk in client.session.get(key, [])

    return PasswordForm(
        url=url("target"),
        right={"password": PASSWORD, "return_url": "/"},
        other_url=url("bystander"),
        other_right={"password": PASSWORD, "return_url": "/"},
        opened=opened,
    )


@pytest.fixture(params=["admin", "reader", "page", "collection"])
def form(request, home):
    if request.param == "admin":
        admin_login = Client().get(reverse("wagtailadmin_login"))["Location"].split("?")[0]
        return _sign_in_form(admin_login, superuser=True)
    if request.param == "reader":
        return _sign_in_form(reverse("login"), superuser=False)
    if request.param == "page":
        return _page_form()
    return _collection_form()


def client_at(address):
    return Client(REMOTE_ADDR=address)


def hammer(form, client, tries=30):
    """Post ``tries`` wrong passwords; the status codes in order."""
    return [client.post(form.url, form.wrong()).status_code for _ in range(tries)]


def assert_refused(response, client, form, which="target"):
    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKED in html
    assert "15 minutes" in html
    assert 'role="alert"' in html or 'class="error"' in html
    assert response["Retry-After"] == "900"
    assert not form.opened(client, which)


def test_the_fifth_failure_locks_and_the_right_password_is_then_refused(form):
    client = client_at(HOME_ADDRESS)

    statuses = hammer(form, client)
    response = client.post(form.url, form.right)

    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429] * 26
    assert_refused(response, client, form)


def test_the_lock_holds_for_another_account_from_that_address(form):
    attacker = client_at(HOME_ADDRESS)
    hammer(form, attacker)

    neighbour = client_at(HOME_ADDRESS)
    assert_refused(neighbour.post(form.other_url, form.other_right), neighbour, form, "bystander")


def test_the_lock_holds_for_that_account_from_another_address(form):
    hammer(form, client_at(HOME_ADDRESS))

    elsewhere = client_at(OTHER_ADDRESS)
    assert_refused(elsewhere.post(form.url, form.right), elsewhere, form)


def test_another_account_from_another_address_is_not_locked(form):
    hammer(form, client_at(HOME_ADDRESS))

    stranger = client_at(OTHER_ADDRESS)
    response = stranger.post(form.other_url, form.other_right)

    assert response.status_code == 302
    assert form.opened(stranger, "bystander")


def test_after_the_cool_off_the_right_password_works(form):
    client = client_at(HOME_ADDRESS)
    hammer(form, client)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))

    response = client.post(form.url, form.right)

    assert response.status_code == 302
    assert form.opened(client, "target")


def test_the_lock_out_page_keeps_the_form_and_its_design(home):
    form = _sign_in_form(reverse("login"), superuser=False)
    client = client_at(HOME_ADDRESS)
    hammer(form, client, tries=5)

    html = client.post(form.url, form.right).content.decode()

    assert '<label for="id_password">Password</label>' in html
    assert 'value="target"' in html
    assert "We could not sign you in" not in html
    assert '<main id="main"' in html or "<main" in html


# The admin listing


def _locked_out_reader(home):
    form = _sign_in_form(reverse("login"), superuser=False)
    hammer(form, client_at(HOME_ADDRESS))
    return form


LISTING = "/admin/lockouts/"


def test_an_editor_sees_the_lock_out_and_clearing_it_lets_the_reader_in(home, admin_client):
    form = _locked_out_reader(home)
    attempt = AccessAttempt.objects.get(username="target")

    listing = admin_client.get(LISTING)
    html = listing.content.decode()
    assert listing.status_code == 200
    assert "target" in html
    assert HOME_ADDRESS in html
    assert "Locked until" in html
    assert "Lock-outs" in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    delete_url = reverse("lockouts:delete", args=[attempt.pk])
    assert delete_url in html

    assert "Clear the lock-out for target" in admin_client.get(delete_url).content.decode()
    assert "Yes, clear the lock-out" in admin_client.get(delete_url).content.decode()
    cleared = admin_client.post(delete_url, follow=True)
    assert "Lock-out cleared for target" in cleared.content.decode()
    assert not AccessAttempt.objects.exists()

    reader = client_at(HOME_ADDRESS)
    assert reader.post(form.url, form.right).status_code == 302
    assert _signed_in(reader, "target")


def test_the_page_password_lock_out_is_listed_by_restriction(home, admin_client):
    form = _page_form()
    hammer(form, client_at(HOME_ADDRESS), tries=5)

    html = admin_client.get(LISTING).content.decode()

    assert "page password (restriction" in html
    assert form.url.split("/")[-3] in html


def test_an_editor_without_the_permission_cannot_see_or_clear_lock_outs(home, client):
    _locked_out_reader(home)
    attempt = AccessAttempt.objects.get(username="target")
    client.force_login(make_user("plain-editor", editor=True))

    assert client.get(LISTING).status_code == 302
    assert client.post(reverse("lockouts:delete", args=[attempt.pk])).status_code == 302
    assert client.get(reverse("lockouts:edit", args=[attempt.pk])).status_code == 302
    assert "Lock-outs" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()


def test_the_permission_to_clear_lock_outs_opens_the_listing_but_not_editing(home, client):
    _locked_out_reader(home)
    attempt = AccessAttempt.objects.get(username="target")
    editor = make_user("security-editor", editor=True)
    editor.user_permissions.add(Permission.objects.get(codename="delete_accessattempt"))
    client.force_login(editor)

    assert client.get(LISTING).status_code == 200
    assert client.get(reverse("lockouts:inspect", args=[attempt.pk])).status_code == 200
    assert client.get(reverse("lockouts:edit", args=[attempt.pk])).status_code == 302
    assert client.get(reverse("lockouts:add")).status_code == 302


# Behind a proxy


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_counted_and_cannot_be_forged(home):
    form = _sign_in_form(reverse("login"), superuser=False)
    proxy = "10.0.0.2"
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    hammer(form, attacker, tries=5)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"

    # A forged entry to the left of the proxy's own changes nothing.
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.5")
    assert forged.post(form.other_url, form.other_right).status_code == 429

    # Another reader behind the same proxy is not locked out with the attacker.
    neighbour = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert neighbour.post(form.other_url, form.other_right).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_request_that_bypassed_the_proxy_is_counted_by_its_own_address(home):
    form = _sign_in_form(reverse("login"), superuser=False)
    direct = Client(REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="not-an-address")

    direct.post(form.url, form.wrong())

    assert AccessAttempt.objects.get().ip_address == "198.51.100.20"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no proxy trusted: the header is ignored
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.99, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.99, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # CDN, then our nginx
        (2, "203.0.113.5", "10.0.0.2"),  # shorter than the chain: not through the proxies
        (1, "", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_one_the_outermost_trusted_proxy_saw(
    rf, settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected
