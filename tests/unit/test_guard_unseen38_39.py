"""What the blind splits unseen38 and unseen39 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # "key" in other languages, after a separator
        ("Vendég wifi: Kert_Guest, kulcs: almafa2025nyar. Köszi", ["almafa2025nyar"]),
        ("Gäst-wifi: Lada_Gast, nyckel: blabar77sommar", ["blabar77sommar"]),
        # what was done with it, then words that go on
        ("le mdp du wifi a changé, mets plage_2027 sur la porte stp", ["plage_2027"]),
        ("pon tienda#2026 en el cartel del wifi por favor", ["tienda#2026"]),
        # a code after a long bridge, "e" before digits, Greek
        ("el pin del móvil de la centralita del taxi es 4482, gracias", ["4482"]),
        ("codul de la poarta din spate e 41-07-22, mersi", ["41-07-22"]),
        ("Η πόρτα του γραφείου ανοίγει με 5512 και μετά #", ["5512"]),
        # a code alone on its line, a blank line before it
        ("Alarm panel (Ajax) master code\n\n60412\n\nthanks", ["60412"]),
        ("Clave maestra alarma\n7 3 1 9 0\n(son 5 números)", ["7 3 1 9 0"]),
        ("Keypad garage\n\n8820\n", ["8820"]),
        # what a password is for, in capitals, between the label and it
        ("contraseña NAS salon44, usuario admin", ["salon44"]),
        ("password RDP kasse2025 for the front desk", ["kasse2025"]),
    ],
)
def test_what_unseen38_and_39_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'App says: "Authentication failed: invalid token (code 401). Please sign in again."',
        "Login failed (code 403), the door code page is on the wiki",
        "DB_PASSWORD=changeme_in_prod  <- the default from the README, not set yet",
        "SECRET_KEY=change-me-before-deploy",
        "klucz publiczny serwera: xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nKlucz prywatny"
        " telefonu generuje się sam, prawda?",
        "Publik nyckel: xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=",
        "the taxi tax code is 4471 on the form",
        "Garage\n\n2024\n\nwas the year we moved",
        "password NOT working since monday",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
