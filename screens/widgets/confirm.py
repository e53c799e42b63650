"""Ask before discarding what was typed: ``y`` discards, ``n`` or escape keeps editing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from hourdesk.screens.widgets.footer import KeysFooter


class ConfirmDiscard(ModalScreen[bool]):
    """Returns True when the typed text may be thrown away."""

    DEFAULT_CSS = """
    ConfirmDiscard { align: center middle; }
    ConfirmDiscard #confirm { width: 60; height: auto; border: thick $warning;
        background: $surface; padding: 1 2; }
    """
    BINDINGS = [
        Binding("y", "dismiss(True)", "Discard", id="confirm_discard.discard"),
        Binding("n", "dismiss(False)", "Keep editing", id="confirm_discard.keep_editing"),
        Binding("escape", "dismiss(False)", "Keep editing", id="confirm_discard.keep_editing_2"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label("Discard what you typed? y discards it, n keeps editing.")
        yield KeysFooter()


def leave_unless_typed(screen: ModalScreen, typed: bool) -> None:
    """Dismiss ``screen`` with None, after a confirmation when something was typed."""
    if not typed:
        screen.dismiss(None)
        return

    def decided(discard: bool | None) -> None:
        if discard:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmDiscard(), decided)
