"""What the blind splits unseen142 to unseen145 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a list of passwords under a Lithuanian plural label; a door's code after the alarm's
        ("Slaptažodžiai: planšetė Vilnius2020, paštas Vilnius2020_mail", ["Vilnius2020"]),
        ("Signalizacijos kodas 7731, durų kodas 4402*", ["7731", "4402*"]),
        # a keypad's mark among the words before a gate's code
        ("Side gate: press * then 61730 then #", ["61730"]),
        # a camera's verification code in six capitals
        ("Verification code on the NVR sticker: WPLKDR", ["WPLKDR"]),
        ("the doorbell cam's verification code says ZXCVBN", ["ZXCVBN"]),
        # a phrase after a label, for what encrypts a disk
        ("VeraCrypt pass: ciasto ze śliwkami u cioci", ["ciasto ze śliwkami u cioci"]),
        # what was set, with what it logs in to after it; what a login still was
        ("I set it to bluebell44 so the supply teachers can log in.", ["bluebell44"]),
        ("the old login was still hazelnut77 if that helps", ["hazelnut77"]),
        # Japanese: a disarm number, an unlock code, a recovery key, an admin number
        ("警備の解除番号は*1470#です。", ["*1470#"]),
        ("iPadのロック解除コード：582039（職員室）", ["582039"]),
        ("Googleの復旧キー：QW7E-R4TY-8UIO-2PAS-5DFG", ["QW7E-R4TY-8UIO-2PAS-5DFG"]),
        ("複合機の管理者番号：7654321", ["7654321"]),
        # a device's default account with its password, by a slash or a colon, then words
        ("admin/admin2024 on the camera still, please change", ["admin2024"]),
        ("root:Kestrel2023 is what the installer left", ["Kestrel2023"]),
        # an account, its password and a host without a scheme
        ("sftp: foto.studio:Senja77kopi@files.tokoku.id port 22", ["Senja77kopi"]),
        # Indonesian: a code with its word and a keypad's mark, a verb for pressing
        ("Pintu samping kodenya *5521 , alarm tekan 3030 lalu OK", ["*5521", "3030"]),
        # recovery keys in Hebrew, two joined by "and"
        ("מפתחות שחזור של דרופבוקס: k4m2x-8pq7z ו- t9w3r-2yv6n", ["k4m2x-8pq7z", "t9w3r-2yv6n"]),
        # a Korean API key, a seed phrase after an Indonesian label
        (
            "결제 REST API 키 9c2e7a1f4b8d3e6a0c5f2b7d9e1a4c8f 넣어주세요",
            ["9c2e7a1f4b8d3e6a0c5f2b7d9e1a4c8f"],
        ),
        (
            "frasa pemulihan dompet: maple orbit shallow tunnel bright carpet venue olive humble"
            " crater sample wisdom",
            ["maple orbit shallow tunnel bright carpet venue olive humble crater sample wisdom"],
        ),
        # an Arabic app password in groups
        ("كلمة مرور التطبيق للبريد: abcx qwez rtyu pkmn", ["abcx qwez rtyu pkmn"]),
        # Arabizi: the label, "lel" (for the) and what it is for, then a colon
        ("el pass lel tablet beta3 teta fel room 4: warda_7788 , el staff", ["warda_7788"]),
    ],
)
def test_what_unseen142_to_145_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the value alone, not the label before a full-width colon
        ("パスワード：Momiji#2025", "Momiji#2025"),
        ("受付PC：Uketsuke#02", "Uketsuke#02"),
    ],
)
def test_a_value_after_a_full_width_colon_is_redacted_alone(text: str, value: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        # an aside in full-width brackets where the value would be
        "パスワード：（別途お電話でお伝えします）",
        # Arabizi words with digits for sounds
        "nasit el password bta3i tany, momken te3melo reset?",
        "el staff 3ayzeenoh bokra",
        "el staff 3arfeeno, momken te3melo reset?",
    ],
)
def test_what_unseen142_to_145_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # what the rules of these rounds must not take for values
        "verification code: SENTOK",
        "Verification code status: FAILED, retry",
        "sip:alice2@atlanta.example.com",
        "mailto:john.doe2@example.com",
        "git@github.com:org/repo2.git",
        "user:bob42 logged in at 09:14",
        "press 1 for sales, 2 for support",
        "Veracrypt password: same as the old one",
        "recovery codes for the account: see the vault and ask Tom",
    ],
)
def test_prose_stays_beside_the_rules_of_these_rounds(text: str) -> None:
    assert scan(text) == []
