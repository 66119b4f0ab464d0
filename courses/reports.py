"""Reads for the admin side of courses: the courses a person teaches and the
enrolments they may see (progress report, export, requests to approve).

A trainer sees the learners of the courses they own or are listed on, whatever
their unit; a unit manager sees the learners in their units, through
`people.selectors.users_visible_to`; someone who is both sees both; an
administrator sees everything; anyone else sees nothing.
"""

from django.db.models import Q, QuerySet

from people.models import AdminUnit, User
from people.roles import Role
from people.selectors import (
    unit_subtree_q,
    units_visible_to,
    user_has_role,
    user_sees_all_units,
    users_visible_to,
)

from .models import CoursePage, Enrolment


def courses_taught_by(*, user: User) -> QuerySet[CoursePage]:
    """Courses this user owns (made in the admin) or is listed as a trainer of."""
    if not user.is_authenticated or not user.is_active:
        return CoursePage.objects.none()
    taught = CoursePage.objects.filter(Q(owner=user) | Q(trainers=user))
    return CoursePage.objects.filter(pk__in=taught.values("pk"))


def course_is_taught_by(*, course: CoursePage, user: User) -> bool:
    return courses_taught_by(user=user).filter(pk=course.pk).exists()


def courses_reportable_to(*, user: User) -> QuerySet[CoursePage]:
    """The courses offered in the report's course filter."""
    if user_sees_all_units(user) or user_has_role(user, Role.UNIT_MANAGER):
        return CoursePage.objects.order_by("title")
    return courses_taught_by(user=user).order_by("title")


def units_reportable_to(*, user: User) -> QuerySet[AdminUnit]:
    """The units offered in the report's unit filter."""
    if user_sees_all_units(user) or courses_taught_by(user=user).exists():
        return AdminUnit.objects.order_by("path")
    return units_visible_to(user=user).order_by("path")


def enrolments_visible_to(*, user: User) -> QuerySet[Enrolment]:
    """The enrolments this user may list, export and decide on."""
    if not user.is_authenticated or not user.is_active:
        return Enrolment.objects.none()
    if user_sees_all_units(user):
        return Enrolment.objects.all()
    condition = Q(course__in=courses_taught_by(user=user).values("pk"))
    if user_has_role(user, Role.UNIT_MANAGER):
        condition |= Q(learner__in=users_visible_to(user=user).values("pk"))
    return Enrolment.objects.filter(condition)


def enrolment_report(*, user: User) -> QuerySet[Enrolment]:
    """Rows of the progress report, with what each row shows fetched at once."""
    return enrolments_visible_to(user=user).select_related(
        "learner", "learner__unit", "course"
    )


def enrolments_in_units(
    enrolments: QuerySet[Enrolment], *, units
) -> QuerySet[Enrolment]:
    """Narrow to learners in these units or below them."""
    return enrolments.filter(unit_subtree_q(units, prefix="learner__unit__"))


def enrolment_requests_visible_to(*, user: User) -> QuerySet[Enrolment]:
    """Requests to join approval courses that this user may approve or refuse."""
    return (
        enrolments_visible_to(user=user)
        .filter(status=Enrolment.Status.PENDING)
        .select_related("learner", "learner__unit", "course")
        .order_by("enrolled_at", "pk")
    )
