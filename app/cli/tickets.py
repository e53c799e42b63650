"""``hourdesk ticket``, ``estimate``, ``approve``, ``decline``, ``resolve``, ``close`` and
``completion``: a ticket from request to completion record."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import (
    cli,
    desk_command,
    emit,
    utf8_text,
)

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


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
    from hourdesk.app.cli.jsonview import ticket_rows, write_tickets_json
    from hourdesk.app.desk.tickets import status_text

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
    from hourdesk.app.cli.jsonview import (
        budget_json,
        decision_json,
        entry_json,
        estimate_json,
        ticket_json,
    )
    from hourdesk.app.desk.tickets import status_text

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


@desk_command(cli, "resolve")
@click.argument("ref")
@click.option("--summary", required=True, help="What was done.")
def resolve(desk: Desk, ref, summary) -> None:
    """Resolve a ticket with a summary; adds the completion record to its thread."""
    from hourdesk.app.core.durations import format_duration

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
