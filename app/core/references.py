"""Payment references: the invoice number, or an ISO 11649 RF creditor reference built from it."""

from __future__ import annotations

import re
from decimal import Decimal

_RF = re.compile(r"RF(\d\d)([0-9A-Z]{1,21})")


def _numeric(text: str) -> int:
    """Letters as 10..35, digits as themselves, read as one number (ISO 7064 MOD 97-10)."""
    return int("".join(str(int(ch, 36)) for ch in text))


def rf_reference(number: str) -> str:
    """``2026-0007`` -> ``RF45 2026 0007``: the invoice number with its RF check digits."""
    body = re.sub(r"[^0-9A-Z]", "", number.upper())
    check = 98 - _numeric(body + "RF00") % 97
    compact = f"RF{check:02d}{body}"
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def rf_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an RF reference whose check digits hold."""
    compact = re.sub(r"\s", "", text.upper())
    match = _RF.fullmatch(compact)
    return match is not None and _numeric(match[2] + "RF" + match[1]) % 97 == 1


def payment_reference(number: str, scheme: str) -> str:
    """What the client quotes with the payment: the number itself, or its RF reference."""
    return rf_reference(number) if scheme == "rf" else number


def paypal_me_link(user: str, cents: int, currency: str = "USD") -> str:
    """``https://paypal.me/user/155.49USD``: opens PayPal with the amount filled in."""
    amount = Decimal(cents) / 100
    return f"https://paypal.me/{user}/{amount:.2f}{currency}"
