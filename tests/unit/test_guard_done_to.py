"""Values after what was done with a password ("set it to", "tried", "the old one was"),
further values in brackets after a Japanese label, a year among secrets, a sign-in code
sent by text; and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "Dave the laptop BIOS is asking for a supervisor password. Rob says he set it to "
            "surgery1 ages ago. Can you try that?",
            ["surgery1"],
        ),
        (
            "my login for the portal wont work. i tried Mum1962 and mum1962 neither works.",
            ["Mum1962", "mum1962"],
        ),
        (
            "im locked out of the laptop, tried Summer2024 and summer2024! neither works. "
            "the one before was Daisy123 maybe its that",
            ["Summer2024", "summer2024!", "Daisy123"],
        ),
        (
            "passwords for the front desk, all reset:\nAnna – Rosemary55\nBen's is tractor!Blue\n"
            "Carla still uses hummingbird9 (I know, I know)",
            ["Rosemary55", "tractor!Blue", "hummingbird9"],
        ),
        (
            "Buenas Javi, lo he cambiado a Paella.Valencia24 (con punto) porque el otro lo "
            "sabía todo el mundo.",
            ["Paella.Valencia24"],
        ),
        ("the vpn password, I reset it to harbour77, then it locked again", ["harbour77"]),
        ("Ik heb het wachtwoord veranderd naar Tulpen2026!", ["Tulpen2026!"]),
        (
            "Anna's windows login is Rosen!Garten5 and Ben's is ben2019!! , the shared "
            "mailbox one is Office#Team44",
            ["Rosen!Garten5", "ben2019!!", "Office#Team44"],
        ),
    ],
)
def test_a_value_after_what_was_done_with_a_password_is_found(
    text: str, secrets: list[str]
) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "I tried Windows11 and the login still fails.",
        "We tried Office365 sign in but it says account locked.",
        "She still uses Outlook2016 for the shared mailbox account.",
        "I changed it to WPA2 and the wifi password prompt came back.",
        "the one before was Ubuntu22 on the server, login worked then.",
        "I set it to TLS1.2 in the mail account settings.",
        "We tried port 8443 and port 443 for the VPN login.",
        "I changed it to HP-M404dn in the printer list, can you log in and check?",
        "the old one was Fritzbox7590, the new router login page is different.",
        "He still uses iPhone12 for the VPN.",
        "I tried user2 and admin accounts, neither works.",
        "the wifi, I set it to channel11 and the login page loads now",
    ],
)
def test_a_thing_named_after_such_words_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "鈴木さん\n\n新しいWi-Fiのパスワードは「kumo-sora-8812」です。\n"
            "ゲスト用は「welcome2026」です。\n高橋",
            ["kumo-sora-8812", "welcome2026"],
        ),
        (
            "店舗のPOSレジの管理者暗証番号を変更しました。\n新しい暗証番号は 5817 です。\n"
            "旧番号（3344）は使えません。",
            ["5817", "3344"],
        ),
        (
            "email pw Marlin2024 bank pw Marlin2024! and the alarm 1966 — I'll change them",
            ["Marlin2024", "Marlin2024!", "1966"],
        ),
        (
            "got a text from Microsoft with a code 482913 but I didn't try to log in??",
            ["482913"],
        ),
    ],
)
def test_more_values_and_codes_are_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "パスワードは別途お送りします。会議室は（3階）です。",
        "the alarm 1998 model needs a new battery, the panel code is in the manual",
        "Kerberos pre-authentication failed. Failure Code: 0x18",
        "I got a text with the tracking code 482913 for the parcel",
        "the shared mailbox one is on the second floor",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


def test_a_file_name_in_brackets_after_a_japanese_password_stays() -> None:
    text = "新しいWi-Fiのパスワードは「kumo-sora-8812」です。\nファイル名は「report.xlsx」です。"
    assert [text[f.start : f.end] for f in scan(text)] == ["kumo-sora-8812"]
