"""Benchmark data for the statistics (issue 12, "Correctness and scale").

`python manage.py generate_bench_data --size S|M|L` fills the database with a
province's five years of training (2022-2026) over the units already there
(seed_demo's Quảng Ngãi, before and after the 1/7/2025 reform), so the
dashboard and the Excel export can be timed at the size the issue names:

- learners of both sexes in the communes (most in today's, some still in a
  former commune, a few at province or district level), with birth dates,
  employment types, leaders, target groups, and ethnicity only with consent;
- training classes organised by the province, the districts (until 30/6/2025)
  and the communes, with sessions, confirmed participants (and a few who
  withdrew or waited) and a mark for nearly every participant and session
  (present, late, excused, absent); a few cancelled or still planned;
- online courses of two modules, enrolments, lesson progress, graded quiz
  attempts (the courses' quizzes and some classes' pre- and post-tests),
  a certificate for each completed enrolment, and a target-population
  register for 2025 and 2026.

The stated totals (learners, classes, attendance marks, lesson progress,
attempts) are met exactly: each class, enrolment and quiz takes its share of
what is left. Rows are written in batches of 5,000 with the ids chosen here
(so children point at parents without reading them back): bulk_create, or
on PostgreSQL a COPY of the same rows; no save(), no signals, and memory
bounded by the batches and a few numbers per learner. Everything is made in
one transaction: all of it or nothing. The same seed on the same unit tree
makes the same data.
Every row is marked ("bench-stats-" usernames, "BENCH-" class codes,
"bench-stats-" course slugs and quiz references), which is how a second run
sees the data is there and how `delete_bench_data` finds it.
"""

import base64
import datetime as dt
import math
import random
import time
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, models, transaction

from assessments.models import Attempt, AttemptQuestion, Quiz
from certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRule,
    CertificateTemplate,
    IssuingBody,
)
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from people.models import AdminUnit, AdminUnitSuccession, Ethnicity, TargetGroup, User
from people.roles import Role
from training.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceSource,
    AttendanceStatus,
    Participant,
    Session,
    SessionReminder,
    TrainingClass,
)

from .models import TargetPopulation
from .selectors.training import LEVELS

MARKER = "bench-stats-"
CLASS_MARKER = "BENCH-"
OPERATOR = f"{MARKER}operator"
BATCH = 5000
REFORM = dt.date(2025, 7, 1)
FIRST_DAY = dt.date(2022, 1, 1)
LAST_DAY = dt.date(2026, 11, 30)  # nothing after it, whatever day it is run
TZ = ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class BenchSize:
    """What one size makes (the issue's L; M about a tenth, S about a thousandth)."""

    name: str
    learners: int
    classes: int
    attendance: int
    lesson_progress: int
    attempts: int
    courses: int
    modules_per_course: int = 2
    lessons_per_module: int = 5

    @property
    def lessons_per_course(self) -> int:
        return self.modules_per_course * self.lessons_per_module


SIZES = {
    "L": BenchSize("L", 100_000, 1_000, 1_000_000, 2_000_000, 500_000, courses=20),
    "M": BenchSize("M", 10_000, 100, 100_000, 200_000, 50_000, courses=10),
    # Ten classes rather than one, so the small set still has every level,
    # both sides of the reform, a cancelled and a planned class.
    "S": BenchSize("S", 100, 10, 1_000, 2_000, 500, courses=5),
}


class BenchDataError(Exception):
    """The database is not ready for the benchmark data (a developer's tool:
    the message is in English and says which command to run first)."""


@dataclass
class BenchSummary:
    """What was made, counted while making it (tests compare the figures with it)."""

    size: str
    seed: int
    learners: int = 0
    classes: int = 0
    held_classes: int = 0
    cancelled_classes: int = 0
    planned_classes: int = 0
    sessions: int = 0
    held_sessions: int = 0
    participants: int = 0
    confirmed_participants: int = 0
    turns: int = 0
    turns_women: int = 0
    turns_men: int = 0
    attendance: int = 0
    courses: int = 0
    lessons: int = 0
    enrolments: int = 0
    completed_enrolments: int = 0
    lesson_progress: int = 0
    attempts: int = 0
    class_test_attempts: int = 0
    certificates: int = 0
    target_populations: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [
            f"learners             {self.learners:>10,}",
            f"classes              {self.classes:>10,}  (held {self.held_classes:,}, "
            f"cancelled {self.cancelled_classes:,}, planned {self.planned_classes:,})",
            f"sessions             {self.sessions:>10,}  (of held classes "
            f"{self.held_sessions:,})",
            f"participants         {self.participants:>10,}  (confirmed "
            f"{self.confirmed_participants:,})",
            f"participant-turns    {self.turns:>10,}  (women {self.turns_women:,}, "
            f"men {self.turns_men:,})",
            f"attendance records   {self.attendance:>10,}",
            f"courses / lessons    {self.courses:>10,}  / {self.lessons:,}",
            f"enrolments           {self.enrolments:>10,}  (completed "
            f"{self.completed_enrolments:,})",
            f"lesson progress      {self.lesson_progress:>10,}",
            f"graded attempts      {self.attempts:>10,}  (class pre/post-tests "
            f"{self.class_test_attempts:,})",
            f"certificates         {self.certificates:>10,}",
            f"target populations   {self.target_populations:>10,}",
            "seconds: "
            + ", ".join(f"{name} {secs:.1f}" for name, secs in self.seconds.items()),
        ]


def bench_data_present() -> dict[str, int]:
    """The benchmark rows already here (all zero: none)."""
    return {
        "learners": User.objects.filter(username__startswith=MARKER)
        .exclude(username=OPERATOR)
        .count(),
        "classes": TrainingClass.objects.filter(code__startswith=CLASS_MARKER).count(),
        "courses": CoursePage.objects.filter(slug__startswith=MARKER).count(),
    }


def size_present() -> str | None:
    """The size whose learners are here, if the data is one of ours."""
    learners = bench_data_present()["learners"]
    return next((s.name for s in SIZES.values() if s.learners == learners), None)


# --- Helpers ---------------------------------------------------------------


class _Writer:
    """Rows waiting to be written, as the values of their fields, flushed in
    batches, parents always before their children (so the foreign keys can be
    checked as each batch is written).

    A batch is one bulk_create, except on PostgreSQL, where it is one COPY of
    the same rows: the generator spends most of its time in bulk_create's
    per-field preparation otherwise (the L set takes minutes, not tens of
    minutes, on a shared machine). The values are the fields' own (dates,
    Decimals, strings), which psycopg writes as bulk_create would.
    """

    def __init__(self, order: Sequence[type[models.Model]]) -> None:
        self.order = list(order)
        self.pending: dict[type[models.Model], list[dict[str, Any]]] = {
            model: [] for model in self.order
        }
        self.copy = connection.vendor == "postgresql"

    def add(self, model: type[models.Model], **values: Any) -> None:
        rows = self.pending[model]
        rows.append(values)
        if len(rows) >= BATCH:
            self.flush(model)

    def flush(self, last: type[models.Model] | None = None) -> None:
        """Write what waits, up to `last` in the order (everything: None)."""
        for model in self.order:
            rows = self.pending[model]
            if rows:
                self.pending[model] = []
                if self.copy:
                    _copy_rows(model, rows)
                else:
                    model._default_manager.bulk_create(
                        [model(**values) for values in rows], batch_size=BATCH
                    )
            if model is last:
                break


def _copy_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """COPY rows into the model's table: every column, the fields' defaults
    where a row does not say (the id too, unless the rows bring theirs)."""
    meta = model._meta
    pk = meta.pk
    if pk is None:  # every model has one; mypy cannot know
        raise BenchDataError(f"{model} has no primary key")
    fields = [f for f in meta.concrete_fields if f is not pk or pk.attname in rows[0]]
    fixed = {}
    for f in fields:
        if f is not pk and not (f.has_default() and callable(f.default)):
            fixed[f.attname] = f.get_db_prep_save(f.get_default(), connection)
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(meta.db_table), ", ".join(quote(str(f.column)) for f in fields)
    )
    names = [f.attname for f in fields]
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for values in rows:
            copy.write_row(
                [
                    values[name]
                    if name in values
                    else fixed[name]
                    if name in fixed
                    else field.get_default()
                    for name, field in zip(names, fields, strict=True)
                ]
            )


class _Ids:
    """Ids chosen here, after the highest already taken (sequences reset after)."""

    def __init__(self, *models_: type[models.Model]) -> None:
        self.models = models_
        self.next: dict[type[models.Model], int] = {}
        for model in models_:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
            self.next[model] = (top or 0) + 1

    def take(self, model: type[models.Model]) -> int:
        pk = self.next[model]
        self.next[model] = pk + 1
        return pk

    def reset_sequences(self) -> None:
        """PostgreSQL's sequences past our ids (SQLite's AUTOINCREMENT follows)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.models))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def _timestamps_as_given(*models_: type[models.Model]) -> Iterator[None]:
    """Let bulk_create write the historical times set on the rows, instead of
    auto_now/auto_now_add's "now" (an enrolment of 2022 is dated 2022)."""
    saved = []
    for model in models_:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))  # type: ignore[attr-defined]
                f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now = auto_now  # type: ignore[attr-defined]
            f.auto_now_add = auto_now_add  # type: ignore[attr-defined]


@contextmanager
def _immediate_constraints() -> Iterator[None]:
    """PostgreSQL checks each batch's foreign keys as it is written, instead of
    queueing millions of checks for the commit (parents are written first)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def _weighted(rng: random.Random, weights: Mapping[Any, float]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# Classes and enrolments grow year by year as the programme spreads.
YEAR_WEIGHTS = {2022: 15, 2023: 18, 2024: 20, 2025: 22, 2026: 25}


def _day_in(rng: random.Random, year: int) -> dt.date:
    first = dt.date(year, 1, 5)
    last = min(dt.date(year, 12, 20), LAST_DAY - dt.timedelta(days=10))
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


# --- Names and people -------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Đinh"]
FAMILY += ["Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đặng", "Trương", "Cao"]
MIDDLE = {
    "nam": ["Văn", "Minh", "Đức", "Quang", "Hữu", "Công", "Thanh", "Xuân"],
    "nu": ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Diệu", "Hồng"],
}
GIVEN = {
    "nam": ["An", "Bảo", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam"]
    + ["Tâm", "Tuấn", "Việt", "Phúc", "Sơn", "Thắng", "Trung", "Vinh", "Lộc"],
    "nu": ["Anh", "Chi", "Hà", "Hạnh", "Hoa", "Linh", "Nga", "Phương", "Thảo"]
    + ["Yến", "Lan", "Mai", "Nhung", "Trang", "Hương", "Loan", "Vân", "Hằng"],
}
SEX_WEIGHTS = {User.Sex.FEMALE: 55, User.Sex.MALE: 44, "": 1}
EMPLOYMENT_WEIGHTS = {
    User.EmploymentType.CAN_BO: 18,
    User.EmploymentType.CONG_CHUC: 27,
    User.EmploymentType.VIEN_CHUC: 15,
    User.EmploymentType.NON_PROFESSIONAL: 15,
    User.EmploymentType.TEACHER: 15,
    User.EmploymentType.OTHER: 5,
    "": 5,
}
# Kinh and the province's minorities (Hrê, Co, Xơ Đăng, Ba Na).
ETHNICITY_WEIGHTS = {"01": 75, "18": 12, "30": 5, "16": 5, "12": 3}
TOPICS = [
    "Luật Bình đẳng giới và các văn bản hướng dẫn",
    "Lồng ghép giới trong xây dựng văn bản quy phạm pháp luật",
    "Phòng, chống bạo lực trên cơ sở giới",
    "Bình đẳng giới trong gia đình",
    "Giáo dục giới trong trường học",
    "Kỹ năng của cán bộ làm công tác bình đẳng giới",
    "Thống kê giới và số liệu tách biệt theo giới",
    "Tư vấn pháp luật về hôn nhân và gia đình",
    "Phụ nữ tham gia lãnh đạo, quản lý",
    "Bình đẳng giới trong vùng đồng bào dân tộc thiểu số",
]


@dataclass
class _Unit:
    pk: int
    path: str
    name: str
    level: str  # province, district, commune or other
    era: str  # old (until 30/6/2025), new (from 1/7/2025) or both


def _load_units() -> list[_Unit]:
    level_of = {t: level for level, types in LEVELS.items() for t in types}
    units = []
    for unit in AdminUnit.objects.order_by("path"):
        if unit.valid_to is not None and unit.valid_to < REFORM:
            era = "old"
        elif unit.valid_from is not None and unit.valid_from >= REFORM:
            era = "new"
        else:
            era = "both"
        level = level_of.get(unit.unit_type, "other")
        units.append(_Unit(unit.pk, unit.path, unit.name, level, era))
    if not units:
        raise BenchDataError(
            "There are no administrative units: run `python manage.py seed_demo` first."
        )
    return units


class _Learners:
    """What later steps need of each learner, in compact arrays (100,000 of them)."""

    def __init__(self) -> None:
        self.pks = array("q")
        self.units = array("q")
        self.sexes: list[str] = []
        self.groups = array("I")  # a bit per target group
        self.names: list[str] = []
        self.births: list[dt.date | None] = []

    def __len__(self) -> int:
        return len(self.pks)


class _Generator:
    def __init__(self, spec: BenchSize, seed: int, log: Callable[[str], None]) -> None:
        self.spec = spec
        self.rng = random.Random(seed)  # noqa: S311 - reproducible on purpose
        self.log = log
        self.summary = BenchSummary(size=spec.name, seed=seed)
        self.writer = _Writer(
            [
                User,
                User.target_groups.through,
                User.groups.through,
                TrainingClass,
                TrainingClass.target_groups.through,
                Session,
                Participant,
                AttendanceRecord,
                Enrolment,
                LessonProgress,
                Attempt,
                Certificate,
                TargetPopulation,
            ]
        )
        self.units = _load_units()
        self.learners = _Learners()
        self.statuses = AttendanceStatus.objects.in_bulk(field_name="code")
        missing = {"present", "late", "excused", "absent"} - set(self.statuses)
        if missing:
            raise BenchDataError(
                "Attendance statuses are missing (run `python manage.py migrate`)."
            )
        self.target_groups = list(TargetGroup.objects.order_by("code"))
        ethnicities = Ethnicity.objects.in_bulk(
            list(ETHNICITY_WEIGHTS), field_name="code"
        )
        self.ethnicity_weights = {
            ethnicities[code].pk: w
            for code, w in ETHNICITY_WEIGHTS.items()
            if code in ethnicities
        }
        self.weights = {code: st.weight for code, st in self.statuses.items()}
        self.learner_group = Group.objects.filter(name=Role.LEARNER).first()
        # Pre- and post-test attempt numbers per (learner, quiz); course quiz
        # attempts (learner, quiz, last number) to retake if the total falls short.
        self.test_numbers: dict[tuple[int, int], int] = {}
        self.attempts_left = spec.attempts
        self.retakes: list[list[int]] = []

    def phase(self, name: str, step: Callable[[], None]) -> None:
        started = time.perf_counter()
        step()
        self.writer.flush()
        self.summary.seconds[name] = time.perf_counter() - started
        self.log(f"{name}: {self.summary.seconds[name]:.1f} s")

    # --- learners ----------------------------------------------------------

    def learner_unit_choices(self) -> tuple[list[list[_Unit]], list[float]]:
        """Today's communes most, former communes some, province and district
        staff a few (a category missing in this tree gives its share away)."""
        categories = [
            ([u for u in self.units if u.level == "commune" and u.era != "old"], 65),
            ([u for u in self.units if u.level == "commune" and u.era == "old"], 20),
            ([u for u in self.units if u.level != "commune"], 15),
        ]
        kept = [(units, w) for units, w in categories if units]
        return [units for units, _w in kept], [float(w) for _u, w in kept]

    def make_learners(self) -> None:
        rng, spec, ids = self.rng, self.spec, self.ids
        categories, weights = self.learner_unit_choices()
        groups = self.target_groups
        through_groups = User.target_groups.through
        through_roles = User.groups.through
        for number in range(1, spec.learners + 1):
            sex = _weighted(rng, SEX_WEIGHTS)
            name_sex = sex or rng.choice(["nam", "nu"])
            full_name = " ".join(
                [
                    rng.choice(FAMILY),
                    rng.choice(MIDDLE[name_sex]),
                    rng.choice(GIVEN[name_sex]),
                ]
            )
            unit = rng.choice(rng.choices(categories, weights=weights)[0])
            birth = (
                None
                if rng.random() < 0.05
                else dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
            )
            consent = rng.random() < 0.6
            ethnicity = (
                _weighted(rng, self.ethnicity_weights)
                if consent and self.ethnicity_weights and rng.random() < 0.95
                else None
            )
            joined = _at(_day_in(rng, _weighted(rng, YEAR_WEIGHTS)), 9)
            pk = ids.take(User)
            self.writer.add(
                User,
                id=pk,
                username=f"{MARKER}{number:06d}",
                password="!",  # noqa: S106 - unusable: nobody signs in as these
                full_name=full_name,
                email="",
                sex=sex,
                date_of_birth=birth,
                employment_type=_weighted(rng, EMPLOYMENT_WEIGHTS),
                is_leader=rng.random() < 0.12,
                unit_id=unit.pk,
                ethnicity_id=ethnicity,
                ethnicity_consent_at=joined if consent else None,
                data_processing_consent_at=joined,
                date_joined=joined,
            )
            mask = 0
            if groups and rng.random() < 0.9:
                for group_index in rng.sample(
                    range(len(groups)), k=min(len(groups), 1 + (rng.random() < 0.3))
                ):
                    mask |= 1 << group_index
                    self.writer.add(
                        through_groups,
                        user_id=pk,
                        targetgroup_id=groups[group_index].pk,
                    )
            if self.learner_group is not None:
                self.writer.add(
                    through_roles, user_id=pk, group_id=self.learner_group.pk
                )
            learners = self.learners
            learners.pks.append(pk)
            learners.units.append(unit.pk)
            learners.sexes.append(sex)
            learners.groups.append(mask)
            learners.names.append(full_name)
            learners.births.append(birth)
        self.summary.learners = spec.learners

    # --- who comes to a class ----------------------------------------------

    def area_pools(self) -> None:
        """For each unit, the learners of its area: its subtree and the subtrees
        of the units it passed into or came from (a 2022 district's class draws
        on the people of the communes that took its place, and the reverse)."""
        by_unit: dict[int, list[int]] = defaultdict(list)
        for index, unit_pk in enumerate(self.learners.units):
            by_unit[unit_pk].append(index)
        links = defaultdict(set)
        for old, new in AdminUnitSuccession.objects.values_list(
            "predecessor_id", "successor_id"
        ):
            links[old].add(new)
            links[new].add(old)
        path_of = {u.pk: u.path for u in self.units}
        self.by_unit = by_unit
        self.links = links
        self.path_of = path_of
        self.pools: dict[int, list[int]] = {}

    def pool(self, unit_pk: int) -> list[int]:
        if unit_pk not in self.pools:
            roots = [self.path_of[unit_pk]]
            roots += [self.path_of[pk] for pk in sorted(self.links[unit_pk])]
            members = [
                u.pk for u in self.units if any(u.path.startswith(r) for r in roots)
            ]
            self.pools[unit_pk] = [
                i for pk in members for i in self.by_unit.get(pk, [])
            ]
        return self.pools[unit_pk]

    # --- classes -----------------------------------------------------------

    def class_plan(self) -> list[tuple[dt.date, str]]:
        """Start dates and statuses: a few cancelled, a few planned for late
        December 2026, the rest held (finished), more each year."""
        rng, total = self.rng, self.spec.classes
        cancelled = max(1, total // 50)
        planned = max(1, total // 50)
        plan = []
        for number in range(total - cancelled - planned):
            # Every year has classes, even in the small set.
            years = list(YEAR_WEIGHTS)
            year = years[number] if number < len(years) else None
            year = year or _weighted(rng, YEAR_WEIGHTS)
            plan.append((_day_in(rng, year), "finished"))
        for _ in range(cancelled):
            plan.append((_day_in(rng, _weighted(rng, YEAR_WEIGHTS)), "cancelled"))
        for _ in range(planned):
            plan.append(
                (dt.date(2026, 12, 14) + dt.timedelta(rng.randrange(14)), "open")
            )
        plan.sort()
        return plan

    def organiser(self, day: dt.date) -> _Unit:
        """The province, a district (until the reform) or a commune of the day."""
        era = "old" if day < REFORM else "new"
        weights = (
            {"province": 20, "district": 35, "commune": 45}
            if era == "old"
            else {"province": 30, "commune": 70}
        )
        candidates = {
            level: [
                u for u in self.units if u.level == level and u.era in (era, "both")
            ]
            for level in weights
        }
        weights = {k: w for k, w in weights.items() if candidates[k]}
        if not weights:
            return self.rng.choice(self.units)
        return self.rng.choice(candidates[_weighted(self.rng, weights)])

    def make_classes(self) -> None:
        rng, spec = self.rng, self.spec
        plan = self.class_plan()
        held = sum(1 for _d, status in plan if status == "finished")
        held_left = held
        s = self.summary
        groups = self.target_groups
        through_groups = TrainingClass.target_groups.through
        for number, (starts_on, status) in enumerate(plan, start=1):
            unit = self.organiser(starts_on)
            if starts_on.weekday() >= 5:
                starts_on += dt.timedelta(days=7 - starts_on.weekday())
            sessions_count = _weighted(rng, {2: 15, 4: 35, 6: 25, 8: 15, 10: 10})
            if status == "finished":
                marks = round((spec.attendance - self.summary.attendance) / held_left)
                held_left -= 1
            else:
                marks = rng.randrange(40, 120) * sessions_count
            confirmed = max(
                1, min(len(self.learners), math.ceil(marks / sessions_count))
            )
            course = rng.choice(self.courses) if rng.random() < 0.6 else None
            tests = course if course is not None and rng.random() < 0.4 else None
            mode = _weighted(
                rng,
                {
                    TrainingClass.Mode.IN_PERSON: 75,
                    TrainingClass.Mode.BLENDED: 15,
                    TrainingClass.Mode.ONLINE: 10,
                },
            )
            days = math.ceil(sessions_count / 2)
            ends_on = starts_on + dt.timedelta(days=days - 1)
            topic = rng.choice(TOPICS)
            class_pk = self.ids.take(TrainingClass)
            self.writer.add(
                TrainingClass,
                id=class_pk,
                code=f"{CLASS_MARKER}{starts_on.year}-{number:05d}",
                title=f"Tập huấn {topic.lower()} – {unit.name}",
                course_id=course["pk"] if course else None,
                unit_id=unit.pk,
                mode=mode,
                venue="" if mode == TrainingClass.Mode.ONLINE else "Hội trường UBND",
                starts_on=starts_on,
                ends_on=ends_on,
                capacity=confirmed + 20,
                pre_test_id=tests["pre"] if tests else None,
                post_test_id=tests["post"] if tests else None,
                status=status,
                created_at=_at(starts_on - dt.timedelta(days=30), 8),
                updated_at=_at(ends_on, 18),
            )
            if groups:
                for group in rng.sample(groups, k=min(len(groups), rng.randint(1, 2))):
                    self.writer.add(
                        through_groups,
                        trainingclass_id=class_pk,
                        targetgroup_id=group.pk,
                    )
            sessions = []
            for index in range(sessions_count):
                day = starts_on + dt.timedelta(days=index // 2)
                morning = index % 2 == 0
                start, end = (
                    (dt.time(8), dt.time(11, 30))
                    if morning
                    else (
                        dt.time(13, 30),
                        dt.time(17),
                    )
                )
                session_pk = self.ids.take(Session)
                sessions.append((session_pk, day, start))
                self.writer.add(
                    Session,
                    id=session_pk,
                    training_class_id=class_pk,
                    date=day,
                    starts_at=start,
                    ends_at=end,
                    topic=f"{topic} – buổi {index + 1}",
                    place="" if mode == TrainingClass.Mode.ONLINE else "Hội trường",
                )
            s.classes += 1
            s.sessions += sessions_count
            if status == "finished":
                s.held_classes += 1
                s.held_sessions += sessions_count
            elif status == "cancelled":
                s.cancelled_classes += 1
            else:
                s.planned_classes += 1
            self.make_participants(
                class_pk,
                unit,
                status,
                mode,
                sessions,
                confirmed,
                marks,
                ends_on,
                tests,
            )
        if marks_left := spec.attendance - s.attendance:
            self.log(f"attendance short by {marks_left:,} (too few learners)")

    def make_participants(
        self,
        class_pk: int,
        unit: _Unit,
        status: str,
        mode: str,
        sessions: list[tuple[int, dt.date, dt.time]],
        confirmed: int,
        marks: int,
        ends_on: dt.date,
        tests: dict[str, int] | None,
    ) -> None:
        rng, s, learners = self.rng, self.summary, self.learners
        pool = self.pool(unit.pk)
        others = max(0, round(confirmed * 0.04))
        wanted = min(len(learners), confirmed + others)
        chosen = (
            rng.sample(pool, wanted)
            if len(pool) >= wanted
            else rng.sample(range(len(learners)), wanted)
        )
        first_day = sessions[0][1]
        registered = _at(first_day - dt.timedelta(days=rng.randint(5, 25)), 10)
        held = status == "finished"
        pairs = len(sessions) * min(confirmed, len(chosen))
        unmarked = (
            set(rng.sample(range(pairs), pairs - marks))
            if held and pairs > marks
            else set()
        )
        pair = 0
        for position, index in enumerate(chosen):
            person_pk = learners.pks[index]
            is_confirmed = position < confirmed
            participant_status = (
                Participant.Status.CONFIRMED
                if is_confirmed
                else _weighted(
                    rng,
                    {
                        Participant.Status.WITHDRAWN: 60,
                        Participant.Status.WAITING: 30,
                        Participant.Status.REJECTED: 10,
                    },
                )
            )
            if status == "cancelled" and is_confirmed:
                participant_status = Participant.Status.WITHDRAWN
            participant_pk = self.ids.take(Participant)
            attended = attended_last = False
            earned = 0
            marks_here: list[dict[str, Any]] = []
            if held and is_confirmed:
                no_show = rng.random() < 0.05
                for session_pk, day, start in sessions:
                    if pair in unmarked:
                        pair += 1
                        continue
                    pair += 1
                    code = (
                        _weighted(rng, {"absent": 70, "excused": 30})
                        if no_show
                        else _weighted(
                            rng, {"present": 86, "late": 6, "excused": 3, "absent": 5}
                        )
                    )
                    came = code in ("present", "late")
                    attended |= came
                    attended_last = (
                        came if session_pk == sessions[-1][0] else attended_last
                    )
                    earned += self.weights[code]
                    marks_here.append(
                        {
                            "session_id": session_pk,
                            "participant_id": participant_pk,
                            "status_id": self.statuses[code].pk,
                            "source": self.mark_source(mode, day),
                            "marked_at": _at(day, start.hour, start.minute + 5),
                            "recorded_at": _at(day, 18),
                        }
                    )
            completes = bool(marks_here) and earned >= 80 * len(sessions)
            self.writer.add(
                Participant,
                id=participant_pk,
                training_class_id=class_pk,
                person_id=person_pk,
                status=participant_status,
                source=_weighted(
                    rng,
                    {
                        Participant.Source.MANAGER: 60,
                        Participant.Source.SELF: 25,
                        Participant.Source.IMPORT: 15,
                    },
                ),
                attendance_mode=Participant.Mode.ONLINE
                if mode == TrainingClass.Mode.ONLINE
                or (mode == TrainingClass.Mode.BLENDED and rng.random() < 0.2)
                else Participant.Mode.IN_PERSON,
                brings_young_child=rng.random() < 0.01,
                consent_at=registered,
                registered_at=registered,
                confirmed_at=registered + dt.timedelta(days=1)
                if is_confirmed
                else None,
                withdrawn_at=registered + dt.timedelta(days=2)
                if participant_status == Participant.Status.WITHDRAWN
                else None,
                completed_at=_at(ends_on, 17) if completes else None,
                attended=attended,  # as training's marks keep it (no signals here)
            )
            for mark in marks_here:
                self.writer.add(AttendanceRecord, **mark)
            s.participants += 1
            s.attendance += len(marks_here)
            if participant_status == Participant.Status.CONFIRMED:
                s.confirmed_participants += 1
            if attended and participant_status == Participant.Status.CONFIRMED:
                s.turns += 1
                sex = learners.sexes[index]
                s.turns_women += sex == User.Sex.FEMALE
                s.turns_men += sex == User.Sex.MALE
                if tests is not None:
                    self.class_tests(person_pk, tests, sessions, attended_last)

    def mark_source(self, mode: str, day: dt.date) -> str:
        if mode == TrainingClass.Mode.ONLINE:
            return AttendanceSource.ONLINE_JOIN
        if day < dt.date(2024, 1, 1):
            return AttendanceSource.SHEET
        return _weighted(
            self.rng,
            {
                AttendanceSource.QR: 50,
                AttendanceSource.ROLL_CALL: 30,
                AttendanceSource.SHEET: 20,
            },
        )

    def class_tests(
        self,
        person_pk: int,
        tests: dict[str, int],
        sessions: list[tuple[int, dt.date, dt.time]],
        attended_last: bool,
    ) -> None:
        """The pre-test at the first session, the post-test at the last one."""
        rng = self.rng
        before = min(100.0, max(0.0, rng.gauss(52, 15)))
        made = 0
        if rng.random() < 0.92:
            made += self.test_attempt(
                person_pk, tests["pre"], _at(sessions[0][1], 8, 15), before
            )
        if attended_last and rng.random() < 0.9:
            after = min(100.0, max(0.0, before + rng.gauss(22, 10)))
            made += self.test_attempt(
                person_pk, tests["post"], _at(sessions[-1][1], 16, 15), after
            )
        self.summary.class_test_attempts += made

    def test_attempt(
        self, person_pk: int, quiz_pk: int, started: dt.datetime, percent: float
    ) -> bool:
        """A course's pre- or post-test, which a learner may take again in a
        later class delivering the same course: numbered in turn."""
        key = (person_pk, quiz_pk)
        number = self.test_numbers.get(key, 0) + 1
        made = self.attempt(person_pk, quiz_pk, number, started, percent)
        if made:
            self.test_numbers[key] = number
        return made

    # --- attempts ----------------------------------------------------------

    def attempt(
        self,
        person_pk: int,
        quiz_pk: int,
        number: int,
        started: dt.datetime,
        percent: float,
    ) -> bool:
        """One graded attempt out of 10 marks, if the attempts are not all made."""
        if self.attempts_left <= 0:
            return False
        score = round(percent / 10)
        submitted = started + dt.timedelta(minutes=self.rng.randint(8, 30))
        self.writer.add(
            Attempt,
            quiz_id=quiz_pk,
            learner_id=person_pk,
            number=number,
            state=Attempt.State.GRADED,
            started_at=started,
            submitted_at=submitted,
            graded_at=submitted,
            score=Decimal(score),
            max_score=Decimal(10),
            passed=score >= 5,
        )
        self.attempts_left -= 1
        self.summary.attempts += 1
        return True

    def fill_attempts(self) -> None:
        """Retakes (a learner trying a quiz again) until the stated total: only
        if the courses' and classes' own attempts fell short of it."""
        if not self.retakes:
            return
        index = 0
        while self.attempts_left > 0:
            retake = self.retakes[index % len(self.retakes)]
            retake[2] += 1
            person_pk, quiz_pk, number = retake
            self.attempt(
                person_pk, quiz_pk, number, _at(LAST_DAY, 20), self.rng.uniform(50, 100)
            )
            index += 1

    # --- online courses ----------------------------------------------------

    def make_courses(self) -> None:
        """Courses of two modules of five lessons, each module ending in a
        quiz, with a pre-test and post-test pair for the classes delivering
        them; a certificate rule each (one issuing body, one template)."""
        index = CourseIndexPage.objects.order_by("path").first()
        if index is None:
            raise BenchDataError(
                "There is no course catalogue page: run `python manage.py seed_demo` first."
            )
        root = next((u for u in self.units if u.era != "old"), self.units[0])
        body = IssuingBody.objects.create(
            name="SỞ NỘI VỤ (dữ liệu đo hiệu năng)",
            code=MARKER.rstrip("-"),
            number_pattern="{number:05d}/{year}/GCN-BENCH",
            unit_id=root.pk,
        )
        template = CertificateTemplate.objects.create(
            name="Mẫu chứng nhận (dữ liệu đo hiệu năng)",
            issuing_body=body,
            body="Đã hoàn thành khóa học {title}.",
        )
        self.issuing_body = body
        self.courses: list[dict[str, Any]] = []
        spec = self.spec
        for number in range(1, spec.courses + 1):
            tag = f"{MARKER}k{number:02d}"
            topic = TOPICS[(number - 1) % len(TOPICS)]
            title = f"{topic} (khóa {number})"
            course = index.add_child(
                instance=CoursePage(
                    title=title,
                    slug=tag,
                    code=f"BENCH-K{number:02d}",
                    summary=f"Khóa học trực tuyến: {topic.lower()}.",
                    estimated_hours=Decimal(spec.lessons_per_course) / 2,
                )
            )
            pre = Quiz.objects.create(
                title=f"Kiểm tra đầu vào – {title}",
                reference=f"{tag}-pre",
                purpose=Quiz.Purpose.PRE_TEST,
            )
            post = Quiz.objects.create(
                title=f"Kiểm tra đầu ra – {title}",
                reference=f"{tag}-post",
                purpose=Quiz.Purpose.POST_TEST,
                pre_test=pre,
            )
            lessons: list[int] = []
            quizzes: dict[int, int] = {}  # lesson position -> quiz
            for m in range(1, spec.modules_per_course + 1):
                module = course.add_child(
                    instance=ModulePage(title=f"Chuyên đề {m}", slug=f"{tag}-m{m}")
                )
                quiz = Quiz.objects.create(
                    title=f"Bài kiểm tra chuyên đề {m} – {title}",
                    reference=f"{tag}-q{m}",
                )
                for n in range(1, spec.lessons_per_module + 1):
                    last = n == spec.lessons_per_module
                    lesson = module.add_child(
                        instance=LessonPage(
                            title=f"Bài {n}",
                            slug=f"{tag}-m{m}-b{n}",
                            estimated_minutes=15,
                            quiz=quiz if last else None,
                        )
                    )
                    if last:
                        quizzes[len(lessons)] = quiz.pk
                    lessons.append(lesson.pk)
            rule = CertificateRule.objects.create(
                course=course,
                template=template,
                condition=CertificateRule.Condition.COURSE_COMPLETE,
            )
            self.courses.append(
                {
                    "pk": course.pk,
                    "title": title,
                    "hours": course.estimated_hours,
                    "lessons": lessons,
                    "quizzes": quizzes,
                    "pre": pre.pk,
                    "post": post.pk,
                    "rule": rule.pk,
                }
            )
        self.summary.courses = spec.courses
        self.summary.lessons = spec.courses * spec.lessons_per_course

    def make_enrolments(self) -> None:
        """Each learner in a few courses (in turn, until the lesson progress is
        all made; a second round if the first fell short)."""
        rng, learners = self.rng, self.learners
        courses = self.courses
        taken = array("Q", bytes(8 * len(learners)))  # a bit per course
        self.progress_left = self.spec.lesson_progress
        self.registers: dict[int, int] = {}
        first_round = True
        while self.progress_left > 0:
            made = False
            for index in range(len(learners)):
                if self.progress_left <= 0:
                    break
                free = [c for c in range(len(courses)) if not taken[index] >> c & 1]
                if not free:
                    continue
                how_many = (
                    _weighted(rng, {0: 8, 1: 12, 2: 15, 3: 20, 4: 20, 5: 15, 6: 10})
                    if first_round
                    else 1
                )
                for c in rng.sample(free, min(how_many, len(free))):
                    taken[index] |= 1 << c
                    made |= self.enrol(index, courses[c])
                    if self.progress_left <= 0:
                        break
            first_round = False
            if not made:
                break

    def enrol(self, index: int, course: dict[str, Any]) -> bool:
        rng, s = self.rng, self.summary
        lessons: list[int] = course["lessons"]
        total = len(lessons)
        roll = rng.random()
        if roll < 0.08:
            reached = 0  # enrolled, never opened a lesson
        elif roll < 0.53:
            reached = total
        else:
            reached = rng.randint(1, total)
        reached = min(reached, self.progress_left)
        finishes = reached == total and roll >= 0.08 and roll < 0.53
        enrolled = dt.datetime.combine(
            _day_in(rng, _weighted(rng, YEAR_WEIGHTS)),
            dt.time(rng.randint(7, 21), rng.randrange(60)),
            tzinfo=TZ,
        )
        end = dt.datetime.combine(LAST_DAY, dt.time(22), tzinfo=TZ)
        step = dt.timedelta(hours=rng.uniform(4, 96))
        if reached and enrolled + step * (reached + 1) > end:
            step = (end - enrolled) / (reached + 1)
        person_pk = self.learners.pks[index]
        enrolment_pk = self.ids.take(Enrolment)
        completed_lessons = 0
        last_seen = None
        progress: list[dict[str, Any]] = []
        for position in range(reached):
            viewed = enrolled + step * (position + 1)
            last = position == reached - 1
            done = finishes or not last or rng.random() < 0.5
            quiz_pk = course["quizzes"].get(position)
            if quiz_pk is not None:
                done = self.lesson_quiz(person_pk, quiz_pk, viewed, done)
            completed_at = viewed + dt.timedelta(minutes=rng.randint(5, 40))
            completed_lessons += done
            last_seen = completed_at
            progress.append(
                {
                    "enrolment_id": enrolment_pk,
                    "lesson_id": lessons[position],
                    "first_viewed_at": viewed,
                    "last_viewed_at": completed_at,
                    "time_spent_seconds": rng.randint(180, 2400),
                    "completed_at": completed_at if done else None,
                }
            )
        self.progress_left -= reached
        s.lesson_progress += reached
        complete = finishes and completed_lessons == total
        self.writer.add(
            Enrolment,
            id=enrolment_pk,
            learner_id=person_pk,
            course_id=course["pk"],
            status=Enrolment.Status.COMPLETED if complete else Enrolment.Status.ACTIVE,
            source=_weighted(
                rng,
                {
                    Enrolment.Source.SELF: 60,
                    Enrolment.Source.ASSIGNED: 30,
                    Enrolment.Source.TRAINING_CLASS: 10,
                },
            ),
            progress=completed_lessons / total,
            enrolled_at=enrolled,
            last_activity_at=last_seen,
            completed_at=last_seen if complete else None,
        )
        for row in progress:  # after their enrolment
            self.writer.add(LessonProgress, **row)
        s.enrolments += 1
        if complete and last_seen is not None:
            s.completed_enrolments += 1
            self.certificate(index, course, enrolled, last_seen)
        return reached > 0

    def lesson_quiz(
        self, person_pk: int, quiz_pk: int, at: dt.datetime, passes: bool
    ) -> bool:
        """The lesson's quiz: failed attempts, then a pass if the lesson is done.
        The lesson stays done only if its passing attempt could be made."""
        rng = self.rng
        if passes:
            failures = _weighted(rng, {0: 80, 1: 15, 2: 5})
        else:
            failures = _weighted(rng, {0: 40, 1: 45, 2: 15})
        # A course's quizzes are taken in one enrolment only: numbered here.
        made = 0
        for n in range(failures):
            made += self.attempt(
                person_pk,
                quiz_pk,
                n + 1,
                at + dt.timedelta(hours=n),
                rng.uniform(10, 45),
            )
        passed = passes and self.attempt(
            person_pk,
            quiz_pk,
            failures + 1,
            at + dt.timedelta(hours=failures),
            rng.uniform(50, 100),
        )
        made += passed
        if made and len(self.retakes) < 10_000:
            self.retakes.append([person_pk, quiz_pk, made])
        return passed

    def certificate(
        self,
        index: int,
        course: dict[str, Any],
        enrolled: dt.datetime,
        done: dt.datetime,
    ) -> None:
        body = self.issuing_body
        issued_on = done.astimezone(TZ).date()
        year = issued_on.year
        sequence = self.registers.get(year, 0) + 1
        self.registers[year] = sequence
        revoked = self.rng.random() < 0.01
        code = base64.urlsafe_b64encode(self.rng.randbytes(24)).decode()
        self.writer.add(
            Certificate,
            holder_id=self.learners.pks[index],
            rule_id=course["rule"],
            course_id=course["pk"],
            issuing_body_id=body.pk,
            year=year,
            sequence=sequence,
            number=body.number_pattern.format(
                number=sequence, year=year, code=body.code
            ),
            verification_code=code,
            full_name=self.learners.names[index],
            date_of_birth=self.learners.births[index],
            subject_title=course["title"],
            starts_on=enrolled.astimezone(TZ).date(),
            ends_on=issued_on,
            place="Quảng Ngãi",
            hours=course["hours"],
            issued_on=issued_on,
            issued_at=done,
            status=Certificate.Status.REVOKED if revoked else Certificate.Status.VALID,
            revoked_at=done + dt.timedelta(days=30) if revoked else None,
            revocation_reason="Cấp nhầm (dữ liệu thử)." if revoked else "",
        )
        self.summary.certificates += 1

    def finish_certificates(self) -> None:
        for year, last in sorted(self.registers.items()):
            CertificateCounter.objects.update_or_create(
                issuing_body=self.issuing_body,
                year=year,
                defaults={"last_number": last},
            )

    # --- the target-population register ------------------------------------

    def make_populations(self) -> None:
        """Each of today's units registers the size of each target group it
        has people in, a little above the people of the group on the platform."""
        learners, groups = self.learners, self.target_groups
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for unit_pk, mask in zip(learners.units, learners.groups, strict=True):
            for g in range(len(groups)):
                if mask >> g & 1:
                    counts[(unit_pk, g)] += 1
        path_of = self.path_of
        today = [u for u in self.units if u.era != "old"]
        rows = []
        for unit in today:
            below = [pk for pk, path in path_of.items() if path.startswith(unit.path)]
            for g, group in enumerate(groups):
                people = sum(counts.get((pk, g), 0) for pk in below)
                if not people:
                    continue
                for year in (2025, 2026):
                    rows.append(
                        TargetPopulation(
                            unit_id=unit.pk,
                            target_group_id=group.pk,
                            year=year,
                            size=math.ceil(people * self.rng.uniform(1.1, 1.8)),
                            entered_by_id=self.operator_pk,
                            updated_at=_at(dt.date(year, 3, 1), 9),
                        )
                    )
        # A unit's own register row (from the demo) is kept, not overwritten.
        TargetPopulation.objects.bulk_create(
            rows, batch_size=BATCH, ignore_conflicts=True
        )
        self.summary.target_populations = TargetPopulation.objects.filter(
            entered_by_id=self.operator_pk
        ).count()

    # --- the whole ---------------------------------------------------------

    def run(self) -> BenchSummary:
        started = time.perf_counter()
        with (
            transaction.atomic(),
            _immediate_constraints(),
            _timestamps_as_given(
                TrainingClass,
                Participant,
                AttendanceRecord,
                Enrolment,
                LessonProgress,
                Attempt,
                Certificate,
                TargetPopulation,
            ),
        ):
            self.ids = _Ids(User, TrainingClass, Session, Participant, Enrolment)
            self.operator_pk = self.ids.take(User)
            User.objects.bulk_create(
                [
                    User(
                        pk=self.operator_pk,
                        username=OPERATOR,
                        password="!",  # noqa: S106 - unusable
                        full_name="Người nhập dữ liệu đo hiệu năng",
                    )
                ]
            )
            self.phase("courses", self.make_courses)
            self.phase("learners", self.make_learners)
            self.area_pools()
            self.phase("classes", self.make_classes)
            self.phase("enrolments", self.make_enrolments)
            self.phase("certificates and retakes", self.finish_online)
            self.phase("target populations", self.make_populations)
            self.ids.reset_sequences()
        self.summary.seconds["total"] = time.perf_counter() - started
        return self.summary

    def finish_online(self) -> None:
        self.fill_attempts()
        self.finish_certificates()


def generate_bench_data(
    size: str, *, seed: int = 2026, log: Callable[[str], None] = lambda _m: None
) -> BenchSummary | None:
    """Make the benchmark data of `size` (S, M or L); None if it is already
    here (some of it: nothing is made twice; delete it first)."""
    if any(bench_data_present().values()):
        return None
    return _Generator(SIZES[size], seed, log).run()


def _raw_delete(queryset: models.QuerySet[Any]) -> int:
    """DELETE in the database without loading the rows (millions of them):
    what points at them is deleted first, by the caller, in order."""
    return queryset._raw_delete(queryset.db)


def delete_bench_data(log: Callable[[str], None] = lambda _m: None) -> dict[str, int]:
    """Delete everything the generator made (nothing else), children first."""
    learners = User.objects.filter(username__startswith=MARKER)
    classes = TrainingClass.objects.filter(code__startswith=CLASS_MARKER)
    courses = CoursePage.objects.filter(slug__startswith=MARKER)
    quizzes = Quiz.objects.filter(reference__startswith=MARKER)
    body = IssuingBody.objects.filter(code=MARKER.rstrip("-"))
    steps: Sequence[tuple[str, Callable[[], int]]] = [
        (
            "certificates",
            lambda: _raw_delete(Certificate.objects.filter(issuing_body__in=body)),
        ),
        (
            "certificate rules",
            lambda: CertificateRule.objects.filter(course__in=courses).delete()[0],
        ),
        (
            "certificate counters",
            lambda: CertificateCounter.objects.filter(issuing_body__in=body).delete()[
                0
            ],
        ),
        (
            "certificate templates",
            lambda: CertificateTemplate.objects.filter(issuing_body__in=body).delete()[
                0
            ],
        ),
        ("issuing bodies", lambda: body.delete()[0]),
        (
            "attempt questions",
            lambda: _raw_delete(
                AttemptQuestion.objects.filter(attempt__learner__in=learners)
            ),
        ),
        ("attempts", lambda: _raw_delete(Attempt.objects.filter(learner__in=learners))),
        (
            "lesson progress",
            lambda: _raw_delete(
                LessonProgress.objects.filter(enrolment__learner__in=learners)
            ),
        ),
        (
            "enrolments",
            lambda: _raw_delete(Enrolment.objects.filter(learner__in=learners)),
        ),
        (
            "attendance changes",
            lambda: _raw_delete(
                AttendanceChange.objects.filter(session__training_class__in=classes)
            ),
        ),
        (
            "attendance records",
            lambda: _raw_delete(
                AttendanceRecord.objects.filter(session__training_class__in=classes)
            ),
        ),
        (
            "session reminders",
            lambda: _raw_delete(
                SessionReminder.objects.filter(session__training_class__in=classes)
            ),
        ),
        (
            "participants",
            lambda: _raw_delete(Participant.objects.filter(training_class__in=classes)),
        ),
        (
            "sessions",
            lambda: _raw_delete(Session.objects.filter(training_class__in=classes)),
        ),
        (
            "class target groups",
            lambda: _raw_delete(
                TrainingClass.target_groups.through.objects.filter(
                    trainingclass__in=classes
                )
            ),
        ),
        ("classes", lambda: _raw_delete(classes)),
        (
            "target populations",
            lambda: _raw_delete(
                TargetPopulation.objects.filter(entered_by__in=learners)
            ),
        ),
        (
            "learners' groups",
            lambda: _raw_delete(
                User.target_groups.through.objects.filter(user__in=learners)
            ),
        ),
        (
            "learners' roles",
            lambda: _raw_delete(User.groups.through.objects.filter(user__in=learners)),
        ),
        ("learners", lambda: _raw_delete(learners)),
        ("courses", lambda: _delete_pages(courses)),
        ("quizzes", lambda: quizzes.delete()[0]),
    ]
    deleted = {}
    with transaction.atomic():
        for name, step in steps:
            deleted[name] = step()
            log(f"deleted {deleted[name]:,} {name}")
    return deleted


def _delete_pages(courses: models.QuerySet[CoursePage]) -> int:
    count = 0
    for course in courses:
        count += 1
        course.delete()
    return count
