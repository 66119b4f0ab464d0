"""Day-before reminders: confirmed participants of tomorrow's sessions, once."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import make_participant, make_session
from training.models import SessionReminder, TrainingClass
from training.services.reminders import session_reminders_send
from training.tasks import send_session_reminders_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def tomorrow_session(training_class):
    return make_session(
        training_class,
        date=timezone.localdate() + dt.timedelta(days=1),
        topic="Lồng ghép giới trong xây dựng văn bản",
        place="Phòng họp số 2",
    )


def test_reminders_go_to_confirmed_participants_of_tomorrow_once(
    training_class,
    tomorrow_session,
    participant,
    learner,
    commune_a,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    make_session(training_class, date=timezone.localdate() + dt.timedelta(days=2))
    make_participant(training_class, UserFactory(unit=commune_a), status="waiting")
    make_participant(training_class, UserFactory(unit=commune_a), status="withdrawn")
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 1
    assert [mail.to for mail in mailoutbox] == [[learner.email]]
    mail = mailoutbox[0]
    assert training_class.title in mail.subject
    assert "Phòng họp số 2" in mail.body
    assert tomorrow_session.date.strftime("%d/%m/%Y") in mail.body
    assert f"/training/classes/{training_class.pk}/" in mail.body
    # A second run (or a second worker) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 0
    assert len(mailoutbox) == 1
    assert SessionReminder.objects.count() == 1


def test_reminder_is_in_vietnamese_by_default(
    tomorrow_session, participant, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        session_reminders_send()
    assert mailoutbox[0].subject.startswith("Ngày mai:")
    assert "Xin nhắc" in mailoutbox[0].body


def test_a_late_registration_still_gets_its_reminder(
    training_class,
    tomorrow_session,
    participant,
    commune_a,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        session_reminders_send()
    late = UserFactory(unit=commune_a)
    make_participant(training_class, late)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send() == 1
    assert mailoutbox[-1].to == [late.email]


def test_no_reminder_for_a_cancelled_class(
    training_class, tomorrow_session, participant, mailoutbox
):
    TrainingClass.objects.filter(pk=training_class.pk).update(status="cancelled")
    assert session_reminders_send() == 0
    assert not SessionReminder.objects.exists()


def test_task_runs_the_service(tomorrow_session, participant):
    assert send_session_reminders_task() == 1
    assert send_session_reminders_task() == 0


def test_beat_schedules_the_reminders():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "training.tasks.send_session_reminders_task" in tasks
