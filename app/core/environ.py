"""The two variables that choose for a whole process rather than set a setting, read
without pydantic so that ``hourdesk status`` stays fast: ``HOURDESK_DB`` (which database)
and ``HOURDESK_NOW`` (a fixed clock). Every other ``HOURDESK_*`` variable is a setting
(:mod:`hourdesk.app.core.settings`)."""

from __future__ import annotations

import os


def database() -> str | None:
    """``HOURDESK_DB``: the database to open when ``--db`` is not given."""
    return os.environ.get("HOURDESK_DB") or None


def fixed_now() -> str | None:
    """``HOURDESK_NOW``: an ISO-8601 instant the clock stands at, for tests and demonstrations."""
    return os.environ.get("HOURDESK_NOW", "").strip() or None
