"""The variables read without pydantic, so that ``hourdesk status`` stays fast: the two that
choose for a whole process rather than set a setting, ``HOURDESK_DB`` (which database) and
``HOURDESK_NOW`` (a fixed clock), and a setting's variable for the one setting the status
line shows. Settings are :mod:`hourdesk.app.core.settings`."""

from __future__ import annotations

import os


def database() -> str | None:
    """``HOURDESK_DB``: the database to open when ``--db`` is not given."""
    return os.environ.get("HOURDESK_DB") or None


def fixed_now() -> str | None:
    """``HOURDESK_NOW``: an ISO-8601 instant the clock stands at, for tests and demonstrations."""
    return os.environ.get("HOURDESK_NOW", "").strip() or None


def setting(name: str) -> str | None:
    """The variable of the top-level setting ``name``, in any case, as the settings model
    matches it (``HOURDESK_TICKET_PREFIX``)."""
    wanted = f"HOURDESK_{name}".upper()
    return next((value for key, value in os.environ.items() if key.upper() == wanted), None)
