"""Statements in, payments matched: credits from bank and PayPal statements are matched to
open invoices by reference, then by exact amount and client name; only certain matches are
recorded without asking. A credit is imported once and pays an invoice at most once."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import NotFound, Refused
from hourdesk.app.core.money import format_usd, plain
from hourdesk.app.core.references import rf_valid
from hourdesk.app.desk.billing.statement_files import read_statement
from hourdesk.app.desk.text import received, typed
from hourdesk.app.desk.writing import write

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hourdesk.app.desk.billing.payments import Account, Payments
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.storage.models import Client

CERTAIN, LIKELY, NONE = "certain", "likely", "none"
_NOISE = {"llc", "inc", "ltd", "co", "corp", "the", "and", "of", "pllc", "pc", "lp", "llp"}
_NUMBER = re.compile(r"(?<![0-9])(20\d\d)\s*[-/_.]?\s*(\d{4,5})(?![0-9])")
_RF = re.compile(r"RF\s*(\d\d)\s*((?:\d\s*){8,9})")


@dataclass(frozen=True)
class StatementCredit:
    id: int
    txn_key: str
    source: str
    posted_on: date
    amount_cents: int
    fee_cents: int
    payer: str
    memo: str
    status: str
    note: str

    @property
    def text(self) -> str:
        return f"{self.payer} {self.memo}".strip()


@dataclass(frozen=True)
class Proposal:
    """The invoices a credit would pay, and how sure the match is."""

    credit: StatementCredit
    allocations: tuple[tuple[str, int], ...]  # (invoice number, cents)
    confidence: str  # certain, likely or none
    why: str


@dataclass(frozen=True)
class Imported:
    new: int
    known: int
    proposals: list[Proposal]
    applied: list[Proposal]


def words(text: str) -> set[str]:
    """Lower-case words without accents: ``Zoë Ångström-Müller`` -> zoe, angstrom, muller."""
    plain_text = unicodedata.normalize("NFKD", text)
    plain_text = "".join(c for c in plain_text if not unicodedata.combining(c))
    return set(re.findall(r"[a-z0-9]+", plain_text.lower()))


def _named(name: str, found: set[str]) -> bool:
    tokens = {w for w in words(name) if w not in _NOISE and len(w) > 1}
    return bool(tokens) and tokens <= found


def references(text: str) -> tuple[list[str], set[str]]:
    """Invoice numbers quoted in ``text`` in order, and those quoted as a valid RF reference."""
    upper = text.upper()
    checked = set()
    for match in _RF.finditer(upper):
        digits = re.sub(r"\s", "", match[2])
        for size in (8, 9):
            if rf_valid(f"RF{match[1]}{digits[:size]}"):
                checked.add(f"{digits[:4]}-{digits[4:size]}")
    found = [f"{m[1]}-{m[2]}" for m in _NUMBER.finditer(upper)]
    return list(dict.fromkeys([*sorted(checked), *found])), checked


class Statements:
    def __init__(self, ctx: Context, *, clients: Clients, payments: Payments) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.payments = payments

    # reading

    def _rows(self, clause: str, args: Sequence[object]) -> list[StatementCredit]:
        return [
            StatementCredit(**{**row, "posted_on": date.fromisoformat(row["posted_on"])})
            for row in self.db.query(
                "SELECT id, txn_key, source, posted_on, amount_cents, fee_cents, payer, memo,"
                f" status, note FROM statement_credits {clause}",
                args,
            )
        ]

    def credits(self, *, open_only: bool = True) -> list[StatementCredit]:
        where = "WHERE status = 'open' " if open_only else ""
        return self._rows(f"{where}ORDER BY posted_on, id", [])

    def get(self, credit_id: int) -> StatementCredit:
        found = self._rows("WHERE id = ?", [credit_id])
        if not found:
            raise NotFound(
                f"There is no statement line {credit_id}.", "See `hourdesk statement list`."
            )
        return found[0]

    # matching

    def _book(self) -> tuple[dict[str, Account], dict[int, Client]]:
        accounts = {
            a.invoice.number: a
            for a in self.payments.accounts(open_only=True)
            if a.invoice.kind == "invoice"
        }
        clients = {c.id: c for c in self.clients.list()}
        return accounts, clients

    def propose(
        self,
        credit: StatementCredit,
        book: tuple[dict[str, Account], dict[int, Client]] | None = None,
    ) -> Proposal:
        """By reference first, then by exact amount and client name; never a guess as certain."""
        accounts, clients = book or self._book()
        found = words(credit.text)
        lowered = credit.text.lower()

        def named(client_id: int) -> bool:
            client = clients[client_id]
            return (
                _named(client.name, found)
                or (bool(client.company) and _named(client.company, found))
                or any(e.lower() in lowered for e in client.emails if e)
            )

        def payable(a: Account) -> bool:
            return a.invoice.issue_date <= credit.posted_on

        refs, checked = references(credit.text)
        quoted = [accounts[n] for n in refs if n in accounts and payable(accounts[n])]
        if quoted:
            return self._by_reference(credit, quoted, checked, accounts, named)
        proposal = self._by_name(credit, accounts, named, payable)
        settled = [n for n in refs if n not in accounts and self._issued(n)]
        if settled and proposal.confidence == CERTAIN:
            # It quotes an invoice with nothing left to pay: a second payment, or a typo
            # that names another invoice. Either way the consultant decides.
            why = f"{proposal.why}, but it quotes {', '.join(settled)}, which owes nothing"
            return Proposal(credit, proposal.allocations, LIKELY, why)
        return proposal

    def _issued(self, number: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM invoices WHERE number = ?", [number]).fetchone()
            is not None
        )

    def _by_name(
        self,
        credit: StatementCredit,
        accounts: dict[str, Account],
        named: Callable[[int], bool],
        payable: Callable[[Account], bool],
    ) -> Proposal:
        amount = credit.amount_cents
        by_name = [a for a in accounts.values() if payable(a) and named(a.invoice.client_id)]
        exact = [a for a in by_name if a.balance_cents == amount]
        if len(exact) == 1:
            return self._one(credit, exact[0], CERTAIN, "exact amount and client name")
        if exact:
            oldest = min(exact, key=lambda a: a.invoice.number)
            return self._one(
                credit, oldest, LIKELY, f"{len(exact)} invoices of this client owe this amount"
            )
        for client_id in dict.fromkeys(a.invoice.client_id for a in by_name):
            theirs = sorted(
                (a for a in by_name if a.invoice.client_id == client_id),
                key=lambda a: a.invoice.number,
            )
            if len(theirs) > 1 and sum(a.balance_cents for a in theirs) == amount:
                return self._all(credit, theirs, CERTAIN, "pays every open invoice of the client")
            subsets = [
                group
                for size in range(2, min(4, len(theirs) - 1) + 1)
                for group in itertools.combinations(theirs[:12], size)
                if sum(a.balance_cents for a in group) == amount
            ]
            if len(subsets) == 1:
                return self._all(credit, list(subsets[0]), LIKELY, "amounts add up: combined?")
            if len(theirs) == 1 and amount < theirs[0].balance_cents:
                return self._one(credit, theirs[0], LIKELY, "client name: partial payment?")
        anyone = [a for a in accounts.values() if payable(a) and a.balance_cents == amount]
        if len(anyone) == 1:
            return self._one(credit, anyone[0], LIKELY, "exact amount only")
        return Proposal(credit, (), NONE, "no reference, amount or name fits an open invoice")

    def _one(
        self, credit: StatementCredit, account: Account, confidence: str, why: str
    ) -> Proposal:
        cents = min(credit.amount_cents, account.balance_cents)
        return Proposal(credit, ((account.invoice.number, cents),), confidence, why)

    def _all(
        self, credit: StatementCredit, accounts: list[Account], confidence: str, why: str
    ) -> Proposal:
        left, allocations = credit.amount_cents, []
        for a in accounts:
            if left <= 0:
                break
            allocations.append((a.invoice.number, min(left, a.balance_cents)))
            left -= allocations[-1][1]
        return Proposal(credit, tuple(allocations), confidence, why)

    def _by_reference(
        self,
        credit: StatementCredit,
        quoted: list[Account],
        checked: set[str],
        accounts: dict[str, Account],
        named: Callable[[int], bool],
    ) -> Proposal:
        quoted.sort(key=lambda a: a.invoice.number)
        numbers = ", ".join(a.invoice.number for a in quoted)
        owed = sum(a.balance_cents for a in quoted)
        amount = credit.amount_cents
        if amount > owed:
            over = format_usd(amount - owed, self.ctx.settings.locale)
            return self._all(credit, quoted, LIKELY, f"reference {numbers}, but {over} more")
        owners = {a.invoice.client_id for a in quoted}
        by_name = any(named(c) for c in owners)
        # A typo in a reference may name another invoice of the same client: a partial
        # payment is certain only when no other open invoice of theirs owes exactly this.
        other_exact = any(
            a.balance_cents == amount and a.invoice.client_id in owners and a not in quoted
            for a in accounts.values()
        )
        exact = amount == owed
        sure = all(a.invoice.number in checked for a in quoted)
        if len(owners) == 1 and (exact or ((by_name or sure) and not other_exact)):
            how = "exact amount" if exact else "partial payment"
            who = " and client name" if by_name else ""
            return self._all(credit, quoted, CERTAIN, f"reference {numbers}, {how}{who}")
        return self._all(credit, quoted, LIKELY, f"reference {numbers}; amount or payer differ")

    def proposals(self) -> list[Proposal]:
        book = self._book()
        return [self.propose(c, book) for c in self.credits()]

    # writing

    def import_file(self, path: Path, *, preset: str = "", apply: bool = False) -> Imported:
        """Read a statement's credits (each once, ever) and propose or record their matches."""
        credits = read_statement(Path(path), self.ctx.settings.statements, preset)
        new = 0
        with write(self.db):
            now = self.ctx.clock.timestamp()
            for c in credits:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO statement_credits (txn_key, source, posted_on,"
                    " amount_cents, fee_cents, payer, memo, imported_at)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    [
                        c.txn_key,
                        c.source,
                        c.posted_on.isoformat(),
                        c.amount_cents,
                        c.fee_cents,
                        received(c.payer[:200])[0],
                        received(c.memo[:500])[0],
                        now,
                    ],
                )
                new += cur.rowcount
        applied = self.apply_certain() if apply else []
        return Imported(new, len(credits) - new, self.proposals(), applied)

    def apply_certain(self) -> list[Proposal]:
        """Record every certain match, oldest credit first, re-matching after each."""
        applied = []
        for credit in self.credits():
            proposal = self.propose(credit)
            if proposal.confidence != CERTAIN:
                continue
            try:
                self.record(credit.id, list(proposal.allocations), proposal.why)
            except Refused:  # a line dated in the future, say: it stays open, with its match
                continue
            applied.append(proposal)
        return applied

    def record(
        self, credit_id: int, allocations: list[tuple[str, int]], why: str = ""
    ) -> StatementCredit:
        """Pay invoices from one credit: all or nothing, never more than the credit."""
        with write(self.db):
            credit = self.get(credit_id)
            if credit.status != "open":
                raise Refused(f"Statement line {credit_id} is already {credit.status}.")
            total = sum(cents for _, cents in allocations)
            if not allocations or min(cents for _, cents in allocations) <= 0:
                raise Refused("Each invoice paid from a credit needs an amount above zero.")
            if total > credit.amount_cents:
                locale = self.ctx.settings.locale
                raise Refused(
                    f"That is {format_usd(total, locale)}, more than the credit of"
                    f" {format_usd(credit.amount_cents, locale)}.",
                    "Lower the amounts.",
                )
            method = "paypal" if credit.source == "paypal" else "bank"
            for position, (number, cents) in enumerate(allocations):
                self.payments.pay(
                    number,
                    amount=plain(cents),
                    method=method,
                    paid_on=credit.posted_on,
                    reference=f"{credit.txn_key} {credit.memo}"[:200],
                    statement_id=credit.id,
                    fee_cents=credit.fee_cents if position == 0 else 0,
                )
            left = credit.amount_cents - total
            note = typed(why, "why") or "matched by hand"
            if left:
                note += f"; {format_usd(left, self.ctx.settings.locale)} not applied"
            self.db.execute(
                "UPDATE statement_credits SET status = 'matched', note = ? WHERE id = ?",
                [note, credit.id],
            )
        return self.get(credit_id)

    def ignore(self, credit_id: int, reason: str = "not an invoice payment") -> StatementCredit:
        """Mark a credit as not an invoice payment (a refund, a transfer, interest...)."""
        with write(self.db):
            credit = self.get(credit_id)
            if credit.status != "open":
                raise Refused(f"Statement line {credit_id} is already {credit.status}.")
            self.db.execute(
                "UPDATE statement_credits SET status = 'ignored', note = ? WHERE id = ?",
                [typed(" ".join(reason.split()), "reason") or "not an invoice payment", credit.id],
            )
        return self.get(credit_id)
