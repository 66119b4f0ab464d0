"""Reads about classes: attendance percentages, the attendance matrix and a
class's figures (who took part, hours delivered, knowledge gained).

Attendance percentage, as in Moodle's attendance module: the sum of the weights
of a participant's marks divided by the number of sessions *held so far*, so a
participant is not at 0 % on the first morning of a week-long class. A session
counts as held once it has started or once anyone has been marked in it (a QR
check-in a few minutes before the start makes it held). Every figure is
computed in the database, in a fixed number of queries whatever the class's
size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt, Quiz
from people.access import visible_to
from people.models import User

from ..models import AttendanceRecord, Participant, Session, TrainingClass

NOT_GIVEN = _("Not given")
NO_TARGET_GROUP = _("No target group")
NO_UNIT = _("No unit")


def _held_q(now: dt.datetime | None = None) -> Q:
    """Sessions that have started by `now`, or in which anyone has been marked."""
    local = timezone.localtime(now or timezone.now())
    return (
        Q(date__lt=local.date())
        | Q(date=local.date(), starts_at__lte=local.time())
        | Q(Exists(AttendanceRecord.objects.filter(session=OuterRef("pk"))))
    )


def sessions_held(
    *, training_class: TrainingClass, now: dt.datetime | None = None
) -> QuerySet[Session]:
    """The class's sessions that count towards attendance percentages."""
    return training_class.sessions.filter(_held_q(now))


def participants_with_attendance(
    queryset: QuerySet[Participant], *, now: dt.datetime | None = None
) -> QuerySet[Participant]:
    """`queryset` annotated with `attendance_points` (sum of the weights of the
    marks), `sessions_held` (of the participant's class) and `attendance_percent`
    (a float 0–100, None while no session of the class has been held).

    Subqueries rather than joins, so the annotations compose with any other.
    """
    held = (
        Session.objects.filter(training_class=OuterRef("training_class"))
        .filter(_held_q(now))
        .order_by()
        .values("training_class")
        .annotate(n=Count("pk"))
        .values("n")
    )
    points = (
        AttendanceRecord.objects.filter(participant=OuterRef("pk"))
        .order_by()
        .values("participant")
        .annotate(s=Sum("status__weight"))
        .values("s")
    )
    return queryset.annotate(
        attendance_points=Coalesce(
            Subquery(points, output_field=IntegerField()), Value(0)
        ),
        sessions_held=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)),
    ).annotate(
        attendance_percent=Cast(F("attendance_points"), FloatField())
        / NullIf(Cast(F("sessions_held"), FloatField()), Value(0.0))
    )


def participant_attendance_percent(
    *, participant: Participant, now: dt.datetime | None = None
) -> float | None:
    """One participant's attendance percentage (None while nothing is held)."""
    row = participants_with_attendance(
        Participant.objects.filter(pk=participant.pk), now=now
    ).first()
    return (
        None
        if row is None
        else _float_or_none(getattr(row, "attendance_percent", None))
    )


def confirmed_participants(*, training_class: TrainingClass) -> QuerySet[Participant]:
    """The participants who hold a place in the class (the report's rows)."""
    return training_class.participants.filter(status=Participant.Status.CONFIRMED)


# The attendance matrix


@dataclass(frozen=True)
class MatrixRow:
    participant: Participant
    marks: list[AttendanceRecord | None]
    percent: float | None
    points: int

    @property
    def below_threshold(self) -> bool:
        return (
            self.percent is not None
            and self.percent < self.participant.training_class.attendance_threshold
        )


@dataclass(frozen=True)
class AttendanceMatrix:
    training_class: TrainingClass
    sessions: list[Session]
    held: int
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def absentees(self) -> list[MatrixRow]:
        """Participants below the class's threshold, lowest first."""
        return sorted(
            (row for row in self.rows if row.below_threshold),
            key=lambda row: (row.percent or 0.0, row.participant.person.full_name),
        )


def attendance_matrix(
    *, training_class: TrainingClass, now: dt.datetime | None = None
) -> AttendanceMatrix:
    """Confirmed participants × sessions with their marks and percentages, in
    three queries whatever the class's size (sessions, participants, marks)."""
    held_q = _held_q(now)
    sessions = list(
        training_class.sessions.annotate(is_held=Q(held_q)).order_by(
            "date", "starts_at", "pk"
        )
    )
    participants = list(
        participants_with_attendance(
            confirmed_participants(training_class=training_class), now=now
        )
        .select_related("person", "person__unit", "training_class")
        .order_by("person__full_name", "pk")
    )
    column = {session.pk: index for index, session in enumerate(sessions)}
    marks: dict[int, list[AttendanceRecord | None]] = {
        p.pk: [None] * len(sessions) for p in participants
    }
    for mark in AttendanceRecord.objects.filter(
        session__training_class=training_class,
        participant__status=Participant.Status.CONFIRMED,
    ).select_related("status"):
        row = marks.get(mark.participant_id)
        if row is not None and mark.session_id in column:
            row[column[mark.session_id]] = mark
    held = sum(1 for session in sessions if getattr(session, "is_held", False))
    rows = [
        MatrixRow(
            participant=p,
            marks=marks[p.pk],
            percent=_float_or_none(getattr(p, "attendance_percent", None)),
            points=int(getattr(p, "attendance_points", 0)),
        )
        for p in participants
    ]
    return AttendanceMatrix(
        training_class=training_class, sessions=sessions, held=held, rows=rows
    )


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


# A class's figures


@dataclass(frozen=True)
class Breakdown:
    """Counts of a class's confirmed participants by one attribute."""

    rows: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return sum(count for _label, count in self.rows)


def participants_by_sex(*, training_class: TrainingClass) -> Breakdown:
    labels = dict(User.Sex.choices)
    counts = (
        confirmed_participants(training_class=training_class)
        .order_by()
        .values("person__sex")
        .annotate(n=Count("pk"))
        .order_by("person__sex")
    )
    return Breakdown(
        rows=[
            (str(labels.get(row["person__sex"], NOT_GIVEN)), row["n"]) for row in counts
        ]
    )


def participants_by_ethnicity(*, training_class: TrainingClass) -> Breakdown:
    """Ethnicity only of people who consented to record it; the rest are
    counted as "not given" (Personal Data Protection Law: it is sensitive)."""
    consented = Q(person__ethnicity_consent_at__isnull=False) & Q(
        person__ethnicity__isnull=False
    )
    base = confirmed_participants(training_class=training_class).order_by()
    counts = list(
        base.filter(consented)
        .values("person__ethnicity__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "person__ethnicity__name")
    )
    rows = [(str(row["person__ethnicity__name"]), int(row["n"])) for row in counts]
    not_given = base.exclude(consented).count()
    if not_given:
        rows.append((str(NOT_GIVEN), not_given))
    return Breakdown(rows=rows)


def participants_by_target_group(*, training_class: TrainingClass) -> Breakdown:
    """A person may belong to several target groups: each group counts them."""
    base = confirmed_participants(training_class=training_class).order_by()
    counts = list(
        base.filter(person__target_groups__isnull=False)
        .values("person__target_groups__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "person__target_groups__name")
    )
    rows = [(str(row["person__target_groups__name"]), int(row["n"])) for row in counts]
    none = base.filter(person__target_groups__isnull=True).count()
    if none:
        rows.append((str(NO_TARGET_GROUP), none))
    return Breakdown(rows=rows)


def participants_by_unit(*, training_class: TrainingClass) -> Breakdown:
    counts = (
        confirmed_participants(training_class=training_class)
        .order_by()
        .values("person__unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "person__unit__name")
    )
    return Breakdown(
        rows=[
            (str(row["person__unit__name"] or NO_UNIT), int(row["n"])) for row in counts
        ]
    )


@dataclass(frozen=True)
class SessionHours:
    session: Session
    hours: float
    weighted_attendance: float
    participant_hours: float


def participant_hours(*, training_class: TrainingClass) -> list[SessionHours]:
    """Training hours delivered, per session: the session's hours × its weighted
    attendance (Σ weight/100 of its marks, so a late arrival counts at the late
    weight, an absence not at all). The class's total is their sum. One query
    for the sessions with their weights summed in the database."""
    sessions = training_class.sessions.annotate(
        weight_sum=Coalesce(
            Sum(
                "attendance__status__weight",
                filter=Q(attendance__participant__status=Participant.Status.CONFIRMED),
            ),
            Value(0),
        )
    ).order_by("date", "starts_at", "pk")
    result = []
    for session in sessions:
        weighted = int(getattr(session, "weight_sum", 0)) / 100
        result.append(
            SessionHours(
                session=session,
                hours=session.hours,
                weighted_attendance=weighted,
                participant_hours=round(session.hours * weighted, 2),
            )
        )
    return result


def class_participant_hours(*, training_class: TrainingClass) -> float:
    return round(
        sum(
            row.participant_hours
            for row in participant_hours(training_class=training_class)
        ),
        2,
    )


# Knowledge gain


@dataclass(frozen=True)
class KnowledgeGain:
    """Average pre-test and post-test grades (%) of the participants who took both."""

    participants: int
    pre_average: Decimal | None
    post_average: Decimal | None

    @property
    def gain(self) -> Decimal | None:
        if self.pre_average is None or self.post_average is None:
            return None
        return self.post_average - self.pre_average


def _final_grade_subquery(quiz: Quiz) -> Subquery:
    """A participant's final grade (%) for `quiz` by its grading method, as a
    subquery on the participant's person (assessments.selectors.quiz_final_grade
    in the database)."""
    attempts = Attempt.objects.filter(
        quiz=quiz,
        learner=OuterRef("person"),
        state=Attempt.State.GRADED,
        max_score__gt=0,
        score__isnull=False,
    ).annotate(
        percent=Cast(F("score"), FloatField())
        * Value(100.0)
        / Cast(F("max_score"), FloatField())
    )
    method = quiz.grading_method
    if method == Quiz.GradingMethod.FIRST:
        return Subquery(attempts.order_by("number").values("percent")[:1])
    if method == Quiz.GradingMethod.LAST:
        return Subquery(attempts.order_by("-number").values("percent")[:1])
    aggregate = Avg if method == Quiz.GradingMethod.AVERAGE else Max
    return Subquery(
        attempts.order_by()
        .values("learner")
        .annotate(g=aggregate("percent"))
        .values("g"),
        output_field=FloatField(),
    )


def knowledge_gain(*, training_class: TrainingClass) -> KnowledgeGain | None:
    """Pre/post-test knowledge gain of the confirmed participants who have a
    graded result in both; None when the class sets no pre- or post-test."""
    pre, post = training_class.pre_test, training_class.post_test
    if pre is None or post is None:
        return None
    grades = (
        confirmed_participants(training_class=training_class)
        .annotate(pre=_final_grade_subquery(pre), post=_final_grade_subquery(post))
        .filter(pre__isnull=False, post__isnull=False)
    )
    totals = grades.aggregate(n=Count("pk"), pre_avg=Avg("pre"), post_avg=Avg("post"))
    return KnowledgeGain(
        participants=int(totals["n"]),
        pre_average=_round(totals["pre_avg"]),
        post_average=_round(totals["post_avg"]),
    )


def _round(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


# The quiz reports' "by class" filter (registered with assessments in ready())

CLASS_FILTER_KEY = "training_class"


def classes_for_quiz_report(user: User, quiz: Any) -> list[tuple[str, str]]:
    """The classes this user may see, as the filter's (value, label) choices:
    those that set the quiz as a pre- or post-test first, then the rest."""
    classes = visible_to(user, TrainingClass.objects.all()).annotate(
        uses_quiz=Q(pre_test=quiz) | Q(post_test=quiz)
    )
    return [
        (str(pk), f"{code} – {title}")
        for pk, code, title in classes.order_by(
            "-uses_quiz", "-starts_on", "code"
        ).values_list("pk", "code", "title")
    ]


def learners_of_class(user: User, value: str) -> QuerySet[User]:
    """The confirmed participants of the class, if the user may see it."""
    visible = visible_to(user, TrainingClass.objects.all())
    try:
        class_id = int(value)
    except (TypeError, ValueError):
        return User.objects.none()
    return User.objects.filter(
        class_registrations__training_class__in=visible.filter(pk=class_id),
        class_registrations__status=Participant.Status.CONFIRMED,
    )
