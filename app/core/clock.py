"""The clock: real time, or a fixed instant (``HOURDESK_NOW``) for tests and demonstrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hourdesk.app.core.environ import fixed_now


class Clock:
    """Real time in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def timestamp(self) -> int:
        """Now as whole seconds since the epoch, the form the database keeps."""
        return int(self.now().timestamp())


class FixedClock(Clock):
    """A clock that stands still until moved."""

    def __init__(self, instant: datetime) -> None:
        self.instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self.instant

    def advance(self, **delta: float) -> None:
        self.instant += timedelta(**delta)


def parse_instant(text: str) -> datetime:
    """Parse an ISO-8601 instant; a value without an offset is taken as UTC."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{text!r} is out of range") from None


def env_instant() -> datetime | None:
    """``HOURDESK_NOW`` as an instant, None when unset; a ValueError naming the variable when
    it is not an instant."""
    fixed = fixed_now()
    if fixed is None:
        return None
    try:
        return parse_instant(fixed)
    except ValueError as exc:
        raise ValueError(
            f"HOURDESK_NOW={fixed!r} is not an ISO-8601 instant (e.g. 2026-11-26T09:00:00Z)"
        ) from exc


def clock_from_env() -> Clock:
    """``FixedClock`` at ``HOURDESK_NOW`` when set, else the real clock."""
    instant = env_instant()
    return Clock() if instant is None else FixedClock(instant)
