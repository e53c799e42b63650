"""The invoices left to pay (``unpaid``), kept by the schema for the payment hold: after any
sequence of invoices, payments, corrections, credit notes and voids they are exactly those
with a balance, and a database from before the table gets it filled when it is opened."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from hourdesk.app.desk.billing.balance import OPEN
from hourdesk.app.desk.checks import unpaid
from hourdesk.storage.db import open_database
from hourdesk.storage.schema import MIGRATIONS


def owing(conn: sqlite3.Connection) -> set[int]:
    return {i for (i,) in conn.execute(f"SELECT i.id FROM invoices i WHERE {OPEN}")}


def kept(conn: sqlite3.Connection) -> set[int]:
    return {i for (i,) in conn.execute("SELECT invoice_id FROM unpaid")}


def schema(path: Path, version: int) -> sqlite3.Connection:
    """A database file with the schema as migration ``version`` left it, and two clients."""
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:version]:
        conn.executescript(migration)
    conn.execute(f"PRAGMA user_version = {version}")
    for n in (1, 2):
        conn.execute(
            "INSERT INTO clients (id, name, rate_cents, created_at) VALUES (?, ?, 10000, 0)",
            [n, f"Client {n}"],
        )
    return conn


class Book:
    """Invoices, credit notes, payments and voids written as SQL, as any writer would."""

    def __init__(self, conn: sqlite3.Connection, rng: random.Random) -> None:
        self.conn, self.rng, self.seq = conn, rng, 0

    def invoice(self, credits: int | None = None) -> None:
        self.seq += 1
        total = -self.rng.randint(1, 300) if credits else self.rng.randint(0, 500)
        client = self.rng.choice((1, 2))
        self.conn.execute(
            "INSERT INTO invoices (number, year, seq, kind, credits_invoice_id, client_id,"
            " issue_date, due_date, total_cents, document, created_at)"
            " VALUES (?, 2026, ?, ?, ?, ?, '2026-01-01', ?, ?, '{}', 0)",
            [
                f"2026-{self.seq:04d}",
                self.seq,
                "credit_note" if credits else "invoice",
                credits,
                client,
                f"2026-0{self.rng.randint(1, 9)}-01",
                total,
            ],
        )

    def step(self) -> None:
        invoices = [
            i for (i,) in self.conn.execute("SELECT id FROM invoices WHERE kind = 'invoice'")
        ]
        issued = [
            i for (i,) in self.conn.execute("SELECT id FROM invoices WHERE status = 'issued'")
        ]
        what = self.rng.random()
        if not invoices or what < 0.25:
            self.invoice()
        elif what < 0.6:  # a payment, or now and then a correction of one
            amount = self.rng.choice((1, 1, 1, -1)) * self.rng.randint(1, 400)
            self.conn.execute(
                "INSERT INTO payments (invoice_id, amount_cents, paid_on, method, created_at)"
                " VALUES (?, ?, '2026-02-01', 'bank', 0)",
                [self.rng.choice(invoices), amount],
            )
        elif what < 0.8:
            self.invoice(credits=self.rng.choice(invoices))
        elif issued:
            self.conn.execute(
                "UPDATE invoices SET status = 'void', void_reason = 'wrong', voided_at = 1"
                " WHERE id = ?",
                [self.rng.choice(issued)],
            )


@pytest.mark.parametrize("seed", range(4))
def test_the_unpaid_invoices_are_those_with_a_balance_after_every_change(tmp_path, seed):
    conn = schema(tmp_path / "book.db", len(MIGRATIONS))
    book = Book(conn, random.Random(seed))
    for _ in range(300):
        book.step()
        assert kept(conn) == owing(conn)
    assert 0 < len(kept(conn)) < conn.execute("SELECT count(*) FROM invoices").fetchone()[0]
    assert unpaid(conn) == []


def test_a_database_from_before_gets_its_unpaid_invoices_when_opened(tmp_path):
    path = tmp_path / "old.db"
    conn = schema(path, len(MIGRATIONS) - 1)
    book = Book(conn, random.Random(7))
    for _ in range(200):
        book.step()
    before = owing(conn)
    conn.close()
    db = open_database(path)
    try:
        assert kept(db.conn) == owing(db.conn) == before != set()
    finally:
        db.conn.close()


def test_check_names_an_invoice_the_marker_lost_or_kept_too_long(tmp_path):
    conn = schema(tmp_path / "book.db", len(MIGRATIONS))
    book = Book(conn, random.Random(1))
    for _ in range(60):
        book.step()
    lost, *_ = sorted(kept(conn))
    paid = conn.execute(
        "SELECT id FROM invoices WHERE kind = 'invoice'"
        " AND id NOT IN (SELECT invoice_id FROM unpaid)"
    ).fetchone()[0]
    conn.execute("DELETE FROM unpaid WHERE invoice_id = ?", [lost])
    conn.execute(
        "INSERT INTO unpaid SELECT id, client_id, due_date FROM invoices WHERE id = ?", [paid]
    )
    numbers = dict(conn.execute("SELECT id, number FROM invoices"))
    assert unpaid(conn) == sorted(
        [
            f"invoice {numbers[lost]} is left to pay but not marked unpaid",
            f"invoice {numbers[paid]} is marked unpaid but has nothing left to pay",
        ]
    )
