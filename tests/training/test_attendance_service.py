"""attendance_mark: one record per participant and session, later mark wins, history kept."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.concurrency import retrying_when_locked, run_together
from tests.factories.training import make_mark, make_participant, make_session
from training.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceSource,
    Participant,
)
from training.services import attendance as svc
from training.signals import attendance_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    return sessions[0]


@pytest.fixture
def heard():
    calls = []

    def receiver(sender, participant_ids, **kwargs):
        calls.append(list(participant_ids))

    attendance_changed.connect(receiver)
    yield calls
    attendance_changed.disconnect(receiver)


def mark(session, participant, code, by, **kwargs):
    kwargs.setdefault("source", AttendanceSource.ROLL_CALL)
    return svc.attendance_mark(
        session=session, participant=participant, status_code=code, by=by, **kwargs
    )


def test_first_mark_creates_the_record_and_its_history(
    session, participant, trainer, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = mark(session, participant, "present", trainer)
    assert result.created and result.applied and result.changed
    record = AttendanceRecord.objects.get()
    assert record.status.code == "present" and record.marked_by == trainer
    change = AttendanceChange.objects.get()
    assert change.previous_status is None and change.status.code == "present"
    assert change.changed_by == trainer and change.was_applied
    assert change.source == AttendanceSource.ROLL_CALL
    assert heard == [[participant.pk]]


def test_a_change_keeps_the_previous_status_in_history(session, participant, trainer):
    mark(session, participant, "present", trainer)
    result = mark(session, participant, "late", trainer)
    assert result.changed and not result.created
    assert AttendanceRecord.objects.get().status.code == "late"
    latest = AttendanceChange.objects.first()
    assert latest.previous_status.code == "present" and latest.status.code == "late"
    assert AttendanceChange.objects.count() == 2


def test_repeating_the_current_status_stores_nothing(
    session, participant, trainer, heard, django_capture_on_commit_callbacks
):
    mark(session, participant, "present", trainer)
    with django_capture_on_commit_callbacks(execute=True):
        result = mark(session, participant, "present", trainer)
    assert result.change is None and not result.changed
    assert AttendanceChange.objects.count() == 1
    assert heard == []


def test_an_earlier_mark_arriving_late_is_kept_but_not_applied(
    session, participant, trainer, other_trainer, heard
):
    """Two trainers: one marks absent offline at 8:05, the other present online at
    8:10; the offline phone syncs at 8:30. The later change (present) wins."""
    session.training_class.trainers.add(other_trainer)
    now = timezone.now()
    mark(
        session,
        participant,
        "present",
        trainer,
        marked_at=now - dt.timedelta(minutes=20),
    )
    result = mark(
        session,
        participant,
        "absent",
        other_trainer,
        marked_at=now - dt.timedelta(minutes=25),
    )
    assert not result.applied and not result.changed
    assert AttendanceRecord.objects.get().status.code == "present"
    overridden = AttendanceChange.objects.get(was_applied=False)
    assert overridden.status.code == "absent"
    assert overridden.previous_status.code == "present"
    assert overridden.changed_by == other_trainer


def test_a_clock_ahead_cannot_win_over_later_marks(session, participant, trainer):
    mark(
        session,
        participant,
        "absent",
        trainer,
        marked_at=timezone.now() + dt.timedelta(days=1),
    )
    assert AttendanceRecord.objects.get().marked_at <= timezone.now()
    assert mark(session, participant, "present", trainer).applied


def test_a_participant_of_another_class_is_refused(
    session, other_class, other_learner, trainer
):
    stranger = make_participant(other_class, other_learner)
    with pytest.raises(ValidationError) as error:
        mark(session, stranger, "present", trainer)
    assert error.value.messages == [str(svc.NOT_IN_CLASS)]
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize(
    "status", [Participant.Status.WAITING, Participant.Status.WITHDRAWN]
)
def test_only_confirmed_participants_are_marked(
    session, training_class, other_learner, trainer, status
):
    waiting = make_participant(training_class, other_learner, status=status)
    with pytest.raises(ValidationError) as error:
        mark(session, waiting, "present", trainer)
    assert error.value.messages == [str(svc.NOT_CONFIRMED)]
    assert not AttendanceChange.objects.exists()


def test_an_unknown_status_is_refused(session, participant, trainer):
    with pytest.raises(ValidationError) as error:
        mark(session, participant, "asleep", trainer)
    assert error.value.messages == [str(svc.UNKNOWN_STATUS)]
    assert not AttendanceRecord.objects.exists()


def test_a_trainer_of_another_class_may_not_mark(session, participant, other_trainer):
    with pytest.raises(PermissionDenied):
        mark(session, participant, "absent", other_trainer)
    assert not AttendanceRecord.objects.exists()


def test_the_unit_manager_and_an_administrator_may_mark(
    session, participant, unit_manager, administrator
):
    assert mark(session, participant, "late", unit_manager).applied
    assert mark(session, participant, "excused", administrator).applied


def test_a_participant_checks_in_only_themselves(
    session, participant, second_participant, learner
):
    with pytest.raises(PermissionDenied):
        mark(
            session, second_participant, "present", learner, source=AttendanceSource.QR
        )
    with pytest.raises(PermissionDenied):
        mark(session, participant, "present", learner)  # a roll-call mark
    with pytest.raises(PermissionDenied):
        mark(session, participant, "excused", learner, source=AttendanceSource.QR)
    assert not AttendanceRecord.objects.exists()
    assert mark(
        session, participant, "late", learner, source=AttendanceSource.QR
    ).applied


def test_mark_all_present_marks_only_those_without_a_mark(
    session,
    participant,
    second_participant,
    trainer,
    heard,
    django_capture_on_commit_callbacks,
):
    make_mark(session, participant, "late")
    with django_capture_on_commit_callbacks(execute=True):
        results = svc.attendance_mark_all_present(session=session, by=trainer)
    assert [r.record.participant for r in results] == [second_participant]
    codes = dict(AttendanceRecord.objects.values_list("participant_id", "status__code"))
    assert codes == {participant.pk: "late", second_participant.pk: "present"}
    assert heard == [[second_participant.pk]]


def test_mark_all_present_is_for_the_class_trainers_only(
    session, participant, other_trainer, learner
):
    for user in (other_trainer, learner):
        with pytest.raises(PermissionDenied):
            svc.attendance_mark_all_present(session=session, by=user)
    assert not AttendanceRecord.objects.exists()


def test_a_session_of_another_class_is_refused(participant, other_class, trainer):
    with pytest.raises(ValidationError):
        mark(make_session(other_class), participant, "present", trainer)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_simultaneous_check_ins_make_one_record(session, participant, learner):
    def check_in(_):
        return retrying_when_locked(
            lambda: (
                svc.attendance_mark(
                    session=session,
                    participant=participant,
                    status_code="present",
                    by=learner,
                    source=AttendanceSource.QR,
                ).record.pk
            )
        )

    results = run_together(50, check_in)
    assert all(isinstance(r, int) for r in results), results
    assert AttendanceRecord.objects.filter(participant=participant).count() == 1
    assert len({r for r in results if isinstance(r, int)}) == 1
    assert AttendanceChange.objects.filter(participant=participant).count() == 1


def test_attended_follows_the_marks_and_a_deleted_session(
    session, participant, trainer
):
    def attended():
        participant.refresh_from_db()
        return participant.attended

    assert not attended()
    mark(session, participant, "absent", trainer)
    assert not attended()
    mark(session, participant, "late", trainer)
    assert attended()
    mark(session, participant, "excused", trainer)
    assert not attended()
    mark(session, participant, "present", trainer)
    assert attended()
    session.delete()  # its marks go with it
    assert not attended()
