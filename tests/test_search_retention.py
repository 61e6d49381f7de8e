"""What readers search for is kept no longer than the retention period and linked to no one."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.models import ZeroResultQuery
from tests.factories import make_article, make_blog


@pytest.fixture
def article(home):
    return make_article(parent=make_blog(home), body="drinking at weekends")


def _age(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_searching_stores_no_user_and_no_session(client, article, member):
    client.force_login(member)
    client.get("/search/?q=nothingmatcheszz")
    client.get("/search/?q=drinking")
    for model in (ZeroResultQuery, Query, QueryDailyHits):
        names = {field.name for field in model._meta.get_fields()}
        assert not names & {"user", "session", "ip", "ip_address", "session_key"}, model
    assert ZeroResultQuery.objects.filter(query_string="nothingmatcheszz").exists()


def test_the_purge_forgets_old_searches_and_keeps_recent_ones(client, article, settings):
    settings.SEARCH_TERMS_RETENTION_DAYS = 90
    client.get("/search/?q=oldsearchzz")
    client.get("/search/?q=newsearchzz")
    client.get("/search/?q=drinking")
    ZeroResultQuery.objects.filter(query_string="oldsearchzz").update(last_searched=_age(91))
    QueryDailyHits.objects.filter(query__query_string__in=["oldsearchzz", "drinking"]).update(
        date=_age(91).date()
    )
    promoted = Query.get("pinned by an editor")
    SearchPromotion.objects.create(query=promoted, page=article, sort_order=0)

    call_command("purge_search_terms", stdout=(out := io.StringIO()))

    assert set(ZeroResultQuery.objects.values_list("query_string", flat=True)) == {"newsearchzz"}
    kept = set(Query.objects.values_list("query_string", flat=True))
    assert kept == {"newsearchzz", "pinned by an editor"}
    assert "Purged searches older than 90 days" in out.getvalue()
    assert "1 searches with no results" in out.getvalue()

    call_command("purge_search_terms", stdout=(again := io.StringIO()))
    assert "0 searches with no results, 0 daily search counts, 0 search strings" in (
        again.getvalue()
    )


def test_the_retention_period_is_a_setting(client, article, settings):
    settings.SEARCH_TERMS_RETENTION_DAYS = 7
    client.get("/search/?q=weekoldzz")
    ZeroResultQuery.objects.update(last_searched=_age(8))
    call_command("purge_search_terms", stdout=io.StringIO())
    assert not ZeroResultQuery.objects.exists()


def test_no_search_is_kept_by_a_shared_cache(client, article, member):
    """Every search is counted for the editors' reports, so none is answered by a cache."""
    anonymous = client.get("/search/?q=drinking")
    assert "s-maxage" not in anonymous.get("Cache-Control", "")
    assert "private" in anonymous["Cache-Control"]
    client.force_login(member)
    personal = client.get("/search/?q=drinking")
    assert "private" in personal["Cache-Control"]
