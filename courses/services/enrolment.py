"""Enrolment, lesson progress and course completion: the rules live here."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress
from courses.selectors import (
    course_has_live_lesson,
    learning_enrolment,
    learning_progress,
    live_lesson,
)
from courses.signals import course_completed
from people.models import User

logger = logging.getLogger("courses")

ALREADY_ENROLLED = _("You are already enrolled in this course.")
ALREADY_REQUESTED = _(
    "Your request to join this course is already waiting for approval."
)
ASSIGNED_ONLY = _("This course is assigned by your unit; you cannot enrol yourself.")
COURSE_NOT_LIVE = _("This course is not open.")
COURSE_HAS_NO_LESSONS = _(
    "This course has no published lessons yet, so it is not open for enrolment."
)
NOT_ENROLLED = _("You are not enrolled in this course.")
LESSON_NEEDS_QUIZ = _("Pass this lesson's quiz to complete it.")
LESSON_TIME_NOT_SPENT = _(
    "Spend a little more time on this lesson before marking it complete "
    "(at least %(minutes)s minutes in all)."
)
NOT_PENDING = _("This request is no longer waiting for approval.")
NOT_APPROVED = _(
    "Your request to join this course was not approved. "
    "Ask your unit or the course's trainers if you think this is a mistake."
)

# Each heartbeat may add at most this much time: a tab left open all night counts
# for a few minutes, not hours.
HEARTBEAT_INTERVAL_SECONDS = 30
HEARTBEAT_MAX_SECONDS = 60
# Share of a lesson's estimated time a learner must spend before completing it.
REQUIRED_TIME_SHARE = 0.5
VIEW_RECORD_MIN_INTERVAL = timedelta(seconds=60)
CLOSED_STATUSES = (Enrolment.Status.REJECTED, Enrolment.Status.WITHDRAWN)
# A heartbeat may claim a little more than the server measured (network jitter)
# before it is logged as forged.
HEARTBEAT_TOLERANCE_SECONDS = 5


@dataclass(frozen=True)
class EnrolmentResult:
    enrolment: Enrolment
    created: bool
    message: str


def _course_lessons(course: CoursePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.live().descendant_of(course)


def enrolment_create(
    *,
    learner: User,
    course: CoursePage,
    source: str = Enrolment.Source.SELF,
    assigned_by: User | None = None,
    due_date: date | None = None,
) -> EnrolmentResult:
    """Enrol a learner; open courses at once, approval courses as a request.

    Enrolling twice gives back the existing enrolment with a friendly message.
    Assigned-only courses accept only assignments (and training classes).
    """
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    if not course_has_live_lesson(course=course):
        raise ValidationError(COURSE_HAS_NO_LESSONS)
    existing = Enrolment.objects.filter(learner=learner, course=course).first()
    mode = course.enrolment_mode
    if existing is not None and existing.status in CLOSED_STATUSES:
        return _enrolment_reopen(
            existing,
            mode=mode,
            source=source,
            assigned_by=assigned_by,
            due_date=due_date,
        )
    if existing is not None:
        if (
            source != Enrolment.Source.SELF
            and due_date
            and existing.due_date != due_date
        ):
            existing.due_date = due_date
            existing.save(update_fields=["due_date"])
        message = (
            ALREADY_REQUESTED
            if existing.status == Enrolment.Status.PENDING
            else ALREADY_ENROLLED
        )
        return EnrolmentResult(existing, False, str(message))
    if source == Enrolment.Source.SELF and mode == CoursePage.EnrolmentMode.ASSIGNED:
        raise PermissionDenied(ASSIGNED_ONLY)
    status = Enrolment.Status.ACTIVE
    if source == Enrolment.Source.SELF and mode == CoursePage.EnrolmentMode.APPROVAL:
        status = Enrolment.Status.PENDING
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                learner=learner,
                course=course,
                source=source,
                status=status,
                assigned_by=assigned_by,
                due_date=due_date,
                approved_at=timezone.now()
                if status == Enrolment.Status.ACTIVE
                else None,
            )
    except IntegrityError:
        # Two clicks at once: the unique constraint let one through.
        enrolment = Enrolment.objects.get(learner=learner, course=course)
        return EnrolmentResult(enrolment, False, str(ALREADY_ENROLLED))
    if status == Enrolment.Status.PENDING:
        return EnrolmentResult(
            enrolment, True, str(_("Your request has been sent for approval."))
        )
    return EnrolmentResult(enrolment, True, str(_("You are enrolled. Good learning!")))


def _enrolment_reopen(
    enrolment: Enrolment,
    *,
    mode: str,
    source: str,
    assigned_by: User | None,
    due_date: date | None,
) -> EnrolmentResult:
    """A refused request stays refused for the learner; a withdrawn enrolment
    may start again, and an assignment reopens either."""
    if source == Enrolment.Source.SELF:
        if enrolment.status == Enrolment.Status.REJECTED:
            return EnrolmentResult(enrolment, False, str(NOT_APPROVED))
        if mode == CoursePage.EnrolmentMode.ASSIGNED:
            raise PermissionDenied(ASSIGNED_ONLY)
    pending = (
        source == Enrolment.Source.SELF and mode == CoursePage.EnrolmentMode.APPROVAL
    )
    now = timezone.now()
    enrolment.status = Enrolment.Status.PENDING if pending else Enrolment.Status.ACTIVE
    enrolment.source = source
    enrolment.assigned_by = assigned_by
    enrolment.due_date = due_date
    enrolment.approved_at = None if pending else now
    enrolment.enrolled_at = now
    enrolment.save(
        update_fields=[
            "status",
            "source",
            "assigned_by",
            "due_date",
            "approved_at",
            "enrolled_at",
        ]
    )
    if pending:
        return EnrolmentResult(
            enrolment, True, str(_("Your request has been sent for approval."))
        )
    enrolment_progress_recompute(enrolment=enrolment)
    return EnrolmentResult(enrolment, True, str(_("You are enrolled. Good learning!")))


@transaction.atomic
def enrolment_decide(
    *, enrolment: Enrolment, approve: bool, decided_by: User
) -> Enrolment:
    """Approve or refuse a pending request."""
    updated = Enrolment.objects.filter(
        pk=enrolment.pk, status=Enrolment.Status.PENDING
    ).update(
        status=Enrolment.Status.ACTIVE if approve else Enrolment.Status.REJECTED,
        source=Enrolment.Source.APPROVAL,
        approved_at=timezone.now() if approve else None,
        assigned_by=decided_by,
    )
    if not updated:
        raise ValidationError(NOT_PENDING)
    enrolment.refresh_from_db()
    return enrolment


def lesson_view_record(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    progress: LessonProgress | None = None,
) -> LessonProgress:
    """Note that the learner opened the lesson; it becomes where they resume.

    Reloading the same lesson within VIEW_RECORD_MIN_INTERVAL writes nothing:
    the record would not change in any way that matters, and writes are the
    dearest part of a page view. `progress`, the lesson's row when the caller
    already read it (courses.selectors.lesson_learning), saves reading it again.
    """
    now = timezone.now()
    created = False
    if progress is None:
        progress, created = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson
        )
    if (
        not created
        and enrolment.resume_lesson_id == lesson.pk
        and progress.last_viewed_at is not None
        and now - progress.last_viewed_at < VIEW_RECORD_MIN_INTERVAL
    ):
        return progress
    LessonProgress.objects.filter(pk=progress.pk).update(last_viewed_at=now)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        resume_lesson=lesson, last_activity_at=now
    )
    progress.last_viewed_at = now
    return progress


def _claimed_seconds(seconds: str | None, learner: User, lesson_id: int) -> int:
    """The seconds a beat claims, or 0 (logged) when they are not believable."""
    try:
        claimed = int(seconds or "")  # none posted: not a number either
    except (TypeError, ValueError):
        logger.warning(
            "heartbeat ignored: not a number (user=%s lesson=%s)", learner.pk, lesson_id
        )
        return 0
    if claimed <= 0 or claimed > HEARTBEAT_MAX_SECONDS:
        logger.warning(
            "heartbeat ignored: %s s out of range (user=%s lesson=%s)",
            claimed,
            learner.pk,
            lesson_id,
        )
        return 0
    return claimed


def _beat_count(
    *, progress: LessonProgress, enrolment_id: int, claimed: int, learner: User
) -> int:
    """Count a beat on this progress row; returns the seconds counted.

    Time is measured from the later of the last beat and the last opening of
    the page, so a beat cannot claim time the page was not open. The row is
    written only if neither moved since it was read (a beat or an opening at
    the same time): then this beat counts nothing, as it would have counted
    after the other one, and no transaction holds a lock across the read.
    """
    now = timezone.now()
    reference = max(
        (t for t in (progress.last_heartbeat_at, progress.last_viewed_at) if t),
        default=None,
    )
    since_last = (
        (now - reference).total_seconds() if reference else HEARTBEAT_MAX_SECONDS
    )
    if claimed > since_last + HEARTBEAT_TOLERANCE_SECONDS:
        logger.warning(
            "heartbeat capped: %s s claimed, %.0f s since last (user=%s lesson=%s)",
            claimed,
            since_last,
            learner.pk,
            progress.lesson_id,
        )
    counted = int(max(0, min(claimed, since_last)))
    written = LessonProgress.objects.filter(
        pk=progress.pk,
        last_heartbeat_at=progress.last_heartbeat_at,
        last_viewed_at=progress.last_viewed_at,
    ).update(
        time_spent_seconds=F("time_spent_seconds") + counted, last_heartbeat_at=now
    )
    if not written:
        return 0
    Enrolment.objects.filter(pk=enrolment_id).update(last_activity_at=now)
    return counted


def lesson_heartbeat_record(
    *, learner: User, lesson: LessonPage, seconds: str | None
) -> int:
    """Add time a learner spent on a lesson page; returns the seconds counted.

    Time is counted only for the learner's own enrolment, at most
    HEARTBEAT_MAX_SECONDS per beat and never more than the wall-clock time since
    the previous beat. Anything else is ignored and logged.
    """
    claimed = _claimed_seconds(seconds, learner, lesson.pk)
    if not claimed:
        return 0
    enrolment = learning_enrolment(learner=learner, lesson=lesson)
    if enrolment is None:
        logger.warning(
            "heartbeat ignored: not enrolled (user=%s lesson=%s)", learner.pk, lesson.pk
        )
        return 0
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    return _beat_count(
        progress=progress, enrolment_id=enrolment.pk, claimed=claimed, learner=learner
    )


def lesson_heartbeat_record_by_id(
    *, learner: User, lesson_id: int, seconds: str | None
) -> int | None:
    """lesson_heartbeat_record for a lesson known by its id; None: no live lesson.

    A beat comes every HEARTBEAT_INTERVAL_SECONDS from each open lesson page:
    when the page's visit made its progress row (the usual case) one query reads
    the row, checking the lesson is live and the learner's enrolment in its
    course is open, and one write counts the time (and one notes the activity).
    """
    claimed = _claimed_seconds(seconds, learner, lesson_id)
    if claimed:
        progress = learning_progress(learner=learner, lesson_id=lesson_id)
        if progress is not None:
            return _beat_count(
                progress=progress,
                enrolment_id=progress.enrolment_id,
                claimed=claimed,
                learner=learner,
            )
    lesson = live_lesson(lesson_id=lesson_id)
    if lesson is None:
        return None
    if not claimed:
        return 0
    return lesson_heartbeat_record(learner=learner, lesson=lesson, seconds=seconds)


def lesson_required_seconds(lesson: LessonPage) -> int:
    """Seconds to spend before completing; the share is a setting so an
    installation (or a browser test) can change it without code."""
    share = getattr(settings, "COURSES_LESSON_TIME_SHARE", REQUIRED_TIME_SHARE)
    return int(lesson.estimated_minutes * 60 * share)


@transaction.atomic
def lesson_complete(*, learner: User, lesson: LessonPage) -> LessonProgress:
    """Mark a lesson complete once enough time was spent on it; may complete the course."""
    enrolment = learning_enrolment(learner=learner, lesson=lesson)
    if enrolment is None:
        raise PermissionDenied(NOT_ENROLLED)
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    if progress.completed_at is None:
        if lesson.quiz_id:
            raise ValidationError(LESSON_NEEDS_QUIZ)
        required = lesson_required_seconds(lesson)
        if progress.time_spent_seconds < required:
            raise ValidationError(
                LESSON_TIME_NOT_SPENT, params={"minutes": max(1, round(required / 60))}
            )
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
    progress.enrolment = enrolment_progress_recompute(enrolment=enrolment)
    return progress


def enrolment_progress_recompute(*, enrolment: Enrolment) -> Enrolment:
    """Progress = completed required live lessons / required live lessons.

    When it reaches 1 the enrolment is completed and `course_completed` is sent,
    once. A completed enrolment stays completed when lessons are added later.
    """
    required = _course_lessons(enrolment.course).filter(is_required=True)
    total = required.count()
    done = LessonProgress.objects.filter(
        enrolment=enrolment, lesson__in=required, completed_at__isnull=False
    ).count()
    progress = 1.0 if total == 0 else done / total
    if enrolment.status == Enrolment.Status.COMPLETED:
        Enrolment.objects.filter(pk=enrolment.pk).update(
            progress=max(progress, enrolment.progress)
        )
        return enrolment
    fields: dict[str, object] = {"progress": progress}
    newly_completed = (
        progress >= 1 and total > 0 and enrolment.status == Enrolment.Status.ACTIVE
    )
    if newly_completed:
        fields.update(status=Enrolment.Status.COMPLETED, completed_at=timezone.now())
        # Only the update that flips the status sends the signal (no double send).
        flipped = Enrolment.objects.filter(
            pk=enrolment.pk, status=Enrolment.Status.ACTIVE
        ).update(**fields)
        enrolment.refresh_from_db()
        if flipped:
            transaction.on_commit(
                lambda: course_completed.send(sender=Enrolment, enrolment=enrolment)
            )
        return enrolment
    Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
    enrolment.progress = progress
    return enrolment


def course_progress_recompute(*, course: CoursePage) -> int:
    """Recompute every active enrolment of a course (lessons added, removed or
    unpublished) in a few queries, whatever the number of learners.

    Enrolments that now reach 100% go through enrolment_progress_recompute, so
    completion and its signal follow the one rule.
    """
    required = _course_lessons(course).filter(is_required=True)
    total = required.count()
    enrolments = (
        Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE)
        .select_related("course")
        .annotate(
            done=Count(
                "lesson_progress",
                filter=Q(
                    lesson_progress__lesson__in=required,
                    lesson_progress__completed_at__isnull=False,
                ),
            )
        )
    )
    changed, now_complete, count = [], [], 0
    for enrolment in enrolments:
        count += 1
        progress = 1.0 if total == 0 else enrolment.done / total
        if total and progress >= 1:
            now_complete.append(enrolment)
        elif progress != enrolment.progress:
            enrolment.progress = progress
            changed.append(enrolment)
    Enrolment.objects.bulk_update(changed, ["progress"], batch_size=500)
    for enrolment in now_complete:
        enrolment_progress_recompute(enrolment=enrolment)
    return count


def reminder_due_enrolments(
    *, today: date, days_before: int = 3
) -> QuerySet[Enrolment]:
    """Active enrolments due within `days_before` days that have had no reminder."""
    return Enrolment.objects.filter(
        status=Enrolment.Status.ACTIVE,
        due_date__isnull=False,
        due_date__gte=today,
        due_date__lte=today + timedelta(days=days_before),
        reminder_sent_at__isnull=True,
    )
