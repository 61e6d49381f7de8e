"""python manage.py import_wordpress FILE.xml [--uploads DIR] [--dry-run] [--report FILE]"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.management.commands.import_articles import ProgressBar
from wordpress.importer import run_import
from wordpress.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools › Export › All content): posts become articles, "
        "pages content pages, media images and documents, old addresses redirects. "
        "Safe to run again: unchanged items are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WordPress export (.xml).")
        parser.add_argument(
            "--uploads", help="A local copy of the site's wp-content/uploads folder."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument("--report", help="Also write the summary to this file as JSON.")

    def handle(self, *args, file, uploads, dry_run, report, **options):
        export = Path(file)
        if not export.is_file():
            raise CommandError(f"Cannot read {file}: no such file")
        if uploads and not Path(uploads).is_dir():
            raise CommandError(f"--uploads {uploads} is not a folder")
        progress = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
        try:
            result = run_import(
                lambda: export.open("rb"), uploads=uploads, dry_run=dry_run, progress=progress
            )
        except ExportError as error:
            raise CommandError(f"{file}: {error}") from error
        for line in result.lines():
            self.stdout.write(line)
        if report:
            Path(report).write_text(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        if not result.ok:
            raise CommandError(
                f"{len(result.failed)} item(s) could not be imported; the others were"
                + (" checked." if dry_run else " imported.")
            )
