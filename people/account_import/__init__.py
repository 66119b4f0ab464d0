"""Account import: read a spreadsheet of people, check every row, then apply it.

One module per concern: `parsing` (pure reading and cleaning of the file, the
columns and the messages), `template` (the .xlsx template), `checking` (the
rows against the database), `selectors` (reads) and `services` (writes). The
names other modules use are importable from here.
"""

from .parsing import (
    ACCOUNTS_SHEET,
    ALLOWED_EXTENSIONS,
    COLUMNS,
    IMPORT_PERMISSION,
    MESSAGES,
    AccountRow,
    ImportFileError,
    RawTable,
    cell_text,
    clean_row,
    find_duplicates,
    import_error,
    import_error_message,
    read_table,
    sort_errors,
    upload_problem,
)
from .selectors import account_import_progress, account_imports_visible_to
from .services import (
    account_import_apply,
    account_import_confirm,
    account_import_start,
    account_import_validate,
)
from .template import account_import_template, account_import_template_bytes

__all__ = [
    "ACCOUNTS_SHEET",
    "ALLOWED_EXTENSIONS",
    "COLUMNS",
    "IMPORT_PERMISSION",
    "MESSAGES",
    "AccountRow",
    "ImportFileError",
    "RawTable",
    "account_import_apply",
    "account_import_confirm",
    "account_import_progress",
    "account_import_start",
    "account_import_template",
    "account_import_template_bytes",
    "account_import_validate",
    "account_imports_visible_to",
    "cell_text",
    "clean_row",
    "find_duplicates",
    "import_error",
    "import_error_message",
    "read_table",
    "sort_errors",
    "upload_problem",
]
