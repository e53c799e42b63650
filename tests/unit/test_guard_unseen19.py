"""What the blind split unseen19 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # what a password still is, was left as, or is used for
        (
            "The scanner asks for the admin password. Is it still kestrel2019 or did you "
            "change it?",
            ["kestrel2019"],
        ),
        (
            "te paso la clave del router. Movistar la dejó como XkT9-p4Rw-2mQz pero yo la "
            "cambié a Gestoria.Ruiz.2025",
            ["XkT9-p4Rw-2mQz", "Gestoria.Ruiz.2025"],
        ),
        (
            "set up the guest account on the boardroom PC. Use Gingerbread2026 for it.",
            ["Gingerbread2026"],
        ),
        # a key in groups of both cases and digits, near a word about Wi-Fi
        ("the wifi card says MfR4-xkT9-Ug7L if that helps", ["MfR4-xkT9-Ug7L"]),
        # an account every system has, then a word with a number
        ("- Sage 50 (old, read only now): admin / sage123\n", ["sage123"]),
        # backup codes in two numbered columns, below a label with a word between
        (
            "BACKUP VERIFICATION CODES\n1. 4821 9036    6. 2094 7781\n2. 7710 2583    "
            "7. 5516 3390\n",
            ["4821 9036", "2094 7781", "7710 2583", "5516 3390"],
        ),
        # seed words with accents, numbered in columns
        (
            "cartera de criptomonedas, la frase:\n 1. ladrillo    5. ensayo     9. pulpo\n"
            " 2. mármol      6. brújula   10. orilla\n 3. lince       7. ámbar     11. cereza\n"
            " 4. tejado      8. granja    12. viaje\n",
            ["mármol", "brújula", "ámbar", "viaje"],
        ),
        (
            "the metamask seed is: velvet harbor tiny clutch empower slogan rifle orchard "
            "kidney awkward spice bamboo — can you import it",
            ["velvet harbor tiny clutch empower slogan rifle orchard kidney awkward spice bamboo"],
        ),
        # a table under a line about passwords, its columns named for the systems
        (
            "Passwords for the new starters:\n\n| Name | Windows | Sage |\n|---|---|---|\n"
            "| Anna Keller | Lighthouse7 | anna.sage22 |\n",
            ["Lighthouse7", "anna.sage22"],
        ),
        # Swedish definite forms of a code word
        ("portkoden är 1947 och larmkoden till kontoret är 8812.", ["1947", "8812"]),
        # a safe's dial, in pairs of digits
        ("- safe in the partners' office: 36 14 52, only if needed", ["36 14 52"]),
        # app passwords a few lines below "the two app passwords"
        (
            "did the two app passwords like you said.\n\niCloud one for Mail: hjkw-qpzr-tmvb-lsxe"
            "\nMicrosoft one for Outlook: vkqzbmtrplxwhdns\n",
            ["hjkw-qpzr-tmvb-lsxe", "vkqzbmtrplxwhdns"],
        ),
        # plain words alone below a line about a passphrase
        (
            "habe ich jetzt eine Passphrase statt eines Passworts genommen:\n\n"
            "Kaffeetasse Segelboot Mondlicht Treppe\n\nBitte hinterlegen.",
            ["Kaffeetasse Segelboot Mondlicht Treppe"],
        ),
        # a router's sticker
        ("Wireless Network Name: SKY8F2A1\nWireless Key: KXRVNBTQ\n", ["KXRVNBTQ"]),
    ],
)
def test_what_unseen19_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'the dev says the password is "in the code" but settings.py reads it from the env',
        "I'll send the password separately by text:\n\nMit freundlichen Grüßen\n\nJens",
        "the password reset page says:\n\nSee attached file\n\n",
        "Wireless Network Name: SKY8F2A1\nWireless Key: (on the sticker)\n",
        'the template says "WIFI_KEY=xxxxxxxx" - what goes there?',
        "Passwords are in the vault. The rota:\n\n| Name | Monday | Tuesday |\n|---|---|---|\n"
        "| Anna Keller | Room2 | Desk14b |\n",
        "| Name | Windows | Sage |\n|---|---|---|\n| Anna Keller | Windows11 | Sage50c |\n",
        "Is it still Windows10 on the reception PC?",
        "Use Office365 for it, the login is the same",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
