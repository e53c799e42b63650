"""Clients: who the consultant works for, their rate, terms and how they pay."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from hourdesk.app.core.errors import Invalid, NotFound
from hourdesk.app.core.money import parse_amount, plain
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.writing import new_id
from hourdesk.exports.email import valid_address
from hourdesk.storage.db import transaction
from hourdesk.storage.models import Client

if TYPE_CHECKING:
    from hourdesk.app.desk.context import Context

_SELECT = """
SELECT c.*, (SELECT json_group_array(email) FROM
    (SELECT email FROM client_emails e WHERE e.client_id = c.id ORDER BY position)) AS emails
FROM clients c
"""


def parse_emails(text: str | list[str]) -> list[str]:
    """Split a comma/space separated list and check each address."""
    items = text if isinstance(text, list) else re.split(r"[,;\s]+", text)
    emails = [item.strip() for item in items if item.strip()]
    for email in emails:
        if len(email) > 254 or not valid_address(email):
            raise Invalid(
                "emails", f"{email!r} is not an email address.", "Type it like name@example.com."
            )
    if len({e.lower() for e in emails}) != len(emails):
        raise Invalid("emails", "The same email address is listed twice.")
    return emails


def client_values(
    *,
    name: str,
    emails: str | list[str] = "",
    company: str = "",
    billing_address: str = "",
    rate: str | None = None,
    terms_days: int | str = 14,
    payment_method: str = "bank",
    notes: str = "",
    prospect: bool = False,
    default_rate_cents: int = 0,
) -> dict[str, Any]:
    """Validate a client's fields; raise :class:`Invalid` naming the field at fault."""
    name = " ".join(str(name).split())
    if not name:
        raise Invalid("name", "The client needs a name.")
    if len(name) > 200:
        raise Invalid("name", "The name is longer than 200 characters.")
    rate_cents = default_rate_cents if rate in (None, "") else parse_amount(rate, "rate")
    try:
        terms = int(str(terms_days).strip())
    except ValueError:
        raise Invalid(
            "terms_days", f"Payment terms {terms_days!r} is not a number of days."
        ) from None
    if not 0 <= terms <= 365:
        raise Invalid("terms_days", "Payment terms must be between 0 and 365 days.")
    if payment_method not in ("bank", "paypal"):
        raise Invalid("payment_method", "Payment method must be bank or paypal.")
    for field, text in (
        ("name", name),
        ("company", company),
        ("billing_address", billing_address),
        ("notes", notes),
    ):
        typed(text, field)
    return {
        "name": name,
        "emails": parse_emails(emails),
        "company": str(company).strip(),
        "billing_address": str(billing_address).strip(),
        "rate_cents": rate_cents,
        "terms_days": terms,
        "payment_method": payment_method,
        "notes": str(notes).strip(),
        "prospect": int(bool(prospect)),
    }


def _client(row: dict[str, Any]) -> Client:
    return Client.model_validate({**row, "emails": json.loads(row["emails"])})


class Clients:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.db = ctx.db

    def add(self, **fields: Any) -> Client:
        values = client_values(default_rate_cents=self.ctx.settings.default_rate_cents, **fields)
        emails = values.pop("emails")
        with transaction(self.db):
            self._refuse_taken(emails, None)
            cur = self.db.execute(
                "INSERT INTO clients (name, company, billing_address, rate_cents, terms_days,"
                " payment_method, notes, prospect, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                [*values.values(), self.ctx.clock.timestamp()],
            )
            client_id = new_id(cur)
            self._set_emails(client_id, emails)
        return self.get(client_id)

    def update(self, client_id: int, **fields: Any) -> Client:
        current = self.get(client_id)
        merged = (
            current.model_dump(
                include={
                    "name",
                    "emails",
                    "company",
                    "billing_address",
                    "terms_days",
                    "payment_method",
                    "notes",
                    "prospect",
                }
            )
            | {"rate": plain(current.rate_cents)}
            | fields
        )
        values = client_values(default_rate_cents=self.ctx.settings.default_rate_cents, **merged)
        emails = values.pop("emails")
        with transaction(self.db):
            self._refuse_taken(emails, client_id)
            self.db.execute(
                "UPDATE clients SET " + ", ".join(f"{k} = ?" for k in values) + " WHERE id = ?",
                [*values.values(), client_id],
            )
            self.db.execute("DELETE FROM client_emails WHERE client_id = ?", [client_id])
            self._set_emails(client_id, emails)
        return self.get(client_id)

    def _refuse_taken(self, emails: list[str], client_id: int | None) -> None:
        for email in emails:
            row = self.db.execute(
                "SELECT c.name FROM client_emails e JOIN clients c ON c.id = e.client_id"
                " WHERE e.email = ? AND c.id IS NOT ?",
                [email, client_id],
            ).fetchone()
            if row:
                raise Invalid("emails", f"{email} already belongs to client {row[0]}.")

    def _set_emails(self, client_id: int, emails: list[str]) -> None:
        self.db.conn.executemany(
            "INSERT INTO client_emails (email, client_id, position) VALUES (?, ?, ?)",
            [(email, client_id, i) for i, email in enumerate(emails)],
        )

    def get(self, client_id: int) -> Client:
        rows = list(self.db.query(_SELECT + " WHERE c.id = ?", [client_id]))
        if not rows:
            raise NotFound(f"There is no client #{client_id}.", "See `hourdesk client list`.")
        return _client(rows[0])

    def list(self) -> list[Client]:
        return [_client(r) for r in self.db.query(_SELECT + " ORDER BY c.name COLLATE NOCASE")]

    def by_email(self, email: str) -> Client | None:
        rows = list(
            self.db.query(
                _SELECT + " WHERE c.id = (SELECT client_id FROM client_emails WHERE email = ?)",
                [email.strip()],
            )
        )
        return _client(rows[0]) if rows else None

    def find(self, name_or_email: str) -> Client:
        """A client by email address or by name (exact, then unique start of a name)."""
        text = str(name_or_email).strip()
        if client := self.by_email(text):
            return client
        for where, arg in (
            ("c.name = ? COLLATE NOCASE", text),
            (
                "c.name LIKE ? ESCAPE '\\'",
                text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
            ),
        ):
            rows = list(self.db.query(_SELECT + f" WHERE {where} LIMIT 2", [arg]))
            if len(rows) == 1:
                return _client(rows[0])
            if len(rows) > 1:
                raise Invalid(
                    "client",
                    f"More than one client matches {text!r}.",
                    "Use the full name or an email address.",
                )
        raise NotFound(
            f"There is no client {text!r}.",
            f"Add it first: hourdesk client add {text!r} --email ADDRESS",
        )
