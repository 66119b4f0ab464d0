"""manage.py drain_outbox: publish the tasks kept while the broker was down."""

from django.core.management.base import BaseCommand, CommandError

from lms.outbox import outbox_drain


class Command(BaseCommand):
    help = (
        "Publish the Celery tasks waiting in the outbox (kept while the broker "
        "was unreachable). Beat runs the same every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Publish at most this many."
        )

    def handle(self, *args, **options):
        published, waiting = outbox_drain(limit=options["limit"])
        self.stdout.write(f"published {published}, still waiting {waiting}")
        if waiting and not published:
            # A non-zero exit, so a script or a monitor sees the broker is down.
            raise CommandError(f"the broker refused; {waiting} tasks still waiting")
