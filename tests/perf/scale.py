"""Write a large, realistic hourdesk database through the project's own desk API.

    uv run python tests/perf/scale.py --small   # 200 clients, 5,000 tickets, 20,000 entries
    uv run python tests/perf/scale.py           # 2,000 clients, 100,000 tickets, 500,000 entries
    uv run python tests/perf/scale.py --huge    # twenty years: 200,000 tickets, 1,000,000 entries

Every size also bills the resolved work: 10,000 invoices (500 for --small, 20,000 for --huge)
with their payments.

Ten years of work (twenty for --huge) end half an hour ago; a timer was started 25 minutes
ago on a recent approved ticket and is still running, so ``hourdesk status`` has something to
show.

Every client, and the first ``--api-tickets`` tickets with their threads, estimates,
approvals, declines, time entries and status changes, go through the desk (a moving
``FixedClock`` gives each write its instant): ``desk.clients.add``, ``desk.tickets.new``,
``desk.tickets.message``, ``desk.estimates.send/approve/decline``, ``desk.timer.log``,
``desk.tickets.set_status``. For the large size that would take far too long (the API writes
one transaction per call with ``synchronous=FULL``), so by default only a sample of 2,000
tickets goes through it; the rest of the same plan is written with ``executemany`` in one
transaction, mirroring the rows and thread texts the desk writes (the thread texts are built
with the desk's own helpers). ``--api-tickets all`` forces the API for everything.

Invoices: each client's resolved, approved, billable tickets (all but those resolved in the
last 10 days, which wait for the next invoice) are split, oldest first, into a number of
invoices proportional to the client's work, 10,000 in all; each is issued a few days after its
last ticket was resolved, marked sent, and paid by the client's method (most in full within the
terms, a few in two parts, a few recent ones late, so some clients are on payment hold). The
earliest ``--api-invoices`` (default 100) of those whose tickets all went through the API
are issued and paid through ``desk.invoicing.issue`` and ``desk.payments.pay``; the rest
mirror what those write (the invoice with its document snapshot, lines, the lock on the
billed time, the thread entries, the tickets closed, the sent event, the payments and their
thread entries) with ``executemany``.

Entries never overlap (one slot of the timeline each), so the data obeys the timer's rules.
The output (default ``tests/perf/out/scale[-small].db``) is replaced when it exists.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from hourdesk.app.core.clock import FixedClock  # noqa: E402
from hourdesk.app.core.durations import format_duration  # noqa: E402
from hourdesk.app.core.money import amount_for, format_usd, plain  # noqa: E402
from hourdesk.app.core.settings import Business, PaymentDetails, Settings  # noqa: E402
from hourdesk.app.desk.billing.invoicing import ROUNDING_WORDS, rounded  # noqa: E402
from hourdesk.app.desk.billing.payments import METHODS  # noqa: E402
from hourdesk.app.desk.facade import Desk, build_desk  # noqa: E402
from hourdesk.app.desk.tickets import status_text  # noqa: E402
from hourdesk.exports.documents import InvoiceDocument, InvoiceLine  # noqa: E402
from hourdesk.storage.db import transaction  # noqa: E402
from hourdesk.storage.vault import MemoryVault  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = {
    "small": {"clients": 200, "tickets": 5_000, "entries": 20_000, "invoices": 500},
    "medium": {"clients": 400, "tickets": 20_000, "entries": 100_000, "invoices": 2_000},
    "large": {"clients": 2_000, "tickets": 100_000, "entries": 500_000, "invoices": 10_000},
    # twenty years of a busy desk, for how each cost grows (bench.py --growth)
    "huge": {
        "clients": 4_000,
        "tickets": 200_000,
        "entries": 1_000_000,
        "invoices": 20_000,
        "years": 20,
    },
}
UNBILLED = 10 * 86400  # tickets resolved more recently than this wait for the next invoice
BUSINESS = Business(
    name="Northwind IT Support",
    address="12 Harbour Street\nPortland, ME 04101",
    email="billing@northwind-it.example",
    phone="+1 207 555 0142",
)
PAYMENT = PaymentDetails(
    bank_details="Northwind IT Support\nFirst Maine Bank\nRouting 011200365\nAccount 4455667788",
    paypal_address="billing@northwind-it.example",
)
YEARS = 10  # unless the size says otherwise
RECENT = 30 * 86400  # tickets younger than this are still open

SURNAMES = [
    "Harbor",
    "Miller",
    "Lindqvist",
    "Okafor",
    "Brennan",
    "Tanaka",
    "Moreau",
    "Novak",
    "Alvarez",
    "Whitfield",
    "Castellano",
    "Eriksen",
    "Delacroix",
    "Nakamura",
    "Osei",
    "Petrov",
    "Rossi",
    "Schmidt",
    "Kowalski",
    "Fitzgerald",
    "Haddad",
    "Ivanova",
]
TRADES = [
    "Dental Clinic",
    "Law Office",
    "Bakery",
    "Architects",
    "Veterinary Practice",
    "Accounting",
    "Physiotherapy",
    "Print Shop",
    "Realty",
    "Insurance Agency",
    "Family Practice",
    "Bookstore",
]
DEVICES = [
    "printer",
    "Wi-Fi",
    "Outlook",
    "NAS backup",
    "VPN",
    "laptop",
    "router",
    "scanner",
    "QuickBooks",
    "shared drive",
    "phone system",
    "firewall",
    "Microsoft 365 licence",
    "website contact form",
]
PROBLEMS = [
    "offline again",
    "very slow since the update",
    "asks for the password every hour",
    "not syncing",
    "shows an error on start",
    "needs to be set up for a new employee",
    "stopped working after the power cut",
    "keeps disconnecting",
    "full, cannot save files",
    "certificate warning",
]
OPENINGS = [
    "Hi, ",
    "Hello, ",
    "Good morning, ",
    "Hi again, ",
]
NOTES = [
    "checked logs",
    "replaced cable",
    "updated driver",
    "reset profile",
    "called vendor support",
    "tested with the user",
    "documented the setup",
    "",
    "",
    "",
]
CATEGORIES = ["investigation", "implementation", "verification"]


@dataclass
class Work:
    start: int
    end: int
    category: str
    billable: bool
    note: str


@dataclass
class Plan:
    client: int
    created: int
    subject: str
    body: str
    channel: str
    priority: str
    billable: bool
    reply_at: int | None = None
    estimate_at: int | None = None
    estimate_seconds: int = 0
    decision: str | None = None  # approved, declined, or None (still waiting)
    decided_at: int | None = None
    work: list[Work] = field(default_factory=list)
    final: tuple[str, str | None] | None = None  # the status to end in, when it moves on
    final_at: int | None = None


def plan(
    n_clients: int,
    n_tickets: int,
    n_entries: int,
    end: int,
    rng: random.Random,
    years: int = YEARS,
):
    """The whole history, oldest first: each ticket's writes fall inside its own slots."""
    begin = end - int(years * 365.25 * 86400)
    weights = [1 / (i + 1) ** 0.8 for i in range(n_clients)]  # a few big clients
    clients = rng.choices(range(n_clients), weights=weights, k=n_tickets)
    worked = [rng.random() > 0.15 for _ in range(n_tickets)]
    worked_idx = [i for i, w in enumerate(worked) if w]
    counts = [0] * n_tickets
    for i in rng.choices(worked_idx, k=n_entries):
        counts[i] += 1
    slots = sum(max(1, c) for c in counts)
    size = (end - begin) / slots
    plans, slot = [], 0
    for i in range(n_tickets):
        base = begin + slot * size
        created = int(base + rng.uniform(0, 0.05) * size)
        subject = f"{rng.choice(DEVICES).capitalize()} {rng.choice(PROBLEMS)}"
        p = Plan(
            client=clients[i],
            created=created,
            subject=subject,
            body=f"{rng.choice(OPENINGS)}our {subject.lower()}. Could you have a look this week?",
            channel=rng.choices(["email", "web", "referral", "phone"], [70, 15, 5, 10])[0],
            priority="urgent" if rng.random() < 0.08 else "normal",
            billable=rng.random() < 0.85,
        )
        if rng.random() < 0.3:
            p.reply_at = int(base + 0.06 * size)
        young = end - created < RECENT
        for k in range(counts[i]):
            start = int(begin + (slot + k) * size + (0.2 + rng.uniform(0, 0.05)) * size)
            length = int(min(rng.uniform(0.3, 0.7) * size, 6 * 3600))
            p.work.append(
                Work(
                    start=start,
                    end=start + max(60, length),
                    category=rng.choices(CATEGORIES, [35, 45, 20])[0],
                    billable=p.billable and rng.random() > 0.07,
                    note=rng.choice(NOTES),
                )
            )
        if p.billable:
            p.estimate_at = int(base + 0.08 * size)
            used = sum(w.end - w.start for w in p.work if w.billable)
            p.estimate_seconds = max(900, -(-int(used * rng.uniform(1.1, 1.6)) // 900) * 900)
            if p.work:
                p.decision = "approved"
            elif rng.random() < 0.4:
                p.decision = "declined"
            elif young or rng.random() < 0.3:
                p.decision = None
            else:
                p.decision = "approved"
            if p.decision:
                p.decided_at = int(base + 0.12 * size)
        if not young:
            if p.work:
                p.final = ("resolved", None)
            elif p.decision == "approved":
                p.final = ("closed", None)
            elif p.decision == "declined":
                p.final = ("closed", None) if rng.random() < 0.5 else None
            else:
                p.final = ("closed", None)
        elif p.work:
            p.final = ("in_progress", None)
        if p.final:
            last = max([w.end for w in p.work] or [p.decided_at or created])
            p.final_at = int(last + 0.01 * size) + 1
        plans.append(p)
        slot += max(1, counts[i])
    return plans


def add_clients(desk: Desk, clock: FixedClock, n: int, at: int, rng: random.Random) -> list[int]:
    clock.instant = datetime.fromtimestamp(at, UTC)
    ids = []
    for i in range(n):
        trade = TRADES[i % len(TRADES)]
        name = f"{SURNAMES[i % len(SURNAMES)]} {trade}"
        if i >= len(SURNAMES):
            name += f" {i // len(SURNAMES) + 1}"
        slug = name.lower().replace(" ", "-")
        added = desk.clients.add(
            name=name,
            emails=f"office@{slug}.example",
            company=f"{name} LLC",
            rate=str(rng.choice([95, 110, 120, 140, 160])),
            terms_days=rng.choice([7, 14, 30]),
            payment_method="paypal" if rng.random() < 0.1 else "bank",
        )
        ids.append(added.id)
    return ids


def write_through_api(desk: Desk, clock: FixedClock, p: Plan, client_id: int) -> None:
    def at(instant: int) -> None:
        clock.instant = datetime.fromtimestamp(instant, UTC)

    at(p.created)
    ticket = desk.tickets.new(
        client_id=client_id,
        subject=p.subject,
        body=p.body,
        channel=p.channel,
        priority=p.priority,
        billable=p.billable,
    )
    if p.reply_at:
        at(p.reply_at)
        desk.tickets.message(ticket.ref, "Thanks, I will look into it shortly.", kind="reply")
    if p.estimate_at:
        at(p.estimate_at)
        desk.estimates.send(ticket.ref, hours=p.estimate_seconds, scope="Diagnose and fix.")
    if p.decision:
        at(p.decided_at)
        if p.decision == "approved":
            desk.estimates.approve(ticket.ref, text="Approved, please go ahead.")
        else:
            desk.estimates.decline(ticket.ref, text="Too expensive for now, thanks.")
    for w in p.work:
        at(w.end + 1)
        desk.timer.log(
            ticket.ref,
            start=datetime.fromtimestamp(w.start, UTC),
            end=datetime.fromtimestamp(w.end, UTC),
            category=w.category,
            note=w.note,
            billable=w.billable,
        )
    if p.final:
        at(p.final_at)
        completion = getattr(desk, "completion", None)
        if p.final[0] == "resolved" and completion is not None:
            completion.resolve(ticket.ref, "Fixed and tested with the user.")
        else:
            desk.tickets.set_status(ticket.ref, *p.final)


class Bulk:
    """The same rows the desk writes, collected for ``executemany``."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        db = desk.db

        def next_id(table: str) -> int:
            return db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

        self.ids = {t: next_id(t) for t in ("tickets", "entries", "estimates", "time_entries")}
        self.ids["decisions"] = next_id("decisions")
        (self.number,) = db.execute("SELECT coalesce(max(number), 0) + 1 FROM tickets").fetchone()
        self.rows: dict[str, list] = {k: [] for k in self.ids}
        self.clients = {
            r[0]: r[1] for r in db.execute("SELECT id, rate_cents FROM clients").fetchall()
        }

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] += 1
        return value

    def entry(self, ticket, kind, author, body, data, at) -> int:
        entry_id = self.take("entries")
        self.rows["entries"].append(
            (entry_id, ticket.id, kind, author, body, json.dumps(data), None, None, at)
        )
        ticket.updated_at = at
        return entry_id

    def move(self, ticket, status, reason, note, at) -> None:
        before = status_text(ticket.status, ticket.hold_reason)
        body = f"Status: {before} → {status_text(status, reason)}. {note}".strip()
        data = {"from": ticket.status, "to": status, "reason": reason}
        self.entry(ticket, "status", "consultant", body, data, at)
        ticket.status, ticket.hold_reason = status, reason

    def add(self, p: Plan, client_id: int) -> None:
        desk = self.desk
        number = self.number
        self.number += 1
        ticket = SimpleNamespace(
            id=self.take("tickets"),
            number=number,
            ref=desk.ref(number),
            subject=p.subject,
            status="new",
            hold_reason=None,
            updated_at=p.created,
        )
        self.entry(ticket, "created", "system", f"Ticket opened ({p.channel}).", {}, p.created)
        self.entry(ticket, "message", "client", p.body, {}, p.created)
        if p.reply_at:
            body = "Thanks, I will look into it shortly."
            self.entry(ticket, "reply", "consultant", body, {}, p.reply_at)
        billable = p.billable
        if p.estimate_at:
            rate = self.clients[client_id]
            estimate = SimpleNamespace(
                id=self.take("estimates"),
                version=1,
                billable=True,
                seconds=p.estimate_seconds,
                rate_cents=rate,
                scope="Diagnose and fix.",
            )
            self.rows["estimates"].append(
                (
                    estimate.id,
                    ticket.id,
                    1,
                    1,
                    estimate.seconds,
                    rate,
                    estimate.scope,
                    p.estimate_at,
                )
            )
            amount = desk.estimates.amount(estimate)
            data = {
                "version": 1,
                "billable": True,
                "seconds": estimate.seconds,
                "rate_cents": rate,
                "amount_cents": amount,
            }
            body = desk.estimates.message(ticket, estimate)
            self.entry(ticket, "estimate", "consultant", body, data, p.estimate_at)
            self.move(ticket, "on_hold", "awaiting_approval", "Estimate v1 sent.", p.estimate_at)
            if p.decision:
                text = (
                    "Approved, please go ahead."
                    if p.decision == "approved"
                    else "Too expensive for now, thanks."
                )
                self.rows["decisions"].append(
                    (
                        self.take("decisions"),
                        estimate.id,
                        p.decision,
                        text,
                        None,
                        p.decided_at,
                        p.decided_at,
                    )
                )
                data = {"version": 1, "received_at": p.decided_at, "source_entry_id": None}
                kind = "approval" if p.decision == "approved" else "decline"
                body = f"Client {p.decision} estimate v1:\n> {text}"
                self.entry(ticket, kind, "consultant", body, data, p.decided_at)
                if p.decision == "approved":
                    note = "Estimate v1 approved by the client."
                    self.move(ticket, "approved", None, note, p.decided_at)
                else:
                    self.move(ticket, "on_hold", "declined", "Estimate v1 declined.", p.decided_at)
        describe = desk.timer._describe
        for w in p.work:
            entry_id = self.take("time_entries")
            note = " ".join(w.note.split())
            self.rows["time_entries"].append(
                (entry_id, ticket.id, w.category, w.start, w.end, int(w.billable), note, w.end + 1)
            )
            shown = SimpleNamespace(
                start_at=datetime.fromtimestamp(w.start, UTC),
                end_at=datetime.fromtimestamp(w.end, UTC),
                seconds=w.end - w.start,
                category=w.category,
            )
            body = f"Logged {describe(shown)}, {'billable' if w.billable else 'not billable'}."
            if note:
                body += f"\nNote: {note}"
            data = {"entry_id": entry_id, "seconds": w.end - w.start}
            self.entry(ticket, "time", "consultant", body, data, w.end + 1)
        if p.final:
            self.move(ticket, *p.final, "", p.final_at)
        self.rows["tickets"].append(
            (
                ticket.id,
                number,
                client_id,
                p.subject,
                p.channel,
                p.priority,
                int(billable),
                ticket.status,
                ticket.hold_reason,
                "",
                0,
                p.created,
                ticket.updated_at,
            )
        )

    def write(self) -> None:
        sql = {
            "tickets": "INSERT INTO tickets (id, number, client_id, subject, channel, priority,"
            " billable, status, hold_reason, referred_by, flagged, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            "entries": "INSERT INTO entries (id, ticket_id, kind, author, body, data, message_id,"
            " received_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            "estimates": "INSERT INTO estimates (id, ticket_id, version, billable, seconds,"
            " rate_cents, scope, sent_at) VALUES (?,?,?,?,?,?,?,?)",
            "decisions": "INSERT INTO decisions (id, estimate_id, outcome, text, source_entry_id,"
            " received_at, recorded_at) VALUES (?,?,?,?,?,?,?)",
            "time_entries": "INSERT INTO time_entries (id, ticket_id, category, start_at, end_at,"
            " billable, note, created_at) VALUES (?,?,?,?,?,?,?,?)",
        }
        conn = self.desk.db.conn
        with transaction(self.desk.db):
            for table in ("tickets", "entries", "estimates", "decisions", "time_entries"):
                conn.executemany(sql[table], self.rows[table])


@dataclass
class Bill:
    """One invoice of the plan: a client's tickets (plan indexes), issued and paid when."""

    client: int
    tickets: list[int]
    issued_at: int
    payments: list[tuple[int, float]]  # (instant, share of the total)
    sent_at: int = 0


def plan_invoices(plans: list[Plan], n_invoices: int, end: int, rng: random.Random) -> list[Bill]:
    """Split each client's billable resolved tickets, oldest first, into its share of invoices."""
    by_client: dict[int, list[int]] = {}
    for i, p in enumerate(plans):
        if (
            p.final == ("resolved", None)
            and p.decision == "approved"
            and any(w.billable for w in p.work)
            and p.final_at < end - UNBILLED
        ):
            by_client.setdefault(p.client, []).append(i)
    total = sum(len(v) for v in by_client.values())
    if not total:
        return []
    quota = {c: n_invoices * len(v) / total for c, v in by_client.items()}
    counts = {c: max(1, min(len(by_client[c]), int(q))) for c, q in quota.items()}
    spare = n_invoices - sum(counts.values())
    order = sorted(quota, key=lambda c: quota[c] - int(quota[c]), reverse=True)
    while spare > 0 and order:
        grown = False
        for c in order:
            if spare and counts[c] < len(by_client[c]):
                counts[c] += 1
                spare -= 1
                grown = True
        if not grown:
            break
    for c in sorted(counts, key=lambda c: -counts[c]):
        if spare >= 0:
            break
        take = min(-spare, counts[c] - 1)
        counts[c] -= take
        spare += take
    bills = []
    for c, indexes in by_client.items():
        indexes.sort(key=lambda i: plans[i].final_at)
        n = counts[c]
        for k in range(n):
            chunk = indexes[k * len(indexes) // n : (k + 1) * len(indexes) // n]
            last = max(plans[i].final_at for i in chunk)
            issued = min(last + int(rng.uniform(1, 5) * 86400), end - 86400)
            bills.append(Bill(c, chunk, issued, [], sent_at=issued + 600))
    bills.sort(key=lambda b: (b.issued_at, b.client))
    for bill in bills:
        late = rng.random()
        if late < 0.03:  # paid in two parts
            first = bill.issued_at + int(rng.uniform(3, 20) * 86400)
            second = first + int(rng.uniform(10, 40) * 86400)
            bill.payments = [(first, 0.5), (second, 1.0)]
        elif late < 0.05:  # paid late, after the reminders
            bill.payments = [(bill.issued_at + int(rng.uniform(40, 90) * 86400), 1.0)]
        elif late < 0.052:  # never paid: the oldest debts of the receivables
            bill.payments = []
        else:
            bill.payments = [(bill.issued_at + int(rng.uniform(2, 25) * 86400), 1.0)]
        bill.payments = [(at, share) for at, share in bill.payments if at < end - 600]
    return bills


def _line(desk: Desk, p: Plan, number: int, rate_cents: int) -> InvoiceLine:
    seconds = sum(w.end - w.start for w in p.work if w.billable)
    rule = desk.settings.timer.rounding
    billed = rounded(seconds, rule)
    return InvoiceLine(
        ref=desk.ref(number),
        subject=p.subject,
        seconds=seconds,
        billed_seconds=billed,
        rounding=ROUNDING_WORDS[rule],
        rate_cents=rate_cents,
        amount_cents=amount_for(billed, rate_cents),
    )


def _shares(total: int, payments: list[tuple[int, float]]) -> list[tuple[int, int]]:
    """(instant, cents) of each payment; the shares are cumulative."""
    paid, out = 0, []
    for at, share in payments:
        cents = round(total * share) - paid
        if cents > 0:
            out.append((at, cents))
            paid += cents
    return out


def issue_through_api(desk: Desk, clock: FixedClock, plans: list[Plan], bill: Bill, clients):
    def at(instant: int) -> None:
        clock.instant = datetime.fromtimestamp(instant, UTC)

    at(bill.issued_at)
    invoice = desk.invoicing.issue(clients[bill.client], [desk.ref(i + 1) for i in bill.tickets])
    client = desk.clients.get(clients[bill.client])
    for instant, cents in _shares(invoice.total_cents, bill.payments):
        at(instant)
        day = datetime.fromtimestamp(instant, UTC).astimezone().date()
        desk.payments.pay(
            invoice.number, amount=plain(cents), method=client.payment_method, paid_on=day
        )


class BulkInvoices:
    """The rows ``Invoicing.issue``, ``Mailer.send_invoice`` and ``Payments.pay`` write."""

    def __init__(self, desk: Desk, plans: list[Plan], clients: list[int]) -> None:
        self.desk, self.plans, self.clients = desk, plans, clients
        db = desk.db
        self.ticket_ids = dict(db.execute("SELECT number, id FROM tickets").fetchall())
        self.next_entry = db.execute("SELECT coalesce(max(id), 0) + 1 FROM entries").fetchone()[0]
        self.next_invoice = db.execute("SELECT coalesce(max(id), 0) + 1 FROM invoices").fetchone()[
            0
        ]
        self.seq = dict(db.execute("SELECT year, max(seq) FROM invoices GROUP BY year").fetchall())
        self.client_cache: dict[int, object] = {}
        self.rows: dict[str, list] = {
            k: [] for k in ("invoices", "lines", "lock", "entries", "tickets", "events", "payments")
        }

    def _entry(self, ticket_id: int, kind: str, body: str, data: dict, at: int) -> None:
        self.rows["entries"].append(
            (self.next_entry, ticket_id, kind, "consultant", body, json.dumps(data), None, None, at)
        )
        self.next_entry += 1

    def add(self, bill: Bill) -> None:
        desk = self.desk
        locale = desk.settings.locale
        client_id = self.clients[bill.client]
        client = self.client_cache.get(client_id)
        if client is None:
            client = self.client_cache[client_id] = desk.clients.get(client_id)
        issue = datetime.fromtimestamp(bill.issued_at, UTC).astimezone().date()
        seq = self.seq.get(issue.year, 0) + 1
        self.seq[issue.year] = seq
        number = f"{issue.year}-{seq:04d}"
        invoice_id = self.next_invoice
        self.next_invoice += 1
        lines = [_line(desk, self.plans[i], i + 1, client.rate_cents) for i in bill.tickets]
        total = sum(line.amount_cents for line in lines)
        business, customer, payment = desk.invoicing._parties(client)
        doc = InvoiceDocument(
            number=number,
            issue_date=issue,
            due_date=issue + timedelta(days=client.terms_days),
            terms_days=client.terms_days,
            business=business,
            client=customer,
            lines=lines,
            subtotal_cents=total,
            total_cents=total,
            payment=payment,
            locale=locale,
        )
        self.rows["invoices"].append(
            (
                invoice_id,
                number,
                issue.year,
                seq,
                client_id,
                doc.issue_date.isoformat(),
                doc.due_date.isoformat(),
                total,
                doc.model_dump_json(),
                bill.issued_at,
            )
        )
        ticket_ids = [self.ticket_ids[i + 1] for i in bill.tickets]
        for position, (line, ticket_id) in enumerate(zip(lines, ticket_ids, strict=True), 1):
            self.rows["lines"].append(
                (
                    invoice_id,
                    position,
                    ticket_id,
                    line.seconds,
                    line.billed_seconds,
                    line.rounding,
                    line.rate_cents,
                    line.amount_cents,
                )
            )
            self.rows["lock"].append((invoice_id, ticket_id))
            body = (
                f"Billed on invoice {number}: {format_usd(line.amount_cents, locale)} "
                f"({format_duration(line.billed_seconds)} at "
                f"{format_usd(line.rate_cents, locale)}/h, rounding {line.rounding})."
            )
            data = {"invoice": number, "amount_cents": line.amount_cents}
            self._entry(ticket_id, "invoice", body, data, bill.issued_at)
            moved = f"{status_text('resolved')} → {status_text('closed')}"
            body = f"Status: {moved}. Invoiced on {number}."
            data = {"from": "resolved", "to": "closed", "reason": None}
            self._entry(ticket_id, "status", body, data, bill.issued_at)
        detail = f"sent to {client.emails[0]}"
        self.rows["events"].append((invoice_id, "sent", 0, "smtp", detail, bill.sent_at))
        for ticket_id in ticket_ids:
            data = {"invoice": number, "channel": "smtp", "step": 0}
            body = f"Invoice {number} sent: {detail}."
            self._entry(ticket_id, "invoice", body, data, bill.sent_at)
        updated = bill.sent_at
        paid = 0
        for instant, cents in _shares(total, bill.payments):
            paid += cents
            day = datetime.fromtimestamp(instant, UTC).astimezone().date()
            method = client.payment_method
            self.rows["payments"].append((invoice_id, cents, day.isoformat(), method, "", instant))
            left = total - paid
            note = (
                f"Payment of {format_usd(cents, locale)} received on {day} by "
                f"{METHODS[method]} for invoice {number}; "
                + ("paid in full." if left == 0 else f"{format_usd(left, locale)} left.")
            )
            for ticket_id in ticket_ids:
                data = {"invoice": number, "amount_cents": cents}
                self._entry(ticket_id, "payment", note, data, instant)
            updated = instant
        for ticket_id in ticket_ids:
            self.rows["tickets"].append((updated, ticket_id))

    def write(self) -> None:
        conn = self.desk.db.conn
        rows = self.rows
        with transaction(self.desk.db):
            conn.executemany(
                "INSERT INTO invoices (id, number, year, seq, client_id, issue_date, due_date,"
                " total_cents, document, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows["invoices"],
            )
            conn.executemany(
                "INSERT INTO invoice_lines (invoice_id, position, ticket_id, seconds,"
                " billed_seconds, rounding, rate_cents, amount_cents) VALUES (?,?,?,?,?,?,?,?)",
                rows["lines"],
            )
            conn.executemany(
                "UPDATE time_entries SET invoice_id = ? WHERE ticket_id = ? AND billable = 1"
                " AND end_at IS NOT NULL AND invoice_id IS NULL",
                rows["lock"],
            )
            conn.executemany(
                "INSERT INTO entries (id, ticket_id, kind, author, body, data, message_id,"
                " received_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                rows["entries"],
            )
            conn.executemany(
                "UPDATE tickets SET status = 'closed', hold_reason = NULL, updated_at = ?"
                " WHERE id = ?",
                rows["tickets"],
            )
            conn.executemany(
                "INSERT INTO invoice_events (invoice_id, kind, step, channel, detail, at)"
                " VALUES (?,?,?,?,?,?)",
                rows["events"],
            )
            conn.executemany(
                "INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference,"
                " created_at) VALUES (?,?,?,?,?,?)",
                rows["payments"],
            )


def start_timer(desk: Desk, clock: FixedClock, plans: list[Plan], end: int) -> str | None:
    """Start a timer 25 minutes before now on the newest approved billable ticket it allows."""
    from hourdesk.app.core.errors import Refused

    clock.instant = datetime.fromtimestamp(end + 300, UTC)
    for number in range(len(plans), 0, -1):
        p = plans[number - 1]
        if p.billable and p.decision == "approved" and p.final in (None, ("in_progress", None)):
            try:
                return desk.timer.start(number, category="implementation").entry.ref
            except Refused:  # the client is on payment hold
                continue
    return None


def generate(
    path: Path, size: str, api_tickets: int | None, seed: int, api_invoices: int = 100
) -> dict:
    counts = SIZES[size]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    end = (int(time.time()) // 60) * 60 - 1800
    plans = plan(
        counts["clients"],
        counts["tickets"],
        counts["entries"],
        end,
        rng,
        counts.get("years", YEARS),
    )
    first = plans[0].created - 86400
    clock = FixedClock(datetime.fromtimestamp(first, UTC))
    settings = Settings(business=BUSINESS, payment=PAYMENT)
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=settings)
    began = time.perf_counter()
    clients = add_clients(desk, clock, counts["clients"], first, rng)
    bills = plan_invoices(plans, counts["invoices"], end, rng)
    through_api = len(plans) if api_tickets is None else min(api_tickets, len(plans))
    for p in plans[:through_api]:
        write_through_api(desk, clock, p, clients[p.client])
    by_api = [b for b in bills if max(b.tickets) < through_api][:api_invoices]
    for bill in by_api:
        issue_through_api(desk, clock, plans, bill, clients)
    api_done = time.perf_counter()
    if through_api < len(plans):
        bulk = Bulk(desk)
        for p in plans[through_api:]:
            bulk.add(p, clients[p.client])
        bulk.write()
    chosen = {id(b) for b in by_api}
    billing = BulkInvoices(desk, plans, clients)
    for bill in bills:
        if id(bill) not in chosen:
            billing.add(bill)
    billing.write()
    bulk_done = time.perf_counter()
    running = start_timer(desk, clock, plans, end)
    desk.db.execute("ANALYZE")
    desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    totals = {
        t: desk.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in (
            "clients",
            "tickets",
            "entries",
            "estimates",
            "time_entries",
            "invoices",
            "payments",
        )
    }
    desk.close()
    return {
        "db": str(path),
        "size": size,
        "api_tickets": through_api,
        "bulk_tickets": len(plans) - through_api,
        "api_invoices": len(by_api),
        "bulk_invoices": len(bills) - len(by_api),
        "api_seconds": round(api_done - began, 1),
        "bulk_seconds": round(bulk_done - api_done, 1),
        "total_seconds": round(time.perf_counter() - began, 1),
        "rows": totals,
        "running": running,
        "megabytes": round(os.path.getsize(path) / 1e6, 1),
        "first": datetime.fromtimestamp(plans[0].created, UTC).date().isoformat(),
        "last": (datetime.fromtimestamp(end, UTC) + timedelta(minutes=30)).date().isoformat(),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="200 clients, 5,000 tickets.")
    parser.add_argument("--huge", action="store_true", help="Twenty years, 1,000,000 entries.")
    parser.add_argument("--db", type=Path, default=None, help="Output file (replaced).")
    parser.add_argument(
        "--api-tickets",
        default=None,
        help="How many tickets go through the desk API (default: all for --small, "
        "2000 for the large and huge sizes; 'all' forces the API for every ticket).",
    )
    parser.add_argument(
        "--api-invoices",
        type=int,
        default=100,
        help="How many of the earliest invoices (and their payments) go through the desk API.",
    )
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args(argv)
    size = "small" if options.small else "huge" if options.huge else "large"
    path = options.db or OUT / {"small": "scale-small.db", "large": "scale.db"}.get(
        size, f"scale-{size}.db"
    )
    if options.api_tickets in (None, ""):
        api = None if options.small else 2000
    elif options.api_tickets == "all":
        api = None
    else:
        api = int(options.api_tickets)
    print(f"Generating the {size} database at {path} …", flush=True)
    result = generate(path, size, api, options.seed, options.api_invoices)
    rows = ", ".join(f"{v:,} {k}" for k, v in result["rows"].items())
    print(f"{rows}; {result['megabytes']} MB; {result['first']} to {result['last']}")
    print(
        f"{result['api_tickets']:,} tickets through the desk API in {result['api_seconds']} s, "
        f"{result['bulk_tickets']:,} with executemany in one transaction in "
        f"{result['bulk_seconds']} s; total {result['total_seconds']} s."
    )
    print(
        f"Invoices: {result['api_invoices']:,} through the desk API, "
        f"{result['bulk_invoices']:,} with executemany."
    )
    print(f"Running timer: {result['running'] or 'none'}")


if __name__ == "__main__":
    main()
