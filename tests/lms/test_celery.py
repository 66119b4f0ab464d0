"""The Celery app: it loads, finds the apps' tasks, and the mail task behaves."""

from unittest import mock

import pytest
from celery.contrib.django.task import DjangoTask
from celery.exceptions import Retry
from django.conf import settings

from lms import celery_app
from people.tasks import send_email_task


def test_celery_app_is_configured_from_django_settings():
    assert celery_app.main == "lms"
    assert celery_app.conf.broker_url == settings.CELERY_BROKER_URL
    assert celery_app.conf.task_always_eager is True
    assert celery_app.conf.task_acks_late is True
    assert celery_app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT


def test_apps_tasks_are_discovered_and_registered():
    celery_app.loader.import_default_modules()

    assert "people.tasks.send_email_task" in celery_app.tasks
    registered = celery_app.tasks["people.tasks.send_email_task"]
    assert registered.name == send_email_task.name
    assert registered.app is celery_app


def test_tasks_are_django_tasks_that_can_wait_for_the_commit():
    assert isinstance(send_email_task, DjangoTask)
    assert callable(send_email_task.delay_on_commit)


def test_mail_task_retries_only_when_the_server_is_unreachable():
    assert send_email_task.acks_late is True
    assert send_email_task.autoretry_for == (OSError,)
    assert send_email_task.max_retries == 5


def test_mail_task_sends_the_message_with_its_html_part(mailoutbox):
    send_email_task(
        "Tiêu đề", "Nội dung", "lan@example.test", html_body="<p>Nội dung</p>"
    )

    [message] = mailoutbox
    assert message.subject == "Tiêu đề"
    assert message.body == "Nội dung"
    assert message.to == ["lan@example.test"]
    assert message.alternatives[0][0] == "<p>Nội dung</p>"


@pytest.mark.django_db
def test_mail_task_sent_through_the_broker_api_runs_eagerly(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_email_task.delay_on_commit("S", "B", "lan@example.test")

    assert [m.to for m in mailoutbox] == [["lan@example.test"]]


def test_mail_task_asks_for_a_retry_when_the_server_is_unreachable(mailoutbox):
    # Eagerly, Celery runs one attempt and raises Retry instead of sleeping.
    with (
        mock.patch(
            "people.tasks.EmailMultiAlternatives.send", side_effect=OSError("down")
        ) as send,
        pytest.raises(Retry) as raised,
    ):
        send_email_task.delay("S", "B", "lan@example.test")

    assert isinstance(raised.value.exc, OSError)
    assert send.call_count == 1
    assert mailoutbox == []


def test_mail_task_does_not_retry_a_programming_error():
    with (
        mock.patch(
            "people.tasks.EmailMultiAlternatives.send", side_effect=ValueError("bad")
        ) as send,
        pytest.raises(ValueError),
    ):
        send_email_task.delay("S", "B", "lan@example.test")

    assert send.call_count == 1
