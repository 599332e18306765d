"""Horizontal bars drawn as text: one line per value, the label on the left and the exact
number on the right, scaled to the widget's width on every render (so on every resize).

plotext places a horizontal bar's label on the wrong row once a bar gets less than two rows
of height (five funnel steps in an 80×24 terminal), which reads as wrong numbers; text bars
never do. Vertical bars and lines stay with plotext.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

BLOCKS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Bar:
    value: float
    text: str          # the number as shown at the bar's end
    style: str = "cyan"
    under: float | None = None   # a larger whole (the reference) shown as ▒ past the bar
    under_style: str = "bright_black"


@dataclass(frozen=True)
class BarRow:
    label: str
    bars: tuple[Bar, ...]


def _bar(value: float, top: float, width: int) -> str:
    if top <= 0 or value <= 0:
        return ""
    cells = value / top * width
    whole = int(cells)
    part = BLOCKS[int((cells - whole) * 8)] if whole < width else ""
    return ("█" * whole + part.strip()) or "▏"


def _under(drawn: str, under: float | None, top: float, width: int) -> str:
    """The rest of the whole past the drawn bar, as ▒ cells."""
    if not under or top <= 0:
        return ""
    return "▒" * max(round(under / top * width) - cell_len(drawn), 0)


class BarList(Widget):
    """A titled list of labelled horizontal bars, with an optional legend."""

    DEFAULT_CSS = """
    BarList { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bar_title = ""
        self.rows: tuple[BarRow, ...] = ()
        self.legend: tuple[tuple[str, str, str], ...] = ()  # (mark, style, name)

    def show(self, title: str, rows: list[BarRow],
             legend: tuple[tuple[str, str, str], ...] = ()) -> None:
        self.bar_title, self.rows, self.legend = title, tuple(rows), legend
        self.refresh()

    def render(self) -> Text:
        out = Text(self.bar_title, style="bold", justify="center")
        if self.legend:
            out.append("\n")
            for mark, style, name in self.legend:
                out.append(mark * 2, style=style)
                out.append(f" {name}   ")
        if not self.rows:
            return out
        width = max(self.size.width - 2, 20)
        label_width = min(max(cell_len(r.label) for r in self.rows), max(width // 3, 8))
        number_width = max(cell_len(b.text) for r in self.rows for b in r.bars)
        bar_width = max(width - label_width - number_width - 3, 4)
        top = max((max(b.value, b.under or 0) for r in self.rows for b in r.bars), default=0.0)
        for row in self.rows:
            label = row.label
            if cell_len(label) > label_width:
                label = label[: label_width - 1] + "…"
            for i, bar in enumerate(row.bars):
                out.append("\n")
                out.append((label if i == 0 else "").ljust(label_width) + " ")
                drawn = _bar(bar.value, top, bar_width)
                rest = _under(drawn, bar.under, top, bar_width)
                out.append(drawn, style=bar.style)
                out.append(rest, style=bar.under_style)
                gap = bar_width - cell_len(drawn) - cell_len(rest) + 1
                out.append(" " * gap + bar.text.rjust(number_width))
        return out
