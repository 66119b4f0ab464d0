"""My learning: what the learner was assigned, asked for, is taking and has done."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Enrolment
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree, make_enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DASHBOARD = "/learning/"


@pytest.fixture
def courses(course_index):
    return [
        make_course_tree(course_index, title=title)[0]
        for title in ("Được giao", "Đang học", "Chờ duyệt", "Đã xong", "Bị từ chối")
    ]


def test_dashboard_address(client):
    assert reverse("courses:dashboard") == DASHBOARD


def test_dashboard_sorts_the_learners_courses_by_state(
    learner_client, learner, courses
):
    assigned, own, pending, done, rejected = courses
    make_enrolment(
        learner,
        assigned,
        source=Enrolment.Source.ASSIGNED,
        due_date=date(2026, 6, 30),
        progress=0.25,
    )
    make_enrolment(learner, own, progress=0.5)
    make_enrolment(learner, pending, status=Enrolment.Status.PENDING)
    make_enrolment(
        learner,
        done,
        status=Enrolment.Status.COMPLETED,
        progress=1,
        completed_at="2026-02-01T09:00+07:00",
    )
    make_enrolment(learner, rejected, status=Enrolment.Status.REJECTED)

    response = learner_client.get(DASHBOARD)

    dashboard = response.context["dashboard"]
    body = response.content.decode()
    assert response.status_code == 200
    assert [e.course_id for e in dashboard.assigned] == [assigned.pk]
    assert [e.course_id for e in dashboard.in_progress] == [own.pk]
    assert [e.course_id for e in dashboard.pending] == [pending.pk]
    assert [e.course_id for e in dashboard.completed] == [done.pk]
    assert "Bị từ chối" not in body
    assert "Due 30/06/2026" in body
    assert "25% complete" in body and "50% complete" in body
    assert "completed on 01/02/2026" in body
    assert "Awaiting approval" in body


def test_assigned_courses_come_earliest_due_first_and_overdue_is_marked(
    learner_client, learner, courses
):
    today = timezone.localdate()
    later, sooner, undated = courses[:3]
    for course, due in ((later, today + timedelta(days=30)), (undated, None)):
        make_enrolment(learner, course, source=Enrolment.Source.ASSIGNED, due_date=due)
    make_enrolment(
        learner,
        sooner,
        source=Enrolment.Source.ASSIGNED,
        due_date=today - timedelta(days=1),
    )

    response = learner_client.get(DASHBOARD)

    assigned = response.context["dashboard"].assigned
    assert [e.course_id for e in assigned] == [sooner.pk, later.pk, undated.pk]
    assert "overdue" in response.content.decode()


def test_dashboard_resumes_at_the_last_lesson_opened(
    learner_client, enrolment, lessons
):
    learner_client.get(lessons[2].url)

    body = learner_client.get(DASHBOARD).content.decode()

    assert f'<a class="button" href="{lessons[2].url}">Continue</a>' in body


def test_a_course_not_started_links_to_its_page(learner_client, enrolment, course):
    body = learner_client.get(DASHBOARD).content.decode()

    assert f'<a class="button" href="{course.url}">Start</a>' in body


def test_an_empty_dashboard_points_to_the_catalogue(learner_client):
    response = learner_client.get(DASHBOARD)

    assert response.context["dashboard"].is_empty
    assert f'href="{reverse("courses:catalogue")}"' in response.content.decode()


def test_dashboard_shows_only_the_learners_own_courses(learner_client, course):
    make_enrolment(UserFactory(), course)

    assert learner_client.get(DASHBOARD).context["dashboard"].is_empty


def test_dashboard_costs_the_same_for_one_course_or_many(
    learner_client, learner, courses, lessons, enrolment
):
    learner_client.get(lessons[0].url)
    learner_client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as one:
        learner_client.get(DASHBOARD)
    for course in courses:
        make_enrolment(
            learner, course, source=Enrolment.Source.ASSIGNED, resume_lesson=lessons[1]
        )
    with CaptureQueriesContext(connection) as many:
        response = learner_client.get(DASHBOARD)

    assert len(response.context["dashboard"].assigned) == 5
    assert len(one.captured_queries) == len(many.captured_queries)


def test_dashboard_needs_login(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url == f"{reverse('people:login')}?next={DASHBOARD}"


def test_dashboard_leaves_room_for_classes_and_certificates():
    from django.template.loader import get_template

    source = get_template("courses/dashboard.html").template.source

    assert "{% block dashboard_classes %}" in source
    assert "{% block dashboard_certificates %}" in source
