"""What the blind split unseen31 missed or flagged on its first run, each with variants of
our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Nya larmkoden är 4719, den gamla (2580) slutar funka på fredag.", ["4719", "2580"]),
        ("wifi negozio (Bottega_Rossi) : rossi1967bottega\n", ["rossi1967bottega"]),
        ("signing secret 4f9a2c7e1b8d3e6f0a5c9b2d7e1f4a8c\n", ["4f9a2c7e1b8d3e6f0a5c9b2d7e1f4a8c"]),
        (
            "the new user codes are programmed: mine is 1 9 7 4, Debbie's 3 3 0 6. Also the gate "
            "keypad is now *2468#.",
            ["1 9 7 4", "3 3 0 6", "*2468#"],
        ),
        (
            "j'ai changé le code d'accès de la caisse, c'est maintenant fromage29 (tout en "
            "minuscules). L'ancien c'était Fromagerie2022.",
            ["fromage29", "Fromagerie2022"],
        ),
        ("the parish hall booking laptop: user is 'hall', passcode 0712, and", ["0712"]),
        ("och PUK för vaktmästarens mobil 84120573. Ha det bra", ["84120573"]),
        ("- cofre das pranchas: 5 9 1 3\n", ["5 9 1 3"]),
        ("The door entry system still the default 1111 I think, can you change it?", ["1111"]),
    ],
)
def test_what_unseen31_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'HTTP 401\n{"error":"invalid_token","error_description":"The access token expired",'
        '"trace_id":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}',
        "db_password: \"{{ lookup('hashi_vault', 'secret=kv/data/praxis:db_password') }}\"",
        "wifi network name: Office5G\n",
        "WiFi: Office5G\n",
        "the booking code is on the confirmation, not a passcode",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
