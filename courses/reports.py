"""Reads for the admin side of courses: the courses a person teaches and the
enrolments they may see (progress report, export, requests to approve).

Which enrolments a person sees is the access contract's rule (people.access;
Enrolment is registered in courses/apps.py): a trainer sees the learners of the
courses they own or are listed on, whatever their unit; a unit manager sees the
learners in their units; someone who is both sees both; an administrator sees
everything; anyone else sees nothing.
"""

from django.db.models import Q, QuerySet

from people.access import sees_everything, user_has_role, visible_to
from people.models import User
from people.roles import Role
from people.selectors import unit_subtree_q

from .models import CoursePage, Enrolment


def courses_taught_by(*, user: User) -> QuerySet[CoursePage]:
    """Courses this user owns (made in the admin) or is listed as a trainer of."""
    if not user.is_authenticated or not user.is_active:
        return CoursePage.objects.none()
    taught = CoursePage.objects.filter(Q(owner=user) | Q(trainers=user))
    return CoursePage.objects.filter(pk__in=taught.values("pk"))


def course_is_taught_by(*, course: CoursePage, user: User) -> bool:
    return courses_taught_by(user=user).filter(pk=course.pk).exists()


def teaches_a_course(user: User) -> bool:
    """A trainer's courses go to any unit: registered with people.access as
    the rule that offers them every unit (units_offered_to)."""
    return courses_taught_by(user=user).exists()


def courses_reportable_to(*, user: User) -> QuerySet[CoursePage]:
    """The courses offered in the report's course filter."""
    if sees_everything(user) or user_has_role(user, Role.UNIT_MANAGER):
        return CoursePage.objects.order_by("title")
    return courses_taught_by(user=user).order_by("title")


def enrolments_visible_to(*, user: User) -> QuerySet[Enrolment]:
    """The enrolments this user may list, export and decide on."""
    return visible_to(user, Enrolment.objects.all())


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
