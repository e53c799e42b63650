"""The plain records mail reading gives: an incoming message or a rejection, the limits, and the
small cleaners every reader shares."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal


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


def _too_big(size: int, limit: int) -> str:
    return f"{size} bytes, over the {limit}-byte limit"


def _clean_address(addr: str) -> str:
    """addr lowercased when it is a plain, well-formed address; "" otherwise."""
    addr = addr.strip().lower()
    return addr if len(addr) <= 254 and _ADDRESS.fullmatch(addr) else ""


def _as_utc(date: datetime) -> datetime:
    """date in UTC; a date without a zone is taken as UTC."""
    return (date if date.tzinfo else date.replace(tzinfo=UTC)).astimezone(UTC)


def _final_defects(defects: list[str]) -> tuple[str, ...]:
    unique = list(dict.fromkeys(_one_line(d, _REASON_CHARS) for d in defects))
    if len(unique) > _MAX_DEFECTS:
        unique[_MAX_DEFECTS - 1 :] = [f"and {len(unique) - _MAX_DEFECTS + 1} more problems"]
    return tuple(unique)


def _cap_body(body: str, limits: Limits, defects: list[str]) -> str:
    if len(body) <= limits.max_body_chars:
        return body
    defects.append(f"body cut to {limits.max_body_chars} characters")
    return body[: limits.max_body_chars]


def _one_line(text: str, cap: int | None = None) -> str:
    """text on one line: controls and line breaks become spaces, runs of space fold."""
    text = " ".join(_LINE_BREAKERS.sub(" ", _SURROGATES.sub("\ufffd", text)).split())
    return text if cap is None or len(text) <= cap else text[: cap - 1] + "…"
