"""Pay at a glance: the reference to quote (invoice number or ISO 11649 RF), the PayPal.me
link with the amount and its QR code for a client who pays by PayPal, and the bank QR code."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import segno
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from pydantic import ValidationError
from pypdf import PdfReader

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.references import paypal_me_link, rf_reference, rf_valid
from hourdesk.app.core.settings import PaymentDetails
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import ready_settings, resolved_work

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("utc")


def test_rf_reference_follows_iso_11649() -> None:
    assert rf_reference("539007547034") == "RF18 5390 0754 7034"  # the standard's example
    assert rf_valid("RF18 5390 0754 7034") and rf_valid("rf18539007547034")
    assert not rf_valid("RF18 5390 0754 7035") and not rf_valid("2026-0001")
    assert rf_reference("2026-0007") == "RF63 2026 0007"


@given(st.integers(2000, 2999), st.integers(1, 9999), st.data())
def test_every_rf_reference_checks_and_one_wrong_digit_never_does(year, seq, data) -> None:
    reference = rf_reference(f"{year}-{seq:04d}")
    assert rf_valid(reference)
    compact = reference.replace(" ", "")
    at = data.draw(st.integers(4, len(compact) - 1))
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != compact[at]]))
    assert not rf_valid(compact[:at] + digit + compact[at + 1 :])


def test_paypal_me_link_carries_the_amount() -> None:
    assert paypal_me_link("riveraIT", 15549) == "https://paypal.me/riveraIT/155.49USD"
    assert paypal_me_link("riveraIT", 100000) == "https://paypal.me/riveraIT/1000.00USD"


def test_settings_refuse_a_bad_paypal_me_name_or_qr_template() -> None:
    assert PaymentDetails(paypal_me="https://paypal.me/riveraIT").paypal_me == "riveraIT"
    with pytest.raises(ValidationError, match=r"PayPal\.me name"):
        PaymentDetails(paypal_me="rivera it/../x")
    with pytest.raises(ValidationError, match=r"only \{amount\}"):
        PaymentDetails(bank_qr="pay {iban}")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = ready_settings(
        {
            "exports_dir": str(tmp_path / "exports"),
            "payment": {
                "paypal_address": "billing@rivera-it.example",
                "paypal_me": "riveraIT",
                "reference": "rf",
                "bank_qr": "BANK:First Coastal;ACCT:44012287;AMT:{amount};REF:{reference}",
            },
        }
    )
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    yield desk
    desk.close()


def issue(desk: Desk, name: str, method: str) -> str:
    client = desk.clients.add(name=name, emails="a@b.example", rate="120", payment_method=method)
    resolved_work(desk, client.id, "Printer offline", 45)
    return desk.invoicing.issue(client.id).number


def pdf_text_and_qr(path: Path) -> tuple[str, list[list[bool]] | None]:
    """The PDF's text, and the modules of the QR code it embeds (None without one)."""
    page = PdfReader(path).pages[0]
    text = re.sub(r"\s+", " ", page.extract_text())
    images = list(page.images)
    if not images:
        return text, None
    (image,) = images
    picture = Image.open(io.BytesIO(image.data)).convert("L")
    size = picture.width // 4  # scale 4, as drawn
    modules = [
        [picture.getpixel((x * 4 + 1, y * 4 + 1)) < 128 for x in range(size)] for y in range(size)
    ]
    return text, modules


def matrix(content: str) -> list[list[bool]]:
    return [[bool(m) for m in row] for row in segno.make(content, error="m").matrix_iter(border=2)]


def test_a_paypal_client_gets_the_link_with_the_amount_and_its_qr(desk) -> None:
    number = issue(desk, "Northwind Outfitters", "paypal")
    reference = rf_reference(number)
    text, qr = pdf_text_and_qr(desk.invoicing.pdf(number))
    link = "https://paypal.me/riveraIT/90.00USD"
    assert "PayPal: billing@rivera-it.example" in text and f"Pay online: {link}" in text
    assert f"Payment reference: {reference}" in text
    assert f"(it stands for invoice {number})" in text
    assert "Bank transfer is also accepted" in text and "First Coastal Bank" in text
    assert qr == matrix(link)


def test_a_bank_client_gets_the_bank_qr_and_no_paypal_link(desk) -> None:
    number = issue(desk, "Harbor Dental", "bank")
    reference = rf_reference(number)
    doc = desk.invoicing.document(desk.invoicing.get(number))
    assert doc.payment.reference == reference and doc.payment.paypal_link is None
    text, qr = pdf_text_and_qr(desk.invoicing.pdf(number))
    assert "paypal.me" not in text and "PayPal available on request" in text
    assert f"Payment reference: {reference}" in text
    assert qr == matrix(f"BANK:First Coastal;ACCT:44012287;AMT:90.00;REF:{reference}")


def test_without_a_qr_format_or_paypal_me_there_is_no_qr(desk) -> None:
    desk.settings = ready_settings()
    number = issue(desk, "Harbor Dental", "bank")
    text, qr = pdf_text_and_qr(desk.invoicing.pdf(number))
    assert qr is None and f"Payment reference: {number}" in text
