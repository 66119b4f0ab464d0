"""The demo statistics: the register and two submitted reports, idempotent."""

from django.core.management import call_command

from stats.models import ReportSubmission, TargetPopulation


def test_demo_register_and_reports_load_twice_the_same(db):
    call_command("seed_demo_people", verbosity=0)
    call_command("seed_demo_stats", verbosity=0)
    call_command("seed_demo_stats", verbosity=0)
    assert TargetPopulation.objects.count() == 19
    reports = {s.unit.code: s for s in ReportSubmission.objects.select_related("unit")}
    assert set(reports) == {"N-VANTUONG", "N-BINHSON"}
    assert reports["N-VANTUONG"].status == ReportSubmission.Status.APPROVED
    assert reports["N-BINHSON"].status == ReportSubmission.Status.SUBMITTED
    frozen = reports["N-BINHSON"].figures
    assert frozen["period"]["start"] == "2025-11-15"
    assert "turns" in frozen["training"]
