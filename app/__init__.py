"""hourdesk: tickets, approvals, a live timer and invoices for an independent IT consultant."""

__version__ = "0.1.0"
