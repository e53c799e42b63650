"""``hourdesk client``: who the consultant works for."""

from __future__ import annotations

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
    from hourdesk.app.cli.jsonview import client_json
    from hourdesk.app.core.money import plain

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
