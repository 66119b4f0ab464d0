"""Reminders before the due date: one e-mail per enrolment, sent by a daily task."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from courses.models import Enrolment
from courses.services import REMINDER_DAYS_BEFORE, enrolment_reminders_send
from courses.tasks import send_due_date_reminders_task
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories import UserFactory
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def due_soon(learner, trainer_course):
    return make_enrolment(
        learner,
        trainer_course,
        source=Enrolment.Source.ASSIGNED,
        due_date=in_days(2),
        progress=0.25,
    )


def test_learner_due_soon_is_reminded_once(
    due_soon, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = enrolment_reminders_send()
    with django_capture_on_commit_callbacks(execute=True):
        second = enrolment_reminders_send()

    assert (first, second) == (1, 0)
    assert [m.to for m in mailoutbox] == [[due_soon.learner.email]]
    message = mailoutbox[0]
    assert due_soon.course.title in message.subject
    assert in_days(2).strftime("%d/%m/%Y") in message.body
    assert "25%" in message.body
    due_soon.refresh_from_db()
    assert due_soon.reminder_sent_at is not None


def test_daily_task_sends_the_reminders(
    due_soon, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_date_reminders_task() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_date_reminders_task() == 0

    assert len(mailoutbox) == 1


def test_only_active_enrolments_due_within_the_window_are_reminded(
    learner, trainer_course, other_course, mailoutbox
):
    later = UserFactory(roles=[Role.LEARNER])
    done = UserFactory(roles=[Role.LEARNER])
    make_enrolment(later, trainer_course, due_date=in_days(REMINDER_DAYS_BEFORE + 1))
    make_enrolment(
        done,
        trainer_course,
        due_date=in_days(1),
        status=Enrolment.Status.COMPLETED,
        progress=1,
    )
    make_enrolment(learner, other_course, due_date=in_days(-1))
    make_enrolment(learner, trainer_course)  # no due date

    assert enrolment_reminders_send() == 0


def test_learner_without_an_email_is_marked_but_nothing_is_sent(
    trainer_course, mailoutbox, django_capture_on_commit_callbacks
):
    silent = UserFactory(email="", roles=[Role.LEARNER])
    enrolment = make_enrolment(silent, trainer_course, due_date=in_days(1))

    with django_capture_on_commit_callbacks(execute=True):
        assert enrolment_reminders_send() == 0

    enrolment.refresh_from_db()
    assert enrolment.reminder_sent_at is not None
    assert mailoutbox == []


def test_reminders_are_scheduled_daily_with_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["course-due-date-reminders"]

    assert entry["task"] == "courses.tasks.send_due_date_reminders_task"
    assert entry["schedule"].hour == {7}
    assert entry["schedule"].minute == {0}


def test_reminder_has_an_html_part_that_escapes_the_course_title(
    due_soon, mailoutbox, django_capture_on_commit_callbacks
):
    course = due_soon.course
    course.title = "Giới & <em>quyền</em>"
    course.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_reminders_send()

    message = mailoutbox[0]
    assert "Giới & <em>quyền</em>" in message.subject + message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Giới &amp; &lt;em&gt;quyền&lt;/em&gt;" in html
    assert "<em>" not in html
    assert "25%" in html
