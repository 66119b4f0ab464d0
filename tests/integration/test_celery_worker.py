"""The real thing: tasks go through Redis to a Celery worker on the test database."""

import re
import uuid

import pytest
from django.urls import reverse

from people.tasks import send_email_task
from tests.factories import UserFactory

# transaction=True: rows are committed, so the worker (another process) sees
# them, and on_commit callbacks fire. serialized_rollback restores what the
# migrations created once the tables are emptied after each test.
pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("non_eager_celery"),
]


def test_worker_sends_a_queued_email(wait_for_mail):
    marker = f"integration-{uuid.uuid4().hex}"

    result = send_email_task.delay(
        f"Subject {marker}", f"Body of {marker}", "hoa@example.test"
    )

    assert result.id  # queued, not run here: the app is not eager
    mail = wait_for_mail(marker)
    assert f"Subject: Subject {marker}" in mail
    assert "To: hoa@example.test" in mail
    assert f"Body of {marker}" in mail


def test_healthz_sees_database_broker_and_worker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["worker"] == "ok"
    assert body["workers"] >= 1


def test_password_reset_mail_is_sent_by_the_worker(client, wait_for_mail):
    email = f"reset-{uuid.uuid4().hex[:8]}@example.test"
    user = UserFactory(email=email)

    response = client.post(reverse("people:password_reset"), {"email": email})

    assert response.status_code == 302
    assert response.url == reverse("people:password_reset_done")
    mail = wait_for_mail(f"To: {email}")
    link = re.search(r"https?://testserver(/accounts/reset/[^/\s]+/[^/\s]+/)", mail)
    assert link, mail
    assert user.get_username() in mail

    # The link the worker mailed is a valid one: it leads to the new-password form.
    confirm = client.get(link.group(1), follow=True)
    assert confirm.status_code == 200
    assert "new_password1" in confirm.content.decode()


def test_password_reset_for_unknown_address_sends_nothing(client, wait_for_mail):
    known = UserFactory(email=f"known-{uuid.uuid4().hex[:8]}@example.test")
    unknown = f"nobody-{uuid.uuid4().hex[:8]}@example.test"

    response = client.post(reverse("people:password_reset"), {"email": unknown})
    # Same answer as for a known address: no account enumeration.
    assert response.status_code == 302
    assert response.url == reverse("people:password_reset_done")

    # Queue a known mail after it: once that one is out, the worker has drained
    # the queue, and nothing was written for the unknown address.
    client.post(reverse("people:password_reset"), {"email": known.email})
    wait_for_mail(f"To: {known.email}")
    with pytest.raises(AssertionError):
        wait_for_mail(f"To: {unknown}", timeout=1.0)
