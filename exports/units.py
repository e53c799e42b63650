"""The one time format of hourdesk, shown alike in the thread, the TUI, the CLI and print."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HOURS_PLACES = Decimal("0.0001")


def format_duration(seconds: int) -> str:
    """``2h10m``, ``0h05m``; negative durations keep their sign."""
    sign = "-" if seconds < 0 else ""
    minutes = abs(int(seconds)) // 60
    return f"{sign}{minutes // 60}h{minutes % 60:02d}m"


def decimal_hours(seconds: int) -> Decimal:
    """Seconds as decimal hours to four places, half-up: ``5399`` -> ``1.4997``.

    This is the quantity an invoice line prints; its amount is this times the rate.
    """
    return (Decimal(int(seconds)) / 3600).quantize(HOURS_PLACES, rounding=ROUND_HALF_UP)
