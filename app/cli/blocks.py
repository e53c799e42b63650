"""``hourdesk block``: prepaid hour blocks, sold, listed, stated and credited."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import cli, desk_command, emit

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.block_records import Block
    from hourdesk.app.desk.facade import Desk


@cli.group()
def block() -> None:
    """Prepaid hour blocks: sell, list, statement, credit."""


@desk_command(block, "new")
@click.argument("client_name", metavar="CLIENT")
@click.option("--hours", required=True, help="Hours in the block, like 10 or 7.5.")
@click.option("--rate", default=None, help="Hourly rate (default: the client's).")
@click.option(
    "--expires", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Last day, like 2027-06-30."
)
@click.option(
    "--rollover",
    default="none",
    show_default=True,
    help="At expiry: none (lapse), all, or the hours that may roll over.",
)
def block_new(desk: Desk, client_name, hours, rate, expires, rollover) -> None:
    """Sell a block: writes it and its invoice; prints the block's (invoice) number."""
    client = desk.clients.find(client_name)
    sold = desk.blocks.sell(
        client.id, hours, rate=rate, expires=expires.date() if expires else None, rollover=rollover
    )
    click.echo(sold.number)


def block_json(b: Block) -> dict:
    from hourdesk.app.core.durations import decimal_hours
    from hourdesk.app.core.money import plain

    return {
        "number": b.number,
        "client": b.client_name,
        "hours": f"{decimal_hours(b.seconds).normalize():f}",
        "seconds": b.seconds,
        "rate": plain(b.rate_cents),
        "balance_seconds": b.balance,
        "used_seconds": b.used,
        "expires": b.expires_on.isoformat() if b.expires_on else None,
        "rollover": b.rule,
        "state": b.state,
        "paid": b.paid,
    }


@desk_command(block, "list")
@click.option("--client", "client_name", default=None, help="Only this client's blocks.")
@click.option("--json", "as_json", is_flag=True)
def block_list(desk: Desk, client_name, as_json) -> None:
    """List blocks, oldest first, after recording any expiry that is due."""
    from hourdesk.app.core.durations import format_duration
    from hourdesk.app.core.money import format_usd

    for said in desk.blocks.settle():
        click.echo(f"hourdesk: {said}", err=True)
    client_id = desk.clients.find(client_name).id if client_name else None
    found = desk.blocks.list(client_id=client_id)
    if as_json:
        emit([block_json(b) for b in found])
        return
    for b in found:
        expires = f"until {b.expires_on}" if b.expires_on else "no expiry"
        click.echo(
            f"{b.number}  {format_duration(b.balance):>8} left of {format_duration(b.seconds):<8}"
            f" at {format_usd(b.rate_cents, desk.settings.locale)}/h  {expires:<16}"
            f" {b.state:<8} {b.client_name}"
        )


@desk_command(block, "show")
@click.argument("key", metavar="NUMBER")
def block_show(desk: Desk, key) -> None:
    """A block's history: every sale, drawdown, rollover, lapse, void and credit."""
    from hourdesk.app.core.durations import format_duration

    found = desk.blocks.get(key)
    click.echo(f"Block {found.number} · {found.client_name} · {found.state} · {found.rule}")
    for e in desk.blocks.history(found):
        click.echo(
            f"  {e.at:%Y-%m-%d}  {e.kind:<9} {format_duration(e.seconds):>8}"
            f"  left {format_duration(e.balance):>8}  {e.ref or '':<8} {e.detail}"
        )


@desk_command(block, "statement")
@click.argument("key", metavar="NUMBER")
@click.option("--format", "fmt", type=click.Choice(["md", "pdf"]), default="pdf")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None)
@click.option("--send", is_flag=True, help="Email the PDF to the client (through the outbox).")
@click.option(
    "--drafts",
    type=click.Path(file_okay=False),
    default=None,
    help="With --send: write an .eml draft in DIR instead.",
)
def block_statement(desk: Desk, key, fmt, output, send, drafts) -> None:
    """Write the block's statement for the client (each ticket, date, time, balance), or
    send it with --send (as an .eml draft in DIR with --drafts)."""
    from pathlib import Path

    from hourdesk.app.desk.billing.block_statement import export
    from hourdesk.app.desk.billing.block_statement import send as send_statement

    if send:
        click.echo(send_statement(desk, key, Path(drafts) if drafts else None))
        return
    click.echo(export(desk, key, fmt, Path(output) if output else None))


@desk_command(block, "credit")
@click.argument("key", metavar="NUMBER")
@click.option("--reason", required=True)
def block_credit(desk: Desk, key, reason) -> None:
    """A credit note for the block's unused hours; prints its number."""
    click.echo(desk.blocks.credit(key, reason).number)


@desk_command(block, "terms")
@click.argument("client_name", metavar="CLIENT")
@click.option(
    "--before-payment/--after-payment",
    required=True,
    help="Whether the client's blocks may be drawn before their invoice is paid.",
)
def block_terms(desk: Desk, client_name, before_payment) -> None:
    """Set when a client's blocks become usable."""
    desk.blocks.set_before_payment(desk.clients.find(client_name).id, before_payment)
