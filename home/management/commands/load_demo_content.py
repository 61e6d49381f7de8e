"""Build the demo site. Idempotent: a second run changes nothing."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo content (home page, articles, topics, course). Safe to run again."

    def handle(self, *args, **options):
        with transaction.atomic():
            for app in apps.get_app_configs():
                try:
                    module = import_module(f"{app.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app.name}.demo":
                        raise
                    continue
                module.load_demo(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
