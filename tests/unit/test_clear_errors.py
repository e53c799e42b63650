"""Clear errors for odd input: a bad ``status --format``, non-UTF-8 arguments and files,
out-of-range dates, huge numbers and a raw database refusal each give one line that names
what is wrong, a non-zero exit and no traceback. The commands run as subprocesses."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import hourdesk.app.cli.main
from hourdesk.app.cli import quick_status as status
from hourdesk.app.cli.launch import not_utf8
from hourdesk.app.core.logs import log_file
from hourdesk.storage.db import open_database
from tests.conftest import HOURDESK

NOW = {"HOURDESK_NOW": "2026-03-02T10:00:00Z"}


@pytest.fixture
def db(desk) -> Path:
    """A desk with a client Acme, a non-billable ticket HD-0001 and its timer running."""
    acme = desk.clients.add(name="Acme", emails="it@acme.example")
    ticket = desk.tickets.new(client_id=acme.id, subject="VPN", billable=False)
    desk.timer.start(ticket.ref)
    return Path(desk.db.conn.execute("PRAGMA database_list").fetchone()[2])


def run_bytes(cli, *args: bytes | str) -> subprocess.CompletedProcess[bytes]:
    argv = [str(HOURDESK).encode(), *(a if isinstance(a, bytes) else a.encode() for a in args)]
    return subprocess.run(argv, env=cli._env(NOW), capture_output=True, timeout=120)


def one_line(done, code: int | tuple[int, ...] = (1, 2)) -> str:
    """The one line on stderr, after checking the exit status and that nothing else was said."""
    err = done.stderr.decode() if isinstance(done.stderr, bytes) else done.stderr
    assert done.returncode in (code if isinstance(code, tuple) else (code,)), err
    assert "Traceback" not in err and not done.stdout
    (line,) = err.splitlines()
    assert line.startswith("hourdesk: ")
    return line


# --- status --format ------------------------------------------------------------------------

BAD_FORMATS = [
    "{x.__class__}",
    "{ref.__class__}",
    "{ref.__class__.__mro__}",
    "{x[0]}",
    "{ref[0]}",
    "{elapsed:999999999}",
    "{elapsed:>1000}",
    "{ref:{ref}}",
    "{ref!r}",
    "{}",
    "{0}",
    "{",
    "}",
    "{ref:d}",
    "{seconds:.999999999f}",
]


def test_status_refuses_bad_formats_in_one_line(cli, db: Path) -> None:
    runs = cli.run_all(*[("--db", db, "status", "--format", f) for f in BAD_FORMATS], env=NOW)
    for fmt, done in zip(BAD_FORMATS, runs, strict=True):
        line = one_line(done, 2)
        assert "--format" in line, (fmt, line)
        assert len(line) < 300, (fmt, line)


def test_status_takes_plain_format_specs(cli, db: Path) -> None:
    good = ["{ref:>10}|", "{minutes:03d}", "{share:>5} {elapsed:^12}|", "{seconds:,}"]
    runs = cli.run_all(*[("--db", db, "status", "--format", f) for f in good], env=NOW)
    assert [r.stdout for r in runs] == ["HD-0001|\n", "060\n", "1:00:00   |\n", "3,600\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="{}[]().:!<>^=+-#,_0123456789 refsaxdlpc%", max_size=30))
@example("{elapsed:<999999999}")
@example("{ref:{}}")
def test_any_format_is_one_line_or_a_bounded_status(fmt: str) -> None:
    values = {name: "x" for name in status.FIELDS.split()} | {"seconds": 5, "minutes": 0}
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = status.render(fmt, values)
    assert code in (0, 2)
    assert len(out.getvalue()) <= len(fmt) + 11 * status.MAX_WIDTH + 1
    assert err.getvalue().count("\n") == (code == 2)


# --- non-UTF-8 arguments and files ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ((b"ticket", b"new", b"--client", b"Acme", b"--subject", b"caf\xe9"), "--subject"),
        ((b"ticket", b"new", b"--client", b"Acme", b"--subject=caf\xe9"), "--subject"),
        ((b"ticket", b"note", b"HD-0001", b"\xff\xfe note"), "Argument 6"),
        ((b"status", b"--format", b"{ref}\xff"), "--format"),
        ((b"log", b"HD-0001", b"--minutes", b"5", b"--note", b"\xc3("), "--note"),
    ],
)
def test_a_non_utf8_argument_is_named(cli, db: Path, args, named) -> None:
    line = one_line(run_bytes(cli, "--db", str(db).encode(), *args), 2)
    assert named in line and "UTF-8" in line


def test_non_utf8_files_are_named(cli, db: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(b"Gr\xfc\xdfe, the server is down.\n")
    body = cli.run(
        "--db", db, "ticket", "new", "--client", "Acme", "--subject", "x", "--body-file", latin,
        env=NOW,
    )  # fmt: skip
    line = one_line(body, 1)
    assert str(latin) in line and "UTF-8" in line
    line = one_line(cli.run("guard", latin), 2)
    assert str(latin) in line and "UTF-8" in line
    form = tmp_path / "form.json"
    form.write_bytes(b'{"name": "Bob", "email": "bob@x.example", "message": "hi \xff"}')
    intake = cli.run("--db", db, "intake", form, env=NOW)
    assert "Traceback" not in intake.stderr
    assert "form.json" in intake.stdout and "utf-8" in intake.stdout
    listed = cli.run("--db", db, "ticket", "list", env=NOW)
    assert listed.stdout.count("HD-") == 1  # nothing was written


# --- out-of-range dates and huge numbers ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("log", "HD-0001", "--from", "99999-01-01 10:00", "--to", "99999-01-01 11:00"), "from"),
        (("log", "HD-0001", "--from", "0001-01-01 00:00", "--to", "0001-01-01 01:00"), "from"),
        (("log", "HD-0001", "--from", "9999-12-31 23:00", "--to", "9999-12-31 23:59"), "from"),
        (("log", "HD-0001", "--minutes", str(10**30)), "--minutes"),
        (("client", "add", "Big", "--email", "b@big.example", "--rate", "1e400"), "rate"),
        (("client", "add", "Big", "--email", "b@big.example", "--rate", str(10**30)), "rate"),
        (("client", "add", "Big", "--email", "b@big.example", "--terms", str(10**30)), "terms"),
        (("estimate", "HD-0001", "--hours", "1e400"), "hours"),
        (("estimate", "HD-0001", "--hours", str(10**30)), "hours"),
        (("pay", "2026-0001", "--amount", "1e400", "--method", "bank"), "amount"),
        (("ticket", "show", "HD-" + "9" * 30), "HD-999"),
        (("grant", "show", "9" * 30), "grant #999"),
        (("grant", "revoke", str(2**63)), "grant #922"),
    ],
)
def test_out_of_range_values_are_one_line(cli, db: Path, args, named) -> None:
    done = cli.run("--db", db, *args, env=NOW)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith(("hourdesk:", "Error:"))]
    assert len(lines) == 1 and named.lower() in lines[0].lower(), done.stderr


@pytest.mark.parametrize("option", ["--date", "--from"])
def test_a_date_beyond_the_calendar_is_a_usage_error(cli, db: Path, option: str) -> None:
    args = ("pay", "2026-0001", "--amount", "1", "--method", "bank", "--date", "99999-01-01")
    if option == "--from":
        args = ("report", "--from", "99999-01-01")
    done = cli.run("--db", db, *args, env=NOW)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"Error: Invalid value for '{option}'" in done.stderr


# --- the last safety net: no raw database message --------------------------------------------


def test_a_constraint_failure_is_one_clear_line_and_logged(tmp_path, monkeypatch) -> None:
    """A refusal that only the schema caught (a CHECK constraint) never shows SQLite's words."""

    def broken(self, *args, **kwargs):
        self.db.conn.execute(
            "INSERT INTO payments (invoice_id, amount_cents, paid_on, method, created_at)"
            " VALUES (1, 0, '2026-03-02', 'bank', 0)"
        )

    open_database(tmp_path / "c.db").close()  # an existing desk: no "created" notice
    monkeypatch.setattr("hourdesk.app.desk.clients.Clients.list", broken)
    result = CliRunner().invoke(
        hourdesk.app.cli.main.cli, ["--db", str(tmp_path / "c.db"), "client", "list"]
    )
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert line.startswith("hourdesk: ") and "constraint" not in line.lower()
    assert "CHECK" not in line and "amount_cents" not in line and str(log_file()) in line
    assert "constraint failed" in log_file().read_text()


def test_a_trigger_refusal_keeps_its_words(tmp_path, monkeypatch) -> None:
    def broken(self, *args, **kwargs):
        raise sqlite3.IntegrityError("a recorded payment never changes: record a correction")

    open_database(tmp_path / "c.db").close()  # an existing desk: no "created" notice
    monkeypatch.setattr("hourdesk.app.desk.clients.Clients.list", broken)
    result = CliRunner().invoke(
        hourdesk.app.cli.main.cli, ["--db", str(tmp_path / "c.db"), "client", "list"]
    )
    assert result.exit_code == 1
    assert "a recorded payment never changes" in result.output
    assert result.output.count("\n") == 1


@given(st.lists(st.binary(max_size=12), max_size=5))
def test_any_argument_bytes_are_taken_or_named(raw: list[bytes]) -> None:
    """Property: arguments as the OS hands them over are UTF-8 text, or one line names one."""
    args = [os.fsdecode(b) if b"\0" not in b else b.decode("utf-8", "surrogateescape") for b in raw]
    problem = not_utf8(args)
    valid = all(_utf8(b) for b in raw)
    assert (problem is None) == valid
    if problem:
        assert "\n" not in problem and "UTF-8" in problem


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/New_York"])
def test_periods_to_the_edges_of_the_calendar_take_everything(cli, desk, db, tmp_path, zone):
    """``--from 0001-01-01`` and ``--to 9999-12-31`` mean from the start and to the end,
    in any zone (their midnights lie outside what an instant can hold)."""
    desk.clock.advance(hours=1)
    desk.timer.stop()
    env = {**NOW, "TZ": zone}
    out = tmp_path / "all.json"
    runs = cli.run_all(
        ("--db", db, "report", "--from", "0001-01-01", "--to", "9999-12-31", "--json"),
        ("--db", db, "report", "--to", "9999-12-31", "--by", "week"),
        ("--db", db, "export", "json", "--from", "0001-01-01", "--to", "9999-12-31", "-o", out),
        env=env,
    )
    assert [r.returncode for r in runs] == [0, 0, 0], [r.stderr for r in runs]
    assert json.loads(runs[0].stdout)["total_seconds"] == 3600
    assert len(json.loads(out.read_text())["time_entries"]) == 1
