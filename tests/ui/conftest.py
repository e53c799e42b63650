"""Fixtures for the Pilot tests: the app on a temporary database with a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.vault import MemoryVault

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and the XDG dirs point into a temporary folder (the settings screen writes there)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in XDG:
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("HOURDESK_DB", raising=False)
    monkeypatch.delenv("HOURDESK_NOW", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def desk(tmp_path: Path, clock: FixedClock) -> Iterator[Desk]:
    desk = build_desk(tmp_path / "t.db", vault=MemoryVault(), clock=clock, settings=Settings())
    yield desk
    desk.close()


@pytest.fixture
def app(desk: Desk):
    from hourdesk.app.tui import HourdeskApp

    return HourdeskApp(desk)
