"""Time invoice PDF rendering: 20 and 500 lines, median of 3 runs each.

Run as ``uv run python tests/perf/bench_pdf.py``. The first 20-line figure
includes importing xhtml2pdf, which a real first render pays once.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from hourdesk.exports.documents import InvoiceDocument, InvoiceLine, Party, PaymentInstructions
from hourdesk.exports.pdf import render_invoice_pdf

RUNS = 3


def invoice(lines: int) -> InvoiceDocument:
    return InvoiceDocument(
        number="2026-0001",
        issue_date=date(2026, 3, 2),
        due_date=date(2026, 3, 16),
        terms_days=14,
        business=Party(name="Zoë Ångström-Müller IT", address="Vestergade 12\n5970 Ærøskøbing"),
        client=Party(name="Łódź Logistics", address="ul. Piotrkowska 1\n90-001 Łódź"),
        lines=[
            InvoiceLine(
                ref=f"T-{i:04d}",
                subject=f"Printer on floor {i % 7} offline — replaced fuser, driver update",
                seconds=8530 + i,
                billed_seconds=9000,
                rounding="up to 15 min",
                rate_cents=12000,
                amount_cents=30000,
            )
            for i in range(lines)
        ],
        subtotal_cents=30000 * lines,
        total_cents=30000 * lines,
        payment=PaymentInstructions(bank_details="IBAN DK00 1234 5678 9012 34\nBIC EXAMDKKK"),
    )


def seconds_to_render(doc: InvoiceDocument, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds for one render (CPU is steadier on a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    render_invoice_pdf(doc, out)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bench.pdf"
        wall, cpu = seconds_to_render(invoice(20), out)
        print(f"first render, 20 lines (incl. xhtml2pdf import): {wall:.2f} s (cpu {cpu:.2f} s)")
        for lines in (20, 500):
            doc = invoice(lines)
            walls, cpus = zip(*(seconds_to_render(doc, out) for _ in range(RUNS)), strict=True)
            runs = ", ".join(f"{t:.2f}" for t in walls)
            print(
                f"{lines:>4} lines: median {statistics.median(walls):.2f} s "
                f"(cpu {statistics.median(cpus):.2f} s; runs: {runs})"
            )


if __name__ == "__main__":
    main()
