"""Training figures (classes, sessions, hours, participant-turns and people),
always split by sex, computed in the database with conditional aggregates."""

import datetime as dt
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from people.models import AdminUnit, User
from training.models import AttendanceRecord, AttendanceStatus, Participant, Session

from .scope import ATTENDED_CODES, FiguresScope, held_classes, participant_turns

SEXES = {"women": User.Sex.FEMALE, "men": User.Sex.MALE}

# The organising unit's level (DOMAIN.md §2): districts existed until 30/6/2025.
LEVELS = {
    "province": (AdminUnit.UnitType.PROVINCE, AdminUnit.UnitType.CENTRAL_CITY),
    "district": (
        AdminUnit.UnitType.DISTRICT,
        AdminUnit.UnitType.TOWN,
        AdminUnit.UnitType.PROVINCIAL_CITY,
        AdminUnit.UnitType.URBAN_DISTRICT,
    ),
    "commune": (
        AdminUnit.UnitType.COMMUNE,
        AdminUnit.UnitType.WARD,
        AdminUnit.UnitType.TOWNSHIP,
        AdminUnit.UnitType.SPECIAL_ZONE,
    ),
}

AGE_GROUPS: tuple[tuple[int | None, int | None, str], ...] = (
    (None, 30, "under_30"),
    (30, 40, "30_39"),
    (40, 50, "40_49"),
    (50, 60, "50_59"),
    (60, None, "60_over"),
)


def sex_split(person: str = "person") -> dict[str, Any]:
    """Turns and distinct people, in total, women and men: the columns of every
    table. `person` is the lookup of the person the row counts."""
    columns: dict[str, Any] = {
        "turns": Count("pk"),
        "people": Count(person, distinct=True),
    }
    for name, sex in SEXES.items():
        is_sex = Q(**{f"{person}__sex": sex})
        columns[f"turns_{name}"] = Count("pk", filter=is_sex)
        columns[f"people_{name}"] = Count(person, distinct=True, filter=is_sex)
    return columns


def session_hours() -> ExpressionWrapper:
    """A session's length (its end minus its start), for sums of hours."""
    return ExpressionWrapper(
        F("ends_at") - F("starts_at"), output_field=DurationField()
    )


def _hours(total: dt.timedelta | None) -> float:
    return round(total.total_seconds() / 3600, 2) if total else 0.0


def training_headline(scope: FiguresScope) -> dict[str, Any]:
    """The headline training figures of a scope (five queries)."""
    classes = held_classes(scope)
    sessions = Session.objects.filter(training_class__in=classes.values("pk"))
    session_totals = sessions.aggregate(
        sessions=Count("pk"), hours=Sum(session_hours())
    )
    turns = participant_turns(scope)
    minority = Q(
        person__ethnicity_consent_at__isnull=False,
        person__ethnicity__is_minority=True,
    )
    figures = turns.aggregate(
        **sex_split(),
        minority_turns=Count("pk", filter=minority),
        minority_people=Count("person", distinct=True, filter=minority),
        minority_women=Count(
            "person", distinct=True, filter=minority & Q(person__sex=User.Sex.FEMALE)
        ),
        leaders_turns=Count("pk", filter=Q(person__is_leader=True)),
        leaders_women=Count(
            "pk", filter=Q(person__is_leader=True, person__sex=User.Sex.FEMALE)
        ),
        ethnicity_unknown=Count(
            "person", distinct=True, filter=Q(person__ethnicity_consent_at__isnull=True)
        ),
    )
    presence = AttendanceStatus.objects.filter(code__in=ATTENDED_CODES)
    attended = AttendanceRecord.objects.filter(
        participant__in=turns.values("pk"), status__in=presence.values("pk")
    ).annotate(length=session_hours_of_record())
    participant_hours = attended.aggregate(total=Sum("length"))["total"]
    return {
        "classes": classes.count(),
        "sessions": session_totals["sessions"],
        "class_hours": _hours(session_totals["hours"]),
        "participant_hours": _hours(participant_hours),
        **figures,
    }


def session_hours_of_record() -> ExpressionWrapper:
    return ExpressionWrapper(
        F("session__ends_at") - F("session__starts_at"), output_field=DurationField()
    )


def _rows(turns: QuerySet[Participant], key: str) -> list[dict[str, Any]]:
    return list(turns.values(key).annotate(**sex_split()).order_by(key))


def turns_by_level(scope: FiguresScope) -> list[dict[str, Any]]:
    """Turns and people by the level of the organising unit."""
    level = Case(
        *(
            When(training_class__unit__unit_type__in=types, then=Value(name))
            for name, types in LEVELS.items()
        ),
        default=Value("other"),
        output_field=CharField(),
    )
    return _rows(participant_turns(scope).annotate(level=level), "level")


def turns_by_target_group(scope: FiguresScope) -> list[dict[str, Any]]:
    """Turns and people by the person's target groups: someone in two groups
    counts in each, so the rows do not add up to the total."""
    rows = list(
        participant_turns(scope)
        .values("person__target_groups", "person__target_groups__name")
        .annotate(**sex_split())
        .order_by("person__target_groups__name")
    )
    keys = ("person__target_groups", "person__target_groups__name")
    return [
        {
            "target_group_id": row["person__target_groups"],
            # The name as counted: a frozen report keeps it if a group is renamed.
            "target_group_name": row["person__target_groups__name"] or "",
            **{key: value for key, value in row.items() if key not in keys},
        }
        for row in rows
    ]


def turns_by_employment_type(scope: FiguresScope) -> list[dict[str, Any]]:
    return _rows(participant_turns(scope), "person__employment_type")


def turns_by_age_group(scope: FiguresScope) -> list[dict[str, Any]]:
    """Age on the period's last day, in the report's bands (unknown: no birth date)."""
    on = scope.filter.last_day
    whens = []
    for low, high, name in AGE_GROUPS:
        condition = Q()
        if low is not None:  # at least `low` years old: born on or before
            condition &= Q(person__date_of_birth__lte=_years_before(on, low))
        if high is not None:  # under `high`: born after
            condition &= Q(person__date_of_birth__gt=_years_before(on, high))
        whens.append(When(condition, then=Value(name)))
    age = Case(*whens, default=Value("unknown"), output_field=CharField())
    turns = participant_turns(scope).annotate(age_group=age)
    return _rows(turns, "age_group")


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def turns_by_month(scope: FiguresScope) -> list[dict[str, Any]]:
    """The trend: turns and people by the month the class started."""
    turns = participant_turns(scope).annotate(
        month=TruncMonth("training_class__starts_on")
    )
    return _rows(turns, "month")


def turns_by_class(scope: FiguresScope) -> list[dict[str, Any]]:
    """Turns and people of each held class, by start date."""
    rows = (
        participant_turns(scope)
        .values(
            "training_class_id",
            "training_class__code",
            "training_class__title",
            "training_class__starts_on",
            "training_class__unit__name",
        )
        .annotate(**sex_split())
        .order_by("training_class__starts_on", "training_class__code")
    )
    return [dict(row) for row in rows]
