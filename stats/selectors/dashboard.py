"""Everything the dashboard, the Excel export and a submitted report show, from
one scope: the same numbers wherever they are printed."""

from typing import Any

from .downloads import downloads_figures
from .online import (
    certificates_headline,
    completion_by_course,
    knowledge_gain,
    online_headline,
    quiz_headline,
)
from .population import population_trained
from .scope import FiguresScope
from .training import (
    training_headline,
    turns_by_age_group,
    turns_by_class,
    turns_by_employment_type,
    turns_by_level,
    turns_by_month,
    turns_by_target_group,
)
from .units import UnitRow, turns_by_unit


def headline_figures(scope: FiguresScope) -> dict[str, Any]:
    return {
        "training": training_headline(scope),
        "online": online_headline(scope),
        "quizzes": quiz_headline(scope),
        "knowledge": knowledge_gain(scope),
        "certificates": certificates_headline(scope),
        "downloads": downloads_figures(scope),
    }


def report_figures(scope: FiguresScope) -> dict[str, Any]:
    """The headline and every table, as plain JSON-safe data: what the dashboard
    shows, the Excel export writes and a submission freezes, all the same.

    Rows name their unit, target group, class or course by id and by name (the
    name as it was when counted, so a frozen report keeps it). Dates are ISO
    strings ("2026-03-01"); shares and rates are percentages or None.
    """
    period = scope.filter
    return {
        "period": {
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "cutoff": period.cutoff.isoformat() if period.cutoff else None,
            "mapping": str(period.mapping),
        },
        **headline_figures(scope),
        "by_unit": [_unit_row(row) for row in turns_by_unit(scope)],
        "by_level": turns_by_level(scope),
        "by_target_group": turns_by_target_group(scope),
        "by_employment_type": turns_by_employment_type(scope),
        "by_age_group": turns_by_age_group(scope),
        "by_month": [
            {**row, "month": row["month"].isoformat()[:7]}
            for row in turns_by_month(scope)
        ],
        "by_class": [
            {
                **row,
                "training_class__starts_on": row[
                    "training_class__starts_on"
                ].isoformat(),
            }
            for row in turns_by_class(scope)
        ],
        "by_course": completion_by_course(scope),
        "population": [
            {
                "unit_id": row["unit"].pk,
                "unit_name": row["unit"].name,
                "target_group_id": row["target_group"].pk,
                "target_group_name": row["target_group"].name,
                **{k: row[k] for k in ("population", "trained", "share")},
            }
            for row in population_trained(scope, year=scope.filter.end.year)
        ],
    }


def _unit_row(row: UnitRow) -> dict[str, Any]:
    return {
        "unit_id": row.unit.pk,
        "unit_name": row.unit.name,
        "unit_type": row.unit.unit_type,
        "unit_code": row.unit.code,
        "depth": row.unit.depth,
        "path": row.unit.path,
        "includes_split": row.includes_split,
        **row.figures,
    }
