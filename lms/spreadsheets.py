"""Spreadsheets people fill in or open in Excel: template columns, and one rule
against formula injection."""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Column:
    """A column of an import template: the field it fills and its header there."""

    key: str
    header: str
    required: bool = False
    width: int = 16


# A spreadsheet program reads a cell starting with one of these as a formula
# (OWASP "CSV injection"); names, units and answers are typed by people.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def spreadsheet_safe_text(value):
    """Text that a spreadsheet shows as typed: a leading ' where it would
    otherwise start a formula."""
    if is_formula_like(value):
        return "'" + value
    return value


class _SheetExportView(Protocol):
    """What `TitledSheetExportMixin` uses of the view it is mixed into: Wagtail's
    `SpreadsheetExportMixin` (untyped) and the mixin itself."""

    sheet_title: "StrOrPromise | None"
    list_export: Sequence[str]

    def get_sheet_title(self) -> str: ...

    def get_page_title(self) -> "StrOrPromise": ...

    def get_heading(self, queryset: Any, field: str) -> str: ...

    def to_row_dict(self, item: Any) -> dict[str, Any]: ...

    def generate_xlsx_row(
        self, worksheet: Any, row_dict: dict[str, Any], date_format: str | None = None
    ) -> Iterator[Any]: ...


class TitledSheetExportMixin:
    """For a Wagtail index view with spreadsheet export: the sheet is named
    `sheet_title` instead of Wagtail's hard-coded "Sheet1", which Excel shows
    as a tab in an otherwise Vietnamese workbook.

    Put it before the Wagtail view in the bases; the rows are Wagtail's own
    (`get_heading`, `generate_xlsx_row`), so the views' overrides still apply.
    """

    sheet_title: "StrOrPromise | None" = None

    def get_sheet_title(self: _SheetExportView) -> str:
        return str(self.sheet_title or self.get_page_title())[:31]  # Excel's limit

    def write_xlsx(
        self: _SheetExportView, queryset: Iterable[Any], output: IO[bytes]
    ) -> None:
        from openpyxl import Workbook
        from wagtail.admin.views.mixins import ExcelDateFormatter

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.get_sheet_title())
        worksheet.append(
            self.get_heading(queryset, field) for field in self.list_export
        )
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(
                    worksheet, self.to_row_dict(item), date_format=date_format
                )
            )
        workbook.save(output)


REQUIRED_HEADER_FILL = "FDE9D9"


def template_header_write(
    sheet, columns: Sequence[Column], *, width: Callable[[Column], int] | None = None
) -> dict[str, str]:
    """Write an import template's header row: bold, required columns shaded,
    widths set and the row frozen. Returns each column key's letter, for the
    template's own validations and formats."""
    from openpyxl.styles import Font, PatternFill

    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor=REQUIRED_HEADER_FILL)
    letters = {}
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = width(column) if width else column.width
        letters[column.key] = letter
    sheet.freeze_panes = "A2"
    return letters
