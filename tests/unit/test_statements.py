"""Statements in, payments matched: a real-format QFX file, a Chase CSV export and a PayPal
activity export (tests/data/statements) imported into a real database, matched to open
invoices, applied, and imported again; payments, statuses, the hold, fees and the journal."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.paths import config_file
from hourdesk.app.core.settings import save_settings
from hourdesk.app.desk.exporting import ledger_payments, ledger_text
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import billed_book, ready_settings

DATA = Path(__file__).parents[1] / "data" / "statements"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 5, 10, 0, tzinfo=UTC)  # every invoice is overdue (net 14)
pytestmark = pytest.mark.usefixtures("utc")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    billed_book(path, START)
    return path


@pytest.fixture
def desk(db: Path) -> Iterator[Desk]:
    desk = build_desk(db, clock=FixedClock(LATER), settings=ready_settings())
    yield desk
    desk.close()


def statuses(desk: Desk) -> dict[str, tuple[str, int]]:
    return {a.invoice.number: (a.status, a.balance_cents) for a in desk.payments.accounts()}


def test_three_statements_matched_applied_and_imported_again(desk: Desk) -> None:
    harbor_ticket = desk.tickets.new(client_id=1, subject="New request", body="Help again.")
    assert desk.tickets.get(harbor_ticket.ref).hold_reason == "payment"

    qfx = desk.statements.import_file(DATA / "first-coastal.qfx")
    assert (qfx.new, qfx.known) == (2, 0)  # the debit is left out
    by_amount = {p.credit.amount_cents: p for p in qfx.proposals}
    assert by_amount[20000].confidence == "certain"
    assert by_amount[20000].allocations == (("2026-0001", 20000),)
    assert by_amount[42].confidence == "none"  # interest
    assert desk.payments.payments("2026-0001") == []  # nothing recorded without --apply

    applied = desk.statements.apply_certain()
    assert [p.allocations for p in applied] == [(("2026-0001", 20000),)]
    (paid,) = desk.payments.payments("2026-0001")
    assert (paid.amount_cents, paid.method, str(paid.paid_on)) == (20000, "bank", "2026-03-20")
    assert paid.reference.startswith("ofx:440122876650:202603200000001")
    # The hold lifts exactly as for a typed payment.
    assert desk.tickets.get(harbor_ticket.ref).status == "new"

    chase = desk.statements.import_file(DATA / "chase-checking.csv", preset="chase", apply=True)
    assert (chase.new, chase.known) == (2, 0)
    (combined,) = chase.applied
    assert combined.allocations == (("2026-0003", 15000), ("2026-0004", 6000))

    paypal = desk.statements.import_file(DATA / "paypal-activity.csv", apply=True)
    assert (paypal.new, paypal.known) == (1, 0)  # pending and withdrawal left out
    (pp,) = desk.payments.payments("2026-0002")
    assert (pp.amount_cents, pp.fee_cents, pp.method) == (9000, 349, "paypal")

    assert statuses(desk) == {
        "2026-0001": ("paid", 0),
        "2026-0002": ("paid", 0),  # paid in full: the fee is not a short payment
        "2026-0003": ("paid", 0),
        "2026-0004": ("paid", 0),
    }
    left = {p.credit.amount_cents: p.confidence for p in desk.statements.proposals()}
    assert left == {42: "none", 7500: "none"}

    # Importing again adds nothing and records nothing twice.
    for name, preset in (("first-coastal.qfx", ""), ("chase-checking.csv", "chase")):
        again = desk.statements.import_file(DATA / name, preset=preset, apply=True)
        assert (again.new, again.applied) == (0, [])
    again = desk.statements.import_file(DATA / "paypal-activity.csv", apply=True)
    assert (again.new, again.known, again.applied) == (0, 1, [])
    assert desk.db.execute("SELECT count(*) FROM payments").fetchone()[0] == 4
    thread = " ".join(e.body for e in desk.tickets.thread(2))
    assert "Payment of $90.00 ($3.49 of it a fee) received on 2026-03-21 by PayPal" in thread


def test_a_credit_splits_by_hand_never_overpays_and_is_recorded_once(desk: Desk) -> None:
    desk.statements.import_file(DATA / "chase-checking.csv", preset="chase")
    cheque = next(c for c in desk.statements.credits() if c.amount_cents == 7500)
    with pytest.raises(Refused, match=r"more than the credit of \$75.00"):
        desk.statements.record(cheque.id, [("2026-0003", 5000), ("2026-0004", 3000)])
    with pytest.raises(Refused, match="more than invoice 2026-0004 has left"):
        desk.statements.record(cheque.id, [("2026-0004", 7000)])
    assert desk.db.execute("SELECT count(*) FROM payments").fetchone()[0] == 0  # all or nothing
    desk.statements.record(cheque.id, [("2026-0003", 5000), ("2026-0004", 2500)])
    assert statuses(desk)["2026-0003"] == ("overdue", 10000)
    with pytest.raises(Refused, match="already matched"):
        desk.statements.record(cheque.id, [("2026-0003", 100)])
    interest = desk.statements.import_file(DATA / "first-coastal.qfx").proposals
    small = next(p.credit for p in interest if p.credit.amount_cents == 42)
    desk.statements.ignore(small.id, "interest")
    assert small.id not in {c.id for c in desk.statements.credits()}
    with pytest.raises(Refused, match="already ignored"):
        desk.statements.ignore(small.id)


def test_a_bank_csv_mapped_in_the_settings_and_refusals(desk: Desk, tmp_path: Path) -> None:
    mine = tmp_path / "export.csv"
    mine.write_text(
        "Booked;Text;In;Out;Ref\n"
        "2026-03-20;Harbor Dental Clinic 2026-0001;200.00;;TX-1\n"
        "2026-03-21;Coffee;;3.50;TX-2\n".replace(";", ","),
        encoding="utf-8",
    )
    desk.settings = ready_settings(
        {
            "statements": {
                "csv": {
                    "date": "Booked",
                    "description": "Text",
                    "credit": "In",
                    "id": "Ref",
                    "date_format": "%Y-%m-%d",
                }
            }
        }
    )
    done = desk.statements.import_file(mine, apply=True)
    assert [p.credit.txn_key for p in done.applied] == ["csv:TX-1"]
    with pytest.raises(Invalid, match="no bank CSV preset 'hsbc'"):
        desk.statements.import_file(mine, preset="hsbc")
    with pytest.raises(Invalid, match="no header row with 'Posting Date'"):
        desk.statements.import_file(mine, preset="chase")
    garbage = tmp_path / "x.qfx"
    garbage.write_text("OFXHEADER:100\n<OFX><BROKEN>", encoding="utf-8")
    with pytest.raises(Invalid, match="is not an OFX/QFX statement"):
        desk.statements.import_file(garbage)


HLEDGER = shutil.which("hledger")


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed")
def test_receivables_and_hledger_agree(desk: Desk, db: Path, tmp_path: Path, cli) -> None:
    desk.statements.import_file(DATA / "first-coastal.qfx", apply=True)
    desk.statements.import_file(DATA / "chase-checking.csv", preset="chase")
    cheque = next(c for c in desk.statements.credits() if c.amount_cents == 7500)
    desk.statements.record(cheque.id, [("2026-0003", 7500)])
    desk.statements.import_file(DATA / "paypal-activity.csv", apply=True)
    assert ledger_payments(desk)
    text = ledger_text(desk)
    assert "; reference: " in text  # the bank's transaction id beside each matched payment
    fees = [line.split() for line in text.splitlines() if line.startswith("    Expenses:Payment")]
    assert fees == [["Expenses:Payment", "fees", "USD", "3.49"]]
    journal = tmp_path / "books.journal"
    journal.write_text(text, encoding="utf-8")
    checked = subprocess.run([HLEDGER, "-f", str(journal), "check"], capture_output=True)
    assert checked.returncode == 0, checked.stderr
    done = subprocess.run(
        [HLEDGER, "-f", str(journal), "bal", "Assets:Receivable", "--flat", "-O", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    rows = {r[0]: r[1] for r in csv.reader(io.StringIO(done.stdout)) if r}
    save_settings(ready_settings(), config_file())
    owed = cli.run("--db", db, "receivables", "--json", env={"HOURDESK_NOW": LATER.isoformat()})

    report = json.loads(owed.stdout)
    assert rows.pop("total") == f"USD {report['total']}" == "USD 135.00"  # after PayPal paid 90
    rows.pop("account")
    assert rows == {
        f"Assets:Receivable:{c['name']}": f"USD {c['total']}" for c in report["clients"]
    }


def test_the_statement_command(db: Path, cli, tmp_path: Path) -> None:
    save_settings(ready_settings({"statements": {"bank_csv": "chase"}}), config_file())
    env = {"HOURDESK_NOW": LATER.isoformat()}
    first = cli.run("--db", db, "statement", "import", DATA / "chase-checking.csv", env=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("2 new credits, 0 already imported.")
    assert (
        "certain" in first.stdout and "1 certain matches: record them with --apply." in first.stdout
    )
    applied = cli.run(
        "--db", db, "statement", "import", DATA / "chase-checking.csv", "--apply", env=env
    )
    assert applied.stdout.startswith("0 new credits, 2 already imported.")
    assert "recorded " in applied.stdout and "2026-0003 $150.00, 2026-0004 $60.00" in applied.stdout
    listed = cli.run("--db", db, "statement", "list", "--json", env=env)
    (cheque,) = json.loads(listed.stdout)
    done = cli.run("--db", db, "statement", "match", str(cheque["id"]), "2026-0001=75", env=env)
    assert done.returncode == 0, done.stderr
    again = cli.run("--db", db, "statement", "match", str(cheque["id"]), "2026-0001", env=env)
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == f"hourdesk: Statement line {cheque['id']} is already matched.\n"
    missing = cli.run("--db", db, "statement", "import", tmp_path / "nope.csv", env=env)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1, missing.stderr


def test_a_second_payment_quoting_a_paid_invoice_is_only_likely(desk: Desk, tmp_path) -> None:
    desk.statements.import_file(DATA / "chase-checking.csv", preset="chase", apply=True)
    again = tmp_path / "again.csv"
    again.write_text(
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        'CREDIT,03/30/2026,"BLUEBIRD BAKERY INV 2026-0004",200.00,ACH_CREDIT,0,,\n'
        'CREDIT,03/31/2026,"HARBOR DENTAL CLINIC",200.00,ACH_CREDIT,0,,\n',
        encoding="utf-8",
    )
    done = desk.statements.import_file(again, preset="chase", apply=True)
    assert [p.allocations for p in done.applied] == [(("2026-0001", 20000),)]
    (left,) = [p for p in done.proposals if str(p.credit.posted_on) == "2026-03-30"]
    assert left.confidence == "none"  # Bluebird owes nothing any more
    twice = tmp_path / "twice.csv"
    twice.write_text(
        "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
        'CREDIT,04/01/2026,"NORTHWIND OUTFITTERS 2026-0001",90.00,ACH_CREDIT,0,,\n',
        encoding="utf-8",
    )
    proposals = desk.statements.import_file(twice, preset="chase", apply=True).proposals
    (quoted,) = [p for p in proposals if str(p.credit.posted_on) == "2026-04-01"]
    assert quoted.confidence == "likely" and quoted.allocations == (("2026-0002", 9000),)
    assert "quotes 2026-0001, which owes nothing" in quoted.why


PRESET_FILES = {
    "bofa": (
        'Description,,Summary Amt.\r\nBeginning balance as of 03/01/2026,,"5,000.00"\r\n\r\n'
        "Date,Description,Amount,Running Bal.\r\n"
        '03/20/2026,"HARBOR DENTAL CLINIC DES:PAYMENT INV 2026-0001","200.00","5,200.00"\r\n'
        '03/21/2026,"CHECKCARD 0321 STAPLES","-12.00","5,188.00"\r\n'
    ),
    "wellsfargo": (
        '"03/20/2026","200.00","*","","HARBOR DENTAL CLINIC ACH 2026-0001"\r\n'
        '"03/21/2026","-12.00","*","","PURCHASE STAPLES"\r\n'
    ),
    "capitalone": (
        "Account Number,Transaction Description,Transaction Date,Transaction Type,"
        "Transaction Amount,Balance\r\n"
        "3601,Deposit from HARBOR DENTAL CLINIC 2026-0001,03/20/26,Credit,200.00,5200.00\r\n"
        "3601,Debit Card Purchase - STAPLES,03/21/26,Debit,12.00,5188.00\r\n"
    ),
}


@pytest.mark.parametrize("preset", PRESET_FILES)
def test_the_bank_csv_presets(desk: Desk, tmp_path: Path, preset: str) -> None:
    path = tmp_path / f"{preset}.csv"
    path.write_text(PRESET_FILES[preset], encoding="utf-8")
    done = desk.statements.import_file(path, preset=preset, apply=True)
    assert (done.new, done.proposals) == (1, [])  # the debit is left out
    (paid,) = done.applied
    assert paid.allocations == (("2026-0001", 20000),)
    assert str(paid.credit.posted_on) == "2026-03-20"
