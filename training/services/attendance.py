"""Attendance marks: one record per participant and session, and every change kept.

Every way of marking (roll-call, QR and typed check-in, online join, sign-in
sheet import) goes through `attendance_mark`, so the rules live once:

- only confirmed participants of the session's class are marked;
- whoever may see the class through the access contract (its trainers, the
  managers of its unit, administrators) marks anyone in it; a participant only
  checks themselves in (present or late, by QR, code or online join);
- the later mark wins: a mark made before the current one (a phone that was
  offline syncing late) is kept in the history as not applied;
- a mark that repeats the current status changes nothing and is not stored;
- `attendance_changed` is sent once the transaction has committed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.access import visible_to
from people.models import User
from training.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)
from training.signals import attendance_changed

NOT_IN_CLASS = _("This person is not a participant of this session's class.")
NOT_CONFIRMED = _("Only confirmed participants can be marked.")
UNKNOWN_STATUS = _("Unknown attendance status.")
MARK_NOT_ALLOWED = _("You may mark attendance only in the classes you teach.")
SELF_CHECK_IN_ONLY = _("You may only check yourself in.")

# What a participant may do for themselves: check in as present or late.
SELF_SOURCES = frozenset(
    {AttendanceSource.QR, AttendanceSource.CODE, AttendanceSource.ONLINE_JOIN}
)
SELF_STATUSES = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.LATE})
# Two first marks at once: the loser of the unique constraint reads the winner's
# row and tries again; a handful of tries is plenty.
MARK_TRIES = 5


@dataclass(frozen=True)
class AttendanceMarkResult:
    """What a mark did: `change` is None when it repeated the current status;
    `applied` is False when a later mark was already there (kept in history)."""

    record: AttendanceRecord
    change: AttendanceChange | None
    created: bool
    applied: bool

    @property
    def changed(self) -> bool:
        return self.change is not None and self.applied


def attendance_may_mark_class(*, user: User, training_class: TrainingClass) -> bool:
    """Whether `user` marks anyone in the class: whoever the access contract lets see it."""
    return visible_to(user, TrainingClass.objects.filter(pk=training_class.pk)).exists()


def _status(code: str) -> AttendanceStatus:
    try:
        return AttendanceStatus.objects.get(code=code)
    except AttendanceStatus.DoesNotExist:
        raise ValidationError(UNKNOWN_STATUS, code="unknown_status") from None


def _check_participant(*, session: Session, participant: Participant) -> None:
    if participant.training_class_id != session.training_class_id:
        raise ValidationError(NOT_IN_CLASS, code="not_in_class")
    if participant.status != Participant.Status.CONFIRMED:
        raise ValidationError(NOT_CONFIRMED, code="not_confirmed")


def _check_marker(
    *,
    session: Session,
    participant: Participant,
    status_code: str,
    by: User,
    source: str,
) -> None:
    if attendance_may_mark_class(user=by, training_class=session.training_class):
        return
    if (
        by.is_authenticated
        and by.is_active
        and participant.person_id == by.pk
        and source in SELF_SOURCES
        and status_code in SELF_STATUSES
    ):
        return
    if participant.person_id == by.pk:
        raise PermissionDenied(SELF_CHECK_IN_ONLY)
    raise PermissionDenied(MARK_NOT_ALLOWED)


def _mark_once(
    *,
    session: Session,
    participant: Participant,
    status: AttendanceStatus,
    by: User,
    marked_at: datetime,
    source: str,
) -> AttendanceMarkResult:
    """One try, inside a transaction: lock the record or create it."""
    record = (
        AttendanceRecord.objects.select_for_update()
        .select_related("status")
        .filter(session=session, participant=participant)
        .first()
    )

    def change(previous: AttendanceStatus | None, applied: bool) -> AttendanceChange:
        return AttendanceChange.objects.create(
            session=session,
            participant=participant,
            previous_status=previous,
            status=status,
            source=source,
            changed_by=by,
            marked_at=marked_at,
            was_applied=applied,
        )

    if record is None:
        record = AttendanceRecord.objects.create(
            session=session,
            participant=participant,
            status=status,
            source=source,
            marked_by=by,
            marked_at=marked_at,
        )
        return AttendanceMarkResult(
            record=record, change=change(None, True), created=True, applied=True
        )
    if record.status_id == status.pk:
        return AttendanceMarkResult(
            record=record, change=None, created=False, applied=False
        )
    if record.marked_at > marked_at:
        return AttendanceMarkResult(
            record=record,
            change=change(record.status, False),
            created=False,
            applied=False,
        )
    previous = record.status
    record.status = status
    record.source = source
    record.marked_by = by
    record.marked_at = marked_at
    record.save(
        update_fields=["status", "source", "marked_by", "marked_at", "recorded_at"]
    )
    return AttendanceMarkResult(
        record=record, change=change(previous, True), created=False, applied=True
    )


def _mark(
    *,
    session: Session,
    participant: Participant,
    status: AttendanceStatus,
    by: User,
    marked_at: datetime,
    source: str,
) -> AttendanceMarkResult:
    for attempt in range(MARK_TRIES):
        try:
            with transaction.atomic():
                return _mark_once(
                    session=session,
                    participant=participant,
                    status=status,
                    by=by,
                    marked_at=marked_at,
                    source=source,
                )
        except IntegrityError:
            # Another request created the record first; read it and try again.
            if attempt == MARK_TRIES - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def participants_attended_update(participant_ids: Iterable[int]) -> None:
    """Participant.attended from their marks: there (present or late) at least once."""
    ids = list(participant_ids)
    present = AttendanceRecord.objects.filter(
        participant=OuterRef("pk"), status__code__in=AttendanceStatus.PRESENCE
    )
    Participant.objects.filter(pk__in=ids).update(attended=Exists(present))


def _announce(participant_ids: Iterable[int]) -> None:
    ids = sorted(set(participant_ids))
    if ids:
        transaction.on_commit(
            lambda: attendance_changed.send(
                sender=AttendanceRecord, participant_ids=ids
            )
        )


def _when(marked_at: datetime | None) -> datetime:
    """The mark's time; a phone whose clock runs ahead cannot beat later marks."""
    now = timezone.now()
    if marked_at is None:
        return now
    if timezone.is_naive(marked_at):
        marked_at = timezone.make_aware(marked_at)
    return min(marked_at, now)


def attendance_mark(
    *,
    session: Session,
    participant: Participant,
    status_code: str,
    by: User,
    marked_at: datetime | None = None,
    source: str,
) -> AttendanceMarkResult:
    """Mark one participant in one session; the later mark wins, every change is kept.

    `marked_at` is when the mark was made (the phone's time when it was offline;
    now when not given). Raises ValidationError for a participant who is not a
    confirmed member of the session's class or an unknown status, and
    PermissionDenied for a user who may not mark them.
    """
    status = _status(status_code)
    _check_participant(session=session, participant=participant)
    _check_marker(
        session=session,
        participant=participant,
        status_code=status.code,
        by=by,
        source=source,
    )
    with transaction.atomic():
        result = _mark(
            session=session,
            participant=participant,
            status=status,
            by=by,
            marked_at=_when(marked_at),
            source=source,
        )
        if result.changed:
            _announce([participant.pk])
    return result


def attendance_mark_all_present(
    *,
    session: Session,
    by: User,
    marked_at: datetime | None = None,
    source: str = AttendanceSource.ROLL_CALL,
) -> list[AttendanceMarkResult]:
    """Mark present every confirmed participant who has no mark yet in the session.

    Marks already made (late, excused, a check-in) are left as they are.
    """
    if not attendance_may_mark_class(user=by, training_class=session.training_class):
        raise PermissionDenied(MARK_NOT_ALLOWED)
    status = _status(AttendanceStatus.PRESENT)
    when = _when(marked_at)
    with transaction.atomic():
        unmarked = (
            Participant.objects.filter(
                training_class_id=session.training_class_id,
                status=Participant.Status.CONFIRMED,
            )
            .exclude(attendance__session=session)
            .order_by("pk")
        )
        results = [
            _mark(
                session=session,
                participant=participant,
                status=status,
                by=by,
                marked_at=when,
                source=source,
            )
            for participant in unmarked
        ]
        _announce(r.record.participant_id for r in results if r.changed)
    return results
