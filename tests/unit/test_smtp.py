"""Sending through real SMTP servers (aiosmtpd) on loopback."""

import email
import email.policy
import shutil
import socket
import ssl
import subprocess
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from hourdesk.exports.email import EmailError, SmtpConfig, build_message, send

HOST = "127.0.0.1"
USER = "consultant"
PASSWORD = "s3cret-Pässword!"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"


class Handler:
    """Stores every accepted envelope; refuses the addresses it is told to."""

    def __init__(self, refuse_rcpt=(), refuse_sender=False, refuse_data=False):
        self.refuse_rcpt = set(refuse_rcpt)
        self.refuse_sender = refuse_sender
        self.refuse_data = refuse_data
        self.envelopes = []
        self.tls = []

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.refuse_sender:
            return "553 5.7.1 Sender address not allowed"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse_data:
            return "554 5.7.1 Message rejected as spam"
        self.envelopes.append(envelope)
        self.tls.append(server.transport.get_extra_info("ssl_object") is not None)
        return "250 Message accepted"


class Logins:
    """An aiosmtpd authenticator that accepts USER/PASSWORD and records every attempt."""

    def __init__(self, password=PASSWORD):
        self.password = password
        self.attempts = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        assert isinstance(auth_data, LoginPassword)
        self.attempts.append((mechanism, auth_data.login.decode()))
        ok = auth_data == (USER.encode(), self.password.encode())
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """Start aiosmtpd Controllers on free loopback ports; stop them after the test."""
    started = []

    def start(handler, **kwargs):
        controller = Controller(
            handler,
            hostname=HOST,
            port=free_port(),
            server_hostname="localhost",
            ready_timeout=5,
            **kwargs,
        )
        controller.start()
        started.append(controller)
        return controller.port

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for 127.0.0.1, made with the openssl CLI."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "2", "-subj", "/CN=localhost"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
            *("-keyout", key, "-out", cert),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return cert, context


def invoice(to=("client@example.com",)):
    return build_message(
        sender="consultant@hourdesk.example",
        sender_name="Zoë Ümlaut",
        to=list(to),
        reply_to="billing@hourdesk.example",
        subject="Rechnung 2024-017",
        body="Guten Tag,\n.\nanbei die Rechnung.\n",
        attachments=[("Rechnung 2024-017.pdf", PDF, "application/pdf")],
    )


def config(port, **kwargs):
    return SmtpConfig(host=HOST, port=port, **({"security": "none", "timeout": 5} | kwargs))


def test_delivers_headers_recipients_and_attachment(smtp_server):
    handler = Handler()
    port = smtp_server(handler)
    msg = invoice(to=["client@example.com", "accounts@example.com"])
    send(msg, config(port), None)

    (envelope,) = handler.envelopes
    assert envelope.mail_from == "consultant@hourdesk.example"
    assert envelope.rcpt_tos == ["client@example.com", "accounts@example.com"]
    assert envelope.content == msg.as_bytes(policy=email.policy.SMTP)
    received = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert received["From"].addresses[0].display_name == "Zoë Ümlaut"
    assert str(received["Subject"]) == "Rechnung 2024-017"
    assert str(received["Reply-To"]) == "billing@hourdesk.example"
    assert received["Message-ID"] == msg["Message-ID"]
    body = received.get_body().get_content().replace("\r\n", "\n")
    assert body == "Guten Tag,\n.\nanbei die Rechnung.\n"
    (attachment,) = received.iter_attachments()
    assert attachment.get_filename() == "Rechnung 2024-017.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF


@pytest.mark.parametrize("password", ["s3cret-Password!", PASSWORD])
def test_login_with_the_right_password(smtp_server, password):
    handler, logins = Handler(), Logins(password)
    port = smtp_server(handler, authenticator=logins, auth_require_tls=False)
    send(invoice(), config(port, user=USER), password)
    assert [login for _, login in logins.attempts] == [USER]
    assert len(handler.envelopes) == 1


def test_wrong_password_is_a_login_error_without_the_password(smtp_server):
    handler = Handler()
    port = smtp_server(handler, authenticator=Logins(), auth_require_tls=False)
    wrong = "not-the-" + PASSWORD
    with pytest.raises(EmailError, match=f"SMTP login failed for user {USER}") as info:
        send(invoice(), config(port, user=USER), wrong)
    assert wrong not in str(info.value)
    assert PASSWORD not in str(info.value)
    assert handler.envelopes == []


def test_missing_password_is_refused_before_connecting():
    with pytest.raises(EmailError, match="No SMTP password is stored"):
        send(invoice(), config(free_port(), user=USER), None)


def test_nothing_listening_is_refused():
    port = free_port()
    with pytest.raises(EmailError, match=f"{HOST}:{port} refused the connection"):
        send(invoice(), config(port), None)


def test_silent_server_times_out_quickly():
    with socket.create_server((HOST, 0)) as silent:  # accepts TCP, never says a word
        port = silent.getsockname()[1]
        start = time.monotonic()
        with pytest.raises(EmailError, match=r"did not answer within 0.5 s"):
            send(invoice(), config(port, timeout=0.5), None)
    assert time.monotonic() - start < 3


def test_refused_recipient(smtp_server):
    handler = Handler(refuse_rcpt={"client@example.com"})
    port = smtp_server(handler)
    with pytest.raises(EmailError, match=r"refused the recipient client@example.com \(550"):
        send(invoice(), config(port), None)
    assert handler.envelopes == []


def test_partly_refused_recipients_say_who_got_it(smtp_server):
    handler = Handler(refuse_rcpt={"nobody@example.com"})
    port = smtp_server(handler)
    with pytest.raises(EmailError) as info:
        send(invoice(to=["client@example.com", "nobody@example.com"]), config(port), None)
    assert "went to client@example.com" in str(info.value)
    assert "refused nobody@example.com (550" in str(info.value)
    assert handler.envelopes[0].rcpt_tos == ["client@example.com"]


def test_refused_sender_and_rejected_data(smtp_server):
    port = smtp_server(Handler(refuse_sender=True))
    with pytest.raises(EmailError, match="refused the sender address consultant@hourdesk"):
        send(invoice(), config(port), None)
    port = smtp_server(Handler(refuse_data=True))
    with pytest.raises(EmailError, match=r"rejected the message \(554"):
        send(invoice(), config(port), None)


def test_starttls_required_but_not_offered_sends_no_credentials(smtp_server):
    logins = Logins()
    port = smtp_server(Handler(), authenticator=logins, auth_require_tls=False)
    with pytest.raises(EmailError, match="does not offer STARTTLS"):
        send(invoice(), config(port, user=USER, security="starttls"), PASSWORD)
    assert logins.attempts == []


def test_starttls_with_login(smtp_server, certificate, monkeypatch):
    cert, server_context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    handler, logins = Handler(), Logins()
    port = smtp_server(
        handler, tls_context=server_context, require_starttls=True, authenticator=logins
    )
    send(invoice(), config(port, user=USER, security="starttls"), PASSWORD)
    assert logins.attempts == [("PLAIN", USER)]
    assert handler.tls == [True]


def test_starttls_with_untrusted_certificate(smtp_server, certificate, monkeypatch):
    _, server_context = certificate
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    logins = Logins()
    port = smtp_server(Handler(), tls_context=server_context, authenticator=logins)
    with pytest.raises(EmailError, match=r"certificate of SMTP server .* could not be verified"):
        send(invoice(), config(port, user=USER, security="starttls"), PASSWORD)
    assert logins.attempts == []


def test_implicit_tls(smtp_server, certificate, monkeypatch):
    cert, server_context = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    handler = Handler()
    port = smtp_server(handler, ssl_context=server_context)
    send(invoice(), config(port, security="ssl"), None)
    assert handler.tls == [True]


def test_ssl_against_a_plain_server_explains_the_mismatch(smtp_server):
    port = smtp_server(Handler())
    with pytest.raises(EmailError, match="check port and security"):
        send(invoice(), config(port, security="ssl"), None)


def test_unknown_host_name(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no DNS lookup in tests
    with pytest.raises(EmailError, match="could not be found"):
        send(invoice(), SmtpConfig(host="smtp.invalid", timeout=5), None)
