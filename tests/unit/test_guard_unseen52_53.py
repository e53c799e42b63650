"""What the blind splits unseen52 and unseen53 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ('rete "Ospiti", chiave WPA2 Sol_La_Si_2024. Grazie', ["Sol_La_Si_2024"]),
        ("la boîte à clés à côté du garage c'est 4-1-8-2. Merci", ["4-1-8-2"]),
        ("le code du photocopieur 5512, et rien d'autre", ["5512"]),
        (
            "Mandant x, geheimer Clientschlüssel Ab12Q~cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3y",
            ["Ab12Q~cD3eF4gH5iJ6kL7mN8oP9qR0sT1uV2wX3y"],
        ),
        ("key safe by the door code 0614, alarm panel unset 8 1 2 5 then OK", ["0614", "8 1 2 5"]),
        ("la clave del TPV es 6241. El usuario encargado tiene 7741.", ["6241", "7741"]),
        ("kód trezoru je 5528, alarm se vypíná kódem 1104", ["5528", "1104"]),
        ("klíč je v krabičce u branky, kód 3309. Díky", ["3309"]),
        (
            "the alarm company wants the engineer code so you can add the module: it's 6620",
            ["6620"],
        ),
        ("Serverskabet har hængelås, kombinationen er 417.", ["417"]),
        ("I've given her the temp login Welcome-Sam7 for the booking system", ["Welcome-Sam7"]),
        ("I set the tablet to use Puffin77 as the parental lock", ["Puffin77"]),
        (
            "Jeg har lavet en ny kodeordsætning til Dropbox: grøn båd ved søen mandag\n"
            "(med mellemrum)",
            ["grøn båd ved søen mandag"],
        ),
    ],
)
def test_what_unseen52_and_53_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "mount -t cifs //server/daten /mnt -o user=IHRNAME,password=IHRPASSWORT",
        "DB_PASSWORD=VOTRE_MOT_DE_PASSE",
        "the tablet uses Android14 as the operating system",
        "the error code page 404 is on the wiki",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
