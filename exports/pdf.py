"""Render invoices and completion records to HTML, PDF and Markdown.

Every string in a document is treated as hostile: HTML templates autoescape,
Markdown output is escaped by ``_md_finalize``, and xhtml2pdf runs under a
resource policy that fetches nothing remote and reads only ``assets/``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from hourdesk.exports.documents import (
    BlockStatementDocument,
    CompletionDocument,
    InvoiceDocument,
)
from hourdesk.exports.units import format_duration
from hourdesk.storage.files import destination, write_whole

if TYPE_CHECKING:
    from xhtml2pdf.config.resources import ResourceAccessPolicy

TEMPLATES_DIR = Path(__file__).parent / "templates"
ASSETS_DIR = Path(__file__).parent / "assets"

# Territories that print on US Letter rather than A4.
_LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT"})

# The page footer, drawn on the finished pages: 7.5pt grey, centred between the side margins
# (1.8cm) with its baseline 1.45cm above the bottom edge, where the templates leave room.
_FOOTER_FONT = "hourdesk-footer"
_FOOTER_SIZE = 7.5
_FOOTER_GREY = 0x77 / 0xFF
_CM = 72 / 2.54
_FOOTER_MARGIN = 1.8 * _CM
_FOOTER_BASELINE = 1.45 * _CM


class RenderError(RuntimeError):
    """xhtml2pdf could not turn a document into a PDF."""


@dataclass(frozen=True)
class Formatter:
    """Locale-aware formatting handed to the templates as ``fmt``."""

    locale: str
    currency: str = "USD"

    def money(self, cents: int) -> str:
        return format_currency(Decimal(cents) / 100, self.currency, locale=self.locale)

    def date(self, value: dt.date) -> str:
        return format_date(value, format="medium", locale=self.locale)

    def datetime(self, value: dt.datetime) -> str:
        pattern = get_datetime_format("medium", locale=self.locale)
        day = format_date(value, format="medium", locale=self.locale)
        clock = format_time(value, format="short", tzinfo=value.tzinfo, locale=self.locale)
        return pattern.replace("{1}", day).replace("{0}", clock)

    def hours(self, seconds: int) -> str:
        """The one time format of hourdesk (thread, TUI, CLI and print alike)."""
        return format_duration(seconds)

    def days(self, first: dt.date | None, last: dt.date | None) -> str:
        """``Mar 2, 2026`` or ``Mar 2, 2026 – Mar 5, 2026``."""
        if first is None or last is None:
            return ""
        if first == last:
            return self.date(first)
        return f"{self.date(first)} – {self.date(last)}"

    def qr(self, text: str) -> str:
        """A QR code of ``text`` as a PNG data URI (an image xhtml2pdf draws, no file)."""
        import segno

        return segno.make(text, error="m").png_data_uri(scale=4, border=2)

    @property
    def page_size(self) -> str:
        territory = Locale.parse(self.locale).territory
        return "letter" if territory in _LETTER_TERRITORIES else "a4"


# --- Markdown -------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
_MD_BLOCK_MARK = re.compile(r"^(\s*)([#+=-])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")


class MarkdownSafe(str):
    """Text already escaped for Markdown, passed through unchanged."""


def _md_line(line: str) -> str:
    """Escape inline markup, and whatever would start a heading, list or rule."""
    line = _MD_INLINE.sub(r"\\\1", line)
    line = _MD_BLOCK_MARK.sub(r"\1\\\2", line)
    return _MD_ORDERED.sub(r"\1\\\2", line)


def md_inline(value: object) -> MarkdownSafe:
    """One line of literal text: markup escaped, line breaks folded to spaces."""
    return MarkdownSafe(_md_line(" ".join(str(value).split())))


def md_block(value: str) -> MarkdownSafe:
    """Literal multi-line text, keeping its line breaks and paragraphs."""
    lines = [_md_line(line.rstrip()) for line in value.strip().splitlines()]
    out = [
        line + "\\" if line and i + 1 < len(lines) and lines[i + 1] else line
        for i, line in enumerate(lines)
    ]
    return MarkdownSafe("\n".join(out))


def _md_finalize(value: object) -> object:
    """Escape whatever a Markdown template prints, unless it is escaped already."""
    return value if isinstance(value, MarkdownSafe) else md_inline(value)


# --- Templates ------------------------------------------------------------


@lru_cache(maxsize=8)
def _environments(template_dir: Path | None) -> tuple[Environment, Environment]:
    """(HTML, Markdown) environments; a user ``template_dir`` wins over ours."""
    loaders = [FileSystemLoader(template_dir)] if template_dir else []
    loader = ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES_DIR)])
    html = Environment(loader=loader, autoescape=True, undefined=StrictUndefined)
    markdown = Environment(
        loader=loader,
        autoescape=False,
        undefined=StrictUndefined,
        finalize=_md_finalize,
        keep_trailing_newline=True,
    )
    markdown.filters["block"] = md_block
    return html, markdown


def _render(name: str, template_dir: Path | None, doc: object, fmt: Formatter) -> str:
    html, markdown = _environments(template_dir)
    env = markdown if name.endswith(".md") else html
    return env.get_template(name).render(doc=doc, fmt=fmt)


def render_invoice_html(doc: InvoiceDocument, template_dir: Path | None = None) -> str:
    return _render("invoice.html", template_dir, doc, Formatter(doc.locale, doc.currency))


def render_completion_html(doc: CompletionDocument, template_dir: Path | None = None) -> str:
    return _render("completion.html", template_dir, doc, Formatter(doc.locale))


def completion_markdown(doc: CompletionDocument, template_dir: Path | None = None) -> str:
    return _render("completion.md", template_dir, doc, Formatter(doc.locale))


def block_statement_markdown(doc: BlockStatementDocument, template_dir: Path | None = None) -> str:
    return _render("block_statement.md", template_dir, doc, Formatter(doc.locale))


def render_block_statement_html(
    doc: BlockStatementDocument, template_dir: Path | None = None
) -> str:
    return _render("block_statement.html", template_dir, doc, Formatter(doc.locale))


# --- PDF ------------------------------------------------------------------


def resource_policy() -> ResourceAccessPolicy:
    """No network at all; local reads confined to the bundled assets."""
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    return ResourceAccessPolicy.server(ASSETS_DIR, allow_remote=False)


def html_to_pdf(html: str, path: Path, footer: str = "") -> Path:
    """Convert rendered HTML to a PDF at ``path`` under :func:`resource_policy`, with
    ``footer · Page i of n`` at the foot of every page when a footer is given (and the
    template does not count the pages itself).

    The file is written whole (see ``storage.files``); a destination that is not a
    regular file is refused before anything is rendered.
    """
    destination(path)
    data = _pdf(html, path.name)
    if footer and "<pdf:pagecount" not in html.lower():
        data = _number_pages(data, footer)
    return write_whole(path, data)


def _pdf(html: str, name: str) -> bytes:
    from xhtml2pdf import pisa  # slow to import: only when a PDF is wanted

    buffer = io.BytesIO()
    result = pisa.CreatePDF(
        html,
        dest=buffer,
        # Names a document inside assets/, so relative URLs resolve there.
        path=str(ASSETS_DIR / "document.html"),
        encoding="utf-8",
        resource_policy=resource_policy(),
    )
    if result.err:
        raise RenderError(f"xhtml2pdf reported {result.err} error(s) rendering {name}")
    return buffer.getvalue()


def _number_pages(data: bytes, footer: str) -> bytes:
    """data with ``footer · Page i of n`` drawn on each page.

    Drawn once the pages are known: xhtml2pdf's own page count (``<pdf:pagecount>``) lays
    the whole document out twice, a third of the time of a long invoice.
    """
    import pypdf
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    font = _footer_font()
    document = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    count = len(document.pages)
    stamps = io.BytesIO()
    canvas = Canvas(stamps, initialFontName=font, initialFontSize=_FOOTER_SIZE)
    for number, page in enumerate(document.pages, start=1):
        width = float(page.mediabox.width)
        canvas.setPageSize((width, float(page.mediabox.height)))
        text = f"{' '.join(footer.split())} · Page {number} of {count}"
        room = width - 2 * _FOOTER_MARGIN  # a long business name is set smaller, never cut
        size = min(_FOOTER_SIZE, _FOOTER_SIZE * room / stringWidth(text, font, _FOOTER_SIZE))
        canvas.setFont(font, size)
        canvas.setFillGray(_FOOTER_GREY)
        canvas.drawCentredString(width / 2, _FOOTER_BASELINE, text)
        canvas.showPage()
    canvas.save()
    for page, stamp in zip(document.pages, pypdf.PdfReader(stamps).pages, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def _footer_font() -> str:
    """The bundled DejaVu Sans, registered with ReportLab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(_FOOTER_FONT, str(ASSETS_DIR / "fonts" / "DejaVuSans.ttf")))
    return _FOOTER_FONT


def render_invoice_pdf(doc: InvoiceDocument, path: Path, template_dir: Path | None = None) -> Path:
    what = "Credit note" if doc.is_credit else "Invoice"
    footer = f"{doc.business.name} · {what} {doc.number}"
    return html_to_pdf(render_invoice_html(doc, template_dir), path, footer)


def render_completion_pdf(
    doc: CompletionDocument, path: Path, template_dir: Path | None = None
) -> Path:
    footer = f"{doc.business.name} · Work completed {doc.ref}"
    return html_to_pdf(render_completion_html(doc, template_dir), path, footer)


def render_block_statement_pdf(
    doc: BlockStatementDocument, path: Path, template_dir: Path | None = None
) -> Path:
    footer = f"{doc.business.name} · Prepaid block {doc.number}"
    return html_to_pdf(render_block_statement_html(doc, template_dir), path, footer)
