"""Self check-in: a QR code that changes every 30 seconds, a typed code, an online join.

The trainer's screen shows a QR code for the session and the current 30-second
window; its URL carries a token signed with the site's secret (django.core.signing),
so it cannot be forged or pointed at another session. A token is accepted only in
its own window, with a few seconds' grace for a scan made as the code changes: a
token of the previous window, replayed or forwarded to someone at home, is
refused. Scanning in time gives the browser a **scan pass** for that session (kept
in its session, for a few minutes), so a participant who must first log in, or
who confirms slowly, is not refused for the time that took. The same window gives
a six-character code for phones without a camera, computed with the secret on the
server only.

Participants check in from 30 minutes before a session starts until it ends;
after the class's `late_after_minutes` they are marked late. A participant who has
already checked in (present or late) stays as they were: scanning again never
turns "present" into "late".
"""

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from people.models import User
from training.models import (
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Participant,
    Session,
    TrainingClass,
)

from .attendance import AttendanceMarkResult, attendance_mark

WINDOW_SECONDS = 30
# A scan or a typed code a few seconds after the code changed still counts.
GRACE_SECONDS = 5
# How long a timely scan lets its browser log in and confirm.
SCAN_PASS_SECONDS = 5 * 60
SCANS_SESSION_KEY = "training_checkin_scans"
OPENS_BEFORE_START = timedelta(minutes=30)
QR_SALT = "training.checkin.token"
CODE_SALT = "training.checkin.code"
CODE_LENGTH = 6
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read off a screen is typed without doubt.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"

TOKEN_FORGED = _("This check-in code is not valid. Scan the code on the screen again.")
TOKEN_EXPIRED = _(
    "This check-in code has expired (codes change every 30 seconds). "
    "Scan the code on the screen again."
)
SESSION_GONE = _("This session no longer exists.")
CODE_WRONG = _(
    "This code is wrong or has expired (codes change every 30 seconds). "
    "Type the code shown on the screen now."
)
NOT_PARTICIPANT = _(
    "You are not a confirmed participant of this class, so you cannot check in "
    "to this session."
)
TOO_EARLY = _("Check-in opens 30 minutes before the session starts (%(time)s).")
TOO_LATE = _("This session has ended; check-in is closed.")
CLASS_CANCELLED = _("This class has been cancelled.")
NO_MEETING_LINK = _("This session has no online meeting link.")


def now() -> datetime:
    """The clock every check-in rule reads (tests set it to a session's morning)."""
    return timezone.now()


@dataclass(frozen=True)
class CheckInResult:
    """A check-in: the participant's mark, and whether this check-in made it."""

    participant: Participant
    record: AttendanceRecord
    already_checked_in: bool


def session_starts_at(session: Session) -> datetime:
    return timezone.make_aware(
        datetime.combine(session.date, session.starts_at),
        timezone.get_default_timezone(),
    )


def session_ends_at(session: Session) -> datetime:
    return timezone.make_aware(
        datetime.combine(session.date, session.ends_at),
        timezone.get_default_timezone(),
    )


def checkin_window(*, at: datetime | None = None) -> int:
    """The number of the 30-second window `at` falls in (now by default)."""
    return int((at or now()).timestamp()) // WINDOW_SECONDS


def checkin_window_ends_in(*, at: datetime | None = None) -> int:
    """Seconds left in the current window (so the screen knows when to refresh)."""
    moment = (at or now()).timestamp()
    return max(1, int(WINDOW_SECONDS - moment % WINDOW_SECONDS))


def checkin_token_make(*, session: Session, window: int | None = None) -> str:
    """The signed token of the QR code for `session` in `window` (now by default)."""
    if window is None:
        window = checkin_window()
    return signing.dumps({"s": session.pk, "w": window}, salt=QR_SALT)


def checkin_code_make(*, session: Session, window: int | None = None) -> str:
    """The six-character code typed instead of scanning, for the same window."""
    if window is None:
        window = checkin_window()
    digest = salted_hmac(CODE_SALT, f"{session.pk}:{window}", algorithm="sha256")
    number = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _position in range(CODE_LENGTH):
        number, index = divmod(number, len(CODE_ALPHABET))
        letters.append(CODE_ALPHABET[index])
    return "".join(letters)


def _windows_fresh(at: datetime | None) -> list[int]:
    """The current window, and the previous one during the first seconds."""
    moment = at or now()
    current = checkin_window(at=moment)
    graced = checkin_window(at=moment - timedelta(seconds=GRACE_SECONDS))
    return sorted({graced, current})


def _window_fresh(window: int, at: datetime | None) -> bool:
    return window in _windows_fresh(at)


def checkin_token_read(*, token: str, at: datetime | None = None) -> Session:
    """The session of a token still fresh; ValidationError for a forged or old one."""
    try:
        payload = signing.loads(token, salt=QR_SALT)
        session_id = int(payload["s"])
        window = int(payload["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(TOKEN_FORGED, code="forged") from None
    if not _window_fresh(window, at):
        raise ValidationError(TOKEN_EXPIRED, code="expired")
    session = (
        Session.objects.select_related("training_class").filter(pk=session_id).first()
    )
    if session is None:
        raise ValidationError(SESSION_GONE, code="gone")
    return session


def checkin_scan_pass_grant(
    *, store: MutableMapping[str, Any], session: Session, at: datetime | None = None
) -> None:
    """Remember in `store` (the browser's session) a timely scan of `session`."""
    moment = at or now()
    passes = {
        key: until
        for key, until in store.get(SCANS_SESSION_KEY, {}).items()
        if until > moment.timestamp()
    }
    passes[str(session.pk)] = moment.timestamp() + SCAN_PASS_SECONDS
    store[SCANS_SESSION_KEY] = passes


def checkin_scan_pass_session(
    *, store: Mapping[str, Any], token: str, at: datetime | None = None
) -> Session:
    """The session of a token this browser scanned in time, even if it has since
    expired; a forged token, or one never scanned in time here, is refused."""
    try:
        return checkin_token_read(token=token, at=at)
    except ValidationError as error:
        if error.code != "expired":
            raise
    payload = signing.loads(token, salt=QR_SALT)
    until = store.get(SCANS_SESSION_KEY, {}).get(str(payload["s"]))
    if until is None or until <= (at or now()).timestamp():
        raise ValidationError(TOKEN_EXPIRED, code="expired")
    session = (
        Session.objects.select_related("training_class")
        .filter(pk=int(payload["s"]))
        .first()
    )
    if session is None:
        raise ValidationError(SESSION_GONE, code="gone")
    return session


def checkin_scan_pass_use(*, store: MutableMapping[str, Any], session: Session) -> None:
    """A pass checks in once."""
    passes = dict(store.get(SCANS_SESSION_KEY, {}))
    if passes.pop(str(session.pk), None) is not None:
        store[SCANS_SESSION_KEY] = passes


def checkin_code_read(
    *, person: User, code: str, at: datetime | None = None
) -> Session:
    """The session a typed code is for, among today's sessions of the person's classes."""
    typed = "".join(code.split()).upper()
    if len(typed) != CODE_LENGTH:
        raise ValidationError(CODE_WRONG, code="wrong_code")
    moment = at or now()
    today = timezone.localdate(moment)
    sessions = (
        Session.objects.filter(
            date__range=(today - timedelta(days=1), today),
            training_class__participants__person=person,
            training_class__participants__status=Participant.Status.CONFIRMED,
        )
        .select_related("training_class")
        .distinct()
    )
    for session in sessions:
        for window in _windows_fresh(moment):
            expected = checkin_code_make(session=session, window=window)
            if constant_time_compare(expected, typed):
                return session
    raise ValidationError(CODE_WRONG, code="wrong_code")


def checkin_participant(
    *, session: Session, person: User, at: datetime | None = None
) -> Participant:
    """The person's confirmed registration, if they may check in to `session` now."""
    participant = Participant.objects.filter(
        training_class_id=session.training_class_id,
        person=person,
        status=Participant.Status.CONFIRMED,
    ).first()
    if participant is None:
        raise ValidationError(NOT_PARTICIPANT, code="not_participant")
    if session.training_class.status == TrainingClass.Status.CANCELLED:
        raise ValidationError(CLASS_CANCELLED, code="cancelled")
    moment = at or now()
    starts = session_starts_at(session)
    if moment < starts - OPENS_BEFORE_START:
        raise ValidationError(
            TOO_EARLY,
            code="too_early",
            params={"time": timezone.localtime(starts).strftime("%H:%M %d/%m/%Y")},
        )
    if moment > session_ends_at(session):
        raise ValidationError(TOO_LATE, code="too_late")
    return participant


def arrival_status_code(*, session: Session, at: datetime) -> str:
    """Present up to the class's `late_after_minutes` after the start, late after."""
    late_after = timedelta(minutes=session.training_class.late_after_minutes)
    if at > session_starts_at(session) + late_after:
        return AttendanceStatus.LATE
    return AttendanceStatus.PRESENT


def checkin_record(
    *,
    session: Session,
    person: User,
    source: str,
    at: datetime | None = None,
) -> CheckInResult:
    """Check a participant in (QR, typed code or online join), present or late."""
    moment = at or now()
    participant = checkin_participant(session=session, person=person, at=moment)
    existing = (
        AttendanceRecord.objects.filter(session=session, participant=participant)
        .select_related("status")
        .first()
    )
    if existing is not None and existing.status.code in (
        AttendanceStatus.PRESENT,
        AttendanceStatus.LATE,
    ):
        return CheckInResult(
            participant=participant, record=existing, already_checked_in=True
        )
    result: AttendanceMarkResult = attendance_mark(
        session=session,
        participant=participant,
        status_code=arrival_status_code(session=session, at=moment),
        by=person,
        marked_at=moment,
        source=source,
    )
    return CheckInResult(
        participant=participant,
        record=result.record,
        already_checked_in=not result.created and result.change is None,
    )


def online_join(
    *, session: Session, person: User, at: datetime | None = None
) -> tuple[CheckInResult, str]:
    """Record an online join and give the meeting link to send the participant to."""
    url = session.training_class.meeting_url
    if not url:
        raise ValidationError(NO_MEETING_LINK, code="no_link")
    result = checkin_record(
        session=session, person=person, source=AttendanceSource.ONLINE_JOIN, at=at
    )
    return result, url
