"""`manage.py backup [--output PATH]`: the database, media and private uploads in one file."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lms.backup import backup_create


class Command(BaseCommand):
    help = "Write one .tar.gz with the database, media and private uploads."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=settings.VAR_DIR / "backups",
            help="A folder (a dated file is written in it) or a file name.",
        )

    def handle(self, *args, output: Path, **options):
        try:
            archive = backup_create(destination=output)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written: {archive}"))
