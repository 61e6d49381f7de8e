"""``membership_codes create --uses N --days D [--membership-days M] [--note ...]``.

Prints the new code as the last word of its output, so a script can take it with
``| awk '{print $NF}'``.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from membership.models import AccessCode


def positive(text):
    number = int(text)
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = "Create an access code that makes whoever enters it at /my/membership/ a member."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Create a new code and print it.")
        create.add_argument("--uses", type=positive, default=1, help="How many people may use it.")
        create.add_argument(
            "--days", type=positive, help="The code stops working after this many days."
        )
        create.add_argument(
            "--membership-days",
            type=positive,
            help="How long the membership it gives lasts (default: no end).",
        )
        create.add_argument("--note", default="", help="For editors, e.g. the partner agency.")

    def handle(self, *args, action, **options):
        if action != "create":
            raise CommandError(f"Unknown action {action!r}.")
        days = options["days"]
        code = AccessCode.objects.create(
            max_uses=options["uses"],
            expires=timezone.now() + timedelta(days=days) if days else None,
            membership_days=options["membership_days"],
            note=options["note"][:200],
        )
        expiry = f"until {code.expires:%Y-%m-%d %H:%M %Z}" if code.expires else "with no expiry"
        self.stdout.write(f"Access code for {code.max_uses} use(s), {expiry}: {code.code}")
