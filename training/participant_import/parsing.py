"""The participant list's columns, accepted values and messages."""

from django.utils.translation import gettext_lazy as _

from lms.spreadsheets import Column
from people.models import User
from training.access import REGISTER_OTHERS_PERMISSIONS, registers_others

# The rule is training.access's: the same for the import and the staff list.
IMPORT_PERMISSIONS = REGISTER_OTHERS_PERMISSIONS
SHEET_NAME = "Học viên"
MAX_ROWS = 2000

# The headers are part of the file format: Vietnamese in every language.
COLUMNS = (
    Column("number", "STT", width=6),
    Column("full_name", "Họ và tên", required=True, width=28),
    Column("account", "Tên đăng nhập hoặc email", required=True, width=28),
    Column("unit", "Mã đơn vị", required=True, width=14),
    Column("attendance_mode", "Hình thức tham gia", width=18),
    Column("brings_young_child", "Mang con dưới 36 tháng", width=16),
    Column("needs_disability_support", "Cần hỗ trợ khuyết tật", width=16),
    Column("interpreter_language", "Cần phiên dịch tiếng", width=18),
    Column("accommodation_needs", "Ăn ở, đi lại", width=24),
)
HEADERS = {column.key: column.header for column in COLUMNS}
MODE_VALUES = {"trực tiếp": "in_person", "truc tiep": "in_person"} | {
    "trực tuyến": "online",
    "truc tuyen": "online",
}
YES_VALUES = {"có", "co", "x", "1"}
NO_VALUES = {"", "không", "khong", "0"}

FILE_BAD_EXTENSION = _("Only Excel (.xlsx) files can be imported.")
FILE_TOO_LARGE = _("The file is larger than %(max_mb)s MB.")
FILE_UNREADABLE = _("The file cannot be read. Use the template, saved as .xlsx.")
FILE_EMPTY = _("The file has no participants below the header row.")
FILE_MISSING_COLUMNS = _(
    "Row 1 must hold the template's headers; these columns are missing: %(columns)s."
)
FILE_TOO_MANY_ROWS = _("The file has more than %(max_rows)s rows; split it.")
CLASS_CLOSED = _("This class is finished or cancelled: nobody can be registered.")
ROW_REQUIRED = _("This column is required.")
ROW_UNKNOWN_ACCOUNT = _(
    "There is no account with the username or e-mail “%(value)s”. Accounts are "
    "not created here: import them first (People and units › Import accounts)."
)
ROW_AMBIGUOUS_ACCOUNT = _(
    "Several accounts use the e-mail “%(value)s”: write the username instead."
)
ROW_OUT_OF_SCOPE = _("The account “%(value)s” is not in a unit you manage.")
ROW_NAME_MISMATCH = _(
    "The name “%(value)s” does not match the account “%(account)s” (%(name)s)."
)
ROW_UNKNOWN_UNIT = _("There is no administrative unit with the code “%(value)s”.")
ROW_UNIT_MISMATCH = _(
    "The account “%(account)s” belongs to the unit “%(unit)s”, not “%(value)s”."
)
ROW_DUPLICATE = _("The account “%(value)s” already appears on row %(first)s.")
ROW_ALREADY_REGISTERED = _("%(name)s is already registered in this class (%(status)s).")
ROW_BAD_MODE = _("“%(value)s” is not accepted: write Trực tiếp or Trực tuyến.")
ROW_BAD_YES_NO = _("“%(value)s” is not accepted: write Có or Không.")
ROW_TOO_LONG = _("“%(value)s” is longer than %(max)s characters.")
NOTHING_TO_CONFIRM = _("There is nothing to import: upload the file again.")
CHANGED_SINCE_CHECK = _(
    "Some people were registered in this class after the file was checked; "
    "nothing was saved. Upload the file again."
)


def participant_import_allowed(*, user: User) -> bool:
    return registers_others(user)
