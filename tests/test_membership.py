"""Joining: the /join/ page, access codes, grants by editors and by a payment hook, expiry.

Through HTTP and the admin as readers and editors use them; the Members group is only
ever changed by grants here, as on the site.
"""

import datetime
import threading
from io import StringIO
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from home.models import MembershipCallToAction
from membership import services
from membership.models import AccessCode, JoinPage, Membership
from membership.signals import membership_ended, membership_granted
from tests.factories import (
    make_article,
    make_home,
    make_small_course,
    make_user,
    publish,
    token_for,
)

pytestmark = pytest.mark.django_db

MY_MEMBERSHIP = "/my/membership/"
TODAY = datetime.date.today()


def days(n):
    return datetime.timedelta(days=n)


def frozen(day):
    """Time frozen at noon on ``day`` (everything reads it through django.utils.timezone)."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    return mock.patch("django.utils.timezone.now", return_value=moment)


def is_member(user):
    return user.groups.filter(name=settings.MEMBERS_GROUP_NAME).exists()


@pytest.fixture
def join_page(db):
    """A join page at a slug of its own, so links prove they found it (not the /join/ fallback)."""
    home = make_home()
    page = JoinPage(title="Join us", slug="become", intro="Membership gives families the course.")
    home.add_child(instance=page)
    return publish(page)


@pytest.fixture
def unit(db):
    _course, built = make_small_course(modules=1, units_per_module=1)
    return built[0][1][0]


@pytest.fixture
def reader(client):
    user = make_user("reader-r")
    client.force_login(user)
    return user


def code(**fields):
    return AccessCode.objects.create(**fields)


def enter(client, text):
    return client.post(MY_MEMBERSHIP, {"code": text})


# The join page and every way to it


def test_demo_content_builds_the_join_page_and_prints_a_demo_code(db, client, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo_content", stdout=out)

    response = client.get("/join/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What membership gives you" in html
    assert 'href="/accounts/signup/"' in html
    assert "Sign in to enter a code" in html
    printed = out.getvalue()
    assert "Demo login: member / changeme-member" in printed
    demo_code = printed.split("Demo access code (enter it at /my/membership/): ")[1].split()[0]
    assert AccessCode.objects.get(code=demo_code).problem() is None
    assert is_member(Membership.objects.get(user__username="member").user)
    banner = MembershipCallToAction.objects.get()
    assert banner.button_url == "/join/"


def test_the_join_page_sends_a_signed_in_reader_to_the_code_form(client, join_page, reader):
    html = client.get(join_page.url).content.decode()
    assert f'href="{MY_MEMBERSHIP}"' in html
    assert "/accounts/signup/" not in html


def test_every_call_to_action_links_to_the_join_page(client, join_page, unit):
    article = make_article(
        "Locked article",
        members_only=True,
        body=[{"type": "call_to_action", "value": {"call_to_action": banner().pk}}],
    )
    join = f'href="{join_page.url}"'
    module, course = unit.get_parent(), unit.get_parent().get_parent()
    pages = {
        "article teaser": article.url,
        "locked unit": unit.url,
        "module prompt": module.url,
        "course prompt": course.url,
        "sign-in page": reverse("login"),
        "search teasers": "/search/?q=Locked",
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert join in html, name

    client.force_login(make_user())
    assert join in client.get(unit.url).content.decode(), "locked unit, signed in"


def test_the_membership_banner_block_links_to_the_join_page(client, join_page):
    article = make_article(
        "Open article",
        body=[{"type": "call_to_action", "value": {"call_to_action": banner().pk}}],
    )
    html = client.get(article.url).content.decode()
    assert f'<a class="button" href="{join_page.url}">Become a member</a>' in html


def banner():
    cta, _ = MembershipCallToAction.objects.get_or_create(
        name="Banner", defaults={"heading": "Join", "text": "Members get more.", "button_url": ""}
    )
    return cta


def test_without_a_join_page_links_fall_back_to_join(client, db):
    make_home()
    assert 'href="/join/"' in client.get(reverse("login")).content.decode()


# Access codes


def test_anonymous_readers_are_sent_to_sign_in_and_back(client):
    response = client.get(MY_MEMBERSHIP)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={MY_MEMBERSHIP}"


def test_a_code_makes_a_reader_a_member_who_reads_the_unit(client, reader, unit):
    given = code(max_uses=2, note="Partner agency")
    assert "This unit is for members" in client.get(unit.url).content.decode()
    assert "You are not a member yet" in client.get(MY_MEMBERSHIP).content.decode()

    response = enter(client, given.code.lower()[:5] + " " + given.code[5:])
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Welcome: you are now a member." in page
    assert "You are a member, with no end date" in page
    assert f"Secret body of {unit.title}" in client.get(unit.url).content.decode()
    given.refresh_from_db()
    assert given.uses == 1
    grant = services.membership_of(reader)
    assert (grant.source, grant.code, grant.ends, grant.is_active) == ("code", given, None, True)


def test_a_code_with_a_period_gives_a_membership_that_ends(client, reader):
    given = code(membership_days=30)
    enter(client, given.code)
    grant = services.membership_of(reader)
    assert grant.ends == timezone.localdate() + days(30)
    assert "access ends that day" in client.get(MY_MEMBERSHIP).content.decode()


@pytest.mark.parametrize(
    ("make", "typed", "says"),
    [
        (lambda: None, "NOPE NOPE 22", "We do not know the code “NOPE NOPE 22”"),
        (lambda: code(max_uses=1, uses=1), None, "already been used as many times"),
        (lambda: code(expires=timezone.now() - days(1)), None, "has expired"),
        (lambda: code(disabled=True), None, "has been withdrawn"),
    ],
    ids=["wrong", "used-up", "expired", "disabled"],
)
def test_a_code_that_does_not_work_says_why_and_keeps_what_was_typed(
    client, reader, make, typed, says
):
    given = make()
    typed = typed or given.code
    response = enter(client, typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert says in html
    assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html
    assert not is_member(reader)
    assert not Membership.objects.exists()
    if given:
        given.refresh_from_db()
        assert given.uses == given.max_uses * (given.uses >= given.max_uses)


def test_an_empty_code_is_asked_for_again(client, reader):
    response = enter(client, "  - ")
    assert response.status_code == 400
    assert "Enter the code you were given." in response.content.decode()


def test_an_open_ended_member_keeps_the_code_for_someone_else(client, reader):
    given = code()
    services.grant(reader, source="editor")
    response = enter(client, given.code)
    assert "already a member" in response.content.decode()
    given.refresh_from_db()
    assert given.uses == 0


def test_a_member_with_an_end_date_is_extended_after_it(client, reader):
    services.grant(reader, ends=TODAY + days(10), source="editor")
    enter(client, code(membership_days=30).code)
    latest = Membership.objects.filter(user=reader).order_by("-pk").first()
    assert (latest.starts, latest.ends) == (TODAY + days(10), TODAY + days(40))
    with frozen(TODAY + days(20)):
        assert services.membership_of(reader).ends == TODAY + days(40)


def test_two_readers_racing_for_the_last_use_only_one_wins(db):
    """B reads the code while it has a use left; A takes that use before B claims it."""
    last = code(max_uses=1)
    first, second = make_user("first"), make_user("second")
    real_find = services.find_code
    raced = []

    def find_then_lose_the_race(text):
        found = real_find(text)
        if not raced:
            raced.append(None)
            raced[0] = services.redeem(first, text)
        return found

    with mock.patch("membership.services.find_code", side_effect=find_then_lose_the_race):
        outcome = services.redeem(second, last.code)

    assert raced[0].problem is None
    assert outcome.problem == "used_up"
    last.refresh_from_db()
    assert last.uses == 1
    assert list(Membership.objects.values_list("user__username", flat=True)) == ["first"]
    assert is_member(first)
    assert not is_member(second)


@pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="real concurrent transactions need PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_redemptions_never_exceed_the_uses_allowed():
    last = code(max_uses=3)
    users = [make_user(f"racer-{n}") for n in range(8)]
    barrier = threading.Barrier(len(users))
    results = []

    def race(user):
        barrier.wait()
        results.append(services.redeem(user, last.code).problem)
        connection.close()

    threads = [threading.Thread(target=race, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(None) == 3
    last.refresh_from_db()
    assert last.uses == 3 == Membership.objects.count()


@override_settings(LOGIN_FAILURE_LIMIT=3, AXES_FAILURE_LIMIT=3)
def test_guessing_codes_is_locked_out_like_a_password(client, reader):
    given = code()
    statuses = [enter(client, f"GUESS{n}").status_code for n in range(3)]
    assert statuses[:2] == [400, 400]
    assert statuses[2] == 429
    response = enter(client, given.code)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert not is_member(reader)
    given.refresh_from_db()
    assert given.uses == 0


def test_the_command_prints_the_new_code_as_its_last_word(db):
    out = StringIO()
    call_command(
        "membership_codes", "create", "--uses", "5", "--days", "30", "--note", "Agency", stdout=out
    )
    last_word = out.getvalue().split()[-1]
    created = AccessCode.objects.get(code=last_word)
    assert (created.max_uses, created.note, created.membership_days) == (5, "Agency", None)
    assert created.expires.date() == (timezone.now() + days(30)).date()
    assert set(last_word) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")


# Expiry and reminders


def test_access_ends_by_itself_when_the_membership_expires(client, reader, unit):
    services.grant(reader, ends=TODAY + days(3), source="editor")
    assert f"Secret body of {unit.title}" in client.get(unit.url).content.decode()

    with frozen(TODAY + days(2)):
        assert f"Secret body of {unit.title}" in client.get(unit.url).content.decode()
    with frozen(TODAY + days(3)):
        html = client.get(unit.url).content.decode()
        assert "This unit is for members" in html
        assert not is_member(reader)
        assert "Your membership ended on" in client.get(MY_MEMBERSHIP).content.decode()


def test_access_by_api_token_ends_by_itself_too(client, unit):
    app_user = make_user("app-user")
    services.grant(app_user, ends=TODAY + days(3), source="editor")
    headers = token_for(app_user)
    url = f"/api/v3/pages/{unit.pk}/"
    assert f"Secret body of {unit.title}" in client.get(url, headers=headers).content.decode()

    with frozen(TODAY + days(3)):
        body = client.get(url, headers=headers).content.decode()
        assert f"Secret body of {unit.title}" not in body
        assert not is_member(app_user)


def test_a_lapsed_membership_ends_at_sign_in(client, unit):
    user = make_user("lapsed")
    services.grant(user, ends=TODAY + days(1), source="editor")
    with frozen(TODAY + days(5)):
        client.force_login(user)
        assert not is_member(user)
        assert "This unit is for members" in client.get(unit.url).content.decode()


def test_the_daily_command_ends_and_starts_memberships_in_bulk(db):
    ending = make_user("ending")
    services.grant(ending, ends=TODAY + days(1), source="editor")
    starting = make_user("starting")
    services.grant(starting, starts=TODAY + days(1), source="payment", reference="sub_9")
    assert is_member(ending)
    assert not is_member(starting)

    out = StringIO()
    with frozen(TODAY + days(1)):
        call_command("memberships_daily", stdout=out)
    assert not is_member(ending)
    assert is_member(starting)
    assert "1 started, 1 ended" in out.getvalue()


def test_a_reminder_goes_out_once_before_a_membership_ends(db, settings):
    settings.MEMBERSHIP_REMINDER_DAYS = 14
    member = make_user("soon")
    member.email = "soon@example.org"
    member.save()
    grant = services.grant(member, ends=TODAY + days(20), source="editor")
    renewed = make_user("renewed")
    renewed.email = "renewed@example.org"
    renewed.save()
    services.grant(renewed, ends=TODAY + days(10), source="editor")
    services.grant(renewed, starts=TODAY + days(10), source="payment", reference="renewal")

    call_command("memberships_daily", stdout=StringIO())
    assert mail.outbox == []
    with frozen(TODAY + days(7)):
        call_command("memberships_daily", stdout=StringIO())
        call_command("memberships_daily", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["soon@example.org"]
    ends = f"{grant.ends:%-d %B %Y}"
    assert message.subject == f"Your Family CRAFT membership ends on {ends}"
    assert "Why you are getting this email" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "Why you are getting this email" in html
    assert "http://testserver/my/membership/" in message.body

    # A new end date earns a new reminder.
    services.end_grant(grant, TODAY + days(12))
    with frozen(TODAY + days(8)):
        call_command("memberships_daily", stdout=StringIO())
    assert len(mail.outbox) == 2


# Editors in the admin


def test_an_editor_grants_and_ends_a_membership_in_the_admin(client, admin_client, unit):
    person = make_user("person")
    received = []

    def on_granted(sender, membership, user, **kwargs):
        received.append(user)

    membership_granted.connect(on_granted)
    try:
        response = admin_client.post(
            reverse("membership:add"),
            {"user": person.pk, "starts": TODAY.isoformat(), "ends": "", "note": "Scholarship"},
        )
    finally:
        membership_granted.disconnect(on_granted)
    assert response.status_code == 302, response.content.decode()[:2000]
    grant = Membership.objects.get(user=person)
    assert (grant.source, grant.granted_by.username, grant.note) == (
        "editor",
        "editor",
        "Scholarship",
    )
    assert is_member(person)
    assert received == [person]
    listing = admin_client.get(reverse("membership:index")).content.decode()
    assert reverse("membership:end_now", args=[grant.pk]) in listing

    confirm = admin_client.get(reverse("membership:end_now", args=[grant.pk]))
    assert "Yes, end it now" in confirm.content.decode()
    response = admin_client.post(reverse("membership:end_now", args=[grant.pk]))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.ends == TODAY
    assert not grant.is_active
    assert not is_member(person)
    client.force_login(person)
    assert "This unit is for members" in client.get(unit.url).content.decode()


def test_an_editor_changes_the_end_date_and_the_group_follows(admin_client):
    person = make_user("person")
    grant = services.grant(person, source="editor")
    response = admin_client.post(
        reverse("membership:edit", args=[grant.pk]),
        {"user": person.pk, "starts": (TODAY - days(9)).isoformat(), "ends": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert not is_member(person)


def test_an_end_before_the_start_is_refused_with_a_reason(admin_client):
    person = make_user("person")
    response = admin_client.post(
        reverse("membership:add"),
        {"user": person.pk, "starts": TODAY.isoformat(), "ends": (TODAY - days(1)).isoformat()},
    )
    assert response.status_code == 200
    assert "The end must be on or after the start." in response.content.decode()
    assert not Membership.objects.exists()


def test_editors_create_and_disable_codes_in_the_admin(admin_client):
    response = admin_client.post(
        reverse("access_codes:add"),
        {"max_uses": "10", "expires": "", "membership_days": "365", "note": "Agency A"},
    )
    assert response.status_code == 302
    created = AccessCode.objects.get()
    assert (created.created_by.username, created.max_uses, created.note) == (
        "editor",
        10,
        "Agency A",
    )
    assert created.code in admin_client.get(reverse("access_codes:index")).content.decode()

    admin_client.post(
        reverse("access_codes:edit", args=[created.pk]),
        {"max_uses": "10", "membership_days": "365", "note": "Agency A", "disabled": "on"},
    )
    reader = Client()
    reader.force_login(make_user("reader-r"))
    assert "has been withdrawn" in enter(reader, created.code).content.decode()


def test_the_editors_group_may_manage_memberships(client):
    editor = make_user("wagtail-editor", groups=[Group.objects.get(name="Editors")])
    client.force_login(editor)
    assert client.get(reverse("membership:index")).status_code == 200
    assert client.get(reverse("access_codes:add")).status_code == 200


def test_people_without_the_permissions_cannot_reach_the_membership_admin(client):
    grant = services.grant(make_user("someone"), source="editor")
    urls = [
        reverse("membership:index"),
        reverse("membership:add"),
        reverse("membership:end_now", args=[grant.pk]),
        reverse("access_codes:index"),
        reverse("access_codes:add"),
    ]
    admin_only = make_user("admin-without-rights")
    admin_only.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_only)
    assert client.get("/admin/").status_code == 200
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url).status_code in (302, 403), url
    client.force_login(make_user("plain-member", member=True))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
    grant.refresh_from_db()
    assert grant.is_active


# The payment hook


def test_the_payment_hook_grants_and_ends_idempotently_with_signals(db):
    person = make_user("payer")
    sent = []

    def record(signal_name):
        def receiver(sender, membership, user, **kwargs):
            sent.append((signal_name, user.username, membership.reference))

        return receiver

    on_granted, on_ended = record("granted"), record("ended")
    membership_granted.connect(on_granted)
    membership_ended.connect(on_ended)
    try:
        # What a webhook view would do for "subscription started", delivered twice.
        ends = TODAY + days(365)
        for _ in range(2):
            services.grant(person, TODAY, ends, source="payment", reference="sub_123")
        assert Membership.objects.filter(user=person).count() == 1
        assert is_member(person)
        # ...and for "subscription cancelled", delivered twice.
        for _ in range(2):
            services.end(person, TODAY, reference="sub_123")
        assert not is_member(person)
        assert services.membership_of(person).ends == TODAY
    finally:
        membership_granted.disconnect(on_granted)
        membership_ended.disconnect(on_ended)
    assert sent == [("granted", "payer", "sub_123"), ("ended", "payer", "sub_123")]


def test_ending_one_payment_leaves_other_grants_alone(db):
    person = make_user("two-grants")
    services.grant(person, source="editor")
    services.grant(person, ends=TODAY + days(30), source="payment", reference="sub_1")
    services.end(person, reference="sub_1")
    assert is_member(person)
    assert services.membership_of(person).ends is None


# Cost and privacy


def test_a_members_page_view_costs_no_more_than_one_query_extra(client, member, unit):
    client.force_login(member)
    client.get(unit.url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(unit.url).status_code == 200
        return len(queries)

    with_check = count()
    without = [m for m in settings.MIDDLEWARE if not m.startswith("membership.")]
    with override_settings(MIDDLEWARE=without):
        without_check = count()
    assert with_check <= without_check + 1
    # The first request of a new day syncs once, then the day's requests cost nothing more.
    with frozen(TODAY + days(1)):
        count()
        assert count() <= without_check + 1


def test_anonymous_readers_cost_no_membership_query(client, unit):
    with mock.patch("membership.middleware.sync_members_group") as sync:
        client.get(unit.url)
        client.get("/")
    sync.assert_not_called()


def test_grants_and_codes_are_not_on_the_api_or_public_pages(client, join_page):
    secret = code(note="Agency secret note")
    services.grant(make_user("private-person"), source="editor", note="Private note")
    for url in ["/api/v2/pages/?type=membership.JoinPage&fields=*", join_page.url, "/sitemap.xml"]:
        html = client.get(url).content.decode()
        for text in (secret.code, "Agency secret note", "Private note", "private-person"):
            assert text not in html, (url, text)


def test_deleting_a_member_deletes_their_grants(db):
    person = make_user("leaving", member=True)
    person.delete()
    assert not Membership.objects.exists()


def test_the_join_address_follows_the_page_without_a_query_per_view(client, join_page):
    login = reverse("login")
    assert 'href="/become/"' in client.get(login).content.decode()
    join_page.slug = "membership"
    publish(join_page)
    assert 'href="/membership/"' in client.get(login).content.decode()
    join_page.unpublish()
    assert 'href="/join/"' in client.get(login).content.decode()
    with mock.patch("membership.join.JoinPage.objects") as pages:
        client.get(login)
    pages.live.assert_not_called()
