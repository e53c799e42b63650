"""Secrets (client access, the SMTP password) kept in the OS keyring and nowhere else.

When no usable keyring is found every operation raises :class:`VaultUnavailable`, which
says what is missing and how to fix it; there is no fallback to a file. ``keyring`` is
imported on first use only, so commands that need no secret do not pay for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "hourdesk"
_PROBE_KEY = "vault-check"

FIX = (
    "Secrets are kept only in the OS keyring. To fix: unlock the login keyring "
    "(on a desktop, e.g. with Seahorse); on a headless box start a Secret Service inside "
    "a D-Bus session (run `dbus-run-session -- $SHELL` if DBUS_SESSION_BUS_ADDRESS is "
    'unset, then `read -rs PW; printf %s "$PW" | gnome-keyring-daemon --replace --unlock '
    "--components=secrets`); or choose another backend with PYTHON_KEYRING_BACKEND."
)


class VaultUnavailable(Exception):
    """No usable keyring; ``str(e)`` says what is missing and how to fix it."""


class Vault(Protocol):
    """Where secrets are kept, by key."""

    def put(self, key: str, secret: str) -> None: ...

    def get(self, key: str) -> str | None: ...

    def delete(self, key: str) -> None:
        """Remove ``key``; a missing key is not an error."""

    def check(self) -> None:
        """Raise :class:`VaultUnavailable` when secrets cannot be kept."""


class KeyringVault:
    """The OS keyring, under service name ``hourdesk``.

    ``backend`` defaults to keyring's own choice (``PYTHON_KEYRING_BACKEND``, its config
    file, or the best backend detected). Backends below keyring's "recommended" priority
    (fail, null, an empty chainer, plaintext files) are refused.
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend
        self._usable_backend: KeyringBackend | None = None

    def put(self, key: str, secret: str) -> None:
        with _unavailable_on_keyring_errors():
            self._usable().set_password(SERVICE, key, secret)

    def get(self, key: str) -> str | None:
        with _unavailable_on_keyring_errors():
            return self._usable().get_password(SERVICE, key)

    def delete(self, key: str) -> None:
        from keyring.errors import PasswordDeleteError

        with _unavailable_on_keyring_errors(), suppress(PasswordDeleteError):
            self._usable().delete_password(SERVICE, key)

    def check(self) -> None:
        """Resolve the backend and read through it, so a locked keyring shows up now."""
        self.get(_PROBE_KEY)

    def _usable(self) -> KeyringBackend:
        if self._usable_backend is None:
            backend = _default_backend() if self._backend is None else self._backend
            _refuse_insecure(backend)
            self._usable_backend = backend
        return self._usable_backend


class MemoryVault:
    """A dict-backed vault for tests of other modules; always usable."""

    def __init__(self) -> None:
        self.secrets: dict[str, str] = {}

    def put(self, key: str, secret: str) -> None:
        self.secrets[key] = secret

    def get(self, key: str) -> str | None:
        return self.secrets.get(key)

    def delete(self, key: str) -> None:
        self.secrets.pop(key, None)

    def check(self) -> None:
        """Always usable."""


def _default_backend() -> KeyringBackend:
    import keyring

    with _unavailable_on_keyring_errors():
        try:
            return keyring.get_keyring()
        except (ImportError, AttributeError) as error:
            name = os.environ.get("PYTHON_KEYRING_BACKEND")
            raise VaultUnavailable(
                f"The keyring backend {name!r} cannot be loaded: {error}. {FIX}"
            ) from error


def _refuse_insecure(backend: KeyringBackend) -> None:
    """Raise unless ``backend`` (or the first backend a chainer writes to) is recommended."""
    from keyring.backends.chainer import ChainerBackend

    store = backend
    if isinstance(backend, ChainerBackend) and backend.backends:
        store = backend.backends[0]
    with _unavailable_on_keyring_errors():
        priority = store.priority
    if priority < 1:
        name = f"{type(store).__module__}.{type(store).__name__}"
        raise VaultUnavailable(
            f"No secure OS keyring is available (keyring offers {name}, "
            f"priority {priority:g}). {FIX}"
        )


@contextmanager
def _unavailable_on_keyring_errors() -> Iterator[None]:
    """Turn the ways a keyring backend reports "no keyring here" into VaultUnavailable."""
    try:
        yield
    except Exception as error:
        from keyring.errors import KeyringLocked

        if isinstance(error, KeyringLocked):
            raise VaultUnavailable(f"The OS keyring is locked. {FIX}") from error
        if isinstance(error, _keyring_failures()):
            raise VaultUnavailable(
                f"The OS keyring is not usable: {_describe(error)}. {FIX}"
            ) from error
        raise


def _keyring_failures() -> tuple[type[Exception], ...]:
    from keyring.errors import KeyringError

    failures: tuple[type[Exception], ...] = (KeyringError, RuntimeError, OSError)
    try:
        from jeepney import DBusErrorResponse  # type: ignore[import-untyped]  # no type hints
        from secretstorage.exceptions import SecretStorageException
    except ImportError:
        return failures
    return (*failures, SecretStorageException, DBusErrorResponse)


def _describe(error: Exception) -> str:
    text = str(error).rstrip(".") or type(error).__name__
    if isinstance(error, OSError):
        address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "unset")
        text += f" (D-Bus session bus: {address})"
    return text
