"""Waiting for the detached daily backup that a command started."""

from __future__ import annotations

import os
import time
from pathlib import Path


def backing_up(path: Path) -> bool:
    """Whether a detached daily backup of ``path`` still runs."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"hourdesk.app.daily" in args and str(path).encode() in args:
            return True
    return False


def settle(path: Path, timeout: float = 60) -> None:
    """Wait until every detached backup of ``path`` has ended."""
    deadline = time.monotonic() + timeout
    time.sleep(0.2)
    while backing_up(path):
        assert time.monotonic() < deadline, "the daily backup did not end"
        time.sleep(0.05)
