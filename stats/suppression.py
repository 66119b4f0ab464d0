"""Small groups are never exposed outside the administration (DESIGN.md §4).

In anything published or exported for the public a count between 1 and the
threshold (default 5) is withheld (primary suppression), and so is a second
cell of the same row when a total shown beside them would let the first be
worked out by subtraction (secondary suppression). A withheld cell is None;
templates print it as "–" with an explanation.
"""

from collections.abc import Mapping, Sequence

from django.conf import settings


def small_cell_threshold() -> int:
    return int(getattr(settings, "STATS_SMALL_CELL_THRESHOLD", 5))


def is_small(value: int | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def suppress_row(
    row: Mapping[str, int | None],
    *,
    parts: Sequence[str],
    total: str | None = None,
    threshold: int | None = None,
) -> dict[str, int | None]:
    """`row` with its small cells withheld. `parts` add up to `total` (women
    and men to all people): if one part is withheld and the total is shown,
    the smallest other part is withheld too; a small total withholds all."""
    threshold = small_cell_threshold() if threshold is None else threshold
    safe: dict[str, int | None] = dict(row)
    keys = [*parts, *([total] if total else [])]
    for key in keys:
        if is_small(safe.get(key), threshold):
            safe[key] = None
    if total and safe.get(total) is None:
        for key in parts:
            safe[key] = None
        return safe
    withheld = [key for key in parts if safe.get(key) is None and row.get(key)]
    if total and len(withheld) == 1:
        shown = [key for key in parts if safe.get(key) is not None and row.get(key)]
        if shown:
            smallest = min(shown, key=lambda key: row[key] or 0)
            safe[smallest] = None
        elif all(safe.get(key) is not None for key in parts if key not in withheld):
            # The other parts are all zero: the total would give the cell away.
            safe[total] = None
    return safe
