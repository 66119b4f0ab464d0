"""A class's report in the admin and its Excel export: scoped, complete."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import make_mark, make_participant, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(training_class, participant, second_participant):
    training_class.starts_on = timezone.localdate() - dt.timedelta(days=5)
    training_class.save()
    first = make_session(
        training_class, topic="Luật Bình đẳng giới", place="Phòng họp số 1"
    )
    second = make_session(training_class, topic="Lồng ghép giới")
    make_mark(first, participant, "present")
    make_mark(second, participant, "present")
    make_mark(first, second_participant, "present")
    make_mark(second, second_participant, "absent")
    return [first, second]


def report_url(training_class):
    return reverse("training_reports:class", args=[training_class.pk])


def export_url(training_class):
    return reverse("training_reports:export", args=[training_class.pk])


def test_trainer_sees_matrix_absentees_breakdowns_and_hours(
    client, english, trainer, training_class, marked, second_learner
):
    client.force_login(trainer)
    response = client.get(report_url(training_class))
    assert response.status_code == 200
    matrix = response.context["matrix"]
    assert len(matrix.rows) == 2
    assert [row.participant.person for row in matrix.absentees] == [second_learner]
    # 3.5 h × 2 present + 3.5 h × 1 present
    assert response.context["participant_hours_total"] == 10.5
    assert "Lồng ghép giới" in response.text
    assert "Below the attendance threshold" in response.text


def test_unit_manager_of_the_class_unit_sees_it(
    client, unit_manager, training_class, marked
):
    client.force_login(unit_manager)
    assert client.get(report_url(training_class)).status_code == 200


def test_export_has_sessions_durations_places_trainers_and_marks(
    client, english, trainer, training_class, marked, learner
):
    client.force_login(trainer)
    response = client.get(export_url(training_class))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Class", "Sessions", "Attendance"]
    sessions = list(book["Sessions"].iter_rows(values_only=True))
    assert sessions[0][:7] == (
        "Date",
        "Start",
        "End",
        "Hours",
        "Topic",
        "Place",
        "Trainers",
    )
    assert sessions[1][3:7] == (
        3.5,
        "Luật Bình đẳng giới",
        "Phòng họp số 1",
        trainer.full_name,
    )
    # a session without a room gives the class's venue
    assert sessions[2][5] == training_class.venue
    attendance = list(book["Attendance"].iter_rows(values_only=True))
    by_name = {row[0]: row for row in attendance[1:]}
    assert by_name[learner.full_name][-1] == 100.0
    summary = dict(row[:2] for row in book["Class"].iter_rows(values_only=True) if row)
    assert summary["Participant-hours delivered"] == 10.5


def test_export_neutralises_formula_like_text(
    client, trainer, training_class, marked, participant
):
    person = participant.person
    person.full_name = "=HYPERLINK(1)"
    person.save()
    client.force_login(trainer)
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(export_url(training_class)).content)
    )
    names = [row[0] for row in book.worksheets[2].iter_rows(values_only=True)]
    assert "'=HYPERLINK(1)" in names


def test_trainer_of_another_class_gets_not_found(
    client, other_trainer, training_class, marked
):
    client.force_login(other_trainer)
    assert client.get(report_url(training_class)).status_code == 404
    assert client.get(export_url(training_class)).status_code == 404


def test_learner_is_refused(client, learner, training_class, marked):
    client.force_login(learner)
    assert client.get(report_url(training_class)).status_code in (302, 403)
    assert client.get(export_url(training_class)).status_code in (302, 403)


def test_unknown_class_is_not_found(client, administrator):
    client.force_login(administrator)
    assert (
        client.get(reverse("training_reports:class", args=[999999])).status_code == 404
    )


def test_report_query_count_does_not_grow_with_the_class(
    client, trainer, training_class, marked, commune_a, django_assert_max_num_queries
):
    for _ in range(20):
        make_participant(training_class, UserFactory(unit=commune_a))
    client.force_login(trainer)
    with django_assert_max_num_queries(40):
        assert client.get(report_url(training_class)).status_code == 200
