"""Assigning a course to many learners, and deciding requests to join a course.

Who may assign what to whom:

- a trainer assigns the courses they own or train, to people of any unit;
- a unit manager assigns any published course, to the people of their units
  (`people.selectors.users_visible_to`);
- an administrator assigns any published course to anyone.

The assignment is stored first (so nothing is half-done when an input is wrong)
and the enrolments are made in the background by `assign_course_task`, which
reports its progress in the cache, as the account import does.
"""

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import CourseAssignment, CoursePage, Enrolment
from courses.reports import (
    course_is_taught_by,
    courses_taught_by,
    enrolments_visible_to,
)
from courses.selectors import course_has_live_lesson, with_live_lessons
from courses.signals import course_assignment_created
from lms.progress import job_progress, job_progress_reporter
from people.access import (
    sees_everything,
    units_visible_to,
    user_has_role,
    users_visible_to,
    visible_to,
)
from people.models import AdminUnit, TargetGroup, User
from people.roles import Role
from people.selectors import unit_people_q

from .enrolment import COURSE_HAS_NO_LESSONS, enrolment_create, enrolment_decide
from .mail import mail_user

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

audit_log = logging.getLogger("lms.audit")
logger = logging.getLogger(__name__)

ASSIGN_PERMISSION = "courses.add_courseassignment"
DECIDE_PERMISSION = "courses.change_enrolment"

ASSIGN_NOT_ALLOWED = _(
    "You may assign only the courses you own or train or, as a unit manager, "
    "courses to the people of your units."
)
ASSIGN_COURSE_NOT_LIVE = _("This course is not published, so it cannot be assigned.")
DUE_DATE_NOT_IN_FUTURE = _("The due date must be after today.")
NOBODY_CHOSEN = _("Choose at least one learner, unit or target group.")
NOBODY_MATCHES = _("Nobody matches your choice, so there is no one to assign.")
UNITS_OUT_OF_SCOPE = _(
    "You do not manage these units, so you cannot assign to them: %(units)s."
)
LEARNERS_NOT_FOUND = _(
    "These accounts are not among the people you can assign this course to: %(names)s."
)
ASSIGNMENT_FAILED = _(
    "The assignment stopped because of an unexpected error. The enrolments made "
    "before it are kept; assign the course again to finish."
)
ASSIGNER_GONE = _("The account that made this assignment no longer exists.")
REQUEST_NOT_YOURS = _(
    "You can decide only requests for courses you train or from people of your units."
)

PROGRESS_EVERY = 100
LOOKUP_CHUNK_SIZE = 500


# --- Who may assign what to whom ---------------------------------------------------


def course_assignable_by(*, user: User, course: CoursePage) -> bool:
    if not user.is_authenticated or not user.has_perm(ASSIGN_PERMISSION):
        return False
    return (
        sees_everything(user)
        or user_has_role(user, Role.UNIT_MANAGER)
        or course_is_taught_by(course=course, user=user)
    )


def courses_assignable_by(*, user: User) -> QuerySet[CoursePage]:
    """Published courses this user may assign (the form's choice list)."""
    if not user.is_authenticated or not user.has_perm(ASSIGN_PERMISSION):
        return CoursePage.objects.none()
    if sees_everything(user) or user_has_role(user, Role.UNIT_MANAGER):
        courses = CoursePage.objects.all()
    else:
        courses = courses_taught_by(user=user)
    return with_live_lessons(courses.live()).order_by("title")


def _assigns_anywhere(*, user: User, course: CoursePage | None) -> bool:
    return sees_everything(user) or (
        course is not None and course_is_taught_by(course=course, user=user)
    )


def learners_assignable_by(*, user: User, course: CoursePage) -> QuerySet[User]:
    """The people this user may give this course to."""
    if not course_assignable_by(user=user, course=course):
        return User.objects.none()
    if _assigns_anywhere(user=user, course=course):
        return User.objects.filter(is_active=True)
    return users_visible_to(user=user).filter(is_active=True)


def learners_by_identifier(
    *, identifiers: Iterable[str], among: QuerySet[User]
) -> tuple[list[User], list[str]]:
    """Accounts named by username or e-mail (any case), among `among`; and the
    names not found there. Someone outside `among` reads as "not found", so the
    answer never tells whether an account exists elsewhere."""
    wanted: dict[str, str] = {}
    for raw in identifiers:
        name = raw.strip()
        if name:
            wanted.setdefault(name.casefold(), name)
    found: dict[int, User] = {}
    matched: set[str] = set()
    keys = list(wanted)
    for start in range(0, len(keys), LOOKUP_CHUNK_SIZE):
        chunk = keys[start : start + LOOKUP_CHUNK_SIZE]
        users = among.annotate(
            _username=Lower("username"), _email=Lower("email")
        ).filter(Q(_username__in=chunk) | Q(_email__in=chunk))
        for user in users:
            found[user.pk] = user
            matched.update({user.username.casefold(), user.email.casefold()})
    missing = [name for key, name in wanted.items() if key not in matched]
    return list(found.values()), missing


def _recipients_q(
    *,
    learner_ids: Iterable[int] | QuerySet[User, dict[str, int]],
    units: Sequence[AdminUnit],
    groups: Sequence[TargetGroup],
) -> Q:
    """Chosen people, plus everyone in the units (and below) who is in the
    target groups; units or groups alone are enough."""
    condition = Q(pk__in=learner_ids)
    if units or groups:
        crowd = Q()
        if units:
            crowd &= unit_people_q(units, prefix="unit__")
        if groups:
            crowd &= Q(target_groups__in=list(groups))
        condition |= crowd
    return condition


def _recipients(
    *,
    base: QuerySet[User],
    learner_ids: Iterable[int] | QuerySet[User, dict[str, int]],
    units: Sequence[AdminUnit],
    groups: Sequence[TargetGroup],
) -> QuerySet[User]:
    matching = base.filter(
        _recipients_q(learner_ids=learner_ids, units=units, groups=groups)
    )
    return User.objects.filter(pk__in=matching.values("pk")).order_by("pk")


def assignment_recipients(*, assignment: CourseAssignment) -> QuerySet[User]:
    """The learners of an assignment, within its author's scope as it is now."""
    if assignment.assigned_by is None:
        return User.objects.none()
    return _recipients(
        base=learners_assignable_by(
            user=assignment.assigned_by, course=assignment.course
        ),
        learner_ids=assignment.learners.values("pk"),
        units=list(assignment.units.all()),
        groups=list(assignment.target_groups.all()),
    )


# --- Creating and running an assignment ---------------------------------------------


@transaction.atomic
def course_assignment_create(
    *,
    course: CoursePage,
    assigned_by: User,
    due_date: date | None,
    learners: Sequence[User] = (),
    units: Sequence[AdminUnit] = (),
    target_groups: Sequence[TargetGroup] = (),
    today: date | None = None,
) -> CourseAssignment:
    """Check an assignment, store it and have it carried out in the background.

    Nothing is stored when the course, the due date or anyone chosen is out of
    bounds for the person assigning.
    """
    if not course_assignable_by(user=assigned_by, course=course):
        raise PermissionDenied(ASSIGN_NOT_ALLOWED)
    errors: dict[str, list[ValidationError]] = {}
    if not course.live:
        errors["course"] = [ValidationError(ASSIGN_COURSE_NOT_LIVE)]
    elif not course_has_live_lesson(course=course):
        errors["course"] = [ValidationError(COURSE_HAS_NO_LESSONS)]
    today = today or timezone.localdate()
    if due_date is None or due_date <= today:
        errors["due_date"] = [ValidationError(DUE_DATE_NOT_IN_FUTURE)]
    units = list(units)
    target_groups = list(target_groups)
    learners = list(learners)
    if not (units or target_groups or learners):
        errors["__all__"] = [ValidationError(NOBODY_CHOSEN)]
    if units and not _assigns_anywhere(user=assigned_by, course=course):
        visible = set(
            units_visible_to(user=assigned_by)
            .filter(pk__in=[u.pk for u in units])
            .values_list("pk", flat=True)
        )
        outside = [str(u) for u in units if u.pk not in visible]
        if outside:
            errors["units"] = [
                ValidationError(
                    UNITS_OUT_OF_SCOPE, params={"units": ", ".join(outside)}
                )
            ]
    base = learners_assignable_by(user=assigned_by, course=course)
    if learners:
        allowed = set(
            base.filter(pk__in=[u.pk for u in learners]).values_list("pk", flat=True)
        )
        outside = [u.username for u in learners if u.pk not in allowed]
        if outside:
            errors["learners"] = [
                ValidationError(
                    LEARNERS_NOT_FOUND, params={"names": ", ".join(outside)}
                )
            ]
    if not errors and not (
        _recipients(
            base=base,
            learner_ids=[u.pk for u in learners],
            units=units,
            groups=target_groups,
        ).exists()
    ):
        errors["__all__"] = [ValidationError(NOBODY_MATCHES)]
    if errors or due_date is None:  # no due date is one of the errors
        raise ValidationError(errors)
    assignment = CourseAssignment.objects.create(
        course=course, assigned_by=assigned_by, due_date=due_date
    )
    assignment.learners.set(learners)
    assignment.units.set(units)
    assignment.target_groups.set(target_groups)
    audit_log.info(
        "course assigned: assignment=%s course=%s user=%s learners=%s units=%s "
        "groups=%s",
        assignment.pk,
        course.pk,
        assigned_by.pk,
        len(learners),
        [u.pk for u in units],
        [g.pk for g in target_groups],
    )
    job_progress_reporter("course-assignment", assignment.pk)(0, 0)
    course_assignment_created.send(sender=CourseAssignment, assignment=assignment)
    return assignment


def course_assignment_progress(*, assignment: CourseAssignment) -> dict:
    """Status from the database, learners done from the cache (the worker's
    counts reach the database only at the end)."""
    progress = job_progress("course-assignment", assignment.pk)
    return {
        "status": assignment.status,
        "status_label": str(assignment.get_status_display()),
        "is_running": assignment.status
        in (CourseAssignment.Status.QUEUED, CourseAssignment.Status.RUNNING),
        "done": progress.get("done", 0),
        "total": progress.get("total", assignment.total_count),
    }


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _assignment_context(
    *, enrolment: Enrolment, assigned_by: User
) -> Callable[[], dict[str, object]]:
    def context() -> dict[str, object]:
        course = enrolment.course
        return {
            "name": enrolment.learner.get_full_name() or enrolment.learner.username,
            "assigner": assigned_by.get_full_name() or assigned_by.username,
            "title": course.title,
            # An assignment always gives its enrolments a due date.
            "due": date_format(enrolment.due_date, "d/m/Y")
            if enrolment.due_date
            else "",
            "url": course.get_full_url() or "",
        }

    return context


def course_assignment_apply(*, assignment: CourseAssignment) -> None:
    """Enrol every learner of an assignment and tell them by e-mail.

    Runs only while the assignment is queued or running, so a second run of a
    finished one does nothing; a run cut short can be run again, as existing
    enrolments are kept (their due date updated) and learners already told are
    not told twice.
    """
    updated = CourseAssignment.objects.filter(
        pk=assignment.pk,
        status__in=[CourseAssignment.Status.QUEUED, CourseAssignment.Status.RUNNING],
    ).update(status=CourseAssignment.Status.RUNNING)
    if not updated:
        return
    assignment.refresh_from_db()
    assigner = assignment.assigned_by
    if assigner is None:
        _finish_failed(assignment, ASSIGNER_GONE)
        return
    report = job_progress_reporter("course-assignment", assignment.pk)
    try:
        course = assignment.course
        learner_ids = list(
            assignment_recipients(assignment=assignment).values_list("pk", flat=True)
        )
        total = len(learner_ids)
        CourseAssignment.objects.filter(pk=assignment.pk).update(total_count=total)
        report(0, total)
        created = kept = done = 0
        for chunk in _chunks(learner_ids, PROGRESS_EVERY):
            before = {
                e.learner_id: (e.status, e.due_date)
                for e in Enrolment.objects.filter(course=course, learner_id__in=chunk)
            }
            learners = User.objects.in_bulk(chunk)
            for learner_id in chunk:
                with transaction.atomic():
                    is_new = _assign_one(
                        learner=learners[learner_id],
                        course=course,
                        assignment=assignment,
                        assigner=assigner,
                        before=before.get(learner_id),
                    )
                if is_new:
                    created += 1
                else:
                    kept += 1
            done += len(chunk)
            report(done, total)
        CourseAssignment.objects.filter(pk=assignment.pk).update(
            status=CourseAssignment.Status.DONE,
            created_count=created,
            updated_count=kept,
            finished_at=timezone.now(),
        )
    except Exception:
        logger.exception("course assignment %s failed", assignment.pk)
        _finish_failed(assignment, ASSIGNMENT_FAILED)
        return
    assignment.refresh_from_db()


def _assign_one(
    *,
    learner: User,
    course: CoursePage,
    assignment: CourseAssignment,
    assigner: User,
    before: tuple[str, date | None] | None,
) -> bool:
    """Enrol one learner; True when the enrolment is new."""
    result = enrolment_create(
        learner=learner,
        course=course,
        source=Enrolment.Source.ASSIGNED,
        assigned_by=assigner,
        due_date=assignment.due_date,
    )
    enrolment = result.enrolment
    changed = result.created
    if before is not None:
        status, due_date = before
        if status == Enrolment.Status.PENDING:
            # Being assigned answers the learner's own request to join.
            try:
                enrolment = enrolment_decide(
                    enrolment=enrolment, approve=True, decided_by=assigner
                )
                changed = True
            except ValidationError:  # decided meanwhile by someone else
                enrolment.refresh_from_db()
        changed = changed or due_date != assignment.due_date
    if changed and enrolment.status in (
        Enrolment.Status.ACTIVE,
        Enrolment.Status.COMPLETED,
    ):
        mail_user(
            user=learner,
            template_prefix="courses/emails/course_assigned",
            context=_assignment_context(enrolment=enrolment, assigned_by=assigner),
        )
    return result.created


def _finish_failed(assignment: CourseAssignment, message: "StrOrPromise") -> None:
    CourseAssignment.objects.filter(pk=assignment.pk).update(
        status=CourseAssignment.Status.FAILED,
        failure_message=str(message),
        finished_at=timezone.now(),
    )
    assignment.refresh_from_db()


def course_assignments_visible_to(*, user: User) -> QuerySet[CourseAssignment]:
    """Administrators see every assignment; anyone else their own."""
    if not user.is_authenticated or not user.has_perm(ASSIGN_PERMISSION):
        return CourseAssignment.objects.none()
    return visible_to(
        user, CourseAssignment.objects.select_related("course", "assigned_by")
    )


# --- Requests to join approval courses ----------------------------------------------


class _Mail(TypedDict):
    template_prefix: str
    context: Callable[[], dict[str, object]]


def _decision_mail(enrolment: Enrolment) -> _Mail:
    """The template and context of the mail that tells a learner the decision."""

    def context() -> dict[str, object]:
        return {
            "name": enrolment.learner.get_full_name() or enrolment.learner.username,
            "title": enrolment.course.title,
            "url": enrolment.course.get_full_url() or "",
        }

    approved = enrolment.status == Enrolment.Status.ACTIVE
    return {
        "template_prefix": "courses/emails/enrolment_request_"
        + ("approved" if approved else "refused"),
        "context": context,
    }


@transaction.atomic
def enrolment_request_decide(
    *, enrolment: Enrolment, approve: bool, decided_by: User
) -> Enrolment:
    """Approve or refuse a request to join, as a trainer of the course or a
    manager of the learner's unit, and tell the learner."""
    if (
        not decided_by.has_perm(DECIDE_PERMISSION)
        or not enrolments_visible_to(user=decided_by).filter(pk=enrolment.pk).exists()
    ):
        raise PermissionDenied(REQUEST_NOT_YOURS)
    enrolment = enrolment_decide(
        enrolment=enrolment, approve=approve, decided_by=decided_by
    )
    mail_user(user=enrolment.learner, **_decision_mail(enrolment))
    return enrolment
