"""The TUI's first page comes before the heavy modules: a fresh ``hourdesk`` process, started
the way the script starts it, has not imported them when the inbox shows its first rows; the
desk (pydantic, sqlite-utils) opens right after, and its page replaces the first."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hourdesk.app.cli import quick_tui

# Loaded only where used: none of them draws the inbox.
LATER = ("jinja2", "xhtml2pdf", "reportlab", "pydantic_settings")
# Loaded by the desk, which opens once the first frame is on screen.
DESK = ("pydantic", "sqlite_utils", "click", "hourdesk.app.core.guard", "hourdesk.app.desk.facade")

PROBE = """
import json, sys
from hourdesk.app import tui
from hourdesk.app.cli.launch import main

seen = {}

def look(app, when):
    page = app.screen.page
    seen[when] = {
        "loaded": sorted(sys.modules),
        "rows": app.screen.query_one("#tickets").row_count,
        "early": page.early if page else None,
        "desk": app.desk_open,
    }

ready = tui.HourdeskApp.on_ready
def first_frame(app):
    look(app, "first frame")
    ready(app)

def desk_page(app):
    look(app, "desk page")
    print(json.dumps(seen), file=sys.__stdout__, flush=True)
    app.exit()

tui.HourdeskApp.on_ready = first_frame
tui.HourdeskApp.keys_ready = desk_page
run = tui.HourdeskApp.run
tui.HourdeskApp.run = lambda app: run(app, headless=True, size=(120, 40))
sys.argv = ["hourdesk", "--db", sys.argv[1]]
main()
"""


def first_paint(cli, db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)],
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def loaded(names: list[str], wanted: tuple[str, ...]) -> list[str]:
    return [name for name in wanted if name in names]


def test_the_inbox_is_drawn_before_any_heavy_module_is_imported(cli, desk, tmp_path):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    db = desk.db.conn.path
    desk.close()
    seen = first_paint(cli, db)
    first, then = seen["first frame"], seen["desk page"]
    assert (first["rows"], first["early"], first["desk"]) == (1, True, False)
    assert "textual" in first["loaded"]  # the probe saw the running app
    assert loaded(first["loaded"], LATER + DESK) == []
    assert (then["rows"], then["early"], then["desk"]) == (1, False, True)
    assert loaded(then["loaded"], DESK) == list(DESK)
    assert loaded(then["loaded"], LATER) == []


def test_a_database_the_desk_refuses_closes_the_app_with_one_line(cli, desk, tmp_path):
    """The first page is read before the desk checks the file; when the desk then refuses it,
    the app closes and the terminal gets the same line as any command, not a traceback."""
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    for n in range(40):
        desk.tickets.new(client_id=client.id, subject=f"Printer offline {n}", body="Help." * 200)
    db = desk.db.conn.path
    desk.close()
    with open(db, "r+b") as fh:  # a page in the middle of the file is overwritten
        fh.seek(-8 * 4096, 2)
        fh.write(b"\x07" * 4096)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(db)], env=cli.env, capture_output=True, text=True
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("hourdesk: ") and "is damaged" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ([], {"db": None, "demo": False}),
        (["--demo"], {"db": None, "demo": True}),
        (["--db", "a.db"], {"db": "a.db", "demo": False}),
        (["--db=a.db", "--demo"], {"db": "a.db", "demo": True}),
        (["--db"], None),  # click says what is missing
        (["--db="], None),
        (["--help"], None),
        (["--version"], None),
        (["--dbx", "a.db"], None),
    ],
)
def test_only_the_plain_start_of_the_tui_skips_click(args, options):
    assert quick_tui.options(args) == options
