"""A list of fields on lines of their own, two or more with a password or a code found: the
other fields' values are secrets too; a phrase after a Welsh or a Turkish password label."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a plain word, a word with an underscore, a code: each beside passwords found
        (
            "Hi,\nWifi (Staff): Lullaby-Lane-2024\nWifi (Guest): welcomefriends\nalarm: 3141",
            ["Lullaby-Lane-2024", "welcomefriends", "3141"],
        ),
        (
            "Olá, segue tudo:\nemail: Gaivota2024!\nwifi: redes_da_praia\nalarme: 4471#",
            ["Gaivota2024!", "redes_da_praia", "4471#"],
        ),
        # dashes for separators, a comment after the value, bullets
        (
            "lista:\nkomputer recepcja - Rec2024!\npoczta - Mleczak#55\nwifi gosci - usmiechnijsie",
            ["Rec2024!", "Mleczak#55", "usmiechnijsie"],
        ),
        (
            "- NAS admin: Gr@nite-Slab-71\n- Plotter web: 0000 (never changed, sorry)\n"
            "- Router: Lic3nseSrv!",
            ["Gr@nite-Slab-71", "0000", "Lic3nseSrv!"],
        ),
        # French spacing before the colon
        (
            "- ordi bureau : Cidre1987\n- boîte gmail : vergerdu-Pressoir!\n- compta : annick56",
            ["Cidre1987", "vergerdu-Pressoir!", "annick56"],
        ),
        # a passphrase after a Welsh or a Turkish password label and a colon
        ("Cyfrinair: bara brith 4 ever\n(ie with the spaces)", ["bara brith 4 ever"]),
        (
            "Synology yedek şifreleme parolası: bizim dükkan Venlo köprüsünün yanında",
            ["bizim dükkan Venlo köprüsünün yanında"],
        ),
    ],
)
def test_the_other_fields_of_a_list_of_secrets_are_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # names, accounts, places, settings, times and short words stay
        (
            "Kasse: 8812\nTresor: 30-17-05\nAlarm: 2580#\nAlarmfirma: Securitas\nhours: weekdays",
            ["Securitas", "weekdays"],
        ),
        (
            "gebruiker: receptie1\nww: Duinroos-55\ngebruiker: nachtportier\nww: Duinroos-66",
            ["receptie1", "nachtportier"],
        ),
        (
            "Access key ID: AKIAQ7HM3PX2LZW4N5RT\n"
            "Secret access key: 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\nRegion: us-east-2",
            ["us-east-2"],
        ),
        (
            "Kasse: 8812\nTresor: 3017\nhost: nas01-backup\nkonto: anna.kowalska\n"
            "mail: anna@example.org\nparking: behind the shop\nfloor: ground\nOld: same",
            ["nas01-backup", "anna.kowalska", "anna@example.org", "behind the shop", "ground"],
        ),
        # an environment file: its names are settings, never a list's fields
        (
            "DB_HOST=localhost\nDB_USER=booking\nDB_PASSWORD=Qx7!pLm2vR9z\n"
            "MAIL_PASSWORD=schoolbell2024\nAPP_DEBUG=false",
            ["localhost", "booking", "false"],
        ),
        # one password alone tells no list
        ("Router: rtr-west\nPassword: Gr@nite-Slab-71\nModem: fritzbox7590", ["fritzbox7590"]),
    ],
)
def test_the_fields_of_a_list_that_name_things_stay(text: str, kept: list[str]) -> None:
    findings = [text[f.start : f.end] for f in scan(text)]
    assert not [value for value in kept if any(value in found for found in findings)], findings
