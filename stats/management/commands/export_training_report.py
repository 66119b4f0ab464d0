"""Write a training report to an Excel file, as the admin's "Export a report" does.

    python manage.py export_training_report --template bao-cao-nam --year 2026 \\
        --unit S51N --out bao-cao-nam-2026.xlsx

An operator's command: it counts the whole province (or the unit given and the
units below it) for no one in particular, so no user's scope applies. The
template is its short name (slug); the row of it that applies to the year
gives the period, the cut-off and the recipient. Logged to lms.audit.
"""

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from people.models import AdminUnit
from stats.models import ReportTemplate
from stats.selectors.dashboard import report_figures
from stats.selectors.scope import StatsFilter, UnitMapping, province_scope
from stats.services.exports import report_workbook

audit_log = logging.getLogger("lms.audit")


class Command(BaseCommand):
    help = "Write a report template's training figures for a year to an .xlsx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--template",
            required=True,
            help="The report's short name (slug), e.g. bao-cao-nam or bao-cao-6-thang.",
        )
        parser.add_argument("--year", required=True, type=int, help="e.g. 2026")
        parser.add_argument(
            "--unit",
            default="",
            help="The unit's official code (default: the whole province).",
        )
        parser.add_argument(
            "--mapping",
            choices=[m.value for m in UnitMapping],
            default=UnitMapping.AS_THEN.value,
            help="Count former units as they were then, or mapped to today's units.",
        )
        parser.add_argument("--out", required=True, help="The .xlsx file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        out = self._output_path(options["out"])
        template = self._template(options["template"], options["year"])
        year: int = options["year"]
        unit = self._unit(options["unit"])
        period = template.period(year)
        scope = province_scope(
            stats_filter=StatsFilter(
                start=period.start,
                end=period.end,
                cutoff=period.cutoff,
                units=(unit.pk,) if unit else (),
                mapping=UnitMapping(options["mapping"]),
            )
        )
        figures = report_figures(scope)
        content = report_workbook(
            figures,
            title=f"{template.name} {year}",
            unit_name=unit.name if unit else "",
            period=(period.start, period.end),
            cutoff=period.cutoff,
            recipient=template.recipient,
        )
        self._write(out, content)
        audit_log.info(
            "statistics export: command template=%s year=%s unit=%s out=%s",
            template.slug,
            year,
            unit.code if unit else "",
            out,
        )
        self.stdout.write(
            f"{template.name} {year} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}, "
            f"cut-off {period.cutoff:%d/%m/%Y}): {figures['training']['turns']} "
            f"participant-turns, written to {out}"
        )

    def _output_path(self, value: str) -> Path:
        """Checked before anything is counted, so a typo costs no wait."""
        out = Path(value)
        if out.suffix.lower() != ".xlsx":
            raise CommandError(f"--out must name an .xlsx file, not {value!r}.")
        if out.is_dir():
            raise CommandError(f"--out {value!r} is a directory; name a file in it.")
        folder = out.parent
        if not folder.is_dir():
            raise CommandError(f"The folder {str(folder)!r} does not exist.")
        if not os.access(folder, os.W_OK):
            raise CommandError(f"The folder {str(folder)!r} cannot be written to.")
        return out

    def _write(self, out: Path, content: bytes) -> None:
        """Through a temporary file in the same folder, so a failed write never
        leaves half a workbook under the name asked for."""
        try:
            handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
                dir=out.parent, prefix=f".{out.name}.", suffix=".part", delete=False
            )
        except OSError as error:
            raise CommandError(f"Could not write {out}: {error.strerror}.") from error
        partial = Path(handle.name)
        try:
            with handle:
                handle.write(content)
            partial.chmod(0o644)  # a report to share, not a private temporary file
            os.replace(partial, out)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Could not write {out}: {error.strerror}.") from error

    def _template(self, slug: str, year: int) -> ReportTemplate:
        rows = list(ReportTemplate.objects.filter(slug=slug).order_by("first_year"))
        if not rows:
            known = ", ".join(
                ReportTemplate.objects.order_by("slug")
                .values_list("slug", flat=True)
                .distinct()
            )
            raise CommandError(
                f"No report template named {slug!r}. Known: {known or 'none'}."
            )
        for template in rows:
            if template.applies_to(year):
                if template.period(year).start > timezone.localdate():
                    raise CommandError(
                        f"The {year} period of {slug!r} starts on "
                        f"{template.period(year).start:%d/%m/%Y}: nothing to report yet."
                    )
                return template
        spans = ", ".join(
            f"{t.first_year}–{t.last_year}" if t.last_year else f"from {t.first_year}"
            for t in rows
        )
        raise CommandError(f"{slug!r} does not apply to {year} (it applies: {spans}).")

    def _unit(self, code: str) -> AdminUnit | None:
        if not code:
            return None
        unit = AdminUnit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(f"No unit with the official code {code!r}.")
        return unit
