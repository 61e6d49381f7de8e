"""The page cache: anonymous readers are answered from it; nobody else ever is.

A hit is seen two ways: the answer says it came from the cache, and content changed
behind Wagtail's back (a plain ``update()``, which purges nothing) is not yet shown.
"""

import pytest
from django.core.cache import caches
from wagtail.models import Page, PageViewRestriction, Site

from articles.models import ArticlePage
from caching import invalidation
from cms.settings.base import frontend_cache_settings
from home.models import AboutText, CrisisResources
from tests.factories import (
    make_article,
    make_author,
    make_blog,
    make_page,
    make_topic,
    make_user,
    restrict,
    token_for,
)
from topics.merge import merge_topics
from topics.models import Topic

pytestmark = pytest.mark.django_db

BODY = "zqmembersbody"


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def article(home, page_cache):
    return make_article("Cached words", parent=make_blog(home), topics=[make_topic("Stress")])


def hit(client, url, **kwargs):
    """True when ``url`` was answered from the page cache (it is fetched, so kept after)."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return getattr(response, "from_page_cache", False)


def rename_behind_wagtails_back(page, title):
    Page.objects.filter(pk=page.pk).update(title=title)


def test_anonymous_readers_are_answered_from_the_cache(client, article):
    first = client.get(article.url)
    assert not getattr(first, "from_page_cache", False)
    rename_behind_wagtails_back(article, "Renamed quietly")
    again = client.get(article.url)
    assert again.from_page_cache
    assert "Cached words" in again.content.decode()
    assert again["ETag"] == first["ETag"]
    assert "s-maxage=" in again["Cache-Control"]


def test_listings_feeds_the_sitemap_and_the_api_are_cached(client, article, member):
    urls = ["/", "/articles/", "/topics/", "/topics/stress/", "/articles/feed/", "/sitemap.xml"]
    urls += [f"/api/v2/pages/{article.pk}/", "/api/v2/pages/?fields=*"]
    urls += [f"/api/v3/pages/{article.pk}/", f"/api/v3/related/{article.pk}/"]
    for url in urls:
        assert not hit(client, url), url
        assert hit(client, url), url
    auth = token_for(member)
    for url in urls[-4:]:
        assert not hit(client, url, headers=auth), url


def test_signed_in_readers_are_never_answered_from_the_cache(client, article, member):
    client.force_login(member)
    assert not hit(client, article.url)
    assert not hit(client, article.url)
    response = client.get(article.url)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_search_is_never_cached(client, article):
    assert not hit(client, "/search/?q=cached")
    assert not hit(client, "/search/?q=cached")


@pytest.fixture
def members_article(article):
    body = [{"type": "paragraph", "value": f"<p>The {BODY} part.</p>"}]
    return make_article("For members", body=body, members_only=True)


def test_a_cached_teaser_is_never_served_to_a_member(client, members_article, member):
    url = f"/api/v2/pages/{members_article.pk}/"
    client.get(url)
    assert hit(client, url)
    assert BODY not in client.get(url).content.decode()
    assert not hit(client, members_article.url), "the HTML teaser is never cached (its view)"
    client.force_login(member)
    for address in (url, members_article.url):
        response = client.get(address)
        assert not getattr(response, "from_page_cache", False)
        assert BODY in response.content.decode()


def test_a_members_page_is_never_served_to_an_anonymous_reader(client, members_article, member):
    client.force_login(member)
    assert BODY in client.get(members_article.url).content.decode()
    assert BODY in client.get(f"/api/v2/pages/{members_article.pk}/").content.decode()
    client.logout()
    for url in (members_article.url, f"/api/v2/pages/{members_article.pk}/"):
        response = client.get(url)
        assert not getattr(response, "from_page_cache", False)
        assert BODY not in response.content.decode()
        assert BODY not in client.get(url).content.decode()


def test_a_session_that_entered_a_password_is_never_answered_from_the_cache(client, article):
    restriction = restrict(article, PageViewRestriction.PASSWORD, password="open-sesame-9")
    form = client.get(article.url)
    assert "Cached words" not in form.content.decode()
    assert not getattr(form, "from_page_cache", False)
    assert not hit(client, article.url), "the password form sets a cookie: never kept"
    url = f"/_util/authenticate_with_password/{restriction.pk}/{article.pk}/"
    client.post(url, {"password": "open-sesame-9", "return_url": article.url})
    opened = client.get(article.url)
    assert "Cached words" in opened.content.decode()
    assert "private" in opened["Cache-Control"]
    client.cookies.clear()
    assert "Cached words" not in client.get(article.url).content.decode()


def test_an_answer_that_sets_a_cookie_is_not_kept(client, article):
    response = client.get("/accounts/login/")
    assert response.cookies
    assert "private" in response["Cache-Control"]


def test_conditional_get_on_html_answers_304(client, article):
    first = client.get(article.url)
    etag = first["ETag"]
    assert etag
    assert "public" in first["Cache-Control"]
    assert "stale-while-revalidate=" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    again = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    article.title = "New title"
    article.save_revision().publish()
    changed = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_conditional_get_works_on_html_without_the_page_cache(client, home):
    response = client.get("/")
    assert client.get("/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


# Invalidation: each change purges what shows the object, and nothing else


@pytest.fixture
def scene(article, page_cache):
    """The article (topic Stress, author Sam), and an unrelated one on another topic."""
    author = make_author("Sam Carer")
    article.article_authors.create(author=author)
    article.never_recommend = True  # no related list holds it unless a test says so
    article.save_revision().publish()
    other = make_article(
        "Unrelated", topics=[make_topic("Sleep")], body="Nothing in common", never_recommend=True
    )
    return article, other, author


def shown_by(article, author):
    return [
        article.url,
        "/",
        "/articles/",
        "/topics/",
        "/topics/stress/",
        "/topics/stress/feed/",
        f"/authors/{author.slug}/",
        "/articles/feed/",
        "/sitemap.xml",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/pages/?fields=*",
    ]


def warm(client, urls):
    for url in urls:
        client.get(url)
    for url in urls:
        assert hit(client, url), url


def assert_purged(client, urls):
    """None of ``urls`` comes from the cache (a page may now rightly be gone: 404)."""
    kept = [url for url in urls if getattr(client.get(url), "from_page_cache", False)]
    assert not kept, f"still served from the cache: {kept}"


def test_publishing_purges_what_shows_the_page_and_nothing_else(client, scene):
    article, other, author = scene
    urls = shown_by(article, author)
    warm(client, [*urls, other.url, "/topics/sleep/"])
    article.title = "Published again"
    article.save_revision().publish()
    assert_purged(client, urls)
    assert hit(client, other.url)
    assert hit(client, "/topics/sleep/")
    assert "Published again" in client.get("/articles/").content.decode()


def test_publishing_out_of_a_topic_purges_the_old_topic(client, scene):
    article, other, author = scene
    warm(client, ["/topics/stress/", "/topics/sleep/"])
    article.topics.set([make_topic("Hope")])
    article.save_revision().publish()
    assert_purged(client, ["/topics/stress/"])
    assert hit(client, "/topics/sleep/")


def test_unpublishing_purges(client, scene):
    article, other, author = scene
    urls = shown_by(article, author)
    warm(client, [*urls, other.url])
    url = article.url
    article.unpublish()
    for gone in (url, f"/api/v2/pages/{article.pk}/"):
        assert client.get(gone).status_code == 404
    assert_purged(client, [u for u in urls[1:] if u != f"/api/v2/pages/{article.pk}/"])
    assert hit(client, other.url)


def test_moving_purges_old_and_new_addresses(client, scene, home):
    article, other, author = scene
    section = make_page(home, title="Section")
    old_url = article.url
    warm(client, [old_url, "/", "/articles/", section.url, other.url])
    article.move(section, pos="last-child")
    assert client.get(old_url).status_code in (301, 404)  # Wagtail may leave a redirect
    assert_purged(client, ["/", "/articles/", section.url])
    assert hit(client, other.url)


def test_deleting_purges(client, scene):
    article, other, author = scene
    urls = shown_by(article, author)
    warm(client, [*urls, other.url])
    url = article.url
    article.delete()
    assert client.get(url).status_code == 404
    assert_purged(client, [u for u in urls[1:] if "/api/v2/pages/" not in u or "?" in u])
    assert hit(client, other.url)


def test_a_privacy_change_purges_and_the_page_closes_at_once(client, scene):
    article, other, author = scene
    warm(client, [article.url, "/articles/", other.url])
    restrict(article, PageViewRestriction.LOGIN)
    closed = client.get(article.url)
    assert "Cached words" not in closed.content.decode()
    assert_purged(client, ["/articles/"])
    assert hit(client, other.url)
    PageViewRestriction.objects.filter(page=article).delete()
    assert_purged(client, [article.url])


def test_flagging_members_only_on_publish_purges(client, scene):
    article, other, author = scene
    page = ArticlePage.objects.get(pk=article.pk)
    page.body = [("paragraph", f"<p>{BODY}</p>")]
    page.save_revision().publish()
    warm(client, [page.url, other.url])
    assert BODY in client.get(page.url).content.decode()
    page.members_only = True
    page.save_revision().publish()
    assert BODY not in client.get(page.url).content.decode()
    assert hit(client, other.url)


def test_editing_a_topic_purges_its_pages_and_its_articles(client, scene):
    article, other, author = scene
    warm(client, ["/topics/stress/", article.url, other.url, "/topics/sleep/"])
    topic = article.topics.get()
    topic.name = "Stress and worry"
    topic.save()
    assert_purged(client, ["/topics/stress/", article.url])
    assert hit(client, other.url)
    assert hit(client, "/topics/sleep/")


def test_merging_topics_purges_both(client, scene):
    article, other, author = scene
    warm(client, ["/topics/stress/", "/topics/sleep/", article.url, other.url])
    merge_topics(Topic.objects.get(slug="stress"), Topic.objects.get(slug="sleep"))
    assert_purged(client, ["/topics/sleep/", article.url, other.url])
    assert client.get("/topics/stress/").status_code in (301, 404)


def test_editing_an_author_purges_their_page_and_articles(client, scene):
    article, other, author = scene
    warm(client, [f"/authors/{author.slug}/", article.url, other.url])
    author.name = "Sam Carer-Jones"
    author.save()
    assert_purged(client, [f"/authors/{author.slug}/", article.url])
    assert hit(client, other.url)


def test_a_crisis_resources_change_purges_every_page(client, scene):
    article, other, author = scene
    urls = [article.url, other.url, "/", "/topics/", "/api/v2/pages/"]
    warm(client, urls)
    setting = CrisisResources.for_site(Site.objects.get(is_default_site=True))
    setting.heading = "Urgent help"
    setting.save()
    assert_purged(client, urls)
    assert "Urgent help" in client.get(other.url).content.decode()


def test_a_snippet_change_purges_every_page(client, scene):
    article, other, author = scene
    warm(client, [article.url, other.url])
    AboutText.objects.create(name="About us")
    assert_purged(client, [article.url, other.url])


def test_a_page_whose_related_list_holds_the_article_is_purged(client, scene):
    article, other, author = scene
    holder = make_article("Picks it", body="A picker", never_recommend=True)
    holder.related_picks.create(related=article)
    holder.save_revision().publish()
    unrelated = make_article("Picks nothing", body="Alone", never_recommend=True)
    warm(client, [holder.url, unrelated.url])
    article.title = "Retitled"
    article.save_revision().publish()
    assert_purged(client, [holder.url])
    assert hit(client, unrelated.url)


def test_purges_reach_the_frontend_cache_when_the_change_commits(
    client, scene, settings, django_capture_on_commit_callbacks, monkeypatch
):
    article, other, author = scene
    sent = []
    monkeypatch.setattr(invalidation, "purge_urls_from_cache", sent.extend)
    # The scene's own purges wait for a commit that never comes: only the publish's count.
    invalidation._batch.discard()
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Again"
        article.save_revision().publish()
    assert f"http://localhost{article.url}" in sent
    assert "http://localhost/articles/" in sent
    assert "http://localhost/api/*" in sent
    # The other article's related list was recomputed: its page is purged, not its topic.
    assert "http://localhost/topics/sleep/" not in sent


def test_the_frontend_cache_is_configured_from_the_environment():
    assert frontend_cache_settings({}) == {}
    found = frontend_cache_settings(
        {
            "FRONTEND_CACHE_URL": "http://127.0.0.1:6081",
            "FRONTEND_CACHE_CLOUDFLARE_ZONE_ID": "zone",
            "FRONTEND_CACHE_CLOUDFLARE_TOKEN": "token",
            "FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID": "dist",
        }
    )
    assert found["http"]["LOCATION"] == "http://127.0.0.1:6081"
    assert found["cloudflare"]["ZONEID"] == "zone"
    assert found["cloudflare"]["BEARER_TOKEN"] == "token"
    assert found["cloudfront"]["DISTRIBUTION_ID"] == "dist"


def test_a_signed_in_reader_does_not_fill_the_cache_for_others(client, article):
    editor = make_user("an-editor", editor=True)
    client.force_login(editor)
    client.get(article.url)
    client.logout()
    assert not hit(client, article.url)
