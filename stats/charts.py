"""Charts drawn on the server as inline SVG: no chart library, no CDN, nothing
to download on a weak connection in a mountain commune.

Pure functions on plain values. Each chart is an image with a title
(role="img", aria-labelledby) and points at the table that carries its numbers
(aria-describedby): the table sits beside it on the page and is what a screen
reader reads. Colours are told apart by a legend, and women and men differ in
lightness as well as hue, so the bars still read in grey.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

WOMEN_COLOUR = "#a3195b"
MEN_COLOUR = "#7fb3e6"
OTHER_COLOUR = "#8a8a8a"
TOTAL_COLOUR = "#333333"
TEXT_COLOUR = "#1d1d1d"
GRID_COLOUR = "#d9d9d9"

WIDTH = 400
# Longer labels are cut (the whole name is in the table and the bar's tooltip).
LABEL_CHARACTERS = 52
# An average glyph of the 13-unit font, to leave room for the numbers.
CHARACTER_WIDTH = 7
FONT_SIZE = 13
LEGEND_HEIGHT = 28


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: a label and its counts by sex."""

    label: str
    women: int
    men: int
    other: int = 0  # sex not recorded
    indent: int = 0  # depth below the table's top row (a unit tree)

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


@dataclass(frozen=True)
class Point:
    """One month of a trend: its first day and its counts by sex."""

    month: dt.date
    women: int
    men: int
    total: int


Formatter = Callable[[int], str]


def _number(value: int) -> str:
    return str(value)


def _svg(
    body: list[str], *, height: int, title: str, chart_id: str, table_id: str
) -> SafeString:
    return format_html(
        '<svg class="stats-chart" id="{chart_id}" viewBox="0 0 {width} {height}" '
        'width="100%" role="img" aria-labelledby="{chart_id}-title" '
        'aria-describedby="{table_id}" font-size="{font}" '
        'font-family="inherit" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{chart_id}-title">{title}</title>{body}</svg>',
        chart_id=chart_id,
        table_id=table_id,
        width=WIDTH,
        height=height,
        font=FONT_SIZE,
        title=title,
        body=mark_safe("".join(body)),  # noqa: S308 (each part escaped below)
    )


def _legend(entries: Sequence[tuple[str, str]], *, dashed: str = "") -> list[str]:
    parts: list[str] = []
    x = 0
    for label, colour in entries:
        if colour == dashed:
            mark = format_html(
                '<line x1="{}" y1="9" x2="{}" y2="9" stroke="{}" stroke-width="2" '
                'stroke-dasharray="4 3"/>',
                x,
                x + 14,
                colour,
            )
        else:
            mark = format_html(
                '<rect x="{}" y="2" width="14" height="14" fill="{}"/>', x, colour
            )
        parts.append(mark)
        parts.append(
            format_html(
                '<text x="{}" y="14" fill="{}">{}</text>', x + 20, TEXT_COLOUR, label
            )
        )
        x += 36 + len(label) * 8
    return parts


def sex_bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    chart_id: str,
    table_id: str,
    number: Formatter = _number,
) -> SafeString:
    """Horizontal bars, one a row, each split into women, men and not recorded;
    the label above the bar (long Vietnamese unit names fit on a phone)."""
    row_height = 40
    top = LEGEND_HEIGHT + 6
    height = top + row_height * max(len(bars), 1)
    largest = max((bar.total for bar in bars), default=0) or 1
    legend = [(gettext("Women"), WOMEN_COLOUR), (gettext("Men"), MEN_COLOUR)]
    if any(bar.other for bar in bars):
        legend.append((gettext("Sex not recorded"), OTHER_COLOUR))
    body = _legend(legend)
    values = [
        f"{number(bar.total)} ({gettext('Women')} {number(bar.women)}"
        f" · {gettext('Men')} {number(bar.men)})"
        for bar in bars
    ]
    value_room = 8 + CHARACTER_WIDTH * max((len(v) for v in values), default=0)
    scale = (WIDTH - value_room) / largest
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        y = top + index * row_height
        indent = min(bar.indent, 6) * 12
        label = bar.label
        if len(label) > LABEL_CHARACTERS - bar.indent * 2:
            label = label[: LABEL_CHARACTERS - bar.indent * 2 - 1] + "…"
        body.append(format_html("<g><title>{}: {}</title>", bar.label, value))
        body.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>',
                indent,
                y + 13,
                TEXT_COLOUR,
                label,
            )
        )
        x = 0.0
        for count, colour in (
            (bar.women, WOMEN_COLOUR),
            (bar.men, MEN_COLOUR),
            (bar.other, OTHER_COLOUR),
        ):
            if not count:
                continue
            width = count * scale
            body.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="16" fill="{}"/>',
                    f"{x:.1f}",
                    y + 18,
                    f"{width:.1f}",
                    colour,
                )
            )
            x += width
        body.append(
            format_html(
                '<text x="{}" y="{}" fill="{}">{}</text>',
                f"{x + 6:.1f}",
                y + 31,
                TEXT_COLOUR,
                value,
            )
        )
        body.append("</g>")
    if not bars:
        body.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{}</text>',
                top + 16,
                TEXT_COLOUR,
                gettext("Nothing to show."),
            )
        )
    return _svg(body, height=height, title=title, chart_id=chart_id, table_id=table_id)


def _nice_ceiling(value: int) -> int:
    """1, 2, 4, 6, 8, 10, 20, 40 ...: an axis top at or above `value` whose
    half is a whole number (the middle grid line)."""
    if value <= 2:
        return max(value, 1)
    step = 1
    while True:
        for factor in (2, 4, 6, 8, 10):
            if step * factor >= value:
                return step * factor
        step *= 10


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from start's to end's."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def trend_line_chart(
    points: Sequence[Point],
    *,
    title: str,
    chart_id: str,
    table_id: str,
    number: Formatter = _number,
) -> SafeString:
    """Lines for women, men and everyone, month by month (every month of the
    period is a point, so a month without a class is a zero, not a gap)."""
    left, right, top, bottom = 40, 12, LEGEND_HEIGHT + 12, 28
    height = 240
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ceiling = _nice_ceiling(max((p.total for p in points), default=0) or 1)
    body = _legend(
        [
            (gettext("Women"), WOMEN_COLOUR),
            (gettext("Men"), MEN_COLOUR),
            (gettext("Total"), TOTAL_COLOUR),
        ],
        dashed=TOTAL_COLOUR,
    )
    for tick in (0, ceiling // 2 if ceiling > 1 else None, ceiling):
        if tick is None:
            continue
        y = top + plot_h - tick * plot_h / ceiling
        body.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                left,
                f"{y:.1f}",
                WIDTH - right,
                f"{y:.1f}",
                GRID_COLOUR,
                left - 6,
                f"{y + 4:.1f}",
                TEXT_COLOUR,
                number(tick),
            )
        )
    count = len(points)

    def x_of(index: int) -> float:
        return left + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y_of(value: int) -> float:
        return top + plot_h - value * plot_h / ceiling

    for attribute, colour, dash in (
        ("total", TOTAL_COLOUR, "4 3"),
        ("women", WOMEN_COLOUR, ""),
        ("men", MEN_COLOUR, ""),
    ):
        coordinates = " ".join(
            f"{x_of(i):.1f},{y_of(getattr(p, attribute)):.1f}"
            for i, p in enumerate(points)
        )
        if count > 1:
            body.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" '
                    'stroke-dasharray="{}"/>',
                    coordinates,
                    colour,
                    dash or "none",
                )
            )
        if count <= 36:  # dots while they stay apart
            for i, p in enumerate(points):
                body.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="3" fill="{}"/>',
                        f"{x_of(i):.1f}",
                        f"{y_of(getattr(p, attribute)):.1f}",
                        colour,
                    )
                )
    # About six month labels, whatever the period's length.
    every = max(1, -(-count // 6))
    for i, p in enumerate(points):
        if i % every:
            continue
        body.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>',
                f"{x_of(i):.1f}",
                height - 8,
                TEXT_COLOUR,
                f"{p.month:%m/%Y}",
            )
        )
    return _svg(body, height=height, title=title, chart_id=chart_id, table_id=table_id)
