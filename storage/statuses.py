"""A ticket's statuses, hold reasons and channels: the words stored, and the words shown.
Standard library only, for the TUI's first page (drawn before pydantic is loaded)."""

STATUSES: tuple[str, ...] = ("new", "on_hold", "approved", "in_progress", "resolved", "closed")
OPEN_STATUSES: tuple[str, ...] = ("new", "on_hold", "approved", "in_progress")
HOLD_REASONS: tuple[str, ...] = ("awaiting_approval", "payment", "waiting_on_client", "declined")
CHANNELS: tuple[str, ...] = ("email", "web", "referral", "phone", "other")

STATUS_WORDS = {
    "new": "new",
    "on_hold": "on hold",
    "approved": "approved",
    "in_progress": "in progress",
    "resolved": "resolved",
    "closed": "closed",
}
