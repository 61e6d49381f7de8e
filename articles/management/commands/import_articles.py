"""python manage.py import_articles FILE|- [--dry-run]: JSON Lines in, a report out."""

import sys

from django.core.management.base import BaseCommand, CommandError

from articles.importer import import_records


class ProgressBar:
    """A one-line bar on a terminal; silent when the output is piped."""

    def __init__(self, stream, width=30):
        self.stream, self.width = stream, width

    def __call__(self, done, total):
        filled = int(self.width * done / total) if total else self.width
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = "Import articles from a JSON Lines file (or - for standard input), keyed by slug."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .jsonl file, or - to read standard input.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every record without writing anything."
        )

    def handle(self, *args, file, dry_run, **options):
        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() and not dry_run else None
        # Read as bytes: the importer decodes each line, so one line that is not UTF-8 is
        # reported by its number and the others still import.
        if file == "-":
            source = getattr(sys.stdin, "buffer", sys.stdin)
            result = import_records(source, dry_run=dry_run, progress=progress)
        else:
            try:
                with open(file, "rb") as handle:
                    result = import_records(handle, dry_run=dry_run, progress=progress)
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        for number, reason in result.errors:
            self.stderr.write(f"line {number}: {reason}")
        self.stdout.write(result.summary())
        if result.errors:
            done = "were checked" if dry_run else "were imported"
            raise CommandError(f"{result.failed} record(s) failed; the others {done}.")
