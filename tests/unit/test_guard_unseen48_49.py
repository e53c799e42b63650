"""What the blind splits unseen48 and unseen49 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Pieter – ik zet zijn wachtwoord op Grachtje77 voor nu", ["Grachtje77"]),
        ("für Jonas setze ich das Passwort auf Rheinufer_12, bitte merken", ["Rheinufer_12"]),
        ("kort bara: pinkoden till kassan är 6631. Tack", ["6631"]),
        ("A kassza admin kódja most 5521, a régi 9090 volt", ["5521", "9090"]),
        ("poslala jsem PIN k terminálu v ordinaci – je to 4471. Díky", ["4471"]),
        ("contraseña fija: Sonido¾Mar, la puso el técnico", ["Sonido¾Mar"]),
        (
            'what i set it to: its "green walrus eats toast" all lowercase with spaces',
            ["green walrus eats toast"],
        ),
        ("> pošli mi přístup\n\nadmin.studio : Kolo_Mlyn.21\n", ["Kolo_Mlyn.21"]),
    ],
)
def test_what_unseen48_and_49_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'The PC shows: "Authentication failed: password expired for user R01 (code 0x52E)".',
        "Szia, a jelszót SMS-ben küldöm, nem írom ide.",
        "a jelszót e-mailben nem küldöm",
        "DHCP:\n70:85:C2:9A:1E:04 -> 192.168.1.51 (ECG machine)\n",
        "the alarm code for the ordinance survey map is on page 4471",
        "time: 10 : 30 tomorrow",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
