"""Instants shown in the local zone, ages, and local times typed by the user.

Daylight-saving changes make some local times special. In the spring-forward gap a time
does not exist (02:30 on the night clocks jump from 02:00 to 03:00): it is refused with the
reason, never shifted. In the fall-back hour a time happens twice: it is refused unless it
carries its UTC offset, and the message gives both. Such a time is shown with its offset, so
what is shown reads back to the same instant.
"""

from __future__ import annotations

from datetime import datetime


def _occurrences(wall: datetime) -> tuple[datetime, datetime]:
    """The naive local ``wall`` time with ``fold=0`` and ``fold=1`` (PEP 495), made aware:
    the same instant twice for an ordinary time."""
    return wall.replace(fold=0).astimezone(), wall.replace(fold=1).astimezone()


def _repeated(wall: datetime) -> bool:
    """True for a local time that the fall-back hour shows twice."""
    first, second = _occurrences(wall)
    return first.utcoffset() != second.utcoffset() and all(
        o.replace(tzinfo=None) == wall for o in (first, second)
    )


def local(instant: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``instant`` in the local zone; a repeated time gets its offset (``01:30-05:00``)."""
    shown = instant.astimezone()
    text = shown.strftime(fmt)
    if "%M" in fmt and _repeated(shown.replace(tzinfo=None)):
        text += _offset(shown)
    return text


def _offset(instant: datetime) -> str:
    """``-05:00``: the form ``datetime.fromisoformat`` reads back."""
    return instant.isoformat()[-6:]


def age(instant: datetime, now: datetime) -> str:
    """``45m``, ``5h``, ``3d``, ``7w``, ``2y`` since ``instant``."""
    seconds = max(0, int((now - instant).total_seconds()))
    for unit, size in (("y", 365 * 86400), ("w", 7 * 86400), ("d", 86400), ("h", 3600)):
        if seconds >= size * (2 if unit in "yw" else 1):
            return f"{seconds // size}{unit}"
    return f"{seconds // 60}m"


def parse_local(text: str, field: str = "time") -> datetime:
    """``2026-11-20 14:05`` (local time) or an ISO instant with an offset.

    A local time that does not exist, or that happens twice without its offset, is refused.
    """
    from hourdesk.app.core.errors import Invalid

    try:
        value = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(
            field, f"{field}: {text!r} is not a date and time.", "Type it like 2026-11-20 14:05."
        ) from None
    try:
        if value.tzinfo:
            value.astimezone()  # in range in the local zone too
            return value
        first, second = sorted(_occurrences(value))
    except (OverflowError, ValueError, OSError):
        raise Invalid(field, f"{field}: {text!r} is out of range.") from None
    if first.utcoffset() == second.utcoffset():
        return first
    typed = value.isoformat(" ", "seconds" if value.second else "minutes")
    if _repeated(value):
        raise Invalid(
            field,
            f"{field}: {typed} happens twice in local time (the clocks go back an hour that "
            "night).",
            f"Add the offset: {typed}{_offset(first)} for the first time ({first.tzname()}), "
            f"{typed}{_offset(second)} for the second ({second.tzname()}).",
        )
    raise Invalid(
        field,
        f"{field}: {typed} does not exist in local time (the clocks go forward from "
        f"{first.tzname()} to {second.tzname()} that night).",
        f"Type the time the clock showed: {local(first, '%H:%M')} before the change or "
        f"{local(second, '%H:%M')} after it.",
    )
