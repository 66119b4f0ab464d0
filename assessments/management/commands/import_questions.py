"""Import a GIFT, Moodle XML or Excel question file into the bank (or export the bank).

    manage.py import_questions FILE [--format gift|moodlexml|xlsx] [--category NAME] [--dry-run]
    manage.py import_questions --export FILE --format gift|moodlexml [--category NAME]

The file is checked in full first; if anything is wrong every error is printed
with its line (row, for Excel) and nothing is saved.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessments.services.importing import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    export_questions,
    file_too_large_error,
    find_category,
    import_questions,
    parse_file,
)

EXTENSION_FORMATS = {
    ".gift": "gift",
    ".txt": "gift",
    ".xml": "moodlexml",
    ".xlsx": "xlsx",
}


def error_label(format: str, line: int | None) -> str:
    if line is None:
        return "file"
    return f"row {line}" if format == "xlsx" else f"line {line}"


class Command(BaseCommand):
    help = (
        "Import questions from a GIFT, Moodle XML or Excel file into the question bank."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="The file to import.")
        parser.add_argument(
            "--format",
            choices=sorted(IMPORT_FORMATS),
            help="The file's format; guessed from its extension when left out.",
        )
        parser.add_argument(
            "--category",
            help="Category path (A/B) the questions go under; questions without "
            "a category of their own go straight into it.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would be created, saving nothing.",
        )
        parser.add_argument(
            "--export",
            metavar="PATH",
            help="Write the bank (or --category and its subcategories) to PATH instead.",
        )

    def handle(self, *args, **options):
        if options["export"]:
            return self.export(options)
        if not options["path"]:
            raise CommandError("Give the file to import (or --export PATH).")
        path = Path(options["path"])
        format = options["format"] or EXTENSION_FORMATS.get(path.suffix.lower())
        if format is None:
            raise CommandError(
                f"Cannot tell the format of {path.name}; pass --format "
                f"({', '.join(sorted(IMPORT_FORMATS))})."
            )
        data = self.read(path)
        result = parse_file(data, format, default_category_path=options["category"])
        if result.errors:
            for error in result.errors:
                self.stderr.write(f"{error_label(format, error.line)}: {error.message}")
            raise CommandError(
                f"{len(result.errors)} error(s) in {path.name}; nothing was imported."
            )
        try:
            report = import_questions(
                result,
                default_category_path=options["category"],
                dry_run=options["dry_run"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.print_report(report)

    def read(self, path: Path) -> bytes:
        """The file's bytes, or a CommandError saying why they cannot be read."""
        if path.is_dir():
            raise CommandError(
                _("%(path)s is a folder, not a file; give the question file itself.")
                % {"path": path}
            )
        try:
            too_large = file_too_large_error(path.stat().st_size)
            if too_large:
                raise CommandError(too_large.message)
            return path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(path)s: %(reason)s.")
                % {"path": path, "reason": error.strerror}
            ) from error

    def print_report(self, report):
        verb = "Would create" if report.dry_run else "Created"
        self.stdout.write(f"{verb} {report.created} question(s).")
        for label, count in report.type_counts():
            self.stdout.write(f"  {label}: {count}")
        for path, count in report.category_counts():
            self.stdout.write(f"  in {path}: {count}")
        if report.dry_run:
            self.stdout.write("Dry run: nothing was saved.")

    def export(self, options):
        format = options["format"]
        if format not in EXPORT_FORMATS:
            raise CommandError(
                f"Pass --format {' or '.join(sorted(EXPORT_FORMATS))} to export."
            )
        category = None
        if options["category"]:
            category = find_category(options["category"])
            if category is None:
                raise CommandError(f"No category {options['category']!r}.")
        target = Path(options["export"])
        if target.is_dir():
            raise CommandError(
                _("%(path)s is a folder; give the name of the file to write.")
                % {"path": target}
            )
        data = export_questions(format=format, category=category)
        try:
            target.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s.")
                % {"path": target, "reason": error.strerror}
            ) from error
        self.stdout.write(f"Wrote {options['export']}.")
