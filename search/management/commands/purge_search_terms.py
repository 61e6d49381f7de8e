"""Forget what readers searched for once it is older than SEARCH_TERMS_RETENTION_DAYS.

Run it daily from the scheduler (see the README's Privacy section).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from search.models import purge_search_terms


class Command(BaseCommand):
    help = "Delete stored search strings older than SEARCH_TERMS_RETENTION_DAYS (default 90)."

    def handle(self, **options):
        removed = purge_search_terms()
        days = settings.SEARCH_TERMS_RETENTION_DAYS
        summary = ", ".join(f"{count} {what}" for what, count in removed.items())
        self.stdout.write(f"Purged searches older than {days} days: {summary}.")
