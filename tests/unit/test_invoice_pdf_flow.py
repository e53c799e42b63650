"""From resolved tickets to the PDF a client pays: what the printed invoice says (pypdf)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import resolved_work

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOSTILE_SUBJECT = 'Fix <font color="[[red]]">mail</font> & <img src="file:///etc/passwd">'


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = Settings.model_validate(
        {
            "business": {
                "name": "Rivera IT Consulting",
                "address": "118 Harbor View Road\nPortland, ME 04101",
                "email": "alex@rivera-it.example",
            },
            "payment": {
                "bank_details": "First Coastal Bank, Portland ME\nAccount 4401 2287 6650",
                "paypal_address": "billing@rivera-it.example",
            },
            "timer": {"rounding": "up6"},
            "exports_dir": str(tmp_path / "exports"),
        }
    )
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    yield desk
    desk.close()


bill = resolved_work


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return re.sub(r"\s+", " ", text)


def test_the_invoice_pdf_has_what_the_client_needs_to_pay(desk, tmp_path) -> None:
    client = desk.clients.add(
        name="Zoë Ångström-Müller",
        emails="zoe@angstrom.example",
        billing_address="Hafenstraße 7\n20459 Hamburg",
        rate="140",
    )
    first = bill(desk, client.id, "Printer offline after update", 61)  # billed 1h06m
    second = bill(desk, client.id, HOSTILE_SUBJECT, 90)
    invoice = desk.invoicing.issue(client.id)
    # What changes after issuing never reaches the issued invoice.
    desk.clients.update(client.id, name="Renamed Client", billing_address="Elsewhere 1")
    desk.settings.business.address = "9 New Street"

    path = desk.invoicing.pdf(invoice.number)
    assert path == tmp_path / "exports" / f"invoice-{invoice.number}.pdf"
    text = pdf_text(path)
    for expected in (
        "INVOICE",
        "2026-0001",
        first,
        second,
        "Printer offline after update",
        'Fix <font color="[[red]]">mail</font> & <img src="file:///etc/passwd">',
        "1h06m",  # 61 min, rounded up to 6 minutes
        "1h01m worked, billed rounded up to 6 min",
        "1h30m",
        "$140.00/h",
        "$154.00",  # 1.1 h x $140
        "$210.00",
        "$364.00",  # the total
        "Mar 2, 2026",  # issue date
        "Mar 16, 2026",  # due: net 14
        "Net 14 days",
        "Please pay $364.00 by Mar 16, 2026.",
        "Bank transfer",
        "First Coastal Bank, Portland ME",
        "Account 4401 2287 6650",
        "PayPal available on request",
        "Zoë Ångström-Müller",
        "Hafenstraße 7",
        "118 Harbor View Road",
        "Rivera IT Consulting",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    for absent in ("Renamed Client", "Elsewhere 1", "9 New Street"):
        assert absent not in text


def test_a_client_who_pays_by_paypal_gets_the_paypal_address(desk, tmp_path) -> None:
    client = desk.clients.add(
        name="Northwind Outfitters", emails="ops@northwind.example", payment_method="paypal"
    )
    ref = bill(desk, client.id, "Wi-Fi drops", 45)
    invoice = desk.invoicing.issue(client.id)
    text = pdf_text(desk.invoicing.pdf(invoice.number, tmp_path / "custom" / "n.pdf"))
    assert "PayPal: billing@rivera-it.example" in text
    assert "Bank transfer is also accepted" in text and "First Coastal Bank" in text
    assert ref in text and "0h48m" in text and "Please pay $96.00 by" in text  # 0.8 h at $120
