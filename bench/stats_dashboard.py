#!/usr/bin/env python
"""Time the statistics dashboard and the annual Excel report at size L (issue 12:
dashboard under 1 s, the full-province annual Excel under 10 s on PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_stats \\
        .venv/bin/python bench/stats_dashboard.py --size L

Against the database DATABASE_URL names it migrates, loads the demo (seed_demo,
once: its units, accounts and courses), makes the benchmark data of the size
asked for (`generate_bench_data`, in a child process, so this process's memory
is the dashboard's; reused when that size is already there, remade when another
size is), runs ANALYZE, then times, median of --runs runs each:

- stats.selectors.dashboard.report_figures for the whole province as the demo
  administrator, the last full calendar year, "as the units were then" and
  "mapped to today's units";
- the same for one commune (Vạn Tường, whose six former communes passed into it
  in 2025) as the demo unit manager;
- the full-province annual report in Excel (its figures, then
  stats.services.exports.report_workbook), over the annual report template's
  period if there is one, else the calendar year;

with each one's peak of Python memory (tracemalloc, a separate run) and the
process's peak resident memory at the end. The slowest SQL queries of the
province's figures are listed; with --explain, or when a target is missed, the
slowest is run again under EXPLAIN (ANALYZE, BUFFERS). The data is kept (make
it once, time it often); `generate_bench_data --delete` removes it.
"""

import argparse
import datetime as dt
import inspect
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from people.models import AdminUnit, User  # noqa: E402
from stats.bench_data import SIZES, bench_data_present, size_present  # noqa: E402
from stats.selectors.dashboard import report_figures  # noqa: E402
from stats.selectors.scope import (  # noqa: E402
    StatsFilter,
    UnitMapping,
    figures_scope,
)

DASHBOARD_TARGET = 1.0
EXCEL_TARGET = 10.0
COMMUNE = "N-VANTUONG"


def log(message: str) -> None:
    print(f"[stats bench] {message}", flush=True)


def prepare(size: str) -> None:
    call_command("migrate", "--no-input", verbosity=0)
    if not User.objects.filter(username="admin").exists():
        log("loading the demo (seed_demo, once)...")
        call_command("seed_demo", verbosity=0)
    present = size_present()
    if present == size:
        counts = bench_data_present()
        log(
            f"reusing the size {size} data already here ({counts['learners']:,} learners)"
        )
        return
    manage = [sys.executable, str(BASE_DIR / "manage.py"), "generate_bench_data"]
    if any(bench_data_present().values()):
        log(f"deleting the size {present or '?'} data to make size {size}...")
        subprocess.run([*manage, "--delete"], check=True)
    log(f"making the size {size} data (a child process)...")
    started = time.perf_counter()
    subprocess.run([*manage, "--size", size], check=True)
    log(f"made in {time.perf_counter() - started:.0f} s")


def analyze() -> None:
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log(f"ANALYZE: {time.perf_counter() - started:.1f} s")


def measure(work: Callable[[], Any], runs: int) -> dict[str, Any]:
    """Wall times of `runs` runs, the first one counted (no warm-up: a user's
    first click is one), then one more run under tracemalloc for memory."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    work()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "times": times,
        "median": statistics.median(times),
        "peak_mb": peak / 2**20,
        "result": result,
    }


def slowest_queries(work: Callable[[], Any], top: int = 5) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as queries:
        work()
    timed = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
    log(f"{len(queries.captured_queries)} queries; the slowest:")
    for query in timed[:top]:
        log(f"  {float(query['time']):7.3f} s  {query['sql'][:160]}...")
    return timed


def breakdown(scope: Any) -> None:
    """One report_figures call with each selector it uses timed on its own (the
    functions stats.selectors.dashboard imports, wrapped for the call), slowest
    first: where the dashboard's time goes."""
    from stats.selectors import dashboard

    parts = {
        name: part
        for name, part in vars(dashboard).items()
        if inspect.isfunction(part)
        and part.__module__.startswith("stats.selectors.")
        and part.__module__ != dashboard.__name__
    }
    times: dict[str, list[float]] = {name: [0.0, 0] for name in parts}

    def timed(name: str, part: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                result = part(*args, **kwargs)
                times[name][0] += time.perf_counter() - started
            times[name][1] += len(queries.captured_queries)
            return result

        return wrapper

    for name, part in parts.items():
        setattr(dashboard, name, timed(name, part))
    try:
        started = time.perf_counter()
        dashboard.report_figures(scope)
        whole = time.perf_counter() - started
    finally:
        for name, part in parts.items():
            setattr(dashboard, name, part)
    log(f"report_figures part by part ({whole:.2f} s in all):")
    for name, (elapsed, count) in sorted(times.items(), key=lambda t: -t[1][0]):
        log(f"  {elapsed:7.3f} s  {name} ({count:.0f} queries)")


def explain(sql: str) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    log("EXPLAIN ANALYZE of the slowest query:\n" + plan)


def excel_export() -> tuple[Callable[..., bytes] | None, str]:
    try:
        from stats.services.exports import report_workbook
    except ImportError as error:
        return None, f"not measured: stats.services.exports.report_workbook ({error})"
    return report_workbook, ""


def annual_period(year: int) -> tuple[dt.date, dt.date, dt.date | None, str]:
    """The annual report template's period of `year`, else the calendar year."""
    from stats.models import ReportTemplate

    for template in ReportTemplate.objects.all():
        annual = "nam" in template.slug and "6" not in template.slug
        if annual and template.applies_to(year):
            p = template.period(year)
            return p.start, p.end, p.cutoff, template.name
    return dt.date(year, 1, 1), dt.date(year, 12, 31), None, f"Báo cáo năm {year}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="L")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=dt.date.today().year - 1)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()

    log(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    log(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    prepare(args.size)
    analyze()
    admin = User.objects.get(username="admin")
    manager = User.objects.get(username="manager")
    commune = AdminUnit.objects.get(code=COMMUNE)
    year = args.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def dashboard(user: User, mapping: UnitMapping, units=()) -> Callable[[], Any]:
        def work() -> Any:
            scope = figures_scope(
                user=user,
                stats_filter=StatsFilter(
                    start=start, end=end, units=units, mapping=mapping
                ),
            )
            return report_figures(scope)

        return work

    rows = []
    cases = [
        ("province, as then (administrator)", admin, UnitMapping.AS_THEN, ()),
        ("province, mapped to today (administrator)", admin, UnitMapping.TODAY, ()),
        (
            f"commune {commune.name}, as then (unit manager)",
            manager,
            UnitMapping.AS_THEN,
            (commune.pk,),
        ),
        (
            f"commune {commune.name}, mapped to today (unit manager)",
            manager,
            UnitMapping.TODAY,
            (commune.pk,),
        ),
    ]
    for label, user, mapping, units in cases:
        m = measure(dashboard(user, mapping, units), args.runs)
        training = m["result"]["training"]
        log(
            f"report_figures {year}, {label}: median {m['median']:.3f} s "
            f"({', '.join(f'{t:.3f}' for t in m['times'])}), Python peak "
            f"{m['peak_mb']:.1f} MB; {training['classes']:,} classes, "
            f"{training['turns']:,} turns, {training['people']:,} people, "
            f"{len(m['result']['by_class']):,} class rows"
        )
        rows.append((f"dashboard: {label}", m, DASHBOARD_TARGET))

    workbook, note = excel_export()
    if workbook is None:
        log(f"Excel export {note}")
    else:
        a_start, a_end, cutoff, title = annual_period(year)

        def export() -> bytes:
            scope = figures_scope(
                user=admin,
                stats_filter=StatsFilter(
                    start=a_start, end=a_end, cutoff=cutoff, mapping=UnitMapping.TODAY
                ),
            )
            figures = report_figures(scope)
            return workbook(
                figures,
                title=title,
                unit_name="",
                period=(a_start, a_end),
                cutoff=cutoff,
            )

        m = measure(export, args.runs)
        log(
            f"annual Excel ({title} {a_start:%d/%m/%Y}-{a_end:%d/%m/%Y}, whole "
            f"province, mapped to today): median {m['median']:.3f} s "
            f"({', '.join(f'{t:.3f}' for t in m['times'])}), Python peak "
            f"{m['peak_mb']:.1f} MB, {len(m['result']):,} bytes"
        )
        rows.append(("annual Excel: whole province", m, EXCEL_TARGET))

    missed = [label for label, m, target in rows if m["median"] >= target]
    breakdown(
        figures_scope(
            user=admin,
            stats_filter=StatsFilter(start=start, end=end, mapping=UnitMapping.TODAY),
        )
    )
    queries = slowest_queries(dashboard(admin, UnitMapping.TODAY))
    if (missed or args.explain) and queries:
        explain(queries[0]["sql"])
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log(f"peak resident memory of this process: {maxrss:.0f} MB")
    log(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("| measured | median | runs | Python peak | target |")
    print("|---|---:|---|---:|---:|")
    for label, m, target in rows:
        times = ", ".join(f"{t:.2f}" for t in m["times"])
        mark = "" if m["median"] < target else " (missed)"
        print(
            f"| {label} | {m['median']:.2f} s{mark} | {times} | "
            f"{m['peak_mb']:.0f} MB | < {target:g} s |"
        )
    if missed:
        log("MISSED: " + "; ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
