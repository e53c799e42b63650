"""Stop the running timer, with an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.text import typed
from hourdesk.screens.widgets.text import literal


class StopPrompt(ModalScreen[str | None]):
    """Enter stops (the note may be empty); escape keeps the timer running."""

    DEFAULT_CSS = """
    StopPrompt { align: center middle; }
    StopPrompt #dialog { width: 70; height: auto; border: thick $accent;
                         background: $surface; padding: 1 2; }
    StopPrompt #error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Keep running", id="stop_prompt.keep_running")]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Stop the timer on {self.ref}. Note (optional), then enter:")
            yield Input(placeholder="What was done", id="note")
            yield Label("", id="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            typed(event.value, "note")
        except Refused as exc:
            self.query_one("#error", Label).update(literal(str(exc), one_line=False))
            return
        self.dismiss(event.value)
