"""This app's keys for the screen below, grouped, and what the markers on screen mean."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

MARKERS = [
    ("$!", "the client has an overdue invoice: new work waits for payment (P, then $)"),
    ("⚠", "credentials were removed from the ticket: ask the client for secure access (g)"),
    ("⏱", "the timer bar: the running ticket, elapsed time, category, share of the estimate"),
]


def _own_actions(cls: type) -> set[str]:
    """The actions that hourdesk's own classes bind (not those Textual's widgets bring)."""
    actions = set()
    for klass in cls.__mro__:
        if klass.__module__.startswith(("hourdesk.app.", "hourdesk.screens.")):
            for binding in vars(klass).get("BINDINGS", ()):
                actions.add(binding.action if isinstance(binding, Binding) else binding[1])
    return actions


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss(None)", "Close", id="help.close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Keys: {type(self.below).__name__.removesuffix('Screen')}", id="title")
            yield DataTable(cursor_type="row", show_cursor=False)
            yield Label("Dim keys do not apply right now.", id="hint")

    def groups(self) -> dict[str, list[tuple[str, str, bool, str]]]:
        """``(key, description, enabled, id)`` of hourdesk's own bindings: this screen's, then
        the app's. Keys that Textual's widgets bring along (cursor, copy) are left out."""
        groups: dict[str, list[tuple[str, str, bool, str]]] = {"This screen": [], "Everywhere": []}
        seen = set()
        for active in self.below.active_bindings.values():
            binding, node = active.binding, active.node
            if not binding.description or binding.action not in _own_actions(type(node)):
                continue
            group = "Everywhere" if node is self.app else "This screen"
            if (binding.action, node) in seen:
                continue
            seen.add((binding.action, node))
            display = binding.key_display or self.app.get_key_display(binding)
            groups[group].append((display, binding.description, active.enabled, binding.id or ""))
        groups["Everywhere"].append(("ctrl+p", "Command palette: every action by name", True, ""))
        return groups

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", Text("Id ([keys] in the settings)"))
        for group, rows in self.groups().items():
            if not rows:
                continue
            table.add_row(Text(group, style="bold underline"), "", "")
            for key, description, enabled, ident in rows:
                style = "" if enabled else "dim"
                table.add_row(
                    Text(key, style=f"bold {style}"),
                    Text(description, style=style),
                    Text(ident, style="dim"),
                )
        table.add_row(Text("Markers", style="bold underline"), "", "")
        for marker, meaning in MARKERS:
            table.add_row(Text(marker, style="bold"), Text(meaning), "")
