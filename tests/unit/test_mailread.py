import json
import os
import time
from datetime import UTC, datetime

import pytest

from hourdesk.app.mail import (
    FormRule,
    Incoming,
    Limits,
    Rejected,
    parse_message,
    parse_webform,
    quarantine,
    read_sources,
)
from tests.mailfixtures import (
    binary_garbage,
    deep_nesting,
    header_injection,
    many_semicolons,
    message,
    missing_boundary,
    nul_filled,
    submission,
    undecodable_bytes,
    unknown_charset,
    varied_dozen,
    varied_dozen_messages,
    webform_json,
    webform_notification,
    write_broken_mbox,
    write_eml,
    write_large_attachment,
    write_maildir,
    write_mbox,
)


def read_one(raw: bytes, **kwargs) -> Incoming:
    result = parse_message(raw, "test", **kwargs)
    assert isinstance(result, Incoming), result
    return result


def rejected(raw: bytes, **kwargs) -> Rejected:
    result = parse_message(raw, "test", **kwargs)
    assert isinstance(result, Rejected), result
    return result


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


# --- ordinary messages --------------------------------------------------------------------


def test_plain_message():
    incoming = read_one(message())
    assert incoming.from_name == "Anna Berg"
    assert incoming.from_addr == "anna@acme.example"
    assert incoming.subject == "Printer on the second floor is offline"
    assert incoming.date == datetime(2026, 3, 2, 8, 15, tzinfo=UTC)
    assert incoming.message_id == "<req-printer@acme.example>"
    assert incoming.body == "Hi,\n\nthe printer on the second floor is offline again.\n\nAnna"
    assert incoming.channel == "email"
    assert incoming.attachments == ()
    assert incoming.defects == ()


def test_html_only_message_becomes_readable_text():
    html = (
        "<html><head><title>Hidden title</title><style>p {color: red}</style></head><body>"
        "<p>Hello &amp; good&nbsp;morning,</p><div>the <b>scanner</b> fails.</div>"
        "<ul><li>since Monday</li><li>on all PCs</li></ul>"
        '<p>Log: <a href="https://logs.example/1">see here</a><br>Thanks</p>'
        "<script>alert('x')</script><!-- a comment --></body></html>"
    )
    incoming = read_one(message(body=None, html=html))
    assert incoming.body == (
        "Hello & good morning,\n\nthe scanner fails.\n\n- since Monday\n- on all PCs\n\n"
        "Log: see here (https://logs.example/1)\nThanks"
    )


def test_alternative_prefers_the_plain_text_part():
    incoming = read_one(message(body="Plain words.\n", html="<p>HTML <b>words</b>.</p>"))
    assert incoming.body == "Plain words."


def test_encoded_word_headers_and_rfc2231_file_names():
    continued = (
        b"From: =?iso-8859-1?q?J=FCrgen_M=FCller?= <Juergen@Mueller-Bau.EXAMPLE>\n"
        b"Subject: =?utf-8?b?RHJ1Y2tlciBnZWh0IG5pY2h0?= =?utf-8?q?_=E2=80=93_dringend?=\n"
        b"Date: Mon, 02 Mar 2026 09:15:00 +0100\nMessage-ID: <a@b.example>\n"
        b'Content-Type: multipart/mixed; boundary="B"\n\n'
        b"--B\nContent-Type: text/plain; charset=utf-8\n\nGr\xc3\xbc\xc3\x9fe\n"
        b"--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment;\n"
        b" filename*0*=utf-8''Gr%C3%BC; filename*1*=%C3%9Fe.txt\n\ndata\n--B--\n"
    )
    incoming = read_one(continued)
    assert incoming.from_name == "Jürgen Müller"
    assert incoming.from_addr == "juergen@mueller-bau.example"
    assert incoming.subject == "Drucker geht nicht – dringend"
    assert incoming.body == "Grüße"
    assert incoming.attachments == ("Grüße.txt",)
    built = read_one(message(attachments=(("Rechnung März.pdf", b"%PDF"), ("a.png", b"png"))))
    assert built.attachments == ("Rechnung März.pdf", "a.png")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\run.bat", "run.bat"),
        (".bashrc", "bashrc"),
        ("..", "unnamed"),
        ("invoice\u202efdp.exe", "invoice fdp.exe"),
        ('a<b>c:"d|e?f*.txt', "a_b_c__d_e_f_.txt"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_attachment_names_are_sanitized(name, expected):
    assert read_one(message(attachments=((name, b"data"),))).attachments == (expected,)


def test_threading_headers():
    raw = (
        b"From: tom@acme.example\nSubject: Re: [HD-0001] VPN drops every hour\n"
        b"In-Reply-To: <hd-0001.1@consultant.example>\n"
        b"References: <req-vpn@acme.example>\n <hd-0001.1@consultant.example> junk\n\nStill.\n"
    )
    incoming = read_one(raw)
    assert incoming.in_reply_to == ("<hd-0001.1@consultant.example>",)
    assert incoming.references == ("<req-vpn@acme.example>", "<hd-0001.1@consultant.example>")


def test_missing_message_id_gets_a_stable_synthetic_one():
    raw = message(message_id=None)
    first, second = read_one(raw), read_one(raw)
    assert first.message_id == second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@hourdesk>")
    assert len(first.message_id) == len("<@hourdesk>") + 64
    assert read_one(message(message_id=None, body="other\n")).message_id != first.message_id
    assert any("Message-ID" in defect for defect in first.defects)


def test_message_id_without_brackets_is_normalized():
    raw = b"From: a@b.example\nMessage-ID:  abc.123@b.example \n\nx\n"
    assert read_one(raw).message_id == "<abc.123@b.example>"


def test_dates_are_utc_or_none_with_a_defect():
    assert read_one(message(date="Mon, 02 Mar 2026 09:15:00 -0500")).date == datetime(
        2026, 3, 2, 14, 15, tzinfo=UTC
    )
    for garbage in (b"yesterday", b"Fri, 31 Dec 9999 23:59:59 -1200"):
        incoming = read_one(b"From: a@b.example\nDate: " + garbage + b"\n\nx\n")
        assert incoming.date is None
        assert "unreadable Date header" in incoming.defects


@pytest.mark.parametrize(
    ("sender", "name", "addr", "defect"),
    [
        ("bob@acme.example (Bob Smith)", "Bob Smith", "bob@acme.example", None),
        ('"Smith, Bob" <BOB@ACME.EXAMPLE>', "Smith, Bob", "bob@acme.example", None),
        ("a@acme.example, b@acme.example", "", "", "ambiguous"),
        ("Bob <bob@acme.example> <evil@x.example>", "", "", "ambiguous"),
        ('"ceo@acme.example" <evil@x.example>', "ceo@acme.example", "evil@x.example", "looks"),
        ("=?utf-8?q?B=3Cceo@acme.example=3E?= <evil@x.example>", None, "evil@x.example", "looks"),
        ("not an address", "", "", "malformed"),
    ],
)
def test_from_is_parsed_conservatively(sender, name, addr, defect):
    raw = b"From: " + sender.encode() + b"\nSubject: x\n\nbody\n"
    incoming = read_one(raw)
    assert incoming.from_addr == addr
    if name is not None:
        assert incoming.from_name == name
    from_defects = [d for d in incoming.defects if "From" in d]
    assert any(defect in d for d in from_defects) if defect else not from_defects


def test_body_is_cut_at_the_limit():
    incoming = read_one(message(body="word " * 1000), limits=Limits(max_body_chars=100))
    assert len(incoming.body) == 100
    assert "body cut to 100 characters" in incoming.defects


def test_terminal_control_sequences_are_removed_from_the_body():
    incoming = read_one(message(body="red \x1b[31malert\x07 done\r\nnext\n"))
    assert incoming.body == "red [31malert done\nnext"


# --- hostile messages ---------------------------------------------------------------------

HOSTILE = {
    "unknown charset": (unknown_charset(), Incoming, "unknown charset 'x-unknown'"),
    "undecodable bytes": (undecodable_bytes(), Incoming, "not valid utf-8 were replaced"),
    "missing boundary": (missing_boundary(), Incoming, "no boundary parameter"),
    "header injection": (header_injection(), Incoming, "line breaks in encoded words removed"),
    "100,000 semicolons": (many_semicolons(), Rejected, "header block over"),
    "semicolons in a part": (many_semicolons(60_000, nested=True), Incoming, "parameter list"),
    "1,000 nested multiparts": (deep_nesting(), Rejected, "nested deeper than 20"),
    "binary garbage": (binary_garbage(), Rejected, "no mail headers"),
    "NUL-filled": (nul_filled(), Rejected, "NUL bytes"),
    "empty": (b"", Rejected, "empty message"),
    "only whitespace": (b"\n\r\n  \n", Rejected, "empty message"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_message_is_survived(case):
    raw, outcome, note = HOSTILE[case]
    result, seconds = timed(parse_message, raw, "test")
    assert isinstance(result, outcome), result
    if isinstance(result, Rejected):
        assert note in result.reason
        assert result.raw == raw
    else:
        assert any(note in defect for defect in result.defects), result.defects
        for text in (result.subject, result.from_name, result.from_addr, *result.attachments):
            assert "\r" not in text and "\n" not in text
    assert seconds < 1.0


def test_header_injection_stays_on_one_line():
    incoming = read_one(header_injection())
    assert incoming.subject == "Invoice X-Injected: yes forged body"
    assert incoming.from_name == "Mallory Bcc: victim@example.com"
    assert incoming.from_addr == "mallory@evil.example"


def test_missing_boundary_shows_the_raw_text():
    assert "The text of a broken multipart." in read_one(missing_boundary()).body


def test_semicolons_under_a_raised_header_limit_stay_fast():
    raw = many_semicolons()
    incoming, seconds = timed(read_one, raw, limits=Limits(max_header_bytes=1024 * 1024))
    assert incoming.body == "body under a huge header"
    assert seconds < 0.5


def test_nesting_up_to_the_limit_is_read():
    assert read_one(deep_nesting(20)).body == "at the bottom"
    assert "nested deeper" in rejected(deep_nesting(21)).reason


def test_too_many_parts_are_refused():
    parts = b"".join(b"--B\nContent-Type: text/plain\n\npart\n" for _ in range(600))
    raw = b'From: a@b.example\nContent-Type: multipart/mixed; boundary="B"\n\n' + parts + b"--B--\n"
    assert rejected(raw).reason == "more than 500 MIME parts"
    assert read_one(raw, limits=Limits(max_parts=1000)).body.count("part") == 600


def test_time_limit_rejects_the_message():
    assert "time limit" in rejected(message(), limits=Limits(time_limit_s=0)).reason


@pytest.mark.parametrize("unit", ["<a", "</", "<?", "<!", "<![CDATA[>", "<!--", "<a b='>"])
def test_pathological_html_is_fast(unit):
    html = unit * (600_000 // len(unit))
    raw = b"From: a@b.example\nContent-Type: text/html\n\n" + html.encode()
    _, seconds = timed(read_one, raw)
    assert seconds < 1.0


def test_batch_goes_on_after_every_hostile_message(tmp_path):
    good = [message(message_id=f"<good{n}@acme.example>") for n in range(2)]
    hostile = [raw for raw, _, _ in HOSTILE.values() if raw.strip()]
    box = write_maildir(tmp_path / "box", [good[0], *hostile, good[1]])
    results = list(read_sources([box]))
    assert len(results) == len(hostile) + 2
    assert results[0].message_id == "<good0@acme.example>"
    assert results[-1].message_id == "<good1@acme.example>"
    assert sum(isinstance(r, Rejected) for r in results) == 4


# --- files and folders --------------------------------------------------------------------


def test_large_attachment_is_rejected_from_the_file_size(tmp_path):
    path = write_large_attachment(tmp_path / "big.eml", megabytes=50)
    (result,), seconds = timed(list, read_sources([path]))
    assert isinstance(result, Rejected)
    assert result.source == f"eml:{path}"
    assert "over the 26214400-byte limit" in result.reason
    assert result.raw is None
    assert seconds < 0.1


def test_attachment_under_the_limit_is_listed_but_not_decoded(tmp_path):
    path = write_large_attachment(tmp_path / "big.eml", megabytes=10)
    (incoming,), seconds = timed(list, read_sources([path]))
    assert incoming.attachments == ("scans.pdf",)
    assert incoming.body == "Scans attached."
    assert seconds < 2.0


def test_maildir_with_junk_entries(tmp_path):
    box = write_maildir(tmp_path / "box", [message()])
    (box / "cur" / "a-subdirectory").mkdir()
    os.mkfifo(box / "cur" / "b-fifo")
    (box / "cur" / "c-dangling").symlink_to(tmp_path / "gone")
    (box / "cur" / ".hidden").write_bytes(message())
    (box / "tmp" / "half-delivered").write_bytes(b"From: x")
    results = {r.source.rsplit("/", 1)[-1]: r for r in read_sources([box])}
    assert len(results) == 4
    assert results["a-subdirectory"].reason == "not a regular file"
    assert results["b-fifo"].reason == "not a regular file"
    assert "cannot read" in results["c-dangling"].reason
    assert [r.subject for r in results.values() if isinstance(r, Incoming)] == [
        "Printer on the second floor is offline"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without permission")
def test_maildir_with_an_unreadable_file(tmp_path):
    box = write_maildir(tmp_path / "box", [message(), message(subject="second")])
    first = sorted((box / "new").iterdir())[0]
    first.chmod(0)
    results = list(read_sources([box]))
    assert "Permission denied" in results[0].reason
    assert results[1].subject == "second"


def test_eml_files_and_folders(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    write_eml(folder / "b.EML", message(subject="second"))
    write_eml(folder / "a.eml", message(subject="first"))
    (folder / "notes.txt").write_text("not mail")
    single = write_eml(tmp_path / "single.eml", message(subject="single"))
    results = list(read_sources([folder, single]))
    assert [r.subject for r in results] == ["first", "second", "single"]
    assert results[2].source == f"eml:{single}"


def test_paths_that_are_not_mail(tmp_path):
    (tmp_path / "notes.txt").write_text("Just some notes\nabout nothing\n")
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "folder").mkdir()
    paths = ["notes.txt", "empty", "empty.eml", "folder", "missing"]
    reasons = [r.reason for r in read_sources(tmp_path / p for p in paths)]
    assert reasons == [
        "not mail: no mbox 'From ' line or mail header",
        "empty file",
        "empty message",
        "directory is neither a Maildir nor holds .eml files",
        "no such file or directory",
    ]


def test_mbox_written_by_mailbox(tmp_path):
    body = "Hello,\n\nFrom what I can see the disk is full.\n"
    path = write_mbox(tmp_path / "inbox", [message(), message(body=body, subject="disk")])
    results = list(read_sources([path]))
    assert [r.source for r in results] == [f"mbox:{path}#0", f"mbox:{path}#1"]
    assert results[1].body == body.strip()


def test_mbox_with_broken_from_lines(tmp_path):
    path = write_broken_mbox(tmp_path / "broken.mbox")
    junk, *messages = read_sources([path])
    assert isinstance(junk, Rejected)
    assert junk.reason == "text before the first 'From ' line"
    assert junk.raw.startswith(b"junk written")
    assert [m.subject for m in messages] == ["First", "Second", "Third"]
    assert "From the start this line was not escaped." in messages[1].body


def test_mbox_skips_an_oversized_message_without_keeping_it(tmp_path):
    huge = message(body="x" * 5000 + "\n", subject="huge")
    path = write_mbox(tmp_path / "inbox.mbox", [message(), huge, message(subject="after")])
    results = list(read_sources([path], Limits(max_message_bytes=4000)))
    assert isinstance(results[1], Rejected)
    assert results[1].raw is None
    assert "over the 4000-byte limit (at byte" in results[1].reason
    assert results[2].subject == "after"


def test_mbox_is_read_as_a_stream(tmp_path):
    path = write_mbox(tmp_path / "inbox", [message(subject="one"), message(subject="two")])
    reading = read_sources([path])
    assert next(reading).subject == "one"
    with path.open("ab") as mbox:
        mbox.write(b"\nFrom x Thu Mar  5 10:00:00 2026\n" + message(subject="appended"))
    assert [r.subject for r in reading] == ["two", "appended"]


# --- web forms ----------------------------------------------------------------------------


def test_webform_export(tmp_path):
    path = tmp_path / "form.json"
    path.write_bytes(webform_json(submission(), submission(subject=None, topic="Printer")))
    first, second = read_sources([path])
    assert first.source == f"json:{path}#0"
    assert first.channel == "web"
    assert (first.from_name, first.from_addr, first.subject) == (
        "Carla Rossi",
        "carla@rossi-design.example",
        "Laptop very slow",
    )
    assert first.body == "Hi,\nmy laptop takes ten minutes to start.\nCan you help this week?"
    assert first.date == datetime(2026, 3, 2, 13, 5, tzinfo=UTC)
    assert first.message_id.endswith("@hourdesk>")
    assert second.subject == "Printer"
    single = parse_webform(json.dumps(submission()).encode(), "json:x")
    assert single[0].message_id == first.message_id


@pytest.mark.parametrize(
    ("time_value", "expected"),
    [
        ("2026-03-02T13:05:00Z", datetime(2026, 3, 2, 13, 5, tzinfo=UTC)),
        ("2026-03-02 13:05", datetime(2026, 3, 2, 13, 5, tzinfo=UTC)),
        (1772456700, datetime(2026, 3, 2, 13, 5, tzinfo=UTC)),
        (1772456700000, datetime(2026, 3, 2, 13, 5, tzinfo=UTC)),
        ("1772456700", datetime(2026, 3, 2, 13, 5, tzinfo=UTC)),
        (None, None),
    ],
)
def test_webform_times(time_value, expected):
    (incoming,) = parse_webform(json.dumps(submission(time=time_value)).encode(), "json:x")
    assert incoming.date == expected


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (submission(email=None), "missing or malformed 'email'"),
        (submission(email="carla at example"), "missing or malformed 'email'"),
        (submission(message=None), "missing 'message'"),
        (submission(message="   "), "missing 'message'"),
        (submission(name=["Carla"]), "'name' is not text"),
        (submission(time="next tuesday"), "'time' is neither ISO 8601 nor epoch seconds"),
        (submission(time=True), "'time' is neither ISO 8601 nor epoch seconds"),
        (submission(time=1e300), "'time' is neither ISO 8601 nor epoch seconds"),
        ("just a string", "submission is not a JSON object"),
    ],
)
def test_webform_garbage_is_rejected(item, reason):
    good, bad = parse_webform(json.dumps([submission(), item]).encode(), "json:x")
    assert isinstance(good, Incoming)
    assert isinstance(bad, Rejected)
    assert bad.reason == reason
    assert json.loads(bad.raw) == item


@pytest.mark.parametrize("data", [b"{not json", b"[" * 100_000, b"\xff\xfe\xfa"])
def test_webform_file_that_is_not_json(data):
    (result,) = parse_webform(data, "json:x")
    assert isinstance(result, Rejected)
    assert result.reason.startswith("not valid JSON")


def test_webform_notification_email():
    incoming = read_one(webform_notification())
    assert incoming.channel == "web"
    assert (incoming.from_name, incoming.from_addr) == ("Carla Rossi", "carla@rossi-design.example")
    assert incoming.subject == "Laptop very slow"
    assert incoming.body == "Hi,\nmy laptop takes ten minutes to start.\nCan you help this week?"
    assert incoming.message_id == "<form-0042@consultant.example>"


def test_webform_notification_rules():
    rule = FormRule(senders=("website@consultant.example",))
    assert read_one(webform_notification(), form_rule=rule).channel == "web"
    imitation = message(subject="New contact form submission", body="Email: boss@acme.example\n")
    assert read_one(imitation, form_rule=rule).channel == "email"
    fieldless = read_one(message(subject="New contact form submission"))
    assert fieldless.channel == "email"
    assert any("fields were not found" in d for d in fieldless.defects)
    bad_address = read_one(webform_notification(email="no address"))
    assert (bad_address.channel, bad_address.from_addr) == ("web", "")


# --- quarantine ---------------------------------------------------------------------------


def test_quarantine_writes_raw_and_reason(tmp_path):
    rejected_message = Rejected("maildir:/mail/cur/17.M1:2,S", "no mail headers found", b"\0raw")
    path = quarantine(rejected_message, tmp_path / "q")
    assert path.parent == tmp_path / "q"
    assert path.read_bytes() == b"\0raw"
    reason = path.with_name(path.stem + ".reason.txt").read_text()
    assert reason == "source: maildir:/mail/cur/17.M1:2,S\nreason: no mail headers found\n"
    again = quarantine(rejected_message, tmp_path / "q")
    assert again != path and again.read_bytes() == b"\0raw"
    assert len(list((tmp_path / "q").iterdir())) == 4


def test_quarantine_copies_a_file_that_was_not_read(tmp_path):
    path = write_eml(tmp_path / "big.eml", message(body="x" * 2000))
    (result,) = read_sources([path], Limits(max_message_bytes=1000))
    assert result.raw is None
    copy = quarantine(result, tmp_path / "q")
    assert copy.read_bytes() == path.read_bytes()
    assert copy.suffix == ".eml"


def test_quarantine_of_something_without_a_file(tmp_path):
    result = Rejected("mbox:/mail/inbox#3", "too big (at byte 10)", None)
    path = quarantine(result, tmp_path / "q")
    assert path.name.endswith(".reason.txt")
    assert "copy: not kept" in path.read_text()
    assert list((tmp_path / "q").iterdir()) == [path]


def test_quarantine_names_stay_inside_the_folder(tmp_path):
    result = Rejected("eml:/x/../../\u202e\n.eml", "bad", b"raw")
    path = quarantine(result, tmp_path / "q")
    assert path.parent == tmp_path / "q"
    assert path.name.isascii() and not path.name.startswith(".")


# --- the varied dozen ---------------------------------------------------------------------


def test_varied_dozen(tmp_path):
    results = list(read_sources([varied_dozen(tmp_path / "inbox")]))
    labels = [label for label, _ in varied_dozen_messages()]
    assert len(results) == len(labels) == 12
    by_label = dict(zip(labels, results, strict=True))
    assert [label for label, r in by_label.items() if isinstance(r, Rejected)] == [
        "deep-nesting",
        "binary-garbage",
    ]
    assert by_label["webform-notification"].channel == "web"
    assert by_label["reply-hd-0001"].subject.startswith("Re: [HD-0001]")
    assert by_label["reply-hd-0001"].in_reply_to == ("<hd-0001.1@consultant.example>",)
    assert "every hour" in by_label["html-only"].body
    assert "track()" not in by_label["html-only"].body
    assert "Password: Sommer2026!Kran" in by_label["password-in-body"].body
    assert by_label["alternative-with-attachment"].attachments == ("Rechnung März.pdf",)
    assert by_label["no-id-garbage-date"].date is None
