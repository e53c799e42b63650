"""What a quarantine keeps of a rejected message: the original when its decoded text holds no
credential, else a redacted rendering; over real .eml, mbox and JSON files."""

from __future__ import annotations

import base64
import json
import quopri
import time
from pathlib import Path

import pytest

from hourdesk.app.mail import Limits, Rejected, parse_message, parse_webform, read_sources
from hourdesk.app.mail.scrub import scrub
from tests.mailfixtures import (
    binary_garbage,
    deep_nesting,
    encoded_text,
    submission,
    webform_json,
    write_large_attachment,
    write_mbox,
)

SECRET = "Grüße-Kran!2026"
LETTER = f"Hallo,\n\ndas Passwort für den Server: {SECRET}\n\nViele Grüße\nEva\n"
OUTLOOK = Path(__file__).parent.parent / "data" / "mail" / "quarantine" / "outlook-qp-latin1.eml"
NOT_KEPT = "the original was not kept, only a redacted rendering"


def forms(secret: str) -> list[bytes]:
    """The secret as bytes in every encoding a message could carry it in."""
    found = []
    for charset in ("utf-8", "iso-8859-1"):
        data = secret.encode(charset)
        found += [data, base64.b64encode(data), quopri.encodestring(data).rstrip()]
    return found


def assert_no_secret(data: bytes, secret: str = SECRET) -> None:
    for form in forms(secret):
        assert form not in data, form
    assert b"[credential removed: password]" in data


def rejected(raw: bytes, source: str = "eml:/mail/x.eml") -> Rejected:
    result = parse_message(raw, source)
    assert isinstance(result, Rejected), result
    return result


@pytest.mark.parametrize(
    ("encoding", "charset"),
    [
        ("base64", "utf-8"),
        ("base64", "iso-8859-1"),
        ("quoted-printable", "iso-8859-1"),
        ("quoted-printable", "utf-8"),
        ("quoted-printable", "windows-1252"),
    ],
)
def test_an_encoded_password_is_found_and_only_a_rendering_kept(encoding, charset) -> None:
    raw = encoded_text(LETTER, encoding=encoding, charset=charset, depth=25)
    for form in forms(SECRET):  # hidden from a search of the raw bytes as text...
        assert form not in raw or form == quopri.encodestring(SECRET.encode(charset)).rstrip()

    kept = scrub(rejected(raw), Limits())

    assert kept.reason == (
        f"MIME parts nested deeper than 20 levels; credentials found (password): {NOT_KEPT}"
    )
    assert_no_secret(kept.raw)
    text = kept.raw.decode()
    assert text.startswith("X-Hourdesk-Quarantine: a redacted rendering; the original was not")
    assert "\nSubject: Zugang für den Server\n" in text
    assert "\nFrom: Dr. Eva Klein <eva@kanzlei.example>\n" in text
    assert "das Passwort für den Server: [credential removed: password]\n" in text
    assert "Viele Grüße\nEva" in text
    assert "Rechnung.pdf (application/pdf, 19 bytes)" in text
    assert "JVBERi" not in text  # the attachment itself is not kept


def test_a_clean_message_is_kept_as_it_came() -> None:
    raw = encoded_text("Hallo, der Drucker geht wieder nicht.\n", depth=25)
    original = rejected(raw)
    assert scrub(original, Limits()) == original


def test_credentials_in_headers_and_encoded_words() -> None:
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    word = base64.b64encode(f"token {token}".encode()).decode()
    raw = encoded_text("no secret here\n", depth=25, subject=f"=?utf-8?b?{word}?=")
    kept = scrub(rejected(raw), Limits())
    assert "GitHub token" in kept.reason
    assert token.encode() not in kept.raw and word.encode() not in kept.raw
    assert b"Subject: token [credential removed: GitHub token]" in kept.raw


def test_a_line_that_is_not_base64_is_read_as_text() -> None:
    raw = encoded_text("x\n", depth=25).replace(b"eAo=", b"password: Hunter2-Plain!x9")
    kept = scrub(rejected(raw), Limits())
    assert b"Hunter2-Plain!x9" not in kept.raw and "password" in kept.reason


def test_base64_cut_short_is_decoded_as_far_as_it_goes() -> None:
    text = base64.b64encode(f"password: {SECRET}\n".encode()).rstrip(b"=")
    for cut in range(4):
        raw = encoded_text("x\n", depth=25).replace(b"eAo=", text[: len(text) - cut] + b"Q")
        kept = scrub(rejected(raw), Limits())
        assert "credentials found (password)" in kept.reason, cut
        assert all(form not in kept.raw for form in forms(SECRET))


def test_a_password_split_by_html_tags_is_found() -> None:
    html = f"<html><body><p>Hallo,</p><p>Password: <b>{SECRET}</b></p></body></html>\n"
    raw = encoded_text(html, encoding="quoted-printable", depth=25).replace(
        b"text/plain", b"text/html", 1
    )
    kept = scrub(rejected(raw), Limits())
    assert_no_secret(kept.raw)
    assert "--- text/html" in kept.raw.decode()


def test_a_password_across_the_chunk_boundary_is_found() -> None:
    for filler in range(64 * 1024 - 40, 64 * 1024 + 10, 7):
        letter = "a" * filler + f"\npassword: {SECRET}\n"
        kept = scrub(rejected(encoded_text(letter, depth=25)), Limits())
        assert "credentials found" in kept.reason, filler


def test_an_attached_message_is_checked_too() -> None:
    inner = encoded_text(LETTER, attachment=None)
    raw = (
        b"From: a@b.example\nSubject: Fwd\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="outer"\n\n'
        b"--outer\nContent-Type: text/plain\n\nsee attached\n"
        b"--outer\nContent-Type: message/rfc822\n\n" + inner + b"--outer--\n"
    )
    kept = scrub(Rejected("eml:/x.eml", "more than 2 MIME parts", raw), Limits())
    assert_no_secret(kept.raw)
    assert "see attached" in kept.raw.decode()


def test_a_message_of_many_parts_is_checked_to_the_last() -> None:
    parts = [b"--p\nContent-Type: text/plain\n\npart %d\n" % n for n in range(5000)]
    secret = base64.b64encode(f"password: {SECRET}\n".encode())
    last = b"--p\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + secret
    raw = b'From: a@b.example\nContent-Type: multipart/mixed; boundary="p"\n\n'
    raw += b"".join(parts) + last + b"\n--p--\n"
    kept = scrub(rejected(raw), Limits())
    assert "credentials found (password)" in kept.reason
    assert all(form not in kept.raw for form in forms(SECRET))
    text = kept.raw.decode()
    assert "[… 4501 more parts were checked but are not shown]" in text
    assert text.count("--- text/plain") == 500


def test_a_file_too_big_to_parse_is_streamed(tmp_path: Path) -> None:
    limits = Limits(max_message_bytes=1024)
    (item,) = read_sources([OUTLOOK], limits)
    assert isinstance(item, Rejected) and item.raw is None  # never read into memory

    kept = scrub(item, limits)

    assert "over the 1024-byte limit; credentials found (password)" in kept.reason
    assert_no_secret(kept.raw)
    text = kept.raw.decode()
    assert "Subject: Zugang für den Router" in text
    assert "Kennwort: [credential removed: password]\n\nViele Grüße" in text
    assert "\r" not in text
    assert "Netzplan Büro.docx (application/vnd.openxmlformats" in text


def test_a_big_clean_file_is_checked_quickly_and_kept(tmp_path: Path) -> None:
    big = write_large_attachment(tmp_path / "big.eml", megabytes=30)
    (item,) = read_sources([big], Limits())
    start = time.perf_counter()
    assert scrub(item, Limits()) == item  # the original is copied: nothing found in it
    assert time.perf_counter() - start < 3  # the binary attachment is decoded, not scanned


def test_a_big_file_with_a_password_keeps_only_the_rendering(tmp_path: Path) -> None:
    big = write_large_attachment(tmp_path / "big.eml", megabytes=3)
    data = big.read_bytes().replace(b"Scans attached.", f"password: {SECRET}".encode())
    big.write_bytes(data)
    (item,) = read_sources([big], Limits(max_message_bytes=1024 * 1024))
    kept = scrub(item, Limits(max_message_bytes=1024 * 1024))
    assert_no_secret(kept.raw)
    assert len(kept.raw) < 2000
    assert "scans.pdf (application/pdf, 2328507 bytes)" in kept.raw.decode()


def test_what_cannot_be_checked_in_time_is_not_kept(tmp_path: Path) -> None:
    raw = encoded_text("nothing to see\n" * 20_000, depth=25)
    kept = scrub(rejected(raw), Limits(time_limit_s=0))
    assert kept.reason.endswith(f"not checked for credentials within the time limit: {NOT_KEPT}")
    assert kept.raw.startswith(b"X-Hourdesk-Quarantine:")


def test_mbox_junk_and_binary_garbage(tmp_path: Path) -> None:
    box = tmp_path / "in.mbox"
    write_mbox(box, [encoded_text("x\n")])
    box.write_bytes(f"notes before mail: password: {SECRET}\n\n".encode() + box.read_bytes())
    junk = next(iter(read_sources([box])))
    assert isinstance(junk, Rejected) and "before the first" in junk.reason
    kept = scrub(junk, Limits())
    assert_no_secret(kept.raw)

    garbage = rejected(binary_garbage(), "maildir:/m/new/1")
    assert scrub(garbage, Limits()) == garbage


def test_a_deep_nesting_with_a_plain_password() -> None:
    raw = deep_nesting().replace(b"at the bottom", f"password: {SECRET}".encode())
    kept = scrub(rejected(raw), Limits())
    assert_no_secret(kept.raw)


def test_a_web_form_submission_is_kept_as_redacted_json() -> None:
    export = webform_json(submission(email="nope", message=f"SSID: Büro\nPassword: {SECRET}"))
    (item,) = parse_webform(export, "json:/exports/form.json")
    assert isinstance(item, Rejected)
    assert SECRET.encode() not in item.raw  # JSON escapes hide it from a plain search...

    kept = scrub(item, Limits())

    assert "credentials found (password)" in kept.reason
    document = json.loads(kept.raw)
    assert document["message"] == "SSID: Büro\nPassword: [credential removed: password]"
    assert document["email"] == "nope"


def test_a_web_form_file_that_is_not_json_or_too_big(tmp_path: Path) -> None:
    broken = tmp_path / "form.json"
    broken.write_text('{"message": "SSID: B\\u00fcro\\nPassword: ' + SECRET + '", ')
    (item,) = read_sources([broken])
    kept = scrub(item, Limits())
    assert SECRET.encode() not in kept.raw and "credentials found" in kept.reason

    broken.write_text(json.dumps([submission(message=f"SSID: Büro\nPassword: {SECRET}")] * 50))
    (item,) = read_sources([broken], Limits(max_message_bytes=1024))
    assert item.raw is None
    kept = scrub(item, Limits(max_message_bytes=1024))
    assert SECRET.encode() not in kept.raw and "credentials found" in kept.reason


def test_nothing_to_keep_stays_nothing() -> None:
    gone = Rejected("mbox:/m/inbox#3", "30000000 bytes, over the limit", None)
    assert scrub(gone, Limits()) == gone
    missing = Rejected("eml:/nowhere/x.eml", "could not be stored", None)
    assert scrub(missing, Limits()) == missing
