"""A generated year of statements, matched: how many credits are recorded, and how many wrongly.

    uv run python tests/perf/statement_year.py [--invoices 300] [--seed 7] [--rf]

A year of invoices is issued through the desk (a moving clock), then the year's bank
statement (OFX) and PayPal activity export (CSV) are written with what clients really do:
references quoted in many ways and with typos (transposed, wrong, dropped digits, O for 0,
no separator), no reference at all, partial payments in two parts, several invoices in one
transfer (with and without references), PayPal payments with PayPal's fee, payers who are not
the client's name, and credits that are no invoice payment (interest, refunds, transfers, a
deposit that happens to equal an open amount). Both files go through ``statement import
--apply``; every credit's recorded payments are compared with what it really paid.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.references import rf_reference
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import ready_settings

COMPANIES = [
    "Harbor Dental Clinic",
    "Bluebird Bakery",
    "Castillo Legal",
    "Northwind Outfitters",
    "Pine Street Pharmacy",
    "Maple Ridge Realty",
    "Oakwood Veterinary",
    "Seaside Yoga Studio",
    "Granite State Roofing",
    "Blue Heron Books",
    "Lighthouse Accounting",
    "Summit Physical Therapy",
    "Red Barn Farm Supply",
    "Cedar Lane Architects",
    "Atlantic Marine Repair",
    "Willow Creek Dental",
    "Birch & Bay Interiors",
    "Portland Print Shop",
    "Evergreen Landscaping",
    "Casco Bay Coffee",
    "Union Wharf Imports",
    "Back Cove Fitness",
    "Munjoy Hill Tailors",
    "Fore River Brewing",
]
PEOPLE = ["Dana Whitfield", "Luis Ortega", "Mei Chen", "Sam O'Brien", "Priya Raman", "Tom Ruiz"]
PAYPAL_HEADER = [
    "Date",
    "Time",
    "TimeZone",
    "Name",
    "Type",
    "Status",
    "Currency",
    "Gross",
    "Fee",
    "Net",
    "From Email Address",
    "To Email Address",
    "Transaction ID",
    "Shipping Address",
    "Address Status",
    "Item Title",
    "Item ID",
    "Shipping and Handling Amount",
    "Insurance Amount",
    "Sales Tax",
    "Option 1 Name",
    "Option 1 Value",
    "Option 2 Name",
    "Option 2 Value",
    "Reference Txn ID",
    "Invoice Number",
    "Custom Number",
    "Quantity",
    "Receipt ID",
    "Balance",
    "Address Line 1",
    "Address Line 2/District/Neighborhood",
    "Town/City",
    "State/Province/Region/County",
    "Zip/Postal Code",
    "Country",
    "Contact Phone Number",
    "Subject",
    "Note",
    "Country Code",
    "Balance Impact",
]


@dataclass
class Line:
    """One credit as written to a statement, and what it really pays."""

    txn: str  # the key hourdesk stores: ofx:ACCOUNT:FITID or paypal:ID
    day: date
    cents: int
    payer: str
    memo: str
    pays: dict[str, int] = field(default_factory=dict)  # invoice number -> cents
    kind: str = ""
    fee: int = 0
    email: str = ""


def typo(number: str, rng: random.Random) -> str:
    digits = number.replace("-", "")
    how = rng.choice(["swap", "wrong", "drop", "letter", "glued"])
    if how == "swap":
        i = rng.randrange(4, 7)
        digits = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
    elif how == "wrong":
        i = rng.randrange(5, 8)
        digits = digits[:i] + str((int(digits[i]) + rng.randrange(1, 9)) % 10) + digits[i + 1 :]
    elif how == "drop":
        i = rng.randrange(4, 8)
        digits = digits[:i] + digits[i + 1 :]
    elif how == "letter":
        return number.replace("0", "O", 1)
    return f"{digits[:4]}-{digits[4:]}" if how != "glued" else digits


def quoted(number: str, rng: random.Random, rf: bool) -> str:
    if rf and rng.random() < 0.7:
        return rf_reference(number)
    year, seq = number.split("-")
    return rng.choice(
        [f"INV {number}", f"Invoice #{number}", f"{year}/{seq}", f"{year}{seq}", number]
    )


def bank_name(name: str, rng: random.Random) -> str:
    upper = name.upper().replace("&", "AND").replace("'", "")
    return upper[: rng.choice([18, 22, 32])].strip()


def issue_year(desk: Desk, count: int, rng: random.Random) -> list[tuple[str, int, int, date]]:
    """``count`` invoices over 2026: (number, client id, cents, issue day)."""
    clients = []
    for i, name in enumerate(COMPANIES):
        method = "paypal" if i % 4 == 3 else "bank"
        slug = name.lower().replace(" ", "").replace("&", "")[:12]
        clients.append(
            desk.clients.add(
                name=name,
                emails=f"ap@{slug}.example",
                rate=str(rng.choice([95, 110, 120, 135, 150])),
                payment_method=method,
            )
        )
    issued = []
    step = 360 * 86400 // count
    for n in range(count):
        client = rng.choice(clients)
        t = desk.tickets.new(client_id=client.id, subject=f"Request {n}", body="Please help.")
        desk.estimates.send(t.ref, hours="12")
        desk.estimates.approve(t.ref, text="Approved.")
        start = desk.clock.now()
        seconds = rng.randrange(20, 600) * 60
        desk.clock.advance(seconds=seconds)
        desk.timer.log(t.ref, start=start, seconds=seconds)
        desk.completion.resolve(t.ref, "Done.")
        invoice = desk.invoicing.issue(client.id, [t.ref])
        issued.append((invoice.number, client.id, invoice.total_cents, invoice.issue_date))
        desk.clock.advance(seconds=max(60, step - seconds))
    return issued


def plan(desk: Desk, issued, rng: random.Random, rf: bool) -> list[Line]:
    clients = {c.id: c for c in desk.clients.list()}
    lines: list[Line] = []
    by_client: dict[int, list] = {}
    for item in issued:
        by_client.setdefault(item[1], []).append(item)
    taken: set[str] = set()
    fitid = iter(range(10_000_000, 99_999_999))

    def add(day, cents, payer, memo, pays, kind, paypal=False, email=""):
        if paypal:
            fee = int((Decimal(cents) * Decimal("0.0299")).quantize(Decimal(1))) + 49
            txn = f"{rng.randrange(16**16):016X}A"
            lines.append(Line(f"paypal:{txn}", day, cents, payer, memo, pays, kind, fee, email))
        else:
            lines.append(
                Line(f"ofx:440122876650:{next(fitid)}", day, cents, payer, memo, pays, kind)
            )

    for number, client_id, cents, issued_on in issued:
        if number in taken:
            continue
        client = clients[client_id]
        paid_on = issued_on + timedelta(days=rng.randrange(3, 40))
        roll = rng.random()
        if client.payment_method == "paypal":
            taken.add(number)
            payer = client.name if rng.random() < 0.6 else rng.choice(PEOPLE)
            email = client.emails[0] if rng.random() < 0.7 else "someone@example.com"
            memo = (
                number if rng.random() < 0.6 else (typo(number, rng) if rng.random() < 0.5 else "")
            )
            add(paid_on, cents, payer, memo, {number: cents}, "paypal", paypal=True, email=email)
            continue
        name = bank_name(client.name, rng)
        if roll < 0.02:
            taken.add(number)  # never paid
        elif roll < 0.52:
            taken.add(number)
            add(
                paid_on,
                cents,
                name,
                f"ACH CREDIT {quoted(number, rng, rf)}",
                {number: cents},
                "ref",
            )
        elif roll < 0.64:
            taken.add(number)
            add(paid_on, cents, name, f"PAYMENT {typo(number, rng)}", {number: cents}, "typo")
        elif roll < 0.72:
            taken.add(number)
            add(paid_on, cents, name, "ACH CREDIT PAYMENT", {number: cents}, "no ref")
        elif roll < 0.80:
            taken.add(number)
            part = cents // 2 // 100 * 100 or cents
            add(
                paid_on,
                part,
                name,
                f"PART PAYMENT {quoted(number, rng, rf)}",
                {number: part},
                "partial",
            )
            if part < cents:
                later = paid_on + timedelta(days=rng.randrange(10, 30))
                rest = cents - part
                add(
                    later,
                    rest,
                    name,
                    f"BALANCE {quoted(number, rng, rf)}",
                    {number: rest},
                    "partial",
                )
        elif roll < 0.85:
            taken.add(number)
            short = cents - rng.randrange(1, 30) * 100
            if short > 0:  # paid short without a reference: a question for the consultant
                add(paid_on, short, name, "ACH CREDIT", {number: short}, "short")
        else:
            later = [
                x for x in by_client[client_id]
                if x[0] not in taken and x[0] != number and x[3] <= paid_on
            ][: rng.randrange(1, 3)]  # fmt: skip
            group = [(number, cents, issued_on), *[(x[0], x[2], x[3]) for x in later]]
            for x in group:
                taken.add(x[0])
            total = sum(x[1] for x in group)
            refs = " ".join(x[0] for x in group) if rng.random() < 0.6 else ""
            add(
                paid_on,
                total,
                name,
                f"ACH CREDIT {refs}".strip(),
                {x[0]: x[1] for x in group},
                "combined",
            )
    start = min(x[3] for x in issued)
    amounts = [x[2] for x in issued]
    for month in range(12):
        day = date(start.year, month + 1, 28)
        add(day, rng.randrange(5, 90), "INTEREST PAYMENT", "INTEREST", {}, "noise")
        if month % 2:
            add(
                day - timedelta(days=9),
                rng.randrange(1000, 9000),
                "AMAZON.COM REFUND",
                "REFUND",
                {},
                "noise",
            )
        if month % 3 == 0:
            add(
                day - timedelta(days=5),
                rng.choice(amounts),
                "MOBILE DEPOSIT",
                "CHECK 1042",
                {},
                "noise",
            )
        add(
            day - timedelta(days=3), 250000, "TRANSFER FROM SAVINGS", "ONLINE TRANSFER", {}, "noise"
        )
    return sorted(lines, key=lambda x: x.day)


def write_files(lines: list[Line], folder: Path) -> tuple[Path, Path]:
    bank = [x for x in lines if x.txn.startswith("ofx:")]
    rows = "".join(
        "<STMTTRN>\n<TRNTYPE>CREDIT\n"
        f"<DTPOSTED>{x.day:%Y%m%d}120000.000[-5:EST]\n<TRNAMT>{Decimal(x.cents) / 100:.2f}\n"
        f"<FITID>{x.txn.rsplit(':', 1)[1]}\n<NAME>{x.payer[:32]}\n<MEMO>{x.memo}\n</STMTTRN>\n"
        for x in bank
    )
    ofx = folder / "bank-2026.qfx"
    ofx.write_text(
        "OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\n"
        "CHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n"
        "<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>"
        "<DTSERVER>20270115120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\n"
        "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS><STMTRS>"
        "<CURDEF>USD<BANKACCTFROM><BANKID>011000028<ACCTID>440122876650<ACCTTYPE>CHECKING"
        "</BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20260101<DTEND>20270115\n"
        f"{rows}</BANKTRANLIST><LEDGERBAL><BALAMT>0.00<DTASOF>20270115</LEDGERBAL>"
        "</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n",
        encoding="ascii",
        newline="\r\n",
    )
    paypal = folder / "paypal-2026.csv"
    with paypal.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(PAYPAL_HEADER)
        for x in lines:
            if not x.txn.startswith("paypal:"):
                continue
            row = dict.fromkeys(PAYPAL_HEADER, "")
            gross, fee = Decimal(x.cents) / 100, Decimal(x.fee) / 100
            row |= {
                "Date": f"{x.day:%m/%d/%Y}",
                "Time": "10:00:00",
                "TimeZone": "PST",
                "Name": x.payer,
                "Type": "General Payment",
                "Status": "Completed",
                "Currency": "USD",
                "Gross": f"{gross:,.2f}",
                "Fee": f"-{fee:.2f}",
                "Net": f"{gross - fee:,.2f}",
                "From Email Address": x.email,
                "To Email Address": "billing@rivera-it.example",
                "Transaction ID": x.txn.split(":", 1)[1],
                "Invoice Number": x.memo,
                "Balance Impact": "Credit",
            }
            writer.writerow(row.values())
    return ofx, paypal


@dataclass(frozen=True)
class Outcome:
    credits: int
    payments: int  # credits that really pay invoices
    recorded: int
    right: int
    wrong: list[str]
    likely_right: int
    likely: int
    fees_cents: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.credits} credits ({self.payments} invoice payments, "
            f"{self.credits - self.payments} other): {self.recorded} recorded as certain, "
            f"{self.right} right, {len(self.wrong)} wrong; match rate "
            f"{self.right / self.payments:.1%} of invoice payments. Left to confirm: "
            f"{self.likely} likely ({self.likely_right} of them right), "
            f"{self.payments - self.right - self.likely_right} to match by hand. "
            f"PayPal fees recorded: ${self.fees_cents / 100:,.2f}. Import and matching: "
            f"{self.seconds:.1f} s."
        )


def run(folder: Path, invoices: int = 300, seed: int = 7, rf: bool = False) -> Outcome:
    rng = random.Random(seed)
    settings = ready_settings(
        {"payment": {"reference": "rf" if rf else "number"}, "hold_policy": "warn"}
    )
    clock = FixedClock(datetime(2026, 1, 2, 9, tzinfo=UTC))
    desk = build_desk(folder / "year.db", clock=clock, settings=settings)
    try:
        issued = issue_year(desk, invoices, rng)
        lines = plan(desk, issued, rng, rf)
        ofx, paypal = write_files(lines, folder)
        clock.instant = datetime(2027, 3, 31, 9, tzinfo=UTC)
        began = time.perf_counter()
        desk.statements.import_file(ofx, apply=True)
        desk.statements.import_file(paypal, apply=True)
        seconds = time.perf_counter() - began
        truth = {x.txn: x for x in lines}
        got: dict[str, dict[str, int]] = {}
        for key, number, cents in desk.db.execute(
            "SELECT s.txn_key, i.number, p.amount_cents FROM payments p"
            " JOIN statement_credits s ON s.id = p.statement_id"
            " JOIN invoices i ON i.id = p.invoice_id"
        ):
            got.setdefault(key, {})[number] = cents
        wrong = [
            f"{k} {truth[k].kind}: {v} for {truth[k].pays}"
            for k, v in got.items()
            if v != truth[k].pays
        ]
        likely = [p for p in desk.statements.proposals() if p.confidence == "likely"]
        likely_right = sum(dict(p.allocations) == truth[p.credit.txn_key].pays for p in likely)
        (fees,) = desk.db.execute("SELECT coalesce(sum(fee_cents), 0) FROM payments").fetchone()
        return Outcome(
            credits=len(lines),
            payments=sum(bool(x.pays) for x in lines),
            recorded=len(got),
            right=len(got) - len(wrong),
            wrong=wrong,
            likely_right=likely_right,
            likely=len(likely),
            fees_cents=fees,
            seconds=seconds,
        )
    finally:
        desk.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rf", action="store_true", help="invoices quote RF references")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        outcome = run(Path(folder), args.invoices, args.seed, args.rf)
    print(outcome)
    for line in outcome.wrong:
        print("WRONG", line)


if __name__ == "__main__":
    main()
