"""A prepaid block's statement for the client (Markdown or PDF): each ticket's time drawn,
with its date and the balance after it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.exports.documents import BlockStatementDocument, BlockStatementLine

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk

WHAT = {
    "sale": "Bought",
    "drawdown": "Drawn",
    "return": "Given back",
    "rollover": "Rolled over",
    "lapse": "Lapsed",
    "void": "Voided",
    "credit": "Credited",
}


def statement(desk: Desk, key: str | int) -> BlockStatementDocument:
    """The statement of a block as of today."""
    block = desk.blocks.get(key)
    invoicing = desk.invoicing
    business, customer, _ = invoicing._parties(desk.clients.get(block.client_id))
    lines = [
        BlockStatementLine(
            day=e.at.date(),
            what=WHAT[e.kind],
            ref=e.ref,
            subject=e.subject if e.kind in ("drawdown", "return") else e.detail,
            seconds=e.seconds,
            balance=e.balance,
        )
        for e in desk.blocks.history(block)
    ]
    return BlockStatementDocument(
        number=block.number,
        business=business,
        client=customer,
        sold_on=block.created_at.date(),
        seconds=block.seconds,
        rate_cents=block.rate_cents,
        expires_on=block.expires_on,
        rule=block.rule,
        state=block.state,
        balance=block.balance,
        issued_on=block.today,
        lines=lines,
        locale=desk.settings.locale,
    )


def export(desk: Desk, key: str | int, fmt: str = "pdf", path: Path | None = None) -> Path:
    """Write the statement as Markdown or PDF (the PDF is slow: a worker in the TUI)."""
    from hourdesk.app.desk.billing.invoicing import refuse_placeholders
    from hourdesk.exports.pdf import block_statement_markdown, render_block_statement_pdf
    from hourdesk.storage.files import NotWritten, write_whole

    if fmt not in ("md", "pdf"):
        raise Invalid("format", "A block statement exports as md or pdf.")
    refuse_placeholders(desk.settings, payment=False)
    doc = statement(desk, key)
    path = path or desk.exports_dir() / f"block-{doc.number}.{fmt}"
    try:
        if fmt == "pdf":
            return render_block_statement_pdf(doc, path, desk.template_dir())
        return write_whole(path, block_statement_markdown(doc, desk.template_dir()))
    except NotWritten as exc:
        raise Refused(str(exc)) from exc


def send(desk: Desk, key: str | int, drafts: Path | None = None) -> str:
    """Email the statement PDF to the client through the outbox (or write the draft)."""
    from hourdesk.app.core.durations import format_duration

    block = desk.blocks.get(key)
    business = desk.settings.business
    client = desk.clients.get(block.client_id)
    until = f", valid until {block.expires_on}" if block.expires_on else ""
    body = (
        f"Hello {client.name},\n\nPlease find attached the statement of your prepaid hours"
        f" (block {block.number}): {format_duration(block.balance)} left{until}.\n\n"
        f"Thank you,\n{business.name}"
    )
    msg = desk.mailer.with_pdf(
        client.id,
        f"Prepaid hours, block {block.number}, from {business.name}",
        body,
        lambda: export(desk, block.number, "pdf"),
    )
    _, detail = desk.mailer.deliver(
        msg, drafts, f"block-{block.number}", invoice_id=block.invoice_id
    )
    return detail
