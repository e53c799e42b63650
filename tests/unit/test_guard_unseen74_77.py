"""What the blind splits unseen74 to unseen77 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # passphrase labels of Portuguese, Czech and Polish; a quoted phrase after Tagalog "ay"
        (
            "A frase-passe do disco externo é: sardinhas dançam no telhado",
            ["sardinhas dançam no telhado"],
        ),
        ("Heslová fráze k trezoru: modrá žirafa jí knedlíky", ["modrá žirafa jí knedlíky"]),
        (
            'ang passphrase ng backup drive ay "tahimik ang dagat ngayon" po',
            ["tahimik ang dagat ngayon"],
        ),
        # Tagalog "ay" (is) after a password label; "ng" (of) between
        ("password ay ora_pro_nobis7. Hindi gumagana", ["ora_pro_nobis7"]),
        # recovery codes and a wallet's words named in Lithuanian, and Czech codes "z" Dropbox
        ("Atkūrimo kodai Google paskyrai: 7KQ2-MX9P-ZR4T-LW8N", ["7KQ2-MX9P-ZR4T-LW8N"]),
        ("Obnovovací kódy z Googlu: pq7r-2kzm, w8tn-4vxa", ["pq7r-2kzm", "w8tn-4vxa"]),
        (
            "piniginės atkūrimo frazė: orbit vivid ladder pencil salmon tide wagon"
            " crisp dune amber hollow ember",
            ["orbit vivid ladder pencil salmon tide wagon crisp dune amber hollow ember"],
        ),
        # what was done with it: set the new one to, got in with, tried … like last time
        ("I set the new one to marmalade77 like you asked, all small letters", ["marmalade77"]),
        ("o computador da loja entra com padaria2025 mas às vezes falha", ["padaria2025"]),
        ("cant get into the booking app, tried saddle42 like last time", ["saddle42"]),
        ("please log into the plotter PC with 'Plotter7x' and update it", ["Plotter7x"]),
        # a router's key in groups of four digits after the label's words and a colon
        ("Kennwort WLAN (Box im Keller): 8831 2290 4417 5526", ["8831 2290 4417 5526"]),
        # below, then where it was copied from
        (
            "The wifi password is below, copied from the sticker\n\nbrioche-de-laranja\n",
            ["brioche-de-laranja"],
        ),
        # a form copied line by line: a field's name, then its value
        ("User\nfrontdesk\nPassword\nstillwaterrunsdeep\n", ["stillwaterrunsdeep"]),
        # spelled, a safe named in Lithuanian, a joined word of ten letters
        ("the password is spelled K-A-T-Z-E-9-q for the tablet", ["K-A-T-Z-E-9-q"]),
        ("Seifas kabinete: 4-8-1-5-2", ["4-8-1-5-2"]),
        ("Ich hab das Kennwort notiert, Haflinger!Max, aber es geht nicht", ["Haflinger!Max"]),
        # a postage meter is no post office
        ("- Postage meter PIN 5519", ["5519"]),
    ],
)
def test_what_unseen74_to_77_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a question after a password label, a sentence with "não" in it
        "A senha do portal está no cartão, é preciso trocar todos os anos?",
        "a Ana trocou a senha do e-mail e agora não lembra qual escolheu",
        # a network's port, not a door
        "Porta 3389 aberta no firewall para 10.0.0.5, pode fechar?",
        "o servidor está em 192.168.0.20, porta 8443",
        # a public key's comment, a masked token in a log, a manual's default login
        "Here's my key:\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKq7M2xPzR9wT5yBhN3cVd8eFj6aLu2sQk7m"
        "Z2xPr9Wt maria@OFFICE-LAPTOP7",
        "2026-11-30 03:00:01 INFO sync user=svc token=***redacted*** status=ok",
        "the router manual: 'Default login: admin / admin. Change it on first use.' do I need to?",
        # what a label says is not the key, a bank's branch, a serial, an NF-e's access key
        "Lizenz-ID (nicht der Schlüssel selbst): LIC-2026-00871",
        "Dados para o PIX da padaria: chave CNPJ 98.765.432/0001-10, Banco 341 ag 0425 cc 11223-4",
        "Product key unreadable. Serial of the PC: CZC5528LMT",
        "Chave de acesso da nota: 35261198765432000155550010000456781987654321",
    ],
)
def test_what_unseen74_to_77_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "porta da garagem: 7391",  # a door still has its code
        "password: 1234567890123456",  # sixteen digits may be one
        "login: admin / Xk9#pl2Qw",  # a default word is not the only thing that counts
    ],
)
def test_look_alike_mends_leave_secrets(text: str) -> None:
    assert scan(text) != []
