"""Registration: capacity, waiting list, approval, withdrawal, bulk registration."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from courses.models import CoursePage, Enrolment
from people.roles import Role
from tests.concurrency import retrying_when_locked, run_together
from tests.factories import UserFactory
from tests.factories.courses import make_course_tree
from tests.factories.training import make_training_class
from training.models import Participant, TrainingClass
from training.services import participants as svc
from training.services.participants import RegistrationDetails

pytestmark = pytest.mark.django_db


def register(training_class, person, **kwargs):
    kwargs.setdefault("consent", True)
    return svc.participant_register(
        training_class=training_class, person=person, by=person, **kwargs
    )


def people(count, unit):
    return [UserFactory(unit=unit) for _ in range(count)]


def messages(error):
    with translation.override("vi"):
        return " ".join(error.messages)


def test_register_confirms_while_places_last_and_keeps_the_form(
    training_class, learner
):
    participant = register(
        training_class,
        learner,
        details=RegistrationDetails(
            brings_young_child=True,
            interpreter_language=" Tiếng H'Mông ",
            previous_training_year=2022,
        ),
    )
    assert participant.status == Participant.Status.CONFIRMED
    assert participant.confirmed_at is not None and participant.consent_at
    assert participant.source == Participant.Source.SELF
    assert participant.registered_by == learner
    assert participant.brings_young_child is True
    assert participant.interpreter_language == "Tiếng H'Mông"
    assert participant.previous_training_year == 2022


def test_beyond_capacity_people_wait_in_registration_order(commune_a):
    training_class = make_training_class(commune_a, capacity=2)
    first, second, third, fourth = people(4, commune_a)
    for person in (first, second, third, fourth):
        register(training_class, person)
    statuses = dict(
        Participant.objects.filter(training_class=training_class).values_list(
            "person", "status"
        )
    )
    assert statuses == {
        first.pk: "confirmed",
        second.pk: "confirmed",
        third.pk: "waiting",
        fourth.pk: "waiting",
    }


def test_approval_class_holds_places_for_pending_requests(commune_a):
    training_class = make_training_class(commune_a, capacity=1, requires_approval=True)
    first, second = people(2, commune_a)
    assert register(training_class, first).status == Participant.Status.PENDING
    assert register(training_class, second).status == Participant.Status.WAITING


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": TrainingClass.Status.CANCELLED}, svc.CLASS_CANCELLED),
        ({"status": TrainingClass.Status.FINISHED}, svc.CLASS_FINISHED),
        ({"status": TrainingClass.Status.PLANNED}, svc.CLASS_NOT_OPEN),
        ({"status": TrainingClass.Status.RUNNING}, svc.CLASS_NOT_OPEN),
    ],
)
def test_register_refused_when_class_does_not_take_registrations(
    training_class, learner, changes, message
):
    TrainingClass.objects.filter(pk=training_class.pk).update(**changes)
    training_class.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        register(training_class, learner)
    assert error.value.messages == [str(message)]
    assert not Participant.objects.exists()


def test_register_refused_outside_the_window_with_the_dates(training_class, learner):
    now = timezone.now()
    training_class.registration_closes_at = now - dt.timedelta(hours=1)
    training_class.save()
    with pytest.raises(ValidationError) as error:
        register(training_class, learner)
    assert error.value.code == "closed"
    assert "Hạn đăng ký lớp này đã kết thúc" in messages(error.value)
    training_class.registration_closes_at = None
    training_class.registration_opens_at = now + dt.timedelta(days=2)
    training_class.save()
    with pytest.raises(ValidationError) as error:
        register(training_class, learner)
    assert error.value.code == "not_yet"
    assert not Participant.objects.exists()


def test_register_refused_without_consent_in_vietnamese(training_class, learner):
    with pytest.raises(ValidationError) as error:
        register(training_class, learner, consent=False)
    assert error.value.message_dict["consent"] == [str(svc.CONSENT_REQUIRED)]
    assert "đồng ý" in messages(error.value)
    assert not Participant.objects.exists()


def test_register_refuses_bad_answers(training_class, learner):
    with pytest.raises(ValidationError) as error:
        register(
            training_class,
            learner,
            details=RegistrationDetails(attendance_mode=Participant.Mode.ONLINE),
        )
    assert "attendance_mode" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        register(
            training_class,
            learner,
            details=RegistrationDetails(previous_training_year=1890),
        )
    assert "previous_training_year" in error.value.message_dict
    assert not Participant.objects.exists()


def test_double_registration_is_answered_kindly_and_not_duplicated(
    training_class, learner
):
    register(training_class, learner)
    with pytest.raises(ValidationError) as error:
        register(training_class, learner)
    assert error.value.code == "already_registered"
    assert error.value.messages == [str(svc.ALREADY_REGISTERED)]
    assert "đã đăng ký" in messages(error.value)
    assert Participant.objects.filter(person=learner).count() == 1


def test_someone_cannot_register_another_person(training_class, learner, other_learner):
    with pytest.raises(PermissionDenied):
        svc.participant_register(
            training_class=training_class,
            person=learner,
            by=other_learner,
            consent=True,
        )
    assert not Participant.objects.exists()


def test_withdraw_moves_the_first_waiting_person_up_and_emails_them(
    commune_a, django_capture_on_commit_callbacks, mailoutbox
):
    training_class = make_training_class(commune_a, capacity=1)
    first, second, third = people(3, commune_a)
    holder = register(training_class, first)
    waiting = register(training_class, second)
    later = register(training_class, third)
    with django_capture_on_commit_callbacks(execute=True):
        svc.participant_withdraw(participant=holder, by=first)
    holder.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert holder.status == Participant.Status.WITHDRAWN and holder.withdrawn_at
    assert waiting.status == Participant.Status.CONFIRMED and waiting.confirmed_at
    assert later.status == Participant.Status.WAITING
    assert [mail.to for mail in mailoutbox] == [[second.email]]
    assert training_class.title in mailoutbox[0].subject


def test_withdrawing_someone_elses_registration_is_refused(participant, other_learner):
    with pytest.raises(PermissionDenied):
        svc.participant_withdraw(participant=participant, by=other_learner)
    participant.refresh_from_db()
    assert participant.status == Participant.Status.CONFIRMED


def test_the_class_trainer_may_withdraw_a_participant(participant, trainer):
    svc.participant_withdraw(participant=participant, by=trainer)
    participant.refresh_from_db()
    assert participant.status == Participant.Status.WITHDRAWN


def test_withdrawn_person_registers_again_at_the_end_of_the_queue(commune_a):
    training_class = make_training_class(commune_a, capacity=1)
    first, second = people(2, commune_a)
    holder = register(training_class, first)
    svc.participant_withdraw(participant=holder, by=first)
    register(training_class, second)
    again = register(training_class, first)
    assert again.pk == holder.pk
    assert again.status == Participant.Status.WAITING
    assert again.withdrawn_at is None


def test_approve_and_reject_by_the_trainer_only(commune_a, trainer, other_trainer):
    training_class = make_training_class(
        commune_a, trainers=[trainer], capacity=1, requires_approval=True
    )
    first, second = people(2, commune_a)
    pending = register(training_class, first)
    waiting = register(training_class, second)
    with pytest.raises(PermissionDenied):
        svc.participant_approve(participant=pending, by=other_trainer)
    with pytest.raises(PermissionDenied):
        svc.participant_approve(participant=pending, by=second)
    svc.participant_reject(participant=pending, by=trainer)
    pending.refresh_from_db()
    waiting.refresh_from_db()
    assert pending.status == Participant.Status.REJECTED
    # The freed place goes to the next person, who still needs approval.
    assert waiting.status == Participant.Status.PENDING
    svc.participant_approve(participant=waiting, by=trainer)
    waiting.refresh_from_db()
    assert waiting.status == Participant.Status.CONFIRMED
    with pytest.raises(ValidationError):
        svc.participant_approve(participant=waiting, by=trainer)


def test_rejected_person_cannot_register_again(commune_a, trainer):
    training_class = make_training_class(
        commune_a, trainers=[trainer], requires_approval=True
    )
    person = UserFactory(unit=commune_a)
    svc.participant_reject(participant=register(training_class, person), by=trainer)
    with pytest.raises(ValidationError) as error:
        register(training_class, person)
    assert error.value.messages == [str(svc.REGISTRATION_REFUSED)]


def live_course(course_index, **kwargs):
    course, _lessons = make_course_tree(course_index, lessons_per_module=1, **kwargs)
    return course


def test_confirmed_participants_are_enrolled_in_the_course_even_assigned_only(
    commune_a, course_index, trainer
):
    course = live_course(course_index, enrolment_mode=CoursePage.EnrolmentMode.ASSIGNED)
    training_class = make_training_class(
        commune_a, trainers=[trainer], course=course, capacity=1, requires_approval=True
    )
    first, second = people(2, commune_a)
    pending = register(training_class, first)
    register(training_class, second)
    assert not Enrolment.objects.exists()
    svc.participant_approve(participant=pending, by=trainer)
    enrolment = Enrolment.objects.get(learner=first, course=course)
    assert enrolment.source == Enrolment.Source.TRAINING_CLASS
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert not Enrolment.objects.filter(learner=second).exists()


def test_bulk_registration_by_a_unit_manager(
    commune_a, unit_manager, django_capture_on_commit_callbacks, mailoutbox
):
    training_class = make_training_class(commune_a, capacity=2)
    already, *staff = people(4, commune_a)
    register(training_class, already)
    with django_capture_on_commit_callbacks(execute=True):
        result = svc.participants_register_bulk(
            training_class=training_class, people=[already, *staff], by=unit_manager
        )
    assert result.already == [already]
    assert [p.person for p in result.confirmed] == [staff[0]]
    assert [p.person for p in result.waiting] == staff[1:]
    assert {p.source for p in result.confirmed + result.waiting} == {"manager"}
    assert [mail.to for mail in mailoutbox] == [[staff[0].email]]


def test_bulk_registration_refuses_people_outside_the_managers_units(
    training_class, unit_manager, learner, other_learner
):
    with pytest.raises(PermissionDenied):
        svc.participants_register_bulk(
            training_class=training_class,
            people=[learner, other_learner],
            by=unit_manager,
        )
    assert not Participant.objects.exists()


def test_bulk_registration_needs_the_permission_and_a_live_class(
    training_class, learner, unit_manager
):
    with pytest.raises(PermissionDenied):
        svc.participants_register_bulk(
            training_class=training_class, people=[learner], by=learner
        )
    training_class.status = TrainingClass.Status.CANCELLED
    training_class.save()
    with pytest.raises(ValidationError):
        svc.participants_register_bulk(
            training_class=training_class, people=[learner], by=unit_manager
        )
    assert not Participant.objects.exists()


def test_withdraw_twice_is_refused(participant, learner):
    svc.participant_withdraw(participant=participant, by=learner)
    with pytest.raises(ValidationError):
        svc.participant_withdraw(participant=participant, by=learner)


def test_a_trainer_of_another_unit_cannot_bulk_register(
    training_class, learner, commune_b
):
    manager_b = UserFactory(
        unit=commune_b, roles=[Role.UNIT_MANAGER], managed_units=[commune_b]
    )
    with pytest.raises(PermissionDenied):
        svc.participants_register_bulk(
            training_class=training_class, people=[learner], by=manager_b
        )


@pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's shared in-memory test database refuses a second writer at "
    "once instead of waiting, so a crowd of 50 is a test of retries, not of the "
    "lock: the race runs on PostgreSQL (make test-services, CI's second run)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_registrations_for_ten_places(commune_a):
    training_class = make_training_class(commune_a, capacity=10)
    crowd = people(50, commune_a)

    def work(index):
        person = crowd[index]
        return retrying_when_locked(lambda: register(training_class, person).status)

    results = run_together(50, work)
    assert not [r for r in results if isinstance(r, Exception)], results
    statuses = list(
        Participant.objects.filter(training_class=training_class).values_list(
            "status", flat=True
        )
    )
    assert statuses.count("confirmed") == 10
    assert statuses.count("waiting") == 40
    assert sorted(results) == sorted(statuses)
