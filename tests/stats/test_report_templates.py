"""The report templates seeded as data (stats/migrations/0002_report_templates.py):
the province's 6-month and annual reports, their recipients before and after
2025, and periods that follow one another without gap or overlap."""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps

from stats.models import ReportPeriod, ReportTemplate

pytestmark = pytest.mark.django_db

LABOUR = "Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
HOME_AFFAIRS = "Sở Nội vụ tỉnh Quảng Ngãi"
SIX_MONTHS, ANNUAL = "bao-cao-6-thang", "bao-cao-nam"
YEARS = range(2022, 2032)

seed = importlib.import_module("stats.migrations.0002_report_templates")


def template(slug, year):
    """The row of a report that applies to `year` (exactly one must)."""
    rows = [t for t in ReportTemplate.objects.filter(slug=slug) if t.applies_to(year)]
    assert len(rows) == 1, (slug, year, rows)
    return rows[0]


def period(slug, year):
    return template(slug, year).period(year)


def test_two_reports_each_with_two_recipients_are_seeded():
    rows = ReportTemplate.objects.order_by("slug", "first_year").values_list(
        "slug", "name", "recipient", "first_year", "last_year"
    )
    assert list(rows) == [
        (SIX_MONTHS, "Báo cáo 6 tháng", LABOUR, 2022, 2024),
        (SIX_MONTHS, "Báo cáo 6 tháng", HOME_AFFAIRS, 2025, None),
        (ANNUAL, "Báo cáo năm", LABOUR, 2022, 2024),
        (ANNUAL, "Báo cáo năm", HOME_AFFAIRS, 2025, None),
    ]


@pytest.mark.parametrize(
    ("year", "recipient"),
    [(2022, LABOUR), (2024, LABOUR), (2025, HOME_AFFAIRS), (2031, HOME_AFFAIRS)],
)
def test_the_recipient_is_the_body_of_the_year(year, recipient):
    assert template(SIX_MONTHS, year).recipient == recipient
    assert template(ANNUAL, year).recipient == recipient


def test_no_template_applies_before_2022():
    assert not any(t.applies_to(2021) for t in ReportTemplate.objects.all())


def test_applies_to_is_bounded_by_the_first_and_last_year():
    labour = ReportTemplate.objects.get(slug=ANNUAL, first_year=2022)
    assert [labour.applies_to(y) for y in (2021, 2022, 2024, 2025)] == [
        False,
        True,
        True,
        False,
    ]
    home_affairs = ReportTemplate.objects.get(slug=ANNUAL, first_year=2025)
    assert not home_affairs.applies_to(2024)
    assert home_affairs.applies_to(2025)
    assert home_affairs.applies_to(2100)  # in use until someone closes it


def test_the_6_month_report_of_2026():
    assert period(SIX_MONTHS, 2026) == ReportPeriod(
        start=dt.date(2025, 11, 15),
        end=dt.date(2026, 5, 14),
        cutoff=dt.date(2026, 5, 14),
        due=dt.date(2026, 5, 31),
    )


def test_the_annual_report_of_2022_as_the_plan_asks():
    # The plan: annual report "trước ngày 30/11/2022", to Sở LĐTBXH.
    assert period(ANNUAL, 2022) == ReportPeriod(
        start=dt.date(2021, 11, 15),
        end=dt.date(2022, 11, 14),
        cutoff=dt.date(2022, 11, 14),
        due=dt.date(2022, 11, 30),
    )
    assert template(ANNUAL, 2022).recipient == LABOUR


def test_annual_periods_follow_one_another_without_gap_or_overlap():
    # Across the change of recipient in 2025 too: each row holds the same dates.
    for year in YEARS[:-1]:
        this, following = period(ANNUAL, year), period(ANNUAL, year + 1)
        assert following.start - this.end == dt.timedelta(days=1), year


def test_6_month_periods_never_overlap_and_open_each_annual_period():
    for year in YEARS:
        half, annual = period(SIX_MONTHS, year), period(ANNUAL, year)
        # The first part of the year's annual period: the same first day, and
        # nothing of another year.
        assert half.start == annual.start
        assert half.end < annual.end
        if year + 1 in YEARS:
            assert period(SIX_MONTHS, year + 1).start > half.end


@pytest.mark.parametrize("slug", [SIX_MONTHS, ANNUAL])
def test_the_data_close_before_the_report_is_due(slug):
    for year in YEARS:
        dates = period(slug, year)
        assert dates.start < dates.end == dates.cutoff < dates.due
        # Two weeks or more to compile the report.
        assert (dates.due - dates.cutoff).days >= 14


def test_due_dates_are_those_of_the_plan():
    six_months = {period(SIX_MONTHS, year).due for year in YEARS}
    annual = {period(ANNUAL, year).due for year in YEARS}
    assert {(day.month, day.day) for day in six_months} == {(5, 31)}
    assert {(day.month, day.day) for day in annual} == {(11, 30)}


def test_seeding_again_changes_nothing():
    before = list(ReportTemplate.objects.order_by("pk").values())
    seed.seed_report_templates(django_apps, None)
    assert list(ReportTemplate.objects.order_by("pk").values()) == before


def test_seeding_restores_a_seeded_row_by_slug_and_first_year():
    ReportTemplate.objects.filter(slug=ANNUAL, first_year=2025).delete()
    seed.seed_report_templates(django_apps, None)
    assert ReportTemplate.objects.filter(slug=ANNUAL).count() == 2
    assert template(ANNUAL, 2025).recipient == HOME_AFFAIRS


def test_a_day_past_the_end_of_the_month_reads_as_its_last_day(db):
    end_of_february = ReportTemplate(
        name="Báo cáo quý I",
        slug="quy-1",
        recipient="Sở Nội vụ",
        period_start_month=1,
        period_start_day=1,
        period_end_month=2,
        period_end_day=31,
        cutoff_month=2,
        cutoff_day=30,
        due_month=3,
        due_day=15,
        first_year=2024,
    )
    assert end_of_february.period(2024).end == dt.date(2024, 2, 29)  # leap year
    assert end_of_february.period(2026).cutoff == dt.date(2026, 2, 28)
    assert str(end_of_february) == "Báo cáo quý I"
