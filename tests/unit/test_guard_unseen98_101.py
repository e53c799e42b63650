"""What the blind splits unseen98 to unseen101 missed on their first run, each with
variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a Windows account made with its password
        ("C:\\> net user kassa bakkerij2026 /add", ["bakkerij2026"]),
        ("NET USER jdoe winter2026 /domain", ["winter2026"]),
        # Basque: a password, an app password, a recovery code, codes
        ("Pasahitza:\nDonostia.Kontxa.44", ["Donostia.Kontxa.44"]),
        ("AnyDesk IDa 512 770 331 eta pasahitza k7m2qz", ["k7m2qz"]),
        ("Aplikazio pasahitza Outlookerako: wqpzmrtbxlkvnhdc", ["wqpzmrtbxlkvnhdc"]),
        ("Google-ren berreskuratze kodea: 7TQ2M-XK4PL-9RZ3V-N8BDH", ["7TQ2M-XK4PL-9RZ3V-N8BDH"]),
        ("Bulegoko atearen kodea: 4*4*1*9", ["4*4*1*9"]),
        # Catalan: "clau" for a password, recovery codes
        ("Clau: taronja-mar-blava", ["taronja-mar-blava"]),
        ("Clau del correu: muntanyaverda", ["muntanyaverda"]),
        ("codis de recuperació del Gmail: 55102938, 83920174", ["55102938", "83920174"]),
        # Hebrew: an app password, a recovery code, codes for a door and an alarm
        ("יצרתי סיסמת אפליקציה למחשב: qzpt-wmrk-lvbn-hxcd", ["qzpt-wmrk-lvbn-hxcd"]),
        ("קוד שחזור לחשבון גוגל: AB-7K2M-9QXP-4VLC-H3WD", ["AB-7K2M-9QXP-4VLC-H3WD"]),
        ("קוד לשער: 5581#\nקוד אזעקה: 2093", ["5581#", "2093"]),
        # Greek: an app password, a phrase; Turkish "anahtar" before a setup key
        ("Ο κωδικός εφαρμογής για το Outlook είναι pwqzxmrtkbnlvchd", ["pwqzxmrtkbnlvchd"]),
        ("Η φράση για το backup: ο γάτος κοιμάται στη βάρκα", ["ο γάτος κοιμάται στη βάρκα"]),
        ("hesap için anahtar: KXDM VQJS 4PLK 2TWB", ["KXDM VQJS 4PLK 2TWB"]),
    ],
)
def test_what_unseen98_to_101_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a Windows account without a password, or one asked for
        "net user jdoe * /add",
        "net user admin /active:yes",
        "net user\nUser accounts for \\\\RECEPTION",
        # "clau" as a name; Catalan prose about a key
        "Claudia said the clau is fine",
        "he perdut la clau de casa, algú en té una còpia?",
    ],
)
def test_what_unseen98_to_101_hold_stays(text: str) -> None:
    assert scan(text) == []
