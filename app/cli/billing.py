"""``hourdesk invoice``, ``pay``, ``receivables``, ``clear`` and ``remind``: getting paid."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import (
    cli,
    desk_command,
    emit,
)

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


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
    from hourdesk.app.cli.jsonview import invoice_json
    from hourdesk.app.core.money import format_usd

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
    from hourdesk.app.cli.jsonview import invoice_json
    from hourdesk.app.core.durations import format_duration
    from hourdesk.app.core.money import format_usd, plain

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
    from hourdesk.app.core.money import format_usd

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
    from hourdesk.app.core.money import format_usd, plain
    from hourdesk.app.desk.billing.payments import BUCKETS

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
