"""Stop the running timer, with an optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class StopPrompt(ModalScreen[str | None]):
    """Enter stops (the note may be empty); escape keeps the timer running."""

    DEFAULT_CSS = """
    StopPrompt { align: center middle; }
    StopPrompt #dialog { width: 70; height: auto; border: thick $accent;
                         background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Keep running")]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(f"Stop the timer on {self.ref}. Note (optional), then enter:")
            yield Input(placeholder="What was done", id="note")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
