"""The TUI's first page comes before the heavy modules: a fresh ``hourdesk`` process, started
the way the script starts it, has not imported them when the inbox shows its first rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Loaded only where used: none of them draws the inbox.
LATER = ("jinja2", "xhtml2pdf", "reportlab", "pydantic_settings")

PROBE = """
import json, sys
from hourdesk.app import tui
from hourdesk.app.cli.launch import main

def first_page(app):
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    rows = app.screen.query_one("#tickets").row_count
    print(json.dumps({"loaded": loaded, "rows": rows}), file=sys.__stdout__, flush=True)
    app.exit()

tui.HourdeskApp.keys_ready = first_page
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


def test_the_inbox_is_drawn_before_any_heavy_module_is_imported(cli, desk, tmp_path):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    db = desk.db.conn.path
    desk.close()
    seen = first_paint(cli, db)
    assert seen["rows"] == 1
    assert "textual" in seen["loaded"]  # the probe saw the running app
    assert [name for name in LATER if name in seen["loaded"]] == []
