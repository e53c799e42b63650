"""Mail files for tests and demos: realistic messages and hostile ones.

Message builders return bytes; ``write_*`` functions put them on disk the way
mail tools do (Maildir and mbox through the stdlib ``mailbox`` module).  All
content is deterministic, so files built twice are byte-identical apart from
what ``mailbox`` itself adds (the mbox "From " line's date).
"""

from __future__ import annotations

import base64
import json
import mailbox
import quopri
import random
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

CONSULTANT = "help@consultant.example"
WEBSITE = "website@consultant.example"


def message(
    *,
    sender: str = "Anna Berg <anna@acme.example>",
    subject: str = "Printer on the second floor is offline",
    body: str | None = "Hi,\n\nthe printer on the second floor is offline again.\n\nAnna\n",
    html: str | None = None,
    attachments: tuple[tuple[str, bytes], ...] = (),
    message_id: str | None = "<req-printer@acme.example>",
    date: str = "Mon, 02 Mar 2026 09:15:00 +0100",
    headers: dict[str, str] | None = None,
) -> bytes:
    """A well-formed message: text and/or HTML body, optional (name, bytes) attachments."""
    msg = EmailMessage(policy=default)
    msg["From"] = sender
    msg["To"] = CONSULTANT
    msg["Subject"] = subject
    msg["Date"] = date
    if message_id:
        msg["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        msg[name] = value
    if body is not None:
        msg.set_content(body)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    for filename, data in attachments:
        msg.add_attachment(data, "application", "octet-stream", filename=filename)
    multiparts = (part for part in msg.walk() if part.is_multipart())
    for n, part in enumerate(multiparts):
        part.set_boundary(f"=_fixture_{n}")  # instead of a random one
    return msg.as_bytes()


def write_eml(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path


def write_maildir(path: Path, messages: list[bytes]) -> Path:
    """A Maildir holding messages in new/, with names that sort in the given order."""
    box = mailbox.Maildir(path, create=True)
    for n, raw in enumerate(messages):
        key = box.add(raw)
        (path / "new" / key).rename(path / "new" / f"{1772440000 + n}.M{n}P1Q{n}.fixture")
    return path


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.mbox(path, create=True)
    for raw in messages:
        box.add(raw)
    box.flush()
    box.close()
    return path


def webform_json(*submissions: object) -> bytes:
    """A contact-form export: a list of submission objects."""
    return json.dumps(list(submissions), ensure_ascii=False, indent=2).encode()


def submission(**changes: object) -> dict:
    """A complete contact-form submission, with fields changed or removed (None)."""
    item = {
        "name": "Carla Rossi",
        "email": "carla@rossi-design.example",
        "subject": "Laptop very slow",
        "message": "Hi,\nmy laptop takes ten minutes to start.\nCan you help this week?",
        "time": "2026-03-02T14:05:00+01:00",
    }
    item.update(changes)
    return {key: value for key, value in item.items() if value is not None}


def webform_notification(*, email: str = "carla@rossi-design.example") -> bytes:
    """The email the website sends for a contact-form submission."""
    body = (
        "A new message was sent through the contact form.\n\n"
        "Name: Carla Rossi\n"
        f"Email: {email}\n"
        "Subject: Laptop very slow\n"
        "Message: Hi,\nmy laptop takes ten minutes to start.\nCan you help this week?\n"
    )
    return message(
        sender=f"Consultant Website <{WEBSITE}>",
        subject="New contact form submission",
        body=body,
        message_id="<form-0042@consultant.example>",
        headers={"X-Hourdesk-Form": "contact"},
    )


# --- hostile messages ---------------------------------------------------------------------


def unknown_charset() -> bytes:
    """A body in charset "x-unknown", with bytes that are not UTF-8 either."""
    return (
        b"From: Unknown Charset <odd@legacy.example>\n"
        b"Subject: Strange letters\n"
        b"Date: Tue, 03 Mar 2026 08:00:00 +0000\n"
        b"Message-ID: <charset@legacy.example>\n"
        b'Content-Type: text/plain; charset="x-unknown"\n\n'
        b"Caf\xe9 \xff\xfe ordering system is down\n"
    )


def undecodable_bytes() -> bytes:
    """Declared UTF-8, but the body and a raw 8-bit subject hold Latin-1 bytes."""
    return (
        b"From: m@legacy.example\n"
        b"Subject: Gr\xfc\xdfe aus M\xfcnchen\n"
        b"Date: Tue, 03 Mar 2026 08:05:00 +0000\n"
        b"Message-ID: <latin@legacy.example>\n"
        b'Content-Type: text/plain; charset="utf-8"\n\n'
        b"Der Server in M\xfcnchen ist \xff kaputt.\n"
    )


def missing_boundary() -> bytes:
    """A multipart declared without a boundary parameter."""
    return (
        b"From: a@broken.example\n"
        b"Subject: No boundary\n"
        b"Date: Tue, 03 Mar 2026 08:10:00 +0000\n"
        b"Message-ID: <noboundary@broken.example>\n"
        b"MIME-Version: 1.0\n"
        b"Content-Type: multipart/mixed\n\n"
        b"--xyz\nContent-Type: text/plain\n\nThe text of a broken multipart.\n--xyz--\n"
    )


def header_injection() -> bytes:
    """Encoded words that decode to CR/LF and a fake header (the CVE-2024-6923 shape)."""
    return (
        b"From: =?utf-8?q?Mallory=0D=0ABcc=3A_victim=40example=2Ecom?= <mallory@evil.example>\n"
        b"Subject: =?utf-8?q?Invoice=0D=0AX-Injected=3A_yes=0A=0Aforged_body?=\n"
        b"Date: Tue, 03 Mar 2026 08:15:00 +0000\n"
        b"Message-ID: <inject@evil.example>\n\n"
        b"Please pay.\n"
    )


def many_semicolons(count: int = 100_000, *, nested: bool = False) -> bytes:
    """A Content-Type header with count parameters; nested puts it in a MIME part."""
    params = b"a=1;" * count
    if not nested:
        return b"From: a@semi.example\nSubject: Semicolons\nContent-Type: text/plain; " + (
            params + b"\n\nbody under a huge header\n"
        )
    return (
        b"From: a@semi.example\nSubject: Semicolons inside\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain; " + params + b"\n\nbody under a huge header\n--b--\n"
    )


def deep_nesting(levels: int = 1000) -> bytes:
    """Multiparts nested levels deep around one text part."""
    opening = b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n'
    lines = [b"From: a@deep.example\nSubject: Deep\nMIME-Version: 1.0\n"]
    lines += [opening % (n, n) for n in range(levels)]
    lines.append(b"Content-Type: text/plain\n\nat the bottom\n")
    lines += [b"--b%d--\n" % n for n in reversed(range(levels))]
    return b"".join(lines)


def binary_garbage(size: int = 4096, seed: int = 7) -> bytes:
    """Random bytes without NULs: nothing a mail parser can recognize."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


def nul_filled(size: int = 4096) -> bytes:
    return b"\0" * size


def write_large_attachment(path: Path, megabytes: int = 50) -> Path:
    """An .eml file with a base64 attachment of about megabytes, written piecewise."""
    line = base64.b64encode(b"\x00\x01\x02" * 19) + b"\n"  # 76 characters
    block = line * (1024 * 1024 // len(line))
    with path.open("wb") as out:
        out.write(
            b"From: Big Sender <big@files.example>\n"
            b"Subject: The scans you asked for\n"
            b"Date: Tue, 03 Mar 2026 09:00:00 +0000\n"
            b"Message-ID: <big@files.example>\n"
            b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n'
            b"--B\nContent-Type: text/plain\n\nScans attached.\n"
            b"--B\nContent-Type: application/pdf\n"
            b'Content-Disposition: attachment; filename="scans.pdf"\n'
            b"Content-Transfer-Encoding: base64\n\n"
        )
        for _ in range(megabytes):
            out.write(block)
        out.write(b"--B--\n")
    return path


def write_broken_mbox(path: Path) -> Path:
    """An mbox with junk before the first "From " line, From lines without sender or
    date, and an unescaped "From " line inside a paragraph."""
    path.write_bytes(
        b"junk written by a broken tool before any message\n\n"
        b"From \n"
        b"From: first@mbox.example\nSubject: First\nMessage-ID: <first@mbox.example>\n\n"
        b"First body.\n\n"
        b"From nobody-and-no-date\n"
        b"From: second@mbox.example\nSubject: Second\nMessage-ID: <second@mbox.example>\n\n"
        b"Second body, line one.\n"
        b"From the start this line was not escaped.\n\n"
        b"From MAILER-DAEMON Thu Mar  5 10:00:00 2026\n"
        b"From: third@mbox.example\nSubject: Third\nMessage-ID: <third@mbox.example>\n\n"
        b"Third body.\n"
    )
    return path


# --- the varied dozen ---------------------------------------------------------------------


def varied_dozen_messages() -> list[tuple[str, bytes]]:
    """Twelve (label, raw) messages as a consultant's inbox might hold them.

    Ten are readable (three with defects); "deep-nesting" and "binary-garbage"
    must be rejected.
    """
    return [
        ("new-request", message()),
        (
            "reply-hd-0001",
            message(
                sender="Tom Becker <tom@acme.example>",
                subject="Re: [HD-0001] VPN drops every hour",
                body="Still happening this morning, at 09:00 and 10:00.\n\n> Please try again.\n",
                message_id="<reply-vpn@acme.example>",
                date="Mon, 02 Mar 2026 10:20:00 +0100",
                headers={
                    "In-Reply-To": "<hd-0001.1@consultant.example>",
                    "References": "<req-vpn@acme.example> <hd-0001.1@consultant.example>",
                },
            ),
        ),
        (
            "html-only",
            message(
                sender="Lisa Wong <lisa@wong-law.example>",
                subject="Outlook keeps asking for my password",
                body=None,
                html=(
                    "<html><head><style>p {color: red}</style></head><body>"
                    "<p>Hello,</p><p>Outlook asks for my password <b>every hour</b>.</p>"
                    '<p>Screenshot: <a href="https://share.example/s/1">here</a></p>'
                    "<script>track()</script></body></html>"
                ),
                message_id="<outlook@wong-law.example>",
            ),
        ),
        ("webform-notification", webform_notification()),
        (
            "password-in-body",
            message(
                sender="Peter Schulz <peter@schulz-bau.example>",
                subject="New WiFi for the office",
                body=(
                    "Hi,\n\nplease set up the new access point.\n"
                    "SSID: SchulzBau-Office\nPassword: Sommer2026!Kran\n\nThanks, Peter\n"
                ),
                message_id="<wifi@schulz-bau.example>",
            ),
        ),
        (
            "alternative-with-attachment",
            message(
                sender="Anna Berg <anna@acme.example>",
                subject="Invoice question",
                body="Hi, the attached invoice lists 3 hours twice.\n",
                html="<p>Hi, the attached invoice lists <b>3 hours</b> twice.</p>",
                attachments=(("Rechnung März.pdf", b"%PDF-1.4 not really"),),
                message_id="<invoice-q@acme.example>",
            ),
        ),
        (
            "non-ascii",
            message(
                sender="Jürgen Müller <juergen@mueller-bau.example>",
                subject="Drucker geht nicht – dringend",
                body="Grüße aus Köln, der Drucker streikt.\n",
                message_id="<drucker@mueller-bau.example>",
            ),
        ),
        (
            "no-id-garbage-date",
            message(
                sender="nodate@acme.example",
                subject="Backup failed",
                body="The backup job failed last night.\n",
                message_id=None,
                date="yesterday-ish, around tea time",
            ),
        ),
        ("header-injection", header_injection()),
        ("unknown-charset", unknown_charset()),
        ("deep-nesting", deep_nesting()),
        ("binary-garbage", binary_garbage()),
    ]


def varied_dozen(path: Path) -> Path:
    """A Maildir holding the varied dozen, in order."""
    return write_maildir(path, [raw for _, raw in varied_dozen_messages()])


# --- encoded text, for the quarantine's credential check ----------------------------------


def encoded_text(
    text: str,
    *,
    encoding: str = "base64",
    charset: str = "utf-8",
    depth: int = 0,
    attachment: tuple[str, bytes] | None = ("Rechnung.pdf", b"%PDF-1.4\n\0\x01\x02 binary"),
    subject: str = "=?utf-8?q?Zugang_f=C3=BCr_den_Server?=",
    message_id: str = "<encoded@kanzlei.example>",
) -> bytes:
    """A message whose text part is base64 or quoted-printable in charset, inside depth levels
    of multipart nesting (over the reader's limit of 20: rejected), with an attachment."""
    data = text.encode(charset)
    body = base64.encodebytes(data) if encoding == "base64" else quopri.encodestring(data) + b"\n"
    part = (
        f'Content-Type: text/plain; charset="{charset}"\nContent-Transfer-Encoding: {encoding}\n\n'
    ).encode() + body
    if attachment is not None:
        name, content = attachment
        part += (
            b"--leaf\nContent-Type: application/pdf\n"
            b'Content-Disposition: attachment; filename="' + name.encode() + b'"\n'
            b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(content)
        )
    lines = [
        b"From: Dr. Eva Klein <eva@kanzlei.example>\nTo: help@consultant.example\n",
        f"Subject: {subject}\nMessage-ID: {message_id}\n".encode(),
        b"Date: Wed, 04 Mar 2026 10:00:00 +0100\nMIME-Version: 1.0\n",
    ]
    lines += [
        b'Content-Type: multipart/mixed; boundary="n%d"\n\n--n%d\n' % (n, n) for n in range(depth)
    ]
    lines += [b'Content-Type: multipart/mixed; boundary="leaf"\n\n--leaf\n', part, b"--leaf--\n"]
    lines += [b"--n%d--\n" % n for n in reversed(range(depth))]
    return b"".join(lines)
