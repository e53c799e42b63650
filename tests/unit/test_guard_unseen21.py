"""What the blind split unseen21 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("the QuickBooks file password is still the old one, bluefin2019.", ["bluefin2019"]),
        (
            "Anna set the bitwarden master to: copper kettle under moonlight\n(delete after)",
            ["copper kettle under moonlight"],
        ),
        (
            'alle wachtwoorden:\n- alarm: 7713\n- wifi "Bakkerij": krentenbol88\n',
            ["7713", "krentenbol88"],
        ),
        ("gate code changed today, someone shared it. new one #2719 (hash first)", ["2719"]),
        ("Alarmanlage Code 84 62, der Tresor hat 3319", ["84 62", "3319"]),
        ("The boiler cupboard padlock I think is 112 but not sure.", ["112"]),
        (
            "Lösenordet till vår delade hanterare är nu: gurka blåbär hammare fjäll\n(fyra ord)",
            ["gurka blåbär hammare fjäll"],
        ),
        ("Vonage - 4821 is the admin pin", ["4821"]),
        ("le code de la porte du local d'archives c'est toujours le 5080.", ["5080"]),
        (
            "Anna's login for the rota app is anna.k and hers is Sunflower88, Ben's is ben.t "
            "with Grizzly-Bear-3.",
            ["Sunflower88", "Grizzly-Bear-3"],
        ),
        ("uusi salasana toimiston tulostimeen on Revontuli77. Kiitos!", ["Revontuli77"]),
        ("3) Barclays card reader PIN 7094 (the little one)", ["7094"]),
        (
            'het wachtwoord voor de club is nu een zin: "oranje klompen dansen vrolijk"',
            ["oranje klompen dansen vrolijk"],
        ),
        ("pin is seven three three one (the garage door app)", ["seven three three one"]),
        ("sejf w biurze 5 5 9 2 1\n", ["5 5 9 2 1"]),
        (
            "dükkanın alarm şifresi 7 3 1 0, kepenk kumandasının yedek kodu 9966.",
            ["7 3 1 0", "9966"],
        ),
        ('<add key="SmsGatewayKey" value="tw_9Kx2LmQ7vRz4Wp8Tn3" />', ["tw_9Kx2LmQ7vRz4Wp8Tn3"]),
        ("the staffroom door keypad is C4721 and the copier PIN is 3008", ["C4721", "3008"]),
    ],
)
def test_what_unseen21_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'Can you tell me how to turn off "Require password on wake"? She types it all day.',
        "GoTo Meeting: https://meet.goto.com/418227395\nAccess code: 418-227-395\n",
        "Contraseña: la de siempre.",
        "2019 is the year the code changed, not the code itself",
        "0800 is the area code for free calls",
        "scan the barcode 4006381333931 on the box",
        '<add key="CacheKey" value="users-list" />',
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
