"""Every key of the screen below and of the app, with what it does."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Keys: {type(self.below).__name__.removesuffix('Screen')}", id="title")
            yield DataTable(cursor_type="row", show_cursor=False)
            yield Label(
                "Dim keys do not apply right now. ctrl+p opens the command palette.", id="hint"
            )

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action")
        seen = set()
        for active in self.below.active_bindings.values():
            binding = active.binding
            if not binding.description or (binding.action, active.node) in seen:
                continue
            seen.add((binding.action, active.node))
            style = "" if active.enabled else "dim"
            display = binding.key_display or self.app.get_key_display(binding)
            table.add_row(
                Text(display, style=f"bold {style}"), Text(binding.description, style=style)
            )
        table.add_row(Text("ctrl+p", style="bold"), Text("Command palette"))
