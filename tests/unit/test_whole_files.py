"""Whole files or none: every file hourdesk writes is written to a temporary file beside it,
fsynced, then renamed (or linked) into place; private modes; never over a non-regular file.

A full disk is a real one (a small tmpfs, as root) or a real file size limit (RLIMIT_FSIZE in
a subprocess); the CLI runs as a subprocess; a FIFO, /dev/full and a folder are real ones.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.paths import config_file
from hourdesk.app.core.settings import Settings, load_settings, save_settings
from hourdesk.app.desk.exporting import export
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.mail import Rejected, quarantine
from hourdesk.exports.email import EmailError, build_message, write_draft
from hourdesk.storage.files import NotWritten, numbered, open_whole, write_new, write_whole
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings
from tests.unit.test_bad_disks import _file_limit, fill, one_clear_line, small_tmpfs
from tests.unit.test_exports import resolved

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = {
    "business": {"name": "Rivera IT Consulting", "email": "rivera@consult.example"},
    "payment": {"bank_details": "First Coastal Bank\nAccount 4401"},
}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def open_desk(path: Path) -> Desk:
    settings = ready_settings(SETTINGS)
    return build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=settings)


def prepare(desk: Desk) -> None:
    """One client, one resolved ticket with an hour of work, invoice 2026-0001."""
    client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
    resolved(desk, client.id, "Printer")
    desk.invoicing.issue(client.id)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    desk = open_desk(tmp_path / "hourdesk.db")
    prepare(desk)
    yield desk
    desk.close()


@pytest.fixture
def cli_db(tmp_path: Path, cli) -> Path:
    """The database the commands use, and the settings file they read."""
    save_settings(ready_settings(SETTINGS), config_file())
    path = tmp_path / "data" / "hourdesk.db"
    desk = open_desk(path)
    prepare(desk)
    desk.close()
    return path


@pytest.fixture
def full_disk() -> Iterator[Path]:
    """A small tmpfs; fill() it to make writes fail with ENOSPC."""
    with small_tmpfs(1024) as disk:
        yield disk


def draft_message():
    return build_message(
        sender="rivera@consult.example", to=["office@harbor.example"], subject="Hi", body="Hello"
    )


# --- the primitives -----------------------------------------------------------------------


def test_a_new_file_and_its_folders_are_private(tmp_path: Path) -> None:
    path = write_whole(tmp_path / "a" / "b" / "notes.md", "# Notes\n")
    assert path.read_text() == "# Notes\n"
    assert mode(path) == 0o600
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700
    previous = tmp_path / "old.txt"
    previous.write_text("old")
    previous.chmod(0o644)
    write_whole(previous, b"new")
    assert previous.read_bytes() == b"new" and mode(previous) == 0o600
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("previous\n")
    with pytest.raises(RuntimeError), open_whole(path, text=True) as out:
        out.write("half of the new one\n" * 10_000)
        raise RuntimeError("the database went away")
    assert path.read_text() == "previous\n"
    assert leftovers(tmp_path) == []


def test_temporary_files_a_killed_process_left_are_swept(tmp_path: Path) -> None:
    stale, fresh, other = (tmp_path / f".{name}.tmp" for name in ("a.csv.x1", "a.csv.x2", "b.x"))
    for path in (stale, fresh, other):
        path.write_text("partial")
    hours_ago = time.time() - 2 * 3600
    for path in (stale, other):
        os.utime(path, (hours_ago, hours_ago))
    write_whole(tmp_path / "a.csv", "whole\n")
    assert leftovers(tmp_path) == [".a.csv.x2.tmp", ".b.x.tmp"]  # the young one may be in use


@pytest.mark.parametrize(
    "kind, words",
    [
        ("fifo", "is a named pipe (FIFO)"),
        ("folder", "is a folder"),
        ("device", "is a device"),
        ("symlink to a fifo", "is a symbolic link to a named pipe (FIFO)"),
        ("dangling symlink", "is a symbolic link to nothing"),
        ("another user's symlink", "is a symbolic link of another user"),
    ],
)
def test_what_is_not_a_regular_file_is_refused_and_left_alone(
    tmp_path: Path, kind: str, words: str
) -> None:
    target = tmp_path / "target.txt"
    target.write_text("kept")
    path = {"device": Path("/dev/full")}.get(kind, tmp_path / "out")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "symlink to a fifo":
        os.mkfifo(tmp_path / "fifo")
        path.symlink_to(tmp_path / "fifo")
    elif kind == "dangling symlink":
        path.symlink_to(tmp_path / "nowhere")
    elif kind == "another user's symlink":
        path.symlink_to(target)
        os.lchown(path, os.geteuid() + 1, -1)
    before = os.lstat(path)
    refusal = f"{path} {words}, not a regular file: hourdesk does not replace it"
    with pytest.raises(NotWritten, match=re.escape(refusal)):
        write_whole(path, b"data")
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino, after.st_rdev, after.st_uid) == (
        before.st_mode,
        before.st_ino,
        before.st_rdev,
        before.st_uid,
    )
    assert target.read_text() == "kept"
    assert not (tmp_path / "nowhere").exists()
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_to_a_file_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "dotfiles").mkdir()
    target = tmp_path / "dotfiles" / "config.toml"
    target.write_text("old")
    link = tmp_path / "config.toml"
    link.symlink_to(target)
    assert write_whole(link, "new") == link
    assert link.is_symlink() and target.read_text() == "new" and mode(target) == 0o600
    assert leftovers(tmp_path / "dotfiles") == []


def test_the_file_size_limit_leaves_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(b"%PDF previous")
    code = (
        "import sys; from pathlib import Path; from hourdesk.storage.files import write_whole\n"
        "try:\n    write_whole(Path(sys.argv[1]), b'x' * 2_000_000)\n"
        "except OSError as exc:\n    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_file_limit(1_000_000),
    )
    assert done.stdout.strip() == (
        f"The file size limit is reached: {path} was not written; the previous file is "
        "unchanged. Write it to another disk."
    ), done.stderr
    assert path.read_bytes() == b"%PDF previous"
    assert leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_previous_file(full_disk: Path) -> None:
    path = full_disk / "export.json"
    path.write_text("{}\n")
    fill(full_disk, 0)
    with pytest.raises(NotWritten) as failed:
        write_whole(path, "x" * 100_000)
    assert str(failed.value) == (
        f"The disk is full: {path} was not written; the previous file is unchanged. "
        "Free some space and try again."
    )
    assert path.read_text() == "{}\n"
    assert leftovers(full_disk) == []
    new = full_disk / "new.json"
    with pytest.raises(NotWritten, match="no partial file was left"):
        write_whole(new, "x" * 100_000)
    assert not new.exists()


def test_new_names_are_taken_only_by_whole_files(full_disk: Path) -> None:
    (full_disk / "draft.eml").write_bytes(b"first")
    filler = fill(full_disk, 0)
    with pytest.raises(NotWritten, match="disk is full"):
        write_new(full_disk, numbered("draft"), [(".eml", b"x" * 100_000)])
    assert sorted(p.name for p in full_disk.iterdir()) == ["draft.eml", "filler"]
    filler.unlink()
    (second,) = write_new(full_disk, numbered("draft"), [(".eml", b"second")])
    assert second.name == "draft-2.eml" and second.read_bytes() == b"second"
    assert (full_disk / "draft.eml").read_bytes() == b"first"
    assert mode(second) == 0o600


def test_a_group_of_new_files_shares_one_free_stem(tmp_path: Path) -> None:
    (tmp_path / "m.reason.txt").write_text("an older reason with no copy")
    paths = write_new(tmp_path, numbered("m", first=1), [(".reason.txt", b"why"), (".eml", b"m")])
    assert [p.name for p in paths] == ["m-1.reason.txt", "m-1.eml"]
    assert (tmp_path / "m.reason.txt").read_text() == "an older reason with no copy"
    assert not (tmp_path / "m.eml").exists()


def test_new_files_on_a_file_system_without_hard_links(tmp_path: Path, monkeypatch) -> None:
    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    names = [write_new(tmp_path, numbered("d"), [(".eml", b"%d" % n)])[0].name for n in range(2)]
    assert names == ["d.eml", "d-2.eml"]
    assert (tmp_path / "d-2.eml").read_bytes() == b"1"
    (tmp_path / "q.eml").write_bytes(b"older")  # the group's second name is taken
    paths = write_new(tmp_path, numbered("q", first=1), [(".reason.txt", b"r"), (".eml", b"m")])
    assert [p.name for p in paths] == ["q-1.reason.txt", "q-1.eml"]
    assert not (tmp_path / "q.reason.txt").exists()
    assert (tmp_path / "q.eml").read_bytes() == b"older"
    assert leftovers(tmp_path) == []


# --- every writer -------------------------------------------------------------------------


def test_invoice_and_completion_documents_are_private_in_a_private_folder(
    desk: Desk, tmp_path: Path
) -> None:
    exports = tmp_path / "Documents" / "hourdesk"
    desk.settings.exports_dir = str(exports)
    written = [
        desk.invoicing.pdf("2026-0001"),
        desk.completion.export("HD-0001", "md"),
        desk.completion.export("HD-0001", "pdf"),
    ]
    assert [p.name for p in written] == [
        "invoice-2026-0001.pdf",
        "completion-HD-0001.md",
        "completion-HD-0001.pdf",
    ]
    assert [mode(p) for p in written] == [0o600] * 3
    assert mode(exports) == mode(exports.parent) == 0o700
    assert written[0].read_bytes().startswith(b"%PDF")
    assert leftovers(exports) == []


def test_documents_on_a_full_disk_keep_the_previous_ones(desk: Desk, full_disk: Path) -> None:
    desk.settings.exports_dir = str(full_disk)
    pdf = desk.invoicing.pdf("2026-0001")
    md = desk.completion.export("HD-0001", "md")
    before = pdf.read_bytes(), md.read_bytes()
    fill(full_disk, 0)
    with pytest.raises(NotWritten, match=r"disk is full: .* the previous file is unchanged"):
        desk.invoicing.pdf("2026-0001")
    for fmt in ("md", "pdf"):
        with pytest.raises(Refused, match="disk is full"):
            desk.completion.export("HD-0001", fmt)
    assert (pdf.read_bytes(), md.read_bytes()) == before
    assert leftovers(full_disk) == []


def test_completion_refuses_a_fifo(desk: Desk, tmp_path: Path) -> None:
    fifo = tmp_path / "completion.md"
    os.mkfifo(fifo)
    with pytest.raises(Refused, match="named pipe"):
        desk.completion.export("HD-0001", "md", fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_failed_draft_takes_no_name_and_a_retry_gets_it(full_disk: Path) -> None:
    folder = full_disk / "drafts"
    first = write_draft(draft_message(), folder, "HD-0001-estimate-v1")
    assert mode(first) == 0o600 and mode(folder) == 0o700
    filler = fill(full_disk, 0)
    for _ in range(2):
        with pytest.raises(EmailError, match="disk is full"):
            write_draft(draft_message(), folder, "HD-0001-estimate-v1")
    assert sorted(p.name for p in folder.iterdir()) == ["HD-0001-estimate-v1.eml"]
    filler.unlink()
    second = write_draft(draft_message(), folder, "HD-0001-estimate-v1")
    assert second.name == "HD-0001-estimate-v1-2.eml"
    assert b"X-Unsent: 1" in second.read_bytes()


def test_the_estimate_draft_through_the_desk(desk: Desk, full_disk: Path) -> None:
    folder = full_disk / "drafts"
    fill(full_disk, 0)
    with pytest.raises(EmailError, match="disk is full"):
        desk.estimates.draft("HD-0001", folder)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "fmt, table, name",
    [
        ("csv", "entries", "entries.csv"),
        ("csv", None, "csv"),
        ("json", None, "export.json"),
        ("ledger", None, "hourdesk.journal"),
    ],
)
def test_exports_are_private_and_whole(
    desk: Desk, full_disk: Path, fmt: str, table: str | None, name: str
) -> None:
    folder = full_disk / "exports"
    written = export(desk, fmt, folder / name, table=table)
    assert [mode(p) for p in written] == [0o600] * len(written)
    assert mode(folder) == 0o700
    before = [p.read_bytes() for p in written]
    filler = fill(full_disk, 0)
    with pytest.raises(Refused, match=r"disk is full: .* the previous file is unchanged"):
        export(desk, fmt, folder / name, table=table)
    assert [p.read_bytes() for p in written] == before
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    filler.unlink()
    assert export(desk, fmt, folder / name, table=table) == written


def test_settings_are_private_and_whole(full_disk: Path) -> None:
    path = full_disk / "config" / "config.toml"
    save_settings(Settings.model_validate(SETTINGS), path)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    fill(full_disk, 0)
    bigger = Settings.model_validate({**SETTINGS, "payment": {"bank_details": "x" * 100_000}})
    with pytest.raises(Refused, match=r"The settings were not saved\. The disk is full"):
        save_settings(bigger, path)
    assert load_settings(path).business.email == "rivera@consult.example"
    assert leftovers(path.parent) == []


def test_settings_never_replace_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()
    with pytest.raises(Refused, match="is a folder"):
        save_settings(Settings(), path)
    assert path.is_dir()


def test_quarantine_is_private_and_whole(full_disk: Path, tmp_path: Path) -> None:
    folder = full_disk / "quarantine"
    original = tmp_path / "big.eml"
    original.write_bytes(b"Subject: big\r\n\r\n" + b"x" * 200_000)
    kept = quarantine(Rejected(f"eml:{original}", "too large", None), folder)
    assert kept.read_bytes() == original.read_bytes()
    assert sorted(mode(p) for p in folder.iterdir()) == [0o600, 0o600]
    assert mode(folder) == 0o700
    filler = fill(full_disk, 0)
    with pytest.raises(NotWritten, match="disk is full"):
        quarantine(Rejected(f"eml:{original}", "too large", None), folder)
    assert sorted(folder.iterdir()) == sorted([kept, kept.with_suffix(".reason.txt")])
    filler.unlink()
    again = quarantine(Rejected(f"eml:{original}", "too large", None), folder)
    assert again.read_bytes() == original.read_bytes()
    nothing = quarantine(Rejected("mbox:/x/inbox#3", "too large", None), folder)
    assert nothing.name.endswith(".reason.txt")
    assert "copy: not kept: the message is not a file of its own" in nothing.read_text()


# --- the command line ---------------------------------------------------------------------

REFUSALS = [
    ("export", "json"),
    ("export", "csv", "--table", "invoices"),
    ("export", "ledger"),
    ("invoice", "pdf", "2026-0001"),
    ("completion", "HD-0001", "--format", "md"),
]


@pytest.mark.parametrize("args", REFUSALS, ids=lambda a: " ".join(a[:2]))
def test_dev_full_is_refused_and_stays_a_device(cli, cli_db: Path, args) -> None:
    before = os.stat("/dev/full")
    done = cli.run("--db", cli_db, *args, "-o", "/dev/full")
    line = one_clear_line(done, "/dev/full is a device, not a regular file")
    assert "wrote nothing" in line
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_fifo_and_a_folder_are_refused_by_the_command(cli, cli_db: Path, tmp_path) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    done = cli.run("--db", cli_db, "export", "csv", "--table", "entries", "-o", fifo)
    one_clear_line(done, f"{fifo} is a named pipe (FIFO)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    folder = tmp_path / "out.json"
    folder.mkdir()
    done = cli.run("--db", cli_db, "export", "json", "-o", folder)
    one_clear_line(done, f"{folder} is a folder")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_a_full_disk_is_one_clear_line_from_the_command(cli, cli_db: Path, full_disk) -> None:
    out = full_disk / "out.json"
    assert cli.run("--db", cli_db, "export", "json", "-o", out).returncode == 0
    before = out.read_bytes()
    fill(full_disk, 0)
    for args in (("export", "json"), ("invoice", "pdf", "2026-0001")):
        done = cli.run("--db", cli_db, *args, "-o", out)
        one_clear_line(done, f"The disk is full: {out} was not written")
    assert out.read_bytes() == before
    assert leftovers(full_disk) == []


def many_entries(db: Path, count: int) -> None:
    """``count`` finished entries on ticket 1, written straight into the database file.

    The trigger that refuses backdating scans the ticket's entries on each insert; it is
    set aside meanwhile (the entries are after every invoice anyway).
    """
    start = int((T0 + timedelta(days=30)).timestamp())
    conn = sqlite3.connect(db)
    with conn:
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'time_entries_no_backdating'"
        ).fetchone()
        conn.execute("DROP TRIGGER time_entries_no_backdating")
        conn.executemany(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (1, 'implementation', ?, ?, 0, '', ?)",
            ((start + 60 * n, start + 60 * n + 30, start) for n in range(count)),
        )
        conn.execute(trigger)
    conn.close()


def test_a_killed_export_leaves_the_previous_file(cli, cli_db: Path, tmp_path: Path) -> None:
    many_entries(cli_db, 40_000)
    out = tmp_path / "entries.csv"
    out.write_text("previous\n")
    process = cli.start("--db", cli_db, "export", "csv", "--table", "entries", "-o", out)
    deadline = time.monotonic() + 60
    while not [p for p in tmp_path.glob(".entries.csv.*.tmp") if p.stat().st_size > 64 * 1024]:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert out.read_text() == "previous\n"
    # and the next export replaces it whole
    assert cli.run("--db", cli_db, "export", "csv", "--table", "entries", "-o", out).returncode == 0
    assert out.read_text().count("\n") == 40_000 + 2
