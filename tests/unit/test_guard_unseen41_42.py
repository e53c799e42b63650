"""What the blind splits unseen41 and unseen42 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # the old code in brackets on the line below a new one
        (
            "new gate code for the yard: *5512#\nold one (8830) stops working friday",
            ["*5512#", "8830"],
        ),
        # the new and the old one on lines of their own, below a Japanese label
        (
            "ルーターの管理者パスワードを変更しました。\n新: Sakura_0412\n旧: Momiji2022\n",
            ["Sakura_0412", "Momiji2022"],
        ),
        (
            'för nas-disken valde jag lösenfrasen "blå cykel sover i skogen"',
            ["blå cykel sover i skogen"],
        ),
        # a login word before a value of both cases, a digit and a symbol
        ("mac mini login Hops!Barley7\nsame user as before", ["Hops!Barley7"]),
        # "passwd" before a value of both cases and a digit
        ("VNC on the kiln controller, passwd Kiln4ok (8 chars max)", ["Kiln4ok"]),
        # a value alone below a label's colon, a blank line between
        ("Kode til alarmappen:\n\nSmorrebrod77\n\nTak", ["Smorrebrod77"]),
        # after a code's bridge, ", it's"
        ("can you give her the code for the side door, its 6620 then the tick", ["6620"]),
        (
            "Ich habe das WLAN-Passwort geändert. Das neue heisst Pilatus-See#12, bitte nachtragen",
            ["Pilatus-See#12"],
        ),
        ("SSID: Boote_IoT\nWPA2: k8Z2pQm7Xr\n", ["k8Z2pQm7Xr"]),
        ("nové wifi: sieť Chata_5G, kľúč horska-chata-77. Díky", ["horska-chata-77"]),
        # a setup key shown below its label, after a blank line
        (
            "the setup key shown below it:\n\nJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n",
            ["JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"],
        ),
        # a phrase after a phrase label and words before the colon
        (
            "ich habe eine Passphrase gewählt, die alle behalten: Tasse Ordner Fenster Montag"
            "\n\nGruß",
            ["Tasse Ordner Fenster Montag"],
        ),
        ("It's shop@bakery.example and Crust.Crumb.2025 — Karen set it up", ["Crust.Crumb.2025"]),
        # codes per room, one per line, after a plural label and a bracket
        ("gesla za sobe (aplikacija):\nsoba 1: 5521\nsoba 2: 7730\n", ["5521", "7730"]),
    ],
)
def test_what_unseen41_and_42_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shopify order #1047 / checkout token 5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9 never arrived",
        "Stripe event failed, idempotency key 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d",
        "Router settings:\nSecurity: WPA2\nWPA2: enabled\n",
        "sudo passwd svc_backup",
        "the code for the side door, its on the sticker by the bins",
        "rooms (app):\nroom 1: breakfast 8am\nroom 2: late checkout\n",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
