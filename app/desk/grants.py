"""Time-limited access grants: the secret lives in the OS keyring only, the rest in SQLite.

A client shares access (a server login, a temporary account) by a secure method; the
consultant stores it here as a grant on the ticket. SQLite keeps the label, the ticket, the
expiry and the keyring key name; the thread records every addition, reveal and removal, never
the value. Access ends with the ticket: resolving or closing it (whatever moves it there)
deletes its grants from the keyring. Expired grants are deleted by :meth:`Grants.purge`, which
runs at every CLI start, when the TUI starts and every half minute while it runs, and by
``hourdesk grant purge``.

Without a usable keyring every operation that touches a secret refuses with
:class:`KeyringUnavailable`, which says what is missing and how to fix it; listing grants
still works, and nothing falls back to a file.
"""

from __future__ import annotations

import builtins
import re
import secrets
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk import rules
from hourdesk.app.desk.context import NO_VAULT
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.writing import new_id
from hourdesk.storage.db import transaction
from hourdesk.storage.vault import VaultUnavailable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets
    from hourdesk.storage.models import Ticket
    from hourdesk.storage.vault import Vault

DEFAULT_EXPIRY = timedelta(days=7)
MIN_EXPIRY = timedelta(minutes=1)
MAX_EXPIRY = timedelta(days=90)
MAX_SECRET_CHARS = 16_384
MAX_LABEL_CHARS = 120
KEY_PREFIX = "grant-"
_ENDED = "t.status IN ('resolved', 'closed')"  # access ends with the ticket

_EXPIRY = re.compile(r"(?:\d{1,5}[wdhm]){1,4}")
_EXPIRY_PART = re.compile(r"(\d{1,5})([wdhm])")
_EXPIRY_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


class KeyringUnavailable(Refused, VaultUnavailable):
    """No usable keyring: a refusal the CLI and the TUI show, and a VaultUnavailable."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Grant:
    """One grant as SQLite keeps it: everything but the secret."""

    id: int
    ticket_id: int
    ref: str
    label: str
    key_name: str
    expires_at: datetime
    created_at: datetime
    removed_at: datetime | None
    removed_why: str | None

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds until expiry; 0 once expired or removed."""
        if self.removed_at is not None:
            return 0
        return max(0, int((self.expires_at - now).total_seconds()))

    def state(self, now: datetime) -> str:
        """``live``, ``expired`` (not purged yet), or why it was removed."""
        if self.removed_at is not None:
            return self.removed_why or "removed"
        return "live" if self.expires_at > now else "expired"


def parse_expiry(text: str | timedelta) -> timedelta:
    """``7d``, ``12h``, ``90m``, ``2w``, ``1d12h`` or a number of days, from 1 minute to 90 days."""
    if isinstance(text, timedelta):
        value = text
    else:
        raw = "".join(str(text).lower().split())
        if raw.isdigit():
            raw += "d"
        if not _EXPIRY.fullmatch(raw):
            raise Invalid(
                "expires",
                f"{text!r} is not an expiry.",
                "Type it like 7d, 48h, 90m or 1d12h (at most 90 days).",
            )
        value = timedelta()
        for part in _EXPIRY_PART.finditer(raw):
            value += timedelta(**{_EXPIRY_UNITS[part[2]]: int(part[1])})
    if value < MIN_EXPIRY:
        raise Invalid("expires", "A grant must last at least a minute.")
    if value > MAX_EXPIRY:
        raise Invalid(
            "expires",
            "A grant lasts at most 90 days.",
            "Access is time-limited: ask the client for a new share when it runs out.",
        )
    return value


def time_left_text(seconds: int) -> str:
    """``6d 23h``, ``3h 05m``, ``12m``, or ``expired``."""
    if seconds <= 0:
        return "expired"
    minutes = -(-seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m"


def _utc(timestamp: int) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def _when(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


_SELECT = "SELECT g.*, t.number FROM grants g JOIN tickets t ON t.id = g.ticket_id"


class Grants:
    def __init__(self, ctx: Context, *, tickets: Tickets) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.tickets = tickets

    # the keyring

    def vault(self) -> Vault:
        """The vault, checked: raises :class:`KeyringUnavailable` when secrets cannot be kept."""
        vault = self.ctx.vault
        if vault is None:
            raise KeyringUnavailable(NO_VAULT)
        try:
            vault.check()
        except VaultUnavailable as exc:
            raise KeyringUnavailable(str(exc)) from None
        return vault

    # reading (no secret needed)

    def _grant(self, row: dict[str, Any]) -> Grant:
        return Grant(
            id=row["id"],
            ticket_id=row["ticket_id"],
            ref=self.ctx.ref(row["number"]),
            label=row["label"],
            key_name=row["key_name"],
            expires_at=_utc(row["expires_at"]),
            created_at=_utc(row["created_at"]),
            removed_at=None if row["removed_at"] is None else _utc(row["removed_at"]),
            removed_why=row["removed_why"],
        )

    def get(self, grant_id: int | str) -> Grant:
        try:
            number = int(str(grant_id).strip().lstrip("#"))
        except ValueError:
            raise Invalid(
                "grant", f"{grant_id!r} is not a grant id.", "See `hourdesk grant list`."
            ) from None
        fits = abs(number) < 2**63  # SQLite's integers
        rows = list(self.db.query(_SELECT + " WHERE g.id = ?", [number])) if fits else []
        if not rows:
            raise NotFound(f"There is no access grant #{number}.", "See `hourdesk grant list`.")
        return self._grant(rows[0])

    def list(self, ref: str | int | None = None, *, include_removed: bool = False) -> list[Grant]:
        """Grants, soonest expiry first; only live and expired ones unless include_removed."""
        where: list[str] = ["1"]
        args: list[object] = []
        if ref is not None:
            where.append("g.ticket_id = ?")
            args.append(self.tickets.get(ref).id)
        if not include_removed:
            where.append("g.removed_at IS NULL")
        order = "g.removed_at IS NOT NULL, g.expires_at, g.id"
        return [
            self._grant(r)
            for r in self.db.query(f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY {order}", args)
        ]

    # writing

    def add(
        self,
        ref: str | int,
        label: str,
        secret: str,
        expires: timedelta | str = DEFAULT_EXPIRY,
    ) -> Grant:
        """Keep ``secret`` in the keyring under a generated key; record the grant, not the value."""
        ticket = self.tickets.get(ref)
        rules.refuse_done(ticket, "access")
        label = " ".join(str(label).split())
        if not label:
            raise Invalid("label", "The grant needs a label, like “staging server SSH”.")
        if len(label) > MAX_LABEL_CHARS:
            raise Invalid("label", f"The label is longer than {MAX_LABEL_CHARS} characters.")
        typed(label, "label")
        if not isinstance(secret, str) or not secret.strip():
            raise Invalid("secret", "The secret is empty.")
        if len(secret) > MAX_SECRET_CHARS:
            raise Invalid("secret", f"The secret is longer than {MAX_SECRET_CHARS} characters.")
        lasts = parse_expiry(expires)
        vault = self.vault()
        now = self.ctx.clock.now()
        expires_at = now + lasts
        key = KEY_PREFIX + secrets.token_hex(12)
        # The record is committed first and the secret stored after it: a crash in between
        # leaves a record whose secret is missing (shown, and revocable), never a secret in
        # the keyring that no record points at and nothing would delete.
        with transaction(self.db):
            cur = self.db.execute(
                "INSERT INTO grants (ticket_id, label, key_name, expires_at, created_at)"
                " VALUES (?,?,?,?,?)",
                [ticket.id, label, key, int(expires_at.timestamp()), int(now.timestamp())],
            )
            grant_id = new_id(cur)
            self._record(
                ticket,
                f"Access grant #{grant_id} added: {label}. It expires {_when(expires_at)}; "
                "the secret is kept in the OS keyring only.",
                grant_id,
                "added",
                expires_at=int(expires_at.timestamp()),
            )
        try:
            vault.put(key, secret)
        except BaseException as exc:
            with suppress(Exception):
                vault.delete(key)
            with suppress(Exception):
                self._mark_removed(
                    self.get(grant_id), "not stored", "The OS keyring did not take its secret."
                )
            if isinstance(exc, VaultUnavailable):
                raise KeyringUnavailable(str(exc)) from None
            raise
        return self.get(grant_id)

    def reveal(self, grant_id: int | str, how: str = "shown") -> str:
        """The secret of a live grant; the thread records that it was revealed (not the value)."""
        grant = self.get(grant_id)
        self._refuse_unless_live(grant)
        vault = self.vault()
        try:
            secret = vault.get(grant.key_name)
        except VaultUnavailable as exc:
            raise KeyringUnavailable(str(exc)) from None
        if secret is None:
            raise Refused(
                f"The secret of grant #{grant.id} is no longer in the OS keyring "
                "(it was deleted outside hourdesk).",
                f"Revoke it (hourdesk grant revoke {grant.id}) and ask the client to share "
                "access again.",
            )
        ticket = self.tickets.by_id(grant.ticket_id)
        with transaction(self.db):
            self._record(
                ticket,
                f"Access grant #{grant.id} revealed ({' '.join(how.split())}): {grant.label}.",
                grant.id,
                "revealed",
            )
        return secret

    def revoke(self, grant_id: int | str) -> Grant:
        """Delete the secret from the keyring now and record it."""
        grant = self.get(grant_id)
        if grant.removed_at is not None:
            raise Refused(f"Access grant #{grant.id} was already removed ({grant.removed_why}).")
        self._remove(self.vault(), grant, "revoked")
        return self.get(grant.id)

    def purge(self) -> builtins.list[Grant]:
        """Delete expired grants, and those of resolved or closed tickets, from the keyring.

        Touches the keyring only when there is something to delete, so a desk without
        grants works on a box without a keyring.
        """
        due = self._due(f"g.expires_at <= ? OR {_ENDED}", [self.ctx.clock.timestamp()])
        return self._remove_due(self.vault(), due) if due else []

    def purge_ticket(self, ticket_id: int) -> builtins.list[Grant]:
        """Delete every live grant of a ticket once it is resolved or closed; record it.

        Called on every status change, so access ends with the ticket whatever closed it.
        """
        due = self._due(f"g.ticket_id = ? AND {_ENDED}", [ticket_id])
        if not due:
            return []
        try:
            vault = self.vault()
        except KeyringUnavailable as exc:
            numbers = ", ".join(f"#{grant.id}" for grant, _ in due)
            raise KeyringUnavailable(
                f"{due[0][0].ref} keeps access grants ({numbers}) whose secrets leave the OS "
                f"keyring when it ends, and the keyring cannot be reached. {exc}"
            ) from None
        return self._remove_due(vault, due)

    def _due(self, where: str, args: Sequence[object]) -> builtins.list[tuple[Grant, str]]:
        """Live grants matching ``where``, each with its ticket's status."""
        return [
            (self._grant(r), r["status"])
            for r in self.db.query(
                "SELECT g.*, t.number, t.status FROM grants g JOIN tickets t ON t.id = g.ticket_id"
                f" WHERE g.removed_at IS NULL AND ({where}) ORDER BY g.expires_at, g.id",
                args,
            )
        ]

    def _remove_due(
        self, vault: Vault, due: builtins.list[tuple[Grant, str]]
    ) -> builtins.list[Grant]:
        now = self.ctx.clock.timestamp()
        removed = []
        for grant, status in due:
            why = "expired" if int(grant.expires_at.timestamp()) <= now else f"ticket {status}"
            if self._remove(vault, grant, why):
                removed.append(self.get(grant.id))
        return removed

    # helpers

    def _refuse_unless_live(self, grant: Grant) -> None:
        if grant.removed_at is not None:
            raise Refused(
                f"Access grant #{grant.id} was removed ({grant.removed_why}): its secret is gone.",
                "Ask the client to share access again if it is still needed.",
            )
        if grant.expires_at <= self.ctx.clock.now():
            raise Refused(
                f"Access grant #{grant.id} expired {_when(grant.expires_at)}.",
                "Ask the client for a new share; `hourdesk grant purge` deletes the old one.",
            )

    def _remove(self, vault: Vault, grant: Grant, why: str) -> bool:
        """Delete the secret, then mark the grant removed; False when another process won."""
        try:
            vault.delete(grant.key_name)
        except VaultUnavailable as exc:
            raise KeyringUnavailable(str(exc)) from None
        return self._mark_removed(grant, why, "Its secret was deleted from the OS keyring.")

    def _mark_removed(self, grant: Grant, why: str, after: str) -> bool:
        ticket = self.tickets.by_id(grant.ticket_id)
        words = {
            "revoked": "revoked",
            "expired": f"expired {_when(grant.expires_at)}",
        }.get(why, f"removed ({why})")
        with transaction(self.db):
            cur = self.db.execute(
                "UPDATE grants SET removed_at = ?, removed_why = ? WHERE id = ?"
                " AND removed_at IS NULL",
                [self.ctx.clock.timestamp(), why, grant.id],
            )
            if cur.rowcount != 1:
                return False
            self._record(
                ticket, f"Access grant #{grant.id} {words}: {grant.label}. {after}", grant.id, why
            )
        return True

    def _record(
        self, ticket: Ticket, body: str, grant_id: int, action: str, **data: object
    ) -> None:
        self.tickets.add_entry(
            ticket, "access", "consultant", body, {"grant": grant_id, "action": action, **data}
        )
