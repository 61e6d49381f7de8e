"""``manage.py restore_site BACKUP``: a backup into the configured (empty) database and media."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into the database DATABASE_URL names and into "
        "MEDIA_ROOT. The database must be empty unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A backup directory written by backup_site.")
        parser.add_argument(
            "--replace", action="store_true", help="Overwrite a database that is not empty."
        )

    def handle(self, *args, source, replace, **options):
        try:
            manifest = restore(source, replace=replace)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the backup of {manifest['created']} from {source}")
        )
