"""The installed ``hourdesk`` command, run as a subprocess with a private HOME and XDG dirs,
``--db`` or ``HOURDESK_DB``, and ``HOURDESK_NOW`` fixing the clock."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import pytest

from hourdesk.app import __version__
from hourdesk.app.core.clock import FixedClock, parse_instant
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import build_desk

NOW = "2026-03-02T10:15:00Z"
PASSWORD = "Tr0ub4dor&3-horse"
TICKET_KEYS = {
    "ref",
    "number",
    "client",
    "subject",
    "channel",
    "priority",
    "billable",
    "status",
    "hold_reason",
    "referred_by",
    "flagged",
    "created_at",
    "updated_at",
}
ENTRY_KEYS = {"id", "kind", "author", "body", "data", "message_id", "received_at", "created_at"}
CLIENT_KEYS = {
    "id",
    "name",
    "emails",
    "company",
    "billing_address",
    "rate",
    "terms_days",
    "payment_method",
    "notes",
    "prospect",
    "created_at",
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with one client, made in-process (quicker than a subprocess)."""
    path = tmp_path / "cli.db"
    desk = build_desk(path, clock=FixedClock(datetime(2026, 3, 1, tzinfo=UTC)), settings=Settings())
    desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.close()
    return path


def ok(done) -> str:
    assert done.returncode == 0, (done.args, done.stdout, done.stderr)
    return done.stdout


def refused(done, code: int = 1) -> str:
    assert done.returncode == code, (done.args, done.stdout, done.stderr)
    assert done.stdout == ""
    return done.stderr


def thread(path: Path, ref: str) -> list:
    desk = build_desk(path, settings=Settings())
    try:
        return desk.tickets.thread(desk.tickets.get(ref).id)
    finally:
        desk.close()


# --- clients ------------------------------------------------------------------------------


def test_client_add_and_list(cli, tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "hourdesk.db"
    env = {"HOURDESK_NOW": NOW}
    first = ok(
        cli.run(
            "--db",
            path,
            "client",
            "add",
            "Harbor Dental",
            "--email",
            "a@h.example",
            "--rate",
            "140",
            "--terms",
            "30",
            "--payment",
            "paypal",
            env=env,
        )
    )
    assert first.strip().isdigit()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = ok(
        cli.run(
            "client",
            "add",
            "Bluebird Bakery",
            "--email",
            "hi@bb.example",
            "--email",
            "orders@bb.example",
            "--company",
            "Bluebird Inc.",
            env=env | {"HOURDESK_DB": str(path)},
        )
    )
    assert int(second) == int(first) + 1
    listed = json.loads(ok(cli.run("client", "list", "--json", "--db", path)))
    assert [c["name"] for c in listed] == ["Bluebird Bakery", "Harbor Dental"]
    assert all(set(c) == CLIENT_KEYS for c in listed)
    bluebird, harbor = listed
    assert bluebird["id"] == int(second)
    assert bluebird["emails"] == ["hi@bb.example", "orders@bb.example"]
    assert bluebird["company"] == "Bluebird Inc."
    assert (bluebird["rate"], bluebird["terms_days"]) == ("120.00", 14)
    assert (harbor["rate"], harbor["terms_days"], harbor["payment_method"]) == (
        "140.00",
        30,
        "paypal",
    )
    assert harbor["created_at"] == NOW


def test_client_add_refusals(cli, db: Path) -> None:
    taken = cli.start(
        "--db", db, "client", "add", "Other", "--email", "office@harbordental.example"
    )
    negative = cli.start(
        "--db", db, "client", "add", "Other", "--email", "o@o.example", "--rate", "-5"
    )
    for process, words in ((taken, "already belongs"), (negative, "negative")):
        out, err = process.communicate(timeout=120)
        assert (process.returncode, out) == (1, "")
        assert words in err
        assert len(err.strip().splitlines()) == 1


def test_the_default_database_is_in_the_private_data_dir(cli, private_dirs: Path) -> None:
    ok(cli.run("client", "add", "Acme", "--email", "it@acme.example"))
    path = private_dirs / "xdg_data_home" / "hourdesk" / "hourdesk.db"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- tickets ------------------------------------------------------------------------------


def test_ticket_new_prints_the_ref_and_takes_the_body_three_ways(cli, db: Path, tmp_path) -> None:
    body_file = tmp_path / "request.txt"
    body_file.write_text("From the file: the scanner is offline.\nSecond line ü.\n", "utf-8")
    env = {"HOURDESK_NOW": NOW}
    base = ("--db", db, "ticket", "new", "--client", "harbor")
    assert (
        ok(cli.run(*base, "--subject", "Inline", "--body", "From --body.", env=env)) == "HD-0001\n"
    )
    assert ok(cli.run(*base, "--subject", "File", "--body-file", body_file, env=env)) == "HD-0002\n"
    assert (
        ok(cli.run(*base, "--subject", "Stdin", "--body-file", "-", input="From stdin.\n", env=env))
        == "HD-0003\n"
    )
    bodies = [thread(db, f"HD-000{n}")[-1].body for n in (1, 2, 3)]
    assert bodies == [
        "From --body.",
        "From the file: the scanner is offline.\nSecond line ü.\n",
        "From stdin.\n",
    ]


def test_ticket_new_options(cli, db: Path) -> None:
    ref = ok(
        cli.run(
            "ticket",
            "new",
            "--client",
            "office@harbordental.example",
            "--subject",
            "Server room",
            "--channel",
            "phone",
            "--no-billable",
            "--urgent",
            env={"HOURDESK_DB": str(db), "HOURDESK_NOW": NOW},
        )
    ).strip()
    shown = json.loads(ok(cli.run("--db", db, "ticket", "show", ref, "--json")))
    assert (shown["channel"], shown["billable"], shown["priority"]) == ("phone", False, "urgent")
    assert shown["created_at"] == shown["updated_at"] == NOW


def test_unknown_client_is_refused_with_the_hint(cli, db: Path) -> None:
    err = refused(cli.run("--db", db, "ticket", "new", "--client", "Nobody Inc", "--subject", "x"))
    assert len(err.strip().splitlines()) == 1
    assert "Nobody Inc" in err
    assert "hourdesk client add" in err
    assert thread_count(db) == 0


def thread_count(path: Path) -> int:
    desk = build_desk(path, settings=Settings())
    try:
        return len(desk.tickets.list())
    finally:
        desk.close()


USAGE_ERRORS = [
    ("ticket", "new", "--client", "harbor"),  # no subject
    ("ticket", "new", "--client", "harbor", "--subject", "x", "--channel", "fax"),
    ("ticket", "new", "--client", "harbor", "--subject", "x", "--body", "a", "--body-file", "-"),
    ("ticket", "new", "--client", "harbor", "--subject", "x", "--body-file", "/nonexistent/f"),
    ("ticket", "list", "--status", "done"),
    ("ticket", "note", "HD-0001", "x", "--from-client", "--reply"),
    ("client", "add", "No Email"),
]


def test_usage_errors_exit_2(cli, db: Path) -> None:
    runs = {args: cli.start("--db", db, *args) for args in USAGE_ERRORS}
    for args, process in runs.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 2, (args, out, err)
        assert "Usage:" in err, args
    assert thread_count(db) == 0


def test_ticket_list_json(cli, db: Path) -> None:
    env = {"HOURDESK_DB": str(db)}
    desk = build_desk(db, clock=FixedClock(parse_instant(NOW)), settings=Settings())
    for subject in ("Printer jam", "VPN drops"):
        desk.tickets.new(client_id=1, subject=subject)
    desk.close()
    first, again, closed, harbor = map(
        ok,
        cli.run_all(
            ("ticket", "list", "--json"),
            ("ticket", "list", "--json"),
            ("ticket", "list", "--json", "--status", "closed"),
            ("ticket", "list", "--json", "--client", "harbor"),
            env=env,
        ),
    )
    assert first == again
    listed = json.loads(first)
    assert [t["ref"] for t in listed] == ["HD-0001", "HD-0002"]
    assert all(set(t) >= TICKET_KEYS for t in listed)
    assert list(listed[0]) == list(listed[1])  # the same keys in the same order
    one = listed[0]
    assert one["client"]["name"] == "Harbor Dental Clinic"
    assert isinstance(one["client"]["id"], int)
    assert (one["number"], one["subject"], one["status"], one["hold_reason"]) == (
        1,
        "Printer jam",
        "new",
        None,
    )
    assert (one["billable"], one["flagged"], one["channel"]) == (True, False, "email")
    assert one["created_at"] == NOW
    assert json.loads(closed) == []
    assert json.loads(harbor) == listed


def test_ticket_show_and_note(cli, db: Path) -> None:
    env = {"HOURDESK_DB": str(db), "HOURDESK_NOW": NOW}
    new = ("ticket", "new", "--client", "Harbor", "--subject", "Email down")
    ok(cli.run(*new, "--body", "Nothing arrives.", env=env))
    ok(cli.run("ticket", "note", "HD-0001", "Still down, they say.", "--from-client", env=env))
    ok(cli.run("ticket", "note", "hd-1", "Checked the MX records.", env=env))
    as_json, as_text = map(
        ok, cli.run_all(("ticket", "show", "1", "--json"), ("ticket", "show", "HD-0001"), env=env)
    )
    shown = json.loads(as_json)
    assert set(shown) >= TICKET_KEYS
    assert (shown["ref"], shown["subject"]) == ("HD-0001", "Email down")
    entries = shown["thread"]
    assert all(set(e) == ENTRY_KEYS for e in entries)
    assert [(e["kind"], e["author"], e["body"]) for e in entries] == [
        ("created", "system", "Ticket opened (email)."),
        ("message", "client", "Nothing arrives."),
        ("message", "client", "Still down, they say."),
        ("note", "consultant", "Checked the MX records."),
    ]
    assert {e["created_at"] for e in entries} == {NOW}
    assert "Email down" in as_text
    assert "Checked the MX records." in as_text


def test_a_password_in_a_note_is_not_stored(cli, db: Path) -> None:
    env = {"HOURDESK_DB": str(db)}
    desk = build_desk(db, settings=Settings())
    desk.tickets.new(client_id=1, subject="Login")
    desk.close()
    done = cli.run(
        "ticket", "note", "HD-0001", f"the password is {PASSWORD}", "--from-client", env=env
    )
    assert done.returncode == 0
    assert "removed" in done.stderr
    shown = ok(cli.run("ticket", "show", "HD-0001", "--json", env=env))
    assert PASSWORD not in shown
    assert json.loads(shown)["flagged"] is True


def test_rule_refusals_exit_1_with_one_line(cli, db: Path) -> None:
    runs = [
        cli.start("--db", db, "ticket", "show", "HD-0042"),
        cli.start("--db", db, "ticket", "note", "HD-0042", "hello"),
        cli.start("--db", db, "ticket", "show", "not-a-ref"),
        cli.start("--db", db, "ticket", "list", env={"HOURDESK_NOW": "next tuesday"}),
    ]
    for process in runs:
        out, err = process.communicate(timeout=120)
        assert (process.returncode, out) == (1, ""), err
        assert err.startswith("hourdesk: ")
        assert len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err


def test_two_processes_create_tickets_at_once(cli, db: Path) -> None:
    runs = [
        cli.start("--db", db, "ticket", "new", "--client", "Harbor", "--subject", f"At once {i}")
        for i in range(4)
    ]
    refs = []
    for process in runs:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        refs.append(out.strip())
    assert sorted(refs) == ["HD-0001", "HD-0002", "HD-0003", "HD-0004"]


def test_version(cli) -> None:
    out = ok(cli.run("--version"))
    assert out.strip() == f"hourdesk, version {__version__}"
    assert __version__ == version("hourdesk")
