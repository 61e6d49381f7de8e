"""python manage.py configure_site: point the default Site at WAGTAILADMIN_BASE_URL.

Run it once after deploying (and after changing the address): every ``html_url``, page
link and sitemap entry is built from the Site, so a Site left at ``localhost:80`` sends
readers and apps to an address where nothing answers.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from core.sites import configure_site


class Command(BaseCommand):
    help = "Set the default Site's host name and port from WAGTAILADMIN_BASE_URL."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="Use this address instead of the setting.")

    def handle(self, *args, base_url=None, **options):
        try:
            site = configure_site(base_url=base_url)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"The default Site answers at {site.root_url}")
