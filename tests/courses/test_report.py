"""The learners' progress report and its export: scoped, filtered, safe to open."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from courses.reports import enrolments_visible_to
from lms.spreadsheets import spreadsheet_safe_text
from people.models import PersonalDataExport, User
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories import UserFactory
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db

REPORT = reverse("course_progress:index")


@pytest.fixture
def rows(learner, district_a, commune_b, trainer_course, other_course):
    """Enrolments in district A (learner, a2) and district B (b), in two courses."""
    a2 = UserFactory(
        username="hv.binhson",
        full_name="Phạm Thị Bình Sơn",
        unit=district_a,
        roles=[Role.LEARNER],
    )
    b = UserFactory(
        username="hv.moduc",
        full_name="Đinh Văn Mộ Đức",
        unit=commune_b,
        sex=User.Sex.MALE,
        roles=[Role.LEARNER],
    )
    return {
        "learner-own": make_enrolment(
            learner,
            trainer_course,
            progress=0.5,
            last_activity_at=timezone.now(),
        ),
        "b-own": make_enrolment(
            b,
            trainer_course,
            status=Enrolment.Status.COMPLETED,
            progress=1,
            completed_at=timezone.now(),
        ),
        "learner-other": make_enrolment(learner, other_course),
        "a2-other": make_enrolment(a2, other_course),
    }


def export(client, export_format, **params):
    response = client.get(REPORT, {"export": export_format, **params})
    assert response.status_code == 200
    if export_format == "csv":
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.reader(io.StringIO(text)))
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    return [[cell.value for cell in row] for row in workbook.worksheets[0].iter_rows()]


def names(table):
    return sorted(row[0] for row in table[1:])


# --- Who sees what ----------------------------------------------------------------------


def test_administrator_sees_every_enrolment(client_for, administrator, rows):
    table = export(client_for(administrator), "csv")

    assert len(table) == 1 + 4
    assert len(table[0]) == 10


def test_unit_manager_sees_only_learners_in_their_units(
    client_for, unit_manager, learner, rows
):
    response = client_for(unit_manager).get(REPORT)
    content = response.content.decode()

    assert response.status_code == 200
    assert learner.full_name in content
    assert "Phạm Thị Bình Sơn" in content
    assert "Đinh Văn Mộ Đức" not in content
    assert names(export(client_for(unit_manager), "xlsx")) == sorted(
        [learner.full_name, learner.full_name, "Phạm Thị Bình Sơn"]
    )


def test_unit_manager_exporting_another_units_learners_gets_nothing_of_them(
    client_for, unit_manager, commune_b, district_b, rows
):
    client = client_for(unit_manager)

    for unit in (commune_b, district_b):
        table = export(client, "csv", unit=unit.pk)
        assert "Đinh Văn Mộ Đức" not in str(table)


def test_trainer_sees_every_learner_of_their_course_and_no_other_course(
    client_for, trainer, learner, other_course, rows
):
    table = export(client_for(trainer), "csv")

    assert names(table) == sorted([learner.full_name, "Đinh Văn Mộ Đức"])
    assert {row[3] for row in table[1:]} == {rows["learner-own"].course.title}
    asked_for_other = export(client_for(trainer), "csv", course=other_course.pk)
    assert other_course.title not in str(asked_for_other)


def test_trainer_listed_on_a_course_sees_its_learners(
    client_for, trainer, other_course, rows
):
    other_course.trainers.add(trainer)
    other_course.save()

    table = export(client_for(trainer), "csv", course=other_course.pk)

    assert {row[3] for row in table[1:]} == {other_course.title}
    assert len(table) == 1 + 2


@pytest.mark.parametrize("who", ["reviewer", "learner"])
def test_reviewers_and_learners_cannot_reach_the_report(
    client_for, who, reviewer, learner, rows
):
    user = {"reviewer": reviewer, "learner": learner}[who]

    page = client_for(user).get(REPORT)
    exported = client_for(user).get(REPORT, {"export": "csv"})

    assert page.status_code == 302
    assert exported.status_code == 302
    assert enrolments_visible_to(user=user).count() == 0


# --- Filters and content ---------------------------------------------------------------------


def test_filters_by_course_unit_and_status(
    client_for, administrator, district_a, trainer_course, rows
):
    client = client_for(administrator)

    by_course = export(client, "csv", course=trainer_course.pk)
    by_unit = export(client, "csv", unit=district_a.pk)
    by_status = export(client, "csv", status=Enrolment.Status.COMPLETED)

    assert len(by_course) == 1 + 2
    assert "Đinh Văn Mộ Đức" not in str(by_unit)
    assert len(by_unit) == 1 + 3
    assert names(by_status) == ["Đinh Văn Mộ Đức"]


def test_export_rows_hold_name_unit_sex_status_progress_and_dates(
    client_for, administrator, commune_b, rows
):
    table = export(client_for(administrator), "xlsx", status="completed")

    assert len(table[0]) == 10
    name, unit, sex, course, code, status, progress, due, last, completed = table[1]
    assert name == "Đinh Văn Mộ Đức"
    assert unit == str(commune_b)
    assert sex == str(User.Sex.MALE.label)
    assert course == rows["b-own"].course.title
    assert code == rows["b-own"].course.code
    assert status == str(Enrolment.Status.COMPLETED.label)
    assert progress == 100
    assert completed == timezone.localdate()


def test_csv_dates_read_day_month_year_in_local_time(client_for, administrator, rows):
    table = export(client_for(administrator), "csv", status="completed")

    assert table[1][9] == timezone.localdate().strftime("%d/%m/%Y")


def test_exports_are_logged_as_personal_data(client_for, unit_manager, rows):
    export(client_for(unit_manager), "xlsx")

    log = PersonalDataExport.objects.get()
    assert (log.exported_by, log.row_count, log.file_format) == (
        unit_manager,
        3,
        "xlsx",
    )


# --- Formula injection -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_spreadsheet_safe_text_quotes_formula_starts(value):
    assert spreadsheet_safe_text(value) == "'" + value
    assert spreadsheet_safe_text("Nguyễn Thị A") == "Nguyễn Thị A"
    assert spreadsheet_safe_text(42) == 42


def test_a_name_that_looks_like_a_formula_is_exported_as_text(
    client_for, administrator, trainer_course, commune_b
):
    evil = UserFactory(
        full_name='=HYPERLINK("http://evil.example","Bấm")', unit=commune_b
    )
    make_enrolment(evil, trainer_course)
    client = client_for(administrator)

    csv_table = export(client, "csv")
    response = client.get(REPORT, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).worksheets[0]
    cell = sheet.cell(row=2, column=1)

    assert csv_table[1][0] == '\'=HYPERLINK("http://evil.example","Bấm")'
    assert cell.value == '=HYPERLINK("http://evil.example","Bấm")'
    assert cell.data_type == "s"
    assert cell.quotePrefix
