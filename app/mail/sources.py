"""Where mail comes from: Maildir folders, mbox files, .eml files and folders of them."""

from __future__ import annotations

import dataclasses
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO

from hourdesk.app.mail.mime import parse_message
from hourdesk.app.mail.records import (
    _HEADER_LINE,
    _REASON_CHARS,
    FormRule,
    Incoming,
    Limits,
    Rejected,
    _one_line,
    _too_big,
)
from hourdesk.app.mail.webform import parse_webform

_READ_CHUNK = 64 * 1024


_MBOX_ESCAPED_FROM = re.compile(rb">+From ")


def read_sources(
    paths: Iterable[Path], limits: Limits = Limits(), *, form_rule: FormRule = FormRule()
) -> Iterator[Incoming | Rejected]:
    """Read every message from each path, one at a time, in order.

    A path may be a Maildir, an mbox file, an .eml file, a folder of .eml files
    or a .json web-form export; anything else, or anything unreadable, yields a
    Rejected and reading goes on with the next.
    """
    for path in paths:
        yield from _read_path(Path(path), limits, form_rule)


def _read_path(path: Path, limits: Limits, rule: FormRule) -> Iterator[Incoming | Rejected]:
    """Everything in one path given to read_sources."""
    try:
        if path.is_dir():
            yield from _read_directory(path, limits, rule)
        elif path.is_file():
            yield from _read_file(path, limits, rule)
        elif path.exists():
            yield Rejected(f"path:{path}", "not a regular file or directory", None)
        else:
            yield Rejected(f"path:{path}", "no such file or directory", None)
    except OSError as exc:
        yield Rejected(f"path:{path}", _cannot_read(exc), None)


def _read_directory(path: Path, limits: Limits, rule: FormRule) -> Iterator[Incoming | Rejected]:
    if (path / "cur").is_dir() and (path / "new").is_dir():
        entries = [e for sub in ("new", "cur") for e in (path / sub).iterdir()]
        visible = (e for e in entries if not e.name.startswith("."))
        for entry in sorted(visible, key=attrgetter("name")):
            yield _read_message_file(entry, f"maildir:{entry}", limits, rule)
        return
    emls = sorted(e for e in path.iterdir() if e.suffix.lower() == ".eml")
    if not emls:
        yield Rejected(f"path:{path}", "directory is neither a Maildir nor holds .eml files", None)
    for entry in emls:
        yield _read_message_file(entry, f"eml:{entry}", limits, rule)


def _read_file(path: Path, limits: Limits, rule: FormRule) -> Iterator[Incoming | Rejected]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        loaded = _load(path, f"json:{path}", limits.max_message_bytes)
        if isinstance(loaded, Rejected):
            yield loaded
        else:
            yield from parse_webform(loaded, f"json:{path}", limits)
        return
    with path.open("rb") as file:
        start = file.read(80)
    if suffix == ".eml" or (suffix not in (".mbox", ".mbx") and _HEADER_LINE.match(start)):
        yield _read_message_file(path, f"eml:{path}", limits, rule)
    elif suffix in (".mbox", ".mbx") or start.startswith(b"From "):
        yield from _read_mbox(path, limits, rule)
    else:
        reason = "empty file" if not start else "not mail: no mbox 'From ' line or mail header"
        yield Rejected(f"path:{path}", reason, None)


def _read_message_file(path: Path, source: str, limits: Limits, rule: FormRule):
    loaded = _load(path, source, limits.max_message_bytes)
    if isinstance(loaded, Rejected):
        return loaded
    return parse_message(loaded, source, limits, form_rule=rule)


def _load(path: Path, source: str, max_bytes: int) -> bytes | Rejected:
    """The bytes of a regular file, or a Rejected when it is not one or too big."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Rejected(source, "not a regular file", None)
        if info.st_size > max_bytes:
            return Rejected(source, _too_big(info.st_size, max_bytes), None)
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
    except OSError as exc:
        return Rejected(source, _cannot_read(exc), None)
    if len(data) > max_bytes:
        return Rejected(source, _too_big(len(data), max_bytes), None)
    return data


def _cannot_read(exc: OSError) -> str:
    return _one_line(f"cannot read ({exc.strerror or exc})", _REASON_CHARS)


@dataclass
class _MboxChunk:
    """One message of an mbox file (or text before the first one), kept up to a size."""

    index: int
    offset: int
    after_from_line: bool
    max_bytes: int
    data: bytearray = dataclasses.field(default_factory=bytearray)
    size: int = 0

    def add(self, line: bytes) -> None:
        self.size += len(line)
        if self.size <= self.max_bytes:
            self.data += line
        else:
            self.data.clear()

    def is_noise(self) -> bool:
        """Blank text before the first message."""
        return not self.after_from_line and self.size <= self.max_bytes and not self.data.strip()


def _read_mbox(path: Path, limits: Limits, rule: FormRule) -> Iterator[Incoming | Rejected]:
    """Messages of an mbox file, read line by line; "#n" counts chunks from 0."""
    with path.open("rb") as file:
        for chunk in _mbox_chunks(file, limits.max_message_bytes):
            source = f"mbox:{path}#{chunk.index}"
            if chunk.size > limits.max_message_bytes:
                size = _too_big(chunk.size, limits.max_message_bytes)
                yield Rejected(source, f"{size} (at byte {chunk.offset})", None)
            elif not chunk.after_from_line:
                yield Rejected(source, "text before the first 'From ' line", bytes(chunk.data))
            else:
                yield parse_message(bytes(chunk.data), source, limits, form_rule=rule)


def _mbox_chunks(file: BinaryIO, max_bytes: int) -> Iterator[_MboxChunk]:
    """Split at "From " lines that start the file or follow a blank line.

    mboxrd ">From " escapes are undone.  Memory holds at most one message.
    """
    chunk = _MboxChunk(0, 0, False, max_bytes)
    index, offset, line_start, after_blank = 0, 0, True, True
    while line := file.readline(_READ_CHUNK):
        if line_start and after_blank and line.startswith(b"From "):
            if not chunk.is_noise():
                yield chunk
                index += 1
            chunk = _MboxChunk(index, offset, True, max_bytes)
        elif line_start and _MBOX_ESCAPED_FROM.match(line):
            chunk.add(line[1:])
        else:
            chunk.add(line)
        offset += len(line)
        after_blank = line_start and line in (b"\n", b"\r\n")
        line_start = line.endswith(b"\n")
    if not chunk.is_noise():
        yield chunk
