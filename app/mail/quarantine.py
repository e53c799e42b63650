"""Rejected messages set aside whole, in a private folder, for a person to look at."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from hourdesk.app.mail.records import Rejected
from hourdesk.app.mail.sources import _cannot_read
from hourdesk.app.mail.webform import _lines


def quarantine(rejected: Rejected, folder: Path, notes: tuple[str, ...] = ()) -> Path:
    """Keep a rejected message's bytes and a .reason.txt in folder; return the copy's path.

    Without raw bytes the original file is copied.  When there is nothing to copy
    (an over-large message inside an mbox, a directory) only the reason is
    written, and that file's path is returned.  Both files are written whole
    before they take their names, and never overwrite anything.
    """
    from hourdesk.storage.files import numbered, write_new

    stem = _quarantine_stem(rejected.source)
    lines = [f"source: {rejected.source}", f"reason: {rejected.reason}", *notes]
    try:
        with _original(rejected) as copy:
            files = [(".reason.txt", _lines(lines)), (_suffix(rejected.source), copy)]
            return write_new(folder, numbered(stem, first=1), files)[-1]
    except _NotKept as problem:
        files = [(".reason.txt", _lines([*lines, f"copy: {problem}"]))]
        return write_new(folder, numbered(stem, first=1), files)[-1]


def _quarantine_stem(source: str) -> str:
    kind, _, location = source.partition(":")
    label = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{kind}-{Path(location).name}")[:80].strip("._")
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{label or 'message'}"


def _suffix(source: str) -> str:
    return ".json" if source.startswith("json:") else ".eml"


class _NotKept(Exception):
    """A rejected message's bytes cannot be kept; ``str()`` says why."""


@contextlib.contextmanager
def _original(rejected: Rejected) -> Iterator[bytes | Callable[[BinaryIO], None]]:
    """The rejected bytes, or a function copying the original file."""
    if rejected.raw is not None:
        yield rejected.raw
        return
    kind, _, location = rejected.source.partition(":")
    if kind == "json":
        location = re.sub(r"#\d+$", "", location)
    elif kind not in ("maildir", "eml"):
        raise _NotKept("not kept: the message is not a file of its own")
    original = Path(location)
    try:
        if not original.is_file():
            raise _NotKept("not kept: the original is not a regular file")
        source = original.open("rb")
    except OSError as exc:
        raise _NotKept(f"not kept: {_cannot_read(exc)}") from None
    with source:
        yield lambda out: _copy(source, out)


def _copy(source: BinaryIO, out: BinaryIO) -> None:
    """Copy source to out; a failure to read (not to write) is a :class:`_NotKept`."""
    while True:
        try:
            chunk = source.read(1 << 20)
        except OSError as exc:
            raise _NotKept(f"not kept: {_cannot_read(exc)}") from None
        if not chunk:
            return
        out.write(chunk)
