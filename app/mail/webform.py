"""The website's contact form: JSON exports and form notifications into :class:`Incoming`."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

from hourdesk.app.mail.records import (
    _NAME_CHARS,
    _REASON_CHARS,
    _SUBJECT_CHARS,
    Incoming,
    Limits,
    Rejected,
    _as_utc,
    _cap_body,
    _clean_address,
    _final_defects,
    _one_line,
    _Refusal,
)
from hourdesk.app.mail.text import _clean_text

_EPOCH = re.compile(r"-?\d+(?:\.\d+)?")


def parse_webform(data: bytes, source: str, limits: Limits = Limits()) -> list[Incoming | Rejected]:
    """Read a contact-form export holding one submission object or a list of them."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        return [Rejected(source, _one_line(f"not valid JSON ({exc})", _REASON_CHARS), data)]
    items = document if isinstance(document, list) else [document]
    return [_submission(item, f"{source}#{n}", limits) for n, item in enumerate(items)]


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


def _lines(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")
