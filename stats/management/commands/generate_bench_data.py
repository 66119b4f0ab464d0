"""`python manage.py generate_bench_data --size S|M|L`: the statistics'
benchmark data (stats.bench_data says what it makes). Run `seed_demo` first:
the data is spread over its units. A second run makes nothing and says so;
`--delete` removes the benchmark data (and only it)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stats.bench_data import (
    SIZES,
    BenchDataError,
    bench_data_present,
    delete_bench_data,
    generate_bench_data,
    size_present,
)


class Command(BaseCommand):
    help = (
        "Make the statistics benchmark data: L = 100,000 learners, 1,000 classes, "
        "1,000,000 attendance records, 2,000,000 lesson-progress rows, 500,000 "
        "quiz attempts; M about a tenth, S about a thousandth."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="S")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--delete",
            action="store_true",
            help="Delete the benchmark data (everything marked bench-stats-/BENCH-).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a real installation).",
        )

    def handle(self, *args, size, seed, delete, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "generate_bench_data fills the database with made-up people: "
                "DEBUG only (or --force on a benchmark database)."
            )
        log = self.stdout.write if options["verbosity"] > 1 else (lambda _m: None)
        if delete:
            started = time.perf_counter()
            deleted = delete_bench_data(log=log)
            self.stdout.write(
                f"Deleted the benchmark data ({deleted['learners']:,} accounts, "
                f"{deleted['classes']:,} classes, "
                f"{deleted['attendance records']:,} attendance records) in "
                f"{time.perf_counter() - started:.1f} s."
            )
            return
        present = bench_data_present()
        if any(present.values()):
            found = size_present()
            self.stdout.write(
                self.style.WARNING(
                    "Benchmark data is already here "
                    f"({'size ' + found if found else 'unknown size'}: "
                    f"{present['learners']:,} learners, {present['classes']:,} "
                    "classes); nothing was made. To make it again, run "
                    "`python manage.py generate_bench_data --delete` first."
                )
            )
            return
        self.stdout.write(f"Making the size {size} benchmark data (seed {seed})...")
        try:
            summary = generate_bench_data(size, seed=seed, log=self.stdout.write)
        except BenchDataError as error:
            raise CommandError(str(error)) from error
        if summary is None:  # made by someone else in the meantime
            self.stdout.write("Benchmark data appeared meanwhile; nothing was made.")
            return
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(f"Done in {summary.seconds['total']:.1f} s.")
        )
