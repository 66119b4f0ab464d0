"""Calendars: an .ics per session and a learner's feed at a signed address."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.training import make_participant, make_session
from training import ical
from training.models import TrainingClass

pytestmark = pytest.mark.django_db


def unfold(text):
    return text.replace("\r\n ", "")


def test_escaping_and_folding_follow_rfc_5545():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "Bình đẳng giới " * 10
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_session_ics(client, training_class, sessions):
    session = sessions[0]
    session.topic = "Luật Bình đẳng giới; lồng ghép, phòng chống bạo lực giới"
    session.place = "Hội trường xã"
    session.save()
    response = client.get(reverse("training:session_calendar", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    lines = raw.split("\r\n")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in lines)
    text = unfold(raw)
    start = dt.datetime.combine(session.date, session.starts_at)
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{start:%Y%m%dT%H%M%S}" in text
    assert "TZID:Asia/Ho_Chi_Minh" in text
    assert f"UID:session-{session.pk}@" in text
    assert "lồng ghép\\, phòng chống" in text and "Giới\\;" not in text
    assert "Bình đẳng giới\\;" in text
    assert "LOCATION:Hội trường xã" in text
    # The same session always has the same UID (calendar apps update it).
    again = client.get(reverse("training:session_calendar", args=[session.pk]))
    assert again.content == response.content


def test_cancelled_class_session_is_marked_cancelled(client, training_class, sessions):
    TrainingClass.objects.filter(pk=training_class.pk).update(status="cancelled")
    text = client.get(
        reverse("training:session_calendar", args=[sessions[0].pk])
    ).content.decode()
    assert "STATUS:CANCELLED" in text


def test_planned_class_session_ics_is_not_found(client, commune_a):
    from tests.factories.training import make_training_class

    session = make_session(make_training_class(commune_a, status="planned"))
    assert (
        client.get(reverse("training:session_calendar", args=[session.pk])).status_code
        == 404
    )


def test_feed_lists_my_sessions_without_login(
    client, learner, participant, sessions, other_class
):
    other_session = make_session(other_class)
    url = reverse("training:calendar_feed", args=[ical.feed_token(learner)])
    response = client.get(url)
    assert response.status_code == 200
    text = unfold(response.content.decode())
    assert text.count("BEGIN:VEVENT") == 2
    assert f"UID:session-{sessions[1].pk}@" in text
    assert f"UID:session-{other_session.pk}@" not in text


def test_feed_leaves_out_withdrawn_and_waiting_registrations(
    client, learner, training_class, sessions, commune_a
):
    participant = make_participant(training_class, learner, status="withdrawn")
    url = reverse("training:calendar_feed", args=[ical.feed_token(learner)])
    assert "BEGIN:VEVENT" not in client.get(url).content.decode()
    participant.status = "waiting"
    participant.save()
    assert "BEGIN:VEVENT" not in client.get(url).content.decode()


def test_forged_or_altered_feed_token_is_not_found(
    client, learner, other_learner, participant, sessions
):
    token = ical.feed_token(learner)
    user_id, signature = token.split(":", 1)
    forged = f"{other_learner.pk}:{signature}"
    for bad in (forged, f"{user_id}:x{signature[1:]}", "nonsense", user_id):
        response = client.get(reverse("training:calendar_feed", args=[bad]))
        assert response.status_code == 404, bad
