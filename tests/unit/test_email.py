"""Building messages safely and writing .eml drafts."""

import email
import email.policy
import re
import stat
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hourdesk.exports.email import EmailError, build_message, make_msgid, write_draft

SENDER = "consultant@hourdesk.example"
CLIENT = "client@example.com"
BASE_HEADERS = ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"]

INJECTIONS = [
    "\r\nBcc: evil@attacker.example",
    "\nBcc: evil@attacker.example",
    "\rBcc: evil@attacker.example",
    "\r\n\r\nbody takeover",
    "\x00Bcc: evil@attacker.example",
    "\u2028Bcc: evil@attacker.example",
    "\x85Bcc: evil@attacker.example",
    "\x0bBcc: evil@attacker.example",
    "=?utf-8?q?=0D=0ABcc:_evil@attacker.example?=",
    "=?utf-8?b?DQpCY2M6IGV2aWxAYXR0YWNrZXIuZXhhbXBsZQ==?=",
    '", evil@attacker.example, "',
    "<evil@attacker.example>, x",
]


def build(**overrides):
    fields = {"sender": SENDER, "to": [CLIENT], "subject": "Invoice 2024-017", "body": "Hello\n"}
    return build_message(**(fields | overrides))


def head_lines(data: bytes) -> list[bytes]:
    """The header block of serialized message bytes, split on CRLF."""
    return data.split(b"\r\n\r\n", 1)[0].split(b"\r\n")


def header_names(data: bytes) -> list[str]:
    return sorted(
        line.split(b":", 1)[0].decode().lower()
        for line in head_lines(data)
        if not line.startswith((b" ", b"\t"))
    )


def assert_clean(msg, extra=("Content-Transfer-Encoding",)):
    """Exactly the expected headers, ASCII only, every line ending in CRLF, one recipient."""
    data = msg.as_bytes(policy=email.policy.SMTP)
    assert header_names(data) == sorted(h.lower() for h in [*BASE_HEADERS, *extra])
    for line in head_lines(data):
        assert b"\r" not in line
        assert b"\n" not in line
        assert re.fullmatch(rb"[\t -~]*", line), line
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == [CLIENT]
    assert [a.addr_spec for a in parsed["From"].addresses] == [SENDER]
    assert parsed["Bcc"] is None
    return parsed


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("field", ["subject", "sender_name", "to_name"])
def test_hostile_text_fields_yield_clean_headers(field, payload):
    parsed = assert_clean(build(**{field: f"Müller GmbH{payload} end"}))
    for value in (str(parsed["Subject"]), *(a.display_name for a in parsed["From"].addresses)):
        assert not re.search(r"[\x00-\x1f\x7f\x85\u2028]", value)


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("field", ["sender", "to", "reply_to"])
def test_hostile_addresses_are_refused(field, payload):
    value = CLIENT + payload
    with pytest.raises(EmailError, match="not a valid email address"):
        build(**{field: [value] if field == "to" else value})


@pytest.mark.parametrize(
    "address",
    [
        "",
        "client",
        "@example.com",
        "client@",
        "client@example",
        "client@@example.com",
        "client@example..com",
        "client@-example.com",
        "client@example.com.",
        "client@1.2.3.4",
        "client@[127.0.0.1]",
        ".client@example.com",
        "cli..ent@example.com",
        "cli ent@example.com",
        '"client"@example.com',
        "Client <client@example.com>",
        "client@example.com, evil@attacker.example",
        "client@example.com;evil@attacker.example",
        "evil@attacker.example (client@example.com)",
        "=?utf-8?q?x?=@example.com",
        "ünïcode@example.com",
        "client@straße.de",
        "a" * 65 + "@example.com",
        "client@" + "a" * 64 + ".com",
    ],
)
def test_malformed_addresses_are_refused(address):
    with pytest.raises(EmailError) as info:
        build(to=[address])
    assert "\n" not in str(info.value)


def test_valid_addresses_including_idna_domains():
    msg = build(
        to=["first.last+tag@example.com", "o'brien@example.ie", "Info@Bücher.de"],
        reply_to="billing@hourdesk.example",
    )
    data = msg.as_bytes(policy=email.policy.SMTP)
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == [
        "first.last+tag@example.com",
        "o'brien@example.ie",
        "Info@xn--bcher-kva.de",
    ]
    assert str(parsed["Reply-To"]) == "billing@hourdesk.example"


@pytest.mark.parametrize(
    "message_id",
    [
        "no-brackets@example.com",
        "<no-at-sign>",
        "<a b@example.com>",
        "<a@example.com>\r\nBcc: evil@attacker.example",
        "<a@example.com> <b@example.com>",
        "<=?utf-8?q?=0D=0ABcc:_evil@attacker.example?=@example.com>",
        "<ü@example.com>",
        "<a<b@example.com>",
        "<" + "a" * 300 + "@example.com>",
    ],
)
@pytest.mark.parametrize("field", ["in_reply_to", "references", "message_id"])
def test_bad_message_ids_are_refused(field, message_id):
    with pytest.raises(EmailError, match="not a valid message id"):
        build(**{field: [message_id] if field == "references" else message_id})


def test_threading_headers_survive_unmangled():
    long_id = "<" + "7f3a9c" * 15 + "@mail.example-consultant.com>"
    refs = ["<first@example.com>", long_id]
    msg = build(in_reply_to=long_id, references=refs, message_id="<mine@hourdesk.example>")
    data = msg.as_bytes(policy=email.policy.SMTP)
    assert b"=?" not in data.split(b"\r\n\r\n")[0]
    parsed = assert_clean(msg, extra=["Content-Transfer-Encoding", "In-Reply-To", "References"])
    assert str(parsed["In-Reply-To"]) == long_id
    assert str(parsed["References"]).split() == refs
    assert str(parsed["Message-ID"]) == "<mine@hourdesk.example>"


def test_non_ascii_names_and_subject_round_trip():
    msg = build(
        sender_name="Zoë Ümlaut",
        to_name='Müller & Söhne GmbH, "Einkauf"',
        subject="Rechnung für März — 1.250,00 €",
    )
    parsed = assert_clean(msg)
    assert parsed["From"].addresses[0].display_name == "Zoë Ümlaut"
    assert parsed["To"].addresses[0].display_name == 'Müller & Söhne GmbH, "Einkauf"'
    assert str(parsed["Subject"]) == "Rechnung für März — 1.250,00 €"


def test_long_name_with_specials_stays_a_display_name():
    # Python 3.11's own folding would drop the quotes and expose the addresses inside.
    name = "Bcc: evil@attacker.example, " * 3 + "Ltd."
    parsed = assert_clean(build(to_name=name))
    (address,) = parsed["To"].addresses
    assert address.display_name.replace(" ", "") == name.replace(" ", "")


def test_text_fields_are_folded_to_one_line():
    parsed = assert_clean(build(subject="  Invoice\r\n\t 17\x07  overdue ", sender_name="A\nB"))
    assert str(parsed["Subject"]) == "Invoice 17 overdue"
    assert parsed["From"].addresses[0].display_name == "A B"


def test_body_is_utf8_and_seven_bit_on_the_wire():
    body = "Grüße aus Köln,\nZoë\n\n.\nPosition: 3 h à 95 €\n"
    data = build(body=body).as_bytes(policy=email.policy.SMTP)
    assert data.isascii()
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed.get_content_charset() == "utf-8"
    assert parsed.get_content().replace("\r\n", "\n") == body


def test_date_and_default_message_id():
    when = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    parsed = assert_clean(build(date=when))
    assert parsed["Date"].datetime == when
    assert re.fullmatch(r"<[0-9a-f]{32}@hourdesk\.example>", str(parsed["Message-ID"]))
    assert build()["Date"].datetime.tzinfo is not None


def test_make_msgid():
    first, second = make_msgid("hourdesk.example"), make_msgid("hourdesk.example")
    assert first != second
    assert first.startswith("<") and first.endswith("@hourdesk.example>")
    assert make_msgid("bücher.de").endswith("@xn--bcher-kva.de>")
    with pytest.raises(EmailError):
        make_msgid("bad domain\r\nBcc: x")


def test_recipient_checks():
    with pytest.raises(EmailError, match="no recipient"):
        build(to=[])
    with pytest.raises(EmailError, match="single recipient"):
        build(to=[CLIENT, "other@example.com"], to_name="Client")


def test_attachments_are_base64_with_safe_filenames():
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    msg = build(
        attachments=[
            ("Rechnung Müller 2024.pdf", pdf, "application/pdf"),
            ("../../etc/passwd", b"root", "text/plain"),
        ]
    )
    data = msg.as_bytes(policy=email.policy.SMTP)
    assert b"filename*=utf-8''Rechnung%20M%C3%BCller%202024.pdf" in data
    parsed = assert_clean(msg, extra=[])
    invoice, other = parsed.iter_attachments()
    assert invoice["Content-Transfer-Encoding"] == "base64"
    assert invoice.get_filename() == "Rechnung Müller 2024.pdf"
    assert invoice.get_content_type() == "application/pdf"
    assert invoice.get_content() == pdf
    assert "/" not in other.get_filename()


@pytest.mark.parametrize("payload", INJECTIONS)
def test_hostile_attachment_filenames(payload):
    msg = build(attachments=[(f"invoice{payload}.pdf", b"%PDF", "application/pdf")])
    parsed = assert_clean(msg, extra=[])
    (part,) = parsed.iter_attachments()
    assert sorted(part.keys()) == [
        "Content-Disposition",
        "Content-Transfer-Encoding",
        "Content-Type",
        "MIME-Version",
    ]
    assert not re.search(r"[\x00-\x1f\x7f\x85\u2028\\/]", part.get_filename())


@pytest.mark.parametrize(
    "mime_type", ["pdf", "application/pdf\r\nBcc: x@y.com", "multipart/mixed", "message/rfc822", ""]
)
def test_bad_attachment_types_are_refused(mime_type):
    with pytest.raises(EmailError, match="attachment type"):
        build(attachments=[("a.pdf", b"%PDF", mime_type)])


hostile_text = st.lists(
    st.one_of(
        st.sampled_from([*INJECTIONS, "\t", '"', "\\", "(", ")", "<", ">", "=", "?", "ü", "日本"]),
        st.text(st.characters(codec="utf-8"), max_size=6),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=hostile_text, subject=hostile_text, filename=hostile_text)
def test_any_text_builds_a_clean_message(name, subject, filename):
    msg = build(
        sender_name=name,
        to_name=name,
        subject=subject,
        attachments=[(filename, b"x", "application/octet-stream")],
    )
    assert_clean(msg, extra=[])


def test_draft_parses_back_with_private_mode(tmp_path):
    msg = build(
        sender_name="Zoë",
        subject="Kostenvoranschlag",
        attachments=[("estimate.pdf", b"%PDF-1.4", "application/pdf")],
    )
    path = write_draft(msg, tmp_path / "drafts", "Estimate 2024-003")
    assert path == tmp_path / "drafts" / "Estimate-2024-003.eml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert parsed["X-Unsent"] == "1"
    assert str(parsed["Subject"]) == "Kostenvoranschlag"
    assert parsed["Message-ID"] == msg["Message-ID"]
    assert parsed.get_body().get_content().replace("\r\n", "\n") == "Hello\n"
    assert next(parsed.iter_attachments()).get_content() == b"%PDF-1.4"


def test_draft_never_overwrites(tmp_path):
    paths = [write_draft(build(subject=f"n{i}"), tmp_path, "invoice") for i in range(3)]
    assert [p.name for p in paths] == ["invoice.eml", "invoice-2.eml", "invoice-3.eml"]
    for i, path in enumerate(paths):
        assert f"Subject: n{i}".encode() in path.read_bytes()


@pytest.mark.parametrize("stem", ["../../etc/passwd", "a\r\nb", "..", "", "/", "Müller: 3/4?"])
def test_draft_stem_is_sanitised(tmp_path, stem):
    path = write_draft(build(), tmp_path, stem)
    assert path.parent == tmp_path
    assert re.fullmatch(r"[\w][\w.-]*\.eml", path.name)


def test_draft_folder_problem_is_an_email_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(EmailError, match="Could not save the draft"):
        write_draft(build(), blocker / "drafts", "x")
