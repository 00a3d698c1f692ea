"""Small server-side SVG charts for pages and PDFs. Every chart is shown beside a data table
holding the same figures, so the SVG only needs a title for assistive technology."""

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Colours with at least 3:1 contrast against white, told apart also by the marker shape.
PALETTE = ["#1d4f91", "#b3261e", "#00703c", "#6f3c8a", "#8a5a00"]
MARKERS = ["circle", "square", "diamond", "triangle"]
_ids = count(1)
# Average advance of a character, in em, to keep the first and last x labels inside the chart.
CHARACTER_WIDTH = 0.6

Number = int | float | Decimal


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def year_axis(*years: int) -> list[int]:
    """Every year from the first to the last given: a time scale on which a year without data
    is an empty place, not a shorter distance."""
    present = [year for year in years if year is not None]
    return list(range(min(present), max(present) + 1)) if present else []


def line_chart(
    series: list[tuple[str, list[tuple[object, Number]]]],
    *,
    title: str,
    axis: Sequence | None = None,
    label: Callable[[object], str] = str,
    y_range: tuple[Number, Number] | None = None,
    width: int = 640,
    height: int = 280,
    font_size: int = 15,
    font_family: str = "Be Vietnam Pro, Arial, sans-serif",
) -> str:
    """An SVG line chart. `series` is [(name, [(x, value), …]), …] where x is any ordered value
    (a year, a Quarter). The x axis is `axis` (every place in time order, e.g. `year_axis`) or
    else the sorted x values; `label(x)` is what the axis shows. A line is broken where an axis
    place has no value, so a missing year shows as a gap."""
    axis = list(axis) if axis is not None else sorted({x for _name, pts in series for x, _v in pts})
    labels = [label(x) for x in axis]
    values = [float(v) for _name, points in series for _x, v in points]
    low, high = (float(y_range[0]), float(y_range[1])) if y_range else (0.0, max(values or [1]))
    if high <= low:
        high = low + 1
    # Room for half of the first and last labels, which are centred on their ticks.
    half_label = [
        len(text) * font_size * CHARACTER_WIDTH / 2 + 4 for text in labels[:1] + labels[-1:]
    ]
    left = max(48, half_label[0]) if labels else 48
    right = max(16, half_label[-1]) if labels else 16
    line = font_size + 6  # the x labels, then one legend entry per line below them
    top, bottom = 16, line * (1 + len(series)) + 8
    plot_w, plot_h = width - left - right, height - top - bottom
    position = {x: index for index, x in enumerate(axis)}

    def x_of(x) -> float:
        if len(axis) == 1:
            return left + plot_w / 2
        return left + plot_w * position[x] / (len(axis) - 1)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    chart_id = f"chart-{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" class="app-chart__svg" '
        f'font-family="{font_family}" font-size="{font_size}">',
        format_html('<title id="{}-title">{}</title>', chart_id, title),
    ]
    # Round gridlines where the range allows it: 1, 4, 7, 10 rather than 1, 3.25, 5.5 …
    steps = 3 if (high - low) % 3 == 0 and (high - low) % 4 else 4
    whole = all(((high - low) * step / steps).is_integer() for step in range(steps + 1))
    for step in range(steps + 1):
        value = low + (high - low) * step / steps
        y = y_of(value)
        parts.append(
            f'<line x1="{left:.1f}" x2="{width - right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#b1b4b6"/>'
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>',
                f"{left - 6:.1f}",
                f"{y + 4:.1f}",
                number_format(value, 0 if whole and low.is_integer() else 1),
            )
        )
    for x, text in zip(axis, labels, strict=True):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="#0b0c0c" class="app-chart__x">'
                "{}</text>",
                f"{x_of(x):.1f}",
                height - bottom + font_size + 4,
                text,
            )
        )
    for index, (name, points) in enumerate(series):
        colour, shape = PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]
        by_place = {position[x]: float(value) for x, value in points if x in position}
        run = []
        for place in range(len(axis) + 1):  # one polyline per run of consecutive places
            if place in by_place:
                run.append((x_of(axis[place]), y_of(by_place[place])))
                continue
            if len(run) > 1:
                path = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(
                    f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                )
            run = []
        parts.extend(
            _marker(shape, x_of(axis[place]), y_of(value), colour)
            for place, value in sorted(by_place.items())
        )
        legend_y = height - 8 - line * (len(series) - 1 - index)
        parts.append(_marker(shape, 12, legend_y - font_size / 3, colour))
        parts.append(
            format_html('<text x="{}" y="{}" fill="#0b0c0c">{}</text>', 24, legend_y, name)
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308  (every text part is escaped)
