"""Demo training classes: 2022 under the former districts, 2026 under the new
communes, for the demo courses K1–K4, with sessions, participants drawn from
the demo learners (hocvien01..50) and attendance marked every way it can be
(roll-call, QR, typed code, online join, sign-in sheet).

Two classes are open for registration: they start some weeks after the first
run (their dates stay as the first run set them), and a few demo learners have
registered through the registration service, one of them needing support.

Idempotent: classes are found by code, sessions by date and time, participants
by person; marks go through training.services.attendance.attendance_mark with
fixed times, and a mark that repeats the current one changes nothing, so a
second run leaves every row as it was.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from people.models import AdminUnit, User
from training.models import (
    AttendanceSource,
    Participant,
    Session,
    TrainingClass,
)
from training.services.attendance import attendance_mark
from training.services.participants import RegistrationDetails, participant_register

S = AttendanceSource
# Which way each session's marks were made, and which of the participants
# (by position) were late, excused or absent in it.
SELF_SOURCES = {S.QR, S.CODE, S.ONLINE_JOIN}

# code, course code, unit code, title, mode, first day, sessions (source per
# session), learner numbers
CLASSES = [
    (
        "TH-2022-BS-01",
        "K1-2026",
        "524",
        "Tập huấn kiến thức cơ bản về bình đẳng giới – huyện Bình Sơn",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2022, 8, 16),
        [S.SHEET, S.SHEET],
        range(1, 11),
    ),
    (
        "TH-2022-MD-01",
        "K2-2026",
        "533",
        "Lồng ghép giới trong xây dựng văn bản – huyện Mộ Đức",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2022, 9, 20),
        [S.SHEET, S.ROLL_CALL],
        range(11, 19),
    ),
    (
        "TH-2022-QN-01",
        "K3-2026",
        "522",
        "Tư vấn pháp luật về hôn nhân, gia đình và bình đẳng giới – TP Quảng Ngãi",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2022, 10, 11),
        [S.ROLL_CALL, S.SHEET],
        range(19, 27),
    ),
    (
        "TH-2022-BS-02",
        "K4-2026",
        "524",
        "Giáo dục giới và phòng chống bạo lực giới trong trường học – Bình Sơn",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2022, 11, 8),
        [S.SHEET],
        range(27, 33),
    ),
    (
        "TH-2026-BSO-01",
        "K1-2026",
        "N-BINHSON",
        "Tập huấn bình đẳng giới cho cán bộ xã Bình Sơn",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2026, 3, 10),
        [S.QR, S.ROLL_CALL, S.CODE],
        range(1, 13),
    ),
    (
        "TH-2026-VT-01",
        "K2-2026",
        "N-VANTUONG",
        "Lồng ghép giới trong văn bản quy phạm – xã Vạn Tường",
        TrainingClass.Mode.BLENDED,
        dt.date(2026, 4, 14),
        [S.QR, S.ONLINE_JOIN],
        range(13, 23),
    ),
    (
        "TH-2026-TK-01",
        "K3-2026",
        "N-TINHKHE",
        "Tư vấn pháp luật về bình đẳng giới – xã Tịnh Khê",
        TrainingClass.Mode.ONLINE,
        dt.date(2026, 5, 19),
        [S.ONLINE_JOIN, S.ONLINE_JOIN],
        range(23, 33),
    ),
    (
        "TH-2026-LS-01",
        "K4-2026",
        "N-LYSON",
        "Giáo dục giới cho giáo viên – đặc khu Lý Sơn",
        TrainingClass.Mode.IN_PERSON,
        dt.date(2026, 6, 9),
        [S.CODE, S.SHEET, S.ROLL_CALL],
        range(33, 45),
    ),
]

# code, course code, unit code, title, mode, days from the first run to the
# start, capacity, learner numbers who registered (the first brings a child).
OPEN_CLASSES = [
    (
        "TH-2027-BSO-01",
        "K1-2026",
        "N-BINHSON",
        "Tập huấn bình đẳng giới cho thành viên Ban Vì sự tiến bộ của phụ nữ – xã Bình Sơn",
        TrainingClass.Mode.IN_PERSON,
        30,
        25,
        range(45, 49),
    ),
    (
        "TH-2027-TT-01",
        "K2-2026",
        "N-VANTUONG",
        "Lồng ghép giới trong soạn thảo văn bản (trực tuyến)",
        TrainingClass.Mode.ONLINE,
        45,
        40,
        range(49, 51),
    ),
]

MORNING = (dt.time(7, 30), dt.time(11, 0))
AFTERNOON = (dt.time(13, 30), dt.time(16, 30))
TOPICS = [
    "Những vấn đề chung về giới và bình đẳng giới",
    "Luật Bình đẳng giới và các văn bản hướng dẫn",
    "Thực hành lồng ghép giới",
]


def status_for(position: int, session_index: int) -> str:
    """A reproducible spread: mostly present, some late, a few excused or absent."""
    value = (position * 7 + session_index * 3) % 10
    if value == 0:
        return "absent"
    if value == 1:
        return "excused"
    if value in (2, 3):
        return "late"
    return "present"


class Command(BaseCommand):
    help = "Create the demo training classes with sessions, participants and marks (idempotent)."

    def handle(self, *args, **options):
        trainer = User.objects.filter(username="trainer").first()
        if trainer is None:
            raise CommandError("Run seed_demo_people first (no demo trainer).")
        created = 0
        for spec in CLASSES:
            with transaction.atomic():
                created += self.seed_class(trainer, *spec)
        for spec in OPEN_CLASSES:
            created += self.seed_open_class(trainer, *spec)
        if options.get("verbosity", 1):
            total = len(CLASSES) + len(OPEN_CLASSES)
            self.stdout.write(f"Training classes: {total} ({created} new).")

    def seed_open_class(
        self,
        trainer,
        code,
        course_code,
        unit_code,
        title,
        mode,
        days,
        capacity,
        numbers,
    ) -> int:
        """A class open for registration, some learners registered through the service."""
        first_day = timezone.localdate() + dt.timedelta(days=days)
        online = mode == TrainingClass.Mode.ONLINE
        training_class, was_created = TrainingClass.objects.get_or_create(
            code=code,
            defaults={
                "title": title,
                "course": CoursePage.objects.filter(code=course_code).first(),
                "unit": AdminUnit.objects.get(code=unit_code),
                "mode": mode,
                "venue": "" if online else "Hội trường UBND xã",
                "meeting_url": "https://meet.example.org/" + code.lower()
                if online
                else "",
                "starts_on": first_day,
                "ends_on": first_day,
                "capacity": capacity,
                "registration_opens_at": timezone.now() - dt.timedelta(days=1),
                "registration_closes_at": self.aware(
                    first_day - dt.timedelta(days=3), dt.time(17, 0)
                ),
                "status": TrainingClass.Status.OPEN,
                "created_by": trainer,
            },
        )
        training_class.trainers.add(trainer)
        for index, (starts_at, ends_at) in enumerate((MORNING, AFTERNOON)):
            Session.objects.get_or_create(
                training_class=training_class,
                date=training_class.starts_on,
                starts_at=starts_at,
                defaults={
                    "ends_at": ends_at,
                    "topic": TOPICS[index],
                    "place": "" if online else training_class.venue,
                },
            )
        for position, number in enumerate(numbers):
            person = User.objects.filter(username=f"hocvien{number:02d}").first()
            if person is None or training_class.participants.filter(person=person):
                continue
            participant_register(
                training_class=training_class,
                person=person,
                by=person,
                consent=True,
                details=RegistrationDetails(
                    attendance_mode=Participant.Mode.ONLINE
                    if online
                    else Participant.Mode.IN_PERSON,
                    brings_young_child=position == 0 and not online,
                ),
            )
        return int(was_created)

    def seed_class(
        self,
        trainer,
        code,
        course_code,
        unit_code,
        title,
        mode,
        first_day,
        sources,
        numbers,
    ) -> int:
        unit = AdminUnit.objects.get(code=unit_code)
        course = CoursePage.objects.filter(code=course_code).first()
        ends_on = first_day + dt.timedelta(days=(len(sources) - 1) // 2)
        online = mode == TrainingClass.Mode.ONLINE
        fields = {
            "title": title,
            "course": course,
            "unit": unit,
            "mode": mode,
            "venue": "" if online else f"Hội trường UBND {unit.name}",
            "meeting_url": "https://meet.example.org/" + code.lower()
            if mode != TrainingClass.Mode.IN_PERSON
            else "",
            "starts_on": first_day,
            "ends_on": ends_on,
            "capacity": 30,
            "attendance_threshold": 80,
            "status": TrainingClass.Status.FINISHED,
            "created_by": trainer,
        }
        training_class, was_created = TrainingClass.objects.get_or_create(
            code=code, defaults=fields
        )
        training_class.trainers.add(trainer)
        sessions = []
        for index, _source in enumerate(sources):
            starts_at, ends_at = MORNING if index % 2 == 0 else AFTERNOON
            session, _ = Session.objects.get_or_create(
                training_class=training_class,
                date=first_day + dt.timedelta(days=index // 2),
                starts_at=starts_at,
                defaults={
                    "ends_at": ends_at,
                    "topic": TOPICS[index % len(TOPICS)],
                    "place": "" if online else training_class.venue,
                },
            )
            sessions.append(session)
        registered = self.aware(first_day - dt.timedelta(days=7), dt.time(9, 0))
        participants = []
        for number in numbers:
            person = User.objects.filter(username=f"hocvien{number:02d}").first()
            if person is None:
                continue
            participant, _ = Participant.objects.get_or_create(
                training_class=training_class,
                person=person,
                defaults={
                    "status": Participant.Status.CONFIRMED,
                    "source": Participant.Source.IMPORT,
                    "registered_by": trainer,
                    "attendance_mode": Participant.Mode.ONLINE
                    if online
                    else Participant.Mode.IN_PERSON,
                    "consent_at": registered,
                    "confirmed_at": registered,
                },
            )
            participants.append(participant)
        for index, (session, source) in enumerate(zip(sessions, sources, strict=True)):
            for position, participant in enumerate(participants):
                self.mark(
                    trainer, session, participant, source, status_for(position, index)
                )
        return int(was_created)

    def mark(self, trainer, session, participant, source, status):
        start = self.aware(session.date, session.starts_at)
        if source in SELF_SOURCES:
            # A participant checks themselves in only when they came.
            if status not in ("present", "late"):
                source, by = S.ROLL_CALL, trainer
            else:
                by = participant.person
        else:
            by = trainer
        minutes = 25 if status == "late" else 5
        attendance_mark(
            session=session,
            participant=participant,
            status_code=status,
            by=by,
            marked_at=start + dt.timedelta(minutes=minutes),
            source=source,
        )

    @staticmethod
    def aware(day, time):
        return timezone.make_aware(dt.datetime.combine(day, time))
