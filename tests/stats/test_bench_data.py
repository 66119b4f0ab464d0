"""The statistics benchmark data (stats.bench_data, `generate_bench_data`): size S
makes the stated shapes, a second run makes nothing, and the dashboard's figures
on it add up (and agree with what the generator counted while making it)."""

import dataclasses
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import Enrolment, LessonProgress
from people.models import User
from stats.bench_data import (
    CLASS_MARKER,
    MARKER,
    OPERATOR,
    REFORM,
    SIZES,
    bench_data_present,
    delete_bench_data,
    generate_bench_data,
)
from stats.selectors.dashboard import report_figures
from stats.selectors.scope import StatsFilter, UnitMapping, figures_scope
from stats.selectors.training import LEVELS
from training.models import AttendanceRecord, Participant, TrainingClass

from .conftest import ALL_YEARS

S = SIZES["S"]


@pytest.fixture
def bench(world):
    summary = generate_bench_data("S")
    assert summary is not None
    return summary


def bench_learners():
    return User.objects.filter(username__startswith=MARKER).exclude(username=OPERATOR)


def bench_classes():
    return TrainingClass.objects.filter(code__startswith=CLASS_MARKER)


def test_size_s_makes_the_stated_totals(bench):
    learners = bench_learners()
    assert learners.count() == S.learners == bench.learners == 100
    assert bench_classes().count() == S.classes == bench.classes == 10
    assert (
        AttendanceRecord.objects.filter(
            session__training_class__in=bench_classes()
        ).count()
        == S.attendance
        == bench.attendance
        == 1000
    )
    assert (
        LessonProgress.objects.filter(enrolment__learner__in=learners).count()
        == S.lesson_progress
        == 2000
    )
    assert (
        Attempt.objects.filter(learner__in=learners, state=Attempt.State.GRADED).count()
        == S.attempts
        == 500
    )
    assert Enrolment.objects.filter(learner__in=learners).count() == bench.enrolments
    assert Certificate.objects.filter(holder__in=learners).count() == (
        bench.completed_enrolments
    )
    assert bench.class_test_attempts < bench.attempts


def test_size_s_has_the_shapes_of_a_province(bench, world):
    learners = bench_learners()
    assert set(learners.values_list("sex", flat=True)) >= {"nu", "nam"}
    # Ethnicity is recorded only with consent, and some have not consented.
    assert not learners.filter(
        ethnicity__isnull=False, ethnicity_consent_at=None
    ).exists()
    assert learners.filter(ethnicity__is_minority=True).exists()
    assert learners.filter(ethnicity_consent_at=None).exists()
    assert learners.filter(is_leader=True).exists()
    assert learners.filter(target_groups__isnull=False).exists()
    assert len(set(learners.values_list("employment_type", flat=True))) >= 4
    assert learners.filter(unit=world.old_commune).exists()  # not moved in 2025

    classes = bench_classes()
    statuses = set(classes.values_list("status", flat=True))
    assert statuses == {"finished", "cancelled", "open"}
    held = classes.filter(status="finished")
    # Before the reform, by the province, the district and the communes of
    # then; after it, by today's units only.
    before = held.filter(starts_on__lt=REFORM)
    after = held.filter(starts_on__gte=REFORM)
    assert before.exists() and after.exists()
    assert not before.filter(unit__valid_to__isnull=True).exists()
    assert not after.filter(unit__valid_to__lt=REFORM).exists()
    levels = set(held.values_list("unit__unit_type", flat=True))
    assert levels & set(LEVELS["district"])
    assert levels & set(LEVELS["province"])
    assert levels & set(LEVELS["commune"])
    assert held.filter(starts_on__year=2022).exists()
    assert held.filter(starts_on__year=2026).exists()
    assert not classes.filter(starts_on__gt=dt.date(2026, 12, 31)).exists()

    marks = AttendanceRecord.objects.filter(session__training_class__in=classes)
    assert set(marks.values_list("status__code", flat=True)) == {
        "present",
        "late",
        "excused",
        "absent",
    }
    # Marks only in held classes, only for confirmed participants.
    assert not marks.exclude(session__training_class__status="finished").exists()
    assert not marks.exclude(participant__status=Participant.Status.CONFIRMED).exists()
    participants = Participant.objects.filter(training_class__in=classes)
    assert participants.filter(status=Participant.Status.WITHDRAWN).exists()
    assert participants.count() == bench.participants
    turns = participants.filter(
        status=Participant.Status.CONFIRMED,
        training_class__status="finished",
        attendance__status__code__in=["present", "late"],
    ).distinct()
    assert turns.count() == bench.turns


def test_a_second_run_makes_nothing_and_says_so(bench):
    before = bench_data_present()
    out = StringIO()
    call_command("generate_bench_data", "--size", "S", "--force", stdout=out)
    assert "already here (size S: 100 learners, 10 classes)" in out.getvalue()
    assert "nothing was made" in out.getvalue()
    assert generate_bench_data("S") is None
    assert bench_data_present() == before
    assert AttendanceRecord.objects.filter(
        session__training_class__in=bench_classes()
    ).count() == (S.attendance)


def test_the_command_refuses_without_debug_unless_forced(world):
    with pytest.raises(CommandError, match="DEBUG only"):
        call_command("generate_bench_data", "--size", "S", stdout=StringIO())
    assert bench_data_present() == {"learners": 0, "classes": 0, "courses": 0}


def test_delete_removes_the_bench_data_only_and_the_seed_makes_it_again(bench, world):
    world_classes = set(
        TrainingClass.objects.exclude(code__startswith=CLASS_MARKER).values_list(
            "pk", flat=True
        )
    )
    deleted = delete_bench_data()
    assert deleted["attendance records"] == 1000
    assert bench_data_present() == {"learners": 0, "classes": 0, "courses": 0}
    assert set(TrainingClass.objects.values_list("pk", flat=True)) == world_classes
    assert User.objects.filter(pk=world.lan.pk).exists()
    again = generate_bench_data("S")
    assert again is not None
    counts = {k: v for k, v in dataclasses.asdict(again).items() if k != "seconds"}
    first = {k: v for k, v in dataclasses.asdict(bench).items() if k != "seconds"}
    assert counts == first  # the same seed, the same data


def figures(user, mapping=UnitMapping.AS_THEN):
    start, end = ALL_YEARS
    scope = figures_scope(
        user=user, stats_filter=StatsFilter(start=start, end=end, mapping=mapping)
    )
    return report_figures(scope)


def total(rows, column="turns"):
    return sum(row[column] for row in rows)


@pytest.mark.parametrize("mapping", [UnitMapping.AS_THEN, UnitMapping.TODAY])
def test_the_figures_on_it_add_up(bench, world, mapping):
    result = figures(world.administrator, mapping)
    training = result["training"]
    # The world's hand count (conftest) plus what the generator counted.
    assert training["classes"] == 3 + bench.held_classes
    assert training["sessions"] == 4 + bench.held_sessions
    assert training["turns"] == 6 + bench.turns
    assert training["turns_women"] == 4 + bench.turns_women
    assert training["turns_men"] == 2 + bench.turns_men
    turns = training["turns"]
    assert turns == total(result["by_level"])
    assert turns == total(result["by_month"])
    assert turns == total(result["by_class"])
    assert turns == total(result["by_age_group"])
    assert turns == total(result["by_employment_type"])
    assert {row["level"] for row in result["by_level"]} <= {
        "province",
        "district",
        "commune",
    }
    # The tree's top rows hold every turn; each row its own and those below.
    top = min(row["depth"] for row in result["by_unit"])
    assert turns == total(row for row in result["by_unit"] if row["depth"] == top)
    for row in result["by_unit"]:
        assert row["people"] <= row["turns"]
        assert row["turns_women"] + row["turns_men"] <= row["turns"]
    # Distinct people: fewer than turns (people come to several classes).
    people = training["people"]
    assert people < turns
    assert training["people_women"] + training["people_men"] <= people
    unknown_sex = (
        Participant.objects.filter(
            training_class__in=bench_classes().filter(status="finished"),
            status=Participant.Status.CONFIRMED,
            person__sex="",
        )
        .annotate(
            came=Count(
                "attendance", filter=Q(attendance__status__code__in=["present", "late"])
            )
        )
        .filter(came__gt=0)
        .count()
    )
    assert turns - training["turns_women"] - training["turns_men"] == unknown_sex

    online = result["online"]
    # The world: two enrolments in the period, one completed (conftest).
    assert online["enrolments"] == 2 + bench.enrolments
    assert online["completions"] == 1 + bench.completed_enrolments
    assert online["enrolments"] == total(result["by_course"], "enrolments")
    assert online["completions"] == total(result["by_course"], "completions")
    quizzes = result["quizzes"]
    assert quizzes["attempts"] == bench.attempts
    assert quizzes["attempts_women"] + quizzes["attempts_men"] <= quizzes["attempts"]
    valid = Certificate.objects.filter(
        holder__in=bench_learners(), status=Certificate.Status.VALID
    ).count()
    assert result["certificates"]["certificates"] == valid > 0


def test_the_command_makes_and_deletes_size_s_and_sets_attended(world):
    out = StringIO()
    call_command("generate_bench_data", "--size", "S", "--force", stdout=out)
    assert "Making the size S benchmark data" in out.getvalue()
    assert "Done in" in out.getvalue()
    participants = Participant.objects.filter(training_class__in=bench_classes())
    # The generator writes no signals: it sets attended as training keeps it.
    with_presence = participants.filter(
        attendance__status__code__in=["present", "late"]
    ).distinct()
    assert set(participants.filter(attended=True)) == set(with_presence)
    assert with_presence.exists()
    out = StringIO()
    call_command("generate_bench_data", "--delete", "--force", stdout=out)
    assert "Deleted the benchmark data" in out.getvalue()
    assert bench_data_present() == {"learners": 0, "classes": 0, "courses": 0}
