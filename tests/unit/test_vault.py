"""The vault keeps secrets in the OS keyring only, and says so plainly when there is none."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import keyring.core
import pytest
import secretstorage
from keyring.backends import SecretService, chainer, fail, null

from hourdesk.storage.vault import SERVICE, KeyringVault, MemoryVault, VaultUnavailable
from tests import keyring_service

SECRET = "s3cret-Zürich-🔑"
FIX_WORDS = ("gnome-keyring", "unlock", "PYTHON_KEYRING_BACKEND")


def assert_actionable(error: pytest.ExceptionInfo[VaultUnavailable]) -> None:
    message = str(error.value)
    assert all(word in message for word in FIX_WORDS), message
    assert SECRET not in message


def run_python(code: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )


def test_memory_vault_round_trip() -> None:
    vault = MemoryVault()
    vault.check()
    vault.put("smtp", SECRET)
    assert vault.get("smtp") == SECRET
    vault.delete("smtp")
    vault.delete("smtp")
    assert vault.get("smtp") is None


def test_importing_the_vault_does_not_import_keyring(tmp_path: Path) -> None:
    code = "import sys, hourdesk.storage.vault; print('keyring' in sys.modules)"
    done = run_python(code, dict(os.environ), tmp_path)
    assert done.stdout.strip() == "False"


# --- No usable keyring ----------------------------------------------------------------


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_backends_that_keep_nothing_are_refused(backend: keyring.backend.KeyringBackend) -> None:
    vault = KeyringVault(backend)
    for action in (vault.check, lambda: vault.put("smtp", SECRET), lambda: vault.get("smtp")):
        with pytest.raises(VaultUnavailable) as error:
            action()
        assert_actionable(error)


def test_a_chainer_with_nothing_to_chain_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    with pytest.raises(VaultUnavailable) as error:
        KeyringVault(chainer.ChainerBackend()).put("smtp", SECRET)
    assert_actionable(error)


def test_a_chainer_writing_to_an_insecure_backend_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [null.Keyring(), fail.Keyring()])
    with pytest.raises(VaultUnavailable, match=r"null\.Keyring") as error:
        KeyringVault(chainer.ChainerBackend()).put("smtp", SECRET)
    assert_actionable(error)


@pytest.mark.parametrize(
    "choice", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring", "no.such.Backend"]
)
def test_default_resolution_refuses_an_unusable_choice(
    monkeypatch: pytest.MonkeyPatch, choice: str
) -> None:
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", choice)
    with pytest.raises(VaultUnavailable) as error:
        KeyringVault().check()
    assert_actionable(error)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        (None, "DBUS_SESSION_BUS_ADDRESS is unset"),
        ("unix:path=/nonexistent/bus", "unix:path=/nonexistent/bus"),
        ("garbage", "Unable to initialize SecretService"),
    ],
    ids=["unset", "no-socket", "garbage"],
)
def test_secret_service_without_a_session_bus(
    monkeypatch: pytest.MonkeyPatch, address: str | None, reason: str
) -> None:
    if address is None:
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
    vault = KeyringVault(SecretService.Keyring())
    for action in (vault.check, lambda: vault.put("smtp", SECRET), lambda: vault.delete("smtp")):
        with pytest.raises(VaultUnavailable, match=reason) as error:
            action()
        assert_actionable(error)


@pytest.mark.keyring
def test_a_session_bus_without_a_secret_service(tmp_path: Path) -> None:
    keyring_service.require_binaries()
    with keyring_service.session_bus(tmp_path):
        vault = KeyringVault(SecretService.Keyring())
        with pytest.raises(VaultUnavailable, match="neither running nor activatable") as error:
            vault.put("smtp", SECRET)
    assert_actionable(error)


def test_no_session_bus_writes_nothing_to_disk(tmp_path: Path) -> None:
    """Both keyring's own choice and an explicit SecretService fail, and leave no file."""
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "TMPDIR": str(home),
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "SECRET": SECRET,
    }
    env.pop("PYTHON_KEYRING_BACKEND", None)
    done = run_python(
        """
        import os
        from keyring.backends.SecretService import Keyring
        from hourdesk.storage.vault import KeyringVault, VaultUnavailable

        for vault in (KeyringVault(), KeyringVault(Keyring())):
            try:
                vault.put("smtp", os.environ["SECRET"])
            except VaultUnavailable as error:
                print(error)
            else:
                raise SystemExit("put succeeded without a keyring")
        """,
        env,
        cwd=home,
    )
    assert SECRET not in done.stdout + done.stderr
    assert done.stdout.count("PYTHON_KEYRING_BACKEND") == 2
    assert list(home.rglob("*")) == []


# --- A real Secret Service ------------------------------------------------------------


@pytest.fixture
def key() -> Iterator[str]:
    name = f"test-{uuid.uuid4().hex}"
    yield name
    KeyringVault(SecretService.Keyring()).delete(name)


@pytest.fixture
def vault() -> KeyringVault:
    return KeyringVault(SecretService.Keyring())


def secret_tool(*args: str, secret: str | None = None) -> str:
    if shutil.which("secret-tool") is None:
        keyring_service.skip_or_fail(f"secret-tool not installed ({keyring_service.INSTALL_HINT})")
    done = subprocess.run(
        ["secret-tool", *args], input=secret, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.mark.keyring
@pytest.mark.usefixtures("secret_service")
class TestSecretService:
    def test_check_passes(self, vault: KeyringVault) -> None:
        vault.check()

    @pytest.mark.parametrize(
        "secret",
        [SECRET, "пароль 密码", "line\nbreak\ttab", "x" * 4096],
        ids=["emoji", "cyrillic-cjk", "control-chars", "4k"],
    )
    def test_round_trip(self, vault: KeyringVault, key: str, secret: str) -> None:
        vault.put(key, secret)
        assert vault.get(key) == secret
        vault.delete(key)
        assert vault.get(key) is None

    def test_put_overwrites(self, vault: KeyringVault, key: str) -> None:
        vault.put(key, "old")
        vault.put(key, "new")
        assert vault.get(key) == "new"

    def test_missing_keys(self, vault: KeyringVault, key: str) -> None:
        assert vault.get(key) is None
        vault.delete(key)

    def test_secret_lands_in_the_secret_service(self, vault: KeyringVault, key: str) -> None:
        vault.put(key, SECRET)
        assert SecretService.Keyring().get_password(SERVICE, key) == SECRET
        assert secret_tool("lookup", "service", SERVICE, "username", key) == SECRET
        vault.delete(key)
        assert secret_tool("search", "service", SERVICE, "username", key) == ""

    def test_reads_what_others_stored(self, vault: KeyringVault, key: str) -> None:
        secret_tool("store", "--label=x", "service", SERVICE, "username", key, secret=SECRET)
        assert vault.get(key) == SECRET

    def test_default_backend_is_the_secret_service(self, key: str, tmp_path: Path) -> None:
        env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "KEY": key, "SECRET": SECRET}
        env.pop("PYTHON_KEYRING_BACKEND", None)
        done = run_python(
            """
            import os, keyring
            from hourdesk.storage.vault import KeyringVault

            KeyringVault().put(os.environ["KEY"], os.environ["SECRET"])
            print(type(keyring.get_keyring()).__module__)
            """,
            env,
            cwd=tmp_path,
        )
        assert done.stdout.strip() == "keyring.backends.SecretService"
        assert secret_tool("lookup", "service", SERVICE, "username", key) == SECRET


@pytest.mark.keyring
def test_a_locked_keyring_says_how_to_unlock(tmp_path: Path) -> None:
    """Runs its own Secret Service, so locking it does not disturb the shared one."""
    keyring_service.require_binaries()
    with keyring_service.secret_service(tmp_path):
        with closing(secretstorage.dbus_init()) as connection:
            secretstorage.Collection(connection).lock()
        vault = KeyringVault(SecretService.Keyring())
        for action in (vault.check, lambda: vault.put("smtp", SECRET)):
            with pytest.raises(VaultUnavailable, match="locked") as error:
                action()
            assert_actionable(error)
