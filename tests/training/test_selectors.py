"""Attendance percentages, the attendance matrix and a class's figures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from assessments.models import Attempt, Quiz
from people.models import Ethnicity, TargetGroup
from tests.factories import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import Participant
from training.selectors.attendance import (
    NOT_GIVEN,
    attendance_matrix,
    class_participant_hours,
    knowledge_gain,
    participant_attendance_percent,
    participants_by_ethnicity,
    participants_by_sex,
    participants_by_target_group,
    participants_by_unit,
    participants_with_attendance,
    sessions_held,
)

pytestmark = pytest.mark.django_db


def past_class(unit, **kwargs):
    start = timezone.localdate() - dt.timedelta(days=10)
    return make_training_class(unit, starts_on=start, **kwargs)


def test_percentage_weighs_marks_over_sessions_held(commune_a, learner):
    training_class = past_class(commune_a)
    first, second, third, fourth = (make_session(training_class) for _ in range(4))
    participant = make_participant(training_class, learner)
    make_mark(first, participant, "present")
    make_mark(second, participant, "late")
    make_mark(third, participant, "excused")
    make_mark(fourth, participant, "absent")
    # present 100 + late 80 + excused 50 + absent 0, over four sessions held
    from training.models import AttendanceStatus

    weights = dict(AttendanceStatus.objects.values_list("code", "weight"))
    expected = (
        weights["present"] + weights["late"] + weights["excused"] + weights["absent"]
    ) / 4
    assert participant_attendance_percent(participant=participant) == pytest.approx(
        expected
    )


def test_sessions_not_yet_held_do_not_count(commune_a, learner):
    """Moodle's rule: only sessions that took place (or were marked) count."""
    today = timezone.localdate()
    training_class = make_training_class(
        commune_a, starts_on=today - dt.timedelta(days=1)
    )
    held = make_session(training_class, date=today - dt.timedelta(days=1))
    make_session(training_class, date=today + dt.timedelta(days=3))
    participant = make_participant(training_class, learner)
    make_mark(held, participant, "present")
    assert list(sessions_held(training_class=training_class)) == [held]
    assert participant_attendance_percent(participant=participant) == 100.0


def test_a_session_with_a_mark_counts_as_held_before_it_starts(commune_a, learner):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    training_class = make_training_class(commune_a, starts_on=tomorrow)
    session = make_session(training_class)
    participant = make_participant(training_class, learner)
    assert participant_attendance_percent(participant=participant) is None
    make_mark(session, participant, "present")
    assert participant_attendance_percent(participant=participant) == 100.0


def test_no_mark_in_a_held_session_is_zero(commune_a, learner, other_learner):
    training_class = past_class(commune_a)
    session = make_session(training_class)
    marked = make_participant(training_class, learner)
    unmarked = make_participant(training_class, other_learner)
    make_mark(session, marked, "present")
    assert participant_attendance_percent(participant=unmarked) == 0.0


def test_percentages_of_several_classes_use_each_class_sessions(
    commune_a, commune_b, learner
):
    one, two = past_class(commune_a), past_class(commune_b)
    s1 = make_session(one)
    make_session(two)
    s2b = make_session(two)
    p1, p2 = make_participant(one, learner), make_participant(two, learner)
    make_mark(s1, p1, "present")
    make_mark(s2b, p2, "present")
    rows = {
        row.pk: row.attendance_percent
        for row in participants_with_attendance(Participant.objects.all())
    }
    assert rows == {p1.pk: 100.0, p2.pk: 50.0}


def test_matrix_shows_marks_percentages_and_absentees(commune_a, learner):
    training_class = past_class(commune_a, attendance_threshold=80)
    first, second = make_session(training_class), make_session(training_class)
    good = make_participant(training_class, learner)
    poor = make_participant(
        training_class, UserFactory(full_name="Zô Văn B", unit=commune_a)
    )
    make_participant(
        training_class,
        UserFactory(unit=commune_a),
        status=Participant.Status.WITHDRAWN,
    )
    make_mark(first, good, "present")
    make_mark(second, good, "present")
    make_mark(first, poor, "present")
    make_mark(second, poor, "absent")

    matrix = attendance_matrix(training_class=training_class)

    assert matrix.sessions == [first, second]
    assert matrix.held == 2
    assert [row.participant for row in matrix.rows] == [good, poor]
    assert [m.status.code for m in matrix.rows[1].marks] == ["present", "absent"]
    assert [row.percent for row in matrix.rows] == [100.0, 50.0]
    assert [row.participant for row in matrix.absentees] == [poor]


def test_matrix_of_a_class_without_sessions_is_empty(commune_a, learner):
    training_class = past_class(commune_a)
    make_participant(training_class, learner)
    matrix = attendance_matrix(training_class=training_class)
    assert matrix.sessions == [] and matrix.held == 0
    assert matrix.rows[0].percent is None and matrix.absentees == []


def build_class(unit, participants, sessions):
    training_class = past_class(unit, capacity=participants)
    session_list = [make_session(training_class) for _ in range(sessions)]
    people = UserFactory.create_batch(participants, unit=unit)
    enrolled = Participant.objects.bulk_create(
        Participant(
            training_class=training_class,
            person=person,
            status=Participant.Status.CONFIRMED,
            consent_at=timezone.now(),
        )
        for person in people
    )
    from training.models import AttendanceRecord, AttendanceStatus

    present = AttendanceStatus.objects.get(code="present")
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=session,
            participant=participant,
            status=present,
            source="roll_call",
            marked_at=timezone.now(),
        )
        for session in session_list
        for participant in enrolled
    )
    return training_class


@pytest.mark.parametrize(("participants", "sessions"), [(3, 2), (200, 10)])
def test_matrix_takes_a_fixed_number_of_queries(
    commune_a, django_assert_num_queries, participants, sessions
):
    training_class = build_class(commune_a, participants, sessions)
    with django_assert_num_queries(3):
        matrix = attendance_matrix(training_class=training_class)
        assert len(matrix.rows) == participants
        assert all(row.percent == 100.0 for row in matrix.rows)
        assert all(m is not None for row in matrix.rows for m in row.marks)


@translation.override("en")
def test_breakdowns_by_sex_unit_and_target_group(commune_a, commune_b):
    training_class = past_class(commune_a)
    teachers = TargetGroup.objects.create(code="gv-test", name="Giáo viên")
    woman = UserFactory(sex="nu", unit=commune_a)
    woman.target_groups.add(teachers)
    make_participant(training_class, woman)
    make_participant(training_class, UserFactory(sex="nam", unit=commune_b))
    make_participant(training_class, UserFactory(sex="", unit=commune_b))
    make_participant(
        training_class,
        UserFactory(sex="nu", unit=commune_a),
        status=Participant.Status.WAITING,
    )

    by_sex = dict(participants_by_sex(training_class=training_class).rows)
    assert by_sex == {"Female": 1, "Male": 1, str(NOT_GIVEN): 1}
    by_unit = participants_by_unit(training_class=training_class)
    assert dict(by_unit.rows) == {commune_b.name: 2, commune_a.name: 1}
    assert by_unit.total == 3
    by_group = dict(participants_by_target_group(training_class=training_class).rows)
    assert by_group == {"Giáo viên": 1, "No target group": 2}


def test_ethnicity_counted_only_with_consent(commune_a):
    training_class = past_class(commune_a)
    tay, _ = Ethnicity.objects.get_or_create(code="T99", defaults={"name": "Tày"})
    consented = UserFactory(
        unit=commune_a, ethnicity=tay, ethnicity_consent_at=timezone.now()
    )
    make_participant(training_class, consented)
    make_participant(training_class, UserFactory(unit=commune_a))
    rows = dict(participants_by_ethnicity(training_class=training_class).rows)
    assert rows == {tay.name: 1, str(NOT_GIVEN): 1}


def test_participant_hours_weigh_attendance(commune_a, learner, other_learner):
    training_class = past_class(commune_a)
    morning = make_session(
        training_class, starts_at=dt.time(8, 0), ends_at=dt.time(11, 30)
    )
    afternoon = make_session(
        training_class, starts_at=dt.time(14, 0), ends_at=dt.time(16, 0)
    )
    one = make_participant(training_class, learner)
    two = make_participant(training_class, other_learner)
    make_mark(morning, one, "present")
    make_mark(morning, two, "present")
    make_mark(afternoon, one, "present")
    make_mark(afternoon, two, "absent")
    # 3.5 h × 2 present + 2 h × 1 present
    assert class_participant_hours(training_class=training_class) == 9.0


def graded(quiz, person, number, score, max_score=10):
    return Attempt.objects.create(
        quiz=quiz,
        learner=person,
        number=number,
        state=Attempt.State.GRADED,
        score=Decimal(score),
        max_score=Decimal(max_score),
    )


def test_knowledge_gain_of_people_who_took_both_tests(
    commune_a, learner, other_learner
):
    pre = make_quiz(title="Trước", grading_method=Quiz.GradingMethod.HIGHEST)
    post = make_quiz(title="Sau", grading_method=Quiz.GradingMethod.LAST)
    training_class = past_class(commune_a, pre_test=pre, post_test=post)
    make_participant(training_class, learner)
    make_participant(training_class, other_learner)
    graded(pre, learner, 1, 4)
    graded(pre, learner, 2, 6)  # highest: 60
    graded(post, learner, 1, 10)
    graded(post, learner, 2, 9)  # last: 90
    graded(pre, other_learner, 1, 2)  # no post-test: left out

    gain = knowledge_gain(training_class=training_class)

    assert gain is not None
    assert gain.participants == 1
    assert gain.pre_average == Decimal("60.00")
    assert gain.post_average == Decimal("90.00")
    assert gain.gain == Decimal("30.00")


def test_knowledge_gain_needs_both_tests(commune_a):
    training_class = past_class(commune_a, pre_test=make_quiz())
    assert knowledge_gain(training_class=training_class) is None


def test_knowledge_gain_without_results_is_empty(commune_a, learner):
    training_class = past_class(commune_a, pre_test=make_quiz(), post_test=make_quiz())
    make_participant(training_class, learner)
    gain = knowledge_gain(training_class=training_class)
    assert gain is not None and gain.participants == 0 and gain.gain is None
