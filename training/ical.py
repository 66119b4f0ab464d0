"""iCalendar (RFC 5545) for sessions: one event file per session and a feed per
learner, read by calendar apps without logging in.

Written by hand rather than with a library: the platform needs one kind of
event, and the rules it must follow (escaping, CRLF, folding at 75 octets) fit
in this module. Times are local times in Asia/Ho_Chi_Minh with the zone
described inline (Viet Nam has no daylight saving time). An event's UID is
made from the session's id, so a calendar that reloads the feed updates the
event instead of adding a copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core import signing
from django.db.models import QuerySet
from django.utils import timezone

from people.models import User

from .models import Participant, Session, TrainingClass

TIME_ZONE = "Asia/Ho_Chi_Minh"
UID_DOMAIN = "training.lms"
PRODID = "-//Gender equality training//LMS training classes//VI"
FEED_SALT = "training.calendar-feed"
MAX_OCTETS = 75

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TIME_ZONE}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:ICT",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets (§3.1), never
    inside a UTF-8 character; continuation lines start with a space."""
    parts: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            # The leading space of a continuation counts towards its 75 octets.
            current, size, limit = char, width, MAX_OCTETS - 1
        else:
            current += char
            size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _local(value: dt.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


def session_event(session: Session, *, url: str = "") -> list[str]:
    """The VEVENT lines of one session (its class must be loaded)."""
    training_class = session.training_class
    place = session.place or training_class.venue
    description = training_class.title
    if (
        training_class.meeting_url
        and training_class.mode != TrainingClass.Mode.IN_PERSON
    ):
        description += "\n" + training_class.meeting_url
    lines = [
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{_utc(training_class.updated_at)}",
        f"DTSTART;TZID={TIME_ZONE}:"
        + _local(dt.datetime.combine(session.date, session.starts_at)),
        f"DTEND;TZID={TIME_ZONE}:"
        + _local(dt.datetime.combine(session.date, session.ends_at)),
        "SUMMARY:" + escape_text(f"{training_class.code}: {session.topic}"),
        "DESCRIPTION:" + escape_text(description),
    ]
    if place:
        lines.append("LOCATION:" + escape_text(place))
    if url:
        lines.append("URL:" + url)
    lines.append(
        "STATUS:CANCELLED"
        if training_class.status == TrainingClass.Status.CANCELLED
        else "STATUS:CONFIRMED"
    )
    lines.append("END:VEVENT")
    return lines


def calendar_text(events: Iterable[list[str]], *, name: str = "") -> str:
    """A whole VCALENDAR, CRLF line ends, folded."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append("X-WR-CALNAME:" + escape_text(name))
    lines += [f"X-WR-TIMEZONE:{TIME_ZONE}", *VTIMEZONE]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def feed_token(user: User) -> str:
    """The secret part of a learner's feed address: their id, signed. It does
    not expire (calendar apps keep the address); a forged one is refused."""
    return signing.Signer(salt=FEED_SALT).sign(str(user.pk))


def feed_user(token: str) -> User | None:
    try:
        user_id = signing.Signer(salt=FEED_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def feed_sessions(*, person: User) -> QuerySet[Session]:
    """The sessions of the classes where the person has (or is asking for) a
    place, a year back at most; cancelled classes stay, marked cancelled."""
    since = timezone.localdate() - dt.timedelta(days=365)
    return (
        Session.objects.filter(
            training_class__participants__person=person,
            training_class__participants__status__in=(
                Participant.Status.CONFIRMED,
                Participant.Status.PENDING,
            ),
            date__gte=since,
        )
        .select_related("training_class")
        .order_by("date", "starts_at", "pk")
    )
