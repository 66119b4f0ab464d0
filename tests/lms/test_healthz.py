"""/healthz: the state of the database, the broker and the workers, as JSON."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_broker_and_worker(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert {"status", "database", "broker", "worker", "workers"} <= body.keys()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["worker"] in {"ok", "none"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_none_when_no_worker_answers(client):
    with mock.patch("lms.views.celery_app.control.ping", return_value=[]):
        body = client.get("/healthz").json()

    assert body["worker"] == "none"
    assert body["workers"] == 0


def test_healthz_counts_the_workers_that_answer(client):
    answers = [{"celery@a": {"ok": "pong"}}, {"celery@b": {"ok": "pong"}}]
    with mock.patch("lms.views.celery_app.control.ping", return_value=answers):
        body = client.get("/healthz").json()

    assert body["worker"] == "ok"
    assert body["workers"] == 2


def test_healthz_is_503_when_the_database_is_down(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("database is locked")
    with (
        mock.patch("lms.views.connection", broken),
        mock.patch("lms.views.celery_app.control.ping", return_value=[]),
    ):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["status"] == "error"
    assert "locked" not in response.content.decode()  # no internals in the answer


def test_healthz_is_503_when_the_broker_is_down(client):
    with (
        mock.patch(
            "lms.views.celery_app.connection_for_write",
            side_effect=ConnectionRefusedError("redis:6379"),
        ),
        mock.patch("lms.views.celery_app.control.ping") as ping,
    ):
        response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 503
    assert body["broker"] == "error"
    assert body["database"] == "ok"
    assert body["worker"] == "none"
    ping.assert_not_called()
    assert "6379" not in response.content.decode()


def test_healthz_needs_no_login_and_shows_no_personal_data(client, learner):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert learner.username not in response.content.decode()
    assert learner.email not in response.content.decode()
