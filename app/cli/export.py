"""``hourdesk export csv|json|ledger``: invoices and time entries for spreadsheets, scripts
and plain-text accounting."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import cli, desk_command

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


@desk_command(cli, "export")
@click.argument("fmt", metavar="csv|json|ledger", type=click.Choice(["csv", "json", "ledger"]))
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="First day (inclusive), like 2026-01-01.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day (inclusive), like 2026-12-31.",
)
@click.option(
    "--table",
    type=click.Choice(["invoices", "entries", "blocks"]),
    default=None,
    help="csv and json: only this table.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="Where to write: a file; for csv without --table, a folder.",
)
def export_command(desk: Desk, fmt, start, end, table, output) -> None:
    """Export invoices and time entries (csv, json) or a journal (ledger); prints the paths.

    csv without --table writes invoices.csv, time-entries.csv and, once blocks are sold,
    block-events.csv into the folder PATH.
    The ledger journal books each invoice as a receivable of the client against
    Income:Consulting in USD; credit notes and voids are booked as reversals, payments
    against the bank or PayPal account, so `hledger bal Receivable` shows what is owed. A
    prepaid block's sale is unearned (Liabilities:Unearned) until its hours are drawn.
    """
    from pathlib import Path

    from hourdesk.app.desk.exporting import export

    written = export(
        desk,
        fmt,
        Path(output),
        start=start.date() if start else None,
        end=end.date() if end else None,
        table=table,
    )
    for path in written:
        click.echo(path)
