"""Import a GIFT, Moodle XML or Excel question file into the bank (or export the bank).

    manage.py import_questions FILE [--format gift|moodlexml|xlsx] [--category NAME] [--dry-run]
    manage.py import_questions --export FILE --format gift|moodlexml [--category NAME]

The file is checked in full first; if anything is wrong every error is printed
with its line (row, for Excel) and nothing is saved.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

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
        try:
            size = path.stat().st_size
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        too_large = file_too_large_error(size)
        if too_large:
            raise CommandError(too_large.message)
        result = parse_file(path.read_bytes(), format)
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
        data = export_questions(format=format, category=category)
        Path(options["export"]).write_bytes(data)
        self.stdout.write(f"Wrote {options['export']}.")
