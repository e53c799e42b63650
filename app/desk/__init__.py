"""What hourdesk decides: one module per policy area, and the rules they share."""
