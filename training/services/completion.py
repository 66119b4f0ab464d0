"""When a participant completes a class, and the low-attendance warnings.

A confirmed participant completes the class when, together:

- their attendance reaches the class's threshold, counted over *all* the
  class's sessions (the sum of their marks' weights ≥ threshold × sessions), so
  it can only grow and nobody completes after the first morning of a week;
- they passed the post-test, if the class sets one (assessments' pass rule);
- their enrolment in the class's course is complete, if the class delivers one.

`completed_at` is set once, by a conditional update, and `class_completed` is
sent once after the transaction commits, however many times and from however
many workers the update runs. A completion is never taken back.

Low-attendance warnings go out once per participant (`low_attendance_warned_at`)
once at least half the class's sessions have been held, with a summary to the
class's trainers; percentages are those of training.selectors (sessions held).
"""

from collections.abc import Callable, Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format

from assessments.selectors import quiz_passed_by
from courses.models import Enrolment
from courses.services.mail import mail_user
from people.models import User
from training.models import AttendanceRecord, Participant, TrainingClass
from training.selectors.attendance import participants_with_attendance, sessions_held
from training.signals import class_completed


def participant_attendance_met(*, participant: Participant) -> bool:
    """Whether the marks reach the threshold over all the class's sessions."""
    training_class = participant.training_class
    sessions = training_class.sessions.count()
    if not sessions:
        return False
    points = (
        AttendanceRecord.objects.filter(
            participant=participant, session__training_class=training_class
        ).aggregate(points=Sum("status__weight"))["points"]
        or 0
    )
    return points >= training_class.attendance_threshold * sessions


def participant_completion_met(*, participant: Participant) -> bool:
    """All of the class's completion conditions, cheapest first."""
    training_class = participant.training_class
    if participant.status != Participant.Status.CONFIRMED:
        return False
    if not participant_attendance_met(participant=participant):
        return False
    post_test = training_class.post_test
    if post_test is not None and not quiz_passed_by(
        quiz=post_test, learner=participant.person
    ):
        return False
    return training_class.course_id is None or (
        Enrolment.objects.filter(
            learner_id=participant.person_id,
            course_id=training_class.course_id,
            status=Enrolment.Status.COMPLETED,
        ).exists()
    )


@transaction.atomic
def participant_completion_update(
    *, participant: Participant, now: datetime | None = None
) -> bool:
    """Complete the participant if every condition holds; True only the one
    time this call completed them (and queued `class_completed`)."""
    if participant.completed_at is not None:
        return False
    if not participant_completion_met(participant=participant):
        return False
    completed_at = now or timezone.now()
    claimed = Participant.objects.filter(
        pk=participant.pk, completed_at__isnull=True
    ).update(completed_at=completed_at)
    if not claimed:
        return False
    participant.completed_at = completed_at
    transaction.on_commit(
        lambda: class_completed.send(sender=Participant, participant=participant)
    )
    return True


def participants_completion_update(*, participant_ids: Iterable[int]) -> int:
    """Update every participant listed who has not completed yet; how many did."""
    pending = (
        Participant.objects.filter(
            pk__in=list(participant_ids),
            completed_at__isnull=True,
            status=Participant.Status.CONFIRMED,
        )
        .select_related("training_class", "training_class__post_test", "person")
        .order_by("pk")
    )
    return sum(
        participant_completion_update(participant=participant)
        for participant in pending
    )


def participants_awaiting_quiz(*, quiz_id: int, person_id: int) -> list[int]:
    """The person's uncompleted registrations in classes whose post-test is the quiz."""
    return list(
        Participant.objects.filter(
            person_id=person_id,
            training_class__post_test_id=quiz_id,
            completed_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def participants_awaiting_course(*, course_id: int, person_id: int) -> list[int]:
    """The person's uncompleted registrations in classes that deliver the course."""
    return list(
        Participant.objects.filter(
            person_id=person_id,
            training_class__course_id=course_id,
            completed_at__isnull=True,
        ).values_list("pk", flat=True)
    )


# Low-attendance warnings


def class_due_for_warnings(
    *, training_class: TrainingClass, now: datetime | None = None
) -> bool:
    """At least half the sessions held: before that, one absence says little."""
    total = training_class.sessions.count()
    held = sessions_held(training_class=training_class, now=now).count()
    return total > 0 and held * 2 >= total


def low_attendance_warnings_send(
    *, training_class: TrainingClass, now: datetime | None = None
) -> list[Participant]:
    """E-mail each confirmed participant below the threshold, once, and send the
    class's trainers a summary of those warned this time. Returns them."""
    if training_class.status == TrainingClass.Status.CANCELLED:
        return []
    if not class_due_for_warnings(training_class=training_class, now=now):
        return []
    below = (
        participants_with_attendance(
            training_class.participants.filter(
                status=Participant.Status.CONFIRMED,
                low_attendance_warned_at__isnull=True,
                completed_at__isnull=True,
            ),
            now=now,
        )
        .filter(Q(attendance_percent__lt=training_class.attendance_threshold))
        .select_related("person")
        .order_by("person__full_name", "pk")
    )
    warned: list[Participant] = []
    stamp = now or timezone.now()
    for participant in below:
        with transaction.atomic():
            claimed = Participant.objects.filter(
                pk=participant.pk, low_attendance_warned_at__isnull=True
            ).update(low_attendance_warned_at=stamp)
            if not claimed:
                continue
            percent = round(float(getattr(participant, "attendance_percent", 0)))
            mail_user(
                user=participant.person,
                template_prefix="training/emails/low_attendance",
                context=_warning_context(training_class, participant.person, percent),
            )
            warned.append(participant)
    if warned:
        _mail_trainers(training_class, warned)
    return warned


def _class_context(training_class: TrainingClass) -> dict[str, object]:
    return {
        "code": training_class.code,
        "title": training_class.title,
        "threshold": training_class.attendance_threshold,
        "ends_on": date_format(training_class.ends_on, "d/m/Y"),
    }


def _warning_context(
    training_class: TrainingClass, person: User, percent: int
) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        return {
            **_class_context(training_class),
            "name": person.get_full_name() or person.username,
            "percent": percent,
        }

    return context


def _mail_trainers(training_class: TrainingClass, warned: list[Participant]) -> None:
    people = [
        {
            "name": p.person.get_full_name() or p.person.username,
            "percent": round(float(getattr(p, "attendance_percent", 0))),
        }
        for p in warned
    ]
    for trainer in training_class.trainers.filter(is_active=True).order_by("pk"):

        def context(trainer: User = trainer) -> dict[str, object]:
            return {
                **_class_context(training_class),
                "name": trainer.get_full_name() or trainer.username,
                "participants": people,
                "count": len(people),
            }

        mail_user(
            user=trainer,
            template_prefix="training/emails/low_attendance_summary",
            context=context,
        )


def classes_due_for_warnings(*, now: datetime | None = None) -> list[int]:
    """Classes running today (not cancelled): the daily warning run's list."""
    today = timezone.localdate(now or timezone.now())
    return list(
        TrainingClass.objects.exclude(status=TrainingClass.Status.CANCELLED)
        .filter(starts_on__lte=today, ends_on__gte=today)
        .values_list("pk", flat=True)
        .order_by("pk")
    )
