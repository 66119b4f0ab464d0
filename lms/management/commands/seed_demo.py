"""Load every app's demo content, in layer order. Idempotent; development only."""

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

# Each app adds its own `seed_demo_<area>` command; they run in this order.
DEMO_AREAS = [
    "people",
    "content_pages",
    "library",
    "assessments",
    "courses",
    "training",
    "certificates",
    "stats",
]


class Command(BaseCommand):
    help = "Load the demo units, organisations, accounts and content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a real installation).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password: DEBUG only."
            )
        available = get_commands()
        for area in DEMO_AREAS:
            name = f"seed_demo_{area}"
            if name in available:
                call_command(name, verbosity=options["verbosity"])
