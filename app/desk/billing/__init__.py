"""Getting paid: invoices, payments, reminders and bank statements."""
