"""The floor for the TUI's cold start: a bare Textual app showing a 100-row table.

    .venv/bin/python tests/perf/floor_tui.py

``bench.py`` starts it in a pseudo-terminal beside hourdesk, in the same run, and times both to
their first row on screen; ctrl+q quits.
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

FIRST = "FLOOR-0001"


class Floor(App):
    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("ref", "client", "subject", "status", "updated")
        table.add_rows(
            (f"FLOOR-{n:04d}", f"Client {n % 37}", f"Printer offline {n}", "open", "2 h ago")
            for n in range(1, 101)
        )


if __name__ == "__main__":
    Floor().run()
