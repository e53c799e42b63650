"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

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
