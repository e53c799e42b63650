"""Read inbound mail and web-form submissions into bounded, plain records.

Sources are Maildir folders, mbox files, single .eml files, folders of .eml
files and JSON exports of the website's contact form.  Every message becomes an
:class:`Incoming`, with notes on anything odd in ``defects``, or a
:class:`Rejected` with the reason and, when it was read, the raw bytes for
:func:`quarantine`.  Nothing inside a message can stop the rest of a batch.

Everything here is untrusted text.  ``from_addr`` in particular is whatever the
sender claimed: it is only good for matching a known client, never as proof.

Time limit
----------
``Limits.time_limit_s`` is enforced cooperatively, not with SIGALRM: signals
only reach the main thread while the application reads mail in worker threads,
and an exception raised from a signal handler can land inside the standard
library's own cleanup code.  Instead every step works on input bounded by the
limits, and a deadline is checked between steps: before each 16 KiB fed to the
MIME parser, at each MIME part it creates, before decoding each body part and
before each 64 KiB of HTML.  The super-linear paths of Python 3.11's standard
library are kept away from: MIME parameter lists are cut to 64 parameters before
the stdlib parses them (its parameter splitter is quadratic), nesting depth is
checked while parsing (the parser pays O(depth) per line), and HTML is defused
before ``html.parser`` sees it (stray ``<`` and unterminated declarations make
it quadratic).  A message that still overruns the deadline is rejected.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import contextlib
import dataclasses
import email.utils
import hashlib
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import Compat32
from html import unescape
from html.parser import HTMLParser
from operator import attrgetter
from pathlib import Path
from typing import BinaryIO, Literal

__all__ = [
    "FormRule",
    "Incoming",
    "Limits",
    "Rejected",
    "parse_message",
    "parse_webform",
    "quarantine",
    "read_sources",
]


@dataclass(frozen=True)
class Limits:
    """Bounds applied to every message read."""

    max_message_bytes: int = 25 * 1024 * 1024  # larger: quarantined, never fully parsed
    max_header_bytes: int = 256 * 1024
    max_parts: int = 500
    max_depth: int = 20
    max_body_chars: int = 200_000  # body text truncated beyond, with a defect noted
    time_limit_s: float = 5.0  # per message


@dataclass(frozen=True)
class Incoming:
    """One readable message or web-form submission; every field is sanitized."""

    source: str  # "maildir:/path", "mbox:/path#12", "eml:/path", "json:/path#0"
    message_id: str  # "<...>" from the header, or "<sha256-of-raw@hourdesk>" when missing
    from_name: str
    from_addr: str  # lowercased; "" when unusable; claimed, not verified
    subject: str  # one line, decoded, capped
    date: datetime | None  # aware UTC
    body: str  # plain text
    attachments: tuple[str, ...]  # sanitized file names
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    channel: Literal["email", "web"]
    defects: tuple[str, ...]  # what was wrong but survivable


@dataclass(frozen=True)
class Rejected:
    """Something that could not be read as a message."""

    source: str
    reason: str
    raw: bytes | None  # None when never read into memory; source then names the file


@dataclass(frozen=True)
class FormRule:
    """How a web-form notification email is recognized.

    A message is one when it carries ``header`` or its subject starts with one
    of ``subject_prefixes`` (case-insensitively), and, if ``senders`` is set,
    comes from one of those addresses.  Its body must hold "Email:" and
    "Message:" lines.  Body lines alone never qualify a message, so a client
    quoting a form cannot pass as someone else.
    """

    subject_prefixes: tuple[str, ...] = ("New contact form submission",)
    header: str = "X-Hourdesk-Form"
    senders: tuple[str, ...] = ()

    def recognizes(self, subject: str, has_header: bool, sender: str) -> bool:
        """Whether a message with these traits is a form notification."""
        if self.senders and sender not in {s.lower() for s in self.senders}:
            return False
        prefixes = tuple(p.casefold() for p in self.subject_prefixes)
        return has_header or subject.casefold().startswith(prefixes)


_SUBJECT_CHARS = 300
_NAME_CHARS = 200
_FILENAME_CHARS = 120
_URL_CHARS = 500
_REASON_CHARS = 300
_MAX_REFERENCES = 100
_MAX_DEFECTS = 50
_MAX_MIME_PARAMS = 64
_MAX_MIME_HEADER_CHARS = 16 * 1024
_FEED_CHUNK = 16 * 1024
_HTML_CHUNK = 64 * 1024
_HTML_INPUT_FACTOR = 5  # HTML source kept, as a multiple of max_body_chars
_READ_CHUNK = 64 * 1024
_MAIL_HEADERS = ("from", "sender", "to", "subject", "date", "message-id", "received")
_PARAM_HEADERS = ("content-type", "content-disposition")
_UNSAFE_CODECS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}

_ADDRESS = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+",
    re.ASCII,
)
_MSG_ID = re.compile(r"<([\x21-\x3b\x3d\x3f-\x7e]{1,250})>")
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,64})\?([bBqQ])\?([^?\s]*)\?=")
_LINE_BREAKERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BODY_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_UNSAFE_FILENAME_CHARS = re.compile(r'[<>:"|?*]')
_HEADER_LINE = re.compile(rb"[!-9;-~]{1,76}:")
_MBOX_ESCAPED_FROM = re.compile(rb">+From ")
_EPOCH = re.compile(r"-?\d+(?:\.\d+)?")


class _Refusal(Exception):
    """A message cannot be read; the text is the reason."""


class _Deadline:
    """The moment by which a message must be done."""

    def __init__(self, seconds: float):
        self._seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            raise _Refusal(f"took longer than the {self._seconds:g} s time limit")


# --- entry points -------------------------------------------------------------------------


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


def parse_message(
    raw: bytes, source: str, limits: Limits = Limits(), *, form_rule: FormRule = FormRule()
) -> Incoming | Rejected:
    """Parse one RFC 5322 message; never raises."""
    deadline = _Deadline(limits.time_limit_s)
    try:
        _precheck(raw, limits)
        root = _parse_tree(raw, limits, deadline)
        return _incoming(root, raw, source, limits, deadline, form_rule)
    except _Refusal as refusal:
        return Rejected(source, str(refusal), raw)
    except Exception as exc:  # the last guard: one bad message must not stop a batch
        reason = _one_line(f"unreadable ({type(exc).__name__}: {exc})", _REASON_CHARS)
        return Rejected(source, reason, raw)


def parse_webform(data: bytes, source: str, limits: Limits = Limits()) -> list[Incoming | Rejected]:
    """Read a contact-form export holding one submission object or a list of them."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        return [Rejected(source, _one_line(f"not valid JSON ({exc})", _REASON_CHARS), data)]
    items = document if isinstance(document, list) else [document]
    return [_submission(item, f"{source}#{n}", limits) for n, item in enumerate(items)]


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


# --- sources ------------------------------------------------------------------------------


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


def _too_big(size: int, limit: int) -> str:
    return f"{size} bytes, over the {limit}-byte limit"


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


# --- MIME structure -----------------------------------------------------------------------


class _BoundedPolicy(Compat32):
    """compat32, but MIME parameter lists are cut before the stdlib parses them."""

    def header_fetch_parse(self, name, value):
        if name.lower() in _PARAM_HEADERS and _oversized_params(value):
            value = ";".join(value[:_MAX_MIME_HEADER_CHARS].split(";")[: _MAX_MIME_PARAMS + 1])
        return super().header_fetch_parse(name, value)


_POLICY = _BoundedPolicy()


def _oversized_params(value: str) -> bool:
    return len(value) > _MAX_MIME_HEADER_CHARS or value.count(";") > _MAX_MIME_PARAMS


class _PartFactory:
    """Makes the parser's parts, refusing too many and watching the deadline."""

    def __init__(self, max_parts: int, deadline: _Deadline):
        self.parts: list[Message] = []
        self._max_parts = max_parts
        self._deadline = deadline

    def __call__(self, policy=_POLICY) -> Message:
        self._deadline.check()
        if len(self.parts) >= self._max_parts:
            raise _Refusal(f"more than {self._max_parts} MIME parts")
        part = Message(policy)
        self.parts.append(part)
        return part


def _precheck(raw: bytes, limits: Limits) -> None:
    """Refuse what must not reach the parser: nothing, too much, binary headers."""
    if not raw or raw.isspace():
        raise _Refusal("empty message")
    if len(raw) > limits.max_message_bytes:
        raise _Refusal(_too_big(len(raw), limits.max_message_bytes))
    header_end = _header_length(raw, limits.max_header_bytes)
    if raw.find(b"\0", 0, limits.max_header_bytes if header_end is None else header_end) >= 0:
        raise _Refusal("binary data, not mail (NUL bytes in the header)")
    if header_end is None:
        raise _Refusal(f"header block over the {limits.max_header_bytes}-byte limit")


def _header_length(raw: bytes, limit: int) -> int | None:
    """Where the header block ends, or None when that is beyond limit."""
    found = (raw.find(b"\n\n", 0, limit + 2), raw.find(b"\n\r\n", 0, limit + 3))
    ends = [i for i in found if i >= 0]
    if ends:
        return min(ends)
    return len(raw) if len(raw) <= limit else None


def _parse_tree(raw: bytes, limits: Limits, deadline: _Deadline) -> Message:
    """The MIME tree of raw, built piecewise so that limits apply while parsing."""
    factory = _PartFactory(limits.max_parts, deadline)
    parser = BytesFeedParser(factory, policy=_POLICY)
    factory.parts.clear()  # the parser made one probe part
    for start in range(0, len(raw), _FEED_CHUNK):
        deadline.check()
        parser.feed(raw[start : start + _FEED_CHUNK])
        if _open_depth(factory.parts[0]) > limits.max_depth:
            raise _Refusal(f"MIME parts nested deeper than {limits.max_depth} levels")
    root = parser.close()
    if max(depth for _, depth in _walk(root)) > limits.max_depth:
        raise _Refusal(f"MIME parts nested deeper than {limits.max_depth} levels")
    return root


def _open_depth(root: Message) -> int:
    """Depth of the part being parsed: the parser only ever adds to the last child."""
    depth, part = 0, root
    while isinstance(children := part.get_payload(), list) and children:
        part, depth = children[-1], depth + 1
    return depth


def _walk(root: Message) -> Iterator[tuple[Message, int]]:
    """Every part with its depth, in document order, without recursion."""
    stack = [(root, 0)]
    while stack:
        part, depth = stack.pop()
        yield part, depth
        children = part.get_payload()
        if isinstance(children, list):
            stack.extend((child, depth + 1) for child in reversed(children))


# --- messages -----------------------------------------------------------------------------


class _Headers:
    """Raw top-level header values by lowercase name."""

    def __init__(self, message: Message):
        self._values: dict[str, list[str]] = {}
        for name, value in message.raw_items():
            self._values.setdefault(name.strip().lower(), []).append(str(value))

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._values

    def first(self, name: str, defects: list[str], cap: int) -> str | None:
        """The first value, cut to cap characters; repeats are noted."""
        values = self._values.get(name, [])
        if len(values) > 1:
            defects.append(f"{len(values)} {name} headers; the first is used")
        return values[0][:cap] if values else None


def _incoming(root, raw, source, limits, deadline, rule) -> Incoming:
    headers = _Headers(root)
    if not any(name in headers for name in _MAIL_HEADERS):
        raise _Refusal("no mail headers found")
    defects: list[str] = []
    from_name, from_addr = _sender(headers.first("from", defects, 4096), defects)
    subject = _subject(headers.first("subject", defects, 4096), defects)
    body = _body(root, limits, deadline, defects)
    incoming = Incoming(
        source=source,
        message_id=_message_id(headers.first("message-id", defects, 1024), raw, defects),
        from_name=from_name,
        from_addr=from_addr,
        subject=subject,
        date=_date(headers.first("date", defects, 256), defects),
        body=body,
        attachments=_attachments(root),
        in_reply_to=_message_ids(headers.first("in-reply-to", defects, 64 * 1024)),
        references=_message_ids(headers.first("references", defects, 64 * 1024)),
        channel="email",
        defects=(),
    )
    if rule.recognizes(subject, rule.header in headers, from_addr):
        incoming = _as_form_notification(incoming, limits, defects)
    defects.extend(_parser_defects(root))
    return dataclasses.replace(incoming, defects=_final_defects(defects))


def _sender(value: str | None, defects: list[str]) -> tuple[str, str]:
    """Display name and address of a From header; the address only when unambiguous."""
    if value is None:
        defects.append("no From header")
        return "", ""
    text = " ".join(_raw8_text(value, defects, "From").split())
    display, addr = _split_address(text)
    name = _one_line(_decode_words(_unquote(display), defects, "From"), _NAME_CHARS)
    address = _clean_address(addr)
    if not address:
        defects.append("From address is missing, ambiguous or malformed")
    elif "@" in name and address not in name.lower():
        defects.append("From display name looks like a different address")
    return name, address


def _split_address(text: str) -> tuple[str, str]:
    """("name", "addr") for "name <addr>" or "addr (name)"; ("", "") when unclear."""
    if "<" in text or ">" in text:
        display, _, rest = text.partition("<")
        addr, _, tail = rest.partition(">")
        if text.count("<") != 1 or text.count(">") != 1 or tail.strip():
            return "", ""
        return display, addr
    match = re.fullmatch(r"(\S+?)\s*(?:\((.*)\))?", text)
    return (match[2] or "", match[1]) if match else ("", "")


def _unquote(display: str) -> str:
    display = display.strip()
    if len(display) >= 2 and display[0] == display[-1] == '"':
        return re.sub(r"\\(.)", r"\1", display[1:-1])
    return display


def _clean_address(addr: str) -> str:
    """addr lowercased when it is a plain, well-formed address; "" otherwise."""
    addr = addr.strip().lower()
    return addr if len(addr) <= 254 and _ADDRESS.fullmatch(addr) else ""


def _subject(value: str | None, defects: list[str]) -> str:
    if value is None:
        return ""
    subject = _one_line(_decode_words(_raw8_text(value, defects, "Subject"), defects, "Subject"))
    if len(subject) > _SUBJECT_CHARS:
        defects.append(f"Subject cut to {_SUBJECT_CHARS} characters")
        subject = _one_line(subject, _SUBJECT_CHARS)
    return subject


def _date(value: str | None, defects: list[str]) -> datetime | None:
    if value is None:
        defects.append("no Date header")
        return None
    try:
        return _as_utc(email.utils.parsedate_to_datetime(" ".join(value.split())))
    except (TypeError, ValueError, OverflowError):
        defects.append("unreadable Date header")
        return None


def _as_utc(date: datetime) -> datetime:
    """date in UTC; a date without a zone is taken as UTC."""
    return (date if date.tzinfo else date.replace(tzinfo=UTC)).astimezone(UTC)


def _message_id(value: str | None, raw: bytes, defects: list[str]) -> str:
    """The normalized Message-ID, or one made from the raw bytes."""
    found = _message_ids(value)
    if found:
        return found[0]
    bare = (value or "").strip()
    if _MSG_ID.fullmatch(f"<{bare}>") and "@" in bare:
        return f"<{bare}>"
    defects.append("no usable Message-ID; one was made from the message bytes")
    return f"<{hashlib.sha256(raw).hexdigest()}@hourdesk>"


def _message_ids(value: str | None) -> tuple[str, ...]:
    ids = [f"<{found}>" for found in _MSG_ID.findall(value or "")]
    return tuple(ids[-_MAX_REFERENCES:])


def _parser_defects(root: Message) -> list[str]:
    """What the MIME parser and decoders found wrong, in words."""
    notes = []
    for part, _ in _walk(root):
        notes += [f"MIME: {(type(d).__doc__ or type(d).__name__).strip()}" for d in part.defects]
        if any(n.lower() in _PARAM_HEADERS and _oversized_params(v) for n, v in part.raw_items()):
            notes.append(f"MIME: oversized parameter list cut to {_MAX_MIME_PARAMS} parameters")
    return notes


def _final_defects(defects: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(_one_line(d, _REASON_CHARS) for d in defects))
    if len(unique) > _MAX_DEFECTS:
        unique[_MAX_DEFECTS - 1 :] = [f"and {len(unique) - _MAX_DEFECTS + 1} more problems"]
    return tuple(unique)


# --- body and attachments -----------------------------------------------------------------


def _text_kind(part: Message) -> Literal["plain", "html"] | None:
    """How a leaf part reads as text; a multipart without parts reads as plain."""
    ctype = part.get_content_type()
    if ctype == "text/html":
        return "html"
    if ctype == "text/plain" or part.get_content_maintype() == "multipart":
        return "plain"
    return None


def _is_attachment(part: Message) -> bool:
    """Whether a leaf part is a file rather than message text."""
    disposition = part.get_content_disposition()
    if disposition == "attachment" or _text_kind(part) is None:
        return True
    return disposition != "inline" and part.get_filename() is not None


def _body_parts(part: Message) -> list[Message]:
    """The leaf parts that make up the readable body, in order."""
    children = part.get_payload()
    if not isinstance(children, list):
        return [] if _is_attachment(part) else [part]
    choices = []
    for child in children:
        if found := _body_parts(child):
            choices.append(found)
    if part.get_content_type() != "multipart/alternative":
        return [leaf for found in choices for leaf in found]
    plain = [found for found in choices if all(_text_kind(p) == "plain" for p in found)]
    return (plain or choices[-1:] or [[]])[0]


def _body(root: Message, limits: Limits, deadline: _Deadline, defects: list[str]) -> str:
    texts = []
    for part in _body_parts(root):
        deadline.check()
        if part.get_content_maintype() == "multipart":
            defects.append("a multipart without readable parts is shown as raw text")
        text = _decode_bytes(part.get_payload(decode=True), part.get_content_charset(), defects)
        if _text_kind(part) == "html":
            text = _html_to_text(text, limits, deadline, defects)
        texts.append(_clean_text(text))
    return _cap_body("\n\n".join(t for t in texts if t), limits, defects)


def _cap_body(body: str, limits: Limits, defects: list[str]) -> str:
    if len(body) <= limits.max_body_chars:
        return body
    defects.append(f"body cut to {limits.max_body_chars} characters")
    return body[: limits.max_body_chars]


def _attachments(root: Message) -> tuple[str, ...]:
    leaves = (p for p, _ in _walk(root) if not isinstance(p.get_payload(), list))
    return tuple(_safe_filename(p.get_filename()) for p in leaves if _is_attachment(p))


def _safe_filename(name: str | None) -> str:
    """A file name without directories, controls, hidden-file dots or reserved characters."""
    text = _decode_words(_raw8_text(name or "", [], "filename"), [], "filename")
    text = _one_line(re.split(r"[/\\]", text)[-1])
    text = _UNSAFE_FILENAME_CHARS.sub("_", text).strip(" .")
    if len(text) > _FILENAME_CHARS:
        stem, ext = os.path.splitext(text)
        ext = ext[:16]
        text = stem[: _FILENAME_CHARS - len(ext)] + ext
    return text or "unnamed"


# --- web forms ----------------------------------------------------------------------------

_FORM_KEYS = {
    "name": "name",
    "your name": "name",
    "email": "email",
    "e-mail": "email",
    "your email": "email",
    "subject": "subject",
    "topic": "subject",
    "message": "message",
    "your message": "message",
}
_FORM_LINE = re.compile(r"\s*([A-Za-z][A-Za-z -]{0,20}?)\s*:\s*(.*)")


def _form_fields(text: str) -> dict[str, str]:
    """Name/Email/Subject/Message lines of a notification; Message runs to the end."""
    fields: dict[str, str] = {}
    lines = text.split("\n")
    for n, line in enumerate(lines):
        match = _FORM_LINE.fullmatch(line)
        key = _FORM_KEYS.get(match[1].lower()) if match else None
        if key == "message":
            fields["message"] = "\n".join([match[2], *lines[n + 1 :]]).strip()
            break
        if key and key not in fields:
            fields[key] = match[2].strip()
    return fields


def _as_form_notification(incoming: Incoming, limits: Limits, defects: list[str]) -> Incoming:
    """The submission inside a form notification, sent in by its submitter."""
    fields = _form_fields(incoming.body)
    if "email" not in fields or "message" not in fields:
        defects.append("looks like a web-form notification, but its fields were not found")
        return incoming
    address = _clean_address(fields["email"])
    if not address:
        defects.append("web form: unusable email address")
    return dataclasses.replace(
        incoming,
        from_name=_one_line(fields.get("name", ""), _NAME_CHARS),
        from_addr=address,
        subject=_one_line(fields.get("subject") or incoming.subject, _SUBJECT_CHARS),
        body=_cap_body(_clean_text(fields["message"]), limits, defects),
        channel="web",
    )


def _submission(item: object, source: str, limits: Limits) -> Incoming | Rejected:
    """One JSON submission; missing or garbage fields reject it."""
    raw = json.dumps(item, sort_keys=True).encode()
    try:
        return _submission_incoming(item, source, raw, limits)
    except _Refusal as refusal:
        return Rejected(source, str(refusal), raw)


def _submission_incoming(item: object, source: str, raw: bytes, limits: Limits) -> Incoming:
    if not isinstance(item, dict):
        raise _Refusal("submission is not a JSON object")
    name, address, message = (_text_field(item, key) for key in ("name", "email", "message"))
    subject = _text_field(item, "subject") or _text_field(item, "topic")
    from_addr = _clean_address(address)
    if not from_addr:
        raise _Refusal("missing or malformed 'email'")
    if not message.strip():
        raise _Refusal("missing 'message'")
    defects: list[str] = []
    date = _submission_time(item.get("time"), defects)
    body = _cap_body(_clean_text(message), limits, defects)
    return Incoming(
        source=source,
        message_id=f"<{hashlib.sha256(raw).hexdigest()}@hourdesk>",
        from_name=_one_line(name, _NAME_CHARS),
        from_addr=from_addr,
        subject=_one_line(subject or body.split("\n", 1)[0], _SUBJECT_CHARS),
        date=date,
        body=body,
        attachments=(),
        in_reply_to=(),
        references=(),
        channel="web",
        defects=_final_defects(defects),
    )


def _text_field(item: dict, key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _Refusal(f"'{key}' is not text")
    return value


def _submission_time(value: object, defects: list[str]) -> datetime | None:
    """ISO 8601 text or epoch seconds (or milliseconds), as aware UTC."""
    if value is None:
        defects.append("no submission time")
        return None
    try:
        if isinstance(value, str) and not _EPOCH.fullmatch(value.strip()):
            return _as_utc(datetime.fromisoformat(value.strip()))
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            seconds = float(value)
            return datetime.fromtimestamp(seconds / 1000 if abs(seconds) > 1e11 else seconds, UTC)
    except (ValueError, OverflowError, OSError):
        pass
    raise _Refusal("'time' is neither ISO 8601 nor epoch seconds")


# --- text ---------------------------------------------------------------------------------


def _one_line(text: str, cap: int | None = None) -> str:
    """text on one line: controls and line breaks become spaces, runs of space fold."""
    text = " ".join(_LINE_BREAKERS.sub(" ", _SURROGATES.sub("\ufffd", text)).split())
    return text if cap is None or len(text) <= cap else text[: cap - 1] + "…"


def _clean_text(text: str) -> str:
    """Multi-line text with unified newlines and no control characters but tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BODY_CONTROLS.sub("", _SURROGATES.sub("\ufffd", text)).strip()


def _raw8_text(value: str, defects: list[str], what: str) -> str:
    """A header as parsed from bytes (non-ASCII kept as surrogates), as real text."""
    try:
        data = value.encode("utf-8", "surrogateescape")
        return data.decode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", value)
    except UnicodeDecodeError:
        defects.append(f"{what}: raw 8-bit text that is not UTF-8, read as Windows-1252")
        return data.decode("cp1252", "replace")


def _decode_words(text: str, defects: list[str], what: str) -> str:
    """Decode RFC 2047 encoded words; adjacent words in one charset decode together."""
    tokens = _word_tokens(text, defects, what)
    merged: list[str | tuple[str, bytes]] = []
    for n, token in enumerate(tokens):
        if isinstance(token, str):
            if not (token.isspace() and _between_words(tokens, n)):
                merged.append(token)
        elif merged and isinstance(merged[-1], tuple) and merged[-1][0] == token[0]:
            merged[-1] = (token[0], merged[-1][1] + token[1])
        else:
            merged.append(token)
    return "".join(t if isinstance(t, str) else _decode_run(*t, defects, what) for t in merged)


def _between_words(tokens: list[str | tuple[str, bytes]], n: int) -> bool:
    return 0 < n < len(tokens) - 1 and all(isinstance(tokens[i], tuple) for i in (n - 1, n + 1))


def _decode_run(charset: str, data: bytes, defects: list[str], what: str) -> str:
    text = _decode_bytes(data, charset, defects, what)
    if _LINE_BREAKERS.search(text):
        defects.append(f"{what}: control characters or line breaks in encoded words removed")
    return text


def _word_tokens(text: str, defects: list[str], what: str) -> list[str | tuple[str, bytes]]:
    """Plain text pieces and (charset, bytes) for each encoded word; no empty pieces."""
    tokens: list[str | tuple[str, bytes]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        if match.start() > position:
            tokens.append(text[position : match.start()])
        data = _word_bytes(match[2], match[3])
        if data is None:
            defects.append(f"{what}: undecodable encoded word")
            tokens.append(match[0])
        else:
            tokens.append((match[1].split("*")[0].lower(), data))
        position = match.end()
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    data = payload.encode("utf-8", "surrogateescape")
    if encoding in "qQ":
        return binascii.a2b_qp(data, header=True)
    try:
        return base64.b64decode(data + b"=" * (-len(data) % 4))
    except ValueError:
        return None


def _codec(charset: str | None) -> str | None:
    """The Python codec for a MIME charset; ASCII reads as UTF-8; None when unusable."""
    try:
        name = codecs.lookup((charset or "utf-8").strip().strip('"')).name
        "a".encode(name)  # refuses bytes-to-bytes codecs such as rot13 or zlib
    except (LookupError, ValueError, UnicodeError):
        return None
    if name in _UNSAFE_CODECS:
        return None
    return "utf-8" if name == "ascii" else name


def _decode_bytes(
    data: bytes | None, charset: str | None, defects: list[str], what: str = "body"
) -> str:
    """data as text in charset, falling back to UTF-8; problems are noted."""
    if not data:
        return ""
    codec = _codec(charset)
    if codec is None:
        defects.append(f"{what}: unknown charset {(charset or '')[:40]!r}, read as UTF-8")
        codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        defects.append(f"{what}: bytes that are not valid {codec} were replaced")
        return data.decode(codec, "replace")


# --- HTML ---------------------------------------------------------------------------------

_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_DECLARATION = re.compile(r"<[!?][^<>]*>?")
_HTML_STRAY_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")
_HTML_TAG = re.compile(r"<[^<>]*>")
_HTML_SPACE = re.compile(r"\s+")
_HTML_SKIP = {"script", "style", "title", "template"}
_HTML_PARAGRAPHS = {"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre"}
_HTML_PARAGRAPHS |= {"table", "ul"}
_HTML_LINES = {"address", "article", "aside", "caption", "dd", "div", "dl", "dt", "fieldset"}
_HTML_LINES |= {"figcaption", "figure", "footer", "form", "header", "li", "main", "nav"}
_HTML_LINES |= {"section", "tr"}


def _html_to_text(html: str, limits: Limits, deadline: _Deadline, defects: list[str]) -> str:
    """Readable text of an HTML body, within the body and time limits."""
    if len(html) > limits.max_body_chars * _HTML_INPUT_FACTOR:
        html = html[: limits.max_body_chars * _HTML_INPUT_FACTOR]
        defects.append("HTML body cut before conversion")
    html = _defuse_html(html)
    parser = _HtmlText(limits.max_body_chars)
    try:
        for start in range(0, len(html), _HTML_CHUNK):
            deadline.check()
            parser.feed(html[start : start + _HTML_CHUNK])
            if parser.full:
                break
        parser.close()
    except _Refusal:
        raise
    except Exception:
        defects.append("HTML could not be parsed; its tags were stripped")
        return unescape(_HTML_TAG.sub(" ", html))
    return parser.text()


def _defuse_html(html: str) -> str:
    """Drop comments and declarations and escape each "<" that opens no tag.

    Every remaining "<" meets a ">" before the next "<", which keeps html.parser
    out of its quadratic rescans of unterminated constructs.
    """
    html = _HTML_DECLARATION.sub(" ", _HTML_COMMENT.sub(" ", html))
    return _HTML_STRAY_LT.sub("&lt;", html)


class _HtmlText(HTMLParser):
    """Collects text: scripts and styles dropped, blocks on new lines, links as "text (url)"."""

    def __init__(self, max_chars: int):
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._size = 0
        self._max_chars = max_chars
        self._skipping = 0
        self._pending_newlines = 0  # a block boundary, written out before the next text
        self._link: tuple[str, int] | None = None  # href, index of the link text's first piece

    @property
    def full(self) -> bool:
        return self._size > self._max_chars

    def handle_starttag(self, tag, attrs):
        if tag in _HTML_SKIP:
            self._skipping += 1
        elif tag == "br":
            self._emit("\n")
        elif tag in _HTML_PARAGRAPHS or tag in _HTML_LINES:
            self._block_boundary(tag)
            if tag == "li":
                self._emit("- ")
        elif tag == "a":
            href = _one_line(dict(attrs).get("href") or "", _URL_CHARS)
            usable = href and not href.lower().startswith(("javascript:", "data:"))
            self._link = (href, len(self._pieces)) if usable else None

    def handle_startendtag(self, tag, attrs):
        if tag not in _HTML_SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _HTML_SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_PARAGRAPHS or tag in _HTML_LINES:
            self._block_boundary(tag)
        elif tag in ("td", "th"):
            self._emit(" ")
        elif tag == "a" and self._link:
            href, first = self._link
            label = "".join(self._pieces[first:]).strip()
            if href not in label:
                self._emit(f" ({href})" if label else href)
            self._link = None

    def handle_data(self, data):
        text = _HTML_SPACE.sub(" ", data)
        if not self._skipping and not (text == " " and self._pending_newlines):
            self._emit(text)

    def _block_boundary(self, tag: str) -> None:
        newlines = 2 if tag in _HTML_PARAGRAPHS else 1
        self._pending_newlines = max(self._pending_newlines, newlines)

    def _emit(self, text: str) -> None:
        if self._pending_newlines and self._pieces:
            text = "\n" * self._pending_newlines + text
        self._pending_newlines = 0
        if not self.full:
            self._pieces.append(text)
            self._size += len(text)

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self._pieces).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# --- quarantine ---------------------------------------------------------------------------


def _quarantine_stem(source: str) -> str:
    kind, _, location = source.partition(":")
    label = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{kind}-{Path(location).name}")[:80].strip("._")
    return f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{label or 'message'}"


def _suffix(source: str) -> str:
    return ".json" if source.startswith("json:") else ".eml"


def _lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


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
