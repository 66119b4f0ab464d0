"""Enrolling from the course page: POST only, by the rules of the course."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from courses.models import CoursePage, Enrolment
from courses.services import (
    ALREADY_ENROLLED,
    ALREADY_REQUESTED,
    ASSIGNED_ONLY,
    enrolment_create,
)
from courses.services.enrolment import NOT_APPROVED
from tests.factories import UserFactory
from tests.factories.courses import make_course, make_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def enrol_url(course) -> str:
    return reverse("courses:enrol", args=[course.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_enrolling_in_an_open_course_starts_it_at_once(learner_client, learner, course):
    response = learner_client.post(enrol_url(course))

    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert response.status_code == 302
    assert response.url == course.url
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.source == Enrolment.Source.SELF
    assert messages_of(response) == ["You are enrolled. Good learning!"]


def test_after_enrolling_the_course_page_offers_to_start(
    learner_client, course, lessons
):
    response = learner_client.post(enrol_url(course), follow=True)

    body = response.content.decode()
    assert "You are enrolled. Good learning!" in body
    assert f'<a class="button" href="{lessons[0].url}">Start the course</a>' in body


def test_enrolling_in_an_approval_course_sends_a_request(
    learner_client, learner, course, set_mode
):
    set_mode(course, CoursePage.EnrolmentMode.APPROVAL)

    response = learner_client.post(enrol_url(course), follow=True)

    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == Enrolment.Status.PENDING
    assert "Your request has been sent for approval." in response.content.decode()
    assert "Awaiting approval" in response.content.decode()


def test_self_enrolment_in_an_assigned_only_course_is_refused(
    learner_client, learner, course, set_mode
):
    set_mode(course, CoursePage.EnrolmentMode.ASSIGNED)

    response = learner_client.post(enrol_url(course))

    assert response.status_code == 302
    assert response.url == course.url
    assert messages_of(response) == [str(ASSIGNED_ONLY)]
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_enrolling_twice_keeps_one_enrolment_and_says_so_kindly(
    learner_client, learner, course
):
    learner_client.post(enrol_url(course))
    response = learner_client.post(enrol_url(course))

    assert Enrolment.objects.filter(learner=learner, course=course).count() == 1
    assert messages_of(response)[-1] == str(ALREADY_ENROLLED)


def test_asking_twice_keeps_one_request(learner_client, learner, course, set_mode):
    set_mode(course, CoursePage.EnrolmentMode.APPROVAL)

    learner_client.post(enrol_url(course))
    response = learner_client.post(enrol_url(course))

    assert Enrolment.objects.filter(learner=learner, course=course).count() == 1
    assert messages_of(response)[-1] == str(ALREADY_REQUESTED)


def test_enrolling_with_get_is_not_allowed(learner_client, learner, course):
    response = learner_client.get(enrol_url(course))

    assert response.status_code == 405
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_visitors_are_sent_to_log_in_and_back_to_the_course(client, course):
    response = client.post(enrol_url(course))

    assert response.status_code == 302
    assert response.url == f"{reverse('people:login')}?next={course.url}"
    assert not Enrolment.objects.exists()


def test_enrolment_needs_the_csrf_token(learner, course):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)

    response = browser.post(enrol_url(course))

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_enrolling_in_a_draft_or_unknown_course_is_404(
    learner_client, learner, course_index
):
    draft = make_course(course_index, live=False)

    assert learner_client.post(enrol_url(draft)).status_code == 404
    assert learner_client.post("/learning/courses/999999/enrol/").status_code == 404
    assert not Enrolment.objects.filter(learner=learner).exists()


def test_a_withdrawn_learner_may_enrol_again(learner_client, learner, course):
    make_enrolment(learner, course, status=Enrolment.Status.WITHDRAWN)

    response = learner_client.post(enrol_url(course))

    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert messages_of(response) == ["You are enrolled. Good learning!"]


def test_a_refused_request_is_not_sent_again(learner_client, learner, course, set_mode):
    set_mode(course, CoursePage.EnrolmentMode.APPROVAL)
    make_enrolment(learner, course, status=Enrolment.Status.REJECTED)

    response = learner_client.post(enrol_url(course))

    enrolment = Enrolment.objects.get(learner=learner, course=course)
    assert enrolment.status == Enrolment.Status.REJECTED
    assert messages_of(response) == [str(NOT_APPROVED)]


def test_an_assignment_reopens_a_refused_enrolment(learner, course, set_mode):
    set_mode(course, CoursePage.EnrolmentMode.ASSIGNED)
    make_enrolment(learner, course, status=Enrolment.Status.REJECTED)
    manager = UserFactory()

    result = enrolment_create(
        learner=learner,
        course=course,
        source=Enrolment.Source.ASSIGNED,
        assigned_by=manager,
    )

    assert result.created
    assert result.enrolment.status == Enrolment.Status.ACTIVE
    assert result.enrolment.assigned_by == manager
    assert Enrolment.objects.filter(learner=learner).count() == 1


def test_a_withdrawn_learner_cannot_reenrol_in_an_assigned_only_course(
    learner_client, learner, course, set_mode
):
    set_mode(course, CoursePage.EnrolmentMode.ASSIGNED)
    make_enrolment(learner, course, status=Enrolment.Status.WITHDRAWN)

    response = learner_client.post(enrol_url(course))

    assert messages_of(response) == [str(ASSIGNED_ONLY)]
    assert Enrolment.objects.get(learner=learner).status == (Enrolment.Status.WITHDRAWN)
