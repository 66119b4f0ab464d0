"""Online learning, quizzes, knowledge gain and certificates, split by sex.

These belong to the learner's unit (there is no organising unit online). An
enrolment counts in the period it was made; a completion in the period it
happened; the completion rate is the share of the period's enrolments that
were complete by its last day.
"""

from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
)

from assessments.models import Attempt
from certificates.models import Certificate
from courses.models import Enrolment
from courses.selectors import course_quiz_ids
from training.models import Participant, TrainingClass

from .scope import FiguresScope, held_classes
from .training import SEXES


def _learner_filters(scope: FiguresScope, learner: str) -> Q:
    condition = scope.units_q(f"{learner}__unit_id")
    if scope.filter.target_group_id:
        condition &= Q(**{f"{learner}__target_groups": scope.filter.target_group_id})
    return condition


def enrolments_in_scope(scope: FiguresScope) -> QuerySet[Enrolment]:
    """The period's enrolments of learners in scope (the course filter applied)."""
    f = scope.filter
    enrolments = Enrolment.objects.filter(
        _learner_filters(scope, "learner"),
        enrolled_at__date__gte=f.start,
        enrolled_at__date__lte=f.last_day,
    )
    if f.course_id:
        enrolments = enrolments.filter(course_id=f.course_id)
    return enrolments


def _by_sex(count_of: str, condition: Q, person: str) -> dict[str, Any]:
    columns: dict[str, Any] = {count_of: Count("pk", filter=condition)}
    for name, sex in SEXES.items():
        columns[f"{count_of}_{name}"] = Count(
            "pk", filter=condition & Q(**{f"{person}__sex": sex})
        )
    return columns


def _completion_columns(scope: FiguresScope) -> dict[str, Any]:
    done = Q(completed_at__isnull=False, completed_at__date__lte=scope.filter.last_day)
    return {
        **_by_sex("enrolments", Q(), "learner"),
        **_by_sex("completions", done, "learner"),
        "time_to_complete": Avg(
            ExpressionWrapper(
                F("completed_at") - F("enrolled_at"), output_field=DurationField()
            ),
            filter=done,
        ),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _with_rates(row: dict[str, Any]) -> dict[str, Any]:
    row["completion_rate"] = _rate(row["completions"], row["enrolments"])
    for name in SEXES:
        row[f"completion_rate_{name}"] = _rate(
            row[f"completions_{name}"], row[f"enrolments_{name}"]
        )
    duration = row.pop("time_to_complete")
    row["days_to_complete"] = (
        round(duration.total_seconds() / 86400, 1) if duration else None
    )
    return row


def online_headline(scope: FiguresScope) -> dict[str, Any]:
    figures = enrolments_in_scope(scope).aggregate(**_completion_columns(scope))
    return _with_rates(figures)


def completion_by_course(scope: FiguresScope) -> list[dict[str, Any]]:
    rows = (
        enrolments_in_scope(scope)
        .values("course_id", "course__title")
        .annotate(**_completion_columns(scope))
        .order_by("course__title")
    )
    return [_with_rates(dict(row)) for row in rows]


def _percent() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("score") * 100 / F("max_score"),
        output_field=DecimalField(max_digits=7, decimal_places=2),
    )


def graded_attempts(scope: FiguresScope) -> QuerySet[Attempt]:
    f = scope.filter
    attempts = Attempt.objects.filter(
        _learner_filters(scope, "learner"),
        state=Attempt.State.GRADED,
        graded_at__date__gte=f.start,
        graded_at__date__lte=f.last_day,
        max_score__gt=0,
    )
    if f.course_id:
        attempts = attempts.filter(quiz_id__in=course_quiz_ids(course_id=f.course_id))
    return attempts


def quiz_headline(scope: FiguresScope) -> dict[str, Any]:
    figures = graded_attempts(scope).aggregate(
        **_by_sex("attempts", Q(), "learner"),
        **_by_sex("passes", Q(passed=True), "learner"),
        average_score=Avg(_percent()),
    )
    figures["pass_rate"] = _rate(figures["passes"], figures["attempts"])
    for name in SEXES:
        figures[f"pass_rate_{name}"] = _rate(
            figures[f"passes_{name}"], figures[f"attempts_{name}"]
        )
    figures["average_score"] = _round(figures["average_score"])
    return figures


def _round(value: Decimal | float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def knowledge_gain(scope: FiguresScope) -> dict[str, Any]:
    """The average pre-test and post-test score (%) of the participants of the
    period's classes that have both, and the gain in points."""
    classes = held_classes(scope).filter(
        pre_test__isnull=False, post_test__isnull=False
    )

    pre = _average_for(classes, "pre_test")
    post = _average_for(classes, "post_test")
    return {
        "pre_test_average": pre,
        "post_test_average": post,
        "gain": round(post - pre, 1) if pre is not None and post is not None else None,
    }


def _average_for(classes: QuerySet[TrainingClass], test: str) -> float | None:
    participant_of_class = Participant.objects.filter(
        status=Participant.Status.CONFIRMED,
        person_id=OuterRef("learner_id"),
        **{f"training_class__{test}_id": OuterRef("quiz_id")},
        training_class__in=classes.values("pk"),
    )
    attempts = Attempt.objects.filter(
        Exists(participant_of_class), state=Attempt.State.GRADED, max_score__gt=0
    )
    return _round(attempts.aggregate(value=Avg(_percent()))["value"])


def certificates_in_scope(scope: FiguresScope) -> QuerySet[Certificate]:
    """Certificates in force issued in the period to holders in scope (a revoked
    one does not count, nor one replaced by a re-issue: its successor does)."""
    f = scope.filter
    certificates = Certificate.objects.filter(
        _learner_filters(scope, "holder"),
        issued_on__gte=f.start,
        issued_on__lte=f.last_day,
        status=Certificate.Status.VALID,
    )
    if f.course_id:
        certificates = certificates.filter(
            Q(course_id=f.course_id) | Q(training_class__course_id=f.course_id)
        )
    if f.class_id:
        certificates = certificates.filter(training_class_id=f.class_id)
    return certificates


def certificates_headline(scope: FiguresScope) -> dict[str, Any]:
    return certificates_in_scope(scope).aggregate(
        **_by_sex("certificates", Q(), "holder")
    )
