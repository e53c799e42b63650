"""A private, throw-away Secret Service (D-Bus session bus + gnome-keyring) for tests.

The bus is started from its own config with no service directories, so nothing is
D-Bus-activated behind our back: no second keyring daemon using the real home folder,
and no unlock prompter popping up on a desktop.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path
from typing import NoReturn, TextIO

import pytest

BINARIES = ("dbus-daemon", "gnome-keyring-daemon")
INSTALL_HINT = "apt-get install dbus gnome-keyring libsecret-tools"
REQUIRE_VARIABLE = "HOURDESK_REQUIRE_KEYRING"
LOGIN_PASSWORD = "hourdesk-test-login"
STARTUP_TIMEOUT = 10.0

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class SecretServiceError(RuntimeError):
    """The private Secret Service could not be started."""


def missing_binaries() -> list[str]:
    """The daemons this harness needs that are not on PATH."""
    return [name for name in BINARIES if shutil.which(name) is None]


def require_binaries() -> None:
    """Skip (or, when required, fail) the calling test unless the daemons are installed."""
    if missing := missing_binaries():
        skip_or_fail(
            f"no Secret Service to test against: {', '.join(missing)} not installed "
            f"({INSTALL_HINT})"
        )


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test, or fail it when ``HOURDESK_REQUIRE_KEYRING=1`` (as in CI)."""
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{reason} ({REQUIRE_VARIABLE}=1 forbids skipping)")
    pytest.skip(reason)


@contextmanager
def session_bus(root: Path) -> Iterator[str]:
    """Run a private D-Bus session bus under ``root``; yield its address.

    While inside, ``DBUS_SESSION_BUS_ADDRESS`` points at it; on exit the daemon is
    terminated and the variable restored.
    """
    with ExitStack() as stack:
        address = _start_bus(root, _daemon_env(root), stack)
        stack.enter_context(_environ("DBUS_SESSION_BUS_ADDRESS", address))
        yield address


@contextmanager
def secret_service(root: Path) -> Iterator[str]:
    """Run a session bus and an unlocked gnome-keyring under ``root``; yield the bus address.

    ``DBUS_SESSION_BUS_ADDRESS`` is set meanwhile, as in :func:`session_bus`.
    """
    if missing := missing_binaries():
        raise SecretServiceError(f"not installed: {', '.join(missing)}")
    with session_bus(root) as address, ExitStack() as stack:
        keyring_daemon = _start_keyring(root, _daemon_env(root), stack)
        _wait_for_login_collection(root, keyring_daemon)
        yield address


def _daemon_env(root: Path) -> dict[str, str]:
    dirs = {
        name: root / name.lower()
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")
    }
    dirs["XDG_RUNTIME_DIR"] = root / "runtime"
    for path in dirs.values():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({name: str(path) for name, path in dirs.items()})
    return env


def _start_bus(root: Path, env: dict[str, str], stack: ExitStack) -> str:
    config = root / "session.conf"
    config.write_text(_BUS_CONFIG.format(socket=root / "bus"))
    log = stack.enter_context(_log(root, "dbus-daemon"))
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    stack.callback(_stop, bus)
    address = bus.stdout.readline().strip()
    if not address:
        raise SecretServiceError(f"dbus-daemon exited with status {bus.wait()}; see {log.name}")
    return address


def _start_keyring(root: Path, env: dict[str, str], stack: ExitStack) -> subprocess.Popen:
    log = stack.enter_context(_log(root, "gnome-keyring-daemon"))
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=log,
        stderr=log,
        text=True,
    )
    stack.callback(_stop, daemon)
    daemon.stdin.write(LOGIN_PASSWORD)
    daemon.stdin.close()
    return daemon


def _wait_for_login_collection(root: Path, daemon: subprocess.Popen) -> None:
    """Block until the daemon serves an unlocked default collection on the bus."""
    import secretstorage
    from secretstorage.exceptions import SecretStorageException

    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            with closing(secretstorage.dbus_init()) as connection:
                if not secretstorage.Collection(connection).is_locked():
                    return
        except SecretStorageException:
            pass
        if daemon.poll() is not None or time.monotonic() > deadline:
            raise SecretServiceError(
                f"gnome-keyring offered no unlocked collection; see {root}/gnome-keyring-daemon.log"
            )
        time.sleep(0.01)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout:
        process.stdout.close()


def _log(root: Path, name: str) -> TextIO:
    return (root / f"{name}.log").open("w")


@contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous
