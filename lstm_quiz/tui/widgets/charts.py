"""Charts drawn with block characters: topic bars, a column chart, figure cards."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from lstm_quiz.session.format import SPARK_LEVELS, display_width, pad
from lstm_quiz.tui.render import bar

_FULL = "█"


class Figure(Static):
    """A number over its label, for the rows of key figures."""

    def __init__(self, value: str, label: str, *, id: str | None = None) -> None:
        super().__init__(classes="figure", id=id)
        self.set_figure(value, label)

    def set_figure(self, value: str, label: str) -> None:
        self.update(Content.assemble((value, "bold $text-accent"), "\n", (label, "$text-muted")))


class TopicBars(Widget):
    """One row per topic: title, a bar filled to a fraction, a detail ("8/20 mastered")."""

    DEFAULT_CSS = """
    TopicBars { height: auto; }
    """

    def __init__(self, *, id: str | None = None, style: str = "$success") -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, float, str]] = []
        self.bar_style = style

    def set_rows(self, rows: Sequence[tuple[str, float, str]]) -> None:
        self.rows = list(rows)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self.rows))

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        if not self.rows:
            return Content("")
        detail_width = max(display_width(detail) for _, _, detail in self.rows)
        # Titles get what a 16-cell bar leaves (30 to 56 cells): whole at 120 columns.
        title_room = max(30, min(56, width - detail_width - 4 - 16))
        title_width = min(title_room, max(display_width(title) for title, _, _ in self.rows))
        bar_width = max(6, width - title_width - detail_width - 4)
        if title_width + bar_width + detail_width + 4 > width:  # narrow: shorten the titles
            title_width = max(8, width - bar_width - detail_width - 4)
        lines = [
            Content.assemble(
                pad(title, title_width),
                "  ",
                bar(fraction, bar_width, self.bar_style),
                "  ",
                (detail, "$text-muted"),
            )
            for title, fraction, detail in self.rows
        ]
        return Content("\n").join(lines)


class ColumnChart(Widget):
    """Vertical bars, one per value, with the value above and a label below each."""

    DEFAULT_CSS = """
    ColumnChart { height: auto; }
    """

    def __init__(self, *, bar_rows: int = 5, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bar_rows = bar_rows
        self.values: list[int] = []
        self.labels: list[str] = []
        self.highlight_first = True

    def set_data(self, values: Sequence[int], labels: Sequence[str]) -> None:
        self.values = list(values)
        self.labels = list(labels)
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return self.bar_rows + 2

    def render(self) -> Content:
        width = self.content_region.width or self.size.width
        count = len(self.values)
        if not count:
            return Content("")
        column = max(3, min(7, width // count))
        top = max(self.values) or 1
        levels = len(SPARK_LEVELS)
        heights = [round(v / top * self.bar_rows * levels) for v in self.values]
        rows: list[Content] = [
            Content.assemble(*[(str(v).center(column), "$text-muted") for v in self.values])
        ]
        for row in range(self.bar_rows - 1, -1, -1):
            cells: list[tuple[str, str]] = []
            for index, height in enumerate(heights):
                fill = height - row * levels
                if fill >= levels:
                    glyph = _FULL
                elif fill > 0:
                    glyph = SPARK_LEVELS[fill - 1]
                elif row == 0:
                    glyph = "▁"
                else:
                    glyph = " "
                style = "$accent" if index == 0 and self.highlight_first else "$primary"
                if row == 0 and fill <= 0:
                    style = "$text-muted"
                block = (glyph * max(1, column - 2)).center(column)
                cells.append((block, style))
            rows.append(Content.assemble(*cells))
        rows.append(
            Content.assemble(
                *[(label.center(column)[:column], "$text-muted") for label in self.labels]
            )
        )
        return Content("\n").join(rows)
