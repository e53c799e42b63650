"""The clients list: add and edit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header

from hourdesk.app.core.money import format_usd
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar


class ClientsScreen(Screen):
    CSS_PATH = "clients.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="clients.back"),
        Binding("a", "add", "Add client", id="clients.add_client"),
        Binding("e", "edit", "Edit", id="clients.edit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="clients", cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Name", "Email", "Company", "Rate", "Terms", "Pays by", "")
        self.refresh_data()
        self.set_focus(table, scroll_visible=False)

    def refresh_data(self, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = select if select is not None else self._current()
        table.clear()
        locale = self.app.desk.settings.locale
        for c in self.app.desk.clients.list():
            table.add_row(
                literal(c.name),
                literal(", ".join(c.emails)),
                literal(c.company),
                Text(format_usd(c.rate_cents, locale), justify="right"),
                Text(f"net {c.terms_days}"),
                Text("PayPal" if c.payment_method == "paypal" else "bank"),
                Text("prospect", style="yellow") if c.prospect else Text(""),
                key=str(c.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
        self.refresh_bindings()

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit" and self.is_mounted:
            return self.query_one(DataTable).row_count > 0
        return True

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def _saved(self, client) -> None:
        if client is not None:
            self.refresh_data(select=client.id)
            self.notify(f"Saved {client.name}.")

    def action_add(self) -> None:
        from hourdesk.screens.client_form import ClientForm

        self.app.push_screen(ClientForm(), self._saved)

    def action_edit(self) -> None:
        from hourdesk.screens.client_form import ClientForm

        if (client_id := self._current()) is not None:
            self.app.push_screen(ClientForm(self.app.desk.clients.get(client_id)), self._saved)
