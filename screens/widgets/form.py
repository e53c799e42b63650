"""A modal form: labelled fields, the reason for a refusal under the field at fault."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.screens.widgets.confirm import leave_unless_typed
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal


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
    FormScreen .field-error { color: $error; width: 100%; height: auto; }
    FormScreen .field-error.-empty { display: none; }
    FormScreen TextArea { height: 5; }
    FormScreen #form-error { color: $error; width: 100%; height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    AUTO_FOCUS = ".form-field"
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
                    widget.add_class("form-field")
                    yield Label(label, classes="field-label")
                    yield widget
                    yield Label("", id=f"error-{name}", classes="field-error -empty")
                yield Label("", id="form-error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.initial = self.values()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        event.stop()
        names = self.field_names
        name = (event.input.id or "").removeprefix("field-")
        if name in names and names.index(name) < len(names) - 1:
            self.focus_next(".form-field")
        else:
            self.action_save()

    def on_select_changed(self, event: Select.Changed) -> None:
        """A choice made from the keyboard moves on to the next field, like Enter."""
        if event.select.has_focus and event.select.id in {f"field-{n}" for n in self.field_names}:
            self.focus_next(".form-field")

    def action_cancel(self) -> None:
        leave_unless_typed(self, self.values() != getattr(self, "initial", self.values()))

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
                self.call_after_refresh(target.first().scroll_visible, animate=False)
            else:
                self.show_form_error(str(exc))
            return
        except Refused as exc:
            self.show_form_error(str(exc))
            return
        self.dismiss(result)

    def show_form_error(self, text: str) -> None:
        """A refusal that belongs to no single field, under the form and scrolled into view."""
        label = self.query_one("#form-error", Label)
        label.update(literal(text, one_line=False))
        self.call_after_refresh(label.scroll_visible, animate=False)
