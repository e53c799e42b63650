"""The families the guard missed or flagged on unseen9 and unseen10, each with variants
beyond its corpus line, and the look-alikes each rule must leave alone."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _removed(text: str, *secrets: str) -> None:
    assert missed({"text": text, "secrets": list(secrets)}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "postfix/smtpd[1288]: warning: unknown[198.51.100.77]: SASL LOGIN authentication"
        " failed: UGFzc3dvcmQ6",
        "postfix/smtpd[90]: warning: unknown[203.0.113.9]: SASL LOGIN authentication failed:"
        " VXNlcm5hbWU6\nthe login attempts come every minute",
        "dovecot: auth: login failed, last challenge cGFzc3dvcmQ6 (password prompt)",
    ],
)
def test_a_sasl_prompt_in_a_mail_log_is_no_password(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n'
        "conn = psycopg2.connect(host='db', user='app', password=DB_PASSWORD)",
        "client = Client(api_key=STRIPE_SECRET_KEY, timeout=30)",
        "smtp.login(user, password=smtp_password)",
        "$mail->Password = MAIL_PASSWORD;",
    ],
)
def test_a_variable_named_for_a_secret_is_a_reference(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password=Hunter_Bay42", "Hunter_Bay42"),
        ("DB_PASSWORD=Granite#Moss7", "Granite#Moss7"),
        ("connect(password='Kite!Flyer22')", "Kite!Flyer22"),
    ],
)
def test_a_password_in_an_assignment_is_still_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-04 14:22:09 INFO  auth: password reset link sent to user_id=4412 (expires in"
        " 30 min)\n2026-12-04 14:25:51 INFO  auth: password changed for user_id=4412",
        "Jan 3 10:01:12 web1 app: password reset requested by account_id=88231",
        "[auth] Passwort zurückgesetzt für uid=1001, Mail an kunde_id=20417 gesendet",
        "mot de passe réinitialisé pour client=77120",
    ],
)
def test_a_log_line_about_a_password_reset_is_no_password(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("password reset, the new one is set to Reset#Bay42", "Reset#Bay42"),
        ("admin password: Hunter=4412x", "Hunter=4412x"),
    ],
)
def test_a_password_beside_a_log_field_is_still_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Veeam wants the encryption password to restore. It's: Every Tuesday the Blue"
            " Heron Sings at Noon",
            "Every Tuesday the Blue Heron Sings at Noon",
        ),
        (
            "Die Passphrase für die KeePass-Datenbank lautet: Grüner Hund tanzt im Regen 2026",
            "Grüner Hund tanzt im Regen 2026",
        ),
        (
            "la frase de pas del disc extern és: el vent bufa fort a Cadaqués 7",
            "el vent bufa fort a Cadaqués 7",
        ),
        (
            "Frase de contraseña para el disco cifrado: la gata duerme bajo el limonero 42",
            "la gata duerme bajo el limonero 42",
        ),
        (
            "Master password for Bitwarden (the whole sentence): Tidal granite orchard sings"
            " at noon!",
            "Tidal granite orchard sings at noon!",
        ),
        (
            "the vault password, it's: Seven Owls Guard the Old Mill\nthanks",
            "Seven Owls Guard the Old Mill",
        ),
        ("Kennwort für das NAS lautet: Blaue Möwe über Kiel 12", "Blaue Möwe über Kiel 12"),
        ("frase de paso del portátil: el perro come sandía 9", "el perro come sandía 9"),
    ],
)
def test_a_passphrase_of_plain_words_after_a_label_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "Password reset: please contact the IT department today",
        "Password policy: at least twelve characters long",
        "The password is wrong. It's: Access denied for user admin",
        "Passwort: steht im Tresor",
        "Kennwort abgelaufen: Bitte bei der Anmeldung ein neues wählen",
        "La frase de paso: no la recuerdo",
        "Password: the same as for the email account",
    ],
)
def test_a_sentence_after_a_password_label_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Hallo Marc, die 12 Wörter für die Wallet sind: glove timber frozen absorb mushroom"
            " cabin rural pledge vintage oxygen hurdle tomato. Die Steuerberaterin braucht"
            " Zugriff",
            "glove timber frozen absorb mushroom cabin rural pledge vintage oxygen hurdle tomato",
        ),
        (
            "Seed: tunnel blossom echo patrol quiz vendor lamp thunder acid mystery sugar"
            " cradle - thats the metamask",
            "tunnel blossom echo patrol quiz vendor lamp thunder acid mystery sugar cradle",
        ),
        (
            "my husband set up the Ledger for the business crypto and wrote this on a card."
            " should we keep it in the safe?\ncactus velvet orbit tunnel harvest lemon ribbon"
            " galaxy walnut oyster pepper anchor",
            "cactus velvet orbit tunnel harvest lemon ribbon galaxy walnut oyster pepper anchor",
        ),
        (
            "les 12 mots du portefeuille : piano lizard eagle crane stove fever uncle motor"
            " mango brick fossil vapor",
            "piano lizard eagle crane stove fever uncle motor mango brick fossil vapor",
        ),
        (
            "Trezor backup, found in the drawer:\n\nember spoon giant weasel cotton radar"
            " jungle silk nerve plate bounce lyrics",
            "ember spoon giant weasel cotton radar jungle silk nerve plate bounce lyrics",
        ),
    ],
)
def test_a_seed_phrase_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "seed the test database with these tables: users orders items invoices",
        "wallet app shopping list:\nmilk bread eggs apples butter cheese",
        "Ledger export ok\nsales costs taxes wages rent power water phone fuel parts tools",
    ],
)
def test_words_that_are_no_seed_phrase_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Here's the new one for the admin account:\n\nQuartz77!Lime\n\nThanks, see you"
            " thursday",
            "Quartz77!Lime",
        ),
        ("Kx7!mPq2wR   <-- thats the admin password for the nas, dont lose it", "Kx7!mPq2wR"),
        ("Tr8#kLm2Qz <- the wifi password", "Tr8#kLm2Qz"),
        ("u: bookkeeper\np: Ledger#Lamp8\nthat's for sage", "Ledger#Lamp8"),
        ("user: anna.k\npw: Birch!Tree41", "Birch!Tree41"),
        (
            "hey its dave the password for the printer admin page is Kestrel 4491 all one"
            " word capital K.",
            "Kestrel 4491",
        ),
        ("das Passwort ist Falke 2210 zusammengeschrieben", "Falke 2210"),
        (
            "the new pwd for the reception laptop (I wrote it on two lines):\nHarbour-\n"
            "Light-62\ncheers",
            "Harbour-\nLight-62",
        ),
        (
            "Passwort fürs Tablet:\nSonnen-\nBlume#7\nGruß",
            "Sonnen-\nBlume#7",
        ),
    ],
)
def test_a_password_laid_out_oddly_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "Here's the new invoice for the admin account:\n\nINV-2026-0412\n\nThanks",
        "see the admin account page   <-- thats where the password reset is",
        "u: bookkeeper\np: see sage manual\n",
        "the password is long and it's all one word",
        "the new pwd policy (see below):\nminimum-\nlength",
    ],
)
def test_look_alikes_of_odd_layouts_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "ich hab das so gemacht: htpasswd -b /etc/nginx/.htpasswd redaktion Red4kt!on_ok"
            "  - geht aber nicht",
            "Red4kt!on_ok",
        ),
        ("htpasswd -cb /etc/apache2/.htpasswd admin 'Sommer 2026!'", "Sommer 2026!"),
        ("htpasswd -nb monitor Mon1tor#x >> users", "Mon1tor#x"),
        (
            "Bonjour, voici les identifiants OAuth pour Xero :\nclient_id :"
            " 7A3F2B9C1D4E5F60718293A4B5C6D7E8\nsecret client :"
            " 6mj6eXcLVn8RvjexgcFuhxseZo0-mp97GyAfekGtO0F-dlcN",
            "6mj6eXcLVn8RvjexgcFuhxseZo0-mp97GyAfekGtO0F-dlcN",
        ),
        ("secreto del cliente: Xq8vT2mN9pL4rK7sW1yZ5bC3", "Xq8vT2mN9pL4rK7sW1yZ5bC3"),
        (
            "Splashtop: computer name BUERO-PC3, security code I set: Spl@sh2026 (it asks",
            "Spl@sh2026",
        ),
        ("AnyDesk unattended access code we use: Desk#4471x", "Desk#4471x"),
        (
            "Der Einrichtungsschlüssel für die Zwei-Faktor-Anmeldung bei DATEV lautet"
            " KEXD4EBI35YI3O3JBO6PZACTHB, bitte",
            "KEXD4EBI35YI3O3JBO6PZACTHB",
        ),
        (
            "Zwei-Faktor: Einrichtungsschlüssel X55KLFAAAI3AVXTWRGSGZXESP2 (Typ zeitbasiert)",
            "X55KLFAAAI3AVXTWRGSGZXESP2",
        ),
        ("setup key: JBSWY3DPEHPK3PXPJBSWY3DP", "JBSWY3DPEHPK3PXPJBSWY3DP"),
        (
            "Microsoft asked me to save this recovery code when I turned on 2-step:"
            " IMSY6-ULHKN-KNYRL-QSOUF-0I93V",
            "IMSY6-ULHKN-KNYRL-QSOUF-0I93V",
        ),
        (
            "the backup code from when we set up the tenant: K7QX2-MMP4R-9TZLW-A8C3D-EE5V1",
            "K7QX2-MMP4R-9TZLW-A8C3D-EE5V1",
        ),
    ],
)
def test_a_secret_after_a_command_or_a_setup_label_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "htpasswd -c /etc/nginx/.htpasswd redaktion   (it asks for the password)",
        "htpasswd -D /etc/nginx/.htpasswd olduser",
        "the secret client list is in the CRM",
        "Splashtop security code: see the sticker",
        "Einrichtungsschlüssel verloren, was nun?",
        "the recovery code was not accepted: error 0x800",
        "backup key rotation finished: see log",
    ],
)
def test_commands_and_labels_without_a_secret_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Hi, for the new bookkeeper pls:\nSage user MARIA pw Maria@Sage9\nbank card reader"
            " pin 8157\nand the office door 1379#",
            "8157",
        ),
        ("Bankkarte PIN 4420, bitte nicht weitergeben", "4420"),
        (
            "the lockbox on the gate at the warehouse - combo 0381. sorry it's stiff",
            "0381",
        ),
        ("padlock on the shed, combo is 2719", "2719"),
        (
            "Pour l'intervention de samedi : digicode porte d'entrée 52A17, puis 2e étage",
            "52A17",
        ),
        ("digicode du portail 4821B puis interphone", "4821B"),
        (
            "two logins for the booking system: admin/Adm!nBook26 and the front desk one"
            " desk/D3sk!Book26",
            "D3sk!Book26",
        ),
        (
            "Handover notes from Greg:\nDB root pw: Greg$Root2019\nDomain registrar:"
            " greg@lodge.example / Regi$trar-Moss",
            "Regi$trar-Moss",
        ),
    ],
)
def test_a_pin_a_code_or_a_second_account_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "bank code 37040044, sort code 20-00-00",
        "meal combo 1200 calories",
        "digicode en panne depuis 2026, appelez le gardien",
        "two logins for the booking system: admin and desk, docs in docs/Release2026",
        "Sales & Marketing: anna@shop.example / R&D-Team",
    ],
)
def test_look_alikes_of_codes_and_accounts_stay(text: str) -> None:
    assert scan(text) == []


def test_a_long_aside_before_the_colon_still_puts_the_password_below() -> None:
    text = (
        "the new pwd for the reception laptop (I wrote it on two lines in my notebook so"
        " copying it like that):\nHarbour-\nLight-62\ncheers"
    )
    _removed(text, "Harbour-\nLight-62")
