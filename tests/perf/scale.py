"""Write a large, realistic hourdesk database through the project's own desk API.

    uv run python tests/perf/scale.py --small   # 200 clients, 5,000 tickets, 20,000 entries
    uv run python tests/perf/scale.py           # 2,000 clients, 100,000 tickets, 500,000 entries

Ten years of work end half an hour ago; a timer was started 25 minutes ago on a recent
approved ticket and is still running, so ``hourdesk status`` has something to show.

Every client, and the first ``--api-tickets`` tickets with their threads, estimates,
approvals, declines, time entries and status changes, go through the desk (a moving
``FixedClock`` gives each write its instant): ``desk.clients.add``, ``desk.tickets.new``,
``desk.tickets.message``, ``desk.estimates.send/approve/decline``, ``desk.timer.log``,
``desk.tickets.set_status``. For the large size that would take far too long (the API writes
one transaction per call with ``synchronous=FULL``), so by default only a sample of 2,000
tickets goes through it; the rest of the same plan is written with ``executemany`` in one
transaction, mirroring the rows and thread texts the desk writes (the thread texts are built
with the desk's own helpers). ``--api-tickets all`` forces the API for everything.

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

from app.clock import FixedClock  # noqa: E402
from app.desk import Desk, build_desk  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.tickets import status_text  # noqa: E402
from storage.db import transaction  # noqa: E402
from storage.vault import MemoryVault  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = {
    "small": {"clients": 200, "tickets": 5_000, "entries": 20_000},
    "large": {"clients": 2_000, "tickets": 100_000, "entries": 500_000},
}
YEARS = 10
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


def plan(n_clients: int, n_tickets: int, n_entries: int, end: int, rng: random.Random):
    """The whole history, oldest first: each ticket's writes fall inside its own slots."""
    begin = end - int(YEARS * 365.25 * 86400)
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


def start_timer(desk: Desk, clock: FixedClock, plans: list[Plan], end: int) -> str | None:
    """Start a timer 25 minutes before now on the newest approved billable ticket."""
    clock.instant = datetime.fromtimestamp(end + 300, UTC)
    for number in range(len(plans), 0, -1):
        p = plans[number - 1]
        if p.billable and p.decision == "approved" and p.final in (None, ("in_progress", None)):
            return desk.timer.start(number, category="implementation").entry.ref
    return None


def generate(path: Path, size: str, api_tickets: int | None, seed: int) -> dict:
    counts = SIZES[size]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    end = (int(time.time()) // 60) * 60 - 1800
    plans = plan(counts["clients"], counts["tickets"], counts["entries"], end, rng)
    first = plans[0].created - 86400
    clock = FixedClock(datetime.fromtimestamp(first, UTC))
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=Settings())
    began = time.perf_counter()
    clients = add_clients(desk, clock, counts["clients"], first, rng)
    through_api = len(plans) if api_tickets is None else min(api_tickets, len(plans))
    for p in plans[:through_api]:
        write_through_api(desk, clock, p, clients[p.client])
    api_done = time.perf_counter()
    if through_api < len(plans):
        bulk = Bulk(desk)
        for p in plans[through_api:]:
            bulk.add(p, clients[p.client])
        bulk.write()
    bulk_done = time.perf_counter()
    running = start_timer(desk, clock, plans, end)
    desk.db.execute("ANALYZE")
    desk.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    totals = {
        t: desk.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("clients", "tickets", "entries", "estimates", "time_entries")
    }
    desk.close()
    return {
        "db": str(path),
        "size": size,
        "api_tickets": through_api,
        "bulk_tickets": len(plans) - through_api,
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
    parser.add_argument("--db", type=Path, default=None, help="Output file (replaced).")
    parser.add_argument(
        "--api-tickets",
        default=None,
        help="How many tickets go through the desk API (default: all for --small, "
        "2000 for the large size; 'all' forces the API for every ticket).",
    )
    parser.add_argument("--seed", type=int, default=42)
    options = parser.parse_args(argv)
    size = "small" if options.small else "large"
    path = options.db or OUT / ("scale-small.db" if options.small else "scale.db")
    if options.api_tickets in (None, ""):
        api = None if options.small else 2000
    elif options.api_tickets == "all":
        api = None
    else:
        api = int(options.api_tickets)
    print(f"Generating the {size} database at {path} …", flush=True)
    result = generate(path, size, api, options.seed)
    rows = ", ".join(f"{v:,} {k}" for k, v in result["rows"].items())
    print(f"{rows}; {result['megabytes']} MB; {result['first']} to {result['last']}")
    print(
        f"{result['api_tickets']:,} tickets through the desk API in {result['api_seconds']} s, "
        f"{result['bulk_tickets']:,} with executemany in one transaction in "
        f"{result['bulk_seconds']} s; total {result['total_seconds']} s."
    )
    print(f"Running timer: {result['running'] or 'none'}")


if __name__ == "__main__":
    main()
