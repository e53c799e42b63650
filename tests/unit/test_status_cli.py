"""The timer from the command line: the installed ``hourdesk`` script, run as a subprocess.

``start``, ``stop``, ``log``, ``entries`` and ``report`` go through click and the desk;
``status`` (and the usual ``report``) must not: a shell prompt runs them all day.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.cli import quick_status as status
from hourdesk.app.core.paths import config_file, database_path
from hourdesk.app.core.settings import load_settings

NOW = "2026-03-02T10:05:00Z"  # the desk fixture's clock stands at 09:00Z
HEAVY = ("click", "pydantic", "textual", "sqlite_utils")
# Runs hourdesk.app.cli.launch.main in a child as the console script would, then names the heavy
# modules it loaded (on stderr, after a marker) and exits with main's status.
PROBE = f"""
import sys
sys.argv = ["hourdesk", *sys.argv[1:]]
from hourdesk.app.cli.launch import main
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code
heavy = [m for m in {HEAVY!r} if m in sys.modules]
print("LOADED:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


@pytest.fixture
def db(desk) -> Path:
    return Path(desk.db.conn.execute("PRAGMA database_list").fetchone()[2])


@pytest.fixture
def approved(desk, client):
    ticket = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help.")
    desk.estimates.send(ticket.ref, hours="10")
    desk.estimates.approve(ticket.ref, text="Approved, go ahead.")
    return desk.tickets.get(ticket.ref)


def hourdesk(cli, db: Path, *args: str, now: str = NOW) -> subprocess.CompletedProcess[str]:
    return cli.run("--db", db, *args, env={"HOURDESK_NOW": now})


def _child(cli, argv: list[str], now: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        argv,
        env=cli._env({"HOURDESK_NOW": now}),
        cwd=cli.cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(child: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    out, err = child.communicate(timeout=120)
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def _heavy(done: subprocess.CompletedProcess[str]) -> list[str]:
    rest, _, loaded = done.stderr.rpartition("LOADED:")
    done.stderr = rest
    return [m for m in loaded.strip().split(",") if m]


def probe(cli, *args: str, now: str = NOW) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``hourdesk ARGS`` through hourdesk.app.cli.launch.main, and the heavy modules it imported."""
    done = _finish(_child(cli, [sys.executable, "-c", PROBE, *args], now))
    return done, _heavy(done)


def fast_and_full(cli, *args: str, now: str = NOW):
    """The same command through launch.main and through the click CLI, side by side."""
    fast = _child(cli, [sys.executable, "-c", PROBE, *args], now)
    click_main = "from hourdesk.app.cli.main import main; main()"
    full = _child(cli, [sys.executable, "-c", click_main, *args], now)
    fast_done, full_done = _finish(fast), _finish(full)
    return fast_done, _heavy(fast_done), full_done


# start, status, stop


def test_start_status_stop_through_the_installed_script(cli, desk, db, approved):
    started = hourdesk(cli, db, "start", approved.ref, "--category", "implementation")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == f"Started {approved.ref} (implementation)."
    running = desk.timer.running()  # another connection sees it at once
    assert running is not None and running.start_at == datetime(2026, 3, 2, 10, 5, tzinfo=UTC)

    later = "2026-03-02T11:10:30Z"
    line = hourdesk(cli, db, "status", "--format", "{ref} {elapsed}", now=later)
    assert (line.returncode, line.stdout, line.stderr) == (0, f"{approved.ref} 1:05:30\n", "")
    shown = hourdesk(cli, db, "status", "--json", now=later)
    assert shown.returncode == 0
    assert json.loads(shown.stdout) == {
        "ref": approved.ref,
        "subject": "Printer offline",
        "client": "Harbor Dental Clinic",
        "category": "implementation/testing",
        "billable": True,
        "note": "",
        "started_at": "2026-03-02T10:05:00Z",
        "seconds": 3930,
        "minutes": 65,
        "elapsed": "1:05:30",
        "share": "10%",  # 1h05m of the approved 10 hours
    }
    default = hourdesk(cli, db, "status", now=later)
    assert default.stdout == f"{approved.ref} 1:05:30 implementation/testing 10%\n"

    stopped = hourdesk(cli, db, "stop", "--note", "replaced the fuser", now=later)
    assert stopped.returncode == 0, stopped.stderr
    assert stopped.stdout.strip() == f"Stopped {approved.ref} after 1h05m."
    entry = desk.timer.entries(approved.ref)[0]
    assert (entry.seconds, entry.note) == (3930, "replaced the fuser")

    idle = hourdesk(cli, db, "status", now=later)
    assert (idle.returncode, idle.stdout, idle.stderr) == (1, "", "")


def test_a_refused_start_exits_1_with_one_line_that_says_what_to_do(cli, desk, db, client):
    waiting = desk.tickets.new(client_id=client.id, subject="Wi-Fi", body="Slow.")
    desk.estimates.send(waiting.ref, hours="2")
    refused = hourdesk(cli, db, "start", waiting.ref)
    assert refused.returncode == 1 and refused.stdout == ""
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"hourdesk: {waiting.ref} is waiting for approval of estimate v1")
    assert "Record the client's written approval" in line  # what to do next
    assert desk.timer.running() is None
    # the non-billable choice is there from the CLI as well
    anyway = hourdesk(cli, db, "start", waiting.ref, "--non-billable")
    assert anyway.returncode == 0
    assert anyway.stdout.strip() == f"Started {waiting.ref} (investigation, not billable)."


def test_status_is_silent_and_exits_1_when_idle_or_without_a_database(cli, db, tmp_path):
    assert hourdesk(cli, db, "status").returncode == 1
    for args in (["status"], ["status", "--json"], ["status", "--format", "{ref}"]):
        done = hourdesk(cli, tmp_path / "nowhere.db", *args)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    assert not (tmp_path / "nowhere.db").exists()  # status never creates a database


def test_status_refuses_an_unknown_format_field(cli, desk, db, approved):
    desk.timer.start(approved.ref)
    done = hourdesk(cli, db, "status", "--format", "{ref} {colour}")
    assert done.returncode == 2 and "unknown field" in done.stderr and done.stdout == ""


def test_status_names_a_wrong_hourdesk_now(cli, desk, db, approved):
    desk.timer.start(approved.ref)
    done = hourdesk(cli, db, "status", now="garbage")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("hourdesk: HOURDESK_NOW='garbage' is not an ISO-8601 instant")


# log and entries


def test_log_minutes_and_from_to_then_entries_as_json(cli, desk, db, approved):
    by_minutes = hourdesk(cli, db, "log", approved.ref, "--minutes", "30", "--note", "call")
    assert by_minutes.returncode == 0, by_minutes.stderr
    by_span = hourdesk(
        cli,
        db,
        "log",
        approved.ref,
        "--from",
        "2026-03-02 09:00",
        "--to",
        "2026-03-02 09:30",
        "--category",
        "verification",
    )
    assert by_span.returncode == 0, by_span.stderr
    overlap = hourdesk(
        cli, db, "log", approved.ref, "--from", "2026-03-02 09:20", "--to", "2026-03-02 09:40"
    )
    assert overlap.returncode == 1
    assert f"overlaps entry #{by_span.stdout.strip()}" in overlap.stderr

    listed = hourdesk(cli, db, "entries", approved.ref, "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == [
        {
            "id": int(by_span.stdout),
            "ref": approved.ref,
            "category": "verification",
            "start": "2026-03-02T09:00:00Z",
            "end": "2026-03-02T09:30:00Z",
            "seconds": 1800,
            "running": False,
            "billable": True,
            "note": "",
        },
        {
            "id": int(by_minutes.stdout),
            "ref": approved.ref,
            "category": "implementation",
            "start": "2026-03-02T09:35:00Z",
            "end": "2026-03-02T10:05:00Z",  # ends at HOURDESK_NOW
            "seconds": 1800,
            "running": False,
            "billable": True,
            "note": "call",
        },
    ]


# report


@pytest.fixture
def booked(desk, clock, client, approved):
    """A week of time for two clients; the clock on Friday 6 March."""
    other = desk.clients.add(name="Zephyr Bakery", emails="hi@zephyr.example", rate="90")
    free = desk.tickets.new(client_id=other.id, subject="Warranty", billable=False)
    clock.instant = datetime(2026, 3, 6, 12, 0, tzinfo=UTC)
    start = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    for day in range(4):
        at = start + timedelta(days=day)
        desk.timer.log(approved.ref, start=at, seconds=3600 + 600 * day)
        desk.timer.log(
            free.ref, start=at + timedelta(hours=2), seconds=1200, category="verification"
        )
    return other


def test_report_by_client_as_json_within_a_range(cli, db, client, booked):
    done = hourdesk(
        cli, db, "report", "--by", "client", "--json", "--from", "2026-03-03", "--to", "2026-03-04"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "by": "client",
        "from": "2026-03-03",
        "to": "2026-03-04",
        "lines": [
            {
                "label": client.name,
                "billable_seconds": 4200 + 4800,
                "non_billable_seconds": 0,
                "unbilled_seconds": 4200 + 4800,
                "total_seconds": 9000,
            },
            {
                "label": "Zephyr Bakery",
                "billable_seconds": 0,
                "non_billable_seconds": 2400,
                "unbilled_seconds": 0,
                "total_seconds": 2400,
            },
        ],
        "total_seconds": 11400,
        "billable_seconds": 9000,
        "non_billable_seconds": 2400,
        "unbilled_seconds": 9000,
    }


@pytest.mark.parametrize(
    "args",
    [
        ["report"],
        ["report", "--by", "day", "--from", "2026-03-03"],
        ["report", "--by=category", "--json", "--to", "2026-03-04"],
        ["report", "--client", "zeph", "--by", "ticket"],
        ["report", "--client", "office@harbordental.example", "--json", "--by", "week"],
    ],
)
def test_the_fast_report_prints_what_the_full_cli_prints(cli, db, booked, args):
    fast, heavy, full = fast_and_full(cli, "--db", str(db), *args)
    assert fast.returncode == 0, fast.stderr
    assert heavy == []  # answered without click, pydantic, sqlite-utils or Textual
    assert full.returncode == 0, full.stderr
    assert fast.stdout == full.stdout


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["report", "--client", "Nobody"], 1, "There is no client 'Nobody'"),
        (["report", "--from", "2026-03-05", "--to", "2026-03-01"], 1, "before the start"),
        (["report", "--from", "last week"], 2, "Invalid value for '--from'"),
    ],
)
def test_the_full_cli_answers_what_the_fast_report_cannot(cli, db, booked, args, code, says):
    done, heavy = probe(cli, "--db", str(db), *args)
    assert done.returncode == code and says in done.stderr
    assert "click" in heavy


# status stays light


@pytest.mark.parametrize("running", [False, True])
def test_status_imports_neither_click_pydantic_textual_nor_sqlite_utils(
    cli, desk, db, approved, running
):
    if running:
        desk.timer.start(approved.ref)
    for args in (
        ["--db", str(db), "status"],
        ["status", "--db", str(db), "--json"],
        ["status", f"--db={db}", "--format", "{ref} {elapsed}"],
    ):
        done, heavy = probe(cli, *args)
        assert done.returncode == (0 if running else 1), done.stderr
        assert heavy == []


def test_status_importtime_shows_no_heavy_module(cli, desk, db, approved):
    desk.timer.start(approved.ref)
    script = Path(sys.executable).parent / "hourdesk"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), "--db", str(db), "status"],
        env=cli._env({"HOURDESK_NOW": NOW}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith(approved.ref)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "hourdesk.app.cli.quick_status" in imported
    assert not {m for m in imported if m.split(".")[0] in (*HEAVY, "platformdirs", "argparse")}


# status finds the same files as the full CLI, without platformdirs


@pytest.mark.parametrize(
    "xdg", [None, "", "relative/dir", "/srv/hd-{kind}"], ids=["unset", "empty", "relative", "abs"]
)
def test_status_paths_agree_with_platformdirs(monkeypatch, private_dirs, xdg):
    for kind in ("DATA", "CONFIG"):
        if xdg is None:
            monkeypatch.delenv(f"XDG_{kind}_HOME", raising=False)
        else:
            monkeypatch.setenv(f"XDG_{kind}_HOME", xdg.format(kind=kind.lower()))
    assert status.database(None) == str(database_path(None))
    assert status.database(None, demo=True) == str(database_path(None, demo=True))
    assert status.config_file() == str(config_file())
    monkeypatch.setenv("HOURDESK_DB", "~/elsewhere.db")
    assert status.database(None) == str(database_path(None))
    assert status.database("~/given.db") == str(database_path("~/given.db"))


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("", "HD"),
        ('ticket_prefix = "ACME"\n', "ACME"),
        ("ticket_prefix = 'IT'\n[timer]\nmax_hours = 8\n", "IT"),
        ('ticket_prefix = "ZX"  # our prefix\n', "ZX"),
        ('[business]\nname = "ticket_prefix = \\"NO\\""\n', "HD"),
        ('locale = "en_US"\n\n[business]\nticket_prefix = "NO"\n', "HD"),
    ],
)
def test_status_reads_the_ticket_prefix_like_the_settings(private_dirs, toml, expected):
    path = Path(status.config_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(toml, encoding="utf-8")
    assert status.prefix() == expected
    if "NO" not in toml:
        assert load_settings().ticket_prefix == expected


def test_status_opens_a_database_whose_path_needs_escaping(tmp_path, capsys, monkeypatch):
    from hourdesk.app.core.clock import FixedClock
    from hourdesk.app.desk.facade import build_desk

    folder = tmp_path / "odd ?#% name"
    folder.mkdir()
    desk = build_desk(folder / "t.db", clock=FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
    added = desk.clients.add(name="Acme", emails="a@acme.example", rate="100")
    ticket = desk.tickets.new(client_id=added.id, subject="Odd", billable=False)
    desk.timer.start(ticket.ref)
    desk.close()
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T09:01:00Z")
    assert status.main(["status", "--db", str(folder / "t.db"), "--format", "{ref} {minutes}"]) == 0
    assert capsys.readouterr().out == f"{ticket.ref} 1\n"


def test_status_cleans_control_characters_from_client_text():
    row = (0, "investigation", 0, "a\x1b[2Jb", 7, "sub\u202eject", "Cli\nent", None, 0)
    shown = status.fields(row, 90, "HD")
    assert (shown["note"], shown["subject"], shown["client"]) == ("a [2Jb", "sub ject", "Cli ent")
    assert (shown["ref"], shown["elapsed"], shown["share"]) == ("HD-0007", "0:01:30", "")


def test_report_range_is_local_days(desk):
    """``--from``/``--to`` are dates; the JSON carries them back as given."""
    from hourdesk.app.cli.quick_report import document
    from hourdesk.app.desk.reports import report

    result = report(desk, start=date(2026, 3, 1), end=date(2026, 3, 2))
    assert document(result)["from"] == "2026-03-01" and document(result)["to"] == "2026-03-02"


@pytest.mark.parametrize("name", ["HOURDESK_TICKET_PREFIX", "hourdesk_ticket_prefix"])
def test_status_takes_the_ticket_prefix_variable_like_the_settings(private_dirs, monkeypatch, name):
    path = Path(status.config_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('ticket_prefix = "ACME"\n', encoding="utf-8")
    monkeypatch.setenv(name, "XY")
    assert status.prefix() == load_settings().ticket_prefix == "XY"
