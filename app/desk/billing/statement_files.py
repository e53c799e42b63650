"""Credits read from statements: OFX/QFX (ofxtools), a bank's CSV export (a column mapping,
with presets for a few US banks) and PayPal's CSV activity export. Debits are left out."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.settings import CsvColumns, StatementSettings

MAX_BYTES = 20 * 1024 * 1024

PRESETS = {
    # Chase checking: Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #
    "chase": CsvColumns(date="Posting Date"),
    # Bank of America: a summary block, then Date,Description,Amount,Running Bal.
    "bofa": CsvColumns(),
    # Wells Fargo: no header; date, amount, *, check number, description
    "wellsfargo": CsvColumns(date="0", amount="1", description="4", header=False),
    # Capital One 360: Account Number,Transaction Description,Transaction Date,
    # Transaction Type,Transaction Amount,Balance
    "capitalone": CsvColumns(
        date="Transaction Date",
        description="Transaction Description",
        amount="Transaction Amount",
        kind="Transaction Type",
        date_format="%m/%d/%y",
    ),
}


@dataclass(frozen=True)
class Credit:
    """One incoming payment as the statement shows it."""

    txn_key: str  # the bank's transaction id, or a hash of date, amount and text
    source: str  # ofx, csv or paypal
    posted_on: date
    amount_cents: int  # gross
    fee_cents: int
    payer: str
    memo: str


def cents(text: str, where: str) -> int:
    """``"1,234.56"``, ``"$-3.49"``, ``"(12.00)"`` as cents."""
    raw = str(text).strip().replace(",", "").replace("$", "").replace(" ", "")
    negative = raw.startswith("(") and raw.endswith(")")
    try:
        value = Decimal(raw.strip("()") or "0")
    except InvalidOperation:
        raise Invalid("statement", f"{where}: {text!r} is not an amount.") from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        raise Invalid("statement", f"{where}: {text!r} is not an amount in cents.")
    return int(value * 100) * (-1 if negative else 1)


def _hashed(source: str, day: date, amount: int, text: str, seen: dict[str, int]) -> str:
    """A key for a line without a bank id; the n-th identical line of a file gets n."""
    base = f"{source}|{day}|{amount}|{' '.join(text.upper().split())}"
    seen[base] = seen.get(base, 0) + 1
    return "hash:" + hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest()[:32]


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise Invalid("statement", f"{path.name} is larger than 20 MB: not a statement.")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return path.read_bytes().decode("cp1252", errors="replace")
    except OSError as exc:
        raise Invalid("statement", f"{path} cannot be read: {exc.strerror}.") from None


def read_ofx(path: Path) -> list[Credit]:
    from ofxtools.Parser import OFXTree

    tree = OFXTree()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # banks' private tags, like <INTU.BID>
            tree.parse(str(path))
            ofx = tree.convert()
    except Exception as exc:  # ofxtools raises many kinds on a malformed file
        raise Invalid(
            "statement", f"{path.name} is not an OFX/QFX statement ({type(exc).__name__})."
        ) from None
    found = []
    for statement in ofx.statements:
        if (statement.curdef or "USD") != "USD":
            continue
        account = getattr(statement.account, "acctid", "") or ""
        for txn in statement.transactions:
            amount = int(Decimal(txn.trnamt) * 100)
            if amount <= 0:
                continue
            payer = " ".join(str(getattr(txn, "name", "") or "").split())
            found.append(
                Credit(
                    txn_key=f"ofx:{account}:{txn.fitid}",
                    source="ofx",
                    posted_on=txn.dtposted.date(),
                    amount_cents=amount,
                    fee_cents=0,
                    payer=payer,
                    memo=" ".join(str(txn.memo or "").split()),
                )
            )
    return found


def _cell(row: list[str], at: int | None) -> str:
    return row[at].strip() if at is not None and at < len(row) else ""


def _rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]


def _column(header: list[str] | None, name: str, path: Path) -> int:
    if header is None:
        return int(name)
    wanted = name.strip().lower()
    for i, cell in enumerate(header):
        if cell.strip().lower() == wanted:
            return i
    raise Invalid(
        "statement",
        f"{path.name} has no column {name!r}.",
        "Set statements.bank_csv to a preset, or map the columns under [statements.csv].",
    )


def read_bank_csv(path: Path, columns: CsvColumns) -> list[Credit]:
    rows = _rows(_text(path))
    header = None
    if columns.header:
        names = {columns.date.lower(), (columns.credit or columns.amount).lower()}
        start = next(
            (i for i, row in enumerate(rows) if names <= {c.strip().lower() for c in row}), None
        )
        if start is None:
            raise Invalid(
                "statement",
                f"{path.name} has no header row with {columns.date!r} and"
                f" {columns.credit or columns.amount!r}.",
                "Set statements.bank_csv to a preset, or map the columns under [statements.csv].",
            )
        header, rows = rows[start], rows[start + 1 :]
    at = {
        field: _column(header, getattr(columns, field), path)
        for field in ("date", "description", "kind", "payer", "id")
        if getattr(columns, field)
    }
    amount_at = _column(header, columns.credit or columns.amount, path)
    found: list[Credit] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows, 2 if header else 1):
        where = f"{path.name} line {n}"
        cell = {field: _cell(row, i) for field, i in at.items()}.get
        if amount_at >= len(row) or not row[amount_at].strip():
            continue
        amount = cents(row[amount_at], where)
        if columns.kind:
            amount = (
                abs(amount) if (cell("kind") or "").lower() == columns.credit_word.lower() else 0
            )
        if amount <= 0:
            continue
        try:
            day = datetime.strptime(cell("date") or "", columns.date_format).date()
        except ValueError:
            raise Invalid(
                "statement", f"{where}: {cell('date')!r} is not a date like {columns.date_format}."
            ) from None
        memo = " ".join((cell("description") or "").split())
        key = cell("id")
        found.append(
            Credit(
                txn_key=f"csv:{key}" if key else _hashed("csv", day, amount, memo, seen),
                source="csv",
                posted_on=day,
                amount_cents=amount,
                fee_cents=0,
                payer=" ".join((cell("payer") or "").split()),
                memo=memo,
            )
        )
    return found


PAYPAL_CREDIT_STATUSES = {"completed", "cleared"}


def read_paypal_csv(path: Path) -> list[Credit]:
    rows = _rows(_text(path))
    header = [c.strip() for c in rows[0]]
    index = {name: i for i, name in enumerate(header)}
    found: list[Credit] = []
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[1:], 2):
        where = f"{path.name} line {n}"
        cell = {name: _cell(row, i) for name, i in index.items()}.get
        gross = cents(cell("Gross") or "0", where)
        if gross <= 0 or cell("Currency") not in (None, "", "USD"):
            continue
        if (cell("Status") or "").lower() not in PAYPAL_CREDIT_STATUSES:
            continue
        try:
            day = datetime.strptime(cell("Date") or "", "%m/%d/%Y").date()
        except ValueError:
            raise Invalid("statement", f"{where}: {cell('Date')!r} is not a date.") from None
        memo = " ".join(
            x
            for x in (cell("Invoice Number"), cell("Subject"), cell("Note"), cell("Item Title"))
            if x
        )
        found.append(
            Credit(
                txn_key=f"paypal:{txn}"
                if (txn := cell("Transaction ID"))
                else _hashed("paypal", day, gross, memo, seen),
                source="paypal",
                posted_on=day,
                amount_cents=gross,
                fee_cents=-cents(cell("Fee") or "0", where),
                payer=" ".join(x for x in (cell("Name"), cell("From Email Address")) if x),
                memo=" ".join(memo.split()),
            )
        )
    return found


def read_statement(path: Path, settings: StatementSettings, preset: str = "") -> list[Credit]:
    """The credits in a statement file, whatever of the three formats it is."""
    head = _text(path)[:4096]
    if path.suffix.lower() in (".ofx", ".qfx") or re.search(r"<OFX>|OFXHEADER", head, re.I):
        return read_ofx(path)
    first = next(csv.reader(io.StringIO(head)), [])
    if {"Transaction ID", "Gross", "Fee"} <= {c.strip() for c in first}:
        return read_paypal_csv(path)
    name = preset or settings.bank_csv
    if name and name not in PRESETS:
        raise Invalid(
            "preset", f"There is no bank CSV preset {name!r}.", f"Use one of {', '.join(PRESETS)}."
        )
    return read_bank_csv(path, PRESETS[name] if name else settings.csv)
