"""Shared builders for the tests: records made through the desk, as a consultant would."""

from __future__ import annotations

from app.desk import Desk

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
