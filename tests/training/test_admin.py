"""The "Training classes" admin: classes with their sessions, participants, scope."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories.training import make_participant, make_session
from training.models import Participant, Session, TrainingClass

pytestmark = pytest.mark.django_db


def class_form(unit, *, code="TH-NEW-01", sessions=None, **extra):
    today = dt.date(2026, 12, 7)
    data = {
        "code": code,
        "title": "Lồng ghép giới trong xây dựng văn bản",
        "description": "",
        "unit": unit.pk,
        "mode": TrainingClass.Mode.IN_PERSON,
        "funding_source": TrainingClass.FundingSource.STATE_BUDGET,
        "status": TrainingClass.Status.PLANNED,
        "venue": "Hội trường UBND xã",
        "meeting_url": "",
        "starts_on": today.strftime("%d/%m/%Y"),
        "ends_on": (today + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        "capacity": 30,
        "attendance_threshold": 80,
        "late_after_minutes": 15,
        "sessions": inline_formset(
            sessions
            if sessions is not None
            else [
                {
                    "date": today.strftime("%d/%m/%Y"),
                    "starts_at": "08:00",
                    "ends_at": "11:30",
                    "topic": "Luật Bình đẳng giới",
                    "place": "Phòng họp 1",
                }
            ]
        ),
        **extra,
    }
    return nested_form_data(data)


def listed(response):
    return {obj.pk for obj in response.context["object_list"]}


def test_trainer_lists_only_the_classes_they_teach(
    client, trainer, training_class, other_class
):
    client.force_login(trainer)
    response = client.get(reverse("training_classes:index"))
    assert response.status_code == 200
    assert listed(response) == {training_class.pk}


def test_unit_manager_lists_the_classes_of_their_units(
    client, unit_manager, training_class, other_class
):
    client.force_login(unit_manager)
    response = client.get(reverse("training_classes:index"))
    assert listed(response) == {training_class.pk}


def test_class_list_filters_by_status_and_searches_by_code(
    client, administrator, training_class, other_class
):
    other_class.status = TrainingClass.Status.CANCELLED
    other_class.save()
    client.force_login(administrator)
    url = reverse("training_classes:index")
    assert listed(client.get(url, {"status": "cancelled"})) == {other_class.pk}
    assert listed(client.get(url, {"q": "TH-BDG"})) == {training_class.pk}


def test_trainer_of_another_class_cannot_open_or_change_it(
    client, other_trainer, training_class
):
    client.force_login(other_trainer)
    assert (
        client.get(reverse("training_classes:edit", args=[training_class.pk]))
    ).status_code == 404
    response = client.post(
        reverse("training_classes:edit", args=[training_class.pk]),
        class_form(training_class.unit, code="HACKED"),
    )
    assert response.status_code == 404
    training_class.refresh_from_db()
    assert training_class.code == "TH-BDG-01"


def test_learner_is_kept_out_of_the_training_admin(learner_client, training_class):
    response = learner_client.get(reverse("training_classes:index"))
    assert response.status_code in (302, 403)
    response = learner_client.get(reverse("training_participants:index"))
    assert response.status_code in (302, 403)


def test_unit_manager_creates_a_class_with_its_sessions(
    client, unit_manager, commune_a
):
    client.force_login(unit_manager)
    response = client.post(reverse("training_classes:add"), class_form(commune_a))
    assert response.status_code == 302, response.context["form"].errors
    created = TrainingClass.objects.get(code="TH-NEW-01")
    assert created.created_by == unit_manager
    assert created.unit == commune_a
    session = created.sessions.get()
    assert (session.starts_at, session.ends_at) == (dt.time(8), dt.time(11, 30))


def test_trainer_who_creates_a_class_teaches_it(client, trainer, commune_b):
    client.force_login(trainer)
    response = client.post(reverse("training_classes:add"), class_form(commune_b))
    assert response.status_code == 302
    created = TrainingClass.objects.get(code="TH-NEW-01")
    assert list(created.trainers.all()) == [trainer]
    assert created.created_by == trainer


def test_unit_manager_is_offered_only_their_units(
    client, unit_manager, commune_a, commune_b
):
    client.force_login(unit_manager)
    response = client.get(reverse("training_classes:add"))
    units = set(response.context["form"].fields["unit"].queryset)
    assert commune_a in units
    assert commune_b not in units
    response = client.post(reverse("training_classes:add"), class_form(commune_b))
    assert response.status_code == 200
    assert not TrainingClass.objects.filter(code="TH-NEW-01").exists()


def test_session_ending_before_it_starts_is_refused_in_vietnamese(
    client, unit_manager, commune_a
):
    client.force_login(unit_manager)
    data = class_form(
        commune_a,
        sessions=[
            {
                "date": "07/12/2026",
                "starts_at": "11:00",
                "ends_at": "08:00",
                "topic": "Chuyên đề 1",
                "place": "",
            }
        ],
    )
    response = client.post(reverse("training_classes:add"), data)
    assert response.status_code == 200
    assert "Buổi học phải kết thúc sau khi bắt đầu." in response.content.decode()
    assert not TrainingClass.objects.filter(code="TH-NEW-01").exists()
    assert not Session.objects.exists()


def test_session_outside_the_class_dates_is_refused(client, unit_manager, commune_a):
    client.force_login(unit_manager)
    data = class_form(
        commune_a,
        sessions=[
            {
                "date": "20/12/2026",
                "starts_at": "08:00",
                "ends_at": "11:00",
                "topic": "Chuyên đề 1",
                "place": "",
            }
        ],
    )
    response = client.post(reverse("training_classes:add"), data)
    assert response.status_code == 200
    assert not TrainingClass.objects.filter(code="TH-NEW-01").exists()


# --- Participants -------------------------------------------------------------------


def test_participant_list_shows_status_and_support_needs(
    client, trainer, training_class, participant, other_class, other_learner
):
    participant.brings_young_child = True
    participant.interpreter_language = "Hrê"
    participant.save()
    outside = make_participant(other_class, other_learner)
    client.force_login(trainer)
    response = client.get(
        reverse("training_participants:index"),
        {"training_class": training_class.pk},
    )
    assert response.status_code == 200
    assert listed(response) == {participant.pk}
    assert outside.pk not in listed(response)
    content = response.content.decode()
    assert "Hrê" in content
    assert "Đã xác nhận" in content or "Confirmed" in content


def test_trainer_approves_a_pending_registration(
    client, trainer, training_class, second_learner
):
    pending = make_participant(
        training_class, second_learner, status=Participant.Status.PENDING
    )
    client.force_login(trainer)
    url = reverse("training_participants:decide", args=[pending.pk, "approve"])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Participant.Status.CONFIRMED


def test_trainer_withdraws_a_participant(client, trainer, participant):
    client.force_login(trainer)
    client.post(
        reverse("training_participants:decide", args=[participant.pk, "withdraw"])
    )
    participant.refresh_from_db()
    assert participant.status == Participant.Status.WITHDRAWN


def test_approving_a_confirmed_registration_says_why_not(client, trainer, participant):
    client.force_login(trainer)
    response = client.post(
        reverse("training_participants:decide", args=[participant.pk, "approve"]),
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]]
    participant.refresh_from_db()
    assert participant.status == Participant.Status.CONFIRMED


def test_trainer_of_another_class_cannot_decide_on_its_participants(
    client, other_trainer, training_class, second_learner
):
    pending = make_participant(
        training_class, second_learner, status=Participant.Status.PENDING
    )
    client.force_login(other_trainer)
    url = reverse("training_participants:decide", args=[pending.pk, "reject"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    pending.refresh_from_db()
    assert pending.status == Participant.Status.PENDING


def test_class_list_in_vietnamese_has_the_training_menu(
    client, unit_manager, training_class
):
    client.force_login(unit_manager)
    response = client.get(reverse("training_classes:index"))
    content = response.content.decode()
    assert "Lớp tập huấn" in content
    assert "TH-BDG-01" in content


def test_a_class_row_leads_to_its_report_and_its_roll_call(
    client, trainer, training_class, other_class, sessions
):
    make_session(other_class)
    client.force_login(trainer)
    html = client.get(reverse("training_classes:index")).content.decode()
    report = reverse("training_reports:class", args=[training_class.pk])
    roll_calls = reverse("training:sessions_to_mark") + f"?class={training_class.pk}"
    assert report in html
    assert roll_calls in html

    listed_sessions = client.get(roll_calls).context["sessions"]
    assert set(listed_sessions) == set(sessions)
    assert (
        client.get(reverse("training:sessions_to_mark") + "?class=x").status_code == 200
    )
