"""Durations typed the way people type them, and shown compactly."""

from __future__ import annotations

import re
from decimal import Decimal

from hourdesk.app.core.errors import Invalid
from hourdesk.exports.units import HOURS_PLACES, decimal_hours, format_duration

__all__ = ["HOURS_PLACES", "decimal_hours", "format_clock", "format_duration", "parse_duration"]

_UNITS = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(?P<m>\d+)\s*m(?:in(?:utes?)?)?)?$"
)
_CLOCK = re.compile(r"^(?P<h>\d+):(?P<m>[0-5]\d)$")
MAX_SECONDS = 1000 * 3600


def parse_duration(text: str, field: str = "time") -> int:
    """Seconds from ``2.5``, ``2h30m``, ``90m``, ``1:45``, ``2 hours``; refuse anything else."""
    raw = str(text).strip().lower()
    hint = "Type hours like 2.5, 2h30m, 90m or 1:45."
    seconds: Decimal | None = None
    if match := _CLOCK.match(raw):
        seconds = Decimal(int(match["h"]) * 3600 + int(match["m"]) * 60)
    elif raw and (match := _UNITS.match(raw)) and (match["h"] or match["m"]):
        seconds = Decimal(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60
    else:
        try:
            seconds = Decimal(raw) * 3600
        except ArithmeticError:  # InvalidOperation, or Overflow for 1e999999999
            seconds = None
    if seconds is None or not seconds.is_finite():
        raise Invalid(field, f"{field}: {text!r} is not a duration.", hint)
    if seconds < 0:
        raise Invalid(field, f"{field} cannot be negative.", hint)
    if seconds > MAX_SECONDS:
        raise Invalid(field, f"{field}: {text!r} is more than 1,000 hours.", "Check the value.")
    return int(seconds.to_integral_value())


def format_clock(seconds: int) -> str:
    """``1:02:03`` for a running timer."""
    seconds = max(0, int(seconds))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
