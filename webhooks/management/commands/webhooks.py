"""``manage.py webhooks add URL --secret S --events a,b`` | ``list`` | ``remove ID_OR_URL``.

The same endpoints as Settings › Webhooks, checked by the same rules (the model's
validators), so a script cannot register what the admin would refuse.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from webhooks.models import EVENTS, WebhookEndpoint


class Command(BaseCommand):
    help = "Add, list or remove webhook endpoints."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Register an endpoint.")
        add.add_argument("url")
        add.add_argument("--secret", required=True, help="At least 16 characters.")
        add.add_argument(
            "--events",
            default=",".join(EVENTS),
            help=f"Comma-separated, from: {', '.join(EVENTS)} (default: all).",
        )
        add.add_argument("--inactive", action="store_true", help="Register it switched off.")
        actions.add_parser("list", help="Show every endpoint.")
        remove = actions.add_parser("remove", help="Remove an endpoint by id or URL.")
        remove.add_argument("endpoint")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _add(self, url, secret, events, inactive, **options):
        if len(secret) < 16:
            raise CommandError("--secret: use at least 16 characters")
        endpoint = WebhookEndpoint(
            url=url,
            secret=secret,
            events=[event.strip() for event in events.split(",") if event.strip()],
            active=not inactive,
        )
        try:
            endpoint.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from error
        endpoint.save()
        self.stdout.write(f"Added webhook {endpoint.pk}: {endpoint.url} ({endpoint.events_text()})")

    def _list(self, **options):
        endpoints = WebhookEndpoint.objects.all()
        if not endpoints:
            self.stdout.write("No webhooks.")
        for endpoint in endpoints:
            state = "active" if endpoint.active else "inactive"
            self.stdout.write(f"{endpoint.pk}\t{endpoint.url}\t{endpoint.events_text()}\t{state}")

    def _remove(self, endpoint, **options):
        found = WebhookEndpoint.objects.filter(url=endpoint)
        if endpoint.isdigit():
            found = found | WebhookEndpoint.objects.filter(pk=int(endpoint))
        removed = list(found)
        if not removed:
            raise CommandError(f"No webhook with id or URL {endpoint!r}")
        for item in removed:
            item.delete()
            self.stdout.write(f"Removed webhook {item.url}")
