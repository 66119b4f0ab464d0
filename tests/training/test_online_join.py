"""The online join link: the platform records the join as attendance, then redirects."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.training import make_participant, make_session
from training.models import AttendanceRecord, AttendanceSource
from training.services import checkin as svc

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)
MEETING = "https://meet.example.org/th-bdg-01"


def local(hour, minute):
    return timezone.make_aware(
        dt.datetime.combine(YESTERDAY, dt.time(hour, minute)),
        timezone.get_default_timezone(),
    )


@pytest.fixture
def clock(monkeypatch):
    moments = {"at": local(8, 2)}
    monkeypatch.setattr(svc, "now", lambda: moments["at"])
    return moments


@pytest.fixture
def session(training_class):
    training_class.mode = "online"
    training_class.meeting_url = MEETING
    training_class.save()
    return make_session(
        training_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(10)
    )


def join(client, session):
    return client.get(reverse("training:session_join", args=[session.pk]))


def test_joining_records_presence_and_goes_to_the_meeting(
    clock, learner_client, session, participant
):
    response = join(learner_client, session)
    assert response.status_code == 302 and response["Location"] == MEETING
    record = AttendanceRecord.objects.get()
    assert record.source == AttendanceSource.ONLINE_JOIN
    assert record.status.code == "present" and record.marked_at == local(8, 2)


def test_joining_late_is_late_and_joining_again_changes_nothing(
    clock, learner_client, session, participant
):
    clock["at"] = local(8, 40)
    join(learner_client, session)
    clock["at"] = local(9, 0)
    assert join(learner_client, session)["Location"] == MEETING
    record = AttendanceRecord.objects.get()
    assert record.status.code == "late" and record.marked_at == local(8, 40)


def test_a_non_participant_is_refused_and_not_sent_to_the_meeting(
    clock, english, other_learner, session
):
    english.force_login(other_learner)
    response = join(english, session)
    assert response.status_code == 403
    assert MEETING not in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_withdrawn_participant_is_refused(
    clock, english, other_learner, training_class, session
):
    make_participant(training_class, other_learner, status="withdrawn")
    english.force_login(other_learner)
    assert join(english, session).status_code == 403


@pytest.mark.parametrize("moment", [local(7, 0), local(10, 1)])
def test_joining_outside_the_session_window_is_refused(
    clock, english, learner, session, participant, moment
):
    clock["at"] = moment
    english.force_login(learner)
    response = join(english, session)
    assert response.status_code == 400
    assert MEETING not in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_a_session_without_a_meeting_link_is_refused(
    clock, english, learner, training_class, participant
):
    in_hall = make_session(
        training_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(10)
    )
    english.force_login(learner)
    response = join(english, in_hall)
    assert response.status_code == 400
    assert str(svc.NO_MEETING_LINK) in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_signed_out_visitors_log_in_first(clock, client, session):
    response = join(client, session)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not AttendanceRecord.objects.exists()
