"""The steady table draws every cell exactly as Textual's own ``DataTable`` does: styled,
marked-up, wide-character, empty and overlong cells, in fixed and measured columns, under
the cursor, the hover and the zebra stripes, after an update in place, and after rows were
added to a table whose columns all have fixed widths (which it does not measure)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from hourdesk.screens.widgets.table import SteadyTable

ROWS = [
    [Text("T-0001", style="bold"), Text("$! ", style="bold red") + Text("Acme"), "plain"],
    [Text(""), Text("⚠ Printer ⏱ 日本語"), "[b]markup[/b] and [red]red[/red]"],
    [Text("●", style="bold green"), Text("far too long for its column, cut", style="dim"), 42],
    [Text("a\tb"), Text("two\nlines"), Text("right", justify="right")],
    [Text("x", style="yellow on blue"), Text.assemble(("a", "red"), "b", ("c", "u")), None],
    [Text("", style="red"), Text("not a style", style="no such style"), Text("é", style="i")],
]


class One(App):
    def __init__(self, kind: type[DataTable], measured: bool) -> None:
        super().__init__()
        self.kind, self.measured = kind, measured

    def compose(self) -> ComposeResult:
        yield self.kind(cursor_type="row", zebra_stripes=True)


def fill(table: DataTable, measured: bool) -> None:
    table.add_column("Ref", key="ref", width=8)
    table.add_column("Subject", key="subject", width=14)
    # as wide as its widest cell, or fixed
    table.add_column("Measured", key="other", width=None if measured else 9)
    for n, row in enumerate(ROWS):
        table.add_row(*row, key=str(n))
    if measured:
        table.add_row("tall", "row", "x", key="tall", height=2)


def lines(table: DataTable) -> list:
    return [table.render_line(y) for y in range(table.size.height)]


async def drawn(kind: type[DataTable], measured: bool) -> list[list]:
    """The table's lines when filled, then after the cursor, hover and a cell moved on, and
    after more rows came; with its size."""
    app = One(kind, measured)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(kind)
        fill(table, measured)
        await pilot.pause()
        first = lines(table)
        table.move_cursor(row=2, animate=False)
        table.hover_coordinate = table.cursor_coordinate._replace(row=1)
        table.update_cell("1", "subject", Text("changed", style="italic"))
        await pilot.pause()
        second = lines(table)
        for n in range(20):
            table.add_row(f"R{n}", Text(f"more {n}", style="bold"), "y", key=f"more {n}")
        await pilot.pause()
        table.scroll_end(animate=False)
        await pilot.pause()
        return [first, second, lines(table), table.virtual_size, table.max_scroll_y]


@pytest.mark.parametrize("measured", [True, False])
async def test_cells_are_drawn_as_the_data_table_draws_them(measured: bool) -> None:
    ours, theirs = await drawn(SteadyTable, measured), await drawn(DataTable, measured)
    assert ours == theirs
    assert any("changed" in strip.text for strip in ours[1])
    assert any("more 19" in strip.text for strip in ours[2])
