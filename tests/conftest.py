"""Shared pytest fixtures."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator

import pytest

from tests import keyring_service

# --- Secret Service (tests marked `keyring`) -------------------------------------------


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private, unlocked gnome-keyring on a private session bus, once per test session.

    Yields the bus address, which is also ``DBUS_SESSION_BUS_ADDRESS`` meanwhile. Skips
    when the daemons are not installed, or fails when ``HOURDESK_REQUIRE_KEYRING=1``.
    """
    keyring_service.require_binaries()
    with keyring_service.secret_service(tmp_path_factory.mktemp("secret-service")) as address:
        yield address


# --- The local time zone ---------------------------------------------------------------


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """Set the local zone (Python's and SQLite's 'localtime') for one test, then restore it."""
    before = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def utc(local_zone: Callable[[str], None]) -> None:
    """Local days and times are UTC's."""
    local_zone("UTC")


BARE = ("app", "screens", "storage", "exports")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """hourdesk is imported as ``hourdesk.…`` only: a bare ``app`` (or ``storage``…) module
    loaded by any test would be a second copy of the code, and fails the run."""
    bare = sorted(name for name in sys.modules if name.split(".")[0] in BARE)
    if bare:
        print(f"\nbare imports of hourdesk's folders (import them as hourdesk.*): {bare}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
