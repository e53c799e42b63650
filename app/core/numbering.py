"""How tickets and invoices are numbered on screen and paper: ``HD-0042``, ``2026-0007``.

Imports nothing, so the fast prompt commands can use it too.
"""


def ticket_ref(prefix: str, number: int) -> str:
    return f"{prefix}-{number:04d}"


def invoice_number(year: int, seq: int) -> str:
    return f"{year}-{seq:04d}"
