"""What the blind splits unseen190 to unseen193 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a value said how it is made, then given after a comma, a colon or a dash
        (
            "the shop laptop password is our company name and the area code, HarbourFreight64, "
            "nothing fancy",
            ["HarbourFreight64"],
        ),
        (
            "new router password is the street name with a capital and a dollar at the end — "
            "Harbourview$",
            ["Harbourview$"],
        ),
        ("paroli aris kalakis saxeli da weli, anu Mtskheta2020. ar daiviwyo", ["Mtskheta2020"]),
        # labels in Georgian, Armenian, Bengali, Hausa, Tongan and Samoan
        ("skype-ის პაროლი: tamadaxmali", ["tamadaxmali"]),
        ("Գաղտնաբառ: sevanalich", ["sevanalich"]),
        ("পাসওয়ার্ড: padmanodi", ["padmanodi"]),
        ("Kalmar sirri: kanodabo", ["kanodabo"]),
        ("paasiueti: nukualofa", ["nukualofa"]),
        ("upu faalilo: apiafou", ["apiafou"]),
        # "is" in Georgian and Hausa
        ("ofisis paroli aris: mtsvane_12 , xval shevcvli", ["mtsvane_12"]),
        # what a Georgian label is for, joined to its word; app passwords in Bengali, Georgian
        ("პაროლი Gmail-ისთვის: kutaisuri", ["kutaisuri"]),
        ("অ্যাপ পাসওয়ার্ড: wqzt mkrb xpvn hjlc", ["wqzt mkrb xpvn hjlc"]),
        ("აპლიკაციის პაროლი Outlook-ისთვის: pqkzxtrmvbnhwjdf", ["pqkzxtrmvbnhwjdf"]),
        # codes in Armenian and Bengali
        ("Սեյֆի կոդը: 4826", ["4826"]),
        ("কম্বিনেশন: ৩৮-১৫-২৭", ["৩৮-১৫-২৭"]),
        # a seed phrase named in Georgian
        (
            "სიდ ფრაზა: orbit canyon lemon slight venue raven pulse gather tiny copper weekend "
            "harvest",
            ["orbit canyon lemon slight venue raven pulse gather tiny copper weekend harvest"],
        ),
        # a Telegram bot's token
        (
            "5829173046:AAGx3kP9mQ2vLr7TzW1nB8cY4dH6jF0sE5u",
            ["5829173046:AAGx3kP9mQ2vLr7TzW1nB8cY4dH6jF0sE5u"],
        ),
        # a user, a slash and a password; a network's key after its name; "which is"
        ("4. WordPress (radio.example/wp-admin) - user studio / StudioLove876", ["StudioLove876"]),
        ("2. Staff wifi 'Harbour-Staff' key: seagullsunset", ["seagullsunset"]),
        ("the NVR has the same as our Wi-Fi key, which is himal@lakeside.", ["himal@lakeside"]),
    ],
)
def test_what_unseen190_to_193_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a mask before the last characters it shows; a template's word, then why
        "Card on file ••••••••4417 and API key ****************b2c9, both masked in the portal",
        "the sample .env says DB_PASSWORD=changeme before you start the stack",
        # Icecast's sample default
        "<source-password>hackme</source-password> is in the sample icecast.xml",
        # letters' marks that stand like quotes in Tongan and Hawaiian
        "ko e lea fufū 'a e komipiuta 'oku 'i he tohi",
        # a rule said, not a value given after a comma
        "The password needs a capital letter and a number at the end, Windows 11, Office 365.",
        "the key, which is printed on the back of the router, still works",
        # what a review of these rules found them to take
        "I reset the password for the user name, jdoe1985.",
        "the wifi password is printed under the router, network name: Office_Main_5G",
        "Le mot de passe ce matin ne marchait pas.",
        "პაროლი: SMS-ით გამოგიგზავნით.",
        "Փոստային կոդը: 0010",
        "job 12345678:AAPL_daily_close_price_adjusted_v2 finished",
        "user j.smith / j.smith2 (new account) both exist",
        "Office wifi 'Staff' key: WPA2",
        "The Wi-Fi password, which is WPA2, works.",
        "Your password, which is case-sensitive, expired.",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []


def test_a_letter_s_mark_inside_a_quoted_value_is_no_closing_quote() -> None:
    text = "The password is 'o'ahu2024' now"
    assert [text[f.start : f.end] for f in scan(text)] == ["o'ahu2024"]
