"""The demo bank, quizzes and attempts: loaded once, and useful for the reports."""

import pytest
from django.core.management import call_command

from assessments.models import Attempt, Question, Quiz

pytestmark = pytest.mark.django_db


def test_demo_assessments_load_once(home_page):
    call_command("seed_demo_people", verbosity=0)
    call_command("seed_demo_assessments", verbosity=0)
    counts = (Question.objects.count(), Quiz.objects.count(), Attempt.objects.count())
    assert (
        Question.objects.filter(question_type=Question.Type.SINGLE_CHOICE).count() >= 32
    )
    assert set(Quiz.objects.values_list("reference", flat=True)) >= {
        "K1-PRE",
        "K1-POST",
        "K1-FINAL",
        "K2-FINAL",
        "K3-FINAL",
        "K4-FINAL",
        "K5-FINAL",
        "ON-TAP",
    }
    assert Quiz.objects.get(reference="K1-POST").pre_test.reference == "K1-PRE"
    assert (
        Attempt.objects.filter(quiz__reference="K1-PRE", state="graded").count() == 40
    )
    assert Attempt.objects.filter(
        quiz__reference="ON-TAP", state="awaiting_grading"
    ).exists()
    call_command("seed_demo_assessments", verbosity=0)
    assert (
        Question.objects.count(),
        Quiz.objects.count(),
        Attempt.objects.count(),
    ) == counts
