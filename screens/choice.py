"""Pick one of a few options: a modal list that returns ``(label, value)``."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from hourdesk.screens.widgets.text import literal


class ChoiceScreen(ModalScreen[tuple[str, Any] | None]):
    CSS_PATH = "choice.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="choice.cancel")]

    def __init__(self, title: str, options: list[tuple[str, Any]]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.title_text), id="title")
            yield OptionList(
                *[Option(literal(label), id=str(i)) for i, (label, _) in enumerate(self.options)]
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[int(event.option.id)])
