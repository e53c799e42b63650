"""What the blind splits unseen110 to unseen113 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a one-time code in two groups, after words that say who sent it
        ("the sign-in code the council emailed is 318 442, can you type it in", ["318 442"]),
        ("the code off the bank's text was 772 019 I think", ["772 019"]),
        ("Bekræftelseskoden fra banken var 660 231", ["660 231"]),
        ("the activation code they mailed us is 9KX4PQ, it came today", ["9KX4PQ"]),
        ("OTP aaya hai 550912, jaldi daal do", ["550912"]),
        # words for a password, a PUK or a till's code; "new" after the label in Irish
        ("Pasfhocal nua:\nbradan-feasa-19", ["bradan-feasa-19"]),
        ("Kadavuchol for the billing laptop: kolam77Madurai", ["kolam77Madurai"]),
        ("Moin, dat Passwoort vun de Melkkamer is nu Kohstall9", ["Kohstall9"]),
        ("Pukcode van mijn telefoon: 55120938", ["55120938"]),
        ("Kassencode vom Hofladen: *2211#", ["*2211#"]),
        # a particle after the label in Sinhala; "to" in Danish after what it is for
        ("mage aluth password eka ambul_thiyal_9 kiyala danna", ["ambul_thiyal_9"]),
        (
            "jeg har sat koden til regnskabsprogrammet til hornfisk55 så Bo kan komme ind",
            ["hornfisk55"],
        ),
        # a padlock that "does" its code in Italian
        ("il lucchetto della cantina fa 7-3-1-9, chiudetelo", ["7-3-1-9"]),
        # a TOTP key in groups of eight
        (
            "Authenticator-Schlüssel für das Kundenportal: JBSWY3DP EHPK3PXP GEZDG4BV",
            ["JBSWY3DP EHPK3PXP GEZDG4BV"],
        ),
        # an account and its password after a lead that ends in a colon; a domain's account
        ("sftp for the plotter: plotter:Pl0tMe2Night", ["Pl0tMe2Night"]),
        ("backups:\nCORP\\jmurray  Thistle2031", ["Thistle2031"]),
        # accounts named, then said to be accounts below them
        (
            "anna_stagista / frantoio2026\nluca_stagista / macina2026\nsono gli account nuovi",
            [
                "frantoio2026",
                "macina2026",
            ],
        ),
        # a list where one item has a password's shape and another is words run together
        (
            "riepilogo:\n- Shop: Vigna!Shop7\n- Mail: grappa_e_sole_3\n- Wi-Fi: ciaoDaSiena",
            [
                "Vigna!Shop7",
                "grappa_e_sole_3",
                "ciaoDaSiena",
            ],
        ),
        # a passphrase starting with an article, after a colon to the line's end
        (
            "The passphrase for the vault is: the otter swims past Kylemore each dawn",
            ["the otter swims past Kylemore each dawn"],
        ),
        # a password said to keep its spaces
        (
            "set the password on the front desk pc to oatcakes and jam 44 with the spaces",
            ["oatcakes and jam 44"],
        ),
        (
            "I changed the shop password, it's Giant Causeway 9 now, spaces and all",
            ["Giant Causeway 9"],
        ),
        # a value in quotes after "is" in a sentence about Wi-Fi; a login that "works with"
        ("the wifi for people waiting in reception is 'KettleOnFor2027' ok", ["KettleOnFor2027"]),
        ("the login works with marigold-Pune-42 since monday", ["marigold-Pune-42"]),
    ],
)
def test_what_unseen110_to_113_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a password's hash, then a question about the password
        "im Log: password hash $2b$12$Kq7Lm2Vt8Rw3Zp4Nb9Hc6uYf0Gj5Ks2Ua8Ve1TiOs3Px7QmZ2k"
        " - heisst das, das Passwort ist kaputt?",
        # a bank's code, and codes that are numbers of other things
        "the bank code on the form is 20041155",
        "the error code the app shows is 404 today",
        "the postcode they gave was 90210",
        # a passphrase said of, not given
        "Passphrase: the one we agreed on last week",
        "the passphrase: the same as the wifi one",
        "the password is the same as before with the spaces",
        "my password is long with spaces",
        # a Windows path with a word after it
        "the share is C:\\Users\\maria  Documents2 was moved",
    ],
)
def test_what_unseen110_to_113_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("ftp for the plotter: plotter:Pl0tMe2Night", "Pl0tMe2Night"),
        ("compose:\n  - POSTGRES_USER=shop\n  - POSTGRES_PASSWORD=Fj0rd!Sild7", "Fj0rd!Sild7"),
    ],
)
def test_an_account_beside_its_password_stays(text: str, secret: str) -> None:
    """Only the password goes: the account before it and the label beside it stay."""
    assert [text[f.start : f.end] for f in scan(text)] == [secret]
