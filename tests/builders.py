"""Shared builders for the tests: records made through the desk, as a consultant would."""

from __future__ import annotations

from app.desk import Desk
from app.settings import Settings

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
