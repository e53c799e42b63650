"""``hourdesk statement import|list|match|ignore``: bank and PayPal statements matched to
open invoices."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import cli, desk_command, emit

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.statements import Proposal
    from hourdesk.app.desk.facade import Desk


@cli.group()
def statement() -> None:
    """Bank and PayPal statements: credits matched to open invoices."""


def _json(p: Proposal) -> dict:
    from hourdesk.app.core.money import plain

    c = p.credit
    return {
        "id": c.id,
        "transaction": c.txn_key,
        "source": c.source,
        "date": c.posted_on.isoformat(),
        "amount": plain(c.amount_cents),
        "fee": plain(c.fee_cents),
        "payer": c.payer,
        "memo": c.memo,
        "confidence": p.confidence,
        "why": p.why,
        "invoices": [{"number": n, "amount": plain(cents)} for n, cents in p.allocations],
    }


def _line(desk: Desk, p: Proposal) -> str:
    from hourdesk.app.core.money import format_usd

    usd = lambda cents: format_usd(cents, desk.settings.locale)  # noqa: E731
    c = p.credit
    pays = ", ".join(f"{n} {usd(cents)}" for n, cents in p.allocations) or "-"
    fee = f" (fee {usd(c.fee_cents)})" if c.fee_cents else ""
    return (
        f"{c.id:>5}  {c.posted_on}  {usd(c.amount_cents):>11}{fee}  {p.confidence:<7}  "
        f"{pays}  · {c.text[:60]}  [{p.why}]"
    )


@desk_command(statement, "import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--preset", default="", help="Bank CSV preset: chase, bofa, wellsfargo, capitalone.")
@click.option("--apply", is_flag=True, help="Record the certain matches as payments.")
@click.option("--json", "as_json", is_flag=True)
def statement_import(desk: Desk, path, preset, apply, as_json) -> None:
    """Read an OFX/QFX file, a bank CSV or a PayPal CSV; show each credit's match.

    Importing the same file again adds nothing; --apply records only certain matches.
    """
    from pathlib import Path

    done = desk.statements.import_file(Path(path), preset=preset, apply=apply)
    if as_json:
        emit(
            {
                "new": done.new,
                "known": done.known,
                "applied": [_json(p) for p in done.applied],
                "open": [_json(p) for p in done.proposals],
            }
        )
        return
    click.echo(f"{done.new} new credits, {done.known} already imported.")
    for p in done.applied:
        click.echo("recorded " + _line(desk, p))
    for p in done.proposals:
        click.echo(_line(desk, p))
    certain = sum(p.confidence == "certain" for p in done.proposals)
    if certain and not apply:
        click.echo(f"{certain} certain matches: record them with --apply.")


@desk_command(statement, "list")
@click.option("--json", "as_json", is_flag=True)
def statement_list(desk: Desk, as_json) -> None:
    """Open credits with their proposed invoices."""
    proposals = desk.statements.proposals()
    if as_json:
        emit([_json(p) for p in proposals])
        return
    for p in proposals:
        click.echo(_line(desk, p))


@desk_command(statement, "match")
@click.argument("credit_id", type=int)
@click.argument("invoices", nargs=-1, required=True, metavar="NUMBER[=AMOUNT]...")
def statement_match(desk: Desk, credit_id, invoices) -> None:
    """Record a credit as payment of one or more invoices (split with NUMBER=AMOUNT)."""
    from hourdesk.app.core.money import parse_amount

    credit = desk.statements.get(credit_id)
    allocations, left = [], credit.amount_cents
    for item in invoices:
        number, _, amount = item.partition("=")
        if amount:
            cents = parse_amount(amount, "amount", allow_zero=False)
        else:
            cents = min(left, desk.payments.account(number).balance_cents)
        allocations.append((number, cents))
        left -= cents
    desk.statements.record(credit_id, allocations)


@desk_command(statement, "ignore")
@click.argument("credit_id", type=int)
@click.option("--reason", default="not an invoice payment")
def statement_ignore(desk: Desk, credit_id, reason) -> None:
    """Mark a credit as not an invoice payment."""
    desk.statements.ignore(credit_id, reason)
