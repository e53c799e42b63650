"""Real mail servers for tests on loopback: an SMTP sink (aiosmtpd) that counts what it took,
and Dovecot (IMAP) with a Maildir."""

from __future__ import annotations

import contextlib
import email
import email.policy
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Sink:
    """Accepts every message (or refuses every recipient while ``refusing``); keeps them all."""

    def __init__(self) -> None:
        self.refusing = False
        self.raw: list[bytes] = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.raw.append(envelope.original_content or envelope.content)
        return "250 Message accepted"

    @property
    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(r, policy=email.policy.default) for r in self.raw]

    def counts(self) -> Counter[str]:
        """How many times each Message-ID arrived."""
        return Counter(str(m["Message-ID"]) for m in self.messages)


def start_sink(sink: Sink) -> Controller:
    controller = Controller(sink, hostname=HOST, port=free_port(), ready_timeout=5)
    controller.start()
    return controller


@contextlib.contextmanager
def running_sink(sink: Sink | None = None) -> Iterator[tuple[Sink, int]]:
    """A sink listening on loopback for the duration: (the sink, its port)."""
    sink = sink or Sink()
    controller = start_sink(sink)
    try:
        yield sink, controller.port
    finally:
        controller.stop()


# --- Dovecot, the real IMAP server from the Debian packages -----------------------------------

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"
IMAP_USER = "anna"
IMAP_PASSWORD = "imap-secret-1"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
mail_location = maildir:{root}/mail/%u
{users}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
"""


class Dovecot:
    """A Dovecot on 127.0.0.1 with one user and a Maildir in a private temporary folder.

    As root its mail processes run as the ``dovecot`` user (Dovecot refuses uid 0); as any
    other user they run as that user.
    """

    def __init__(self, *, tls: bool = False) -> None:
        # a short path: Dovecot's unix sockets live under base_dir
        self.root = Path(tempfile.mkdtemp(prefix="hd-dovecot-", dir="/tmp"))
        self.root.chmod(0o711)  # Dovecot's auth process reads the passwd file as its own user
        self.port = free_port()
        self.tls_port = free_port() if tls else 0
        self.cert = self.root / "cert.pem"
        ssl_lines = "ssl = no"
        if tls:
            key = self.root / "key.pem"
            request = "req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext"
            subprocess.run(
                [
                    "openssl",
                    *request.split(),
                    "subjectAltName=IP:127.0.0.1",
                    *("-keyout", key, "-out", self.cert),
                ],
                capture_output=True,
                check=True,
                timeout=60,
            )
            ssl_lines = f"ssl = yes\nssl_cert = <{self.cert}\nssl_key = <{key}"
        if os.geteuid() == 0:
            owner = pwd.getpwnam("dovecot")
            self.uid, self.gid, users = owner.pw_uid, owner.pw_gid, ""
        else:
            name = pwd.getpwuid(os.geteuid()).pw_name
            self.uid, self.gid = os.geteuid(), os.getegid()
            users = f"default_internal_user = {name}\ndefault_login_user = {name}\n"
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir()
        os.chown(self.root / "mail", self.uid, self.gid)
        (self.root / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}::::::\n")
        self.config = self.root / "dovecot.conf"
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                port=self.port,
                tls_port=self.tls_port,
                ssl=ssl_lines,
                uid=self.uid,
                gid=self.gid,
                users=users,
            )
        )
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError(f"Dovecot did not start: {self.log()}") from None
                time.sleep(0.05)
        self._count = 0

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def add(self, messages: list[bytes]) -> None:
        """Deliver messages into the user's INBOX the way an MDA does (Maildir new/)."""
        inbox = self.root / "mail" / IMAP_USER
        for sub in ("", "tmp", "new", "cur"):
            (inbox / sub).mkdir(exist_ok=True)
            os.chown(inbox / sub, self.uid, self.gid)
        for raw in messages:
            self._count += 1
            name = f"{int(time.time())}.M{self._count}P{os.getpid()}.test"
            tmp = inbox / "tmp" / name
            tmp.write_bytes(raw)
            os.chown(tmp, self.uid, self.gid)
            tmp.rename(inbox / "new" / name)

    def doveadm(self, *args: str) -> str:
        done = subprocess.run(
            [DOVEADM, "-c", str(self.config), *args], capture_output=True, text=True, timeout=30
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


class CuttingProxy:
    """A TCP proxy to ``port`` that drops the connection after ``limit`` bytes from the server."""

    def __init__(self, port: int, limit: int) -> None:
        self.target, self.limit = port, limit
        self.server = socket.create_server((HOST, 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                downstream, _ = self.server.accept()
                upstream = socket.create_connection((HOST, self.target))
                threading.Thread(
                    target=self._pump, args=(downstream, upstream, None), daemon=True
                ).start()
                threading.Thread(
                    target=self._pump, args=(upstream, downstream, self.limit), daemon=True
                ).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, limit: int | None) -> None:
        sent = 0
        with contextlib.suppress(OSError):
            while limit is None or sent < limit:
                data = source.recv(65536)
                if not data:
                    break
                if limit is not None:
                    data = data[: limit - sent]
                sink.sendall(data)
                sent += len(data)
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.server.close()
