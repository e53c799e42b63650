"""Instants shown in the local zone, and ages."""

from __future__ import annotations

from datetime import datetime


def local(instant: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return instant.astimezone().strftime(fmt)


def age(instant: datetime, now: datetime) -> str:
    """``45m``, ``5h``, ``3d``, ``7w``, ``2y`` since ``instant``."""
    seconds = max(0, int((now - instant).total_seconds()))
    for unit, size in (("y", 365 * 86400), ("w", 7 * 86400), ("d", 86400), ("h", 3600)):
        if seconds >= size * (2 if unit in "yw" else 1):
            return f"{seconds // size}{unit}"
    return f"{seconds // 60}m"


def parse_local(text: str, field: str = "time") -> datetime:
    """``2026-11-20 14:05`` (local time) or an ISO instant with an offset."""
    from app.errors import Invalid

    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(
            field, f"{field}: {text!r} is not a date and time.", "Type it like 2026-11-20 14:05."
        ) from None
    try:
        return value if value.tzinfo else value.astimezone()
    except (OverflowError, ValueError):
        raise Invalid(field, f"{field}: {text!r} is out of range.") from None
