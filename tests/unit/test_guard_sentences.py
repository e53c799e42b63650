"""Passwords in sentences with no label right before them: a value strong enough on its
own, an answer to a question quoted below, a note on letter case, plain words a login was
changed to; and the look-alikes beside each."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("i set the new one as Bluebell1987! so you know", ["Bluebell1987!"]),
        ("it's now Summer2026# for the office365", ["Summer2026#"]),
        ("both of us use the same: Sunflower_44", ["Sunflower_44"]),
        ("Emma's is Rosebud#12 and Tom's is Fishing4Life", ["Rosebud#12", "Fishing4Life"]),
        (
            "> what's the password for the printer admin?\nit's just printer123 i think",
            ["printer123"],
        ),
        ("Yes, it's Kestrel-88\n\n> Is the NAS password still the same?", ["Kestrel-88"]),
        ("it should be Harbour2026 with a capital H", ["Harbour2026"]),
        ("login details for the booking system\nadmin\nSaltLake#2026", ["SaltLake#2026"]),
        ("pword: emu4life", ["emu4life"]),
        ("Ho cambiato la password in Autunno26!", ["Autunno26!"]),
        ("Koden til døren er 2468", ["2468"]),
        (
            "changed my laptop login to correct purple tractor singing yesterday, works now",
            ["correct purple tractor singing"],
        ),
        (
            "I reset the wifi password to orange kettle meadow bridge.",
            ["orange kettle meadow bridge"],
        ),
    ],
)
def test_a_password_without_a_label_before_it_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Stripe payout po_1OqR8sLkdIwHu7ix3G2bKx9Q arrives Friday",
        "Assigned:\n- Tom: Ticket-Queue-4\n- Eva: Support&Sales-2",
        '"Welcome2026" is the default password policy name',
        "Invoice#2026 for March, the login page is fine",
        "Win11-Pro 23H2 build 22631.4602, Office 2021 LTSC",
        "We upgraded to Windows11 and Office2021 last week.",
        "changed my password to something simpler yesterday",
        "I changed the login to the same one as before.",
        "reset the password to what you suggested, thanks",
        "it's just a test, no need to reply\n> did you get the password reset mail?",
        "it's 10:30 now, the password reset link came at 09:15",
        "Our hashtag this year is #Spring2026 on every post.",
        "Ticket C#-Dev_2026 is about the login page in upper case.",
        "Note: client set the new Wi-Fi name to Office_5G; key shared via one-time link.",
        "the SSID is Office_5G now, the network called Guest_Net24 is for visitors",
    ],
)
def test_sentences_beside_these_rules_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("to turn the alarm off you punch in 7-7-3-1 and hit OFF", ["7-7-3-1"]),
        ("the alarm code changed last week, new one is 5520", ["5520"]),
        ("the code for the shed padlock is 3 9 1", ["3 9 1"]),
        ("disarm code for the shop is 6262 (the installer one is 9999)", ["6262", "9999"]),
        ("PIN is 0000 on the old one, the new one 7302", ["0000", "7302"]),
        ("anvandarnamn: kassa losenord: Kassa2026", ["Kassa2026"]),
        ("Mum's ipad passcode 271828 and dad's 314159", ["271828", "314159"]),
        ("the SIM PIN is 1234 and PUK 12345678", ["1234", "12345678"]),
        (
            "veracrypt volume password is four plain words: maple cider autumn road",
            ["maple cider autumn road"],
        ),
        (
            "ledger recovery words\n1 harvest 2 orbit 3 velvet 4 canyon 5 lemon 6 tribe\n"
            "7 august 8 pilot 9 fossil 10 umbrella 11 gentle 12 magnet",
            ["harvest", "orbit", "canyon", "august", "magnet"],
        ),
    ],
)
def test_codes_words_and_labels_in_more_phrasings_are_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "the alarm code changed last week, the new one is on the fridge",
        "door code is 4 digits, the old one was shorter",
        "Room 1 kitchen 2 hallway 3 office 4 garage 5 attic 6 cellar 7 porch 8 shed 9 barn"
        " 10 stable 11 garden 12 pond",
        "the password is three words: I will phone you",
        "the lock is 3 years old",
        "PIN reset requests: 4 this week, Anna's 2 and Tom's 2",
    ],
)
def test_look_alikes_of_codes_and_words_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("i typed in Bluebell22 and it says wrong password", ["Bluebell22"]),
        ("it's emma.w@practice.example and Molar2026", ["Molar2026"]),
        ("use anna@shop.example with Tulip#Field7 for the webshop", ["Tulip#Field7"]),
    ],
)
def test_a_value_typed_in_or_after_an_email_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "I typed in Windows11 in the search box and it found nothing",
        "write to anna@shop.example and Support2026 team for the invoice",
        "cc anna@shop.example and ben@shop.example please",
    ],
)
def test_typed_names_and_emails_beside_them_stay(text: str) -> None:
    assert scan(text) == []
