"""The learner's pages: open classes, a class's page, registration, withdrawal,
My learning's "My classes" and the home page's upcoming classes."""

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import Participant, TrainingClass
from training.selectors import learner as learner_selectors

pytestmark = pytest.mark.django_db

FORM = {
    "attendance_mode": "in_person",
    "brings_young_child": "on",
    "interpreter_language": "Tiếng Dao",
    "previous_training_year": "2022",
    "consent": "on",
}


def register_url(training_class):
    return reverse("training:register", args=[training_class.pk])


def class_url(training_class):
    return reverse("training:class_detail", args=[training_class.pk])


def test_anyone_sees_the_open_classes_but_not_planned_or_closed_ones(
    client, commune_a, training_class
):
    make_training_class(commune_a, title="Lớp dự kiến", status="planned")
    make_training_class(
        commune_a,
        title="Lớp đã hết hạn",
        registration_closes_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(reverse("training:class_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert training_class.title in page and register_url(training_class) in page
    assert "Lớp dự kiến" not in page and "Lớp đã hết hạn" not in page


def test_class_list_queries_do_not_grow_with_classes(
    client, commune_a, django_assert_max_num_queries
):
    for _ in range(12):
        make_training_class(commune_a)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("training:class_list"))
    assert response.content.decode().count("/register/") == 12


def test_class_page_shows_sessions_trainers_and_asks_visitors_to_log_in(
    client, training_class, sessions, trainer
):
    page = client.get(class_url(training_class)).content.decode()
    assert sessions[0].topic in page
    assert trainer.get_full_name() in page
    assert reverse("people:login") in page
    assert reverse("training:session_calendar", args=[sessions[0].pk]) in page


def test_planned_class_page_is_not_found(client, commune_a):
    planned = make_training_class(commune_a, status="planned")
    assert client.get(class_url(planned)).status_code == 404


def test_register_needs_login(client, training_class):
    response = client.get(register_url(training_class))
    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_register_form_shows_profile_link_and_saves_the_answers(
    learner_client, training_class, learner
):
    page = learner_client.get(register_url(training_class)).content.decode()
    assert reverse("people:profile") in page
    # An in-person class does not ask how one attends.
    assert 'type="hidden" name="attendance_mode"' in page
    response = learner_client.post(register_url(training_class), FORM, follow=True)
    assert response.redirect_chain[-1][0] == class_url(training_class)
    participant = Participant.objects.get(person=learner)
    assert participant.status == Participant.Status.CONFIRMED
    assert participant.brings_young_child is True
    assert participant.interpreter_language == "Tiếng Dao"
    assert participant.previous_training_year == 2022
    page = response.content.decode()
    assert "Withdraw my registration" in page or "Rút đăng ký" in page


def test_register_without_consent_says_so_in_vietnamese_and_saves_nothing(
    learner_client, training_class
):
    data = {**FORM}
    del data["consent"]
    response = learner_client.post(register_url(training_class), data)
    assert response.status_code == 200
    assert "đồng ý cho phép xử lý dữ liệu cá nhân" in response.content.decode()
    assert not Participant.objects.exists()


def test_register_with_a_future_year_is_refused(learner_client, training_class):
    data = {**FORM, "previous_training_year": str(timezone.localdate().year + 1)}
    response = learner_client.post(register_url(training_class), data)
    assert response.status_code == 200
    assert not Participant.objects.exists()


def test_register_after_the_window_or_when_cancelled_is_refused(
    learner_client, training_class
):
    training_class.registration_closes_at = timezone.now() - dt.timedelta(minutes=5)
    training_class.save()
    response = learner_client.post(register_url(training_class), FORM, follow=True)
    assert "Hạn đăng ký lớp này đã kết thúc" in response.content.decode()
    training_class.registration_closes_at = None
    training_class.status = TrainingClass.Status.CANCELLED
    training_class.save()
    response = learner_client.post(register_url(training_class), FORM, follow=True)
    assert "Lớp này đã bị hủy." in response.content.decode()
    assert not Participant.objects.exists()


def test_double_registration_is_a_friendly_message(
    learner_client, training_class, learner
):
    learner_client.post(register_url(training_class), FORM)
    response = learner_client.post(register_url(training_class), FORM, follow=True)
    assert "Bạn đã đăng ký lớp này rồi." in response.content.decode()
    assert Participant.objects.filter(person=learner).count() == 1


def test_full_class_puts_the_learner_on_the_waiting_list(
    learner_client, commune_a, learner
):
    full = make_training_class(commune_a, capacity=1)
    make_participant(full, UserFactory(unit=commune_a))
    response = learner_client.post(register_url(full), FORM, follow=True)
    assert Participant.objects.get(person=learner).status == "waiting"
    page = response.content.decode()
    assert "1" in page and ("waiting list" in page or "danh sách chờ" in page)


def test_withdraw_button_withdraws_and_moves_the_next_person_up(
    learner_client, commune_a, learner
):
    training_class = make_training_class(commune_a, capacity=1)
    mine = make_participant(training_class, learner)
    waiting = make_participant(
        training_class, UserFactory(unit=commune_a), status="waiting"
    )
    response = learner_client.post(reverse("training:withdraw", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == "withdrawn" and waiting.status == "confirmed"


def test_withdrawing_someone_elses_registration_is_forbidden(
    client, participant, other_learner
):
    client.force_login(other_learner)
    response = client.post(reverse("training:withdraw", args=[participant.pk]))
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.status == "confirmed"


def test_withdraw_is_post_only(learner_client, participant):
    response = learner_client.get(reverse("training:withdraw", args=[participant.pk]))
    assert response.status_code == 405


def test_my_learning_shows_my_classes_sessions_marks_and_attendance(
    learner_client, training_class, participant, other_class
):
    # Dates away from today: whether today's session has started yet (and so
    # counts as held) would depend on the hour the test runs.
    upcoming = make_session(
        training_class,
        date=timezone.localdate() + dt.timedelta(days=2),
        topic="Buổi sắp tới",
    )
    past = make_session(
        training_class, date=timezone.localdate() - dt.timedelta(days=3)
    )
    make_mark(past, participant, "present")
    page = learner_client.get(reverse("courses:dashboard")).content.decode()
    assert training_class.title in page
    assert other_class.title not in page
    assert upcoming.topic in page
    assert past.topic in page  # marked
    assert "100%" in page
    assert "/training/calendar/" in page


def test_my_classes_queries_stay_fixed(
    client, commune_a, django_assert_max_num_queries
):
    person = UserFactory(unit=commune_a)
    client.force_login(person)
    for _ in range(2):
        make_session(
            make_participant(make_training_class(commune_a), person).training_class
        )
    client.get(reverse("courses:dashboard"))
    # user, enrolments, classes, their sessions with my marks, certificates
    with django_assert_max_num_queries(5) as few:
        client.get(reverse("courses:dashboard"))
    for _ in range(6):
        klass = make_training_class(commune_a)
        participant = make_participant(klass, person)
        session = make_session(klass, date=timezone.localdate() - dt.timedelta(days=1))
        make_session(klass)
        make_mark(session, participant)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("courses:dashboard")).content.decode()
    assert page.count('class="status status-confirmed"') == 8


def test_home_page_lists_upcoming_open_classes(client, home_page, training_class):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    page = client.get("/").content.decode()
    assert training_class.title in page
    assert register_url(training_class) in page


def test_my_classes_attendance_follows_the_clock_between_reads(commune_a):
    """My classes' read is prepared once per process (lms.prepared): the moment
    that decides which sessions are held is given anew on each read."""
    person = UserFactory(unit=commune_a)
    klass = make_training_class(commune_a, starts_on=dt.date(2026, 3, 9))
    make_participant(klass, person)
    make_session(klass, date=dt.date(2026, 3, 9), starts_at=dt.time(8, 0))
    zone = timezone.get_current_timezone()

    def percent_at(hour: int):
        moment = dt.datetime(2026, 3, 9, hour, 0, tzinfo=zone)
        with mock.patch.object(timezone, "now", return_value=moment):
            (mine,) = learner_selectors.my_classes(person=person)
        return mine.attendance_percent

    assert percent_at(7) is None  # nothing held yet
    assert percent_at(9) == 0.0  # held, and not marked
    assert percent_at(7) is None
