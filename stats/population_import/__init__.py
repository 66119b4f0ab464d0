"""Import of the target-population register from Excel: a template to fill in
(unit code, target group, year, number of people), checked in full (every
row's problems shown), previewed, then saved in one transaction, existing rows
of the same unit, group and year updated.

`parsing` holds the columns and messages, `services` reads, checks and saves,
`template` writes the workbook, `views` are the admin pages (mounted by
stats.admin.population).
"""

from .parsing import COLUMNS, IMPORT_PERMISSIONS, population_import_allowed
from .services import (
    ImportCheck,
    ImportProblem,
    ImportRow,
    ImportSaved,
    population_import_apply,
    population_import_check,
)
from .template import population_import_template

__all__ = [
    "COLUMNS",
    "IMPORT_PERMISSIONS",
    "ImportCheck",
    "ImportProblem",
    "ImportRow",
    "ImportSaved",
    "population_import_allowed",
    "population_import_apply",
    "population_import_check",
    "population_import_template",
]
