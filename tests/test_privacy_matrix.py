"""Privacy on every surface: each kind of page, for each kind of reader, everywhere it can show.

The site (``tests.privacy_site``) has an article and a course unit of every kind privacy
knows; each body holds a marker word found nowhere else. For every reader, every surface
is fetched and searched: a page the reader may not read never shows its marker, a hidden
page never shows its title, and listings show the pages the reader may see.

Adding a route without adding it here fails ``test_every_public_route_is_in_the_matrix``.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Collection

from articles.models import ArticleAuthor
from core.access import HIDDEN, READ, TEASER
from home.models import HomePageFeaturedPage
from questions.models import Question
from tests.factories import make_author, token_for
from tests.privacy_site import (
    EXPECTED,
    KINDS,
    READERS,
    build_site,
    marker,
    pass_password,
    title,
)

pytestmark = pytest.mark.django_db

SEARCH = "family note"
PINNED = "pinned family note"


@dataclass
class Visit:
    """One reader on the site: a signed-in client for HTML and v2, and one for v3.

    v3 trusts only bearer tokens, so a named reader's v3 client has no session at all:
    an endpoint that wrongly trusted the cookie would answer it as a stranger.
    """

    who: str
    client: object
    v3_client: object
    v3_headers: dict

    def get(self, url, v3=False, **params):
        if v3:
            return self.v3_client.get(url, params, headers=self.v3_headers)
        return self.client.get(url, params)


@pytest.fixture
def site(home, client):
    site = build_site(home)
    author = make_author("Lee Chen")
    for position, kind in enumerate(KINDS):
        ArticleAuthor.objects.create(page=site.articles[kind], author=author)
        HomePageFeaturedPage.objects.create(
            home=home, page=site.articles[kind], sort_order=position
        )
    query = Query.get(PINNED)
    for position, page in enumerate([*site.articles.values(), *site.units.values()]):
        SearchPromotion.objects.create(query=query, page=page, sort_order=position)
    collection = Collection.objects.get(name="Carers only")
    site.private_document = get_document_model().objects.create(
        title=f"Document {marker('collection')}", collection=collection, file="private.txt"
    )
    site.author = author
    return site


def visit(site, client, who):
    if who in site.users:
        client.force_login(site.users[who])
        return Visit(who, client, Client(), token_for(site.users[who]))
    if who == "password":
        pass_password(client, site.articles["password"])
        pass_password(client, site.units["password"])
    return Visit(who, client, client, {})


def states(who):
    return {kind: EXPECTED[kind][who] for kind in KINDS}


def check_response(response, who, own_kind=None, collection_readable=False):
    """Nothing the reader may not read shows: no marker, no hidden title."""
    text = response.content.decode()
    for kind, state in states(who).items():
        if state != READ:
            assert marker(kind) not in text, (response.request["PATH_INFO"], who, kind)
        if state == HIDDEN and kind != own_kind:
            assert title(kind) not in text, (response.request["PATH_INFO"], who, kind)
    if not collection_readable:
        assert marker("collection") not in text, (response.request["PATH_INFO"], who)
    return text


def listed_kinds(who):
    return [kind for kind, state in states(who).items() if state in (READ, TEASER)]


#: Listing surfaces: (url, params, v3, what must be listed: "articles", "units" or None).
def listings(site):
    topic = site.topic.slug
    return [
        ("/", {}, False, "articles"),
        ("/articles/", {}, False, "blog articles"),
        (f"/topics/{topic}/", {}, False, "articles"),
        ("/topics/", {}, False, None),
        (f"/authors/{site.author.slug}/", {}, False, "articles"),
        ("/articles/feed/", {}, False, None),
        (f"/topics/{topic}/feed/", {}, False, None),
        ("/sitemap.xml", {}, False, None),
        # Ten results a page: what is listed is checked on the API (the same pipeline).
        ("/search/", {"q": SEARCH}, False, None),
        ("/search/", {"q": PINNED}, False, None),
        (site.course.url, {}, False, "units"),
        (
            "/api/v2/pages/",
            {"type": "articles.ArticlePage", "fields": "*", "limit": 100},
            False,
            "articles",
        ),
        ("/api/v2/pages/", {"fields": "*", "limit": 100}, False, "articles"),
        (
            "/api/v2/pages/",
            {"type": "craft_course.CourseUnitPage", "fields": "*", "limit": 100},
            False,
            "units",
        ),
        ("/api/v2/pages/", {"topic": topic, "fields": "*", "limit": 100}, False, "articles"),
        ("/api/v2/pages/", {"search": SEARCH, "fields": "*", "limit": 100}, False, "articles"),
        ("/api/v2/pages/", {"search": PINNED, "limit": 100}, False, "articles"),
        ("/api/v2/pages/", {"type": "home.HomePage", "fields": "*"}, False, "articles"),
        ("/api/v2/topics/", {}, False, None),
        ("/api/v2/course/outline/", {}, False, "units"),
        ("/api/v2/images/", {}, False, None),
        ("/api/v2/documents/", {}, False, None),
        ("/api/v3/pages/", {"type": "articles.ArticlePage", "limit": 100}, True, "articles"),
        ("/api/v3/pages/", {"limit": 100}, True, "articles"),
        ("/api/v3/pages/", {"search": SEARCH, "limit": 100}, True, "articles"),
        ("/api/v3/pages/", {"search": PINNED, "limit": 100}, True, "articles"),
        ("/api/v3/topics/", {}, True, None),
        ("/api/v3/course/outline/", {}, True, "units"),
        ("/api/v3/images/", {}, True, None),
        ("/api/v3/documents/", {}, True, None),
    ]


def _pages_of(site, which):
    return site.units if which == "units" else site.articles


@pytest.mark.parametrize("who", READERS)
def test_listings_show_what_the_reader_may_see_and_nothing_more(site, client, who):
    reader = visit(site, client, who)
    for url, params, v3, lists in listings(site):
        response = reader.get(url, v3=v3, **params)
        assert response.status_code == 200, (url, params, who, response.content[:300])
        text = check_response(response, who, collection_readable=who == "carer")
        if lists:
            for kind in listed_kinds(who):
                if lists == "blog articles" and kind == "under_group_section":
                    continue  # the blog lists its own children only
                page = _pages_of(site, lists)[kind]
                assert page.title in text, (url, params, who, kind)
    # Feeds and the sitemap are for everyone: they show what an anonymous reader may read.
    feed = reader.get("/articles/feed/").content.decode()
    assert site.articles["public"].title in feed
    assert site.articles["login"].title not in feed
    sitemap = reader.get("/sitemap.xml").content.decode()
    assert site.articles["public"].url in sitemap
    for kind in KINDS:
        if EXPECTED[kind]["anonymous"] != READ:
            assert site.articles[kind].url not in sitemap, (who, kind)


@pytest.mark.parametrize("who", READERS)
def test_topic_counts_count_only_what_the_reader_may_see_listed(site, client, who):
    reader = visit(site, client, who)
    listed = len(listed_kinds(who))
    v2 = reader.get(f"/api/v2/topics/{site.topic.pk}/").json()
    v3 = reader.get(f"/api/v3/topics/{site.topic.pk}/", v3=True).json()
    assert v2["article_count"] == v3["article_count"] == listed


@pytest.mark.parametrize("who", READERS)
def test_each_page_reads_as_its_state_on_every_detail_surface(site, client, who):
    reader = visit(site, client, who)
    for kind, state in states(who).items():
        for page in (site.articles[kind], site.units[kind]):
            html = reader.get(page.url)
            v2 = reader.get(f"/api/v2/pages/{page.pk}/")
            v3 = reader.get(f"/api/v3/pages/{page.pk}/", v3=True)
            finds = [
                reader.get("/api/v2/pages/find/", html_path=page.url),
                reader.get("/api/v3/pages/find/", v3=True, html_path=page.url),
            ]
            for response in (html, v2, v3, *finds):
                check_response(response, who, own_kind=kind)
            if state == READ:
                assert html.status_code == v2.status_code == v3.status_code == 200, (kind, who)
                for response in (html, v2, v3):
                    assert marker(kind) in response.content.decode(), (kind, who)
                assert [f.status_code for f in finds] == [302, 302]
            elif state == TEASER:
                assert html.status_code == v2.status_code == v3.status_code == 200, (kind, who)
                assert 'name="robots" content="noindex"' in html.content.decode()
                assert "no-store" in html["Cache-Control"]
                assert v2.json()["members_only"] is True
                assert v3.json()["members_only"] is True
                assert v2.json()["body"] == v3.json()["body"] == []
                assert [f.status_code for f in finds] == [302, 302]
            else:
                assert v2.status_code == v3.status_code == 404, (kind, who)
                assert [f.status_code for f in finds] == [404, 404]
                if kind == "password":
                    assert "password" in html.content.decode().lower()
                elif kind in ("group", "login", "under_group_section"):
                    assert html.status_code == 302
                    assert "/accounts/login/" in html["Location"]
                else:
                    assert html.status_code == 404


@pytest.mark.parametrize("who", READERS)
def test_searching_a_body_word_finds_only_what_the_reader_may_read(site, client, who):
    reader = visit(site, client, who)
    for kind, state in states(who).items():
        word = marker(kind)
        surfaces = [
            reader.get("/search/", q=word),
            reader.get("/api/v2/pages/", search=word),
            reader.get("/api/v3/pages/", v3=True, search=word),
        ]
        for response in surfaces[1:]:
            check_response(response, who)
        for response in surfaces:
            assert response.status_code == 200
        # On PostgreSQL a word found nowhere is retried fuzzily, and may then find other
        # pages (the other markers look alike); what matters is whether this one is found.
        ids = {site.articles[kind].pk, site.units[kind].pk}
        found = [
            title(kind) in surfaces[0].content.decode(),
            bool(ids & {item["id"] for item in surfaces[1].json()["items"]}),
            bool(ids & {item["id"] for item in surfaces[2].json()["items"]}),
        ]
        assert found == [state == READ] * 3, (kind, who, found)


@pytest.mark.parametrize("who", READERS)
def test_related_posts_answer_only_for_readable_articles_and_list_only_public_ones(
    site, client, who
):
    reader = visit(site, client, who)
    for kind, state in states(who).items():
        page = site.articles[kind]
        v2 = reader.get(f"/api/v2/pages/{page.pk}/related/")
        v3 = reader.get(f"/api/v3/related/{page.pk}/", v3=True)
        expected = 200 if state == READ else 404
        assert (v2.status_code, v3.status_code) == (expected, expected), (kind, who)
        for response in (v2, v3):
            text = check_response(response, who)
            for other in KINDS:
                if EXPECTED[other]["anonymous"] != READ:
                    assert title(other) not in text, (kind, who, other)
        if state == READ:
            assert v2.json() == v3.json()


QUESTION = "zqmemberquestionsecret"


@pytest.mark.parametrize("who", READERS)
def test_a_question_shows_only_to_its_member_and_editors(site, client, who):
    """Not on any listing, search, feed, sitemap or API; in the member's own list only."""
    asker = site.users["member"]
    question = Question.objects.create(
        user=asker,
        question=f"My {QUESTION} worry about {SEARCH}",
        pseudonym=f"Pseudonym {QUESTION}",
        consent=True,
        scrubbed_question=f"Scrubbed {QUESTION} {SEARCH}",
    )
    question.topics.add(site.topic)
    reader = visit(site, client, who)
    surfaces = [reader.get(url, v3=v3, **params) for url, params, v3, _ in listings(site)]
    surfaces += [
        reader.get("/search/", q=QUESTION),
        reader.get("/api/v2/pages/", search=QUESTION),
        reader.get("/api/v3/pages/", v3=True, search=QUESTION),
        reader.get("/my/questions/new/"),
        reader.get("/api/v2/changes/"),
        reader.get("/api/v3/changes/", v3=True),
    ]
    texts = [f"My {QUESTION}", f"Pseudonym {QUESTION}", f"Scrubbed {QUESTION}"]
    for response in surfaces:
        text = response.content.decode()  # a search page repeats the bare word searched for
        assert not any(part in text for part in texts), (response.request["PATH_INFO"], who)
    own = reader.get("/my/questions/")
    if who not in site.users:  # anonymous, with or without a page password
        assert own.status_code == 302
        assert "/accounts/login/" in own["Location"]
    else:
        assert own.status_code == 200
        assert (texts[0] in own.content.decode()) == (who == "member"), who
    admin = reader.get(f"/admin/questions/edit/{question.pk}/")
    assert (texts[0] in admin.content.decode()) == (who == "editor"), who


def test_the_change_feed_is_the_anonymous_view_for_every_reader(site, client):
    """Whoever polls, the feed says what an anonymous reader may read, and shows nothing."""
    anonymous = client.get("/api/v2/changes/").json()
    last = {item["id"]: item["action"] for item in anonymous["items"]}
    for kind in KINDS:
        for page in (site.articles[kind], site.units[kind]):
            visible = last.get(page.pk) in ("published", "updated")
            assert visible == (EXPECTED[kind]["anonymous"] == READ), (kind, last.get(page.pk))
    for who in READERS:
        reader = visit(site, Client(), who)
        v2 = reader.get("/api/v2/changes/")
        v3 = reader.get("/api/v3/changes/", v3=True)
        assert v2.json() == v3.json() == anonymous, who
        for response in (v2, v3):
            check_response(response, who)
        # The draft preview opens only with a preview token, never with who you are.
        for token in ({}, {"token": "id=1:forged:signature"}):
            preview = reader.get("/api/v2/preview/", content_type="articles.articlepage", **token)
            assert preview.status_code == (403 if token else 400), who
            check_response(preview, who)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


#: Every route the tests above drive with every reader.
COVERED = {
    "^((?:[\\w\\-]+/)*)$",
    "articles/feed/",
    "authors/<slug:slug>/",
    "search/",
    "sitemap.xml",
    "topics/",
    "topics/<slug:slug>/",
    "topics/<slug:slug>/feed/",
    "api/v2/^pages/",
    "api/v2/^pages/<int:pk>/",
    "api/v2/^pages/find/",
    "api/v2/pages/<int:page_id>/related/",
    "api/v2/^topics/",
    "api/v2/^topics/<int:pk>/",
    "api/v2/course/outline/",
    "api/v2/changes/",
    "api/v2/preview/",
    "api/v2/^images/",
    "api/v2/^documents/",
    "api/v3/pages/",
    "api/v3/pages/<page_id>/",
    "api/v3/pages/find/",
    "api/v3/related/<page_id>/",
    "api/v3/topics/",
    "api/v3/topics/<topic_id>/",
    "api/v3/course/outline/",
    "api/v3/changes/",
    "api/v3/images/",
    "api/v3/documents/",
    "my/questions/",
    "my/questions/new/",
}
#: Routes that show no page content, each with the reason (covered by their own tests).
EXEMPT = {
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        "the password form's POST target (tests/test_password.py)"
    ),
    "_util/login/": "redirects to the sign-in form",
    "health/": "the load balancer's probe: check names and timings only (tests/test_operations.py)",
    "accounts/login/": "the sign-in form",
    "accounts/logout/": "signs out",
    "admin/login/": "redirects to the sign-in form",
    "accounts/signup/": "the sign-up form (tests/test_accounts.py)",
    "accounts/confirm-email/": "says a confirmation email was sent",
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": "confirms the address its key was sent to",
    "accounts/email/": "the signed-in person's own addresses",
    "accounts/inactive/": "says the account is inactive",
    "accounts/login/code/confirm/": "allauth's sign-in code step (sign-in codes are off)",
    "accounts/password/change/": "the signed-in person's own password",
    "accounts/password/set/": "the signed-in person's own password",
    "accounts/password/reset/": "asks for an address to send a reset link to",
    "accounts/password/reset/done/": "says the reset link was sent",
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "the reset form its one-time key opens"
    ),
    "accounts/password/reset/key/done/": "says the password was changed",
    "accounts/reauthenticate/": "asks the signed-in person's password again",
    "accounts/reauthenticate/code/": "allauth's re-authentication by code (off)",
    "accounts/reauthenticate/code/confirm/": "allauth's re-authentication by code (off)",
    "accounts/2fa/": "the signed-in person's own two-factor settings",
    "accounts/2fa/authenticate/": "the sign-in's code step, for the account signing in",
    "accounts/2fa/reauthenticate/": "asks the signed-in person's code again",
    "accounts/2fa/recovery-codes/": "the signed-in person's own recovery codes",
    "accounts/2fa/recovery-codes/download/": "the signed-in person's own recovery codes",
    "accounts/2fa/recovery-codes/generate/": "the signed-in person's own recovery codes",
    "accounts/2fa/totp/activate/": "sets up the signed-in person's authenticator",
    "accounts/2fa/totp/deactivate/": "removes the signed-in person's authenticator",
    "my/account/": "the signed-in person's own account (tests/test_accounts.py)",
    "my/account/tokens/": "creates a token for the signed-in person",
    "my/account/tokens/revoke/": "revokes one of the signed-in person's own tokens",
    "my/account/export/": "the signed-in person's own data (tests/test_accounts.py)",
    "my/account/delete/": "deletes the signed-in person's own account",
    "robots.txt": "fixed text",
    "favicon.ico": "a redirect to the static icon",
    "api/v2/^(?P<path>.*)$": "the JSON 404 for unknown API addresses",
    "api/v2/^images/<int:pk>/": "one image, from the same viewset as the covered listing",
    "api/v2/^images/find/": "finds within the covered listing's queryset",
    "api/v2/^documents/<int:pk>/": "one document, from the same viewset as the listing",
    "api/v2/^documents/find/": "finds within the covered listing's queryset",
    "api/v2/^topics/find/": "finds within the covered topics queryset",
    "api/v3/": "the API's root",
    "^api/v3/(?P<path>.*)$": "the JSON 404 for unknown API addresses",
    "api/v3/docs/": "the interactive documentation",
    "api/v3/openapi.json": "the OpenAPI document (tests/test_openapi_snapshot.py)",
    "api/v2/openapi.json": "the v2 OpenAPI document: schemas, no content (tests/test_openapi.py)",
    "api/v3/images/<image_id>/": "one image, Wagtail's collection privacy",
    "api/v3/documents/<document_id>/": "one document, Wagtail's collection privacy",
    "api/v3/schema/": "content type names",
    "api/v3/schema/<type_name>/": "a content type's JSON schema",
    "api/v3/sites/": "sites (editors' tokens only)",
    "api/v3/sites/<site_id>/": "a site (editors' tokens only)",
    "api/v3/whoami/": "the token's own user",
    "documents/^(\\d+)/(.*)$": "Wagtail's document download, which checks collection privacy",
    "documents/authenticate_with_password/<int:restriction_id>/": "a collection password form",
    "my/course/progress/": "a member's own progress (tests/test_course_progress.py)",
    "my/course/units/<int:unit_id>/complete/": "a member marks a unit they may read",
    "my/course/units/<int:unit_id>/journal/": "a member's own answers (test_course_journal)",
    "my/course/units/<int:unit_id>/worksheet/": "a readable unit's worksheet (members)",
    "my/membership/": "a reader's own membership and the code form (tests/test_membership.py)",
    "my/observations/": "a member's own answers",
    "my/observations/delete/": "deletes a member's own answers",
    "my/observations/my-observations.<str:fmt>": "downloads a member's own answers",
}
#: Route prefixes for editors' tokens only: writes, revisions and actions need permissions.
EDITOR_ONLY = ("api/v3/pages/<page_id>/", "api/v3/snippets/", "api/v3/redirects/")


def test_every_public_route_is_in_the_matrix():
    unknown = []
    for route in set(_routes(get_resolver().url_patterns)):
        if route in COVERED or route in EXEMPT:
            continue
        if route.startswith(EDITOR_ONLY) and route not in COVERED:
            continue
        unknown.append(route)
    assert not unknown, (
        "New routes: drive them in tests/test_privacy_matrix.py with every reader "
        f"(or list them in EXEMPT with a reason): {sorted(unknown)}"
    )
