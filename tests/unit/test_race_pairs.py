"""Two desks doing conflicting actions at the same instant: one answer, as if one came first.

Two long-lived worker processes each keep a desk on the same SQLite file (as two TUIs would).
For every round the test hands each its action, both wait on one barrier and act at once.
Every round must end as some order of the two actions would have ended it: where only one
can succeed, exactly one does and the other gets a clear refusal (a ``Refused``, never an
SQLite error), and the records are consistent: one completion record, the right final
status, one decision per estimate version, locks that match the invoices, and never more
paid and credited than an invoice's total.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.db import transaction
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

ROUNDS = 25
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = ready_settings({"payment": {"bank_details": "Example Bank, IBAN XX00"}})
WAIT = 30  # seconds a worker waits for the other at the barrier before giving up


def _desk(path: Path, clock: FixedClock) -> Desk:
    return build_desk(path, vault=MemoryVault(), clock=clock, settings=SETTINGS)


# --- the actions, by name (a worker receives names and arguments, never code) -------------

ACTIONS: dict[str, Callable[..., object]] = {
    "resolve": lambda desk, ref: desk.completion.resolve(ref, "Done."),
    "approve": lambda desk, ref: desk.estimates.approve(ref, text="Approved, go ahead."),
    "decline": lambda desk, ref: desk.estimates.decline(ref, text="Too expensive."),
    "estimate": lambda desk, ref: desk.estimates.send(ref, hours="5"),
    "start": lambda desk, ref: desk.timer.start(ref),
    "issue": lambda desk, client_id: desk.invoicing.issue(client_id),
    "void": lambda desk, number: desk.invoicing.void(number, "Wrong client."),
    "pay": lambda desk, number: desk.payments.pay(number, amount="100", method="bank"),
    "credit": lambda desk, number: desk.invoicing.credit(number, "100", "Goodwill."),
    "settle": lambda desk, number: desk.payments.pay(number, amount="140", method="bank"),
    "clear": lambda desk, ref: desk.payments.clear(ref, "Their server is down."),
}


@dataclass(frozen=True)
class Outcome:
    action: str
    kind: str  # "ok", "refused" or "error"
    text: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def _serve(tasks, results, barrier) -> None:
    """A worker: one desk per database file, kept across rounds; act when both are ready."""
    clock = FixedClock(T0)
    desk, at = None, None
    try:
        while (task := tasks.get()) is not None:
            path, now, action, arg = task
            if path != at:
                if desk is not None:
                    desk.close()
                desk, at = _desk(path, clock), path
            clock.instant = now
            barrier.wait(WAIT)
            try:
                ACTIONS[action](desk, arg)
            except Refused as exc:
                results.put(Outcome(action, "refused", str(exc)))
            except BaseException as exc:
                results.put(Outcome(action, "error", f"{type(exc).__name__}: {exc}"))
            else:
                results.put(Outcome(action, "ok"))
    finally:
        if desk is not None:
            desk.close()


class Pair:
    """Two workers fed by queues; :meth:`race` runs one round."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        barrier = context.Barrier(2)
        self.tasks = [context.Queue(), context.Queue()]
        self.results = [context.Queue(), context.Queue()]
        self.workers = [
            context.Process(target=_serve, args=(t, r, barrier), daemon=True)
            for t, r in zip(self.tasks, self.results, strict=True)
        ]
        for worker in self.workers:
            worker.start()

    def race(self, path: Path, first: tuple, second: tuple) -> tuple[Outcome, Outcome]:
        """Each ``(action, arg, now)`` in its own process, released together."""
        for queue, (action, arg, now) in zip(self.tasks, (first, second), strict=True):
            queue.put((path, now, action, arg))
        a, b = (queue.get(timeout=2 * WAIT) for queue in self.results)
        for outcome in (a, b):
            assert outcome.kind != "error", outcome
            if outcome.kind == "refused":
                assert outcome.text.strip(), outcome
                for raw in ("constraint", "sqlite", "UNIQUE", "IntegrityError"):
                    assert raw not in outcome.text, outcome
        return a, b

    def close(self) -> None:
        for queue in self.tasks:
            queue.put(None)
        for worker in self.workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    # Forked before this module opens any database: a connection must not cross a fork.
    pair = Pair()
    yield pair
    pair.close()


# --- preparing many rounds at once --------------------------------------------------------


@pytest.fixture
def prepared(tmp_path: Path) -> Iterator[tuple[Path, Desk]]:
    """A database with one client, and a desk on it that works two days before the races."""
    path = tmp_path / "hourdesk.db"
    desk = _desk(path, FixedClock(T0 - timedelta(days=2)))
    desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
    yield path, desk
    assert problems(desk.db) == []
    desk.close()


def tickets(
    desk: Desk,
    *,
    approve: bool = True,
    estimate: bool = True,
    hours: int = 0,
    client_id: int = 1,
    count: int = ROUNDS,
) -> list[str]:
    """One ticket per round, in one transaction; optionally estimated, approved, worked."""
    refs = []
    with transaction(desk.db):
        for n in range(count):
            ticket = desk.tickets.new(client_id=client_id, subject=f"Request {n}", body="Help.")
            if estimate:
                desk.estimates.send(ticket.ref, hours="20")
            if approve:
                desk.estimates.approve(ticket.ref, text="Approved.")
            if hours:
                start = desk.clock.now()
                desk.clock.advance(hours=hours)
                desk.timer.log(ticket.ref, start=start, end=desk.clock.now())
            refs.append(ticket.ref)
    return refs


def when(n: int) -> datetime:
    return T0 + timedelta(minutes=10 * n)


def count(desk: Desk, sql: str, *args) -> int:
    return desk.db.execute(sql, args).fetchone()[0]


def decisions(desk: Desk, ref: str) -> list[str]:
    """The outcome of every decision recorded on the ticket's estimates."""
    return [
        row[0]
        for row in desk.db.execute(
            "SELECT d.outcome FROM decisions d JOIN estimates e ON e.id = d.estimate_id"
            " JOIN tickets t ON t.id = e.ticket_id WHERE t.number = ? ORDER BY d.id",
            [desk.parse_ref(ref)],
        )
    ]


def entries(desk: Desk, ref: str, kind: str) -> list[int]:
    ticket = desk.tickets.get(ref)
    return [e.id for e in desk.tickets.thread(ticket.id) if e.kind == kind]


def one_winner(a: Outcome, b: Outcome) -> tuple[Outcome, Outcome]:
    """Exactly one succeeded; returns (winner, loser)."""
    assert [a.ok, b.ok].count(True) == 1, (a, b)
    return (a, b) if a.ok else (b, a)


# --- the pairs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "kind", "status"),
    [("resolve", "completion", "resolved"), ("approve", "approval", "approved")],
)
def test_the_same_action_twice(pair, prepared, action: str, kind: str, status: str) -> None:
    """One completion record, one approval: the second desk is told it is already done."""
    path, desk = prepared
    for n, ref in enumerate(tickets(desk, approve=action != "approve")):
        a, b = pair.race(path, (action, ref, when(n)), (action, ref, when(n)))
        _, loser = one_winner(a, b)
        assert f"already {status}" in loser.text
        assert len(entries(desk, ref, kind)) == 1
        assert decisions(desk, ref) == ["approved"]
        assert desk.tickets.get(ref).status == status


def test_approve_and_resolve(pair, prepared) -> None:
    """Resolved first: the approval is refused. Approved first: resolving still may follow."""
    path, desk = prepared
    for n, ref in enumerate(tickets(desk, approve=False)):
        approve, resolve = pair.race(path, ("approve", ref, when(n)), ("resolve", ref, when(n)))
        assert resolve.ok, resolve
        approvals, completion = entries(desk, ref, "approval"), entries(desk, ref, "completion")
        assert len(completion) == 1
        assert desk.tickets.get(ref).status == "resolved"
        if approve.ok:
            assert len(approvals) == 1 and approvals[0] < completion[0]
            assert decisions(desk, ref) == ["approved"]
        else:
            assert f"{ref} is resolved" in approve.text
            assert approvals == [] and decisions(desk, ref) == []


def test_approve_and_decline(pair, prepared) -> None:
    path, desk = prepared
    for n, ref in enumerate(tickets(desk, approve=False)):
        a, b = pair.race(path, ("approve", ref, when(n)), ("decline", ref, when(n)))
        winner, loser = one_winner(a, b)
        assert "already" in loser.text
        ticket = desk.tickets.get(ref)
        if winner.action == "approve":
            assert decisions(desk, ref) == ["approved"]
            assert ticket.status == "approved"
        else:
            assert decisions(desk, ref) == ["declined"]
            assert (ticket.status, ticket.hold_reason) == ("on_hold", "declined")


def test_estimate_and_estimate(pair, prepared) -> None:
    """Two revisions at once: both are kept, as versions 2 and 3, never one number twice."""
    path, desk = prepared
    for n, ref in enumerate(tickets(desk)):
        a, b = pair.race(path, ("estimate", ref, when(n)), ("estimate", ref, when(n)))
        assert a.ok and b.ok, (a, b)
        versions = [e.version for e in desk.estimates.versions(desk.tickets.get(ref).id)]
        assert versions == [1, 2, 3]
        assert len(entries(desk, ref, "estimate")) == 3


def test_start_and_resolve(pair, prepared) -> None:
    """Resolved first: the start is refused. Started first: resolving stops that timer."""
    path, desk = prepared
    for n, ref in enumerate(tickets(desk)):
        later = when(n) + timedelta(minutes=1)
        start, resolve = pair.race(path, ("start", ref, when(n)), ("resolve", ref, later))
        assert resolve.ok, resolve
        assert desk.timer.running() is None
        assert desk.tickets.get(ref).status == "resolved"
        assert len(entries(desk, ref, "completion")) == 1
        worked = desk.timer.entries(ref)
        if start.ok:
            assert [e.seconds for e in worked] == [60]
        else:
            assert f"{ref} is resolved" in start.text
            assert worked == []


def test_issue_and_void(pair, prepared) -> None:
    """Voided first: the freed time is billed again. Issued first: nothing was left to bill."""
    path, desk = prepared
    numbers = []
    with transaction(desk.db):
        for n in range(ROUNDS):
            client = desk.clients.add(name=f"Client {n}", emails=f"c{n}@example.com", rate="140")
            (ref,) = tickets(desk, client_id=client.id, count=1, hours=1)
            desk.completion.resolve(ref, "Done.")
            numbers.append((client.id, ref, desk.invoicing.issue(client.id).number))
    for n, (client_id, ref, number) in enumerate(numbers):
        issue, void = pair.race(path, ("issue", client_id, when(n)), ("void", number, when(n)))
        assert void.ok, void
        assert desk.invoicing.get(number).status == "void"
        billed = {e.invoice_id for e in desk.timer.entries(ref)}
        issued = desk.invoicing.list(client_id=client_id)
        if issue.ok:
            assert len(issued) == 2 and billed == {issued[0].id}
            assert desk.tickets.get(ref).status == "closed"
        else:
            assert "no resolved tickets with unbilled billable time" in issue.text
            assert len(issued) == 1 and billed == {None}
            assert desk.tickets.get(ref).status == "resolved"
        assert problems(desk.db) == []


def test_pay_and_credit(pair, prepared) -> None:
    """An invoice of $140 cannot take a payment of $100 and a credit of $100."""
    path, desk = prepared
    refs = tickets(desk, hours=1)
    numbers = []
    with transaction(desk.db):
        for ref in refs:
            desk.completion.resolve(ref, "Done.")
            numbers.append(desk.invoicing.issue(1, [ref]).number)
    for n, number in enumerate(numbers):
        a, b = pair.race(path, ("pay", number, when(n)), ("credit", number, when(n)))
        _, loser = one_winner(a, b)
        assert "left" in loser.text
        account = desk.payments.account(number)
        assert account.invoice.total_cents == 14000
        assert account.paid_cents + account.credited_cents == 10000


def test_clear_and_pay(pair, prepared) -> None:
    """Paid first: there is no hold left to clear. Cleared first: the payment still counts."""
    path, desk = prepared
    rounds = []
    with transaction(desk.db):
        for n in range(ROUNDS):
            client = desk.clients.add(
                name=f"Client {n}", emails=f"c{n}@example.com", rate="140", terms_days=0
            )
            (ref,) = tickets(desk, client_id=client.id, count=1, hours=1)
            desk.completion.resolve(ref, "Done.")
            number = desk.invoicing.issue(client.id).number
            urgent = desk.tickets.new(client_id=client.id, subject="Down", priority="urgent")
            desk.tickets.set_status(urgent.ref, "on_hold", "payment")
            rounds.append((number, urgent.ref))
    for n, (number, ref) in enumerate(rounds):  # two days on, every invoice is overdue
        pay, clear = pair.race(path, ("settle", number, when(n)), ("clear", ref, when(n)))
        assert pay.ok, pay
        ticket = desk.tickets.get(ref)
        cleared = count(desk, "SELECT count(*) FROM clearances WHERE ticket_id = ?", ticket.id)
        assert cleared == clear.ok
        if not clear.ok:
            assert "is not on payment hold" in clear.text
        assert ticket.status == "new"
        moves = [e.data["to"] for e in desk.tickets.thread(ticket.id) if e.kind == "status"]
        assert moves == ["on_hold", "new"]
