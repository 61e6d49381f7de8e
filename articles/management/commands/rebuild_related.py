"""``python manage.py rebuild_related``: recompute every article's related posts."""

import time

from django.core.management.base import BaseCommand

from articles.related import store

STEPS = {"reading": "Reading articles", "ranking": "Ranking"}


class Command(BaseCommand):
    help = (
        "Recompute every article's related posts from scratch (publishing already keeps "
        "them up to date; run this after changing the engine's weights or an import)."
    )

    def handle(self, *args, verbosity=1, **options):
        tty = self.stdout.isatty() and verbosity > 0
        started = time.monotonic()
        count = store.rebuild(progress=self._bar if tty else None)
        if tty:
            self.stdout.write("")
        if verbosity > 0:
            seconds = time.monotonic() - started
            self.stdout.write(f"Related posts rebuilt for {count} articles in {seconds:.1f} s.")

    def _bar(self, step, done, total):
        width = 30
        filled = width * done // max(total, 1)
        line = f"\r{STEPS[step]:<17} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stdout.write(line, ending="")
        self.stdout.flush()
