"""``python manage.py rebuild_related``: recompute every article's related posts."""

import time

from django.core.management.base import BaseCommand, CommandError

from articles.related import store

STEPS = {"reading": "Reading articles", "ranking": "Ranking"}


class Command(BaseCommand):
    help = (
        "Recompute every article's related posts from scratch (publishing already keeps "
        "them up to date; run this after changing the engine's weights or an import)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes that rank lists (default: one per CPU core).",
        )

    def handle(self, *args, verbosity=1, workers=None, **options):
        if workers is not None and workers < 1:
            raise CommandError("--workers must be 1 or more")
        tty = self.stdout.isatty() and verbosity > 0
        started = time.monotonic()
        count = store.rebuild(progress=self._bar if tty else None, workers=workers)
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
