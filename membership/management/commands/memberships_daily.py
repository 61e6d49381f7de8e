"""Run once a day (cron, a scheduler): end lapsed memberships in bulk and send reminders.

Signed-in readers lose access at midnight without it (``membership.middleware``); this
catches everyone else (API token clients, people who never come back) and starts grants
whose start date has come.
"""

from django.core.management.base import BaseCommand

from membership.reminders import send_reminders
from membership.services import sync_everyone


class Command(BaseCommand):
    help = "Sync the Members group with today's memberships and email members whose end is near."

    def handle(self, *args, **options):
        added, removed = sync_everyone()
        reminded = send_reminders()
        self.stdout.write(
            f"Memberships: {added} started, {removed} ended, {reminded} reminder(s) sent."
        )
