"""Prepaid hour blocks: sale on an invoice, payment, drawdown across tickets, overage,
concurrent drawdowns by two processes, expiry by each rollover rule, void and credit."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.facade import Desk
from tests.unit.test_invoicing import add_client, open_desk, ticket

H = 3600


@pytest.fixture
def desk(tmp_path: Path):
    desk = open_desk(tmp_path / "t.db")
    yield desk
    desk.close()


@pytest.fixture
def client(desk):
    return add_client(desk)


def paid_block(desk: Desk, client, hours: str = "10", **kw):
    block = desk.blocks.sell(client.id, hours, rate="140", **kw)
    desk.payments.pay(block.number, amount=str(block.seconds * 140 // H), method="bank")
    return desk.blocks.get(block.number)


def lines(desk: Desk, number: str):
    return desk.invoicing.document(desk.invoicing.get(number)).lines


# --- sale ----------------------------------------------------------------------------------


def test_a_block_is_sold_on_an_invoice_in_the_one_sequence(desk, client) -> None:
    first = desk.invoicing.issue(client.id, [ticket(desk, client).ref])
    block = desk.blocks.sell(client.id, "10", rate="140", expires=date(2027, 6, 30))
    assert (first.number, block.number) == ("2026-0001", "2026-0002")
    invoice = desk.invoicing.get(block.number)
    assert invoice.total_cents == 140000
    (line,) = lines(desk, block.number)
    assert line.subject == "Prepaid support, 10 h at $140.00/h, valid until 2027-06-30"
    assert (line.amount_cents, line.rate_cents) == (140000, 14000)
    assert block.balance == 10 * H and block.state == "unpaid" and not block.usable
    assert [e.kind for e in desk.blocks.history(block)] == ["sale"]
    pdf = desk.invoicing.pdf(block.number, desk.exports_dir() / "b.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_block_sold_as_the_year_turns_is_numbered_in_the_year_of_its_issue_date(
    tmp_path, monkeypatch
) -> None:
    from hourdesk.app.core.clock import FixedClock

    class Ticking(FixedClock):
        """A second passes at every reading, as on a slow machine at midnight."""

        def now(self) -> datetime:
            self.advance(seconds=1)
            return self.instant

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    desk = open_desk(tmp_path / "t.db")
    client = add_client(desk)
    desk.ctx.clock = Ticking(datetime(2026, 12, 31, 23, 59, 58, tzinfo=UTC))
    block = desk.blocks.sell(client.id, "10", rate="140")
    invoice = desk.invoicing.get(block.number)
    assert block.number.split("-")[0] == str(invoice.issue_date.year)
    desk.close()
    monkeypatch.undo()
    time.tzset()


def test_a_block_becomes_usable_when_paid_or_at_once_by_the_clients_setting(desk, client) -> None:
    block = desk.blocks.sell(client.id, "10", rate="140")
    desk.payments.pay(block.number, amount="700", method="bank")
    assert desk.blocks.get(block.number).state == "unpaid"
    desk.payments.pay(block.number, amount="700", method="bank")
    assert desk.blocks.get(block.number).usable

    other = add_client(desk, "Bluebird Bakery")
    unpaid = desk.blocks.sell(other.id, "5", rate="100")
    assert not unpaid.usable
    desk.blocks.set_before_payment(other.id, True)
    assert desk.blocks.get(unpaid.number).usable


@pytest.mark.parametrize(
    ("hours", "expires", "said"),
    [
        ("0", None, "not a block size"),
        ("1h10m", None, "not a block size"),
        ("ten", None, "not a duration"),
        ("10", date(2026, 3, 2), "not after today"),
    ],
)
def test_a_block_that_cannot_be_sold_is_refused_and_nothing_is_written(
    desk, client, hours, expires, said
) -> None:
    with pytest.raises(Invalid, match=said):
        desk.blocks.sell(client.id, hours, expires=expires)
    assert desk.db.execute("SELECT count(*) FROM invoices").fetchone()[0] == 0


def test_block_history_is_append_only(desk, client) -> None:
    block = desk.blocks.sell(client.id, "10")
    for sql in ("UPDATE block_events SET seconds = 1", "DELETE FROM block_events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            desk.db.execute(sql)
    with pytest.raises(sqlite3.IntegrityError, match="never changes"):
        desk.db.execute("UPDATE blocks SET seconds = 1 WHERE id = ?", [block.id])


# --- drawdown ------------------------------------------------------------------------------


def test_time_draws_from_the_oldest_block_across_tickets_then_bills_the_rest(desk, client) -> None:
    older = paid_block(desk, client, "3")
    newer = paid_block(desk, client, "2")
    a = ticket(desk, client, "Printer offline", int(2.5 * H))
    b = ticket(desk, client, "VPN for remote staff", 4 * H)
    invoice = desk.invoicing.issue(client.id, [a.ref, b.ref])

    got = [(line.ref, line.subject, line.amount_cents) for line in lines(desk, invoice.number)]
    assert got == [
        (a.ref, f"Printer offline, covered by block {older.number}: 2h30m, 0h30m left", 0),
        (b.ref, f"VPN for remote staff, covered by block {older.number}: 0h30m, 0h00m left", 0),
        (b.ref, f"VPN for remote staff, covered by block {newer.number}: 2h00m, 0h00m left", 0),
        (b.ref, "VPN for remote staff", 140 * 3 // 2 * 100),  # 1.5 h beyond, at the ticket rate
    ]
    assert invoice.total_cents == 21000
    assert desk.blocks.get(older.number).balance == 0
    assert desk.blocks.get(newer.number).state == "used up"
    billed = desk.db.execute(
        "SELECT sum(amount_cents), count(*) FROM invoice_lines WHERE invoice_id = ?", [invoice.id]
    ).fetchone()
    assert billed == (21000, 4)
    thread = [e.body for e in desk.tickets.thread(a.id)]
    assert any(f"Covered by block {older.number}: 2h30m, 0h30m left" in t for t in thread)
    assert desk.tickets.get(a.ref).status == "closed"


@pytest.mark.parametrize("rule", ["up15", "nearest15"])
@pytest.mark.parametrize("worked", [55 * 60, 2 * H + 50 * 60])
def test_split_lines_keep_the_locked_time_whole_for_hourdesk_check(tmp_path, rule, worked) -> None:
    from hourdesk.app.desk.checks import problems

    desk = open_desk(tmp_path / "r.db", rounding=rule)
    client = add_client(desk)
    paid_block(desk, client, "2")
    invoice = desk.invoicing.issue(client.id, [ticket(desk, client, seconds=worked).ref])
    parts = lines(desk, invoice.number)
    assert sum(line.seconds for line in parts) == worked
    assert problems(desk.db) == []
    desk.close()


def test_the_approval_gate_is_unchanged_by_a_block(desk, client) -> None:
    paid_block(desk, client)
    t = desk.tickets.new(client_id=client.id, subject="New laptop", body="Please set it up.")
    with pytest.raises(Refused, match="no estimate yet"):
        desk.timer.start(t.ref, category="implementation")
    desk.estimates.send(t.ref, hours="2")
    with pytest.raises(Refused, match="approv"):
        desk.timer.start(t.ref, category="implementation")


def test_the_estimate_says_how_much_the_block_covers(desk, client) -> None:
    paid_block(desk, client, "3")
    t = desk.tickets.new(client_id=client.id, subject="Server move", body="Please.")
    desk.estimates.send(t.ref, hours="5")
    body = next(e.body for e in desk.tickets.thread(t.id) if e.kind == "estimate")
    assert (
        "Your prepaid hours cover 3h00m of this; the other 2h00m are billed at $140.00/h." in body
    )
    small = desk.tickets.new(client_id=client.id, subject="Printer", body="Please.")
    desk.estimates.send(small.ref, hours="1")
    (said,) = [e.body for e in desk.tickets.thread(small.id) if e.kind == "estimate"]
    assert "cover 1h00m of this (2h00m left after it)." in said


def test_an_unpaid_or_other_clients_block_covers_nothing(desk, client) -> None:
    desk.blocks.sell(client.id, "10")
    other = add_client(desk, "Bluebird Bakery")
    paid_block(desk, other)
    t = ticket(desk, client, seconds=H)
    invoice = desk.invoicing.issue(client.id, [t.ref])
    assert [line.amount_cents for line in lines(desk, invoice.number)] == [14000]


def _draw(path: str, instant: datetime, client_id: int, ref: str, barrier, results) -> None:
    desk = open_desk(Path(path), instant)
    barrier.wait(timeout=60)
    invoice = desk.invoicing.issue(client_id, [ref])
    results.put((ref, invoice.total_cents))
    desk.close()


def test_two_processes_drawing_from_one_block_never_take_more_than_its_balance(
    tmp_path,
) -> None:
    path = tmp_path / "shared.db"
    desk = open_desk(path)
    client = add_client(desk)
    block = paid_block(desk, client, "3")
    refs = [ticket(desk, client, f"Job {i}", 2 * H).ref for i in range(2)]
    instant = desk.clock.now()
    desk.close()

    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    processes = [
        context.Process(target=_draw, args=(str(path), instant, client.id, ref, barrier, results))
        for ref in refs
    ]
    for p in processes:
        p.start()
    totals = dict(results.get(timeout=60) for _ in processes)
    for p in processes:
        p.join(timeout=60)
        assert p.exitcode == 0

    # 4 h of work against 3 h: exactly one hour is billed, whichever process came first.
    assert sorted(totals.values()) == [0, 14000]
    desk = open_desk(path)
    assert desk.blocks.get(block.number).balance == 0
    drawn = desk.db.execute(
        "SELECT -sum(seconds) FROM block_events WHERE kind = 'drawdown'"
    ).fetchone()
    assert drawn == (3 * H,)
    desk.close()


def test_the_schema_refuses_a_drawdown_below_zero(desk, client) -> None:
    block = paid_block(desk, client, "1")
    with pytest.raises(sqlite3.IntegrityError, match="more hours than it has"):
        desk.db.execute(
            "INSERT INTO block_events (block_id, kind, seconds, at) VALUES (?, 'drawdown', ?, 0)",
            [block.id, -2 * H],
        )


# --- expiry --------------------------------------------------------------------------------


def expire_with(desk: Desk, client, rule: str, used: int, *, renew: bool = True):
    """A 10 h block with ``used`` seconds drawn, expiring on 2026-06-30; the clock moves to
    July, then the client buys a new block (the rollover's target) unless not ``renew``."""
    block = paid_block(desk, client, "10", expires=date(2026, 6, 30), rollover=rule)
    if used:
        desk.invoicing.issue(client.id, [ticket(desk, client, seconds=used).ref])
    desk.clock.advance(days=130)
    desk.blocks.settle()
    later = paid_block(desk, client, "5") if renew else None
    return desk.blocks.get(block.number), later and desk.blocks.get(later.number)


@pytest.mark.parametrize(
    ("rule", "lapsed", "rolled"),
    [("none", 7 * H, 0), ("all", 0, 7 * H), ("2", 5 * H, 2 * H), ("8", 0, 7 * H)],
)
def test_expiry_lapses_or_rolls_over_by_the_rule_and_says_so(
    desk, client, rule, lapsed, rolled
) -> None:
    block, later = expire_with(desk, client, rule, 3 * H)
    assert block.state == "expired" and block.balance == 0
    kinds = {e.kind: e for e in desk.blocks.history(block)}
    assert ("lapse" in kinds) == bool(lapsed)
    if lapsed:
        assert kinds["lapse"].seconds == -lapsed
        assert "lapsed" in kinds["lapse"].detail
    assert later.balance == 5 * H + rolled
    assert ("rollover" in kinds) == bool(rolled)


def test_a_rollover_waits_for_the_next_block_and_is_never_drawn_meanwhile(desk, client) -> None:
    block, _ = expire_with(desk, client, "all", 0, renew=False)
    assert block.balance == 10 * H and block.state == "expired"
    t = ticket(desk, client, seconds=H)
    assert desk.invoicing.issue(client.id, [t.ref]).total_cents == 14000
    later = paid_block(desk, client, "5")
    assert later.balance == 15 * H
    assert desk.blocks.get(block.number).balance == 0


# --- void and credit -------------------------------------------------------------------------


def test_voiding_an_unused_blocks_invoice_voids_the_block(desk, client) -> None:
    block = desk.blocks.sell(client.id, "10")
    desk.invoicing.void(block.number, "Client changed their mind")
    block = desk.blocks.get(block.number)
    assert block.state == "void" and block.balance == 0
    assert [e.kind for e in desk.blocks.history(block)] == ["sale", "void"]


def test_once_hours_are_drawn_only_the_unused_part_is_credited(desk, client) -> None:
    desk.blocks.set_before_payment(client.id, True)
    block = desk.blocks.sell(client.id, "10", rate="140")
    desk.invoicing.issue(client.id, [ticket(desk, client, seconds=4 * H).ref])
    with pytest.raises(Refused, match="4h00m drawn"):
        desk.invoicing.void(block.number, "Cancel")
    with pytest.raises(Refused, match=r"unused part only: \$840.00 \(6h00m\)"):
        desk.invoicing.credit(block.number, "100", "Goodwill")
    note = desk.blocks.credit(block.number, "Contract ended")
    assert note.total_cents == -84000
    block = desk.blocks.get(block.number)
    assert block.balance == 0 and desk.payments.account(block.number).balance_cents == 56000
    with pytest.raises(Refused, match="no unused hours"):
        desk.blocks.credit(block.number, "Again")


def test_voiding_a_ticket_invoice_gives_the_hours_back(desk, client) -> None:
    block = paid_block(desk, client, "5")
    t = ticket(desk, client, seconds=2 * H)
    invoice = desk.invoicing.issue(client.id, [t.ref])
    assert desk.blocks.get(block.number).balance == 3 * H
    desk.invoicing.void(invoice.number, "Wrong client")
    block = desk.blocks.get(block.number)
    assert block.balance == 5 * H
    assert [e.kind for e in desk.blocks.history(block)] == ["sale", "drawdown", "return"]
    again = desk.invoicing.issue(client.id, [t.ref])
    assert again.total_cents == 0 and desk.blocks.get(block.number).balance == 3 * H


def test_a_credited_blocks_hours_never_go_back_to_it(desk, client) -> None:
    desk.blocks.set_before_payment(client.id, True)
    block = desk.blocks.sell(client.id, "5")
    t = ticket(desk, client, seconds=2 * H)
    invoice = desk.invoicing.issue(client.id, [t.ref])
    desk.blocks.credit(block.number, "Contract ended")
    with pytest.raises(Refused, match="which is credited: they cannot go back to it"):
        desk.invoicing.void(invoice.number, "Wrong ticket")
    assert desk.invoicing.get(invoice.number).status == "issued"
    block = desk.blocks.get(block.number)
    assert (block.state, block.balance, block.usable) == ("credited", 0, False)
    assert [e.kind for e in desk.blocks.history(block)] == ["sale", "drawdown", "credit"]


def test_standing_counts_time_not_yet_invoiced(desk, client) -> None:
    assert desk.blocks.standing(client.id) is None
    paid_block(desk, client, "10")
    ticket(desk, client, seconds=8 * H, resolve=False)
    standing = desk.blocks.standing(client.id, running=H)
    assert standing.left == H and standing.used_percent == 90 and standing.mark == 80
    assert standing.notice("Harbor") == "Harbor has used 90% of their prepaid hours."
    assert standing.passed(H).mark == 100 and standing.passed(2 * H).left == -H
    assert "used up" in standing.passed(H).notice("Harbor")
    assert desk.blocks.standings() == {client.id: standing.passed(-H)}
    assert timedelta(seconds=standing.left) == timedelta(hours=1)


def test_a_paid_blocks_unused_hours_are_not_credited_and_the_refusal_says_why(desk, client):
    block = paid_block(desk, client, "10")
    desk.invoicing.issue(client.id, [ticket(desk, client, seconds=2 * H).ref])
    with pytest.raises(Refused, match=r"is paid: its unused 8h00m cannot be credited") as refused:
        desk.blocks.credit(block.number, "Contract ended")
    assert "lapse or roll over" in refused.value.hint
    assert desk.blocks.get(block.number).balance == 8 * H
