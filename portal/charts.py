"""Small server-side SVG charts for pages and PDFs. Every chart is shown beside a data table
holding the same figures, so the SVG only needs a title for assistive technology."""

from decimal import Decimal
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# Colours with at least 3:1 contrast against white, told apart also by the marker shape.
PALETTE = ["#1d4f91", "#b3261e", "#00703c", "#6f3c8a", "#8a5a00"]
MARKERS = ["circle", "square", "diamond", "triangle"]
_ids = count(1)

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


def line_chart(
    series: list[tuple[str, list[tuple[object, Number]]]],
    *,
    title: str,
    y_range: tuple[Number, Number] | None = None,
    width: int = 640,
    height: int = 280,
    font_family: str = "Be Vietnam Pro, Arial, sans-serif",
) -> str:
    """An SVG line chart. `series` is [(name, [(x label, value), …]), …]; x labels are shared,
    sortable categories (years, quarters)."""
    labels = sorted({label for _name, points in series for label, _value in points})
    values = [float(v) for _name, points in series for _label, v in points]
    low, high = (float(y_range[0]), float(y_range[1])) if y_range else (0.0, max(values or [1]))
    if high <= low:
        high = low + 1
    left, right, top, bottom = 48, 16, 16, 56
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(label) -> float:
        if len(labels) == 1:
            return left + plot_w / 2
        return left + plot_w * labels.index(label) / (len(labels) - 1)

    def y_of(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    chart_id = f"chart-{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" class="app-chart__svg" '
        f'font-family="{font_family}" font-size="15">',
        format_html('<title id="{}-title">{}</title>', chart_id, title),
    ]
    for step in range(5):
        value = low + (high - low) * step / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6"/>'
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="#0b0c0c">{}</text>',
                left - 6,
                f"{y + 4:.1f}",
                number_format(value, 1),
            )
        )
    for label in labels:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="#0b0c0c">{}</text>',
                f"{x_of(label):.1f}",
                height - bottom + 18,
                label,
            )
        )
    for index, (name, points) in enumerate(series):
        colour, shape = PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)]
        coords = [(x_of(label), y_of(float(value))) for label, value in points]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
            )
        parts.extend(_marker(shape, x, y, colour) for x, y in coords)
        legend_x = left + index * 200
        parts.append(_marker(shape, legend_x + 4, height - 14, colour))
        parts.append(
            format_html(
                '<text x="{}" y="{}" fill="#0b0c0c">{}</text>', legend_x + 14, height - 10, name
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308  (every text part is escaped)
