"""Write a longer text (a note, a client's message, a summary): ctrl+s saves, escape cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from hourdesk.app.core.errors import Refused
from hourdesk.screens.widgets.confirm import leave_unless_typed
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal


class TextPrompt(ModalScreen[str | None]):
    CSS_PATH = "text_prompt.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="text_prompt.save"),
        Binding("escape", "cancel", "Cancel", id="text_prompt.cancel"),
    ]

    def __init__(
        self,
        title: str,
        text: str = "",
        help_text: str = "",
        check: Callable[[str], object] | None = None,
    ) -> None:
        """``check`` refuses a text by raising :class:`Refused`; the reason shows under it."""
        super().__init__()
        self.title_text, self.text, self.help_text = title, text, help_text
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(literal(self.title_text), id="title")
            if self.help_text:
                yield Label(literal(self.help_text, one_line=False), id="help")
            yield TextArea(self.text, id="text", soft_wrap=True)
            yield Label("", id="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(TextArea), scroll_visible=False)

    def action_cancel(self) -> None:
        leave_unless_typed(self, self.query_one(TextArea).text.strip() != self.text.strip())

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        if not text.strip():
            self.query_one("#error", Label).update("Nothing written yet (escape cancels).")
            return
        if self.check is not None:
            try:
                self.check(text)
            except Refused as exc:
                self.query_one("#error", Label).update(literal(str(exc), one_line=False))
                return
        self.dismiss(text)
