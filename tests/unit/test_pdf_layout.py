"""The page count costs no second layout: each document is laid out once, and its pages are
numbered "Page i of n" after. A template that prints its own page count keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus.doctemplate import BaseDocTemplate

from hourdesk.exports.pdf import render_completion_pdf, render_invoice_pdf
from tests.unit.test_pdf import completion, invoice


@pytest.fixture
def layouts(monkeypatch) -> list[str]:
    """How the documents rendered meanwhile were laid out: one build, or several passes."""
    seen: list[str] = []
    build, multi = BaseDocTemplate.build, BaseDocTemplate.multiBuild

    def counted_build(self, *args, **kwargs):
        seen.append("build")
        return build(self, *args, **kwargs)

    def counted_multi(self, *args, **kwargs):
        seen.append("multiBuild")
        return multi(self, *args, **kwargs)

    monkeypatch.setattr(BaseDocTemplate, "build", counted_build)
    monkeypatch.setattr(BaseDocTemplate, "multiBuild", counted_multi)
    return seen


def pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_a_long_invoice_is_laid_out_once(tmp_path: Path, layouts: list[str]) -> None:
    texts = pages(render_invoice_pdf(invoice(count=45), tmp_path / "long.pdf"))
    assert layouts == ["build"]
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Ærøskøbing IT · Invoice 2026-0001 · Page {number} of {len(texts)}" in text


def test_a_credit_note_and_a_completion_record_say_what_they_are(
    tmp_path: Path, layouts: list[str]
) -> None:
    credit = invoice(kind="credit_note", credits_number="2025-0100")
    (text,) = pages(render_invoice_pdf(credit, tmp_path / "credit.pdf"))
    assert "Ærøskøbing IT · Credit note 2026-0001 · Page 1 of 1" in text
    (text,) = pages(render_completion_pdf(completion(), tmp_path / "done.pdf"))
    assert "Ærøskøbing IT · Work completed T-0042 · Page 1 of 1" in text
    assert layouts == ["build", "build"]


def test_a_template_with_its_own_page_count_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "invoice.html").write_text(
        "<html><body><div>Own footer, page <pdf:pagenumber> of <PDF:PAGECOUNT></div></body></html>"
    )
    (text,) = pages(render_invoice_pdf(invoice(), tmp_path / "own.pdf", template_dir=tmp_path))
    assert "Own footer, page 1 of 1" in text
    assert "Page 1 of 1" not in text
