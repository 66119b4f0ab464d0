"""The quiz reports' "by class" filter, registered by training with assessments."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from assessments.models import Attempt
from assessments.report_filters import (
    ReportFilter,
    register_report_filter,
    report_filters,
)
from tests.factories import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.training import make_participant
from training.models import Participant
from training.selectors.attendance import CLASS_FILTER_KEY

pytestmark = pytest.mark.django_db


def graded(quiz, person):
    return Attempt.objects.create(
        quiz=quiz,
        learner=person,
        number=1,
        state=Attempt.State.GRADED,
        score=Decimal(5),
        max_score=Decimal(10),
    )


@pytest.fixture
def quiz(administrator):
    return make_quiz(owner=administrator, title="Kiểm tra sau tập huấn")


@pytest.fixture
def attempts(quiz, training_class, other_class, learner, other_learner, commune_a):
    make_participant(training_class, learner)
    make_participant(other_class, other_learner)
    waiting = UserFactory(full_name="Người Chờ", unit=commune_a)
    make_participant(training_class, waiting, status=Participant.Status.WAITING)
    return [graded(quiz, p) for p in (learner, other_learner, waiting)]


def attempts_url(quiz, **params):
    address = reverse("quiz_reports:attempts", args=[quiz.pk])
    if params:
        address += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return address


def test_training_registers_the_by_class_filter():
    assert CLASS_FILTER_KEY in [f.key for f in report_filters()]


def test_registering_a_key_again_replaces_it():
    original = next(f for f in report_filters() if f.key == CLASS_FILTER_KEY)
    try:
        register_report_filter(
            ReportFilter(
                key=CLASS_FILTER_KEY,
                label="x",
                choices=lambda user, quiz: [],
                learners=original.learners,
            )
        )
        assert [f.key for f in report_filters()].count(CLASS_FILTER_KEY) == 1
    finally:
        register_report_filter(original)


def test_by_class_keeps_the_class_participants(
    client, english, administrator, quiz, attempts, training_class, learner
):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz, **{CLASS_FILTER_KEY: training_class.pk}))
    assert response.status_code == 200
    rows = [attempt for attempt, _ in response.context["attempts"]]
    assert [a.learner for a in rows] == [learner]
    assert f"{training_class.code} – {training_class.title}" in response.text


def test_by_class_limits_the_excel_export(
    client, administrator, quiz, attempts, training_class, learner
):
    client.force_login(administrator)
    response = client.get(
        attempts_url(quiz, **{CLASS_FILTER_KEY: training_class.pk, "export": "xlsx"})
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [learner.full_name]


def test_without_the_filter_every_attempt_is_listed(
    client, administrator, quiz, attempts
):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz))
    assert len(response.context["attempts"]) == 3


def test_a_class_the_user_may_not_see_is_neither_offered_nor_applied(
    client,
    english,
    trainer,
    learner,
    other_class,
    training_class,
    other_learner,
    attempts,
):
    """The trainer of training_class owns a quiz; other_class is not theirs."""
    own_quiz = make_quiz(owner=trainer)
    graded(own_quiz, learner)
    graded(own_quiz, other_learner)
    client.force_login(trainer)

    response = client.get(attempts_url(own_quiz))
    choices = dict(response.context["form"].fields[CLASS_FILTER_KEY].choices)
    assert str(training_class.pk) in choices
    assert str(other_class.pk) not in choices
    assert other_class.code not in response.text

    refused = client.get(attempts_url(own_quiz, **{CLASS_FILTER_KEY: other_class.pk}))
    assert refused.status_code == 200
    assert CLASS_FILTER_KEY in refused.context["form"].errors
    # reported and not applied (never guessed): the quiz's owner sees every attempt
    assert len(refused.context["attempts"]) == 2


def test_bad_class_value_is_reported(client, english, administrator, quiz, attempts):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz, **{CLASS_FILTER_KEY: "abc"}))
    assert response.status_code == 200
    assert CLASS_FILTER_KEY in response.context["form"].errors
    export = client.get(
        attempts_url(quiz, **{CLASS_FILTER_KEY: "abc", "export": "xlsx"})
    )
    assert export["Content-Type"].startswith("text/html")


def test_learners_of_an_invisible_class_are_nobody(other_class, trainer, attempts):
    by_class = next(f for f in report_filters() if f.key == CLASS_FILTER_KEY)
    assert list(by_class.learners(trainer, str(other_class.pk))) == []
    assert list(by_class.learners(trainer, "not-a-number")) == []
