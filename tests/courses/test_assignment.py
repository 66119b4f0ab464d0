"""Assigning a course to many learners (Celery, progress), and deciding requests."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.forms_admin import UNIT_NOT_YOURS
from courses.models import CourseAssignment, CoursePage, Enrolment
from courses.services import (
    ASSIGN_COURSE_NOT_LIVE,
    DUE_DATE_NOT_IN_FUTURE,
    LEARNERS_NOT_FOUND,
    NOBODY_CHOSEN,
    NOT_PENDING,
    REQUEST_NOT_YOURS,
    UNITS_OUT_OF_SCOPE,
    course_assignment_apply,
    course_assignment_create,
    enrolment_request_decide,
)
from courses.tasks import assign_course_task
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories import TargetGroupFactory, UserFactory
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db

ADD = reverse("course_assignments:add")


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def people(district_a, commune_a, district_b, commune_b, learner):
    """Two learners in district A's subtree (one is `learner`), one in district B."""
    return {
        "a": learner,
        "a2": UserFactory(username="hv.binhson", unit=district_a, roles=[Role.LEARNER]),
        "b": UserFactory(username="hv.moduc", unit=commune_b, roles=[Role.LEARNER]),
    }


def form(course, **changes):
    data = {
        "course": course.pk,
        "due_date": in_days(30).strftime("%d/%m/%Y"),
        "learners": "",
        "units": [],
        "target_groups": [],
    }
    data.update(changes)
    return data


def assigned(course):
    return {
        e.learner.username: e
        for e in Enrolment.objects.filter(course=course).select_related("learner")
    }


# --- Happy paths -------------------------------------------------------------------------


def test_unit_manager_assigns_a_course_to_their_unit_subtree(
    client_for,
    unit_manager,
    people,
    district_a,
    trainer_course,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(unit_manager).post(
            ADD, form(trainer_course, units=[district_a.pk])
        )

    assignment = CourseAssignment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("course_assignments:detail", args=[assignment.pk])
    enrolments = assigned(trainer_course)
    assert set(enrolments) == {"learner", "hv.binhson", "manager"}
    for enrolment in enrolments.values():
        assert enrolment.source == Enrolment.Source.ASSIGNED
        assert enrolment.due_date == in_days(30)
        assert enrolment.assigned_by == unit_manager
        assert enrolment.status == Enrolment.Status.ACTIVE
    assignment.refresh_from_db()
    assert assignment.status == CourseAssignment.Status.DONE
    assert (assignment.total_count, assignment.created_count) == (3, 3)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        u.email for u in [people["a"], people["a2"], unit_manager]
    )
    assert trainer_course.title in mailoutbox[0].subject
    assert in_days(30).strftime("%d/%m/%Y") in mailoutbox[0].body


def test_assignment_page_shows_progress_and_the_result(
    client_for, unit_manager, people, district_a, trainer_course
):
    client = client_for(unit_manager)
    client.post(ADD, form(trainer_course, units=[district_a.pk]))
    assignment = CourseAssignment.objects.get()

    progress = client.get(reverse("course_assignments:progress", args=[assignment.pk]))
    detail = client.get(reverse("course_assignments:detail", args=[assignment.pk]))

    assert progress.json()["status"] == CourseAssignment.Status.QUEUED
    assert progress.json()["is_running"] is True
    assert detail.status_code == 200
    assert "data-account-import-progress" in detail.content.decode()

    assign_course_task(assignment.pk)
    progress = client.get(reverse("course_assignments:progress", args=[assignment.pk]))

    assert progress.json() | {"status_label": ""} == {
        "status": "done",
        "status_label": "",
        "is_running": False,
        "done": 3,
        "total": 3,
    }


def test_existing_enrolments_are_kept_with_their_due_date_updated(
    unit_manager, people, district_a, trainer_course, mailoutbox
):
    kept = make_enrolment(people["a"], trainer_course, progress=0.5)

    assignment = course_assignment_create(
        course=trainer_course,
        assigned_by=unit_manager,
        due_date=in_days(10),
        units=[district_a],
    )
    assign_course_task(assignment.pk)

    kept.refresh_from_db()
    assert kept.progress == 0.5
    assert kept.source == Enrolment.Source.SELF
    assert kept.due_date == in_days(10)
    assignment.refresh_from_db()
    assert (assignment.created_count, assignment.updated_count) == (2, 1)


def test_running_the_task_again_creates_and_sends_nothing_more(
    unit_manager, people, district_a, trainer_course, mailoutbox
):
    assignment = course_assignment_create(
        course=trainer_course,
        assigned_by=unit_manager,
        due_date=in_days(10),
        units=[district_a],
    )
    assign_course_task(assignment.pk)
    sent = len(mailoutbox)

    assign_course_task(assignment.pk)
    CourseAssignment.objects.filter(pk=assignment.pk).update(
        status=CourseAssignment.Status.RUNNING  # as if a worker died half-way
    )
    course_assignment_apply(assignment=assignment)

    assert Enrolment.objects.filter(course=trainer_course).count() == 3
    assert len(mailoutbox) == sent


def test_trainer_assigns_their_course_to_people_of_any_unit(
    client_for, trainer, people, commune_b, trainer_course
):
    client_for(trainer).post(
        ADD, form(trainer_course, learners="hv.moduc\nlearner@example.test")
    )
    assign_course_task(CourseAssignment.objects.get().pk)

    assert set(assigned(trainer_course)) == {"hv.moduc", "learner"}


def test_target_group_within_units_reaches_only_its_members(
    trainer, people, province, trainer_course
):
    teachers = TargetGroupFactory(code="giao-vien", name="Giáo viên")
    people["a2"].target_groups.add(teachers)
    people["b"].target_groups.add(teachers)
    district_a = people["a2"].unit

    assignment = course_assignment_create(
        course=trainer_course,
        assigned_by=trainer,
        due_date=in_days(7),
        units=[district_a],
        target_groups=[teachers],
    )
    assign_course_task(assignment.pk)

    assert set(assigned(trainer_course)) == {"hv.binhson"}


def test_assigning_answers_a_pending_request(
    unit_manager, people, district_a, trainer_course
):
    CoursePage.objects.filter(pk=trainer_course.pk).update(enrolment_mode="approval")
    trainer_course.refresh_from_db()
    pending = make_enrolment(
        people["a"], trainer_course, status=Enrolment.Status.PENDING
    )

    assignment = course_assignment_create(
        course=trainer_course,
        assigned_by=unit_manager,
        due_date=in_days(10),
        learners=[people["a"]],
    )
    assign_course_task(assignment.pk)

    pending.refresh_from_db()
    assert pending.status == Enrolment.Status.ACTIVE
    assert pending.due_date == in_days(10)


# --- Bad input: a clear message, nothing saved ----------------------------------------------


@pytest.mark.parametrize("days", [0, -1])
def test_due_date_not_in_the_future_is_refused(
    client_for, unit_manager, people, district_a, trainer_course, days
):
    response = client_for(unit_manager).post(
        ADD,
        form(
            trainer_course,
            units=[district_a.pk],
            due_date=in_days(days).strftime("%d/%m/%Y"),
        ),
    )

    assert response.status_code == 200
    assert str(DUE_DATE_NOT_IN_FUTURE) in response.content.decode()
    assert not CourseAssignment.objects.exists()
    assert not Enrolment.objects.exists()


def test_choosing_nobody_is_refused(client_for, unit_manager, trainer_course):
    response = client_for(unit_manager).post(ADD, form(trainer_course))

    assert str(NOBODY_CHOSEN) in response.content.decode()
    assert not CourseAssignment.objects.exists()


def test_unpublished_course_cannot_be_assigned(unit_manager, people, draft_course):
    with pytest.raises(ValidationError) as error:
        course_assignment_create(
            course=draft_course,
            assigned_by=unit_manager,
            due_date=in_days(5),
            learners=[people["a"]],
        )

    assert error.value.message_dict["course"] == [str(ASSIGN_COURSE_NOT_LIVE)]
    assert not CourseAssignment.objects.exists()


# --- The wrong user: refused, nothing leaked -------------------------------------------------


def test_unit_manager_picking_a_unit_outside_their_scope_is_refused(
    client_for, unit_manager, people, district_a, district_b, trainer_course
):
    response = client_for(unit_manager).post(
        ADD, form(trainer_course, units=[district_a.pk, district_b.pk])
    )

    assert response.status_code == 200
    assert str(UNIT_NOT_YOURS) in response.content.decode()
    assert not CourseAssignment.objects.exists()
    assert not Enrolment.objects.exists()


def test_service_refuses_units_outside_the_managers_scope(
    unit_manager, people, district_b, trainer_course
):
    with pytest.raises(ValidationError) as error:
        course_assignment_create(
            course=trainer_course,
            assigned_by=unit_manager,
            due_date=in_days(5),
            units=[district_b],
        )

    assert error.value.message_dict["units"] == [
        str(UNITS_OUT_OF_SCOPE) % {"units": str(district_b)}
    ]
    assert not CourseAssignment.objects.exists()


def test_unit_manager_naming_someone_outside_their_scope_is_refused(
    client_for, unit_manager, people, trainer_course
):
    response = client_for(unit_manager).post(
        ADD, form(trainer_course, learners="learner\nhv.moduc")
    )

    assert response.context["form"].errors["learners"] == [
        str(LEARNERS_NOT_FOUND) % {"names": "hv.moduc"}
    ]
    assert not CourseAssignment.objects.exists()
    assert not Enrolment.objects.exists()


def test_unknown_and_out_of_scope_accounts_read_alike(
    client_for, unit_manager, people, trainer_course
):
    client = client_for(unit_manager)

    outside = client.post(ADD, form(trainer_course, learners="hv.moduc"))
    unknown = client.post(ADD, form(trainer_course, learners="khong.ton.tai"))

    assert outside.context["form"].errors["learners"] == [
        e.replace("khong.ton.tai", "hv.moduc")
        for e in unknown.context["form"].errors["learners"]
    ]


def test_trainer_cannot_assign_a_course_they_do_not_train(
    client_for, trainer, people, other_course
):
    response = client_for(trainer).post(ADD, form(other_course, learners="learner"))

    assert response.status_code == 200
    assert not CourseAssignment.objects.exists()
    with pytest.raises(PermissionDenied):
        course_assignment_create(
            course=other_course,
            assigned_by=trainer,
            due_date=in_days(5),
            learners=[people["a"]],
        )


def test_someone_elses_assignment_is_not_found(
    client_for, unit_manager, trainer, people, district_a, trainer_course
):
    assignment = course_assignment_create(
        course=trainer_course,
        assigned_by=unit_manager,
        due_date=in_days(5),
        units=[district_a],
    )

    detail = client_for(trainer).get(
        reverse("course_assignments:detail", args=[assignment.pk])
    )
    listing = client_for(trainer).get(reverse("course_assignments:index"))

    assert detail.status_code == 404
    assert trainer_course.title not in listing.content.decode()


@pytest.mark.parametrize("who", ["learner", "reviewer"])
def test_learners_and_reviewers_cannot_assign(
    client_for, who, learner, reviewer, trainer_course
):
    user = {"learner": learner, "reviewer": reviewer}[who]

    response = client_for(user).post(ADD, form(trainer_course, learners="learner"))

    assert response.status_code == 302
    assert not CourseAssignment.objects.exists()


# --- Requests to approve ---------------------------------------------------------------------


@pytest.fixture
def approval_course(trainer_course):
    CoursePage.objects.filter(pk=trainer_course.pk).update(enrolment_mode="approval")
    trainer_course.refresh_from_db()
    return trainer_course


@pytest.fixture
def requests(approval_course, people):
    return {
        key: make_enrolment(person, approval_course, status=Enrolment.Status.PENDING)
        for key, person in people.items()
    }


REQUESTS = reverse("enrolment_requests:index")


def decide(enrolment):
    return reverse("enrolment_requests:decide", args=[enrolment.pk])


def test_trainer_sees_every_request_for_their_course(client_for, trainer, requests):
    content = client_for(trainer).get(REQUESTS).content.decode()

    for enrolment in requests.values():
        assert enrolment.learner.full_name in content


def test_unit_manager_sees_only_requests_from_their_units(
    client_for, unit_manager, requests
):
    content = client_for(unit_manager).get(REQUESTS).content.decode()

    assert requests["a"].learner.full_name in content
    assert requests["a2"].learner.full_name in content
    assert requests["b"].learner.full_name not in content


def test_trainer_approves_a_request_and_the_learner_is_told(
    client_for, trainer, requests, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(trainer).post(
            decide(requests["b"]), {"decision": "approve"}
        )

    assert response.status_code == 302
    requests["b"].refresh_from_db()
    assert requests["b"].status == Enrolment.Status.ACTIVE
    assert requests["b"].assigned_by == trainer
    assert [m.to for m in mailoutbox] == [[requests["b"].learner.email]]


def test_unit_manager_refuses_a_request(client_for, unit_manager, requests):
    client_for(unit_manager).post(decide(requests["a"]), {"decision": "reject"})

    requests["a"].refresh_from_db()
    assert requests["a"].status == Enrolment.Status.REJECTED


def test_unit_manager_cannot_decide_for_another_unit(
    client_for, unit_manager, requests
):
    response = client_for(unit_manager).post(
        decide(requests["b"]), {"decision": "approve"}
    )

    assert response.status_code == 404
    requests["b"].refresh_from_db()
    assert requests["b"].status == Enrolment.Status.PENDING
    with pytest.raises(PermissionDenied) as error:
        enrolment_request_decide(
            enrolment=requests["b"], approve=True, decided_by=unit_manager
        )
    assert str(error.value) == str(REQUEST_NOT_YOURS)


def test_deciding_twice_says_it_is_no_longer_pending(client_for, trainer, requests):
    client = client_for(trainer)
    client.post(decide(requests["a"]), {"decision": "approve"})

    response = client.post(decide(requests["a"]), {"decision": "reject"}, follow=True)

    assert str(NOT_PENDING) in response.content.decode()
    requests["a"].refresh_from_db()
    assert requests["a"].status == Enrolment.Status.ACTIVE


def test_learner_cannot_see_or_decide_requests(client_for, learner, requests):
    client = client_for(learner)

    listing = client.get(REQUESTS)
    decided = client.post(decide(requests["b"]), {"decision": "approve"})

    assert listing.status_code == 302
    assert decided.status_code == 302
    requests["b"].refresh_from_db()
    assert requests["b"].status == Enrolment.Status.PENDING


def test_other_trainer_sees_no_request_for_a_course_they_do_not_train(
    client_for, other_trainer, requests
):
    content = client_for(other_trainer).get(REQUESTS).content.decode()

    for enrolment in requests.values():
        assert enrolment.learner.full_name not in content


def test_a_unit_assignment_reaches_people_still_recorded_in_a_former_unit(
    client_for,
    administrator,
    province,
    trainer_course,
    django_capture_on_commit_callbacks,
):
    """A commune formed on 1/7/2025 reaches the people of the communes that
    merged into it, whose accounts still name the former commune."""
    from datetime import date

    from people.models import AdminUnitSuccession
    from tests.factories import make_unit

    former = make_unit(province, name="Xã Cũ", valid_to=date(2025, 6, 30))
    untouched = make_unit(province, name="Xã Khác", valid_to=date(2025, 6, 30))
    merged = make_unit(province, name="Xã Mới", valid_from=date(2025, 7, 1))
    AdminUnitSuccession.objects.create(
        predecessor=former, successor=merged, effective_date=date(2025, 7, 1)
    )
    UserFactory(username="hv.cu", unit=former, roles=[Role.LEARNER])
    UserFactory(username="hv.moi", unit=merged, roles=[Role.LEARNER])
    UserFactory(username="hv.khac", unit=untouched, roles=[Role.LEARNER])

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(administrator).post(
            ADD, form(trainer_course, units=[merged.pk])
        )

    assert response.status_code == 302
    assert set(assigned(trainer_course)) == {"hv.cu", "hv.moi"}
