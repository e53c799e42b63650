"""Invoicing: eligibility, rounding, money, gapless numbers, locks, voids, credit notes,
snapshots and the all-or-nothing issue transaction."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.durations import decimal_hours
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.money import amount_for, format_usd
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.billing.invoicing import ROUNDING_WORDS, line_amount, rounded
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.exports.pdf import render_invoice_html
from hourdesk.storage.models import Client, Ticket
from tests.builders import YEARS, approve_back_then

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
RULES = ["none", "up6", "up15", "nearest6", "nearest15"]


# The client approved long before the time these tests log.


def make_settings(rounding: str = "none", **payment: str) -> Settings:
    return Settings.model_validate(
        {
            "business": {
                "name": "Rivera IT Consulting",
                "address": "118 Harbor View Road\nPortland, ME 04101",
                "email": "alex@rivera-it.example",
            },
            "payment": payment
            or {
                "bank_details": "First Coastal Bank\nAccount 4401 2287 6650",
                "paypal_address": "billing@rivera-it.example",
            },
            "timer": {"rounding": rounding},
        }
    )


def open_desk(path: Path, instant: datetime = START, rounding: str = "none") -> Desk:
    return build_desk(path, clock=FixedClock(instant), settings=make_settings(rounding))


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = open_desk(tmp_path / "t.db")
    yield desk
    desk.close()


def add_client(desk: Desk, name: str = "Harbor Dental Clinic", rate: str = "140.00", **kw):
    email = kw.pop("email", "".join(c for c in name.lower() if c.isalnum()) + "@client.example")
    return desk.clients.add(name=name, emails=email, rate=rate, **kw)


@pytest.fixture
def client(desk: Desk) -> Client:
    return add_client(desk)


def work(desk: Desk, ref: str, seconds: int, **kw) -> None:
    """Log ``seconds`` ending now, then move the clock on (entries never overlap)."""
    start = desk.clock.now()
    desk.clock.advance(seconds=seconds)
    kw.setdefault("category", "implementation")
    desk.timer.log(ref, start=start, seconds=seconds, **kw)
    desk.clock.advance(minutes=1)


def ticket(
    desk: Desk,
    client: Client,
    subject: str = "Printer offline",
    seconds: int = 3600,
    *,
    rate: str | None = None,
    resolve: bool = True,
) -> Ticket:
    """A billable ticket, estimated and approved, with ``seconds`` of billable time."""
    t = desk.tickets.new(client_id=client.id, subject=subject, body="Please help.")
    approve_back_then(desk, t.ref, rate=rate, text="Yes, please go ahead.", ago=YEARS)
    if seconds:
        work(desk, t.ref, seconds)
    if resolve:
        desk.completion.resolve(t.ref, "Fixed and tested with the client.")
    return desk.tickets.get(t.ref)


def count(desk: Desk, sql: str, args: list | None = None) -> int:
    return desk.db.execute(sql, args or []).fetchone()[0]


def half_up(seconds: int, rate_cents: int) -> int:
    exact = Fraction(seconds * rate_cents, 3600)
    return int(exact + Fraction(1, 2)) if exact >= 0 else -int(-exact + Fraction(1, 2))


# --- eligibility ----------------------------------------------------------------------------


def test_only_resolved_tickets_with_an_approved_estimate_are_offered(desk, client) -> None:
    ready = ticket(desk, client, "Printer offline")
    open_one = ticket(desk, client, "Backup failing", resolve=False)
    revised = ticket(desk, client, "VPN for remote staff", resolve=False)
    desk.estimates.send(revised.ref, hours="20")  # v2 waits for a new approval
    desk.completion.resolve(revised.ref, "Done.")
    offered, missing = desk.invoicing.candidates(client.id)

    assert [c.ticket.ref for c in offered] == [ready.ref]
    reasons = {m.ticket.ref: m.reason for m in missing}
    assert set(reasons) == {open_one.ref, revised.ref}
    assert "approved" in reasons[open_one.ref] and "resolve it first" in reasons[open_one.ref]
    assert "estimate v2 is not approved" in reasons[revised.ref]
    assert all(m.seconds == 3600 for m in missing)

    for ref in (open_one.ref, revised.ref):
        with pytest.raises(Refused) as refused:
            desk.invoicing.issue(client.id, [ref])
        assert str(refused.value).startswith(reasons[ref])
    assert count(desk, "SELECT count(*) FROM invoices") == 0


def test_non_billable_time_is_never_billed(desk, client) -> None:
    t = ticket(desk, client, seconds=3600, resolve=False)
    work(desk, t.ref, 1800, billable=False)
    desk.completion.resolve(t.ref, "Done.")
    free = desk.tickets.new(client_id=client.id, subject="Quick question", billable=False)
    desk.estimates.approve(free.ref, text="Thanks!")
    work(desk, free.ref, 900)
    desk.completion.resolve(free.ref, "Answered.")

    offered, missing = desk.invoicing.candidates(client.id)
    assert [c.ticket.ref for c in offered] == [t.ref] and missing == []
    assert offered[0].line.seconds == 3600

    invoice = desk.invoicing.issue(client.id)
    assert [line.ref for line in desk.invoicing.document(invoice).lines] == [t.ref]
    assert count(desk, "SELECT count(*) FROM time_entries WHERE billable = 0") == 2
    assert count(desk, "SELECT count(*) FROM time_entries WHERE invoice_id IS NOT NULL") == 1
    assert count(desk, "SELECT count(*) FROM time_entries WHERE billable = 0 AND invoice_id") == 0
    with pytest.raises(Refused, match="no resolved tickets"):
        desk.invoicing.issue(client.id)
    desk.tickets.set_status(free.ref, "closed")  # a non-billable ticket is closed by hand


def test_an_empty_choice_of_tickets_is_refused_not_read_as_all(desk, client) -> None:
    ticket(desk, client)
    with pytest.raises(Refused, match="No ticket is chosen"):
        desk.invoicing.issue(client.id, [])
    assert count(desk, "SELECT count(*) FROM invoices") == 0


def test_a_ticket_of_another_client_or_unknown_is_refused(desk, client) -> None:
    other = add_client(desk, "Bluebird Bakery")
    theirs = ticket(desk, other)
    with pytest.raises(Refused, match="no unbilled billable time for Harbor"):
        desk.invoicing.issue(client.id, [theirs.ref])
    with pytest.raises(Invalid):
        desk.invoicing.issue(client.id, ["not a ref"])


@pytest.mark.parametrize(
    ("business", "payment", "missing"),
    [
        ({"name": "Your Name IT Consulting"}, {}, "business name"),
        ({"name": "  "}, {}, "business name"),
        ({"address": ""}, {}, "business address"),
        (
            {},
            {"bank_details": "  ", "paypal_address": "billing@rivera-it.example"},
            "bank transfer",
        ),
    ],
)
def test_issuing_is_refused_while_the_printed_details_are_placeholders(
    desk, client, business, payment, missing
) -> None:
    ticket(desk, client)
    base = make_settings().model_dump()
    base["business"] |= business
    base["payment"] |= payment
    desk.settings = Settings.model_validate(base)
    with pytest.raises(Refused, match=f"placeholder details: set your {missing}"):
        desk.invoicing.issue(client.id)
    assert count(desk, "SELECT count(*) FROM invoices") == 0


# --- rounding -------------------------------------------------------------------------------

BILLED = {"none": 3661, "up6": 3960, "up15": 4500, "nearest6": 3600, "nearest15": 3600}


@pytest.mark.parametrize("rule", RULES)
def test_rounding_applies_on_the_line_and_says_so(tmp_path, rule) -> None:
    desk = open_desk(tmp_path / "t.db", rounding=rule)
    client = add_client(desk)
    t = ticket(desk, client, seconds=3661)
    invoice = desk.invoicing.issue(client.id)
    (line,) = desk.invoicing.document(invoice).lines
    assert (line.seconds, line.billed_seconds) == (3661, BILLED[rule])
    assert line.rounding == ROUNDING_WORDS[rule]
    assert line.amount_cents == half_up(BILLED[rule], 14000)
    stored = desk.db.execute(
        "SELECT seconds, billed_seconds, rounding FROM invoice_lines WHERE invoice_id = ?",
        [invoice.id],
    ).fetchone()
    assert stored == (3661, BILLED[rule], ROUNDING_WORDS[rule])
    # raw time is untouched
    assert count(desk, "SELECT sum(end_at - start_at) FROM time_entries") == 3661
    thread = desk.tickets.thread(t.id)
    assert f"rounding {ROUNDING_WORDS[rule]}" in thread[-2].body
    html = render_invoice_html(desk.invoicing.document(invoice))
    if rule not in ("none",):
        assert f"billed rounded {ROUNDING_WORDS[rule]}" in html
    desk.close()


@given(st.integers(0, 10**7), st.sampled_from(RULES))
def test_rounding_rules(seconds: int, rule: str) -> None:
    billed = rounded(seconds, rule)
    if rule == "none":
        assert billed == seconds
        return
    step = (6 if rule.endswith("6") else 15) * 60
    assert billed % step == 0
    if rule.startswith("up"):
        assert seconds <= billed < seconds + step
    elif seconds and seconds < step // 2:
        assert billed == step  # worked time never bills as nothing
    else:
        assert abs(billed - seconds) <= step // 2
        assert billed - seconds != -(step // 2)  # a half step rounds up


# --- money ----------------------------------------------------------------------------------


def printed_product(hours: Decimal, rate_cents: int) -> int:
    """What a client gets multiplying the printed quantity by the printed rate, in cents."""
    quantity = Decimal(str(hours))
    rate = Decimal(format_usd(rate_cents).removeprefix("$").replace(",", ""))
    return int((quantity * rate * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@settings(max_examples=2000)
@given(st.integers(0, 1000 * 3600), st.integers(0, 100_000_00))
def test_quantity_times_rate_is_the_amount_as_printed(seconds: int, rate: int) -> None:
    hours = decimal_hours(seconds)
    assert str(hours) == f"{hours:.4f}"  # four places printed, always
    assert abs(hours * 3600 - seconds) <= Decimal("0.18")  # within a fifth of a second
    assert line_amount(hours, rate) == printed_product(hours, rate)
    # The amount differs from raw seconds x rate by less than the quantity's last place.
    assert abs(line_amount(hours, rate) - half_up(seconds, rate)) <= 1 + rate // 20000


@given(st.integers(0, 10**6), st.integers(0, 100_000_00))
def test_line_amounts_are_rounded_half_up_to_the_cent(seconds: int, rate: int) -> None:
    assert amount_for(seconds, rate) == half_up(seconds, rate)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(1, 36_000), st.integers(1, 50_000_00)), min_size=1, max_size=4),
    st.sampled_from(RULES),
)
def test_lines_add_up_to_the_total_and_print_the_same_every_time(items, rule) -> None:
    folder = tempfile.mkdtemp()
    try:
        desk = open_desk(Path(folder) / "t.db", rounding=rule)
        client = add_client(desk)
        for i, (seconds, rate) in enumerate(items):
            ticket(desk, client, f"Request {i}", seconds, rate=f"{rate / 100:.2f}")
        preview, _ = desk.invoicing.draft(client.id)
        invoice = desk.invoicing.issue(client.id)
        doc = desk.invoicing.document(invoice)
        assert [line.amount_cents for line in doc.lines] == [
            line.amount_cents for line in preview.lines
        ]
        for line, (seconds, rate) in zip(doc.lines, items, strict=True):
            assert line.seconds == seconds and line.rate_cents == rate
            assert line.billed_seconds == rounded(seconds, rule)
            assert line.amount_cents == printed_product(line.hours, rate)
        total = sum(line.amount_cents for line in doc.lines)
        assert doc.total_cents == doc.subtotal_cents == invoice.total_cents == total
        assert count(desk, "SELECT sum(amount_cents) FROM invoice_lines") == total
        again = desk.invoicing.document(desk.invoicing.get(invoice.number))
        assert again == doc
        html = render_invoice_html(doc)
        assert html == render_invoice_html(again)
        assert format_usd(total) in html
        desk.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- numbering ------------------------------------------------------------------------------


def test_numbers_are_gapless_per_year_and_stay_used_after_a_void(desk, client) -> None:
    tickets = [ticket(desk, client, f"Request {i}") for i in range(4)]
    numbers = [desk.invoicing.issue(client.id, [t.ref]).number for t in tickets[:3]]
    assert numbers == ["2026-0001", "2026-0002", "2026-0003"]
    desk.invoicing.void("2026-0002", "Wrong client")
    assert desk.invoicing.issue(client.id, [tickets[3].ref]).number == "2026-0004"
    assert desk.invoicing.credit("2026-0001", "10.00", "Goodwill").number == "2026-0005"

    desk.clock = FixedClock(datetime(2027, 6, 1, 12, 0, tzinfo=UTC))
    other = add_client(desk, "Bluebird Bakery")  # (Harbor's 2026 invoices are overdue now)
    assert desk.invoicing.issue(other.id, [ticket(desk, other).ref]).number == "2027-0001"
    assert desk.invoicing.issue(other.id, [ticket(desk, other).ref]).number == "2027-0002"
    seqs = [r[0] for r in desk.db.execute("SELECT seq FROM invoices WHERE year = 2026")]
    assert sorted(seqs) == [1, 2, 3, 4, 5]


def test_numbers_are_unique_in_the_schema(desk, client) -> None:
    invoice = desk.invoicing.issue(client.id, [ticket(desk, client).ref])
    row = desk.db.execute("SELECT * FROM invoices WHERE id = ?", [invoice.id]).fetchone()
    names = [d[0] for d in desk.db.execute("SELECT * FROM invoices").description]
    values = dict(zip(names, row, strict=True))
    values["id"] = None
    for change in ({"seq": 99}, {"number": "2026-0099"}):
        attempt = {**values, **change}
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            desk.db.conn.execute(
                f"INSERT INTO invoices ({', '.join(attempt)}) VALUES"
                f" ({', '.join('?' for _ in attempt)})",
                list(attempt.values()),
            )


def _issue_each(path: str, instant: datetime, client_id: int, refs, barrier, results) -> None:
    desk = open_desk(Path(path), instant)
    barrier.wait(timeout=60)
    numbers = [desk.invoicing.issue(client_id, [ref]).number for ref in refs]
    results.put((client_id, numbers))
    desk.close()


def test_two_processes_issuing_at_once_never_share_or_skip_a_number(tmp_path) -> None:
    path = tmp_path / "shared.db"
    desk = open_desk(path)
    work_for = {}
    for name in ("Harbor Dental Clinic", "Bluebird Bakery"):
        client = add_client(desk, name)
        work_for[client.id] = [ticket(desk, client, f"{name} {i}").ref for i in range(4)]
    instant = desk.clock.now()
    desk.close()

    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(2), context.Queue()
    processes = [
        context.Process(target=_issue_each, args=(str(path), instant, cid, refs, barrier, results))
        for cid, refs in work_for.items()
    ]
    for p in processes:
        p.start()
    got = dict(results.get(timeout=60) for _ in processes)
    for p in processes:
        p.join(timeout=60)
        assert p.exitcode == 0

    every = sorted(n for numbers in got.values() for n in numbers)
    assert every == [f"2026-{i:04d}" for i in range(1, 9)]
    for numbers in got.values():
        assert numbers == sorted(numbers)
    desk = open_desk(path)
    for client_id, refs in work_for.items():
        billed = desk.db.execute(
            "SELECT i.number, t.number FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
            " JOIN tickets t ON t.id = l.ticket_id WHERE i.client_id = ? ORDER BY i.seq",
            [client_id],
        ).fetchall()
        assert [n for n, _ in billed] == got[client_id]
        assert [desk.ref(t) for _, t in billed] == refs
    desk.close()


# --- locks ----------------------------------------------------------------------------------


@pytest.fixture
def issued(desk, client):
    """An issued invoice for two tickets; returns it."""
    ticket(desk, client, "Printer offline", 3600)
    ticket(desk, client, "Backup failing", 5400)
    return desk.invoicing.issue(client.id)


LOCKED = [
    "UPDATE time_entries SET note = 'edited' WHERE invoice_id IS NOT NULL",
    "UPDATE time_entries SET end_at = end_at + 60 WHERE invoice_id IS NOT NULL",
    "UPDATE time_entries SET invoice_id = NULL WHERE invoice_id IS NOT NULL",
    "UPDATE time_entries SET billable = 0 WHERE invoice_id IS NOT NULL",
    "DELETE FROM time_entries WHERE invoice_id IS NOT NULL",
    "UPDATE invoices SET total_cents = 1",
    "UPDATE invoices SET document = '{}'",
    "UPDATE invoices SET number = '2026-0042'",
    "UPDATE invoices SET client_id = client_id + 1",
    "UPDATE invoices SET issue_date = '2026-01-01', due_date = '2026-01-01'",
    "DELETE FROM invoices",
    "UPDATE invoice_lines SET amount_cents = 1",
    "UPDATE invoice_lines SET rate_cents = 0",
    "DELETE FROM invoice_lines",
]


@pytest.mark.parametrize("sql", LOCKED)
def test_billed_rows_are_locked_by_the_database(desk, issued, sql) -> None:
    before = desk.db.execute(
        "SELECT (SELECT group_concat(note || end_at) FROM time_entries),"
        " (SELECT group_concat(document) FROM invoices),"
        " (SELECT group_concat(amount_cents) FROM invoice_lines)"
    ).fetchone()
    with pytest.raises(sqlite3.IntegrityError, match=r"never|locked"):
        desk.db.conn.execute(sql)
    assert (
        desk.db.execute(
            "SELECT (SELECT group_concat(note || end_at) FROM time_entries),"
            " (SELECT group_concat(document) FROM invoices),"
            " (SELECT group_concat(amount_cents) FROM invoice_lines)"
        ).fetchone()
        == before
    )


def test_the_desk_refuses_to_edit_billed_time(desk, issued) -> None:
    (entry_id,) = desk.db.execute("SELECT id FROM time_entries LIMIT 1").fetchone()
    with pytest.raises(Refused, match=f"billed on invoice {issued.number}"):
        desk.timer.edit(entry_id, note="changed")
    with pytest.raises(Refused, match="locked"):
        desk.timer.delete(entry_id)


def test_backdating_into_billed_time_is_refused(desk, client, issued) -> None:
    first_start, ticket_id = desk.db.execute(
        "SELECT min(start_at), ticket_id FROM time_entries GROUP BY ticket_id ORDER BY 1"
    ).fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="already invoiced"):
        desk.db.conn.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (?, 'implementation', ?, ?, 1, '', ?)",
            [ticket_id, first_start - 7200, first_start - 3600, first_start],
        )
    ref = desk.tickets.by_id(ticket_id).ref
    desk.tickets.set_status(ref, "in_progress")  # reopened for more work
    before = datetime.fromtimestamp(first_start - 7200, UTC)
    with pytest.raises(Refused, match="invoiced up to"):
        desk.timer.log(ref, start=before, seconds=600)
    work(desk, ref, 600)  # new time after the invoiced period is fine
    assert desk.invoicing.unbilled_seconds(ticket_id) == 600


# --- voids ----------------------------------------------------------------------------------


def test_void_keeps_the_number_releases_the_time_and_allows_a_new_invoice(
    desk, client, issued
) -> None:
    refs = [line.ref for line in desk.invoicing.document(issued).lines]
    voided = desk.invoicing.void(issued.number, "  Wrong\nhourly rate ")
    assert (voided.status, voided.void_reason) == ("void", "Wrong hourly rate")
    assert voided.voided_at == desk.clock.now()
    assert count(desk, "SELECT count(*) FROM time_entries WHERE invoice_id IS NOT NULL") == 0
    for ref in refs:
        t = desk.tickets.get(ref)
        assert t.status == "resolved"
        bodies = [e.body for e in desk.tickets.thread(t.id)]
        assert f"Invoice {issued.number} voided: Wrong hourly rate" in bodies
    doc = desk.invoicing.document(voided)
    assert doc.is_void and doc.void_reason == "Wrong hourly rate"
    assert "VOID" in render_invoice_html(doc)

    again = desk.invoicing.issue(client.id)
    assert again.number == "2026-0002" and again.total_cents == issued.total_cents
    assert [line.ref for line in desk.invoicing.document(again).lines] == refs
    assert count(desk, "SELECT count(*) FROM time_entries WHERE invoice_id = ?", [again.id]) == 2
    # a void invoice never changes again
    with pytest.raises(sqlite3.IntegrityError):
        desk.db.conn.execute("UPDATE invoices SET void_reason = 'x' WHERE id = ?", [issued.id])


def test_void_refusals(desk, issued) -> None:
    with pytest.raises(Invalid, match="reason"):
        desk.invoicing.void(issued.number, "   ")
    with pytest.raises(NotFound):
        desk.invoicing.void("2026-0099", "typo")
    desk.invoicing.void(issued.number, "Duplicate")
    with pytest.raises(Refused, match="already void"):
        desk.invoicing.void(issued.number, "Again")


def test_an_invoice_with_a_live_credit_note_cannot_be_voided(desk, issued) -> None:
    note = desk.invoicing.credit(issued.number, "10.00", "Goodwill")
    with pytest.raises(Refused, match=note.number):
        desk.invoicing.void(issued.number, "Wrong client")
    desk.invoicing.void(note.number, "Issued by mistake")
    assert desk.invoicing.void(issued.number, "Wrong client").status == "void"


# --- credit notes ---------------------------------------------------------------------------


def test_credit_notes_are_negative_and_never_exceed_what_is_left(desk, client, issued) -> None:
    total = issued.total_cents  # 1h + 1h30m at $140 = $350.00
    assert total == 35000
    first = desk.invoicing.credit(issued.number, "200.00", "Printer part was covered")
    assert (first.kind, first.total_cents, first.number) == ("credit_note", -20000, "2026-0002")
    assert first.credits_invoice_id == issued.id and first.due_date == first.issue_date
    doc = desk.invoicing.document(first)
    assert [(line.ref, line.amount_cents) for line in doc.lines] == [(issued.number, -20000)]
    assert doc.total_cents == doc.subtotal_cents == -20000
    assert "Printer part was covered" in doc.lines[0].subject

    with pytest.raises(Refused, match=r"has left \(\$150.00\)"):
        desk.invoicing.credit(issued.number, "150.01", "Too much")
    last = desk.invoicing.credit(issued.number, "$150.00", "The rest")
    assert last.total_cents == -15000
    with pytest.raises(Refused, match=r"has left \(\$0.00\)"):
        desk.invoicing.credit(issued.number, "0.01", "Nothing left")
    # a voided credit note gives its amount back
    desk.invoicing.void(last.number, "Issued by mistake")
    assert desk.invoicing.credit(issued.number, "150.00", "The rest, again").total_cents == -15000


def test_credit_note_refusals(desk, issued) -> None:
    note = desk.invoicing.credit(issued.number, "10.00", "Goodwill")
    with pytest.raises(Refused, match="not an issued invoice"):
        desk.invoicing.credit(note.number, "1.00", "Credit of a credit")
    for amount, field in (("abc", "amount"), ("0", "amount"), ("-5", "amount")):
        with pytest.raises(Invalid) as invalid:
            desk.invoicing.credit(issued.number, amount, "Why")
        assert invalid.value.field == field
    with pytest.raises(Invalid, match="reason"):
        desk.invoicing.credit(issued.number, "5.00", " ")
    desk.invoicing.void(note.number, "Mistake")
    desk.invoicing.void(issued.number, "Wrong client")
    with pytest.raises(Refused, match="not an issued invoice"):
        desk.invoicing.credit(issued.number, "1.00", "Void invoice")


# --- snapshots ------------------------------------------------------------------------------


def test_renaming_the_client_or_moving_the_business_changes_no_issued_invoice(
    desk, client, issued
) -> None:
    before = desk.invoicing.document(issued)
    html = render_invoice_html(before)
    desk.clients.update(
        client.id, name="Harbor Smiles Group", billing_address="1 New Street\nBoston, MA"
    )
    desk.settings = desk.settings.model_copy(
        update={"business": desk.settings.business.model_copy(update={"address": "9 Elm Road"})}
    )
    desk.settings.payment.bank_details = "Another Bank\nAccount 1"
    after = desk.invoicing.document(desk.invoicing.get(issued.number))
    assert after == before
    assert render_invoice_html(after) == html
    assert "Harbor Dental Clinic" in html and "118 Harbor View Road" in html
    assert "Harbor Smiles Group" not in html and "9 Elm Road" not in html
    # a credit note copies the parties of the invoice it corrects
    note = desk.invoicing.document(desk.invoicing.credit(issued.number, "1.00", "Rounding"))
    assert note.client == before.client and note.business == before.business


# --- all or nothing -------------------------------------------------------------------------


def snapshot(desk: Desk) -> tuple:
    return (
        count(desk, "SELECT count(*) FROM invoices"),
        count(desk, "SELECT count(*) FROM invoice_lines"),
        count(desk, "SELECT count(*) FROM time_entries WHERE invoice_id IS NOT NULL"),
        count(desk, "SELECT count(*) FROM entries"),
        tuple(r[0] for r in desk.db.execute("SELECT status FROM tickets ORDER BY id")),
    )


@pytest.fixture
def two_ready(desk, client) -> tuple:
    ticket(desk, client, "Printer offline")
    ticket(desk, client, "Backup failing")
    state = snapshot(desk)
    assert state[:3] == (0, 0, 0) and state[4] == ("resolved", "resolved")
    return state


def test_a_failure_midway_through_issuing_writes_nothing(
    desk, client, two_ready, monkeypatch
) -> None:
    real_move = desk.tickets.move
    moved = []

    def move(ticket, status, *args, **kwargs):
        if status == "closed" and moved:
            raise OSError("disk full")
        moved.append(ticket.ref)
        return real_move(ticket, status, *args, **kwargs)

    monkeypatch.setattr(desk.tickets, "move", move)
    with pytest.raises(OSError, match="disk full"):
        desk.invoicing.issue(client.id)
    assert moved  # the first ticket had been closed inside the transaction
    assert snapshot(desk) == two_ready
    assert not desk.db.conn.in_transaction
    monkeypatch.undo()
    assert desk.invoicing.issue(client.id).number == "2026-0001"  # no number was used up


def test_a_database_error_midway_through_issuing_writes_nothing(desk, client, two_ready) -> None:
    desk.db.conn.execute(
        "CREATE TRIGGER fail_second_line BEFORE INSERT ON invoice_lines WHEN NEW.position = 2"
        " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
    with pytest.raises(Refused, match="nothing was saved") as refused:
        desk.invoicing.issue(client.id)
    assert "simulated" not in str(refused.value)  # the log has it, the user has words
    assert snapshot(desk) == two_ready
    desk.db.conn.execute("DROP TRIGGER fail_second_line")
    invoice = desk.invoicing.issue(client.id)
    assert invoice.number == "2026-0001" and len(invoice.document["lines"]) == 2


def test_issuing_closes_the_tickets_and_records_it_in_their_threads(desk, client) -> None:
    t = ticket(desk, client)
    invoice = desk.invoicing.issue(client.id)
    t = desk.tickets.get(t.ref)
    assert t.status == "closed"
    bodies = [e.body for e in desk.tickets.thread(t.id)]
    assert any(b.startswith(f"Billed on invoice {invoice.number}: $140.00") for b in bodies)
    assert any(f"Invoiced on {invoice.number}." in b for b in bodies)
    assert invoice.due_date == invoice.issue_date + timedelta(days=14)
    assert invoice.issue_date == date(2026, 3, 2) or invoice.issue_date == START.astimezone().date()


class _HookClock(FixedClock):
    """A fixed clock that runs ``hook`` once, the next time it is read."""

    hook = None

    def now(self) -> datetime:
        hook, self.hook = self.hook, None
        if hook is not None:
            hook()
        return super().now()


def test_two_credit_notes_at_once_never_credit_more_than_the_invoice(
    tmp_path, desk, issued
) -> None:
    """Another process credits the same invoice while this one is checking what is left."""
    other = open_desk(Path(tmp_path / "t.db"), desk.clock.now())
    desk.clock = _HookClock(desk.clock.now())
    desk.clock.hook = lambda: other.invoicing.credit(issued.number, "300.00", "Other process")
    with pytest.raises(Refused, match="has left"):
        desk.invoicing.credit(issued.number, "300.00", "This process")
    credited = count(
        desk, "SELECT -sum(total_cents) FROM invoices WHERE credits_invoice_id = ?", [issued.id]
    )
    assert credited == 30000 <= issued.total_cents
    other.close()


def test_two_voids_at_once_give_one_void_and_no_database_error(
    tmp_path, desk, issued, monkeypatch
) -> None:
    """Another process voids the invoice while this one is checking it."""
    other = open_desk(Path(tmp_path / "t.db"), desk.clock.now())
    other.db.conn.execute("PRAGMA busy_timeout = 0")
    real_get, seen = desk.invoicing.get, []

    def get(number):
        found = real_get(number)
        if not seen:
            try:
                seen.append(other.invoicing.void(number, "Voided elsewhere").status)
            except sqlite3.OperationalError as exc:  # this process holds the write lock
                seen.append(str(exc))
        return found

    monkeypatch.setattr(desk.invoicing, "get", get)
    try:
        voided = desk.invoicing.void(issued.number, "Voided here")
    except Refused as exc:  # the other one won: refused in words, not a database error
        assert "already void" in str(exc)
    else:
        assert voided.void_reason == "Voided here" and seen == ["database is locked"]
    assert count(desk, "SELECT count(*) FROM invoices WHERE status = 'void'") == 1
    other.close()
