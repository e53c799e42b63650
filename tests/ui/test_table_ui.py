"""The steady table draws every cell exactly as Textual's own ``DataTable`` does: styled,
marked-up, wide-character, empty and overlong cells, in fixed and measured columns, under
the cursor, the hover and the zebra stripes, and after an update in place."""

from __future__ import annotations

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
]


class One(App):
    def __init__(self, kind: type[DataTable]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield self.kind(cursor_type="row", zebra_stripes=True)


def fill(table: DataTable) -> None:
    table.add_column("Ref", key="ref", width=8)
    table.add_column("Subject", key="subject", width=14)
    table.add_column("Measured", key="other")  # as wide as its widest cell
    for n, row in enumerate(ROWS):
        table.add_row(*row, key=str(n))
    table.add_row("tall", "row", "x", key="tall", height=2)


def lines(table: DataTable) -> list:
    return [table.render_line(y) for y in range(table.size.height)]


async def drawn(kind: type[DataTable]) -> list[list]:
    """The table's lines when filled, then after the cursor, hover and a cell moved on."""
    app = One(kind)
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(kind)
        fill(table)
        await pilot.pause()
        first = lines(table)
        table.move_cursor(row=2, animate=False)
        table.hover_coordinate = table.cursor_coordinate._replace(row=1)
        table.update_cell("1", "subject", Text("changed", style="italic"))
        await pilot.pause()
        return [first, lines(table)]


async def test_cells_are_drawn_as_the_data_table_draws_them() -> None:
    ours, theirs = await drawn(SteadyTable), await drawn(DataTable)
    assert ours == theirs
    assert any("changed" in strip.text for strip in ours[1])
