"""The fixtures of every test: private HOME and XDG dirs, a desk on a temporary database with a
fixed clock, the TUI on it, the installed command as a subprocess, and a real Secret Service."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.models import Client
from hourdesk.storage.vault import MemoryVault
from tests import keyring_service

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@pytest.fixture(autouse=True)
def private_dirs(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> Path:
    """HOME and the XDG dirs point into a temporary folder: no test touches the real ones."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in XDG:
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("HOURDESK_DB", raising=False)
    monkeypatch.delenv("HOURDESK_NOW", raising=False)
    if "ui" in request.path.parts:  # the screens show local times: UTC for the snapshots
        monkeypatch.setenv("TZ", "UTC")
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def desk(tmp_path: Path, clock: FixedClock) -> Iterator[Desk]:
    desk = build_desk(
        tmp_path / "hourdesk.db", vault=MemoryVault(), clock=clock, settings=Settings()
    )
    yield desk
    desk.close()


@pytest.fixture
def client(desk: Desk) -> Client:
    return desk.clients.add(
        name="Harbor Dental Clinic",
        emails="office@harbordental.example",
        company="Harbor Dental LLC",
        rate="140.00",
    )


@pytest.fixture
def app(desk: Desk):
    """The TUI on the test desk, for Pilot."""
    from hourdesk.app.tui import HourdeskApp

    return HourdeskApp(desk)


# --- the installed ``hourdesk`` command, run as a subprocess ------------------------------

HOURDESK = Path(sys.executable).parent / "hourdesk"


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bytecode cache shared by the subprocesses of this session, so each one does not
    compile every module again (``PYTHONDONTWRITEBYTECODE`` would make them). Warmed by
    one run, before tests start several at once."""
    folder = tmp_path_factory.mktemp("pycache")
    home = tmp_path_factory.mktemp("warm")
    subprocess.run(
        [str(HOURDESK), "--db", str(home / "warm.db"), "ticket", "list"],
        env=_child_env(home, folder),
        capture_output=True,
        timeout=120,
        check=True,
    )
    return folder


def _child_env(home: Path, pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOURDESK_", "PYTHON"))}
    env |= {"PYTHONPYCACHEPREFIX": str(pycache), "PYTHONUTF8": "1", "TZ": "UTC"}
    env["HOME"] = str(home)
    for name in XDG:
        env[name] = str(home / name.lower())
    return env


@dataclass
class Cli:
    """Runs ``hourdesk`` with a private HOME, XDG dirs and bytecode cache."""

    env: dict[str, str]
    cwd: Path

    def _env(self, extra: dict[str, str] | None) -> dict[str, str]:
        env = dict(self.env)
        for key, value in (extra or {}).items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def run(
        self, *args: str | Path, input: str | None = None, env: dict | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(HOURDESK), *map(str, args)],
            input=input,
            env=self._env(env),
            cwd=self.cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def run_all(
        self, *commands: tuple[str | Path, ...], env: dict | None = None
    ) -> list[subprocess.CompletedProcess[str]]:
        """Run independent commands at once; the results in the same order."""
        started = [self.start(*args, env=env) for args in commands]
        done = []
        for process in started:
            out, err = process.communicate(timeout=120)
            done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
        return done

    def start(self, *args: str | Path, env: dict | None = None) -> subprocess.Popen[str]:
        """Start without waiting; ``communicate()`` on the result."""
        return subprocess.Popen(
            [str(HOURDESK), *map(str, args)],
            env=self._env(env),
            cwd=self.cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture
def cli(tmp_path: Path, private_dirs: Path, pycache: Path) -> Cli:
    assert HOURDESK.exists(), f"the hourdesk script is not installed at {HOURDESK}"
    return Cli(_child_env(private_dirs, pycache), tmp_path)


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
