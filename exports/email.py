"""Outgoing email: build header-safe messages, save .eml drafts, send over SMTP.

Every header value is sanitised or validated before it reaches the email package, and the
serialized message is parsed back and compared with what was set, because the Python in use
predates the fixes for CVE-2024-6923 and CVE-2023-27043.
"""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import re
import secrets
import smtplib
import socket
import ssl
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.headerregistry import Address, HeaderRegistry, UniqueAddressHeader, UnstructuredHeader
from email.message import EmailMessage
from itertools import zip_longest
from pathlib import Path
from typing import Literal


class EmailError(Exception):
    """A message could not be built or sent; str(e) is a clear one-line reason for a consultant."""


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to deliver mail; the password lives in the keyring, not here."""

    host: str
    port: int = 587
    user: str | None = None
    security: Literal["starttls", "ssl", "none"] = "starttls"
    timeout: float = 20.0


_SPACE = re.compile(r"\s+")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+/^_`{|}~ -]+")  # atext and spaces, without = and ?
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL_PART = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")  # printable ASCII except < and >
_MIME_TYPE = re.compile(r"([a-z0-9][a-z0-9!#$&^_.+-]*)/([a-z0-9][a-z0-9!#$&^_.+-]*)")
_HEADER_BLOCK = re.compile(rb"(?:[!-9;-~]+:[\t -~]*\r\n(?:[\t ][\t -~]*\r\n)*)+")
_FIELD_NAME = re.compile(rb"^([!-9;-~]+):", re.MULTILINE)


class _MessageIdListHeader(UnstructuredHeader):
    """In-Reply-To/References: one id per line, never rewritten into encoded words."""

    def fold(self, *, policy):
        return f"{self.name}: " + f"{policy.linesep} ".join(str(self).split()) + policy.linesep


class _AddressHeader(UniqueAddressHeader):
    """From/To/Reply-To, folded here rather than by the email package.

    Python 3.11 drops the quotes of a long quoted display name when folding it, which turns
    a name like "Bcc: x@y.example ..." into a real address. Short printable ASCII names are
    written plain or as one quoted string; any other name becomes RFC 2047 encoded words.
    """

    def fold(self, *, policy):
        sep = policy.linesep
        folded = (_fold_address(a, self.name, sep) for a in self.addresses)
        return f"{self.name}: " + f",{sep} ".join(folded) + sep


def _fold_address(address: Address, header_name: str, sep: str) -> str:
    name = address.display_name
    if not name:
        return address.addr_spec
    if _PLAIN_NAME.fullmatch(name) and len(name) <= 40:
        phrase = name
    elif re.fullmatch(r"[ -~]{1,40}", name) and "=?" not in name:
        phrase = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        phrase = Header(name, "utf-8", header_name=header_name).encode(linesep=sep)
    return f"{phrase} <{address.addr_spec}>"


_REGISTRY = HeaderRegistry()
for _field in ("from", "to", "reply-to"):
    _REGISTRY.map_to_type(_field, _AddressHeader)
for _field in ("in-reply-to", "references"):
    _REGISTRY.map_to_type(_field, _MessageIdListHeader)
# 7bit: a non-ASCII body becomes quoted-printable or base64, so any SMTP server accepts it.
_POLICY = email.policy.SMTP.clone(cte_type="7bit", header_factory=_REGISTRY)


def build_message(
    *,
    sender: str,
    to: list[str],
    subject: str,
    body: str,
    sender_name: str | None = None,
    to_name: str | None = None,
    reply_to: str | None = None,
    in_reply_to: str | None = None,
    references: Sequence[str] = (),
    attachments: Sequence[tuple[str, bytes, str]] = (),
    date: datetime | None = None,
    message_id: str | None = None,
) -> EmailMessage:
    """Build a plain-text UTF-8 message with optional (filename, data, mime type) attachments.

    Names and subject are cleaned (whitespace runs become one space, control characters go);
    addresses and message ids are validated strictly. `to_name` needs exactly one recipient.
    """
    if not to:
        raise EmailError("The message has no recipient.")
    if to_name and len(to) != 1:
        raise EmailError("A recipient name can only be given for a single recipient.")
    from_address = _address(sender, "sender", sender_name)
    when = date or datetime.now().astimezone()
    headers: dict[str, object] = {
        "From": from_address,
        "To": [_address(addr, "recipient", to_name) for addr in to],
        "Subject": _clean_text(subject),
        "Date": when if when.tzinfo else when.astimezone(),
        "Message-ID": _message_id(message_id) if message_id else make_msgid(from_address.domain),
    }
    if reply_to:
        headers["Reply-To"] = _address(reply_to, "reply-to")
    if in_reply_to:
        headers["In-Reply-To"] = _message_id(in_reply_to)
    if references:
        headers["References"] = " ".join(_message_id(ref) for ref in references)

    msg = EmailMessage(policy=_POLICY)
    for name, value in headers.items():
        msg[name] = value
    try:
        msg.set_content(body, charset="utf-8", cte=None if body.isascii() else "quoted-printable")
    except UnicodeError as exc:
        raise EmailError("The message text contains characters that cannot be encoded.") from exc
    for filename, data, mime_type in attachments:
        maintype, subtype = _mime_type(mime_type)
        msg.add_attachment(
            bytes(data), maintype=maintype, subtype=subtype, filename=_safe_filename(filename)
        )
    _verify(msg, list(headers))
    return msg


def valid_address(addr: str) -> bool:
    """Whether ``addr`` is one plain address this module would send to."""
    try:
        _address(addr, "")
    except EmailError:
        return False
    return True


def make_msgid(domain: str) -> str:
    """Return a new random Message-ID such as <3f2a...@example.com>."""
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        raise EmailError(f"{domain!r} is not a valid domain for a message id.")
    return f"<{secrets.token_hex(16)}@{ascii_domain}>"


def write_draft(msg: EmailMessage, folder: Path, stem: str) -> Path:
    """Save msg as <stem>.eml (mode 0600) in folder, adding -2, -3 ... instead of overwriting.

    The draft is written whole before it takes its name, so a failed draft takes none.
    It carries "X-Unsent: 1" so mail clients open it as a message ready to send.
    """
    from hourdesk.storage.files import numbered, write_new

    data = b"X-Unsent: 1\r\n" + msg.as_bytes(policy=_POLICY)
    base = re.sub(r"[^\w.-]+", "-", _clean_text(stem)).strip(".-")[:100] or "draft"
    try:
        (path,) = write_new(folder, numbered(base), [(".eml", data)])
    except OSError as exc:
        raise EmailError(f"Could not save the draft in {folder}: {exc}") from exc
    return path


def to_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes on the wire (CRLF line ends, 7-bit)."""
    return msg.as_bytes(policy=_POLICY)


def from_bytes(data: bytes) -> EmailMessage:
    """A message serialized by :func:`to_bytes`, ready to send or draft again unchanged."""
    return email.message_from_bytes(data, policy=_POLICY)


def send(
    msg: EmailMessage,
    config: SmtpConfig,
    password: str | None,
    before_data: Callable[[], None] | None = None,
) -> None:
    """Deliver msg to its To addresses (only those) through the configured SMTP server.

    ``before_data`` runs once the server has taken the sender and recipients, just before
    it receives the text: from then on the server may have accepted the message even when
    its answer never arrives.
    """
    sender, recipients = _envelope(msg)
    where = f"{config.host}:{config.port}"
    if not config.host:
        raise EmailError("No SMTP server is set — enter the host in Settings.")
    try:
        config.host.encode("idna")
    except UnicodeError:
        raise EmailError(f"SMTP server name {config.host!r} is not valid.") from None
    if not 0 < config.port < 65536:
        raise EmailError(f"SMTP port {config.port} is not valid — check the port in Settings.")
    if config.security not in ("starttls", "ssl", "none"):
        raise EmailError(f"Unknown SMTP security setting {config.security!r}.")
    if config.user and password is None:
        raise EmailError(
            f"No SMTP password is stored for user {config.user} — enter it in Settings."
        )
    try:
        refused = _deliver(config, password, sender, recipients, to_bytes(msg), before_data)
    except (OSError, UnicodeError) as exc:
        reason = _explain(exc, config)
        if password:
            reason = reason.replace(password, "***")
        raise EmailError(_clean_text(reason)) from exc
    if refused:
        accepted = [r for r in recipients if r not in refused]
        raise EmailError(
            f"The message went to {', '.join(accepted)}, but SMTP server {where} refused "
            + "; ".join(f"{addr} ({_reply(*reply)})" for addr, reply in refused.items())
        )


def _deliver(
    config: SmtpConfig,
    password: str | None,
    sender: str,
    recipients: list[str],
    data: bytes,
    before_data: Callable[[], None] | None,
) -> dict[str, tuple[int, bytes]]:
    """Run one SMTP session; return the recipients the server refused (if it accepted some)."""
    context = ssl.create_default_context()
    if config.security == "ssl":
        smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    try:
        smtp.ehlo_or_helo_if_needed()
        if config.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise EmailError(
                    f"SMTP server {config.host}:{config.port} does not offer STARTTLS — "
                    "choose SSL (usually port 465) or check the port in Settings."
                )
            smtp.starttls(context=context)
            smtp.ehlo()
        if config.user:
            _login(smtp, config.user, password)
        refused = _transfer(smtp, sender, recipients, data, before_data)
        with contextlib.suppress(OSError):
            smtp.quit()
        return refused
    finally:
        smtp.close()


def _transfer(
    smtp: smtplib.SMTP,
    sender: str,
    recipients: list[str],
    data: bytes,
    before_data: Callable[[], None] | None,
) -> dict[str, tuple[int, bytes]]:
    """MAIL, RCPT and DATA as smtplib's sendmail does them, with a hook before DATA."""
    code, reply = smtp.mail(sender)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
    if len(refused) == len(recipients):
        raise smtplib.SMTPRecipientsRefused(refused)
    if before_data is not None:
        before_data()
    code, reply = smtp.data(data)
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
    return refused


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; smtplib only sends ASCII credentials, so others go as UTF-8 AUTH PLAIN."""
    if (user + password).isascii():
        smtp.login(user, password)
        return
    if "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError("the server does not offer AUTH PLAIN")
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, reply = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _explain(exc: Exception, config: SmtpConfig) -> str:
    """Turn a connection or SMTP failure into words a consultant can act on."""
    where = f"{config.host}:{config.port}"
    timed_out = (
        f"SMTP server {where} did not answer within {config.timeout:g} s — "
        "check host, port and security in Settings."
    )
    wrong_mode = "check port and security in Settings (SSL is usually port 465, STARTTLS 587)."
    match exc:
        case smtplib.SMTPAuthenticationError():
            return (
                f"SMTP login failed for user {config.user} — check the password stored in "
                f"the keyring ({_reply(exc.smtp_code, exc.smtp_error)})."
            )
        case smtplib.SMTPNotSupportedError():
            return f"SMTP server {where} does not accept a login — {wrong_mode}"
        case smtplib.SMTPRecipientsRefused():
            refused = "; ".join(f"{a} ({_reply(*r)})" for a, r in exc.recipients.items())
            return f"SMTP server {where} refused the recipient {refused}."
        case smtplib.SMTPSenderRefused():
            return (
                f"SMTP server {where} refused the sender address {exc.sender} "
                f"({_reply(exc.smtp_code, exc.smtp_error)}) — check the sender in Settings."
            )
        case smtplib.SMTPDataError():
            return (
                f"SMTP server {where} rejected the message "
                f"({_reply(exc.smtp_code, exc.smtp_error)})."
            )
        case smtplib.SMTPServerDisconnected() if isinstance(exc.__context__, TimeoutError):
            return timed_out
        case smtplib.SMTPServerDisconnected():
            return f"SMTP server {where} closed the connection unexpectedly — {wrong_mode}"
        case smtplib.SMTPResponseException():
            return f"SMTP server {where} answered {_reply(exc.smtp_code, exc.smtp_error)}."
        case smtplib.SMTPException():
            return f"SMTP server {where}: {exc}"
        case ssl.SSLCertVerificationError():
            return (
                f"The certificate of SMTP server {where} could not be verified "
                f"({exc.verify_message}) — check the host name in Settings."
            )
        case ssl.SSLError():
            return f"Secure connection to SMTP server {where} failed ({exc.reason}) — {wrong_mode}"
        case TimeoutError():
            return timed_out
        case ConnectionRefusedError():
            return f"SMTP server {where} refused the connection — check host and port in Settings."
        case socket.gaierror():
            return (
                f"SMTP server name {config.host} could not be found — check the host in "
                "Settings and the internet connection."
            )
        case OSError():
            return f"Could not reach SMTP server {where} ({exc.strerror or exc})."
    return f"Sending through SMTP server {where} failed ({exc})."


def _reply(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}"


def _envelope(msg: EmailMessage) -> tuple[str, list[str]]:
    """Return the validated sender and To addresses for the SMTP envelope."""
    try:
        (sender,) = msg["From"].addresses
        recipients = [a.addr_spec for a in msg["To"].addresses]
    except (AttributeError, ValueError) as exc:
        raise EmailError("The message needs one From address and at least one To address.") from exc
    checked = [_address(addr, "recipient").addr_spec for addr in recipients]
    return _address(sender.addr_spec, "sender").addr_spec, checked


def _clean_text(value: str) -> str:
    """Fold whitespace runs (CR/LF included) into one space and drop control characters.

    "=?" becomes "= ?": the email package would otherwise decode text that merely looks
    like an encoded word, and write whatever it contains (even CR/LF) into the header.
    """
    value = _SPACE.sub(" ", value).replace("=?", "= ?")
    return "".join(c for c in value if unicodedata.category(c) not in ("Cc", "Cs")).strip()


def _address(addr: str, role: str, name: str | None = None) -> Address:
    """Validate one plain addr-spec (IDNA domains become xn--) and attach a cleaned name."""
    local, _, domain = addr.rpartition("@")
    ascii_domain = _ascii_domain(domain)
    if (
        ascii_domain is None
        or len(local) > 64
        or len(local) + len(ascii_domain) > 253
        or "=?" in local
        or not _LOCAL_PART.fullmatch(local)
    ):
        raise EmailError(f"The {role} address {addr!r} is not a valid email address.")
    return Address(_clean_text(name or ""), local, ascii_domain)


def _ascii_domain(domain: str) -> str | None:
    """Return the ASCII form of a host name with at least two labels, or None if invalid."""
    if not domain.isascii():
        try:
            ascii_domain = domain.encode("idna").decode("ascii")
            # IDNA 2003 maps some letters (ß -> ss); refuse rather than mail a different domain.
            if ascii_domain.encode().decode("idna") != unicodedata.normalize("NFC", domain).lower():
                return None
        except UnicodeError:
            return None
        domain = ascii_domain
    labels = domain.split(".")
    if (
        len(domain) > 253
        or len(labels) < 2
        or labels[-1].isdigit()
        or not all(_LABEL.fullmatch(label) for label in labels)
    ):
        return None
    return domain


def _message_id(value: str) -> str:
    if len(value) > 250 or "=?" in value or not _MESSAGE_ID.fullmatch(value):
        raise EmailError(f"{value!r} is not a valid message id.")
    return value


def _mime_type(value: str) -> tuple[str, str]:
    match = _MIME_TYPE.fullmatch(value.lower())
    if not match or match[1] in ("multipart", "message"):
        raise EmailError(f"{value!r} is not a usable attachment type.")
    return match[1], match[2]


def _safe_filename(name: str) -> str:
    """A single-line file name without path parts or characters Windows rejects."""
    name = "".join(c for c in _clean_text(name) if unicodedata.category(c) != "Cf")
    name = re.sub(r'[\\/:*?"<>|]', "_", name).strip(" .")
    return name[:150] or "attachment"


def _verify(msg: EmailMessage, names: list[str]) -> None:
    """Check the serialized message has exactly the intended headers, each one intact."""
    data = msg.as_bytes(policy=_POLICY)
    head = data.split(b"\r\n\r\n", 1)[0] + b"\r\n"
    expected = [*names, *(k for k in msg if k.lower().startswith(("content-", "mime-")))]
    found = [n.decode() for n in _FIELD_NAME.findall(head)]
    ok = _HEADER_BLOCK.fullmatch(head) and _lower(found) == _lower(expected)
    parsed = email.message_from_bytes(data, policy=_POLICY)
    for built, reread in zip_longest(msg.walk(), parsed.walk()):
        ok = ok and built is not None and reread is not None and _fields(built) == _fields(reread)
    if not ok:
        raise EmailError("The message headers failed a safety check; the message was not built.")


def _lower(names: list[str]) -> list[str]:
    return sorted(n.lower() for n in names)


def _fields(part: EmailMessage) -> list[tuple[str, str]]:
    # Whitespace is ignored: Python's parser re-spaces long encoded display names.
    return [(k.lower(), _SPACE.sub("", str(v))) for k, v in part.items()]
