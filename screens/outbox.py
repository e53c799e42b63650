"""The outbox and the reminders that are due: what waits to go out, why, and keys to send."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from hourdesk.app.core.timefmt import local
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar

STATE_STYLES = {"queued": "yellow", "sending": "cyan", "unknown": "bold red", "sent": "green"}


class MailTable(Screen):
    """A title, one table of rows keyed by id, the timer bar and the footer."""

    TITLE_TEXT = ""
    COLUMNS: tuple[str, ...] = ()
    DEFAULT_CSS = """
    MailTable Label { padding: 1 1 0 1; text-style: bold; }
    MailTable DataTable { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(self.TITLE_TEXT)
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_data()
        self.set_focus(self.query_one(DataTable), scroll_visible=False)

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_data()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        if not table.columns:
            table.add_columns(*self.COLUMNS)
        table.clear()
        for key, cells in self.rows():
            table.add_row(*cells, key=key)
        self.refresh_bindings()

    def rows(self) -> list[tuple[str, list[Text]]]:
        raise NotImplementedError

    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


class OutboxScreen(MailTable):
    """Every message that has not gone out yet, with the reason; sent ones below them."""

    TITLE_TEXT = "Outbox (s sends what waits; a message in doubt: u resends, k marks it sent)"
    COLUMNS = ("#", "Ticket", "State", "Kind", "To", "Subject", "Why / where", "Queued")
    BINDINGS = [
        Binding("escape", "app.home", "Inbox", id="outbox.inbox"),
        Binding("s", "send", "Send now", id="outbox.send_now"),
        Binding("u", "decide('resend')", "Resend", id="outbox.resend"),
        Binding("k", "decide('mark_sent')", "Mark sent", id="outbox.mark_sent"),
    ]

    def rows(self) -> list[tuple[str, list[Text]]]:
        items = self.app.desk.outbox.items(include_done=True, newest=200)
        items.sort(key=lambda i: (i.state in ("sent", "drafted"), -i.id))
        return [
            (
                str(i.id),
                [
                    Text(str(i.id)),
                    Text(i.ref),
                    Text(i.state, style=STATE_STYLES.get(i.state, "")),
                    Text(i.kind),
                    literal(i.recipient),
                    literal(i.subject),
                    literal(i.detail if i.state in ("sent", "drafted") else i.last_error),
                    Text(local(i.created_at)),
                ],
            )
            for i in items
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "decide" and self.is_mounted:
            key = self.selected()
            return key is not None and self.app.desk.outbox.get(key).state == "unknown"
        return True

    def action_send(self) -> None:
        from hourdesk.screens.mailjobs import send_outbox

        send_outbox(self.app)

    def action_decide(self, how: str) -> None:
        key = self.selected()
        if key is not None and self.app.act(getattr(self.app.desk.outbox, how), key):
            self.notify(f"#{key}: {'queued again' if how == 'resend' else 'recorded as sent'}.")


class RemindersScreen(MailTable):
    """The payment reminders that are due: one key sends (or drafts) them, each step once."""

    TITLE_TEXT = "Reminders due (s sends them all, each step once)"
    COLUMNS = ("Invoice", "Client", "Step", "Days overdue", "Balance")
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="reminders.back"),
        Binding("s", "send", "Send reminders", id="reminders.send_reminders"),
    ]

    def rows(self) -> list[tuple[str, list[Text]]]:
        from hourdesk.app.core.money import format_usd

        locale = self.app.desk.settings.locale
        return [
            (
                due.number,
                [
                    Text(due.number),
                    literal(due.account.invoice.client_name),
                    Text(str(due.step)),
                    Text(f"{due.account.days_overdue} d", style="red"),
                    Text(format_usd(due.account.balance_cents, locale), justify="right"),
                ],
            )
            for due in self.app.desk.mailer.due()
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send" and self.is_mounted:
            return self.query_one(DataTable).row_count > 0
        return True

    def action_send(self) -> None:
        from hourdesk.screens.mailjobs import send_reminders

        send_reminders(self.app)
