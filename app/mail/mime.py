"""One message's bytes parsed into an :class:`Incoming`, bounded in size, depth and time."""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import os
import re
from collections.abc import Iterator
from datetime import datetime
from email.feedparser import BytesFeedParser
from email.message import Message
from email.policy import Compat32
from typing import Literal

from hourdesk.app.mail.records import (
    _FEED_CHUNK,
    _FILENAME_CHARS,
    _MAIL_HEADERS,
    _MAX_MIME_HEADER_CHARS,
    _MAX_MIME_PARAMS,
    _MAX_REFERENCES,
    _MSG_ID,
    _NAME_CHARS,
    _PARAM_HEADERS,
    _REASON_CHARS,
    _SUBJECT_CHARS,
    _UNSAFE_FILENAME_CHARS,
    FormRule,
    Incoming,
    Limits,
    Rejected,
    _as_utc,
    _cap_body,
    _clean_address,
    _Deadline,
    _final_defects,
    _one_line,
    _Refusal,
    _too_big,
)
from hourdesk.app.mail.text import (
    _clean_text,
    _decode_bytes,
    _decode_words,
    _html_to_text,
    _raw8_text,
)


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
    while part.is_multipart() and (children := part.get_payload()):
        part, depth = children[-1], depth + 1
    return depth


def _walk(root: Message) -> Iterator[tuple[Message, int]]:
    """Every part with its depth, in document order, without recursion."""
    stack = [(root, 0)]
    while stack:
        part, depth = stack.pop()
        yield part, depth
        if part.is_multipart():  # a leaf's get_payload() reads its headers: not needed here
            stack.extend((child, depth + 1) for child in reversed(part.get_payload()))


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
    leaves = _leaves(root)
    body = _body(root, leaves, limits, deadline, defects)
    incoming = Incoming(
        source=source,
        message_id=_message_id(headers.first("message-id", defects, 1024), raw, defects),
        from_name=from_name,
        from_addr=from_addr,
        subject=subject,
        date=_date(headers.first("date", defects, 256), defects),
        body=body,
        attachments=_attachments(leaves),
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


@dataclasses.dataclass(frozen=True)
class _Leaf:
    """A part without parts of its own, its headers read once."""

    part: Message
    multipart: bool  # a multipart whose parts could not be read
    kind: Literal["plain", "html"] | None  # how it reads as text; a multipart reads as plain
    attachment: bool  # a file rather than message text
    filename: str | None


def _leaf(part: Message) -> _Leaf:
    ctype = part.get_content_type()
    multipart = ctype.partition("/")[0] == "multipart"
    kind: Literal["plain", "html"] | None = None
    if ctype == "text/html":
        kind = "html"
    elif ctype == "text/plain" or multipart:
        kind = "plain"
    disposition = part.get_content_disposition()
    filename = part.get_filename()
    attachment = disposition == "attachment" or kind is None
    attachment = attachment or (disposition != "inline" and filename is not None)
    return _Leaf(part, multipart, kind, attachment, filename)


def _leaves(root: Message) -> dict[int, _Leaf]:
    """Every leaf part of root, read once, by id() in document order."""
    return {id(part): _leaf(part) for part, _ in _walk(root) if not part.is_multipart()}


def _body_parts(part: Message, leaves: dict[int, _Leaf]) -> list[_Leaf]:
    """The leaf parts that make up the readable body, in order."""
    if not part.is_multipart():
        leaf = leaves[id(part)]
        return [] if leaf.attachment else [leaf]
    choices = []
    for child in part.get_payload():
        if found := _body_parts(child, leaves):
            choices.append(found)
    if part.get_content_type() != "multipart/alternative":
        return [leaf for found in choices for leaf in found]
    plain = [found for found in choices if all(leaf.kind == "plain" for leaf in found)]
    return (plain or choices[-1:] or [[]])[0]


def _body(
    root: Message, leaves: dict[int, _Leaf], limits: Limits, deadline: _Deadline, defects: list[str]
) -> str:
    texts = []
    for leaf in _body_parts(root, leaves):
        deadline.check()
        part = leaf.part
        if leaf.multipart:
            defects.append("a multipart without readable parts is shown as raw text")
        text = _decode_bytes(part.get_payload(decode=True), part.get_content_charset(), defects)
        if leaf.kind == "html":
            text = _html_to_text(text, limits, deadline, defects)
        texts.append(_clean_text(text))
    return _cap_body("\n\n".join(t for t in texts if t), limits, defects)


def _attachments(leaves: dict[int, _Leaf]) -> tuple[str, ...]:
    return tuple(_safe_filename(leaf.filename) for leaf in leaves.values() if leaf.attachment)


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
