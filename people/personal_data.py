"""The registry of personal data: what each app holds on a person, to hand it
over (the right to access) and to erase it (the right to erasure).

People is the lowest app and may not name the models of the apps above it, so
each app registers a *section* in its AppConfig.ready(), the way it registers
its scoped models with `people.access`:

    register_personal_data(
        "enrolments", enrolments_export, enrolments_erase, title=_("Enrolments")
    )

- `exporter(user)` returns the section's rows about that person, as dicts of
  plain values (str, int, bool, None, dates, Decimals; lists of them): a
  fixed number of queries whatever the number of rows.
- `eraser(user)` removes or anonymises them (people.personal_data_services
  calls every eraser in one transaction, the apps above first and people's own
  profile last). None: the section keeps its rows, and the README says why.
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.functional import Promise

from lms.spreadsheets import spreadsheet_safe_text

from .models import User

Row = dict[str, Any]
Exporter = Callable[[User], list[Row]]
Eraser = Callable[[User], None]


@dataclass(frozen=True)
class PersonalDataSection:
    """One kind of record an app holds on a person."""

    name: str
    title: str | Promise
    exporter: Exporter
    eraser: Eraser | None


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data(
    name: str,
    exporter: Exporter,
    eraser: Eraser | None = None,
    *,
    title: str | Promise,
) -> None:
    """Declare a section of a person's data; an app calls this from ready().

    `name` is the section's key in the downloaded file (and its CSV's name);
    registering a name again replaces it (a test may do so).
    """
    _sections[name] = PersonalDataSection(
        name=name, title=title, exporter=exporter, eraser=eraser
    )


def personal_data_sections() -> list[PersonalDataSection]:
    """Every section, in the order the apps registered them (people first)."""
    return list(_sections.values())


def personal_data_collect(*, user: User) -> dict[str, Any]:
    """Everything the platform holds on this person, section by section."""
    return {
        "exported_at": timezone.now(),
        "person_id": user.pk,
        "sections": {
            section.name: {
                "title": str(section.title),
                "rows": section.exporter(user),
            }
            for section in personal_data_sections()
        },
    }


def personal_data_archive(*, user: User) -> tuple[bytes, int]:
    """A ZIP of the person's data: data.json (the whole of it) and one CSV per
    section for reading in a spreadsheet; with the number of rows it holds."""
    data = personal_data_collect(user=user)
    buffer = io.BytesIO()
    rows = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for name, section in data["sections"].items():
            rows += len(section["rows"])
            archive.writestr(f"{name}.csv", _csv(section["rows"]))
    return buffer.getvalue(), rows


def _csv(rows: list[Row]) -> str:
    """UTF-8 with a byte-order mark, so a spreadsheet reads the Vietnamese."""
    out = io.StringIO()
    out.write("\ufeff")
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: Any) -> str:
    """A text a spreadsheet shows as typed, never as a formula (a grader's
    comment reaches the person's file)."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return spreadsheet_safe_text(
            json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
        )
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return spreadsheet_safe_text(str(value))
