"""The trainer's phone roll-call: taps saved as they go, offline marks, history, access."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import make_mark, make_participant
from training.models import AttendanceChange, AttendanceRecord
from training.services import attendance as svc
from training.views.attendance import BAD_REQUEST, MARK_KEPT_EARLIER

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    return sessions[0]


@pytest.fixture
def trainer_client(english, trainer):
    english.force_login(trainer)
    return english


def rollcall_url(session):
    return reverse("training:rollcall", args=[session.pk])


def post_json(client, url, data):
    return client.post(
        url,
        json.dumps(data),
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )


def test_the_trainer_sees_the_participants_with_one_button_per_status(
    trainer_client, session, participant, second_participant
):
    response = trainer_client.get(rollcall_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(participant.person) in html and str(second_participant.person) in html
    for label in ("Có mặt", "Đến muộn", "Vắng có phép", "Vắng"):
        assert label in html
    assert "Mark all present" in html
    assert 'src="/static/training/rollcall.js"' in html


def test_a_tap_saves_at_once_and_returns_the_row(
    trainer_client, session, participant, trainer
):
    response = post_json(
        trainer_client,
        reverse("training:rollcall_mark", args=[session.pk]),
        {"participant": participant.pk, "status": "late"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "late" and data["applied"]
    assert f'id="participant-{participant.pk}"' in data["html"]
    assert "changed" in data["html"] and str(trainer) in data["html"]
    assert AttendanceRecord.objects.get().status.code == "late"


def test_a_mark_made_offline_keeps_its_time_and_loses_to_a_later_one(
    trainer_client, session, participant, trainer, other_trainer
):
    session.training_class.trainers.add(other_trainer)
    svc.attendance_mark(
        session=session,
        participant=participant,
        status_code="present",
        by=other_trainer,
        source="roll_call",
        marked_at=timezone.now() - dt.timedelta(minutes=5),
    )
    offline_at = timezone.now() - dt.timedelta(minutes=30)
    response = post_json(
        trainer_client,
        reverse("training:rollcall_mark", args=[session.pk]),
        {
            "participant": participant.pk,
            "status": "absent",
            "marked_at": offline_at.isoformat(),
        },
    )
    data = response.json()
    assert not data["applied"] and data["message"] == str(MARK_KEPT_EARLIER)
    assert AttendanceRecord.objects.get().status.code == "present"
    kept = AttendanceChange.objects.get(was_applied=False)
    assert kept.marked_at == offline_at and kept.changed_by == trainer
    page = trainer_client.get(rollcall_url(session)).content.decode()
    assert "not applied: a later mark had been made" in page


def test_the_page_works_without_javascript(trainer_client, session, participant):
    response = trainer_client.post(
        reverse("training:rollcall_mark", args=[session.pk]),
        {"participant": participant.pk, "status": "excused"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#participant-{participant.pk}")
    assert AttendanceRecord.objects.get().status.code == "excused"


def test_mark_all_present_leaves_existing_marks(
    trainer_client, session, participant, second_participant
):
    make_mark(session, participant, "late")
    response = post_json(
        trainer_client,
        reverse("training:rollcall_all_present", args=[session.pk]),
        {"marked_at": timezone.now().isoformat()},
    )
    assert response.status_code == 200
    assert list(response.json()["rows"]) == [str(second_participant.pk)]
    codes = dict(AttendanceRecord.objects.values_list("participant_id", "status__code"))
    assert codes == {participant.pk: "late", second_participant.pk: "present"}


def test_the_history_shows_who_changed_what_and_when(
    trainer_client, session, participant, trainer
):
    for code in ("present", "late"):
        svc.attendance_mark(
            session=session,
            participant=participant,
            status_code=code,
            by=trainer,
            source="roll_call",
        )
    html = trainer_client.get(rollcall_url(session)).content.decode()
    assert "History (2 changes)" in html
    assert "Có mặt → Đến muộn" in html
    assert timezone.localtime().strftime("%d/%m/%Y") in html


@pytest.mark.parametrize(
    "data",
    [
        {"participant": "x", "status": "present"},
        {"status": "present"},
        {"participant": 0, "status": "present"},
        {"participant": "PID", "status": "asleep"},
        {"participant": "PID", "status": "present", "marked_at": "yesterday"},
    ],
)
def test_bad_marks_are_refused_with_a_message_and_nothing_saved(
    trainer_client, session, participant, data
):
    if data.get("participant") == "PID":
        data["participant"] = participant.pk
    response = post_json(
        trainer_client, reverse("training:rollcall_mark", args=[session.pk]), data
    )
    assert response.status_code == 400
    assert response.json()["error"] in (
        str(BAD_REQUEST),
        str(svc.UNKNOWN_STATUS),
    )
    assert not AttendanceRecord.objects.exists()


def test_a_participant_of_another_class_cannot_be_marked_here(
    trainer_client, session, other_class, other_learner
):
    stranger = make_participant(other_class, other_learner)
    response = post_json(
        trainer_client,
        reverse("training:rollcall_mark", args=[session.pk]),
        {"participant": stranger.pk, "status": "present"},
    )
    assert response.status_code == 400
    assert not AttendanceRecord.objects.exists()


def test_a_trainer_of_another_class_finds_nothing(
    english, other_trainer, session, participant
):
    english.force_login(other_trainer)
    page = english.get(rollcall_url(session))
    assert page.status_code == 404
    assert str(participant.person) not in page.content.decode()
    for name in ("training:rollcall_mark", "training:rollcall_all_present"):
        response = post_json(
            english,
            reverse(name, args=[session.pk]),
            {"participant": participant.pk, "status": "absent"},
        )
        assert response.status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_a_participant_cannot_open_the_roll_call_nor_mark_someone_else(
    learner_client, session, participant, second_participant
):
    assert learner_client.get(rollcall_url(session)).status_code == 404
    response = post_json(
        learner_client,
        reverse("training:rollcall_mark", args=[session.pk]),
        {"participant": second_participant.pk, "status": "absent"},
    )
    assert response.status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_signed_out_visitors_are_sent_to_log_in(client, session):
    response = client.get(rollcall_url(session))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_roll_call_of_a_big_class_takes_few_queries(
    trainer_client, session, training_class, django_assert_max_num_queries
):
    for number in range(30):
        person = UserFactory(username=f"p{number}")
        participant = make_participant(training_class, person)
        make_mark(session, participant, "present")
    with django_assert_max_num_queries(25):
        response = trainer_client.get(rollcall_url(session))
    assert response.content.decode().count('class="rollcall-row"') == 30


def test_the_sessions_page_lists_only_the_trainers_sessions(
    trainer_client, session, other_class
):
    from tests.factories.training import make_session

    make_session(other_class, topic="Chuyên đề lớp khác")
    html = trainer_client.get(reverse("training:sessions_to_mark")).content.decode()
    assert rollcall_url(session) in html
    assert "Chuyên đề lớp khác" not in html
