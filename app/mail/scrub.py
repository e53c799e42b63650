"""What a quarantine may keep of a rejected message: never a credential.

A message is set aside because it could not be read, so the credential guard never saw its
text. Before anything of it is kept, its text is checked in bounded chunks as it streams by:
the headers with their encoded words decoded, every part decoded from base64 or
quoted-printable in its charset (binary parts aside), and the raw lines that belong to no
part. Boundaries are followed line by line, without the MIME parser, so a message too big or
too deeply nested to parse is checked all the same, in linear time.

A message found clean is kept as it came. When the guard finds something, or the check does
not finish within the time limit, only a rendering is kept instead: the headers and the text
parts, redacted, and the attachments by name and size, and the reason says the original was
not kept. A web-form export is kept as JSON with every string redacted.
"""

from __future__ import annotations

import binascii
import codecs
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hourdesk.app.core import guard
from hourdesk.app.mail.mime import _safe_filename
from hourdesk.app.mail.records import (
    _HEADER_LINE,
    _HTML_INPUT_FACTOR,
    Limits,
    Rejected,
    _Deadline,
    _one_line,
    _Refusal,
)
from hourdesk.app.mail.sources import _READ_CHUNK
from hourdesk.app.mail.text import _clean_text, _codec, _decode_words, _html_to_text, _raw8_text

__all__ = ["scrub"]

_CHUNK = 64 * 1024  # characters the guard scans at a time
_OVERLAP = 4 * 1024  # carried into the next chunk, so a credential cut in two is still seen
_BINARY_PROBE = 1024  # a part whose first bytes hold a NUL is binary and not scanned
_HEADER_CHARS = 998
_MAX_LISTED = 100
_MAX_BOUNDARIES = 10_000
_TIME_CHECK_LINES = 4096
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/=]*")
_PARAM = re.compile(r"""([\w.*-]{1,64})\s*=\s*(?:"([^"]{0,1000})"|([^;\s]{1,1000}))""")
_JSON_ESCAPE = re.compile(r'\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))')
_JSON_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_STRUCTURE_HEADERS = ("content-", "mime-version")
_NOT_KEPT = "the original was not kept, only a redacted rendering"


def scrub(rejected: Rejected, limits: Limits) -> Rejected:
    """rejected as it may be kept: unchanged when checked and clean, else with its bytes
    replaced by a redacted rendering and a reason that says so."""
    try:
        if rejected.source.startswith("json:"):
            verdict = _json_check(rejected, limits)
        elif rejected.raw is not None:
            verdict = _mail_check(_lines(rejected.raw), limits)
        elif (original := _original(rejected)) is not None:
            with original.open("rb") as file:
                verdict = _mail_check(iter(lambda: file.readline(_READ_CHUNK), b""), limits)
        else:
            return rejected  # nothing of it is kept but the reason
    except OSError:
        return rejected  # unreadable: nothing can be copied either
    except Exception as exc:  # the last guard: keep nothing that was not checked
        problem = _one_line(f"{type(exc).__name__}: {exc}", 200)
        reason = f"{rejected.reason}; could not be checked for credentials ({problem}): "
        return Rejected(rejected.source, reason + "nothing of it was kept", b"")
    if verdict is None:
        return rejected
    return Rejected(rejected.source, f"{rejected.reason}; {verdict}", verdict.rendering)


@dataclass
class _Verdict:
    """Why the original may not be kept, and what is kept instead."""

    kinds: set[str]  # empty when the check ran out of time before finding anything
    rendering: bytes

    def __str__(self) -> str:
        if self.kinds:
            return f"credentials found ({', '.join(sorted(self.kinds))}): {_NOT_KEPT}"
        return f"not checked for credentials within the time limit: {_NOT_KEPT}"


def _original(rejected: Rejected) -> Path | None:
    """The file a rejected message without bytes would be copied from."""
    kind, _, location = rejected.source.partition(":")
    if kind not in ("maildir", "eml"):
        return None
    path = Path(location)
    return path if path.is_file() else None


def _lines(raw: bytes) -> Iterator[bytes]:
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start) + 1 or len(raw)
        yield raw[start:end]
        start = end


# --- the guard over a stream --------------------------------------------------------------


class _Check:
    """Runs the guard over text fed in pieces, chunk by overlapping chunk, until a deadline."""

    def __init__(self, seconds: float) -> None:
        self.kinds: set[str] = set()
        self.complete = True
        self._end = time.monotonic() + seconds
        self._pieces: list[str] = []
        self._size = 0
        self._tail = ""

    def feed(self, text: str) -> None:
        if not self.complete or not text:
            return
        self._pieces.append(text)
        self._size += len(text)
        if self._size >= _CHUNK:
            self._scan()

    def on_time(self) -> bool:
        """Whether the deadline is still ahead; once missed, nothing more is scanned."""
        if self.complete and time.monotonic() > self._end:
            self.complete = False
        return self.complete

    def _scan(self) -> None:
        if not self.on_time():
            return
        text = self._tail + "".join(self._pieces)
        self.kinds.update(f.kind for f in guard.scan(text))
        self._tail, self._pieces, self._size = text[-_OVERLAP:], [], 0

    def close(self) -> None:
        if self.complete and self._pieces:
            self._scan()

    def verdict(self, rendering: str) -> _Verdict | None:
        """None when the original may be kept; else the redacted rendering to keep (all of
        whose text was fed to the check already)."""
        self.close()
        if self.complete and not self.kinds:
            return None
        text, found = guard.redact(rendering)
        self.kinds.update(f.kind for f in found)
        return _Verdict(self.kinds, text.encode("utf-8", "replace"))


# --- mail ---------------------------------------------------------------------------------


@dataclass
class _Part:
    """One MIME part as the lines go by."""

    ctype: str = "text/plain"
    charset: str | None = None
    encoding: str = "7bit"
    filename: str | None = None
    attachment: bool = False
    size: int = 0
    binary: bool | None = None  # None until its first bytes are seen
    probe: bytes = b""  # the first bytes of a part that may be binary
    text: list[str] = field(default_factory=list)
    cut: bool = False
    decoder: codecs.IncrementalDecoder | None = None
    base64_rest: bytes = b""

    @property
    def is_text(self) -> bool:
        return self.ctype.startswith("text/") and not self.attachment

    def label(self) -> str:
        charset = f"; charset={self.charset}" if self.charset else ""
        return f"{self.ctype}{charset} ({self.encoding})"


class _MailCheck:
    """Follows headers and boundaries line by line; checks, decodes and renders."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.check = _Check(limits.time_limit_s)
        self.boundaries: set[bytes] = set()
        self.headers: list[str] = []  # the top-level header lines, decoded
        self.parts: list[_Part] = []  # up to limits.max_parts, for the rendering
        self.unlisted = 0  # parts checked but not listed
        self.kept = 0  # characters of text kept for the rendering
        self.part: _Part | None = None  # the part whose body the lines belong to
        self.block: list[bytes] | None = []  # header lines being collected, or None
        self.block_size = 0
        self.top = True

    def line(self, line: bytes) -> None:
        if self.block is not None and self.top and not self.block and line.startswith(b"From "):
            self.check.feed(line.decode("utf-8", "replace"))  # an mbox separator line
        elif self.block is not None:
            self._header_line(line)
        elif line.startswith(b"--") and self._boundary(line):
            return
        elif self.part is None:  # preamble, epilogue, a multipart's own body
            self.check.feed(line.decode("utf-8", "replace"))
        else:
            self._body_line(self.part, line)

    def _boundary(self, line: bytes) -> bool:
        mark = line[2:].rstrip()
        closing = mark.endswith(b"--") and mark[:-2] in self.boundaries
        if not closing and mark not in self.boundaries:
            return False
        self._end_part()
        if not closing:
            self.block, self.block_size = [], 0
        return True

    def _header_line(self, line: bytes) -> None:
        assert self.block is not None
        if not line.strip():
            self._headers_done()
        elif not self.block and self.top and not _HEADER_LINE.match(line):
            self._headers_done()  # no headers at all: everything is text
            self._body_line(self.part, line)
        elif self.block_size <= self.limits.max_header_bytes:
            self.block.append(line)
            self.block_size += len(line)
        else:  # an endless header block: checked as text, not kept
            self.check.feed(line.decode("utf-8", "replace"))

    def _headers_done(self) -> None:
        fields = _unfold(self.block or [])
        self.block = None
        part = _Part()
        message = False
        for name, value in fields:
            name = _one_line(name)
            text = _one_line(_decode_words(_raw8_text(value, [], name), [], name))
            self.check.feed(f"{name}: {text}\n")
            lower = name.lower()
            if self.top and not lower.startswith(_STRUCTURE_HEADERS):
                self.headers.append(f"{name}: {text}"[:_HEADER_CHARS])
            if lower == "content-type":
                ctype, params = _content_type(value)
                part.ctype, part.charset = ctype or part.ctype, params.get("charset")
                part.filename = part.filename or _filename(params, "name")
                boundary = params.get("boundary")
                if boundary and len(self.boundaries) < _MAX_BOUNDARIES:
                    self.boundaries.add(boundary.encode("utf-8", "surrogateescape")[:200])
                message = ctype == "message/rfc822"
            elif lower == "content-transfer-encoding":
                part.encoding = value.strip().lower()[:40]
            elif lower == "content-disposition":
                disposition, params = _content_type(value)
                part.attachment = disposition == "attachment"
                part.filename = _filename(params, "filename") or part.filename
        self.top = False
        part.attachment = part.attachment or part.filename is not None
        if part.ctype.startswith("multipart/"):
            self.part = None
        elif message:
            self.block, self.block_size = [], 0  # an attached message: its headers follow
        else:
            self._start(part)

    def _start(self, part: _Part) -> _Part:
        self.part = part
        codec = _codec(part.charset) or "utf-8"
        part.decoder = codecs.getincrementaldecoder(codec)("replace")
        if len(self.parts) < self.limits.max_parts:
            self.parts.append(part)
        else:
            self.unlisted += 1
        return part

    def _body_line(self, part: _Part | None, line: bytes) -> None:
        if part is None:
            part = self._start(_Part())
        if part.encoding == "base64":
            stripped = b"".join(line.split())
            if not _BASE64_LINE.fullmatch(stripped):
                self.check.feed(line.decode("utf-8", "replace"))  # not base64: read as it is
                return
            data = part.base64_rest + stripped.rstrip(b"=")
            usable = len(data) - len(data) % 4
            part.base64_rest = data[usable:]
            self._data(part, _unbase64(data[:usable]))
        elif part.encoding == "quoted-printable":
            self._data(part, binascii.a2b_qp(line))
        else:
            self._data(part, line)

    def _data(self, part: _Part, data: bytes) -> None:
        part.size += len(data)
        if part.binary is None:
            if part.ctype.startswith("text/"):
                part.binary = False
            else:  # undecided until enough of it is seen
                part.probe += data
                if len(part.probe) < _BINARY_PROBE:
                    return
                data, part.probe = part.probe, b""
                part.binary = b"\0" in data[:_BINARY_PROBE]
        if not part.binary:
            self._text(part, data)

    def _text(self, part: _Part, data: bytes, final: bool = False) -> None:
        assert part.decoder is not None
        text = part.decoder.decode(data, final)
        self.check.feed(text)
        if part.is_text and text:
            room = max(0, self.limits.max_body_chars * _HTML_INPUT_FACTOR - self.kept)
            part.text.append(text[:room])
            self.kept += min(room, len(text))
            part.cut = part.cut or len(text) > room

    def _end_part(self) -> None:
        part, self.part = self.part, None
        if part is None:
            return
        if part.base64_rest:
            rest, part.base64_rest = part.base64_rest, b""
            self._data(part, _unbase64(rest))
        if part.probe:
            part.binary = b"\0" in part.probe
        if not part.binary:
            self._text(part, part.probe, final=True)
        part.probe = b""

    def rendering(self) -> str:
        self._end_part()
        if self.block is not None:
            self._headers_done()
        lines = ["X-Hourdesk-Quarantine: a redacted rendering; the original was not kept"]
        lines += self.headers
        lines += [
            "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"',
            "Content-Transfer-Encoding: 8bit",
            "",
            "The original message was not kept. This is its text with every credential",
            "removed; attachments are listed by name and size only.",
        ]
        budget = self.limits.max_body_chars
        for part in (p for p in self.parts if p.is_text):
            text = "".join(part.text)
            if part.ctype == "text/html":
                text = _html_text(text, self.limits)
                self.check.feed(text)  # what tags split in the source is whole here
            else:
                text = _clean_text(text)
            lines += ["", f"--- {part.label()}", text[:budget]]
            if len(text) > budget or part.cut:
                lines.append("[… the rest of this part was not kept]")
            budget = max(0, budget - len(text))
        files = [p for p in self.parts if not p.is_text]
        if files:
            lines += ["", "--- attachments, not kept"]
            lines += [
                f"{_attachment_name(p)} ({p.ctype}, {p.size} bytes)" for p in files[:_MAX_LISTED]
            ]
            if len(files) > _MAX_LISTED:
                lines.append(f"and {len(files) - _MAX_LISTED} more")
        if self.unlisted:
            lines += ["", f"[… {self.unlisted} more parts were checked but are not shown]"]
        return "\n".join(lines) + "\n"


def _mail_check(lines: Iterator[bytes], limits: Limits) -> _Verdict | None:
    reader = _MailCheck(limits)
    for n, line in enumerate(lines):
        reader.line(line)
        if n % _TIME_CHECK_LINES == 0 and not reader.check.on_time():
            break
    return reader.check.verdict(reader.rendering())


def _unbase64(data: bytes) -> bytes:
    """Base64 without its padding, decoded; a lone last character decodes to nothing."""
    try:
        return binascii.a2b_base64(data + b"==")
    except binascii.Error:
        return binascii.a2b_base64(data[:-1] + b"==")


def _unfold(block: list[bytes]) -> list[tuple[str, str]]:
    """(name, value) of each header line, continuation lines joined."""
    fields: list[tuple[str, list[str]]] = []
    for raw in block:
        line = raw.decode("utf-8", "surrogateescape").rstrip("\r\n")
        if line[:1] in (" ", "\t") and fields:
            fields[-1][1].append(line.strip())
        else:
            name, _, value = line.partition(":")
            fields.append((name.strip()[:76], [value.strip()]))
    return [(name, " ".join(values)) for name, values in fields]


def _content_type(value: str) -> tuple[str, dict[str, str]]:
    """The lowercased type and the parameters of a Content-Type or -Disposition value."""
    head, _, rest = value.partition(";")
    params = {m[1].lower(): m[2] if m[2] is not None else m[3] for m in _PARAM.finditer(rest)}
    return head.strip().lower()[:100], params


def _filename(params: dict[str, str], key: str) -> str | None:
    """A file name parameter, RFC 2231 (``filename*=utf-8''…``) decoded."""
    if (extended := params.get(f"{key}*")) is not None:
        charset, _, encoded = extended.partition("''")
        data = re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), encoded or charset)
        return data.encode("latin-1", "replace").decode(_codec(charset) or "utf-8", "replace")
    return params.get(key)


def _attachment_name(part: _Part) -> str:
    return _safe_filename(part.filename) if part.filename else "unnamed"


def _html_text(html: str, limits: Limits) -> str:
    try:
        return _html_to_text(html, limits, _Deadline(limits.time_limit_s), [])
    except _Refusal:
        return html


# --- web-form exports ---------------------------------------------------------------------


def _json_check(rejected: Rejected, limits: Limits) -> _Verdict | None:
    """A JSON export: parsed and every string redacted, or else checked as text."""
    check = _Check(limits.time_limit_s)
    data = rejected.raw
    if data is None:
        location = Path(re.sub(r"#\d+$", "", rejected.source.partition(":")[2]))
        try:
            if location.is_file() and location.stat().st_size <= limits.max_message_bytes:
                data = location.read_bytes()
            elif location.is_file():
                return _json_text_check(location, limits)
            else:
                return None
        except OSError:
            return None
    try:
        redacted = _redact_json(json.loads(data), check.kinds)
    except (ValueError, RecursionError):  # not JSON after all: its text, escapes undone
        text = _unescape_json(data.decode("utf-8", "replace"))
        check.feed(text)
        return check.verdict(text[: limits.max_body_chars])
    if not check.kinds:
        return None
    rendering = json.dumps(redacted, ensure_ascii=False, indent=2, sort_keys=True)
    return _Verdict(check.kinds, rendering.encode())


def _json_text_check(path: Path, limits: Limits) -> _Verdict | None:
    """A JSON file too big to parse: its text, escapes undone, in chunks."""
    check = _Check(limits.time_limit_s)
    kept: list[str] = []
    size = 0
    with path.open("rb") as file:
        while check.complete and (line := file.readline(_READ_CHUNK)):
            text = _unescape_json(line.decode("utf-8", "replace"))
            check.feed(text)
            if size < limits.max_body_chars:
                kept.append(text)
                size += len(text)
    return check.verdict("".join(kept)[: limits.max_body_chars])


def _unescape_json(text: str) -> str:
    def plain(match: re.Match[str]) -> str:
        if match[1]:
            return chr(int(match[1], 16))
        return _JSON_ESCAPES.get(match[2], match[2])

    return _JSON_ESCAPE.sub(plain, text)


def _redact_json(value: Any, kinds: set[str]) -> Any:
    """value with every string (keys too) redacted; what was found goes into kinds."""
    if isinstance(value, str):
        text, found = guard.redact(value)
        kinds.update(f.kind for f in found)
        return text
    if isinstance(value, list):
        return [_redact_json(item, kinds) for item in value]
    if isinstance(value, dict):
        return {_redact_json(k, kinds): _redact_json(v, kinds) for k, v in value.items()}
    return value
