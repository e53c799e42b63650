"""What the blind splits unseen50 and unseen51 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "al activar la verificación en dos pasos no pude escanear el QR, el código es: "
            "MFRG GZDF MZTW Q2LK NNWG 23TP",
            ["MFRG GZDF MZTW Q2LK NNWG 23TP"],
        ),
        (
            "άλλαξα τον κωδικό σε μια φράση όπως μου είπες: green river old boat\nόλα με μικρά",
            ["green river old boat"],
        ),
        (
            "can you reset it? the current one should be Edit0r-77 but it won't take it",
            ["Edit0r-77"],
        ),
        ("Loggar in med kassa2 och 8811tvatt men får fel", ["8811tvatt"]),
        (
            "Jeg har lavet en ny adgangssætning til kassen: Blå Dør Åbner Langsomt — med mellemrum",
            ["Blå Dør Åbner Langsomt"],
        ),
        ("kirjaudu tunnuksella kassa.hki ja salasanalla Pesu-Kone7 . Ei toimi", ["Pesu-Kone7"]),
    ],
)
def test_what_unseen50_and_51_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "reunião amanhã: https://meet.google.com/xqk-vbnr-tpw\n"
        "Telefone: +351 21 123 4567 PIN: 812 345 671#",
        "Réunion de demain : pont audio +33 1 23 45 67 89, PIN : 812 345 671#",
        "we log in with the badge and the fingerprint, no password",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
