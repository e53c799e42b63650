"""What the blind splits unseen154 to unseen157 missed or flagged on their first run, and
what was still missed before them, each with variants of our own, and the look-alikes
beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a label naming its device or app, a colon, the value on the line below
        ("Wachtwoord QLab-mac:\n   soundcue!!Vondel\nniet veranderen", ["soundcue!!Vondel"]),
        ("PW Synology-NAS:\nHarbour-Gull-17", ["Harbour-Gull-17"]),
        ("Passwort iPad-Kasse:\n  Brezel#2024", ["Brezel#2024"]),
        # Korean "비번" (short for a password) above its value
        ("비번\nhangang#77\n아이디는 이메일", ["hangang#77"]),
        # a tax portal's PIN is a login's, not a tax number
        ("my tax portal pin 8812, don't lose it", ["8812"]),
    ],
)
def test_what_unseen154_to_157_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the device's name is not the password
        ("Passwort iPad-Kasse:\n  Brezel#2024", "Brezel#2024"),
        # a floor in Korean ("2층은") after a password is no second one
        ("와이파이 NORAE_STAFF 비번 88778877a 입니다. 3층은 안 잡혀요", "88778877a"),
    ],
)
def test_only_the_value_is_taken(text: str, value: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "tax pin P051234567X",
        "Password Manager:\nBitwarden",
        "Password Reset:\nCompleted",
    ],
)
def test_what_unseen154_to_157_hold_stays(text: str) -> None:
    assert scan(text) == []
