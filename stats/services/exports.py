"""The Excel workbook of a training report, written from the figures as plain
data (stats.selectors.dashboard.report_figures): a live report and the figures a
submission froze print the same way, and nothing here counts anything again.

Six sheets (summary, by unit, by target group, by class, by course, school
resource downloads), each opening with the report's title, unit, period and
data cut-off, so a sheet printed or pasted on its own still says what it covers. Always in Vietnamese,
whatever the language of the admin who downloads it: the report goes to a
provincial body. Numbers carry explicit formats ('#,##0' shows 1.234 in a
Vietnamese Excel); text typed by people passes through spreadsheet_safe_text.

Written with a write-only workbook, row by row, so a province-wide annual
report with thousands of classes stays small in memory.
"""

import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext, pgettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lms.spreadsheets import spreadsheet_safe_text
from people.models import TargetGroup

INTEGER = "#,##0"
DECIMAL = "#,##0.0"
PERCENT = "0.0"
DATE = "DD/MM/YYYY"
TEXT = "@"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)

Row = Mapping[str, Any]

# Every word of the workbook is translated in the context "training report": the
# report's words are its own (other apps translate "Summary" or "Total" otherwise).
# The heading's unit when the report counts every unit.
WHOLE_PROVINCE = pgettext_lazy("training report", "The whole province")


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, where its value comes from, its format."""

    header: str
    value: Callable[[Row], Any]
    number_format: str = INTEGER
    width: int = 14
    # The unit names of the tree: indented by their depth.
    indented: bool = False


def _key(name: str) -> Callable[[Row], Any]:
    return lambda row: row.get(name)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def period_of(figures: Row) -> tuple[tuple[dt.date, dt.date], dt.date | None]:
    """The period and cut-off the figures were counted for (a frozen report's own)."""
    period = figures["period"]
    start, end = _date(period["start"]), _date(period["end"])
    if start is None or end is None:
        raise ValueError("figures without a period")
    return (start, end), _date(period.get("cutoff"))


def report_workbook(
    figures: Row,
    *,
    title: str,
    unit_name: str,
    period: tuple[dt.date, dt.date],
    cutoff: dt.date | None,
    recipient: str = "",
) -> bytes:
    """The report as an .xlsx file's bytes (`unit_name` empty: the whole province)."""
    with translation.override(settings.LANGUAGE_CODE):
        workbook = Workbook(write_only=True)
        heading = _heading(
            title=title,
            unit_name=unit_name,
            period=period,
            cutoff=cutoff,
            recipient=recipient,
        )
        _summary_sheet(workbook, heading, figures)
        _unit_sheet(workbook, heading, figures)
        _target_group_sheet(workbook, heading, figures)
        _class_sheet(workbook, heading, figures)
        _course_sheet(workbook, heading, figures)
        _downloads_sheet(workbook, heading, figures)
        output = io.BytesIO()
        workbook.save(output)
    return output.getvalue()


# --- Layout shared by every sheet -----------------------------------------------


def _heading(
    *,
    title: str,
    unit_name: str,
    period: tuple[dt.date, dt.date],
    cutoff: dt.date | None,
    recipient: str,
) -> list[str]:
    """The lines at the top of each sheet: what the report covers."""
    start, end = period
    lines = [
        title,
        pgettext("training report", "Unit: %(unit)s")
        % {"unit": unit_name or WHOLE_PROVINCE},
        pgettext("training report", "Reporting period: from %(start)s to %(end)s")
        % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"},
        # No cut-off: the records count up to the period's last day.
        pgettext("training report", "Data cut-off: %(day)s")
        % {"day": f"{cutoff or end:%d/%m/%Y}"},
    ]
    if recipient:
        lines.append(
            pgettext("training report", "To: %(recipient)s") % {"recipient": recipient}
        )
    return lines


def _cell(sheet: Any, value: Any, **style: Any) -> WriteOnlyCell:
    if isinstance(value, str):
        value = spreadsheet_safe_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _sheet(
    workbook: Workbook, name: str, heading: Sequence[str], widths: Sequence[int]
) -> Any:
    """A new sheet with its column widths and the heading lines (then a blank)."""
    sheet = workbook.create_sheet(name[:31])  # Excel's limit
    # A write-only sheet takes its column widths before its first row.
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, line in enumerate(heading):
        sheet.append([_cell(sheet, line, font=TITLE if number == 0 else BOLD)])
    sheet.append([])
    return sheet


def _header(sheet: Any, columns: Sequence[Column]) -> None:
    sheet.append(
        [
            _cell(
                sheet,
                column.header,
                font=BOLD,
                alignment=Alignment(wrap_text=True, vertical="center"),
            )
            for column in columns
        ]
    )


def _row(
    sheet: Any,
    columns: Sequence[Column],
    row: Row,
    *,
    bold: bool = False,
    indent: int = 0,
) -> None:
    cells = []
    for column in columns:
        value = column.value(row)
        style: dict[str, Any] = {}
        if not isinstance(value, str):
            style["number_format"] = column.number_format
        if bold:
            style["font"] = BOLD
        if indent and column.indented:
            style["alignment"] = Alignment(indent=indent)
        cells.append(_cell(sheet, value, **style))
    sheet.append(cells)


def _note(sheet: Any, text: str) -> None:
    sheet.append([])
    sheet.append([_cell(sheet, text, font=Font(italic=True))])


def _total(totals: Row) -> dict[str, Any]:
    """The totals row: the first column says "Total", the others read `totals`."""
    return {"__label__": pgettext("training report", "Total"), **totals}


def _sex_columns() -> list[Column]:
    """Turns and distinct people, in total, women and men."""
    return [
        Column(
            pgettext("training report", "Participant-turns (total)"),
            _key("turns"),
        ),
        Column(
            pgettext("training report", "Participant-turns, women"),
            _key("turns_women"),
        ),
        Column(
            pgettext("training report", "Participant-turns, men"),
            _key("turns_men"),
        ),
        Column(pgettext("training report", "People (total)"), _key("people")),
        Column(pgettext("training report", "People, women"), _key("people_women")),
        Column(pgettext("training report", "People, men"), _key("people_men")),
    ]


def _label(name: str) -> Callable[[Row], Any]:
    """A row's name, or "Total" on the totals row."""
    return lambda row: row.get("__label__", row.get(name))


def _widths(columns: Sequence[Column]) -> list[int]:
    return [column.width for column in columns]


# --- Summary ---------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """A line of the summary: a figure in total and, where counted, by sex."""

    label: str
    section: str
    total: str
    women: str | None = None
    men: str | None = None
    number_format: str = INTEGER


def _split(label: str, section: str, key: str, number_format: str = INTEGER) -> Line:
    return Line(label, section, key, f"{key}_women", f"{key}_men", number_format)


def _summary_lines() -> list[tuple[str, list[Line]]]:
    training, online, quizzes = "training", "online", "quizzes"
    knowledge, certificates = "knowledge", "certificates"
    return [
        (
            pgettext("training report", "Training classes"),
            [
                Line(pgettext("training report", "Classes held"), training, "classes"),
                Line(pgettext("training report", "Sessions"), training, "sessions"),
                Line(
                    pgettext("training report", "Training hours"),
                    training,
                    "class_hours",
                    number_format=DECIMAL,
                ),
                Line(
                    pgettext("training report", "Participant-hours delivered"),
                    training,
                    "participant_hours",
                    number_format=DECIMAL,
                ),
                _split(
                    pgettext("training report", "Participant-turns"), training, "turns"
                ),
                _split(
                    pgettext("training report", "People trained"), training, "people"
                ),
                Line(
                    pgettext(
                        "training report",
                        "Ethnic-minority participant-turns (with consent)",
                    ),
                    training,
                    "minority_turns",
                ),
                Line(
                    pgettext(
                        "training report", "Ethnic-minority people (with consent)"
                    ),
                    training,
                    "minority_people",
                    women="minority_women",
                ),
                Line(
                    pgettext("training report", "Participant-turns of leaders"),
                    training,
                    "leaders_turns",
                    women="leaders_women",
                ),
                Line(
                    pgettext(
                        "training report",
                        "People whose ethnicity may not be used (no consent)",
                    ),
                    training,
                    "ethnicity_unknown",
                ),
            ],
        ),
        (
            pgettext("training report", "Online learning"),
            [
                _split(pgettext("training report", "Enrolments"), online, "enrolments"),
                _split(
                    pgettext("training report", "Completions"), online, "completions"
                ),
                _split(
                    pgettext("training report", "Completion rate (%)"),
                    online,
                    "completion_rate",
                    PERCENT,
                ),
                Line(
                    pgettext("training report", "Average days to complete"),
                    online,
                    "days_to_complete",
                    number_format=DECIMAL,
                ),
            ],
        ),
        (
            pgettext("training report", "Quizzes"),
            [
                _split(
                    pgettext("training report", "Attempts graded"), quizzes, "attempts"
                ),
                _split(
                    pgettext("training report", "Attempts passed"), quizzes, "passes"
                ),
                _split(
                    pgettext("training report", "Pass rate (%)"),
                    quizzes,
                    "pass_rate",
                    PERCENT,
                ),
                Line(
                    pgettext("training report", "Average score (%)"),
                    quizzes,
                    "average_score",
                    number_format=PERCENT,
                ),
            ],
        ),
        (
            pgettext("training report", "Knowledge before and after training"),
            [
                Line(
                    pgettext("training report", "Pre-test average (%)"),
                    knowledge,
                    "pre_test_average",
                    number_format=PERCENT,
                ),
                Line(
                    pgettext("training report", "Post-test average (%)"),
                    knowledge,
                    "post_test_average",
                    number_format=PERCENT,
                ),
                Line(
                    pgettext("training report", "Knowledge gain (points)"),
                    knowledge,
                    "gain",
                    number_format=PERCENT,
                ),
            ],
        ),
        (
            pgettext("training report", "Certificates"),
            [
                _split(
                    pgettext("training report", "Certificates issued"),
                    certificates,
                    "certificates",
                )
            ],
        ),
    ]


LEVELS = ("province", "district", "commune", "other")


def _level_label(level: str) -> str:
    labels = {
        "province": pgettext("training report", "Organised at province level"),
        "district": pgettext(
            "training report", "Organised at district level (until 30/6/2025)"
        ),
        "commune": pgettext("training report", "Organised at commune level"),
        "other": pgettext("training report", "Organised by other units"),
    }
    return labels.get(level, level)


def _summary_sheet(workbook: Workbook, heading: Sequence[str], figures: Row) -> None:
    columns = [
        Column(
            pgettext("training report", "Indicator"),
            _key("label"),
            TEXT,
            width=58,
            indented=True,
        ),
        Column(pgettext("training report", "Total number"), _key("total")),
        Column(pgettext("training report", "Women"), _key("women")),
        Column(pgettext("training report", "Men"), _key("men")),
    ]
    sheet = _sheet(
        workbook, pgettext("training report", "Summary"), heading, _widths(columns)
    )
    _header(sheet, columns)
    for section, lines in _summary_lines():
        sheet.append([_cell(sheet, section, font=BOLD)])
        for line in lines:
            values = figures.get(line.section) or {}
            _row(
                sheet,
                [*columns[:1], *(_with_format(c, line) for c in columns[1:])],
                {
                    "label": line.label,
                    "total": values.get(line.total),
                    "women": values.get(line.women) if line.women else None,
                    "men": values.get(line.men) if line.men else None,
                },
                indent=1,
            )
    levels = {row.get("level"): row for row in figures.get("by_level") or []}
    if levels:
        sheet.append(
            [
                _cell(
                    sheet,
                    pgettext("training report", "Participant-turns by level"),
                    font=BOLD,
                )
            ]
        )
        for level in sorted(levels, key=_level_order):
            row = levels[level]
            _row(
                sheet,
                columns,
                {
                    "label": _level_label(str(level)),
                    "total": row.get("turns"),
                    "women": row.get("turns_women"),
                    "men": row.get("turns_men"),
                },
                indent=1,
            )


def _level_order(level: Any) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _with_format(column: Column, line: Line) -> Column:
    return Column(column.header, column.value, line.number_format, column.width)


# --- By unit ---------------------------------------------------------------------


def _unit_sheet(workbook: Workbook, heading: Sequence[str], figures: Row) -> None:
    columns = [
        Column(
            pgettext("training report", "Unit code"), _key("unit_code"), TEXT, width=12
        ),
        Column(
            pgettext("training report", "Unit"),
            _label("unit_name"),
            TEXT,
            width=40,
            indented=True,
        ),
        *_sex_columns(),
        Column(pgettext("training report", "Note"), _key("note"), TEXT, width=36),
    ]
    sheet = _sheet(
        workbook, pgettext("training report", "By unit"), heading, _widths(columns)
    )
    _header(sheet, columns)
    rows = list(figures.get("by_unit") or [])
    top = min((row["depth"] for row in rows), default=1)
    split_note = pgettext(
        "training report", "Includes a former unit split between several units"
    )
    for index, row in enumerate(rows):
        following = rows[index + 1] if index + 1 < len(rows) else None
        # A unit with units below it in the table is a subtotal: in bold.
        has_children = following is not None and following["depth"] > row["depth"]
        _row(
            sheet,
            columns,
            {**row, "note": split_note if row.get("includes_split") else ""},
            bold=has_children,
            indent=row["depth"] - top,
        )
    _row(sheet, columns, _total(figures.get("training") or {}), bold=True)
    _note(
        sheet,
        pgettext(
            "training report",
            "Each unit's row includes the units below it. Distinct people are "
            "counted once at each level, so the rows below a unit may add up to "
            "more people than the unit's own row; the total is the whole report's.",
        ),
    )


# --- By target group -------------------------------------------------------------


def _target_group_names(rows: Iterable[Row]) -> dict[int, str]:
    """Names for rows that carry only the group's id."""
    missing = {
        row["target_group_id"]
        for row in rows
        if row.get("target_group_id") and not row.get("target_group_name")
    }
    if not missing:
        return {}
    return dict(TargetGroup.objects.filter(pk__in=missing).values_list("pk", "name"))


def _target_group_sheet(
    workbook: Workbook, heading: Sequence[str], figures: Row
) -> None:
    columns = [
        Column(
            pgettext("training report", "Target group"),
            _label("target_group_name"),
            TEXT,
            width=48,
        ),
        *_sex_columns(),
    ]
    population_columns = [
        Column(pgettext("training report", "Unit"), _key("unit_name"), TEXT),
        Column(
            pgettext("training report", "Target group"), _key("target_group_name"), TEXT
        ),
        Column(pgettext("training report", "People in the group"), _key("population")),
        Column(pgettext("training report", "Trained at least once"), _key("trained")),
        Column(
            pgettext("training report", "Share trained (%)"), _key("share"), PERCENT
        ),
    ]
    sheet = _sheet(
        workbook,
        pgettext("training report", "By target group"),
        heading,
        _widths(columns),
    )
    _header(sheet, columns)
    rows = list(figures.get("by_target_group") or [])
    names = _target_group_names(rows)
    no_group = pgettext("training report", "In no target group")
    for row in rows:
        group = row.get("target_group_id")
        name = row.get("target_group_name") or (
            names.get(group, str(group)) if group else no_group
        )
        _row(sheet, columns, {**row, "target_group_name": name})
    _row(sheet, columns, _total(figures.get("training") or {}), bold=True)
    _note(
        sheet,
        pgettext(
            "training report",
            "Someone in two target groups counts in each, so the rows may add up "
            "to more than the total.",
        ),
    )
    population = list(figures.get("population") or [])
    if population:
        sheet.append([])
        sheet.append(
            [
                _cell(
                    sheet,
                    pgettext(
                        "training report",
                        "Share of each target population trained at least once",
                    ),
                    font=BOLD,
                )
            ]
        )
        _header(sheet, population_columns)
        for row in population:
            _row(sheet, population_columns, row)


# --- By class --------------------------------------------------------------------


def _class_sheet(workbook: Workbook, heading: Sequence[str], figures: Row) -> None:
    columns = [
        Column(
            pgettext("training report", "Class code"),
            _label("training_class__code"),
            TEXT,
            width=16,
        ),
        Column(
            pgettext("training report", "Class"),
            _key("training_class__title"),
            TEXT,
            width=44,
        ),
        Column(
            pgettext("training report", "Starts on"), _key("starts_on"), DATE, width=12
        ),
        Column(
            pgettext("training report", "Organising unit"),
            _key("training_class__unit__name"),
            TEXT,
            width=30,
        ),
        *_sex_columns(),
    ]
    sheet = _sheet(
        workbook, pgettext("training report", "By class"), heading, _widths(columns)
    )
    _header(sheet, columns)
    for row in figures.get("by_class") or []:
        starts_on = _date(row.get("training_class__starts_on"))
        _row(sheet, columns, {**row, "starts_on": starts_on})
    _row(sheet, columns, _total(figures.get("training") or {}), bold=True)
    _note(
        sheet,
        pgettext(
            "training report",
            "Someone who attended two classes is two participant-turns and one "
            "person: the people of the classes may add up to more than the total.",
        ),
    )


# --- By course -------------------------------------------------------------------


def _course_sheet(workbook: Workbook, heading: Sequence[str], figures: Row) -> None:
    columns = [
        Column(
            pgettext("training report", "Course"),
            _label("course__title"),
            TEXT,
            width=44,
        ),
        Column(pgettext("training report", "Enrolments"), _key("enrolments")),
        Column(
            pgettext("training report", "Enrolments, women"), _key("enrolments_women")
        ),
        Column(pgettext("training report", "Enrolments, men"), _key("enrolments_men")),
        Column(pgettext("training report", "Completions"), _key("completions")),
        Column(
            pgettext("training report", "Completions, women"), _key("completions_women")
        ),
        Column(
            pgettext("training report", "Completions, men"), _key("completions_men")
        ),
        Column(
            pgettext("training report", "Completion rate (%)"),
            _key("completion_rate"),
            PERCENT,
        ),
        Column(
            pgettext("training report", "Completion rate, women (%)"),
            _key("completion_rate_women"),
            PERCENT,
        ),
        Column(
            pgettext("training report", "Completion rate, men (%)"),
            _key("completion_rate_men"),
            PERCENT,
        ),
        Column(
            pgettext("training report", "Average days to complete"),
            _key("days_to_complete"),
            DECIMAL,
        ),
    ]
    sheet = _sheet(
        workbook, pgettext("training report", "By course"), heading, _widths(columns)
    )
    _header(sheet, columns)
    for row in figures.get("by_course") or []:
        _row(sheet, columns, row)
    _row(sheet, columns, _total(figures.get("online") or {}), bold=True)
    _note(
        sheet,
        pgettext(
            "training report",
            "Online learning counts the learner's unit: an enrolment in the period "
            "it was made, a completion by the period's last day.",
        ),
    )


# --- School resource downloads -------------------------------------------------

DOWNLOAD_SECTIONS = (
    ("by_school_level", pgettext_lazy("training report", "School level")),
    ("by_topic", pgettext_lazy("training report", "Topic")),
    ("by_role", pgettext_lazy("training report", "Role of the person downloading")),
    ("by_unit", pgettext_lazy("training report", "Unit")),
)


def _downloads_sheet(workbook: Workbook, heading: Sequence[str], figures: Row) -> None:
    """One small table per grouping; a resource for two levels counts in each."""
    downloads = figures.get("downloads") or {}
    sheet = _sheet(
        workbook,
        pgettext("training report", "School resources"),
        heading,
        [44, 14],
    )
    for key, label in DOWNLOAD_SECTIONS:
        columns = [
            Column(str(label), _label("key"), TEXT, width=44),
            Column(pgettext("training report", "Downloads"), _key("downloads")),
        ]
        _header(sheet, columns)
        for row in downloads.get(key) or []:
            shown = dict(row)
            if not shown["key"]:
                shown["key"] = pgettext("training report", "(not signed in)")
            _row(sheet, columns, shown)
        sheet.append([])
