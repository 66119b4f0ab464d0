"""QR self check-in (tokens changing every 30 s) and the typed code."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories.training import make_mark, make_participant, make_session
from training.models import AttendanceRecord, AttendanceSource
from training.services import checkin as svc

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


def local(hour, minute, second=0):
    return timezone.make_aware(
        dt.datetime.combine(YESTERDAY, dt.time(hour, minute, second)),
        timezone.get_default_timezone(),
    )


class Clock:
    at = local(8, 5)


@pytest.fixture
def clock(monkeypatch):
    """Check-in reads the time through svc.now: it is yesterday morning here."""
    clock = Clock()
    monkeypatch.setattr(svc, "now", lambda: clock.at)
    return clock


@pytest.fixture
def session(training_class):
    return make_session(
        training_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(11, 30)
    )


def token_url(session, windows_back=0):
    window = svc.checkin_window() - windows_back
    token = svc.checkin_token_make(session=session, window=window)
    return reverse("training:checkin", args=[token])


def refusal(response):
    return re.search(r'id="checkin-refused"[^>]*>([^<]*)<', response.content.decode())[
        1
    ]


def test_the_trainer_screen_shows_a_qr_code_and_a_typed_code(
    clock, english, trainer, session
):
    english.force_login(trainer)
    response = english.get(reverse("training:checkin_screen", args=[session.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "data-checkin-url=" in html
    assert svc.checkin_code_make(session=session) in html
    state = english.get(
        reverse("training:checkin_screen_state", args=[session.pk])
    ).json()
    assert state["code"] == svc.checkin_code_make(session=session)
    assert state["url"].startswith("http://testserver/training/check-in/")
    assert 1 <= state["refresh_in"] <= 30


def test_the_qr_code_changes_every_thirty_seconds(clock, session):
    first = svc.checkin_token_make(session=session)
    first_code = svc.checkin_code_make(session=session)
    clock.at += dt.timedelta(seconds=30)
    assert svc.checkin_token_make(session=session) != first
    assert svc.checkin_code_make(session=session) != first_code


def test_a_participant_scans_confirms_and_is_present(
    clock, learner_client, session, participant
):
    url = token_url(session)
    page = learner_client.get(url)
    assert page.status_code == 200 and session.topic in page.content.decode()
    assert not AttendanceRecord.objects.exists()  # only the POST marks
    response = learner_client.post(url)
    assert (
        response.status_code == 200 and 'id="checkin-done"' in response.content.decode()
    )
    record = AttendanceRecord.objects.get()
    assert record.status.code == "present" and record.source == AttendanceSource.QR
    assert record.participant == participant and record.marked_at == clock.at


def test_after_late_after_minutes_the_check_in_is_late(
    clock, learner_client, session, participant
):
    clock.at = local(8, 16)  # the class's default is 15 minutes
    learner_client.post(token_url(session))
    assert AttendanceRecord.objects.get().status.code == "late"


def test_scanning_again_later_never_turns_present_into_late(
    clock, learner_client, session, participant
):
    learner_client.post(token_url(session))
    clock.at = local(9, 30)
    response = learner_client.post(token_url(session))
    assert (
        "already checked in" in response.content.decode() or response.status_code == 200
    )
    assert AttendanceRecord.objects.get().status.code == "present"


def test_a_signed_out_participant_logs_in_and_comes_back(
    clock, client, learner, session, participant
):
    url = token_url(session)
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"] and "check-in" in response["Location"]
    # Logging in took two minutes: the code changed four times, the scan counts.
    clock.at += dt.timedelta(minutes=2)
    client.force_login(learner)  # keeps the session's data, as a real login does
    assert client.get(url).status_code == 200
    assert 'id="checkin-done"' in client.post(url).content.decode()
    assert AttendanceRecord.objects.get().participant == participant


def test_a_slow_confirmation_after_a_timely_scan_is_accepted(
    clock, learner_client, session, participant
):
    url = token_url(session)
    assert learner_client.get(url).status_code == 200
    clock.at += dt.timedelta(seconds=90)
    assert 'id="checkin-done"' in learner_client.post(url).content.decode()


def test_a_scan_pass_stays_with_its_browser_and_its_session(
    clock, learner_client, session, participant, second_participant
):
    url = token_url(session)
    learner_client.get(url)
    clock.at += dt.timedelta(seconds=90)
    # The same address forwarded to another participant's phone is stale there.
    forwarded_to = Client()
    forwarded_to.force_login(second_participant.person)
    assert forwarded_to.post(url).status_code == 400
    # The learner's pass is for this session only.
    other = make_session(session.training_class, date=YESTERDAY, starts_at=dt.time(9))
    stale_other = reverse(
        "training:checkin",
        args=[
            svc.checkin_token_make(
                session=other,
                window=svc.checkin_window(at=clock.at - dt.timedelta(seconds=90)),
            )
        ],
    )
    assert learner_client.post(stale_other).status_code == 400
    assert list(AttendanceRecord.objects.all()) == []


def test_the_previous_windows_token_counts_only_in_the_first_seconds(
    clock, learner_client, session, participant
):
    clock.at += dt.timedelta(seconds=svc.GRACE_SECONDS - 1)  # the code just changed
    assert learner_client.post(token_url(session, windows_back=1)).status_code == 200


def test_a_replayed_token_from_the_previous_window_is_refused(
    clock, english, learner, session, participant
):
    clock.at += dt.timedelta(seconds=svc.GRACE_SECONDS + 5)
    english.force_login(learner)
    response = english.post(token_url(session, windows_back=1))
    assert response.status_code == 400
    assert refusal(response).startswith("This check-in code has expired")
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("windows_back", [2, 10])
def test_an_older_token_is_refused(
    clock, english, learner, session, participant, windows_back
):
    english.force_login(learner)
    url = token_url(session, windows_back=windows_back)
    for response in (english.get(url), english.post(url)):
        assert response.status_code == 400
        assert refusal(response).startswith("This check-in code has expired")
    assert not AttendanceRecord.objects.exists()


def test_a_replayed_token_from_an_earlier_window_is_refused_in_vietnamese(
    clock, learner_client, session, participant
):
    url = token_url(session)
    clock.at += dt.timedelta(seconds=61)
    response = learner_client.post(url)
    assert response.status_code == 400
    assert "hết hạn" in refusal(response)
    assert not AttendanceRecord.objects.exists()


def test_a_forged_token_is_refused(clock, english, learner, session, participant):
    english.force_login(learner)
    token = svc.checkin_token_make(session=session)
    payload, signature = token.rsplit(":", 1)
    for forged in (f"{payload}:{signature[:-2]}xx", "abc", f"{payload}x:{signature}"):
        response = english.post(reverse("training:checkin", args=[forged]))
        assert response.status_code == 400
        assert refusal(response) == str(svc.TOKEN_FORGED)
    assert not AttendanceRecord.objects.exists()


def test_a_token_for_another_session_is_refused(
    clock, english, learner, participant, other_class
):
    english.force_login(learner)
    elsewhere = make_session(
        other_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(11)
    )
    response = english.post(token_url(elsewhere))
    assert response.status_code == 403
    assert refusal(response) == str(svc.NOT_PARTICIPANT)
    assert not AttendanceRecord.objects.exists()


def test_a_non_participant_is_refused(clock, english, other_learner, session):
    english.force_login(other_learner)
    response = english.post(token_url(session))
    assert response.status_code == 403
    assert not AttendanceRecord.objects.exists()


def test_a_participant_on_the_waiting_list_is_refused(
    clock, english, other_learner, training_class, session
):
    make_participant(training_class, other_learner, status="waiting")
    english.force_login(other_learner)
    assert english.post(token_url(session)).status_code == 403
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize(
    ("moment", "message"),
    [(local(7, 29), svc.TOO_EARLY), (local(11, 31), svc.TOO_LATE)],
)
def test_check_in_outside_the_session_window_is_refused(
    clock, english, learner, session, participant, moment, message
):
    clock.at = moment
    english.force_login(learner)
    response = english.post(token_url(session))
    assert response.status_code == 400
    assert refusal(response).startswith(str(message)[:20])
    assert not AttendanceRecord.objects.exists()


def test_check_in_opens_thirty_minutes_before_the_start(
    clock, learner_client, session, participant
):
    clock.at = local(7, 30)
    learner_client.post(token_url(session))
    assert AttendanceRecord.objects.get().status.code == "present"


def test_the_typed_code_checks_in(clock, learner_client, session, participant):
    code = svc.checkin_code_make(session=session)
    response = learner_client.post(
        reverse("training:checkin_code"), {"code": f" {code.lower()[:3]} {code[3:]}"}
    )
    assert response.status_code == 200
    record = AttendanceRecord.objects.get()
    assert record.source == AttendanceSource.CODE and record.status.code == "present"


@pytest.mark.parametrize("code", ["", "ABC", "AAAAAA", "STALE"])
def test_a_wrong_or_old_typed_code_is_refused(
    clock, english, learner, session, participant, code
):
    if code == "STALE":
        code = svc.checkin_code_make(session=session, window=svc.checkin_window() - 2)
    english.force_login(learner)
    response = english.post(reverse("training:checkin_code"), {"code": code})
    assert response.status_code == 400
    assert refusal(response) == str(svc.CODE_WRONG)
    assert not AttendanceRecord.objects.exists()


def test_the_typed_code_of_a_class_one_is_not_in_is_refused(
    clock, english, learner, participant, other_class
):
    elsewhere = make_session(
        other_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(11)
    )
    english.force_login(learner)
    code = svc.checkin_code_make(session=elsewhere)
    response = english.post(reverse("training:checkin_code"), {"code": code})
    assert response.status_code == 400
    assert not AttendanceRecord.objects.exists()


def test_a_participant_marked_absent_by_the_trainer_can_still_check_in(
    clock, learner_client, session, participant
):
    make_mark(session, participant, "absent", marked_at=local(8, 1))
    learner_client.post(token_url(session))
    assert AttendanceRecord.objects.get().status.code == "present"


def test_learners_and_other_trainers_cannot_open_the_qr_screen(
    clock, client, learner, other_trainer, session, participant
):
    for user in (learner, other_trainer):
        client.force_login(user)
        for name in ("training:checkin_screen", "training:checkin_screen_state"):
            assert client.get(reverse(name, args=[session.pk])).status_code == 404
