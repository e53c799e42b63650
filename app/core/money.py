"""Money: integer cents stored, ``Decimal`` in arithmetic, babel for display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from hourdesk.app.core.errors import Invalid

CENT = Decimal("0.01")
MAX_RATE_CENTS = 100_000_00


def parse_amount(text: str, field: str = "amount", *, allow_zero: bool = True) -> int:
    """Parse ``"150"``, ``"150.5"``, ``"$1,250.00"`` into cents; refuse what is not money."""
    cleaned = str(text).strip().replace(",", "").removeprefix("$").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(
            field, f"{field}: {text!r} is not an amount.", "Type it like 150.00."
        ) from None
    if not value.is_finite():
        raise Invalid(field, f"{field}: {text!r} is not an amount.", "Type it like 150.00.")
    if value < 0:
        raise Invalid(field, f"{field} cannot be negative.", "Type a positive amount.")
    if value == 0 and not allow_zero:
        raise Invalid(field, f"{field} must be more than zero.", "Type a positive amount.")
    if value > Decimal(MAX_RATE_CENTS) / 100:
        raise Invalid(field, f"{field}: {text!r} is too large.", "Check the number of digits.")
    if value != value.quantize(CENT):
        raise Invalid(field, f"{field}: {text!r} has more than 2 decimals.", "Round it to cents.")
    return int(value * 100)


def to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def plain(cents: int) -> str:
    """Cents as a plain decimal string, ``"150.00"`` (for forms, JSON and CSV)."""
    return str(to_decimal(cents))


def amount_for(seconds: int, rate_cents: int) -> int:
    """Cents for ``seconds`` at an hourly rate, rounded half-up to the cent."""
    exact = Decimal(seconds) * Decimal(rate_cents) / Decimal(3600)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_usd(cents: int, locale: str = "en_US") -> str:
    """``$1,250.00`` in the given locale's style."""
    from babel.numbers import format_currency

    return format_currency(to_decimal(cents), "USD", locale=locale)
