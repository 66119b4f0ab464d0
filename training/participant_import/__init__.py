"""Participant import: a list of existing accounts from Excel, checked in full
(every row, with a message per problem), previewed, then registered in the
class through training.services.participants. No account is created.

`parsing` reads and cleans the file, `services` checks the rows against the
database and registers them, `template` writes the workbook to fill in,
`views` are the admin pages (mounted by training.viewsets).
"""

from .parsing import COLUMNS, IMPORT_PERMISSIONS, participant_import_allowed
from .services import (
    ImportCheck,
    ImportProblem,
    ImportRow,
    participant_import_apply,
    participant_import_check,
)
from .template import participant_import_template

__all__ = [
    "COLUMNS",
    "IMPORT_PERMISSIONS",
    "ImportCheck",
    "ImportProblem",
    "ImportRow",
    "participant_import_allowed",
    "participant_import_apply",
    "participant_import_check",
    "participant_import_template",
]
