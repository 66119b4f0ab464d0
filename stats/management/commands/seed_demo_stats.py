"""Demo statistics: the register of target populations (how many Committee
members, gender-equality officers and teachers the demo's communes have in
2026, and the 2022 districts had in 2022: invented sizes, so the dashboard's
"share trained at least once" has something to divide by), and the demo unit
manager's 6-month reports of 2026: Vạn Tường's approved by the administrator,
Bình Sơn's waiting for review — submitted through the services, figures frozen.

Idempotent: one row per unit, group and year (updated in place); a report
already submitted is left as it is.
"""

from django.core.management.base import BaseCommand

from people.models import AdminUnit, TargetGroup, User
from stats.models import ReportSubmission, ReportTemplate, TargetPopulation
from stats.services.submissions import report_approve, report_submit

# unit code, year, {target group code: number of people}
POPULATIONS = [
    ("N-BINHSON", 2026, {"ban-vstbpn": 15, "can-bo-bdg": 6, "giao-vien": 120}),
    ("N-VANTUONG", 2026, {"ban-vstbpn": 13, "can-bo-bdg": 5, "giao-vien": 85}),
    ("N-TINHKHE", 2026, {"ban-vstbpn": 14, "can-bo-bdg": 5, "giao-vien": 96}),
    ("N-LYSON", 2026, {"ban-vstbpn": 11, "can-bo-bdg": 4, "giao-vien": 64}),
    ("N-QNG", 2026, {"ban-vstbpn": 420, "can-bo-bdg": 190, "giao-vien": 21000}),
    ("524", 2022, {"ban-vstbpn": 60, "can-bo-bdg": 22}),
    ("533", 2022, {"ban-vstbpn": 48, "can-bo-bdg": 18}),
]


class Command(BaseCommand):
    help = "Load the demo register of target populations (idempotent)."

    def handle(self, *args, **options):
        units = AdminUnit.objects.in_bulk(
            [code for code, _year, _sizes in POPULATIONS],
            field_name="code",
        )
        groups = TargetGroup.objects.in_bulk(field_name="code")
        saved = 0
        for code, year, sizes in POPULATIONS:
            if code not in units:
                continue  # the demo units were not loaded
            for group_code, size in sizes.items():
                TargetPopulation.objects.update_or_create(
                    unit=units[code],
                    target_group=groups[group_code],
                    year=year,
                    defaults={"size": size},
                )
                saved += 1
        reports = self.submit_reports(units)
        if options["verbosity"]:
            self.stdout.write(
                f"Statistics: {saved} target-population rows, "
                f"{reports} reports submitted."
            )

    def submit_reports(self, units):
        """The demo manager's 6-month reports of 2026 (their units, demo only)."""
        manager = User.objects.filter(username="manager").first()
        administrator = User.objects.filter(username="admin").first()
        template = (
            ReportTemplate.objects.filter(slug="bao-cao-6-thang", first_year__lte=2026)
            .order_by("-first_year")
            .first()
        )
        if not (manager and administrator and template):
            return 0
        made = 0
        for code, approve in (("N-VANTUONG", True), ("N-BINHSON", False)):
            unit = units.get(code)
            if (
                unit is None
                or ReportSubmission.objects.filter(
                    template=template, year=2026, unit=unit
                ).exists()
            ):
                continue
            submission = report_submit(
                template=template, year=2026, unit=unit, by=manager
            )
            if approve:
                report_approve(submission=submission, by=administrator)
            made += 1
        return made
