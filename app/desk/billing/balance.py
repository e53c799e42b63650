"""What an invoice has left to pay, as SQL over an invoice aliased ``i``: for the payment
hold, the receivables and ``hourdesk check``. Migration 11 keeps the table ``unpaid`` (the
invoices for which ``OPEN`` holds) with a copy of this condition in its triggers."""

# What an issued invoice (alias ``i``) has left to pay; its status and kind aside.
BALANCE = """(i.total_cents
    - coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)
    - coalesce((SELECT -sum(total_cents) FROM invoices c
                WHERE c.credits_invoice_id = i.id AND c.status = 'issued'), 0))"""
OPEN = f"i.kind = 'invoice' AND i.status = 'issued' AND {BALANCE} > 0"
