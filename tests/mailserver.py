"""Real mail servers for tests: an SMTP sink (aiosmtpd) on loopback that counts what it took."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections import Counter
from email.message import EmailMessage

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
