"""What readers searched for and did not find, so editors can write or pin an answer.

What a worried family types is sensitive: no search is linked to a user, and every stored
search string (these, and Wagtail's daily search counts) is purged once it is older than
``SEARCH_TERMS_RETENTION_DAYS`` (``purge_search_terms``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string


class ZeroResultQuery(models.Model):
    """A search that found nothing, counted; shown to editors under Reports."""

    query_string = models.CharField(
        max_length=255, unique=True, help_text="What the reader typed, lower-cased."
    )
    hits = models.PositiveIntegerField(
        default=0, help_text="How many times this search found nothing."
    )
    last_searched = models.DateTimeField(
        default=timezone.now, help_text="When a reader last searched for this."
    )

    class Meta:
        verbose_name = "search with no results"
        verbose_name_plural = "searches with no results"
        ordering = ["-hits", "query_string"]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string):
        """Count one more fruitless search for ``query_string``."""
        normalised = normalise_query_string(query_string)[:255]
        if not normalised:
            return
        entry, _ = cls.objects.get_or_create(query_string=normalised)
        cls.objects.filter(pk=entry.pk).update(
            hits=models.F("hits") + 1, last_searched=timezone.now()
        )


def purge_search_terms(now=None):
    """Forget searches older than the retention period; returns how many records went.

    A search string an editor has attached promotions to is the editor's, not a reader's,
    and stays with its promotions.
    """
    days = settings.SEARCH_TERMS_RETENTION_DAYS
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    zero, _ = ZeroResultQuery.objects.filter(last_searched__lt=cutoff).delete()
    hits, _ = QueryDailyHits.objects.filter(date__lt=cutoff.date()).delete()
    queries, _ = Query.objects.filter(daily_hits__isnull=True, editors_picks__isnull=True).delete()
    return {
        "searches with no results": zero,
        "daily search counts": hits,
        "search strings": queries,
    }
