"""Statement credits with their proposed invoices: record a match with one key (r or enter), split a
credit over several invoices, or mark it as not an invoice payment."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.money import format_usd, parse_amount, plain
from hourdesk.app.desk.billing.statements import CERTAIN, LIKELY, Imported, Proposal
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar

STYLES = {CERTAIN: "bold green", LIKELY: "yellow"}


def allocations(text: str) -> list[tuple[str, int]]:
    """``2026-0003=150.00, 2026-0004=60`` (one per line or comma-separated)."""
    found = []
    for item in text.replace("\n", ",").split(","):
        if not item.strip():
            continue
        number, sep, amount = item.partition("=")
        if not sep:
            raise Invalid("split", f"{item.strip()!r} has no amount.", "Type NUMBER=AMOUNT.")
        found.append((number.strip(), parse_amount(amount, "amount", allow_zero=False)))
    if not found:
        raise Invalid("split", "No invoice given.", "Type NUMBER=AMOUNT, one per invoice.")
    return found


class StatementScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="statement.back"),
        Binding("r", "record", "Record match", id="statement.record_match"),
        Binding("x", "split", "Split", id="statement.split"),
        Binding("n", "ignore", "Not an invoice payment", id="statement.not_an_invoice_payment"),
        Binding("u", "import_file", "Import a statement", id="statement.import_a_statement"),
    ]
    DEFAULT_CSS = """
    StatementScreen Label { padding: 1 1 0 1; text-style: bold; }
    StatementScreen DataTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.proposals: dict[str, Proposal] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Statement credits not yet matched (u imports a statement file)")
        yield DataTable(id="credits", cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "Line", "Date", "Amount", "Fee", "From / text", "Match", "Pays", "Why"
        )
        self.refresh_data()
        self.set_focus(self.query_one(DataTable), scroll_visible=False)

    def refresh_data(self) -> None:
        locale = self.app.desk.settings.locale
        table = self.query_one(DataTable)
        table.clear()
        self.proposals = {str(p.credit.id): p for p in self.app.desk.statements.proposals()}
        for key, p in self.proposals.items():
            c = p.credit
            pays = ", ".join(f"{n} {format_usd(cents, locale)}" for n, cents in p.allocations)
            table.add_row(
                Text(key),
                Text(c.posted_on.isoformat()),
                Text(format_usd(c.amount_cents, locale), justify="right"),
                Text(format_usd(c.fee_cents, locale) if c.fee_cents else "", justify="right"),
                literal(c.text[:50]),
                Text(p.confidence, style=STYLES.get(p.confidence, "dim")),
                Text(pays),
                literal(p.why),
                key=key,
            )
        self.refresh_bindings()

    def selected(self) -> Proposal | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.proposals.get(key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted or action in ("import_file", "pop_screen"):
            return True
        chosen = self.selected()
        if action == "record":
            return chosen is not None and bool(chosen.allocations)
        if action in ("split", "ignore"):
            return chosen is not None
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a credit records its proposed match, as r does."""
        event.stop()
        self.action_record()

    def action_record(self) -> None:
        chosen = self.selected()
        if chosen is None or not chosen.allocations:
            return
        done = self.app.act(
            self.app.desk.statements.record,
            chosen.credit.id,
            list(chosen.allocations),
            chosen.why if chosen.confidence == CERTAIN else f"confirmed: {chosen.why}",
        )
        if done is not None:
            self.notify(f"Line {done.id} recorded: {done.note}.")

    def action_split(self) -> None:
        from hourdesk.screens.text_prompt import TextPrompt

        chosen = self.selected()
        if chosen is None:
            return
        offered = "\n".join(f"{n}={plain(cents)}" for n, cents in chosen.allocations)

        def split(text: str | None) -> None:
            if text is None:
                return
            try:
                parts = allocations(text)
            except Invalid as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            if self.app.act(self.app.desk.statements.record, chosen.credit.id, parts, "split"):
                self.notify(f"Line {chosen.credit.id} split over {len(parts)} invoices.")

        self.app.push_screen(
            TextPrompt(
                f"Split {format_usd(chosen.credit.amount_cents)} from line {chosen.credit.id}",
                offered,
                "One invoice per line, as NUMBER=AMOUNT. ctrl+s records, escape cancels.",
            ),
            split,
        )

    def action_ignore(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.app.act(self.app.desk.statements.ignore, chosen.credit.id):
            self.notify(f"Line {chosen.credit.id}: not an invoice payment.")

    def action_import_file(self) -> None:
        from hourdesk.screens.text_prompt import TextPrompt

        def chosen(text: str | None) -> None:
            if text is not None:
                self.read_statement(Path(text.strip()).expanduser())

        self.app.push_screen(
            TextPrompt(
                "Import a statement",
                "",
                "The path of an OFX/QFX file, a bank CSV or a PayPal CSV. ctrl+s imports.",
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, group="statement")
    def read_statement(self, path: Path) -> None:
        """Off the UI thread, on a connection of its own; the outcome goes back as a call."""
        desk = None
        try:
            desk = self.app.desk.separate()
            done = desk.statements.import_file(path)
        except Refused as exc:
            self.app.call_from_thread(self.imported, None, str(exc))
        except Exception as exc:  # reported on screen; the next import starts afresh
            self.app.call_from_thread(self.imported, None, f"Not imported: {exc}")
        else:
            self.app.call_from_thread(self.imported, done, "")
        finally:
            if desk is not None and desk is not self.app.desk:
                desk.close()

    def imported(self, done: Imported | None, error: str) -> None:
        if done is None:
            self.notify(error, severity="error", timeout=10)
            return
        self.app.changed()
        self.notify(f"{done.new} new credits, {done.known} already imported.")
