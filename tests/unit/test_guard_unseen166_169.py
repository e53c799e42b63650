"""What the blind splits unseen166 to unseen169 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import time

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Welsh "ar gyfer" (for) between a label and its colon
        (
            "Yr ymadrodd cyfrinachol ar gyfer y cwmwl yw: afon ddu dan y bont",
            ["afon ddu dan y bont"],
        ),
        # a password "below" with no "is"
        ("New pw below, dont share\n\n    lasagne_friday_7\n\nta", ["lasagne_friday_7"]),
        # a place's code with a keypad mark after it
        ("Cella vini, porta retro 4471*", ["4471*"]),
        # a quoted phrase used "as" the passphrase
        (
            'The backup disk uses "orange tram sings at dawn" as passphrase',
            ["orange tram sings at dawn"],
        ),
        # Icelandic, Norwegian and Igbo labels (a phrase after "frasen", any phrase, is not one)
        ("ftp notandi hans með lykilorði Sumar.Ljos.4471 virkar ekki", ["Sumar.Ljos.4471"]),
        (
            "Lommebok kodefrase: fjellet sover under snøen i natt",
            ["fjellet sover under snøen i natt"],
        ),
        ("Okwuntughe nke email ụlọ ọrụ bụ Obinna4ever77", ["Obinna4ever77"]),
        # Yoruba code words and recovery codes
        ("Koodu ilekun ọfiisi: 7731*", ["7731*"]),
        ("Koodu imularada Google: K7QZ2-M2LXV-9RVT4", ["K7QZ2-M2LXV-9RVT4"]),
        # a BankID's code
        ("BankID-koden er 551208, ikke del den", ["551208"]),
    ],
)
def test_what_unseen166_to_169_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a value asked about
        "Is 'Password1' really the most common password? The kids were asking",
        "Is 'qwerty123' the worst password ever?",
        # a product used as a password manager; "below" and no value under it
        'we use "Bitwarden" as password manager',
        "password below\nsee the attached policy",
    ],
)
def test_what_unseen166_to_169_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_a_value_asked_about_stays_beside_secrets() -> None:
    """Beside secrets the learned look reads a value asked about as a look-alike too."""
    text = "SENHA_BANCO=Vet#Clinica2023\nIs 'Password123' a good password?"
    assert [text[f.start : f.end] for f in scan(text)] == ["Vet#Clinica2023"]


@pytest.mark.parametrize(
    "text",
    [
        # a user name, a domain or a host said in lowercase
        "The password field: the username is jsmith lowercase, then type your password.",
        "Passwort vergessen? Der Benutzername ist mueller kleingeschrieben.",
        # Kodi the player, and Swahili's rent
        "Open Kodi, the kodi port is 8080.",
        "Kodi ya nyumba ni 4500 kwa mwezi.",
        # a heading's title-case word is no device's name
        "Password Settings:\nSelf-Service",
        "Password Sync:\nAzure-AD-Connect",
        # "clave" is any key; settings about passwords
        "CLAVE_PRIMARIA=id_cliente",
        "PASSWORD_REGEX=^[A-Za-z0-9]{8,}$",
        "LDAP_PASSWORD_DN=cn=admin,dc=example,dc=org",
        # "frasen" is any phrase; physical access; a Thai postal code; a button's words
        "Frasen: Tak for mad",
        "Accesso disabili: rampa / ascensore-B2",
        "รหัสไปรษณีย์เป็น 10110",
        "パスワードは「Forgot your password」リンクから再設定できます。",
        # a login's method; a device's name after "is"
        "We use kerberos as the login method for all machines.",
        "The password was reset. The laptop is dell-latitude-5420.",
    ],
)
def test_what_a_review_of_these_rules_found_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # "admin" after the word is no minimum
        ("PASSWORD_ADMIN=Tr0ub4dor!", ["Tr0ub4dor!"]),
        ("DB_PASSWORD_ADMIN=Tr0ub4dor!", ["Tr0ub4dor!"]),
        # a value asked about that is no well-known example may be the asker's own
        ('Is "Summer2024" a good password? Asking for a friend.', ["Summer2024"]),
    ],
)
def test_what_a_review_of_these_rules_found_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "password=a&amp;" * 3_000,  # an entity after each value: each value's read is bounded
        "password_abc_def=" * 6_000,  # names with more parts, no space between
    ],
)
def test_values_with_entities_or_long_names_stay_linear(text: str) -> None:
    started = time.process_time()
    scan(text)
    assert time.process_time() - started < 5
