"""Blocks leaving the machine: the journal (checked with the real hledger), CSV and JSON,
the statement in Markdown and PDF with hostile text, and the ``hourdesk block`` command."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from hourdesk.app.cli.main import cli
from hourdesk.app.core.paths import config_file
from hourdesk.app.core.settings import save_settings
from hourdesk.app.desk.billing.block_statement import export as export_statement
from hourdesk.app.desk.billing.block_statement import statement
from hourdesk.app.desk.exporting import export, ledger_text
from hourdesk.exports.pdf import render_block_statement_html
from tests.builders import ready_settings
from tests.unit.test_blocks import H, paid_block
from tests.unit.test_invoicing import add_client, open_desk, ticket

HLEDGER = shutil.which("hledger")
HOSTILE = "<script>alert(1)</script> | *bold* [x](http://evil.example) =1+1"


@pytest.fixture
def desk(tmp_path: Path):
    desk = open_desk(tmp_path / "t.db")
    yield desk
    desk.close()


@pytest.fixture
def drawn(desk):
    """Harbor's paid 10 h block at $140, 2h30m drawn by a ticket with a hostile subject,
    then 1 h billed beyond a second, 1 h block of Bluebird's."""
    client = add_client(desk)
    block = paid_block(desk, client, "10", expires=date(2026, 6, 30))
    desk.invoicing.issue(client.id, [ticket(desk, client, HOSTILE, int(2.5 * H)).ref])
    other = add_client(desk, "Bluebird Bakery")
    paid_block(desk, other, "1")
    desk.invoicing.issue(other.id, [ticket(desk, other, "Till", 2 * H).ref])
    return block


def balances(path: Path, *query: str) -> dict[str, str]:
    done = subprocess.run(
        [HLEDGER, "-f", str(path), "bal", "--flat", "--no-total", "-O", "csv", *query],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return {r[0]: r[1] for r in csv.reader(io.StringIO(done.stdout)) if r}


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed")
def test_hledger_shows_the_unearned_balance_then_the_lapse(desk, drawn, tmp_path) -> None:
    path = tmp_path / "book.journal"
    path.write_text(ledger_text(desk), encoding="utf-8")
    check = subprocess.run([HLEDGER, "-f", str(path), "check", "--strict"], capture_output=True)
    assert check.returncode == 0, check.stderr
    rows = balances(path)
    assert rows["Liabilities:Unearned:Harbor Dental Clinic"] == "USD -1050.00"  # 7.5 h x 140
    assert "Liabilities:Unearned:Bluebird Bakery" not in rows  # used up: nets to zero
    # 2.5 h + 1 h drawn at $140, and 1 h beyond Bluebird's block at its ticket rate
    assert rows["Income:Consulting"] == "USD -630.00"
    assert rows["Assets:Bank"] == "USD 1540.00"

    desk.clock.advance(days=130)
    desk.blocks.settle()
    path.write_text(ledger_text(desk), encoding="utf-8")
    rows = balances(path)
    assert "Liabilities:Unearned:Harbor Dental Clinic" not in rows
    assert rows["Income:Lapsed blocks"] == "USD -1050.00"


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed")
def test_hledger_credit_of_the_unused_part_clears_the_liability(desk, tmp_path) -> None:
    client = add_client(desk)
    desk.blocks.set_before_payment(client.id, True)
    block = desk.blocks.sell(client.id, "3", rate="100")
    desk.invoicing.issue(client.id, [ticket(desk, client, seconds=H).ref])
    desk.blocks.credit(block.number, "Contract ended")
    path = tmp_path / "book.journal"
    path.write_text(ledger_text(desk), encoding="utf-8")
    rows = balances(path)
    assert "Liabilities:Unearned:Harbor Dental Clinic" not in rows
    assert rows["Assets:Receivable:Harbor Dental Clinic"] == "USD 100.00"
    assert rows["Income:Consulting"] == "USD -100.00"


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed")
@pytest.mark.parametrize(
    ("rate", "unearned", "gain"), [("140", "-1680.00", None), ("100", "-1200.00", "-280.00")]
)
def test_hledger_rolled_over_hours_stay_unearned_at_the_new_blocks_rate(
    desk, tmp_path, rate, unearned, gain
) -> None:
    client = add_client(desk)
    paid_block(desk, client, "10", expires=date(2026, 6, 30), rollover="all")
    desk.invoicing.issue(client.id, [ticket(desk, client, seconds=3 * H).ref])
    desk.clock.advance(days=130)
    later = desk.blocks.sell(client.id, "5", rate=rate)
    desk.payments.pay(later.number, amount=str(5 * int(rate)), method="bank")
    assert desk.blocks.get(later.number).balance == 12 * H
    path = tmp_path / "book.journal"
    path.write_text(ledger_text(desk), encoding="utf-8")
    rows = balances(path)
    assert rows["Liabilities:Unearned:Harbor Dental Clinic"] == f"USD {unearned}"
    assert rows.get("Income:Block rollovers") == (gain and f"USD {gain}")


def test_csv_and_json_carry_the_blocks_and_their_drawdowns(desk, drawn, tmp_path) -> None:
    written = export(desk, "csv", tmp_path / "out")
    assert [p.name for p in written][-1] == "block-events.csv"
    rows = list(csv.DictReader(written[-1].open(encoding="utf-8")))
    mine = [r for r in rows if r["block"] == drawn.number]
    assert [(r["kind"], r["seconds"], r["balance_seconds"]) for r in mine] == [
        ("sale", "36000", "36000"),
        ("drawdown", "-9000", "27000"),
    ]
    assert mine[1]["ref"] == "HD-0001" and mine[1]["invoice"] == "2026-0002"
    (path,) = export(desk, "json", tmp_path / "all.json")
    events = json.loads(path.read_text())["block_events"]
    assert events[1]["kind"] == "drawdown" and events[1]["seconds"] == -9000


def test_the_statement_escapes_hostile_text_in_markdown_and_html(desk, drawn, tmp_path) -> None:
    doc = statement(desk, drawn.number)
    assert [(line.what, line.seconds, line.balance) for line in doc.lines] == [
        ("Bought", 10 * H, 10 * H),
        ("Drawn", -int(2.5 * H), int(7.5 * H)),
    ]
    html = render_block_statement_html(doc)
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = export_statement(desk, drawn.number, "md", tmp_path / "s.md").read_text()
    assert "\\<script\\>" in md and "\\| \\*bold\\*" in md and "7h30m" in md
    pdf = export_statement(desk, drawn.number, "pdf", tmp_path / "s.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_statement_goes_to_the_client_through_the_outbox(desk, drawn, tmp_path) -> None:
    from hourdesk.app.desk.billing.block_statement import send
    from hourdesk.storage.vault import MemoryVault

    desk.vault = MemoryVault()
    folder = tmp_path / "drafts"
    said = send(desk, drawn.number, folder)
    (draft,) = folder.glob("*.eml")
    assert draft.name == f"block-{drawn.number}.eml" and str(draft) in said
    msg = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert msg["To"].addresses[0].addr_spec == "harbordentalclinic@client.example"
    assert "7h30m left, valid until 2026-06-30" in msg.get_body(("plain",)).get_content()
    (pdf,) = list(msg.iter_attachments())
    assert pdf.get_filename() == f"block-{drawn.number}.pdf"
    assert pdf.get_content().startswith(b"%PDF")
    (item,) = desk.outbox.items(include_done=True)
    assert (item.kind, item.state) == ("block", "drafted")


def test_the_block_command(tmp_path, private_dirs) -> None:
    save_settings(ready_settings({"exports_dir": str(tmp_path)}), config_file())
    db = str(tmp_path / "c.db")
    desk = open_desk(Path(db))
    add_client(desk)
    desk.close()
    runner = CliRunner()
    env = {"HOURDESK_NOW": "2026-03-02T09:00:00Z"}
    sold = runner.invoke(
        cli,
        ["--db", db, "block", "new", "Harbor", "--hours", "10", "--rate", "140",
         "--expires", "2027-06-30", "--rollover", "2"],
        env=env,
    )  # fmt: skip
    assert sold.exit_code == 0 and sold.output.strip() == "2026-0001", sold.output
    listed = runner.invoke(cli, ["--db", db, "block", "list", "--json"], env=env)
    (found,) = json.loads(listed.output)
    assert found["balance_seconds"] == 36000 and found["state"] == "unpaid"
    assert found["rollover"] == "2h00m roll over" and found["hours"] == "10"
    bad = runner.invoke(cli, ["--db", db, "block", "new", "Harbor", "--hours", "1h10m"], env=env)
    assert bad.exit_code == 1
    assert bad.output.strip() == (
        "hourdesk: hours: '1h10m' is not a block size. Type hours like 10 or 7.5."
    )
    shown = runner.invoke(cli, ["--db", db, "block", "show", "2026-0001"], env=env)
    assert "sale" in shown.output and "10h00m" in shown.output
    unknown = runner.invoke(cli, ["--db", db, "block", "statement", "2026-0099"], env=env)
    assert unknown.output.strip().startswith("hourdesk: There is no block 2026-0099.")
    md = runner.invoke(cli, ["--db", db, "block", "statement", "2026-0001", "--format", "md"])
    assert md.exit_code == 0 and md.output.strip() == str(tmp_path / "block-2026-0001.md")
    terms = runner.invoke(cli, ["--db", db, "block", "terms", "Harbor", "--before-payment"])
    assert terms.exit_code == 0, terms.output
    listed = runner.invoke(cli, ["--db", db, "block", "list"], env=env)
    assert "10h00m left of 10h00m" in listed.output and " active " in listed.output
    credit = ["--db", db, "block", "credit", "2026-0001", "--reason", "Ended"]
    assert runner.invoke(cli, credit, env=env).output.strip() == "2026-0002"
    again = runner.invoke(cli, credit, env=env)
    assert again.output.strip() == "hourdesk: Block 2026-0001 has no unused hours to credit."
