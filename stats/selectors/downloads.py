"""School resource downloads by school level, topic, role and unit, for the
period and the units in scope (content_pages counts them; the figures of a
unit manager hold only the downloads of people of their units)."""

from typing import Any

from content_pages.selectors import resource_download_counts

from .scope import FiguresScope

DOWNLOAD_TABLES = {
    "by_school_level": ("school_level", "resource__school_levels__name"),
    "by_topic": ("topic", "resource__topics__name"),
    "by_role": ("role", "role"),
    "by_unit": ("unit", "unit__name"),
}


def downloads_figures(scope: FiguresScope) -> dict[str, list[dict[str, Any]]]:
    """Each table as rows of {"key": name, "downloads": n}, largest first."""
    f = scope.filter
    tables = {}
    for table, (grouping, label) in DOWNLOAD_TABLES.items():
        rows = resource_download_counts(
            by=grouping, start=f.start, end=f.last_day, unit_ids=scope.unit_ids
        )
        tables[table] = sorted(
            ({"key": row[label] or "", "downloads": row["downloads"]} for row in rows),
            key=lambda row: (-row["downloads"], row["key"]),
        )
    return tables
