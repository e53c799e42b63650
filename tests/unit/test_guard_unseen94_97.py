"""What the blind splits unseen94 to unseen97 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Afrikaans: a password, a passphrase, an app password, a wallet's words
        ("Wagwoord: Fynbos-Kaap-77\nGroete, Marietjie", ["Fynbos-Kaap-77"]),
        ("gebruiker sekretaris wagwoord Melktert!Basaar", ["Melktert!Basaar"]),
        ("die wagfrase is 'groen bakkie by die dam' met spasies", ["groen bakkie by die dam"]),
        ("App wagwoord vir die iPad: qwpt-rvbn-lkhd-mcxs", ["qwpt-rvbn-lkhd-mcxs"]),
        (
            "Beursie herstel woorde:\n1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide 7 harbor"
            " 8 pencil 9 mosaic 10 tundra 11 bright 12 salmon",
            [
                "1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide 7 harbor 8 pencil 9 mosaic"
                " 10 tundra 11 bright 12 salmon"
            ],
        ),
        # Croatian and Czech: other words and their cases
        ("zaporka za blagajnu: 4411more!", ["4411more!"]),
        ("prijava: ured@marina-split.hr sa lozinkom Bura77Jugo", ["Bura77Jugo"]),
        ("sifra za laptop u uredu: Neretva2026", ["Neretva2026"]),
        ("Lozinka aplikacije za Gmail: hqzvmbtrkwplxnsd", ["hqzvmbtrkwplxnsd"]),
        ("Zkoušel jsem to s heslem ordinace2025 a nejde to", ["ordinace2025"]),
        # Portuguese "ficou": what the password became
        ("a senha de admin do roteador ficou TPL-sala-41c9, anota aí", ["TPL-sala-41c9"]),
    ],
)
def test_what_unseen94_to_97_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a Pix payment's key is public
        "Pix pra pagar o técnico: chave aleatória: 7d1e4b20-9c3a-4f1e-8b27-61c0d9e2a4f5",
        # the rest of a phone number below a password talked about
        "zaboravila sam lozinku za e-mail, nazovi me na 091 234 5678",
    ],
)
def test_what_unseen94_to_97_hold_stays(text: str) -> None:
    assert scan(text) == []
