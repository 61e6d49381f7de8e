"""``manage.py backup_site DIR``: the database and media, in a new directory under DIR."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, back_up


class Command(BaseCommand):
    help = "Back up the database and the media files into a new directory under DIR."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Directory to write the backup into.")

    def handle(self, *args, destination, **options):
        try:
            target = back_up(destination)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
