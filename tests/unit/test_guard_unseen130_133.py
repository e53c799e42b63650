"""What the blind splits unseen130 to unseen133 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Maltese and Sicilian code words and "is"; German "Zahlencode"; a Dutch unlock code
        ("Il-kodiċi tal-garaxx huwa *7719 u l-alarm 2020", ["*7719"]),
        ("u codici râ porta è 4 4 1 9, chiudi bonu", ["4 4 1 9"]),
        ("Lager Tor 2: Zahlencode 61840, danach drehen", ["61840"]),
        ("De ontgrendelcode is 2468*# voor de tablet", ["2468*#"]),
        # Google's code with its letter; a code word for the alarm company
        ("Le code de vérification Google c'est G-530918, vite", ["G-530918"]),
        ("bij vals alarm codewoord 'zeehond' zeggen", ["zeehond"]),
        # an account and its password at a line's start, a remark in brackets after it
        ("piet.janssens:Qm4vTz8Lr2 (voor de webshop)", ["Qm4vTz8Lr2"]),
        # a passphrase that starts with an article and holds "old"
        (
            "The passphrase for the backup disk is: the old mill turns in the rain",
            ["the old mill turns in the rain"],
        ),
        # a password in five groups said to be typed without its spaces
        ("password: K4 M7 P2 R9 T5 (no spaces)", ["K4 M7 P2 R9 T5"]),
    ],
)
def test_what_unseen130_to_133_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a device's default from its manual
        "Fil-manwal hemm miktub: PIN ta' default 1234, ibdlu immedjatament",
        "the manual says the default PIN is 0000, change it on first use",
        # an activation ID, a serial number after a word for a key
        "it's the activation ID shown on screen: 4471-2290-1837-5520 (not the key)",
        "Chave do produto? não, é o número de série: 5CG1187QWZ",
        # a setting's protocol; a check that passed in a mail's header
        "SSID=DC-SCAN\nSecurity=WPA2-Enterprise\nEAP=PEAP\nPhase2=MSCHAPv2\nDHCP=yes",
        "Authentication-Results: mx.example.be; spf=pass smtp.mailfrom=example.fr;"
        " dkim=pass header.d=example.fr",
    ],
)
def test_what_unseen130_to_133_hold_stays(text: str) -> None:
    assert scan(text) == []
