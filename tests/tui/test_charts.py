"""Topic bars: a topic's title is whole where the terminal has room, cut with … where not."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from lstm_quiz.tui.widgets.charts import TopicBars

LONG = "Recurrent networks in PyTorch and training practice"  # 51 cells
ROWS = [(LONG, 0.25, "3/12 mastered · 5 seen"), ("RNN fundamentals", 0.0, "0/27 mastered · 0 seen")]


class BarsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TopicBars(id="bars")

    def on_mount(self) -> None:
        self.query_one(TopicBars).set_rows(ROWS)


async def shown_lines(width: int) -> list[str]:
    app = BarsApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        return str(app.query_one(TopicBars).render()).splitlines()


@pytest.mark.parametrize("width", [120, 160])
async def test_titles_are_whole_on_a_wide_terminal(width: int) -> None:
    lines = await shown_lines(width)
    assert lines[0].startswith(LONG) and "…" not in lines[0]
    assert lines[0].endswith("3/12 mastered · 5 seen")


async def test_titles_are_cut_with_an_ellipsis_at_80_columns() -> None:
    lines = await shown_lines(80)
    assert "…" in lines[0] and lines[0].endswith("3/12 mastered · 5 seen")
    assert all(len(line) <= 80 for line in lines)
