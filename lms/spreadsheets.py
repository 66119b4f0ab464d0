"""Spreadsheets people fill in or open in Excel: template columns, and one rule
against formula injection."""

from dataclasses import dataclass


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
