"""Bar charts for the summary: PNG images for Word (matplotlib, Agg) and inline SVG for HTML.

Both are readable in print and in grey scale (one dark fill, the figures written at the end of each
bar, no meaning carried by colour), and both come with the same figures in a table for screen readers.
Pure: labels and counts in, bytes or markup out.
"""

from __future__ import annotations

import html
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

BAR_FILL = "#2b2b2b"
TRACK_FILL = "#e6e6e6"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float

    @property
    def figure(self) -> str:
        return f"{self.count} ({self.percent:g}%)"


def describe(title: str, bars: Sequence[Bar]) -> str:
    """The chart in words, for alternative text: "Title: Yes 4 (67%); No 2 (33%)."."""
    return f"{title}: " + "; ".join(f"{bar.label} {bar.figure}" for bar in bars) + "."


def png(bars: Sequence[Bar], *, width_inches: float = 6.0) -> bytes:
    """A horizontal bar chart as a PNG, one bar per option in the given order (top to bottom)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # the object API: no global pyplot state, safe in threads

    labels = ["\n".join(textwrap.wrap(bar.label, 28)[:3]) or "-" for bar in bars]
    height = 0.45 + 0.42 * len(bars) + 0.14 * sum(label.count("\n") for label in labels)
    figure = Figure(figsize=(width_inches, height), dpi=200)
    axes = figure.add_subplot()
    positions = range(len(bars))[::-1]
    largest = max((bar.count for bar in bars), default=0) or 1
    axes.barh(list(positions), [bar.count for bar in bars], color=BAR_FILL, height=0.6)
    for position, bar in zip(positions, bars, strict=True):
        axes.text(bar.count + largest * 0.02, position, bar.figure, va="center", fontsize=9, color="#000000")
    axes.set_yticks(list(positions), labels, fontsize=9)
    axes.set_xlim(0, largest * 1.3)
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    figure.tight_layout(pad=0.3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def svg(bars: Sequence[Bar], *, title: str, chart_id: str) -> str:
    """An inline SVG bar chart with a title and a description that screen readers announce."""
    e = html.escape
    row, label_width, bar_width = 28, 230, 300
    largest = max((bar.count for bar in bars), default=0) or 1
    height = row * len(bars) + 8
    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {label_width + bar_width + 110} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{e(title)}</title><desc id="{chart_id}-desc">{e(describe(title, bars))}</desc>',
    ]
    for index, bar in enumerate(bars):
        y = 4 + index * row
        width = round(bar_width * bar.count / largest, 1)
        label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#1c232b">'
            f"{e(label)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{bar_width}" height="18" fill="{TRACK_FILL}"/>'
            f'<rect x="{label_width}" y="{y + 4}" width="{width}" height="18" fill="{BAR_FILL}"/>'
            f'<text x="{label_width + bar_width + 8}" y="{y + 17}" font-size="13" fill="#1c232b">{e(bar.figure)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def distribution_bars(distribution: dict) -> list[Bar]:
    return [Bar(str(bar["label"]), int(bar["count"]), float(bar["percent"])) for bar in distribution.get("bars", [])]


def theme_bars(themes: list[dict]) -> list[Bar]:
    return [Bar(theme["name"], int(theme["respondents"]), float(theme.get("percent", 0.0))) for theme in themes]
