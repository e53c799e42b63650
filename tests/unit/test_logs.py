"""The log file: errors with their context, rotation, a private file, and never a secret.

Also what the user sees instead of a traceback, and a settings file with a mistake.
"""

from __future__ import annotations

import logging
import sqlite3
import stat
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import hourdesk.app.cli.main
from hourdesk.app.core import logs
from hourdesk.app.core.logs import explain, log_error, log_file, setup_logging

SECRET = "Tr0ub4dor&3-horse"
TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "state" / "log" / "hourdesk.log"
    setup_logging(path)
    yield path
    setup_logging()  # back to the default place (of this test's private dirs)


def test_errors_are_logged_with_context_and_traceback(log: Path) -> None:
    try:
        raise RuntimeError("the printer queue is stuck")
    except RuntimeError as exc:
        log_error("sending failed", exc, database="/data/hourdesk.db")
    text = log.read_text()
    assert "ERROR sending failed; database=/data/hourdesk.db" in text
    assert "hourdesk 0.1.0" in text and "SQLite" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: the printer queue is stuck" in text


def test_secrets_never_reach_the_log(log: Path) -> None:
    try:
        raise ValueError(f"login failed: password: {SECRET}")
    except ValueError as exc:
        log_error(f"note had token {TOKEN}", exc, detail=f"password={SECRET}")
    text = log.read_text()
    assert SECRET not in text
    assert TOKEN not in text
    assert "[credential removed" in text


def test_the_log_is_private(log: Path) -> None:
    log_error("something")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_nothing_is_created_until_something_is_logged(log: Path) -> None:
    assert not log.parent.exists()


def test_the_log_rotates(log: Path) -> None:
    for n in range(5000):
        log_error(f"error number {n} " + "x" * 400)
    rotated = sorted(log.parent.glob("hourdesk.log*"))
    assert [p.name for p in rotated] == [
        "hourdesk.log",
        "hourdesk.log.1",
        "hourdesk.log.2",
        "hourdesk.log.3",
    ]
    for path in rotated:
        assert path.stat().st_size <= logs.MAX_BYTES + 1000
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_log_that_cannot_be_written_is_silent(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    setup_logging(blocker / "hourdesk.log")
    try:
        log_error("this goes nowhere", RuntimeError("boom"))
    finally:
        setup_logging()
    captured = capsys.readouterr()
    assert captured.err == captured.out == ""


def test_the_default_place_is_the_user_state_dir(private_dirs: Path) -> None:
    setup_logging()
    assert log_file() == private_dirs / "xdg_state_home" / "hourdesk" / "log" / "hourdesk.log"
    log_error("here")
    assert "here" in log_file().read_text()


def test_the_context_names_the_command_and_options_never_their_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sys.argv", ["hourdesk", "ticket", "note", "HD-1", SECRET, "--reply"])
    context = logs.context()
    assert "--reply" in context
    assert SECRET not in context and "HD-1" not in context


# --- what the user sees --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "The disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "read-only"),
        (sqlite3.OperationalError("database is locked"), "busy"),
        (sqlite3.OperationalError("disk I/O error"), "disk reported an error"),
        (sqlite3.OperationalError("unable to open database file"), "cannot be opened"),
        (sqlite3.DatabaseError("database disk image is malformed"), "hourdesk restore"),
        (OSError(28, "No space left on device", "/x/out.pdf"), "The disk is full (/x/out.pdf)"),
        (PermissionError(13, "Permission denied", "/x"), "Permission denied (/x)"),
        (OSError(30, "Read-only file system", "/x"), "read-only"),
    ],
)
def test_explain(error: BaseException, words: str) -> None:
    said = explain(error)
    assert words in said
    assert "\n" not in said


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The CLI on an existing database (a new one would add "Created a new database")."""
    from hourdesk.storage.db import open_database

    open_database(tmp_path / "hourdesk.db").close()
    monkeypatch.setenv("HOURDESK_DB", str(tmp_path / "hourdesk.db"))
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T10:00:00Z")
    return CliRunner()


def _failing(monkeypatch, error: BaseException) -> None:
    def boom(self, *args, **kwargs):
        raise error

    monkeypatch.setattr("hourdesk.app.desk.clients.Clients.list", boom)


def test_an_unexpected_error_is_one_line_and_logged(runner, monkeypatch, private_dirs) -> None:
    _failing(monkeypatch, KeyError(f"client wrote password={SECRET}"))
    result = runner.invoke(hourdesk.app.cli.main.cli, ["client", "list"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.output.splitlines()
    assert line.startswith("hourdesk: unexpected error (KeyError")
    assert str(log_file()) in line
    text = log_file().read_text()
    assert "ERROR unexpected error" in text
    assert "client list" in text  # the command (the runner calls the program "cli")
    assert "Traceback" in text
    assert SECRET not in text


def test_a_full_disk_is_one_clear_line(runner, monkeypatch) -> None:
    _failing(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    result = runner.invoke(hourdesk.app.cli.main.cli, ["client", "list"])
    assert result.exit_code == 1
    assert result.output.startswith("hourdesk: The disk is full")
    assert result.output.count("\n") == 1


def test_usage_errors_pass_through(runner, monkeypatch) -> None:
    _failing(monkeypatch, click.UsageError("Give one or the other."))
    result = runner.invoke(hourdesk.app.cli.main.cli, ["client", "list"])
    assert result.exit_code == 2
    assert "Give one or the other." in result.output


# --- a settings file with a mistake --------------------------------------------------------


@pytest.fixture
def broken_settings(private_dirs: Path) -> Path:
    path = private_dirs / "xdg_config_home" / "hourdesk" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text('ticket_prefix = "HD"\n[timer]\nmax_hours = 99\n')
    return path


def test_a_command_refuses_naming_the_setting(runner, broken_settings: Path) -> None:
    result = runner.invoke(hourdesk.app.cli.main.cli, ["ticket", "list"])
    assert result.exit_code == 1
    (line,) = result.output.splitlines()
    assert "timer.max_hours" in line
    assert str(broken_settings) in line


def test_the_tui_starts_on_the_defaults_and_says_which_setting(
    runner, monkeypatch, broken_settings: Path
) -> None:
    from hourdesk.app.core.errors import Refused
    from hourdesk.app.core.settings import Settings

    seen = {}

    def tui(session) -> None:
        seen["desk"] = session.desk()

    monkeypatch.setattr(hourdesk.app.cli.base, "_run_tui", tui)
    before = broken_settings.read_text()
    result = runner.invoke(hourdesk.app.cli.main.cli, [])
    assert result.exit_code == 0, result.output
    desk = seen["desk"]
    try:
        assert desk.settings == Settings()
        ((text, severity),) = desk.notices
        assert severity == "error"
        assert "timer.max_hours" in text
        assert "saves no settings until it is fixed" in text
        with pytest.raises(Refused, match="not saved"):
            desk.save_settings(Settings())
        assert broken_settings.read_text() == before
    finally:
        desk.close()
    assert "timer.max_hours" not in result.output  # the TUI shows it, not the terminal


def test_logging_is_quiet_on_the_terminal(log: Path, capsys) -> None:
    logging.getLogger("hourdesk").warning("only in the file")
    assert capsys.readouterr().err == ""
    assert "only in the file" in log.read_text()
