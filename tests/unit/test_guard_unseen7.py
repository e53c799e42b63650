"""The families the guard missed or flagged on unseen7, each with variants beyond its corpus
line: a password-shaped value in a sentence about a password with no label right before it,
``name / password`` without a label, ``ConvertTo-SecureString``, webhook secrets, a
passphrase after a verb, backup codes in groups of digits, a TOTP key in groups of letters,
remote-access shorthand, keypad codes after a verb, and a configuration lookup."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _removed(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("I set Juniper.Moss.81 as his first password, he can change it later", "Juniper.Moss.81"),
        (
            "Yes it's Cobalt_Tiger91, same as before.\n\n> what's the password for info@?",
            "Cobalt_Tiger91",
        ),
        ("the one the VPN portal gave me is\nOrchid-Lemon-19\nbut it fails", "Orchid-Lemon-19"),
        ("Das Passwort vom Drucker wurde nach dem Reset Tannenzapfen7Hof.", "Tannenzapfen7Hof"),
        ("Lösenordet till routern blev Blåbär9Skog igår", "Blåbär9Skog"),
        ("heslo k e-mailu je teď Jablko+7Strom, díky", "Jablko+7Strom"),
        ("hasło do poczty zmienione na Kruk-Las-42, pozdrawiam", "Kruk-Las-42"),
        ("le mot de passe du portail devient Citron.Vert.33 demain", "Citron.Vert.33"),
        ("la contraseña del correo quedó como Naranja_Sol77, gracias", "Naranja_Sol77"),
        ("Wi-Fi for guests changed, now Lagoon!shell55 until Friday", "Lagoon!shell55"),
        ("Login geht wieder, ich habe Marble7Falcon vergeben.", "Marble7Falcon"),
        ("<td>Kennwort</td><td>Falke$Wiese22</td>", "Falke$Wiese22"),
    ],
)
def test_a_password_in_a_sentence_about_one_is_found(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    [
        "The password reset link is https://portal.example.com/Reset?id=Ab12cd34Ef",
        "Password reset mail went to Anna.Berg2@example.com this morning",
        "I saved the passwords list in C:\\Users\\Anna\\Docs\\Logins2026.xlsx",
        "the password manager export is Passwords2026.csv on the share",
        "Wi-Fi drops on host Srv01.office.local since the update",
        "VPN client updated to FortiClient7.2.3 and the password prompt is gone",
        "password reset for order PO-2026-0042, invoice INV2026-17, ticket Ab12-Cd34",
        "password expired on 3Nov2026 again",
        "login failed, hash $2b$12$KIXQJqW0aB3cD4eF5gH6iO stored in the db",
        "the password hash is W6ph5Mm5Pz8GgiULbPgzG37mj9g and the salt Xy7Qz",
        "VPN session id 3f2c9a1e-7b4d-4c2a-9e8f-1a2b3c4d5e6f dropped",
        "After login the call getUserToken2() returns null in authService",
        "Login error 0x8007042B on the new laptop",
        "The password for the Windows11 laptop expired.",
        "I changed the password on my iPhone15Pro yesterday",
        "The Wi-Fi router is a FritzBox7590 in the hall",
        "Your password must contain upper case, lower case and a digit, like Abc123",
        "user JSmith01 cannot log in since Monday",
    ],
)
def test_benign_tokens_near_password_words_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Creds for the shop — anna@shop.example / Wren_Hollow_4 — thanks", "Wren_Hollow_4"),
        ("Büro-WLAN / Herbstlaub2027 – bitte einrichten", "Herbstlaub2027"),
        ("backoffice: jdoe / Granite_Bay_12", "Granite_Bay_12"),
    ],
)
def test_a_name_and_password_pair_without_a_label(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    ["Chapter 3 / Section2026 of the manual", "see docs / Release2026 notes", "Q3 / Report2026"],
)
def test_slashes_between_names_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ('$pw = ConvertTo-SecureString "Heron!Dune7" -AsPlainText -Force', "Heron!Dune7"),
        ("$s = ConvertTo-SecureString -String 'plainwords' -AsPlainText -Force", "plainwords"),
        ("convertto-securestring 'Otter2026' -asplaintext -force", "Otter2026"),
    ],
)
def test_a_plain_text_secure_string(text: str, secret: str) -> None:
    _removed(text, [secret])


def test_a_secure_string_from_a_variable_stays() -> None:
    assert scan("$pw = ConvertTo-SecureString $env:PW -AsPlainText -Force") == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "hook: https://hooks.slack.com/services/T01ABCDEF/B02GHIJKL/aB3dE5gH7jK9mN1pQ3sT5vW7",
            "aB3dE5gH7jK9mN1pQ3sT5vW7",
        ),
        (
            "https://discord.com/api/webhooks/1234567890/AbCdEfGh_IjKlMnOp-QrStUvWx1234",
            "AbCdEfGh_IjKlMnOp-QrStUvWx1234",
        ),
    ],
)
def test_a_webhook_secret_segment(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Passphrase für das Archiv lautet: Wolke Kiesel Laterne Brot – bitte aufheben.",
            "Wolke Kiesel Laterne Brot",
        ),
        ("The passphrase is: river stone candle bread — keep it safe", "river stone candle bread"),
        ("La passphrase est : nuage caillou lanterne pain – merci", "nuage caillou lanterne pain"),
    ],
)
def test_a_passphrase_after_a_verb_ends_at_a_dash(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "these are the backup codes I have left for the Google account (others are used)"
            "\n\n1. 8682 8155\n2. 3397 0089",
            ["8682 8155", "3397 0089"],
        ),
        (
            "Backup-Codes, die mir noch bleiben, für das Microsoft-Konto, zwei sind schon weg:"
            "\n\n- 1234 5678\n- 8765 4321",
            ["1234 5678", "8765 4321"],
        ),
    ],
)
def test_backup_codes_listed_below_a_long_lead(text: str, secrets: list[str]) -> None:
    _removed(text, secrets)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Can't scan? Enter this key instead: r5yt 6wye fmgf kxg6 nq5r cmiy",
            "r5yt 6wye fmgf kxg6 nq5r cmiy",
        ),
        ("Geheimer Schlüssel: abcd 2f3g h4j5 k6m7", "abcd 2f3g h4j5 k6m7"),
        ("Introduce esta clave secreta: abcd 2f3g h4j5 k6m7", "abcd 2f3g h4j5 k6m7"),
        ("secret for the authenticator app - JBSW Y3DP EHPK 3PXP", "JBSW Y3DP EHPK 3PXP"),
    ],
)
def test_a_totp_key_in_groups_of_four(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("tv: 482 115 903 / k2m9xq   pls quick", "k2m9xq"),
        ("TV 1 482 115 903 / 7hq2wz", "7hq2wz"),
        ("anydesk 482 115 903, pw m4n8rt", "m4n8rt"),
    ],
)
def test_remote_access_shorthand(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("alarm: press OFF then 4719, you have 30 sec", "4719"),
        ("Het sleutelkastje bij de achterdeur gaat open met 0712, daarin ligt de sleutel", "0712"),
        ("Der Schlüsselkasten am Tor öffnet mit 3391", "3391"),
        ("the key box opens with 2580 once you slide the cover", "2580"),
        ("Alarmanlage: erst AUS drücken, dann 6602", "6602"),
        ("alarm code changed, it's 5512 now", "5512"),
        ("the gate PIN was reset to 4420 yesterday", "4420"),
    ],
)
def test_a_keypad_code_after_a_verb(text: str, secret: str) -> None:
    _removed(text, [secret])


@pytest.mark.parametrize(
    "text",
    [
        'var clientSecret = builder.Configuration["AzureAd:ClientSecret"];\n'
        '// appsettings: "ClientSecret": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)"',
        'var pw = Configuration["Smtp:Password"];',
        "the alarm went off at 0712 this morning",
        "press OFF then restart the router",
    ],
)
def test_lookups_and_plain_sentences_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "root@web01:~# passwd deploy\nNew password:\npasswd: password updated successfully",
        "ssh login as deploy@web01 failed, wrong password",
    ],
)
def test_a_prompt_or_user_at_host_near_password_words_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The VPN gateway is FG-100F-Branch2 and the login page loads fine",
        "Das WLAN im Büro heißt Praxis-Gast2 und ist langsam",
        "Please create a login for the intern, cost center CC-Sales04",
        "Mein Passwort für den Drucker HP-LaserJet-M404dn geht nicht",
        "Can you reset my password? My laptop is HP-EliteBook840-G7",
        "le wifi du cabinet s'appelle Cabinet-Sud2, le mot de passe ne marche plus",
        "VPN profile name: Home-Office_Berlin2, server vpn.example.de",
        "hi, wifi in the back room not working again, the AP there is Ubiquiti-U6-Pro3",
        "Can you set up the VPN on Laptop-Anna-02 and Laptop-Ben-03?",
        "Die Anmeldung am Rechner Buchhaltung-PC3 klappt nicht mehr",
        "Kennwort-Richtlinie: mindestens 12 Zeichen, Beispiel Sonne-Mond-42 ist nicht erlaubt",
    ],
)
def test_names_of_devices_and_networks_near_password_words_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The wifi network name is Cafe_Guest5G, the password is on the receipt",
        "ERROR AADSTS50126: Invalid username or password. Trace ID: 7f3a2b1c-Deploy9",
        "SSID: Office_5G, Kennwort ändern bitte bis Freitag",
        "Password: Hunter#22 for user: JSmith01",
    ],
)
def test_a_value_a_name_label_names_on_a_password_line_stays(text: str) -> None:
    assert [f.rule for f in scan(text) if f.rule == "line-sibling"] == []
