"""A cache outage degrades the site; it does not take it down.

The caches are built by the same function production uses (``cache_settings``), pointed
at a port where nothing listens, as if Redis had stopped.
"""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from cms.settings.base import cache_settings
from core.logging import OncePerInterval
from tests.factories import (
    make_article,
    make_blog,
    make_course,
    make_module,
    make_topic,
    make_unit,
    make_user,
)


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """Redis stopped, with the page cache on (it is in the same Redis, and steps aside)."""
    caches_down = cache_settings(f"redis://127.0.0.1:{_closed_port()}/0")
    with override_settings(CACHES=caches_down, PAGE_CACHE_SECONDS=600):
        yield


@pytest.fixture
def site(home):
    topic = make_topic("Alcohol")
    article = make_article(parent=make_blog(home), topics=[topic], body="drinking at home")
    unit = make_unit(make_module(make_course(home), 1))
    return article, unit, topic


def test_every_surface_answers_while_redis_is_down(client, site, member, redis_down, caplog):
    article, unit, topic = site
    assert type(caches["default"]).__name__ == "RedisCache"
    anonymous = [
        "/",
        "/articles/",
        article.url,
        "/topics/",
        f"/topics/{topic.slug}/",
        "/search/?q=drinking",
        "/search/?q=drinkng",
        "/articles/feed/",
        "/sitemap.xml",
        "/api/v2/pages/?type=articles.ArticlePage&fields=*",
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/pages/?search=drinking",
        f"/api/v2/pages/{article.pk}/related/",
        "/api/v2/topics/",
        "/api/v3/pages/",
        f"/api/v3/related/{article.pk}/",
        "/api/v3/course/outline/",
    ]
    personal = [unit.url, "/my/observations/", "/my/course/progress/", "/search/?q=home"]
    answered = 0
    with caplog.at_level(logging.ERROR, logger="cms.cache"):
        for _round in range(3):
            for url in anonymous:
                response = client.get(url)
                assert response.status_code == 200, url
                answered += 1
            client.force_login(member)
            for url in personal:
                response = client.get(url)
                assert response.status_code == 200, url
                answered += 1
            client.logout()
    assert answered == 3 * (len(anonymous) + len(personal))
    ignored = [r for r in caplog.records if r.name == "cms.cache"]
    assert ignored, "the outage is logged"


def test_signing_in_works_while_redis_is_down(client, site, redis_down):
    make_user("reader", member=True, password="a-long-pass-phrase")
    response = client.post(
        "/accounts/login/", {"login": "reader", "password": "a-long-pass-phrase"}
    )
    assert response.status_code == 302
    assert client.get(site[1].url).status_code == 200


def test_the_outage_is_logged_once_per_interval():
    now = [1000.0]
    once = OncePerInterval(seconds=60, clock=lambda: now[0])

    def record():
        return logging.LogRecord(
            "cms.cache", logging.ERROR, __file__, 1, "Exception ignored", (), None
        )

    assert once.filter(record())
    assert not any(once.filter(record()) for _ in range(500))
    now[0] += 61
    again = record()
    assert once.filter(again)
    assert "500 like it" in again.getMessage()


def _redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_is_up(), reason="no Redis on 127.0.0.1:6379 (CI starts one)")
def test_the_same_settings_cache_in_a_running_redis():
    with override_settings(CACHES=cache_settings("redis://127.0.0.1:6379/9")):
        caches["default"].set("outage-test", {"kept": True}, 30)
        assert caches["default"].get("outage-test") == {"kept": True}
        caches["default"].delete("outage-test")
