"""Every TEXT column of the live schema, and every path that writes free text into it.

A credential goes through each path (the desk, the CLI and the TUI's forms). Text from the
client or the outside is stored redacted and the ticket flagged; text the consultant typed is
refused with the reason and the way to access grants. Then every cell of every table (the
search indexes too) is read for the secret. A TEXT column with no free-text path is listed
as such, so a new column added without a decision fails here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.screens.estimate import EstimateScreen
from hourdesk.screens.grants import GrantForm
from hourdesk.screens.payment_form import PaymentForm
from hourdesk.storage.vault import MemoryVault
from tests.builders import approve_back_then, ready_settings, resolved_work
from tests.mailfixtures import message
from tests.mailserver import Sink, running_sink

SECRET = "Tr0ub4dor&3x"
CREDENTIAL = f"admin password: {SECRET}"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Columns that hold no free text: what fills them, and why no credential can get there.
NOT_FREE_TEXT = {
    "block_events.detail": "written by the desk from amounts, refs and subjects already guarded",
    "block_events.kind": "a word from a CHECK list",
    "blocks.expires_on": "an ISO date",
    "blocks.rollover": "a word from a CHECK list",
    "clients.payment_method": "bank or paypal (CHECK)",
    "client_emails.email": "a checked email address",
    "tickets.channel": "a word from a CHECK list",
    "tickets.priority": "a word from a CHECK list",
    "tickets.status": "a word from a CHECK list",
    "tickets.hold_reason": "a word from a CHECK list",
    "entries.kind": "a word the desk chooses",
    "entries.author": "a word from a CHECK list",
    "entries.message_id": "a Message-ID header, only ever matched",
    "decisions.outcome": "a word from a CHECK list",
    "time_entries.category": "a word from a CHECK list",
    "invoices.number": "YYYY-NNNN, made by the desk",
    "invoices.kind": "a word from a CHECK list",
    "invoices.issue_date": "an ISO date",
    "invoices.due_date": "an ISO date",
    "unpaid.due_date": "the invoice's ISO date, copied by the schema's triggers",
    "invoices.status": "a word from a CHECK list",
    "invoice_lines.rounding": "the name of a rounding rule",
    "payments.paid_on": "an ISO date",
    "payments.method": "a word from a CHECK list",
    "invoice_events.kind": "a word from a CHECK list",
    "invoice_events.channel": "a word from a CHECK list",
    "invoice_events.detail": "outbox #N",
    "grants.key_name": "a generated keyring key",
    "grants.removed_why": "a word the desk chooses",
    "outbox.message_id": "made by the desk",
    "outbox.kind": "a word the desk chooses",
    "outbox.recipient": "a client's checked email address",
    "outbox.channel": "a word from a CHECK list",
    "outbox.drafts_dir": "a folder path",
    "outbox.draft_stem": "made by the desk from a ref or number",
    "outbox.state": "a word from a CHECK list",
    "outbox.phase": "a word from a CHECK list",
    "outbox.detail": "what the delivery did, in the desk's words",
    "outbox.claimed_by": "a process id",
    "imap_state.account": "user@host from the settings",
    "statement_credits.txn_key": "the bank's id, or a hash",
    "statement_credits.source": "a word from a CHECK list",
    "statement_credits.posted_on": "an ISO date",
    "statement_credits.status": "a word from a CHECK list",
}


# --- the world each path writes into -----------------------------------------------------


@dataclass
class World:
    desk: Desk
    clock: FixedClock
    path: Path
    client_id: int
    open_ref: str  # estimate v1 sent, awaiting the client's approval
    work_ref: str  # approved, with a finished time entry
    urgent_ref: str  # urgent, held: the client owes an overdue invoice
    invoice: str  # issued, overdue, unpaid
    entry_id: int  # a finished, unbilled time entry on work_ref

    def cli(self, *args: str, input: str | None = None) -> str:
        """Run ``hourdesk ARGS --db PATH`` in-process at the world's instant; its output."""
        from hourdesk.app.cli.main import cli

        env = {"HOURDESK_NOW": self.clock.now().isoformat(), "TZ": "UTC"}
        return CliRunner().invoke(cli, [*args, "--db", str(self.path)], input, env=env).output


@pytest.fixture
def world(tmp_path: Path, utc) -> Iterator[World]:
    clock = FixedClock(START)
    path = tmp_path / "hourdesk.db"
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=ready_settings())
    client = desk.clients.add(
        name="Harbor Dental Clinic", emails="office@harbor.example", rate="100"
    )
    owing = desk.clients.add(name="Bluebird Bakery", emails="hi@bluebird.example", rate="100")
    clock.advance(days=-40)
    invoice = desk.invoicing.issue(owing.id, [resolved_work(desk, owing.id, "Printer", 60)])
    clock.advance(days=40)
    clock.advance(hours=-3)
    work = desk.tickets.new(client_id=client.id, subject="VPN", body="The VPN is down.")
    approve_back_then(desk, work.ref, hours="10", ago=3600)
    entry = desk.timer.log(
        work.ref, start=clock.now() - timedelta(minutes=40), seconds=1800, billable=False
    )
    clock.advance(hours=3)
    opened = desk.tickets.new(client_id=client.id, subject="NAS", body="The NAS is offline.")
    clock.advance(minutes=-30)
    desk.estimates.send(opened.ref, hours="2")
    clock.advance(minutes=30)
    urgent = desk.tickets.new(
        client_id=owing.id, subject="Server down", body="Help!", priority="urgent"
    )
    yield World(
        desk, clock, path, client.id, opened.ref, work.ref, urgent.ref, invoice.number, entry.id
    )
    desk.close()


# --- what the paths do -------------------------------------------------------------------


def refused(call: Callable[[], object], pointer: str = "grant") -> None:
    """The consultant typed it: refused with the reason and the way to access grants (or,
    for mail, the outbox's word that it was not sent)."""
    with pytest.raises((Invalid, Refused)) as refusal:
        call()
    said = str(refusal.value)
    assert "credential" in said and pointer in said, said
    assert SECRET not in said


def refused_cli(output: str) -> None:
    assert "credential" in output and "grant" in output, output
    assert SECRET not in output


def flagged(world: World, ref: str) -> None:
    """From the client: stored redacted, and the ticket flagged."""
    assert world.desk.tickets.get(ref).flagged


def registry(into: dict[str, tuple[tuple[str, ...], Any]]) -> Callable[..., Any]:
    """``@named(name, *columns)`` registers a write path and the columns it fills."""

    def named(name: str, *columns: str) -> Callable[[Any], Any]:
        def register(func: Any) -> Any:
            into[name] = (columns, func)
            return func

        return register

    return named


Path_ = Callable[[World], None]
PATHS: dict[str, tuple[tuple[str, ...], Path_]] = {}
path = registry(PATHS)


CLIENT_OPTIONS = {"company": "--company", "billing_address": "--address", "notes": "--notes"}


def _client_field(field: str) -> Path_:
    def run(w: World) -> None:
        fields = {"name": "Northwind", "emails": "ap@northwind.example", field: CREDENTIAL}
        refused(lambda: w.desk.clients.add(**fields))
        refused(lambda: w.desk.clients.update(w.client_id, **{field: CREDENTIAL}))
        args = ["client", "add", fields["name"], "--email", "ap@northwind.example"]
        if field in CLIENT_OPTIONS:
            args += [CLIENT_OPTIONS[field], CREDENTIAL]
        refused_cli(w.cli(*args))

    return run


for _field in ("name", "company", "billing_address", "notes"):
    path(f"client {_field}", f"clients.{_field}")(_client_field(_field))


@path("ticket subject and request", "tickets.subject", "entries.body")
def _ticket_new(w: World) -> None:
    t = w.desk.tickets.new(client_id=w.client_id, subject=CREDENTIAL, body=CREDENTIAL)
    flagged(w, t.ref)
    w.cli("ticket", "new", "--client", "Harbor", "--subject", CREDENTIAL, "--body", CREDENTIAL)
    flagged(w, w.desk.tickets.list()[-1].ref)


@path("ticket referred by", "tickets.referred_by")
def _referred_by(w: World) -> None:
    refused(
        lambda: w.desk.tickets.new(client_id=w.client_id, subject="Mail", referred_by=CREDENTIAL)
    )
    refused_cli(
        w.cli(
            "ticket", "new", "--client", "Harbor", "--subject", "Mail", "--referred-by", CREDENTIAL
        )
    )


@path("client message", "entries.body")
def _client_message(w: World) -> None:
    w.desk.tickets.message(w.open_ref, CREDENTIAL, kind="message")
    flagged(w, w.open_ref)
    w.cli("ticket", "note", w.work_ref, CREDENTIAL, "--from-client")
    flagged(w, w.work_ref)


@path("note and reply", "entries.body", "outbox.subject")
def _note_reply(w: World) -> None:
    for kind in ("note", "reply"):
        refused(lambda kind=kind: w.desk.tickets.message(w.open_ref, CREDENTIAL, kind=kind))
    refused(lambda: w.desk.replies.reply(w.open_ref, CREDENTIAL))
    refused(lambda: w.desk.replies.reply(w.open_ref, "Done.", subject=CREDENTIAL))
    refused_cli(w.cli("ticket", "note", w.open_ref, CREDENTIAL))
    refused_cli(w.cli("ticket", "note", w.open_ref, CREDENTIAL, "--reply"))


@path("estimate text", "estimates.scope", "entries.body")
def _estimate(w: World) -> None:
    refused(lambda: w.desk.estimates.send(w.open_ref, hours="3", scope=CREDENTIAL))
    refused_cli(w.cli("estimate", w.open_ref, "--hours", "3", "--note", CREDENTIAL))


@path("approval text", "decisions.text", "entries.body")
def _approval(w: World) -> None:
    w.desk.estimates.approve(w.open_ref, text=CREDENTIAL)
    flagged(w, w.open_ref)


@path("approval text by the CLI", "decisions.text", "entries.body")
def _approval_cli(w: World) -> None:
    w.cli("approve", w.open_ref, "--text", CREDENTIAL)
    assert w.desk.estimates.current(w.desk.tickets.get(w.open_ref).id).approved
    flagged(w, w.open_ref)


@path("decline text", "decisions.text", "entries.body")
def _decline(w: World) -> None:
    w.cli("decline", w.open_ref, "--text", CREDENTIAL)
    assert w.desk.estimates.current(w.desk.tickets.get(w.open_ref).id).decision
    flagged(w, w.open_ref)


@path("time notes", "time_entries.note")
def _time_notes(w: World) -> None:
    timer = w.desk.timer
    refused(lambda: timer.start(w.work_ref, note=CREDENTIAL))
    refused_cli(w.cli("start", w.work_ref, "--note", CREDENTIAL))
    timer.start(w.work_ref)
    w.clock.advance(minutes=10)
    refused(lambda: timer.stop(note=CREDENTIAL))
    refused_cli(w.cli("stop", "--note", CREDENTIAL))
    timer.stop()
    start = w.clock.now()
    w.clock.advance(minutes=30)
    refused(lambda: timer.log(w.work_ref, start=start, seconds=600, note=CREDENTIAL))
    refused_cli(w.cli("log", w.work_ref, "--minutes", "10", "--note", CREDENTIAL))
    refused(lambda: timer.edit(w.entry_id, note=CREDENTIAL))


@path("completion summary", "entries.body", "entries.data")
def _resolve(w: World) -> None:
    refused(lambda: w.desk.completion.resolve(w.work_ref, CREDENTIAL))
    refused_cli(w.cli("resolve", w.work_ref, "--summary", CREDENTIAL))


@path("void and credit reasons", "invoices.void_reason", "entries.body")
def _void_credit(w: World) -> None:
    refused(lambda: w.desk.invoicing.credit(w.invoice, "10", CREDENTIAL))
    refused_cli(w.cli("invoice", "credit", w.invoice, "--amount", "10", "--reason", CREDENTIAL))
    refused(lambda: w.desk.invoicing.void(w.invoice, CREDENTIAL))
    refused_cli(w.cli("invoice", "void", w.invoice, "--reason", CREDENTIAL))


@path("payment reference", "payments.reference")
def _payment(w: World) -> None:
    refused(
        lambda: w.desk.payments.pay(w.invoice, amount="10", method="bank", reference=CREDENTIAL)
    )
    refused_cli(
        w.cli("pay", w.invoice, "--amount", "10", "--method", "bank", "--reference", CREDENTIAL)
    )


@path("payment clearance", "clearances.reason", "entries.body")
def _clearance(w: World) -> None:
    refused(lambda: w.desk.payments.clear(w.urgent_ref, CREDENTIAL))
    refused_cli(w.cli("clear", w.urgent_ref, "--reason", CREDENTIAL))


@path("grant label", "grants.label", "entries.body")
def _grant(w: World) -> None:
    refused(lambda: w.desk.grants.add(w.work_ref, CREDENTIAL, "s3cret-value", "1h"))


@path("statement lines", "statement_credits.payer", "statement_credits.memo", "payments.reference")
def _statement(w: World) -> None:
    csv = w.path.parent / "chase.csv"
    csv.write_text(
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        f'CREDIT,03/01/2026,"HARBOR DENTAL CLINIC {w.invoice} {CREDENTIAL}",'
        "200.00,ACH_CREDIT,5345.43,,\n"
        f'CREDIT,03/01/2026,"{CREDENTIAL} 2",5.00,ACH_CREDIT,5345.43,,\n'
    )
    w.desk.statements.import_file(csv, preset="chase", apply=True)
    credits = w.desk.statements.credits(open_only=False)
    assert len(credits) == 2
    opened = [c for c in credits if c.status == "open"]
    refused(lambda: w.desk.statements.ignore(opened[0].id, CREDENTIAL))
    refused(lambda: w.desk.statements.record(opened[0].id, [(w.invoice, 100)], CREDENTIAL))


@path("statement notes", "statement_credits.note")
def _statement_notes(w: World) -> None:
    _statement(w)


@path("inbound mail", "tickets.subject", "entries.body", "entries.data", "clients.name")
def _intake(w: World) -> None:
    mail = w.path.parent / "in.eml"
    mail.write_bytes(
        message(
            sender=f'"{CREDENTIAL}" <new@acme.example>',
            subject=CREDENTIAL,
            body=f"Hi,\n\n{CREDENTIAL}\n",
            attachments=((f"password is {SECRET}.txt", b"x"),),
        )
    )
    summary = w.desk.intake.run([mail], quarantine_dir=w.path.parent / "q")
    assert summary.messages == 1
    ticket = w.desk.tickets.list()[-1]
    flagged(w, ticket.ref)


@path("settings texts in documents", "invoices.document", "outbox.subject")
def _settings(w: World) -> None:
    ref = resolved_work(w.desk, w.client_id, "Backup", 30)
    mail = w.path.parent / "drafts"
    for section, field in (
        ("business", "name"),
        ("business", "address"),
        ("payment", "bank_details"),
    ):
        settings = ready_settings({section: {field: CREDENTIAL}})
        refused(lambda settings=settings: w.desk.save_settings(settings))
        w.desk.settings = settings  # as if the file had been edited by hand
        refused(lambda: w.desk.invoicing.issue(w.client_id, [ref]))
        if field == "name":  # the mail says it; the PDF prints the invoice's own snapshot
            refused(lambda: w.desk.mailer.send_invoice(w.invoice, mail), pointer="not sent")


class EchoingServer(Sink):
    """An SMTP server that refuses every recipient, quoting the credential back."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return f"451 4.3.0 {CREDENTIAL}"


@path("the mail server's answer", "outbox.last_error")
def _server_answer(w: World) -> None:
    with running_sink(EchoingServer()) as (_, port):
        smtp = {"host": "127.0.0.1", "port": port, "security": "none", "timeout": 5}
        w.desk.settings = ready_settings({"smtp": smtp})
        item = w.desk.replies.reply(w.open_ref, "On it.")
        assert not w.desk.outbox.deliver_one(item).delivered
    assert w.desk.outbox.items()[0].last_error


# --- the TUI's forms --------------------------------------------------------------------

SIZE = (120, 40)
Form = Callable[[World, Any, Any], Awaitable[None]]
FORMS: dict[str, tuple[tuple[str, ...], Form]] = {}
form = registry(FORMS)


async def fill_and_save(app: Any, pilot: Any, screen: Any, **fields: str) -> None:
    """Open ``screen``, type each field (an Input or a TextArea) and press ctrl+s."""
    from textual.widgets import TextArea

    app.push_screen(screen)
    await pilot.pause()
    for name, value in fields.items():
        widget = app.screen.query_one(f"#field-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


def refused_in(app: Any, kind: type, error: str) -> None:
    """Still on the form, the reason and the TUI's key for access grants under the field."""
    assert isinstance(app.screen, kind), app.screen
    said = str(app.screen.query_one(f"#{error}").render())
    assert "credential" in said and "access grant (g)" in said, said
    assert SECRET not in said


async def refused_in_prompt(app: Any, pilot: Any, kind: type, key: str = "ctrl+s") -> None:
    """Type the credential into the open prompt, save it: refused in the prompt."""
    widget = app.screen.query_one("#text" if key == "ctrl+s" else "#note")
    if key == "ctrl+s":
        widget.text = CREDENTIAL
    else:
        widget.value = CREDENTIAL
    await pilot.press(key)
    await pilot.pause()
    refused_in(app, kind, "error")


@form("new ticket", "tickets.subject", "entries.body", "tickets.referred_by")
async def _tui_ticket(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.ticket_form import TicketForm

    await fill_and_save(app, pilot, TicketForm(w.client_id), subject="Mail", referred_by=CREDENTIAL)
    refused_in(app, TicketForm, "error-referred_by")
    app.screen.query_one("#field-referred_by").value = ""
    app.screen.query_one("#field-subject").value = CREDENTIAL
    app.screen.query_one("#field-body").text = CREDENTIAL
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(app.screen, TicketForm)
    flagged(w, w.desk.tickets.list()[-1].ref)


@form("note and reply", "entries.body")
async def _tui_note(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.text_prompt import TextPrompt
    from hourdesk.screens.ticket import TicketScreen

    app.push_screen(TicketScreen(w.open_ref))
    await pilot.pause()
    for key in ("a", "r"):
        await pilot.press(key)
        await pilot.pause()
        await refused_in_prompt(app, pilot, TextPrompt)
        app.pop_screen()
        await pilot.pause()


def refusing_form(name: str, column: str, make: Callable[[World], Any], field: str, **more: str):
    """A form that refuses the credential typed in ``field`` (``more`` filled as well)."""

    async def run(w: World, app: Any, pilot: Any) -> None:
        screen = make(w)
        await fill_and_save(app, pilot, screen, **more, **{field: CREDENTIAL})
        refused_in(app, type(screen), f"error-{field}")

    form(name, column)(run)


refusing_form(
    "estimate", "estimates.scope", lambda w: EstimateScreen(w.open_ref), "scope", hours="3"
)
refusing_form(
    "payment", "payments.reference", lambda w: PaymentForm(w.invoice), "reference", amount="10"
)
refusing_form(
    "grant label", "grants.label", lambda w: GrantForm(w.work_ref), "label", secret="s3cret-V"
)


@form("approval", "decisions.text", "entries.body")
async def _tui_approval(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.approval import ApprovalScreen

    await fill_and_save(app, pilot, ApprovalScreen(w.open_ref), text=CREDENTIAL)
    assert not isinstance(app.screen, ApprovalScreen)
    flagged(w, w.open_ref)


@form("client", "clients.name", "clients.company", "clients.billing_address", "clients.notes")
async def _tui_client(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.client_form import ClientForm

    for field in ("name", "company", "billing_address", "notes"):
        fields = {"name": "Northwind", "emails": "ap@northwind.example", field: CREDENTIAL}
        await fill_and_save(app, pilot, ClientForm(), **fields)
        refused_in(app, ClientForm, f"error-{field}")
        app.pop_screen()


@form("void and credit", "invoices.void_reason", "invoices.document")
async def _tui_void_credit(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.invoices import CreditForm, InvoicesScreen
    from hourdesk.screens.text_prompt import TextPrompt

    invoice = w.desk.invoicing.get(w.invoice)
    await fill_and_save(app, pilot, CreditForm(invoice, 100_00), amount="10", reason=CREDENTIAL)
    refused_in(app, CreditForm, "error-reason")
    app.pop_screen()
    app.push_screen(InvoicesScreen())
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()
    await refused_in_prompt(app, pilot, TextPrompt)


@form("resolve summary", "entries.body", "entries.data")
async def _tui_resolve(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.text_prompt import TextPrompt

    app.resolve(w.work_ref)
    await pilot.pause()
    await refused_in_prompt(app, pilot, TextPrompt)


@form("time entry and timer notes", "time_entries.note")
async def _tui_time(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.entries import EntryForm
    from hourdesk.screens.stop_prompt import StopPrompt

    entry = {"start": "2026-03-02 08:00", "duration": "10m", "note": CREDENTIAL}
    await fill_and_save(app, pilot, EntryForm(w.work_ref), **entry)
    refused_in(app, EntryForm, "error-note")
    app.pop_screen()
    w.desk.timer.start(w.work_ref)
    app.push_screen(StopPrompt(w.work_ref))
    await pilot.pause()
    await refused_in_prompt(app, pilot, StopPrompt, key="enter")


@form("settings", "invoices.document")
async def _tui_settings(w: World, app: Any, pilot: Any) -> None:
    from hourdesk.screens.settings import SettingsScreen

    for field in ("business__name", "business__address", "payment__bank_details"):
        await fill_and_save(app, pilot, SettingsScreen(), **{field: CREDENTIAL})
        refused_in(app, SettingsScreen, f"error-{field}")
        app.pop_screen()


# --- the schema and the scan -------------------------------------------------------------


def text_columns(db: Path) -> set[str]:
    """``table.column`` for every column of the live schema's own tables that takes text
    (TEXT affinity, or no declared type); full-text indexes are scanned, not listed."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
        tables = [
            name
            for name, _ in rows
            if not name.startswith("sqlite_")
            and not any(name == v or name.startswith(f"{v}_") for v in virtual)
        ]
        return {
            f"{table}.{name}"
            for table in tables
            for _, name, kind, *_ in conn.execute(f"PRAGMA table_info('{table}')")
            if not kind or any(word in kind.upper() for word in ("CHAR", "CLOB", "TEXT"))
        }
    finally:
        conn.close()


def cells_with_secret(db: Path) -> list[str]:
    """``table.column #rowid`` of every cell (text or bytes, search indexes included) that
    holds the secret, or the token a search index keeps of it."""
    needles = (SECRET.lower(), "tr0ub4dor")
    conn = sqlite3.connect(db)
    try:
        found = []
        tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            try:
                cursor = conn.execute(f"SELECT rowid, * FROM '{table}'")
            except sqlite3.OperationalError:
                cursor = conn.execute(f"SELECT NULL, * FROM '{table}'")
            names = [d[0] for d in cursor.description][1:]
            for rowid, *values in cursor:
                for name, value in zip(names, values, strict=True):
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str) and any(n in value.lower() for n in needles):
                        found.append(f"{table}.{name} #{rowid}")
        return found
    finally:
        conn.close()


def test_every_text_column_has_a_decision(world: World) -> None:
    """A TEXT column is either written by a path tested here or listed as not free text."""
    columns = text_columns(world.path)
    written = {c for cols, _ in [*PATHS.values(), *FORMS.values()] for c in cols}
    assert sorted(columns - written - NOT_FREE_TEXT.keys()) == []
    assert sorted((written | NOT_FREE_TEXT.keys()) - columns) == []
    assert written.isdisjoint(NOT_FREE_TEXT)


def test_a_grant_label_by_the_cli(world: World, secret_service: str) -> None:
    """The CLI asks the keyring first, so this path runs with a real Secret Service."""
    said = world.cli("grant", "add", world.work_ref, "--label", CREDENTIAL, input="s3cret-V\n")
    refused_cli(said)
    assert cells_with_secret(world.path) == []


@pytest.mark.parametrize("name", sorted(PATHS))
def test_no_path_stores_a_credential_in_clear(world: World, name: str) -> None:
    assert cells_with_secret(world.path) == []
    PATHS[name][1](world)
    assert cells_with_secret(world.path) == []


# Who may call the guard's redaction or refusal itself: the chokepoint, the log writer and
# the mail reader's quarantine (which writes files, not rows).
GUARD_CALLERS = {"app/desk/text.py", "app/core/logs.py", "app/mail/scrub.py"}


def test_no_write_site_keeps_its_own_copy_of_the_guard() -> None:
    root = Path(__file__).resolve().parents[2]
    calls = ("redact(", "check_consultant_text(")
    sites = sorted(
        str(file.relative_to(root))
        for folder in ("app", "screens", "exports", "storage")
        for file in (root / folder).rglob("*.py")
        if "core/guard" not in file.as_posix() and any(call in file.read_text() for call in calls)
    )
    assert set(sites) == GUARD_CALLERS


@pytest.mark.parametrize("name", sorted(FORMS))
async def test_no_form_stores_a_credential_in_clear(world: World, name: str) -> None:
    from hourdesk.app.tui import HourdeskApp

    app = HourdeskApp(world.desk)
    async with app.run_test(size=SIZE) as pilot:
        await FORMS[name][1](world, app, pilot)
        await app.workers.wait_for_complete()
    assert cells_with_secret(world.path) == []
