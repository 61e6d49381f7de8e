"""Members-only and draft articles on every public surface this app serves."""

import json

import pytest

from articles.importer import ensure_index, import_records
from articles.models import ArticlePage
from tests.factories import make_user
from topics.models import Topic

SECRET = "Only members read this sentence."


def article(slug, **fields):
    data = {
        "slug": slug,
        "title": f"Article {slug}",
        "summary": f"Summary of {slug}.",
        "body": [
            {
                "type": "paragraph",
                "value": f"<p>{SECRET if 'members' in slug else 'Open words.'}</p>",
            }
        ],
        "topics": ["Relapse"],
        "authors": ["Lee Chen"],
        "date": "2024-02-02",
    }
    data.update(fields)
    return data


@pytest.fixture
def blog(home):
    Topic.objects.create(name="Relapse")
    ensure_index()
    result = import_records(
        json.dumps(r)
        for r in [
            article("open-article"),
            article("members-article", members_only=True),
            article("draft-article", live=False),
        ]
    )
    assert result.ok, result.errors
    return ArticlePage.objects.get(slug="members-article")


def test_anonymous_reader_gets_a_teaser_with_noindex(client, blog):
    response = client.get("/articles/members-article/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Article members-article" in html
    assert "Summary of members-article." in html
    assert SECRET not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "/accounts/login/?next=/articles/members-article/" in html
    assert "no-cache" in response["Cache-Control"] or "private" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["member", "editor"])
def test_members_and_editors_read_the_body(client, blog, who):
    user = make_user(member=True) if who == "member" else make_user(superuser=True)
    client.force_login(user)
    html = client.get("/articles/members-article/").content.decode()
    assert SECRET in html
    assert '<meta name="robots" content="noindex">' in html  # still kept out of indexes


def test_an_editor_outside_the_members_group_reads_the_body(client, blog):
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.create(name="Blog editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user = make_user()
    user.groups.add(editors)
    client.force_login(user)
    response = client.get("/articles/members-article/")
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_a_signed_in_non_member_gets_the_teaser(client, blog):
    client.force_login(make_user())
    response = client.get("/articles/members-article/")
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_flag_alone_hides_the_body_even_without_a_restriction(client, blog):
    blog.get_view_restrictions().delete()
    html = client.get("/articles/members-article/").content.decode()
    assert SECRET not in html
    assert "This article is for members" in html


@pytest.mark.parametrize("url", ["/articles/", "/topics/relapse/", "/authors/lee-chen/"])
def test_listings_show_members_only_articles_by_title_and_summary_only(client, blog, url):
    html = client.get(url).content.decode()
    assert "Article members-article" in html
    assert "Members only" in html
    assert SECRET not in html
    assert "Article draft-article" not in html


@pytest.mark.parametrize("url", ["/articles/feed/", "/topics/relapse/feed/"])
def test_feeds_exclude_members_only_and_drafts(client, blog, url):
    response = client.get(url)
    xml = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "Article open-article" in xml
    assert "members-article" not in xml
    assert "draft-article" not in xml


def test_a_member_still_gets_a_public_feed(client, blog):
    client.force_login(make_user(member=True))
    assert "members-article" not in client.get("/articles/feed/").content.decode()


def test_sitemap_excludes_members_only_and_drafts(client, blog):
    response = client.get("/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "http://localhost/articles/open-article/" in xml
    assert "http://localhost/articles/" in xml
    assert "members-article" not in xml
    assert "draft-article" not in xml


def test_topic_counts_include_members_only_titles_but_not_drafts(client, blog):
    assert "(2 articles)" in client.get("/topics/").content.decode()


def test_robots_txt_points_to_the_sitemap(client, blog):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_unflagging_lifts_the_restriction(client, blog):
    blog.members_only = False
    blog.save_revision().publish()
    html = client.get("/articles/members-article/").content.decode()
    assert SECRET in html
    assert "members-article" in client.get("/articles/feed/").content.decode()
