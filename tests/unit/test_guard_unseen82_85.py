"""What the blind splits unseen82 to unseen85 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a one-time code in two groups of three
        ("login code from the bank text: 412 907 — can you hurry?", ["412 907"]),
        ("Your login code is 306 118. It expires in ten minutes", ["306 118"]),
        # a short code with its keypad marks, a maintenance code
        ("el portero: pulsar 2B y luego el código 5#8#2", ["5#8#2"]),
        ("die Alarmanlage lässt sich mit dem Wartungscode 40917 abschalten", ["40917"]),
        # Turkish, Irish and Polish labels
        ("Misafir ağı: Lokanta_Misafir\nWPA anahtarı: lezzet-durağı-21", ["lezzet-durağı-21"]),
        (
            "Uygulama şifresi oluşturdum, Gmail için bu: pqwe rtzu iopa sdfg",
            ["pqwe rtzu iopa sdfg"],
        ),
        ("cód an dorais: 8842 - go raibh maith agat", ["8842"]),
        ("an focal faire ná Gleann_Mór_Beag", ["Gleann_Mór_Beag"]),
        ("fraza do szyfrowania laptopa: biały kot pod mostem śpi", ["biały kot pod mostem śpi"]),
        # codes in groups of four digits, listed with commas after what they are for
        (
            "kody zapasowe microsoft: 5521 0937, 8830 1264 - reszta w szufladzie",
            ["5521 0937", "8830 1264"],
        ),
        # "changed it to … on friday"
        ("I changed it to marigold55 on monday and now it says wrong password", ["marigold55"]),
    ],
)
def test_what_unseen82_to_85_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a network's port and a standard's name
        "IP della stampante 192.168.1.60, gateway 192.168.1.1. La porta è 9100",
        "the port is 8443 on the new firewall",
        "MAC a4:5e:60:c2:1b:9f, IPv6 fe80::a65e:60ff:fec2:1b9f, can you whitelist it?",
        # times and lengths after a code's words
        "the code is valid for 10 minutes, it arrives at 9 30",
    ],
)
def test_what_unseen82_to_85_hold_stays(text: str) -> None:
    assert scan(text) == []
