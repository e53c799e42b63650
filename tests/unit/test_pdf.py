"""Invoice and completion documents: content, escaping, resource policy, templates."""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from hourdesk.exports.documents import (
    CompletionDocument,
    InvoiceDocument,
    InvoiceLine,
    Party,
    PaymentInstructions,
)
from hourdesk.exports.pdf import (
    ASSETS_DIR,
    Formatter,
    completion_markdown,
    html_to_pdf,
    render_completion_html,
    render_completion_pdf,
    render_invoice_html,
    render_invoice_pdf,
    resource_policy,
)

UNICODE_NAMES = ["Zoë Ångström-Müller", "Łódź", "Ærøskøbing", "≤", "€", "—"]
SECRET = "MARKER-SECRET-7f3a9c"


def line(i: int = 0, **changes: object) -> InvoiceLine:
    values = {
        "ref": f"T-{i:04d}",
        "subject": f"Printer offline — floor {i}",
        "seconds": 8530,
        "billed_seconds": 9000,
        "rounding": "up to 15 min",
        "rate_cents": 12000,
        "amount_cents": 30000,
    }
    return InvoiceLine(**{**values, **changes})


def invoice(count: int = 2, **changes: object) -> InvoiceDocument:
    values = {
        "number": "2026-0001",
        "issue_date": date(2026, 1, 5),
        "due_date": date(2026, 1, 19),
        "terms_days": 14,
        "business": Party(
            name="Ærøskøbing IT",
            address="Vestergade 12\n5970 Ærøskøbing",
            email="hello@aero.example",
        ),
        "client": Party(
            name="Zoë Ångström-Müller",
            company="Łódź Logistics",
            address="ul. Piotrkowska 1\n90-001 Łódź",
        ),
        "lines": [line(i) for i in range(count)],
        "subtotal_cents": 30000 * count,
        "total_cents": 30000 * count,
        "payment": PaymentInstructions(
            bank_details="IBAN DK00 1234 5678 9012 34\nBIC EXAMDKKK",
            paypal_address="pay@aero.example",
        ),
        "notes": "Prices ≤ list; € accepted by arrangement.",
    }
    return InvoiceDocument(**{**values, **changes})


def completion(**changes: object) -> CompletionDocument:
    values = {
        "ref": "T-0042",
        "subject": "Mailbox migration for Zoë",
        "client": Party(name="Zoë Ångström-Müller"),
        "business": Party(name="Ærøskøbing IT"),
        "resolved_at": datetime(2026, 1, 5, 15, 4, tzinfo=UTC),
        "summary": "Moved three mailboxes.\nRe-created delegates in Łódź.",
        "seconds_by_category": {"Remote support": 5400, "Travel": 1800},
        "billable_seconds": 5400,
        "non_billable_seconds": 1800,
        "total_seconds": 7200,
    }
    return CompletionDocument(**{**values, **changes})


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


@pytest.fixture(scope="module")
def invoice_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_invoice_pdf(invoice(), tmp_path_factory.mktemp("pdf") / "invoice.pdf")


# --- Content --------------------------------------------------------------


def test_print_uses_the_one_time_format() -> None:
    from hourdesk.app.core.durations import format_duration

    fmt = Formatter("en_US")
    for seconds in (351, 5399, 9000, 0, 45_000):
        assert fmt.hours(seconds) == format_duration(seconds)
    assert (fmt.hours(351), fmt.hours(5399)) == ("0h05m", "1h29m")


def test_invoice_pdf_prints_what_the_client_needs(invoice_pdf: Path) -> None:
    text = pdf_text(invoice_pdf)
    for expected in [
        "INVOICE",
        "2026-0001",
        "T-0000",
        "T-0001",
        "2h30m",
        "2h22m worked, billed rounded up to 15 min",
        "$120.00/h",
        "$300.00",
        "$600.00",
        "Jan 5, 2026",
        "Jan 19, 2026",
        "Net 14 days",
        "Please pay $600.00 by Jan 19, 2026.",
        "IBAN DK00 1234 5678 9012 34",
        "PayPal available on request.",
        "Page 1 of 1",
        *UNICODE_NAMES,
    ]:
        assert expected in text, expected
    assert "pay@aero.example" not in text


def test_bundled_templates_render_without_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="xhtml2pdf"):
        render_invoice_pdf(invoice(status="void", void_reason="Duplicate"), tmp_path / "i.pdf")
        render_completion_pdf(completion(), tmp_path / "c.pdf")
    assert caplog.records == []


def test_invoice_pdf_embeds_dejavu(invoice_pdf: Path) -> None:
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(invoice_pdf).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in name for name in fonts), fonts
    assert any("DejaVuSans-Bold" in name for name in fonts), fonts


def test_paypal_preferred_prints_the_address() -> None:
    payment = PaymentInstructions(
        bank_details="IBAN DK00", paypal_address="pay@aero.example", preferred="paypal"
    )
    html = render_invoice_html(invoice(payment=payment))
    assert "PayPal: <b>pay@aero.example</b>" in html
    assert "available on request" not in html


def test_paypal_preferred_needs_an_address() -> None:
    with pytest.raises(ValueError, match="paypal_address"):
        PaymentInstructions(bank_details="IBAN", preferred="paypal")


def test_documents_are_frozen() -> None:
    with pytest.raises(ValueError, match="frozen"):
        invoice().number = "2026-0002"  # type: ignore[misc]


def test_long_invoice_repeats_the_table_header(tmp_path: Path) -> None:
    pages = pdf_pages(render_invoice_pdf(invoice(count=45), tmp_path / "long.pdf"))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Description" in text
        assert f"Page {number} of {len(pages)}" in text
    assert "T-0044" in pages[-1]
    assert "$13,500.00" in pages[-1]


def test_void_invoice_says_so_and_asks_for_nothing(tmp_path: Path) -> None:
    doc = invoice(status="void", void_reason="Issued twice")
    text = pdf_text(render_invoice_pdf(doc, tmp_path / "void.pdf"))
    assert "VOID INVOICE" in text
    assert "cancelled and is not payable" in text
    assert "Reason: Issued twice" in text
    assert "Please pay" not in text
    assert 'id="void-mark"' in render_invoice_html(doc)
    assert 'id="void-mark"' not in render_invoice_html(invoice())


def test_locale_formats_money_and_dates() -> None:
    html = render_invoice_html(invoice(locale="de_DE", currency="EUR"))
    assert "600,00\xa0€" in html
    assert "19.01.2026" in html
    assert "size: a4" in html


# --- Hostile text ---------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server_url():
    """An http.server on 127.0.0.1; yields its URL, fails if it was asked anything."""
    handler = type("Recorder", (_Recorder,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    assert handler.requests == []


_watched: set[str] = set()
_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and isinstance(args[0], str | os.PathLike):
        name = os.fspath(args[0])
        if any(name.endswith(watched) for watched in _watched):
            _opened.append(name)


sys.addaudithook(_audit)


@pytest.fixture
def marker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A secret file in the working directory; fails if anything opened it."""
    path = tmp_path / "marker.css"
    path.write_text(f"body {{ color: red }} /* {SECRET} */")
    monkeypatch.chdir(tmp_path)
    _watched.add(path.name)
    _opened.clear()
    yield path
    _watched.discard(path.name)
    assert _opened == []


def hostile(url: str, marker: Path) -> str:
    relative = os.path.relpath(marker, ASSETS_DIR)
    return (
        f'<img src="file://{marker}"> <img src="{marker.name}"> <img src="{relative}">'
        f' <link rel="stylesheet" href="{url}/link.css"> <font color="[[{url}/f]]">x</font>'
        f' <div style="background: url({url}/bg.png)">{url}/plain</div> & {{{{ 7*7 }}}}'
    )


def hostile_invoice(text: str) -> InvoiceDocument:
    party = Party(name=text, company=text, address=f"{text}\n{text}", email=text, phone=text)
    return invoice(
        number=text,
        business=party,
        client=party,
        lines=[line(ref=text, subject=text, rounding=text)],
        payment=PaymentInstructions(bank_details=text, paypal_address=text),
        status="void",
        void_reason=text,
        notes=text,
    )


def test_hostile_text_is_escaped_in_html(server_url: str, marker: Path) -> None:
    html = render_invoice_html(hostile_invoice(hostile(server_url, marker)))
    assert "<img" not in html
    assert "<link" not in html
    assert "<font" not in html
    assert "&lt;img src=&#34;file://" in html
    assert "{{ 7*7 }}" in html


def test_hostile_text_prints_literally_and_fetches_nothing(
    server_url: str, marker: Path, tmp_path: Path
) -> None:
    text = hostile(server_url, marker)
    pdf = render_invoice_pdf(hostile_invoice(text), tmp_path / "hostile.pdf")
    printed = pdf_text(pdf)
    assert f'<img src="file://{marker}">' in printed
    assert f'<link rel="stylesheet" href="{server_url}/link.css">' in printed
    assert SECRET not in printed
    assert SECRET.encode() not in pdf.read_bytes()


def test_policy_refuses_the_network_and_everything_outside_assets(
    server_url: str, marker: Path
) -> None:
    from xhtml2pdf.config.resources import ResourceAccessError

    policy = resource_policy()
    policy.check_path(ASSETS_DIR / "fonts" / "DejaVuSans.ttf")
    for url in [f"{server_url}/x.png", "https://example.com/x.png"]:
        with pytest.raises(ResourceAccessError):
            policy.check_url(url)
    for path in [marker, ASSETS_DIR / os.path.relpath(marker, ASSETS_DIR), Path("/etc/passwd")]:
        with pytest.raises(ResourceAccessError):
            policy.check_path(path)


def hostile_markup(url: str, marker: Path) -> str:
    """Markup that really asks xhtml2pdf to fetch: what a user template could do."""
    relative = os.path.relpath(marker, ASSETS_DIR)
    return f"""<html><head><style>
@import url("{url}/import.css");
@font-face {{ font-family: Leak; src: url("file://{marker}"); }}
@font-face {{ font-family: Leak2; src: url("{relative}"); }}
body {{ background-image: url("{url}/bg.png"); }}
</style>
<link rel="stylesheet" href="{url}/link.css">
<link rel="stylesheet" href="file://{marker}">
<link rel="stylesheet" href="{marker.name}">
</head><body>
<img src="file://{marker}"><img src="{marker.name}"><img src="{relative}">
<img src="{url}/img.png"><img src="file:///etc/passwd">
<p style="font-family: Leak">Invoice {{{{ doc.number }}}}</p>
</body></html>"""


def test_policy_blocks_markup_that_asks_for_resources(
    server_url: str, marker: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "invoice.html").write_text(hostile_markup(server_url, marker))
    with caplog.at_level(logging.WARNING, logger="xhtml2pdf"):
        pdf = render_invoice_pdf(invoice(), tmp_path / "out.pdf", template_dir=templates)
    assert "Invoice 2026-0001" in pdf_text(pdf)
    assert SECRET.encode() not in pdf.read_bytes()
    blocked = [
        r.getMessage() for r in caplog.records if "Blocked by the resource" in r.getMessage()
    ]
    assert sum("remote resources are not allowed" in m for m in blocked) == 4
    assert sum(f"{marker}' is outside the directories" in m for m in blocked) == 7
    assert sum("'/etc/passwd' is outside the directories" in m for m in blocked) == 1


def test_marker_check_would_notice_a_read(marker: Path, tmp_path: Path) -> None:
    """Control: without the policy, the same markup does open the marker file."""
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import PERMISSIVE_POLICY

    with (tmp_path / "control.pdf").open("wb") as out:
        pisa.CreatePDF(f'<img src="file://{marker}">', dest=out, resource_policy=PERMISSIVE_POLICY)
    assert _opened
    _opened.clear()


# --- Templates ------------------------------------------------------------


def test_user_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "invoice.html").write_text(
        '{% from "macros.html" import party %}'
        "<html><body><h1>Custom {{ doc.number }}</h1>{{ party(doc.client) }}</body></html>"
    )
    doc = invoice(client=Party(name="<b>Zoë</b>"))
    html = render_invoice_html(doc, template_dir=tmp_path)
    assert "<h1>Custom 2026-0001</h1>" in html
    assert "&lt;b&gt;Zoë&lt;/b&gt;" in html
    assert "WORK COMPLETED" in render_completion_html(completion(), template_dir=tmp_path)
    text = pdf_text(render_invoice_pdf(doc, tmp_path / "custom.pdf", template_dir=tmp_path))
    assert "Custom 2026-0001" in text


def test_templates_refuse_undefined_names(tmp_path: Path) -> None:
    from jinja2 import UndefinedError

    (tmp_path / "invoice.html").write_text("{{ doc.no_such_field }}")
    with pytest.raises(UndefinedError):
        render_invoice_html(invoice(), template_dir=tmp_path)


def test_broken_markup_still_renders(tmp_path: Path) -> None:
    path = html_to_pdf("<p>unclosed <b>bold", tmp_path / "broken.pdf")
    assert "unclosed bold" in pdf_text(path)


# --- Completion record ----------------------------------------------------


def test_completion_pdf(tmp_path: Path) -> None:
    text = pdf_text(render_completion_pdf(completion(), tmp_path / "done.pdf"))
    for expected in [
        "WORK COMPLETED",
        "T-0042",
        "Mailbox migration for Zoë",
        "Jan 5, 2026, 3:04 PM",
        "Re-created delegates in Łódź.",
        "Remote support",
        "1h30m",
        "Non-billable",
        "0h30m",
        "2h00m",
        "Page 1 of 1",
    ]:
        assert expected in text, expected


def test_completion_markdown() -> None:
    md = completion_markdown(completion())
    assert md.startswith("# Work completed: T-0042\n")
    assert "**Mailbox migration for Zoë**" in md
    assert "Moved three mailboxes.\\\nRe-created delegates in Łódź." in md
    assert "| Remote support | 1h30m |" in md
    assert "| **Total** | **2h00m** |" in md


def test_completion_markdown_escapes_markup() -> None:
    doc = completion(
        subject='<img src=x onerror="alert(1)"> *bold* [link](http://evil) `code`',
        client=Party(name="A | B\n\n# Owned"),
        summary="# heading\n- item\n1. first\n<script>alert(1)</script>\n\nsecond para",
        seconds_by_category={"On|site": 60},
    )
    md = completion_markdown(doc)
    assert re.search(r"(?<!\\)[<>]", md) is None
    assert '\\<img src=x onerror="alert(1)"\\>' in md
    assert "\\*bold\\* \\[link\\](http://evil) \\`code\\`" in md
    assert "A \\| B # Owned" in md
    assert "\n# heading" not in md
    assert "\\# heading\\\n\\- item\\\n1\\. first\\\n\\<script\\>" in md
    assert "\\</script\\>\n\nsecond para" in md
    assert "| On\\|site | 0h01m |" in md
