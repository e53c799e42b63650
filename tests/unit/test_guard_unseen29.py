"""What the blind split unseen29 missed or flagged on its first run, each with variants of
our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("sim pin 3391 puk 60482715\nbildschirmsperre 190865\n", ["3391", "60482715", "190865"]),
        (
            "mount_smbfs //markus:Kaffeebohne9@192.168.1.20/Projekte ~/Projekte",
            ["Kaffeebohne9"],
        ),
        (
            "net use Z: \\\\192.168.1.20\\Projekte Kaffeebohne9 /user:markus /persistent:yes",
            ["Kaffeebohne9"],
        ),
        (
            "RAILS_ENV   production\nSECRET_KEY_BASE   8a4f2c9e1b7d3f5a0c6e8b2d4f6a1c3e5b7d9f0a\n",
            ["8a4f2c9e1b7d3f5a0c6e8b2d4f6a1c3e5b7d9f0a"],
        ),
        ("the tractor shed padlock is 0-4-7-2.", ["0-4-7-2"]),
        (
            "Mitarbeiter\tPC\tWindows-PW\tPIN Drucker\nA. Vogel\tPC-01\tHerbst!Laub4\t1122\n",
            ["Herbst!Laub4", "1122"],
        ),
        ("router 192.168.1.1 admin Sunflower8\nswitch admin admin123!\n", ["Sunflower8"]),
    ],
)
def test_what_unseen29_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'the phone shows: "Cannot Get Mail - The user name or password for "imap.example" is '
        'incorrect."',
        "te la digo por teléfono. El router no conecta. Número de serie del router: "
        "ZTE-H3600-2211874.",
        "RAILS_ENV   production\nWEB_CONCURRENCY   2\n",
        "please ask the admin tomorrow, root access needed",
        "Name\tPIN Drucker\nA. Vogel\tsiehe Zettel\n",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
