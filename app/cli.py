"""The ``hourdesk`` command: the TUI by default, and subcommands for scripting."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from typing import TYPE_CHECKING

import click

from hourdesk.app import __version__

if TYPE_CHECKING:
    from hourdesk.app.desk import Desk


class Session:
    """What the group options chose; opens the desk once, on first use."""

    def __init__(self, db: str | None, demo: bool) -> None:
        self.db, self.demo, self._desk = db, demo, None

    def desk(self) -> Desk:
        if self._desk is None:
            from hourdesk.app.cli_data import session_started, settings_or_defaults, starting_tui
            from hourdesk.app.clock import clock_from_env
            from hourdesk.app.desk import build_desk
            from hourdesk.app.paths import config_file, data_dir, database_path
            from hourdesk.storage.vault import KeyringVault

            settings_path = data_dir() / "demo-config.toml" if self.demo else config_file()
            if self.demo:
                from hourdesk.app.demo import ensure_demo_settings

                ensure_demo_settings(settings_path)
            settings, settings_problem = settings_or_defaults(settings_path)
            path = database_path(self.db, demo=self.demo)
            self._desk = build_desk(
                path,
                vault=KeyringVault(),
                clock=clock_from_env(),
                settings=settings,
                settings_path=settings_path,
            )
            if self.demo:
                from hourdesk.app.demo import ensure_demo

                ensure_demo(self._desk)
            session_started(self._desk, path, settings_problem)
            if not starting_tui():  # the TUI purges when it mounts, and says so there
                purge_expired_grants(self._desk)
        return self._desk


def purge_expired_grants(desk: Desk) -> None:
    """Delete expired access grants from the keyring before any command runs; when the
    keyring or the database says no, warn and run the command all the same."""
    from hourdesk.storage.vault import VaultUnavailable

    try:
        desk.grants.purge()
    except VaultUnavailable as exc:
        click.echo(f"hourdesk: warning: expired access grants were not deleted: {exc}", err=True)
    except sqlite3.OperationalError as exc:  # busy, read-only: housekeeping waits
        from hourdesk.app.logs import explain, log_error

        log_error("grant purge", exc)
        words = explain(exc)
        click.echo(f"hourdesk: warning: expired access grants were not deleted: {words}", err=True)


def fail(message: str) -> None:
    click.echo(f"hourdesk: {message}", err=True)
    sys.exit(1)


def utf8_text(data: bytes, name: str) -> str:
    """``data`` read from the file ``name`` as text; a clear refusal when it is not UTF-8."""
    from hourdesk.app.errors import Invalid

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Invalid(
            "file",
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}).",
            "Save it as UTF-8 and try again.",
        ) from None


def schema_refusal(exc: sqlite3.IntegrityError) -> str:
    """One line for a change the schema refused. A trigger's words are written for people;
    SQLite's own (``CHECK constraint failed: ...``) name columns, so only the log has them."""
    from hourdesk.app.logs import log_file

    text = str(exc)
    if "constraint failed" in text or "mismatch" in text or not text:
        return (
            "The database refused the change: it breaks a rule of the stored records. "
            f"Nothing was saved; details in {log_file()}."
        )
    return f"The database refused the change: {text}. Nothing was saved."


def _settings_error() -> tuple[type[Exception], ...]:
    """SettingsError, once the settings (and pydantic, which a check or restore never needs)
    are loaded: before, nothing could have raised it."""
    settings = sys.modules.get("hourdesk.app.settings")
    return (settings.SettingsError,) if settings else ()


def refusals(func):
    """Turn refusals into one line on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from hourdesk.app.errors import Refused
        from hourdesk.storage.db import DatabaseRefused
        from hourdesk.storage.files import NotWritten

        refused = (Refused, DatabaseRefused, NotWritten, ValueError)
        try:
            return func(*args, **kwargs)
        except refused + _settings_error() as exc:
            fail(str(exc))
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except sqlite3.IntegrityError as exc:  # a rule that only the schema caught
            from hourdesk.app.logs import log_error

            log_error("refused by the database", exc)
            fail(schema_refusal(exc))
        except (sqlite3.Error, OSError) as exc:  # a full disk, a read-only file, a lock
            from hourdesk.app.logs import explain, log_error

            log_error("storage error", exc)
            fail(explain(exc))
        except Exception as exc:
            from hourdesk.app.logs import log_error, log_file

            log_error("unexpected error", exc)
            fail(f"unexpected error ({type(exc).__name__}: {exc}); details in {log_file()}")

    return wrapper


def db_option(*dest: str):
    """``--db PATH``, on the group and after any subcommand."""
    return click.option(
        "--db",
        *dest,
        type=click.Path(dir_okay=False),
        default=None,
        help="Database file (default: HOURDESK_DB or the user data dir).",
    )


def desk_command(group: click.Group, name: str | None = None, **kwargs):
    """A subcommand that gets the desk; accepts ``--db`` after the subcommand too."""

    def decorate(func):
        @db_option("db_path")
        @click.pass_obj
        @refusals
        @functools.wraps(func)
        def command(session: Session, db_path: str | None, *args, **kw):
            if db_path:
                session.db = db_path
            return func(session.desk(), *args, **kw)

        return group.command(name, **kwargs)(command)

    return decorate


def emit(document) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option()
@click.option("--demo", is_flag=True, help="Use the demo database, filled on first use.")
@click.version_option(__version__, prog_name="hourdesk")
@click.pass_context
def cli(ctx: click.Context, db: str | None, demo: bool) -> None:
    """hourdesk: tickets, approvals, a live timer and invoices. Without a command, the TUI."""
    ctx.obj = Session(db, demo)
    if ctx.invoked_subcommand is None:
        refusals(_run_tui)(ctx.obj)


def _run_tui(session: Session) -> None:
    from hourdesk.app.tui import HourdeskApp

    HourdeskApp(session.desk()).run()


# clients


@cli.group()
def client() -> None:
    """Add, edit and list clients."""


@desk_command(client, "add")
@click.argument("name")
@click.option("--email", "emails", multiple=True, required=True, help="Contact email (repeatable).")
@click.option("--company", default="")
@click.option("--address", "billing_address", default="", help="Billing address.")
@click.option("--rate", default=None, help="Hourly rate in USD, like 150.00.")
@click.option("--terms", "terms_days", default=None, type=int, help="Payment terms in days.")
@click.option("--payment", "payment_method", type=click.Choice(["bank", "paypal"]), default="bank")
@click.option("--notes", default="")
def client_add(
    desk: Desk, name, emails, company, billing_address, rate, terms_days, payment_method, notes
) -> None:
    """Add a client; prints its id."""
    added = desk.clients.add(
        name=name,
        emails=list(emails),
        company=company,
        billing_address=billing_address,
        rate=rate,
        payment_method=payment_method,
        notes=notes,
        terms_days=desk.settings.default_terms_days if terms_days is None else terms_days,
    )
    click.echo(added.id)


@desk_command(client, "list")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
def client_list(desk: Desk, as_json: bool) -> None:
    """List clients."""
    from hourdesk.app.jsonview import client_json
    from hourdesk.app.money import plain

    clients = desk.clients.list()
    if as_json:
        emit([client_json(c) for c in clients])
        return
    for c in clients:
        prospect = "  (prospect)" if c.prospect else ""
        click.echo(
            f"{c.id:>5}  {c.name}  <{', '.join(c.emails)}>  ${plain(c.rate_cents)}/h  "
            f"net {c.terms_days}  {c.payment_method}{prospect}"
        )


# tickets


@cli.group()
def ticket() -> None:
    """Open, list and show tickets; add to their threads."""


@desk_command(ticket, "new")
@click.option("--client", "client_name", required=True, help="Client name or email.")
@click.option("--subject", required=True)
@click.option("--body", default=None, help="The request text.")
@click.option(
    "--body-file",
    type=click.File("rb"),
    default=None,
    help="Read the request text (UTF-8) from a file, or - for stdin.",
)
@click.option(
    "--channel", type=click.Choice(["email", "web", "referral", "phone", "other"]), default="email"
)
@click.option("--billable/--no-billable", default=True)
@click.option("--urgent", is_flag=True)
@click.option("--referred-by", default="", help="Who referred the client.")
def ticket_new(
    desk: Desk, client_name, subject, body, body_file, channel, billable, urgent, referred_by
) -> None:
    """Open a ticket; prints its ref."""
    if body is not None and body_file is not None:
        raise click.UsageError("Give --body or --body-file, not both.")
    text = utf8_text(body_file.read(), body_file.name) if body_file else (body or "")
    found = desk.clients.find(client_name)
    created = desk.tickets.new(
        client_id=found.id,
        subject=subject,
        body=text,
        channel=channel,
        billable=billable,
        priority="urgent" if urgent else "normal",
        referred_by=referred_by,
    )
    click.echo(created.ref)


@desk_command(ticket, "list")
@click.option(
    "--status",
    type=click.Choice(["new", "on_hold", "approved", "in_progress", "resolved", "closed"]),
    default=None,
)
@click.option("--client", "client_name", default=None, help="Client name or email.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
def ticket_list(desk: Desk, status, client_name, as_json) -> None:
    """List tickets, oldest first."""
    from hourdesk.app.jsonview import ticket_rows, write_tickets_json
    from hourdesk.app.tickets import status_text

    client_id = desk.clients.find(client_name).id if client_name else None
    rows = ticket_rows(desk, status, client_id)
    if as_json:
        write_tickets_json(sys.stdout, rows)
        return
    lines: list[str] = []
    for ref, _, _, client, subject, _, priority, _, state, hold, *_ in rows:
        urgent = "!" if priority == "urgent" else " "
        lines.append(f"{ref} {urgent} {status_text(state, hold):<28} {client[:24]:<24}  {subject}")
        if len(lines) == 1000:  # a page at a time: few writes, little memory
            click.echo("\n".join(lines))
            lines.clear()
    if lines:
        click.echo("\n".join(lines))


@desk_command(ticket, "show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
def ticket_show(desk: Desk, ref, as_json) -> None:
    """Show a ticket with its thread."""
    from hourdesk.app.jsonview import (
        budget_json,
        decision_json,
        entry_json,
        estimate_json,
        ticket_json,
    )
    from hourdesk.app.tickets import status_text

    shown = desk.tickets.get(ref)
    thread = desk.tickets.thread(shown.id)
    budget = desk.estimates.budget(shown.id)
    if as_json:
        versions = desk.estimates.versions(shown.id)
        current = versions[-1] if versions else None
        emit(
            ticket_json(shown)
            | {
                "estimates": [estimate_json(e, desk) for e in versions],
                "approval": decision_json(current.decision)
                if current and current.approved
                else None,
                "budget": budget_json(budget),
                "thread": [entry_json(e) for e in thread],
            }
        )
        return
    click.echo(f"{shown.ref}  {shown.subject}")
    click.echo(
        f"client {shown.client_name} · {status_text(shown.status, shown.hold_reason)} · "
        f"{shown.priority} · {'billable' if shown.billable else 'not billable'} · "
        f"via {shown.channel}"
    )
    for e in thread:
        when = e.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        click.echo(f"\n[{when}] {e.kind} ({e.author})\n{e.body}")


@desk_command(ticket, "note")
@click.argument("ref")
@click.argument("text")
@click.option("--from-client", is_flag=True, help="Record it as the client's message.")
@click.option("--reply", is_flag=True, help="Record it as your reply to the client.")
def ticket_note(desk: Desk, ref, text, from_client, reply) -> None:
    """Add a note (or a client message, or a reply) to a ticket's thread."""
    if from_client and reply:
        raise click.UsageError("Give --from-client or --reply, not both.")
    kind = "message" if from_client else "reply" if reply else "note"
    entry = desk.tickets.message(ref, text, kind=kind)
    if entry.data.get("credentials_removed"):
        click.echo("Credentials were removed from the text before it was stored.", err=True)


@desk_command(ticket, "status")
@click.argument("ref")
@click.argument(
    "status", type=click.Choice(["new", "on_hold", "approved", "in_progress", "resolved", "closed"])
)
@click.option(
    "--reason",
    type=click.Choice(["awaiting_approval", "payment", "waiting_on_client"]),
    default=None,
    help="Why the ticket is on hold.",
)
def ticket_status(desk: Desk, ref, status, reason) -> None:
    """Change a ticket's status."""
    desk.tickets.set_status(ref, status, reason)


# estimates and approval


@desk_command(cli, "estimate")
@click.argument("ref")
@click.option("--hours", default=None, help="Estimated time: 2.5, 2h30m, 90m or 1:45.")
@click.option("--rate", default=None, help="Hourly rate in USD (default: the client's rate).")
@click.option("--note", "scope", default="", help="Scope and notes for the client.")
@click.option("--non-billable", is_flag=True, help="The request is not billed.")
@click.option(
    "--draft",
    "draft_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Also write the estimate as an email draft (.eml) into this folder.",
)
def estimate(desk: Desk, ref, hours, rate, scope, non_billable, draft_dir) -> None:
    """Record and send an estimate; prints its version."""
    from pathlib import Path

    if hours is None and not non_billable:
        raise click.UsageError("Give --hours (or --non-billable).")
    sent = desk.estimates.send(
        ref, hours=hours or "0", rate=rate, scope=scope, billable=not non_billable
    )
    click.echo(sent.version)
    if draft_dir:
        click.echo(desk.estimates.draft(ref, Path(draft_dir)), err=True)


@desk_command(cli, "approve")
@click.argument("ref")
@click.option("--text", default=None, help="The client's written approval, verbatim.")
@click.option(
    "--entry",
    "entry_id",
    type=int,
    default=None,
    help="Or the id of the client's message in the thread that approves.",
)
def approve(desk: Desk, ref, text, entry_id) -> None:
    """Record the client's written approval of the current estimate."""
    if (text is None) == (entry_id is None):
        raise click.UsageError("Give --text or --entry.")
    desk.estimates.approve(ref, text=text, entry_id=entry_id)


@desk_command(cli, "decline")
@click.argument("ref")
@click.option("--text", default=None, help="What the client wrote.")
@click.option("--close", is_flag=True, help="Close the ticket instead of holding it.")
def decline(desk: Desk, ref, text, close) -> None:
    """Record that the client declined the current estimate."""
    desk.estimates.decline(ref, text=text, close=close)


# the timer

CATEGORY = click.Choice(["investigation", "implementation", "verification"])


@desk_command(cli, "start")
@click.argument("ref")
@click.option("--category", type=CATEGORY, default="investigation")
@click.option("--note", default="")
@click.option("--non-billable", is_flag=True, help="Book this time as not billable.")
def start(desk: Desk, ref, category, note, non_billable) -> None:
    """Start the timer on a ticket (a timer running elsewhere is stopped first)."""
    from hourdesk.app.durations import format_duration

    started = desk.timer.start(
        ref, category=category, note=note, billable=False if non_billable else None
    )
    if started.stopped:
        stopped = started.stopped
        click.echo(f"Stopped {stopped.ref} after {format_duration(stopped.seconds)}.", err=True)
    if started.warning:
        click.echo(f"Warning: {started.warning}", err=True)
    click.echo(
        f"Started {started.entry.ref} ({started.entry.category}"
        f"{'' if started.entry.billable else ', not billable'})."
    )


@desk_command(cli, "stop")
@click.option("--note", default="")
def stop(desk: Desk, note) -> None:
    """Stop the running timer."""
    from hourdesk.app.durations import format_duration

    stopped = desk.timer.stop(note=note)
    click.echo(f"Stopped {stopped.ref} after {format_duration(stopped.seconds)}.")
    say_budget(desk, stopped.ticket_id)


def say_budget(desk: Desk, ticket_id: int) -> None:
    """After time was booked: say when the approved budget is used up."""
    budget = desk.estimates.budget(ticket_id)
    if budget.reached:
        ref = desk.tickets.by_id(ticket_id).ref
        click.echo(
            f"{ref} has used its approved budget ({budget.text()}); time past it was recorded "
            f"as not billable. Send a revised estimate: hourdesk estimate {ref} --hours H.",
            err=True,
        )


def parse_when(value: str, field: str):
    from hourdesk.app.timefmt import parse_local

    return parse_local(value, field)


@desk_command(cli, "log")
@click.argument("ref")
@click.option(
    "--minutes",
    type=click.IntRange(1, 24 * 60),
    default=None,
    help="Duration in minutes, ending now (or at --to).",
)
@click.option("--from", "start_text", default=None, help="Start, like 2026-11-20 09:00.")
@click.option("--to", "end_text", default=None, help="End, like 2026-11-20 10:30.")
@click.option("--category", type=CATEGORY, default="implementation")
@click.option("--note", default="")
@click.option("--non-billable", is_flag=True)
def log(desk: Desk, ref, minutes, start_text, end_text, category, note, non_billable) -> None:
    """Add a finished time entry: --minutes N, or --from and --to."""
    from datetime import timedelta

    if minutes is None and not (start_text and end_text):
        raise click.UsageError("Give --minutes N, or --from and --to.")
    if minutes is not None and start_text and end_text:
        raise click.UsageError("Give --minutes or --from/--to, not all three.")
    end = parse_when(end_text, "to") if end_text else None
    if minutes is not None:
        start = (
            parse_when(start_text, "from")
            if start_text
            else ((end or desk.clock.now()) - timedelta(minutes=minutes))
        )
        end = start + timedelta(minutes=minutes)
    else:
        start = parse_when(start_text, "from")
    entry = desk.timer.log(
        ref,
        start=start,
        end=end,
        category=category,
        note=note,
        billable=False if non_billable else None,
    )
    click.echo(entry.id)
    say_budget(desk, entry.ticket_id)


@desk_command(cli, "entries")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True)
def entries(desk: Desk, ref, as_json) -> None:
    """List the time entries of a ticket."""
    from hourdesk.app.durations import format_duration
    from hourdesk.app.jsonview import time_entry_json
    from hourdesk.app.timefmt import local

    found = desk.timer.entries(ref)
    if as_json:
        emit([time_entry_json(e, desk.timer.elapsed(e)) for e in found])
        return
    for e in found:
        end = local(e.end_at, "%H:%M") if e.end_at else "running"
        click.echo(
            f"#{e.id:<6} {local(e.start_at)}–{end:<8} "
            f"{format_duration(desk.timer.elapsed(e)):>7}  {e.category:<15}"
            f"{'billable' if e.billable else 'not billable':<13} {e.note}"
        )


@desk_command(cli, "report")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--client", "client_name", default=None)
@click.option(
    "--by",
    type=click.Choice(["ticket", "client", "category", "day", "week", "month"]),
    default="ticket",
)
@click.option("--json", "as_json", is_flag=True)
def report_command(desk: Desk, start, end, client_name, by, as_json) -> None:
    """Time per ticket, client, category, day, week or month."""
    from hourdesk.app.durations import format_duration
    from hourdesk.app.reports import report

    client_id = desk.clients.find(client_name).id if client_name else None
    result = report(
        desk,
        start=start.date() if start else None,
        end=end.date() if end else None,
        client_id=client_id,
        by=by,
    )
    if as_json:
        emit(
            {
                "by": by,
                "from": result.start.isoformat() if result.start else None,
                "to": result.end.isoformat() if result.end else None,
                "lines": [
                    {
                        "label": x.label,
                        "billable_seconds": x.billable,
                        "non_billable_seconds": x.non_billable,
                        "unbilled_seconds": x.unbilled,
                        "total_seconds": x.total,
                    }
                    for x in result.lines
                ],
                "total_seconds": result.totals.total,
                "billable_seconds": result.totals.billable,
                "non_billable_seconds": result.totals.non_billable,
                "unbilled_seconds": result.totals.unbilled,
            }
        )
        return
    click.echo(f"{by:<46} {'billable':>9} {'not bill.':>9} {'unbilled':>9} {'total':>9}")
    for x in [*result.lines, result.totals]:
        click.echo(
            f"{x.label[:46]:<46} {format_duration(x.billable):>9} "
            f"{format_duration(x.non_billable):>9} {format_duration(x.unbilled):>9} "
            f"{format_duration(x.total):>9}"
        )


# completion and invoices


@desk_command(cli, "resolve")
@click.argument("ref")
@click.option("--summary", required=True, help="What was done.")
def resolve(desk: Desk, ref, summary) -> None:
    """Resolve a ticket with a summary; adds the completion record to its thread."""
    from hourdesk.app.durations import format_duration

    done = desk.completion.resolve(ref, summary)
    if done.stopped:
        click.echo(
            f"Stopped the timer on {done.ticket.ref} after "
            f"{format_duration(done.stopped.seconds)}.",
            err=True,
        )


@desk_command(cli, "close")
@click.argument("ref")
def close(desk: Desk, ref) -> None:
    """Close a ticket by hand (when no billable time waits for an invoice)."""
    desk.tickets.set_status(ref, "closed")


@desk_command(cli, "completion")
@click.argument("ref")
@click.option("--format", "fmt", type=click.Choice(["md", "pdf"]), default="pdf")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
def completion(desk: Desk, ref, fmt, output) -> None:
    """Export a ticket's completion record (the delivery confirmation); prints the path."""
    from pathlib import Path

    click.echo(desk.completion.export(ref, fmt, Path(output) if output else None))


@cli.group()
def invoice() -> None:
    """Issue, list, show, export and void invoices."""


@desk_command(invoice, "new")
@click.argument("client_name", metavar="CLIENT")
@click.option("--ticket", "refs", multiple=True, help="Bill only these tickets (repeatable).")
def invoice_new(desk: Desk, client_name, refs) -> None:
    """Issue an invoice for a client's resolved tickets; prints its number."""
    client_id = desk.clients.find(client_name).id
    click.echo(desk.invoicing.issue(client_id, list(refs) or None).number)


@desk_command(invoice, "list")
@click.option("--json", "as_json", is_flag=True)
def invoice_list(desk: Desk, as_json) -> None:
    """List invoices and credit notes, newest first."""
    from hourdesk.app.jsonview import invoice_json
    from hourdesk.app.money import format_usd

    accounts = desk.payments.accounts()
    if as_json:
        emit([invoice_json(a) for a in accounts])
        return
    usd = lambda cents: format_usd(cents, desk.settings.locale)  # noqa: E731
    for a in accounts:
        i = a.invoice
        click.echo(
            f"{i.number}  {i.issue_date}  due {i.due_date}  {usd(i.total_cents):>12}  "
            f"paid {usd(a.paid_cents):>11}  balance {usd(a.balance_cents):>11}  "
            f"{a.status:<14} {i.client_name}"
        )


@desk_command(invoice, "show")
@click.argument("number")
@click.option("--json", "as_json", is_flag=True)
def invoice_show(desk: Desk, number, as_json) -> None:
    """Show an invoice."""
    from hourdesk.app.durations import format_duration
    from hourdesk.app.jsonview import invoice_json
    from hourdesk.app.money import format_usd, plain

    account = desk.payments.account(number)
    found = account.invoice
    doc = desk.invoicing.document(found)
    if as_json:
        emit(
            invoice_json(account)
            | {
                "payments": [
                    {
                        "amount": plain(p.amount_cents),
                        "date": p.paid_on.isoformat(),
                        "method": p.method,
                        "reference": p.reference,
                    }
                    for p in desk.payments.payments(number)
                ],
                "document": doc.model_dump(mode="json"),
            }
        )
        return
    usd = lambda cents: format_usd(cents, desk.settings.locale)  # noqa: E731
    click.echo(
        f"{'Credit note' if found.kind == 'credit_note' else 'Invoice'} {found.number}"
        f" · {found.client_name} · issued {found.issue_date} · due {found.due_date}"
        f" · {account.status}"
    )
    for line in doc.lines:
        click.echo(
            f"  {line.ref:<10} {line.subject[:40]:<40} "
            f"{format_duration(line.billed_seconds):>8} = {line.hours or 0:>8} h"
            f" × {usd(line.rate_cents):>9}"
            f" = {usd(line.amount_cents):>11}   (rounding {line.rounding})"
        )
    click.echo(f"  {'Total':<63}{usd(doc.total_cents):>13}")
    click.echo(f"  {'Paid':<63}{usd(account.paid_cents):>13}")
    click.echo(f"  {'Balance':<63}{usd(account.balance_cents):>13}")


@desk_command(invoice, "pdf")
@click.argument("number")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
def invoice_pdf(desk: Desk, number, output) -> None:
    """Render an invoice as PDF; prints the path."""
    from pathlib import Path

    click.echo(desk.invoicing.pdf(number, Path(output) if output else None))


@desk_command(invoice, "void")
@click.argument("number")
@click.option("--reason", required=True)
def invoice_void(desk: Desk, number, reason) -> None:
    """Void an invoice: the number stays used, its time is released."""
    desk.invoicing.void(number, reason)


@desk_command(invoice, "credit")
@click.argument("number")
@click.option("--amount", required=True, help="Amount to credit, like 50.00.")
@click.option("--reason", required=True)
def invoice_credit(desk: Desk, number, amount, reason) -> None:
    """Issue a credit note against an invoice; prints its number."""
    click.echo(desk.invoicing.credit(number, amount, reason).number)


# payments


@desk_command(cli, "pay")
@click.argument("number")
@click.option("--amount", required=True, help="Amount received, like 100.00.")
@click.option("--method", type=click.Choice(["bank", "paypal"]), required=True)
@click.option(
    "--date",
    "paid_on",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="When it was received (default: today).",
)
@click.option("--reference", default="", help="Bank or PayPal reference.")
def pay(desk: Desk, number, amount, method, paid_on, reference) -> None:
    """Record a payment on an invoice."""
    from hourdesk.app.money import format_usd

    account = desk.payments.pay(
        number,
        amount=amount,
        method=method,
        paid_on=paid_on.date() if paid_on else None,
        reference=reference,
    )
    click.echo(
        f"{number}: {account.status}, balance "
        f"{format_usd(account.balance_cents, desk.settings.locale)}."
    )


@desk_command(cli, "receivables")
@click.option("--json", "as_json", is_flag=True)
def receivables(desk: Desk, as_json) -> None:
    """What clients owe, aged by days overdue."""
    from hourdesk.app.money import format_usd, plain
    from hourdesk.app.payments import BUCKETS

    owed = desk.payments.receivables()
    if as_json:
        emit(
            {
                "clients": [
                    {
                        "id": r.client_id,
                        "name": r.client_name,
                        "total": plain(r.total),
                        "aged": {b: plain(r.buckets[b]) for b in BUCKETS},
                    }
                    for r in owed
                ],
                "total": plain(sum(r.total for r in owed)),
                "aged": {b: plain(sum(r.buckets[b] for r in owed)) for b in BUCKETS},
            }
        )
        return
    usd = lambda cents: format_usd(cents, desk.settings.locale)  # noqa: E731
    click.echo(f"{'client':<30}" + "".join(f"{b:>12}" for b in BUCKETS) + f"{'total':>12}")
    for r in owed:
        click.echo(
            f"{r.client_name[:30]:<30}"
            + "".join(f"{usd(r.buckets[b]):>12}" for b in BUCKETS)
            + f"{usd(r.total):>12}"
        )
    click.echo(
        f"{'total':<30}"
        + "".join(f"{usd(sum(r.buckets[b] for r in owed)):>12}" for b in BUCKETS)
        + f"{usd(sum(r.total for r in owed)):>12}"
    )


@desk_command(cli, "clear")
@click.argument("ref")
@click.option("--reason", required=True, help="Why this urgent ticket may proceed.")
def clear(desk: Desk, ref, reason) -> None:
    """Record payment clearance so an urgent ticket can proceed despite a payment hold."""
    desk.payments.clear(ref, reason)


@desk_command(invoice, "send")
@click.argument("number")
@click.option(
    "--drafts",
    "drafts_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write an .eml draft into this folder instead of sending by SMTP.",
)
def invoice_send(desk: Desk, number, drafts_dir) -> None:
    """Email an invoice with its PDF (or write the draft) and mark it sent."""
    from pathlib import Path

    click.echo(desk.mailer.send_invoice(number, Path(drafts_dir) if drafts_dir else None))


@desk_command(cli, "remind")
@click.option("--send", "by_smtp", is_flag=True, help="Send the due reminders by SMTP.")
@click.option(
    "--drafts",
    "drafts_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Write the due reminders as .eml drafts into this folder.",
)
@click.option("--dry-run", is_flag=True, help="Only say what is due.")
def remind(desk: Desk, by_smtp, drafts_dir, dry_run) -> None:
    """Send or draft the payment reminders that are due (safe to run daily from cron)."""
    from pathlib import Path

    if not dry_run and by_smtp == bool(drafts_dir):
        raise click.UsageError("Give --send or --drafts DIR (or --dry-run).")
    outcomes = desk.mailer.remind(drafts=Path(drafts_dir) if drafts_dir else None, dry_run=dry_run)
    for outcome in outcomes:
        if outcome.error:
            click.echo(f"{outcome.due.number} step {outcome.due.step}: {outcome.error}", err=True)
        else:
            click.echo(f"{outcome.due.number} step {outcome.due.step}: {outcome.where}")
    if any(o.error for o in outcomes):
        sys.exit(1)


def store_password(desk: Desk, key: str, label: str) -> None:
    """Ask for a password without echo and keep it in the OS keyring under ``key``."""
    from hourdesk.storage.vault import VaultUnavailable

    secret = click.prompt(f"{label} password", hide_input=True)
    try:
        desk.vault.put(key, secret)
    except VaultUnavailable as exc:
        fail(str(exc))
    click.echo("Stored in the OS keyring.")


@desk_command(cli, "smtp-password")
def smtp_password(desk: Desk) -> None:
    """Store the SMTP password in the OS keyring (asked without echo)."""
    from hourdesk.app.outbox import SMTP_PASSWORD_KEY

    store_password(desk, SMTP_PASSWORD_KEY, "SMTP")


def main() -> None:
    cli(prog_name="hourdesk")


# Areas with many commands keep them in their own modules, which register on `cli`.
from hourdesk.app import cli_data, cli_export, cli_intake, cli_mail, cli_statement  # noqa: E402, F401
