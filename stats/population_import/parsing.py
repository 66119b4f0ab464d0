"""The register file's columns, accepted values and messages."""

from django.utils.translation import gettext_lazy as _

from lms.spreadsheets import Column
from people.models import User

# Importing adds rows and updates existing ones: both permissions are needed.
IMPORT_PERMISSIONS = ("stats.add_targetpopulation", "stats.change_targetpopulation")
SHEET_NAME = "Số đối tượng"
UNITS_SHEET = "Đơn vị"
GROUPS_SHEET = "Nhóm đối tượng"
GUIDE_SHEET = "Hướng dẫn"
MAX_ROWS = 5000
FIRST_YEAR = 2000
LAST_YEAR = 2100
PREVIEW_ROWS = 200

# The headers are part of the file format: Vietnamese in every language.
COLUMNS = (
    Column("unit", "Mã đơn vị", required=True, width=14),
    Column("target_group", "Nhóm đối tượng", required=True, width=44),
    Column("year", "Năm", required=True, width=8),
    Column("size", "Số người", required=True, width=10),
)
HEADERS = {column.key: column.header for column in COLUMNS}

FILE_BAD_EXTENSION = _("Only Excel (.xlsx) files can be imported.")
FILE_TOO_LARGE = _("The file is larger than %(max_mb)s MB.")
FILE_UNREADABLE = _("The file cannot be read. Use the template, saved as .xlsx.")
FILE_EMPTY = _("The file has no rows below the header row.")
FILE_MISSING_COLUMNS = _(
    "Row 1 must hold the template's headers; these columns are missing: %(columns)s."
)
FILE_TOO_MANY_ROWS = _("The file has more than %(max_rows)s rows; split it.")
ROW_REQUIRED = _("This column is required.")
ROW_UNKNOWN_UNIT = _("There is no administrative unit with the code “%(value)s”.")
ROW_UNIT_OUT_OF_SCOPE = _(
    "The unit “%(value)s” (%(name)s) is not one of the units you manage."
)
ROW_UNKNOWN_GROUP = _(
    "There is no target group “%(value)s”: write its code or its name as in the "
    "“Nhóm đối tượng” sheet."
)
ROW_BAD_YEAR = _("“%(value)s” is not a year from %(first)s to %(last)s.")
ROW_BAD_SIZE = _("“%(value)s” is not a number of people (a whole number, 0 or more).")
ROW_DUPLICATE = _(
    "The unit, target group and year of this row already appear on row %(first)s."
)
NOTHING_TO_CONFIRM = _("There is nothing to import: upload the file again.")
CHANGED_SINCE_CHECK = _(
    "Some units or target groups changed after the file was checked; nothing was "
    "saved. Upload the file again."
)
NOT_ALLOWED = _("You may not change the target-population register.")


def population_import_allowed(*, user: User) -> bool:
    return user.is_active and all(user.has_perm(p) for p in IMPORT_PERMISSIONS)
