"""What the blind splits unseen46 and unseen47 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed

_TWILIO = "AC" + "3f9b2e7d1c4a8f6e0b5d9c2a7e1f4b83"
_TOKEN = "5d1e8a3c9b7f2e6d4c0a8b3f1e9d7c25"


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "the shop pc wants the admin password again. its Lens7@Mumbai - can you check",
            ["Lens7@Mumbai"],
        ),
        (f"const client = twilio('{_TWILIO}', '{_TOKEN}');", [_TOKEN]),
        (f"Twilio: {_TWILIO} / {_TOKEN}", [_TOKEN]),
        (
            "found in the repo:\nghp_8Rt2Yp0Zs3Lm8Nv5Bc1Df6Gh9Jk2LxQ4Wm\n",
            ["ghp_8Rt2Yp0Zs3Lm8Nv5Bc1Df6Gh9Jk2LxQ4Wm"],
        ),
        (
            "Secret Key: A3-Q7KD2M-X9WT4R-8LZC6-YVH3N-B5JD2-FQ8XR",
            ["A3-Q7KD2M-X9WT4R-8LZC6-YVH3N-B5JD2-FQ8XR"],
        ),
        ("the fridge room door uses a pin, we set 4826. nurses need it", ["4826"]),
        ("gate code changed to 71*09, tell the driver. The old one 5531 is off", ["71*09", "5531"]),
        ("Wifi værksted: kode: smedeHAMMER77 (store bogstaver i midten)", ["smedeHAMMER77"]),
        ("heslo do administrace routeru zůstalo admin123. Díky", ["admin123"]),
        (
            "the password I went with is Granite-Blue-Harbor — with the dashes",
            ["Granite-Blue-Harbor"],
        ),
        ("Shed lock combo is 4-4-1-9 now (the old 9-1-4-4 was too easy)", ["4-4-1-9", "9-1-4-4"]),
        ("- iPad (bookings): passcode 551902\n", ["551902"]),
        (
            "the grooming booking tablet: passcode was 7070 lol, I changed it to 311842",
            ["7070", "311842"],
        ),
        ("Re: phone\n\n> what's the pin to unlock it?\n\n5172\n\nsent from my phone", ["5172"]),
        (
            "their support sent a one-time code, the code they sent is 41-QX-7702 for 48 hours",
            ["41-QX-7702"],
        ),
    ],
)
def test_what_unseen46_and_47_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ruf sie an, sie gibt dir den Code persönlich: 0201 555 3948 (Büro)",
        "the booking code for the ferry is 4471, see the PDF",
        "its name is Lens7 and it runs on the old PC",
        "> what time is the delivery?\n\n1430\n\nthanks",
        "Invoice 2024:\n\n> did you get the invoice?\n\nyes, paid",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
