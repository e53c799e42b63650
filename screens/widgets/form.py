"""A modal form: labelled fields, the reason for a refusal under the field at fault."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Footer, Input, Label, Select, TextArea

from app.errors import Invalid, Refused
from screens.widgets.text import literal


class FormScreen(ModalScreen):
    """Subclasses list ``(name, label, widget)`` in :meth:`fields` and act in :meth:`submit`."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen #dialog {
        width: 90%; max-width: 90; height: 90%;
        border: thick $accent; background: $surface; padding: 0 2;
    }
    FormScreen #form-title { text-style: bold; margin: 1 0; }
    FormScreen .field-label { margin-top: 1; color: $text-muted; }
    FormScreen .field-error { color: $error; height: auto; }
    FormScreen .field-error.-empty { display: none; }
    FormScreen TextArea { height: 5; }
    FormScreen #form-error { color: $error; height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]
    title_text = ""

    def fields(self) -> list[tuple[str, str, Widget]]:
        raise NotImplementedError

    def submit(self, values: dict[str, Any]) -> Any:
        """Act on the values; raise :class:`Invalid` or :class:`Refused` to refuse."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        fields = self.fields()
        self.field_names = [name for name, _, _ in fields]
        with Vertical(id="dialog"):
            yield Label(literal(self.title_text), id="form-title")
            with VerticalScroll():
                for name, label, widget in fields:
                    widget.id = f"field-{name}"
                    yield Label(label, classes="field-label")
                    yield widget
                    yield Label("", id=f"error-{name}", classes="field-error -empty")
                yield Label("", id="form-error")
        yield Footer()

    def values(self) -> dict[str, Any]:
        values = {}
        for name in self.field_names:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, Input | Checkbox):
                values[name] = widget.value
        return values

    def action_save(self) -> None:
        for label in self.query(".field-error"):
            label.update("")
            label.add_class("-empty")
        self.query_one("#form-error", Label).update("")
        try:
            result = self.submit(self.values())
        except Invalid as exc:
            target = self.query(f"#error-{exc.field}")
            if target:
                target.first().update(literal(str(exc), one_line=False))
                target.first().remove_class("-empty")
                self.query_one(f"#field-{exc.field}").focus()
            else:
                self.query_one("#form-error", Label).update(literal(str(exc), one_line=False))
            return
        except Refused as exc:
            self.query_one("#form-error", Label).update(literal(str(exc), one_line=False))
            return
        self.dismiss(result)
