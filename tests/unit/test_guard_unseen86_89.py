"""What the blind splits unseen86 to unseen89 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

from itertools import pairwise

import pytest

from hourdesk.app.core.guard import redact, scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Norwegian and Danish labels: a recovery code, an encryption phrase
        (
            "Gjenopprettingskode for Google-kontoen: 4QZ8-K2MX-7RTP. Ta vare på den",
            ["4QZ8-K2MX-7RTP"],
        ),
        (
            "krypteringsfrasen til backupen er: blå hest spiser havregryn",
            ["blå hest spiser havregryn"],
        ),
        # Māori labels and "ko"
        ("Ko te waehere o te kuaha matua: *7740", ["*7740"]),
        ("Ko tōku kupuhipa hou ko Tauranga77, kāore e mahi ana", ["Tauranga77"]),
        # a keypad's mark said as a word
        ("le code de la porte arrière c'est 4 1 7 7 dièse", ["4 1 7 7 dièse"]),
        ("the gate keypad code is 2 0 1 9 star if you come past", ["2 0 1 9 star"]),
        # what someone keeps typing, what let them in, how it is written
        ("he's been typing ledger2024 but it says wrong password", ["ledger2024"]),
        (
            "log into the feed shop site? it should let you in with kelpie-kelpie-88, thanks",
            ["kelpie-kelpie-88"],
        ),
        ("shed wifi is ShedNet, password is all lowercase woolshed2025 - Tam", ["woolshed2025"]),
        # a login alone on its line
        ("kennel2:Blue_Heeler_44", ["Blue_Heeler_44"]),
        # a wallet named in Chinese before its numbered words; digits and letters full-width
        (
            "钱包助记词：\n1 lemon 2 canyon 3 orbit 4 fossil 5 tender 6 uncle 7 pilot 8 bright"
            " 9 cabin 10 hurdle 11 swamp 12 nation",
            [
                "1 lemon 2 canyon 3 orbit 4 fossil 5 tender 6 uncle 7 pilot 8 bright"
                " 9 cabin 10 hurdle 11 swamp 12 nation"
            ],
        ),
        ("暗証番号　７７３１（銀行アプリ）", ["７７３１"]),
        ("パスワードは Ｋｙｏｔｏ＃２０２６ です", ["Ｋｙｏｔｏ＃２０２６"]),
    ],
)
def test_what_unseen86_to_89_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # where the password is shown, said in French or German
        "Le mot de passe du wifi clients est affiché au comptoir, je ne vous l'envoie pas",
        "Das WLAN-Passwort ist am Empfang angezeigt, bitte nicht per Mail schicken",
        # a time and a field on lines of their own
        "Time: 10:30\nNote:Important",
    ],
)
def test_what_unseen86_to_89_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_full_width_text_is_read_as_ascii_and_kept_as_written() -> None:
    text = "暗証番号　５８２０、ＰＯＳは３番です"
    redacted, findings = redact(text)
    assert redacted == "暗証番号　[credential removed: password]、ＰＯＳは３番です"
    assert [(f.start, f.end) for f in findings] == [(5, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "*0815 pin *2580# star#*2580##star*2580#",
        "\nalarm 1 9 7 4 star*2580#",
        "alarm 1234 star*5678star1 9 7 4code is alarm x",
        "Pass!#alarm staralarm *2580#1 9 7 4 star*2580#",
    ],
)
def test_a_keypad_mark_kept_with_its_code_never_overlaps_the_next_finding(text: str) -> None:
    findings = scan(text)
    assert all(a.end <= b.start for a, b in pairwise(findings)), findings
