"""``hourdesk start``, ``stop``, ``log``, ``entries`` and ``report``: time on tickets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import (
    cli,
    desk_command,
    emit,
)
from hourdesk.storage.categories import CATEGORIES

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


CATEGORY = click.Choice(CATEGORIES)


@desk_command(cli, "start")
@click.argument("ref")
@click.option("--category", type=CATEGORY, default="investigation")
@click.option("--note", default="")
@click.option("--non-billable", is_flag=True, help="Book this time as not billable.")
def start(desk: Desk, ref, category, note, non_billable) -> None:
    """Start the timer on a ticket (a timer running elsewhere is stopped first)."""
    from hourdesk.app.core.durations import format_duration

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
    from hourdesk.app.core.durations import format_duration

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
    from hourdesk.app.core.timefmt import parse_local

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
    if minutes is None and not (start_text and end_text):
        raise click.UsageError("Give --minutes N, or --from and --to.")
    if minutes is not None and start_text and end_text:
        raise click.UsageError("Give --minutes or --from/--to, not all three.")
    start = parse_when(start_text, "from") if start_text else None
    end = parse_when(end_text, "to") if end_text else None
    if minutes is not None and start is not None:
        end = None  # --from and --minutes: the minutes give the end
    entry = desk.timer.log(
        ref,
        start=start,
        end=end,
        seconds=None if minutes is None else minutes * 60,
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
    from hourdesk.app.cli.jsonview import time_entry_json
    from hourdesk.app.core.durations import format_duration
    from hourdesk.app.core.timefmt import local

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
    from hourdesk.app.cli.quick_report import document, table
    from hourdesk.app.desk.reports import report

    client_id = desk.clients.find(client_name).id if client_name else None
    result = report(
        desk,
        start=start.date() if start else None,
        end=end.date() if end else None,
        client_id=client_id,
        by=by,
    )
    if as_json:
        emit(document(result))
    else:
        click.echo("\n".join(table(result)))
