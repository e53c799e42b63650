"""Shared builders for the tests: records made through the desk, as a consultant would."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path

from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk

YEARS = 3 * 365 * 86400


def approve_back_then(
    desk: Desk,
    ref: str,
    *,
    hours: str = "10",
    rate: str | None = None,
    text: str = "Approved, please go ahead.",
    ago: int = YEARS,
) -> None:
    """Send an estimate and record the client's approval ``ago`` seconds back (the desk's
    clock is wound back and forth), so that billable time in the past may be logged."""
    desk.clock.advance(seconds=-ago)
    try:
        desk.estimates.send(ref, hours=hours, rate=rate)
        desk.estimates.approve(ref, text=text)
    finally:
        desk.clock.advance(seconds=ago)


READY = {
    "business": {
        "name": "Rivera IT Consulting",
        "address": "118 Harbor View Road\nPortland, ME 04101",
        "email": "alex@rivera-it.example",
    },
    "payment": {"bank_details": "First Coastal Bank\nAccount 4401 2287 6650"},
}


def ready_settings(overrides: dict | None = None) -> Settings:
    """Settings an invoice can be issued with (business name, address and bank details set),
    with ``overrides`` merged in section by section."""
    data = {key: dict(value) for key, value in READY.items()}
    for key, value in (overrides or {}).items():
        data[key] = {**data[key], **value} if key in data else value
    return Settings.model_validate(data)


def resolved_work(
    desk: Desk, client_id: int, subject: str, minutes: int, summary: str = "Done and tested."
) -> str:
    """A ticket approved (5 h), worked for ``minutes`` up to now and resolved; its ref."""
    t = desk.tickets.new(client_id=client_id, subject=subject, body="Please help.")
    desk.estimates.send(t.ref, hours="5")
    desk.estimates.approve(t.ref, text="Yes, go ahead.")
    start = desk.clock.now()
    desk.clock.advance(minutes=minutes)
    desk.timer.log(t.ref, start=start, seconds=minutes * 60)
    desk.completion.resolve(t.ref, summary)
    return t.ref


def billed_book(path: Path, start: datetime) -> None:
    """2026-0001 Harbor Dental Clinic $200 (bank), 2026-0002 Northwind Outfitters $90 (PayPal),
    2026-0003 Bluebird Bakery $150 and 2026-0004 Bluebird $60, all issued on ``start``."""
    from hourdesk.app.core.clock import FixedClock
    from hourdesk.app.desk.facade import build_desk

    desk = build_desk(path, clock=FixedClock(start), settings=ready_settings())

    bill = functools.partial(resolved_work, desk)

    try:
        harbor = desk.clients.add(
            name="Harbor Dental Clinic", emails="o@harbor.example", rate="100"
        )
        north = desk.clients.add(
            name="Northwind Outfitters",
            emails="ap@northwind.example",
            rate="120",
            payment_method="paypal",
        )
        blue = desk.clients.add(name="Bluebird Bakery", emails="hi@bluebird.example", rate="100")
        desk.invoicing.issue(harbor.id, [bill(harbor.id, "Printer offline", 120)])
        desk.invoicing.issue(north.id, [bill(north.id, "Wi-Fi drops", 45)])
        first, second = bill(blue.id, "Till", 90), bill(blue.id, "Mail", 36)
        desk.invoicing.issue(blue.id, [first])
        desk.invoicing.issue(blue.id, [second])
    finally:
        desk.close()


def copies(desk: Desk, number: str, keys: list[tuple[int, int]]) -> list[str]:
    """Copies of issued invoice ``number`` (its client, total, dates and document) under these
    ``(year, seq)`` keys, written straight in: years of invoices in a moment. Their numbers."""
    from hourdesk.storage.db import transaction

    numbers = [f"{year}-{seq:04d}" for year, seq in keys]
    with transaction(desk.db):
        desk.db.conn.executemany(
            "INSERT INTO invoices (number, year, seq, kind, credits_invoice_id, client_id,"
            " issue_date, due_date, total_cents, document, status, created_at)"
            " SELECT ?, ?, ?, kind, credits_invoice_id, client_id, issue_date, due_date,"
            " total_cents, document, status, created_at FROM invoices WHERE number = ?",
            [(n, year, seq, number) for n, (year, seq) in zip(numbers, keys, strict=True)],
        )
    return numbers
