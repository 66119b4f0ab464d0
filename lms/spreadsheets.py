"""Writing spreadsheets that people open in Excel: one rule against formula injection."""

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
