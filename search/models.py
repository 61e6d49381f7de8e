"""What readers searched for and did not find, so editors can write or pin an answer."""

from django.db import models
from django.utils import timezone
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
