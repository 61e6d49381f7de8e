"""Enqueue the scheduled jobs that are due, once (for a timer or cron where no
``run_worker`` runs the schedule; with the immediate backend they run right here)."""

from django.core.management.base import BaseCommand

from jobs.schedule import run_due


class Command(BaseCommand):
    help = "Enqueue (or, with the immediate backend, run) the scheduled jobs that are due."

    def handle(self, **options):
        started = run_due()
        self.stdout.write(f"Started: {', '.join(started) if started else 'nothing due'}.")
