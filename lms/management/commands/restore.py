"""`manage.py restore ARCHIVE`: put back what `manage.py backup` wrote.

It replaces the whole database, media and private uploads: stop the web and the
workers first, and answer "yes" (or pass --no-input).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lms.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database, media and private uploads with a backup's."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive: Path, interactive: bool, **options):
        if not archive.is_file():
            raise CommandError(f"No such file: {archive}")
        if interactive:
            answer = input(
                f"This replaces the database {connection.settings_dict['NAME']!s}, "
                "media and private uploads with the backup's. Type 'yes' to go on: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = backup_restore(archive_path=archive)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest.created_at} "
                f"({manifest.files} files)."
            )
        )
