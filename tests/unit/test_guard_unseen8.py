"""The families the guard missed on unseen8, each with variants beyond its corpus line:
password labels in Greek, Finnish and Hungarian, Chinese verbs after 密码, Dutch "changed
to", and common misspellings of "password"; benign sentences with the same words beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _removed(text: str, secret: str) -> None:
    assert missed({"text": text, "secrets": [secret]}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Ο κωδικός για το wifi είναι Kymata!Nero44", "Kymata!Nero44"),
        ("νέος κωδικός πρόσβασης: Ilios_Petra27", "Ilios_Petra27"),
        ("το συνθηματικό είναι Pefko.Dasos81 από σήμερα", "Pefko.Dasos81"),
        ("Salasana tulostimeen on Kuusi!Metsa42, kiitos", "Kuusi!Metsa42"),
        ("tunnuslause on Lumi-Talvi-2026", "Lumi-Talvi-2026"),
        ("A wifi jelszó mostantól Alma#Fa2026", "Alma#Fa2026"),
        ("az új jelszava Tisza_Part88 lett", "Tisza_Part88"),
        ("邮箱密码改为 Huangshan#88 了", "Huangshan#88"),
        ("路由器密码是Xihu2026!", "Xihu2026!"),
        ("het wachtwoord is gewijzigd naar Molen!Wind55", "Molen!Wind55"),
        ("wachtwoord van de router veranderd in Dijk.Water2026", "Dijk.Water2026"),
        ("het wachtwoord van de kassa is veranderd in kassa7913", "kassa7913"),
        ("the passwrd is Sunset#Bay12", "Sunset#Bay12"),
        ("pssword for the nas: Granite_Peak7", "Granite_Peak7"),
        ("passowrd is blueberry42pie", "blueberry42pie"),
        ("the pasword for the printer is lemon55tree", "lemon55tree"),
        ("Пароль от почты: Bereza_Les77", "Bereza_Les77"),
        ("Yeni şifre Deniz!Kum2026", "Deniz!Kum2026"),
        ("비밀번호는 Hangang#2026 입니다", "Hangang#2026"),
    ],
)
def test_a_password_after_a_label_in_another_language_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "Ξέχασα τον κωδικό μου, μπορείτε να τον επαναφέρετε;",
        "Unohdin salasanan, voitteko auttaa?",
        "Elfelejtettem a jelszavamat, kérem segítsen.",
        "我忘记了密码，请帮我重置。",
        "het wachtwoord is veranderd in het weekend, geen idee waarom",
        "I forgot my pasword again, sorry",
        "the passwrd policy needs 12 characters",
        "Bonjour, le mot de passe est perdue, je ne sais plus quoi faire.",
        "le mot de passe est perdu depuis hier",
        "Le mot de passe est faux selon l'écran.",
        "Le mot de passe est périmé depuis lundi.",
    ],
)
def test_sentences_about_a_password_stay(text: str) -> None:
    assert scan(text) == []


_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq3+Zt8Lm2Vb/9Qw7Rk4Xy1Pn0Hs5Jd6Tf2Gc8Ua"


@pytest.mark.parametrize(
    "text",
    [
        f"DKIM TXT record: v=DKIM1; k=rsa; p={_KEY}IDAQAB",
        f'selector1._domainkey  TXT  "v=DKIM1; h=sha256; k=rsa; p={_KEY}"',
        f"Public key: {_KEY}+More/Base64Data0==",
    ],
)
def test_a_public_key_in_a_dns_record_is_no_credential_list(text: str) -> None:
    assert scan(text) == []


def test_a_list_of_passwords_beside_it_is_still_found() -> None:
    _removed("till: Kasse#2026, office: Buero!77", "Buero!77")


_WORDS24 = (
    "bridge cactus ember goose jungle kettle lemon marble noble ozone pilot quiz "
    "raven salad tumble uncle vivid wagon yellow zone acid bench clown dune"
)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Clave wifi de la oficina: 7H4K9Q2M5PX8", "7H4K9Q2M5PX8"),
        ("chave wifi da loja: K3M9Q2XR7T", "K3M9Q2XR7T"),
        (
            "clé secrète 2FA pour le compte OVH : JBSWY3DPEHPK3PXPJBSWY3DP",
            "JBSWY3DPEHPK3PXPJBSWY3DP",
        ),
        ("la clé secrète : Soleil#Mer2026", "Soleil#Mer2026"),
        (
            "Apple recovery key (the 28 characters) for the Apple ID is "
            "7KQ2-M9XP-4TRW-BZ8N-Q3LD-H6VY-2CJF.",
            "7KQ2-M9XP-4TRW-BZ8N-Q3LD-H6VY-2CJF",
        ),
        (f"Wiederherstellungsphrase vom Ledger:\n{_WORDS24}", _WORDS24),
        (f"Wiederherstellungsphrase: {_WORDS24}", _WORDS24),
    ],
)
def test_a_key_after_its_label_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "La clave wifi no funciona desde ayer",
        "la clé secrète 2FA ne marche plus, que faire ?",
        "Apple recovery key (the 28 characters) is lost, what now?",
        "Die Wiederherstellungsphrase liegt im Safe, nicht per Mail.",
    ],
)
def test_sentences_about_keys_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("I reset it to Heron-Lake-7 this morning, for the banking portal", "Heron-Lake-7"),
        ("changed it to Maple#Road42 after the call", "Maple#Road42"),
        ("same as before but with a 9 at the end so Riverbank2025!9 now", "Riverbank2025!9"),
        ("It's the same as before, Sandpiper_Dune4, nothing changed", "Sandpiper_Dune4"),
    ],
)
def test_a_password_in_a_sentence_about_resetting_it_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "I reset it to factory settings and updated to FortiOS7.4 afterwards",
        "same as before: the build Release2025.3 crashes on start",
        "I set it to UTF-8 and the report from 3Nov2026 looks fine",
    ],
)
def test_a_sentence_about_resetting_a_setting_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "La frase de paso del cifrado del disco es «luna roja sobre el mar».",
            "luna roja sobre el mar",
        ),
        ('frase de paso: "tres tigres comen trigo"', "tres tigres comen trigo"),
        (
            'The encryption phrase is "green ferry sails at noon" – all lower case',
            "green ferry sails at noon",
        ),
    ],
)
def test_a_passphrase_in_quotes_after_its_label_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "la frase de paso es muy larga, no la recuerdo",
        "What encryption phrase should we use for the backups?",
    ],
)
def test_a_sentence_about_a_passphrase_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Microsoft made an app password for the old Outlook on the front PC, it's "
            "kqzvhtrbwplmxnsd – should I write it down?",
            "kqzvhtrbwplmxnsd",
        ),
        ("app password for the iPhone mail:\nrtyuwqpzmmmxkbce", "rtyuwqpzmmmxkbce"),
    ],
)
def test_an_app_password_of_sixteen_letters_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


def test_a_long_word_near_an_app_password_stays() -> None:
    assert scan("the app password is uncharacteristic of the setup") == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "Hi, for the new staff:\n- Dr. Aziz: Molar-Crown-55\n- Hygienist (Pat): Floss&Mint20"
            "\n- Front desk: Smile_Chair_8\nThanks",
            ["Molar-Crown-55", "Floss&Mint20", "Smile_Chair_8"],
        ),
        (
            "Zugänge für die Neuen:\n* Anna (Empfang): Sonnen-Blume-42\n* Ben: Kiesel#Weg7",
            ["Sonnen-Blume-42", "Kiesel#Weg7"],
        ),
        (
            "pour les stagiaires :\n1. Léa : Maison_Verte_31\n2. Hugo : Pomme!Rouge8",
            ["Maison_Verte_31", "Pomme!Rouge8"],
        ),
        (
            "para el personal nuevo:\n- Recepción: Playa-Azul-19\n- Caja: Sol#Mar2026",
            ["Playa-Azul-19", "Sol#Mar2026"],
        ),
    ],
)
def test_a_list_of_people_each_with_a_password_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Servers:\n- Web: Web-Prod-01\n- Backup: Backup-Node-02",
        "Rooms for Monday:\n- Dr. Aziz: Room-B-12\n- Pat: Room-C-14",
        "Versions:\n- Client: Release-Candidate-3\n- Server: Build-Stable-7",
        "Tickets:\n- Anna: INC-20418\n- Ben: INC-20419",
    ],
)
def test_a_list_of_names_without_a_symbol_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "Bluefin_Cargo_88 — that's what we use for the POS admin now.",
            "Bluefin_Cargo_88",
        ),
        ("Harbor#Light7, that's what we use to log in at the till", "Harbor#Light7"),
        ("Kranich_Feld_42 – das benutzen wir für die Kasse", "Kranich_Feld_42"),
        ("Mouette-Bleue-9 : c'est ce qu'on utilise pour la caisse", "Mouette-Bleue-9"),
        ("Gaviota_Roja_33, eso es lo que usamos para el TPV", "Gaviota_Roja_33"),
        ("Tulpen.Veld.81 – dat gebruiken we voor de kassa", "Tulpen.Veld.81"),
        ("Gabbiano_Blu_5 è quello che usiamo per la cassa", "Gabbiano_Blu_5"),
        ("Winter#Fjord22 is the password for the tablet", "Winter#Fjord22"),
    ],
)
def test_a_value_before_its_label_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "Office365 — that's what we use for mail now.",
        "QuickBooks2024, that's what we use for the accounts",
        "Windows11 – das benutzen wir für die Kasse",
        "Release_2026.1 is what we use for the tills",
    ],
)
def test_a_product_before_what_we_use_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("keysafe by the bins 0613. server cupboard key inside", "0613"),
        ("key box next to the back door 4471, the key is on the left hook", "4471"),
        ("Schlüsselkasten am Hoftor 7390.", "7390"),
        ("boîte à clés près du garage 2846", "2846"),
        ("lockbox on the fence 9172", "9172"),
    ],
)
def test_a_key_safe_code_without_a_verb_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "the door near office 1204 sticks",
        "keysafe by the bins since 2019.",
        "the lockbox on the fence 3 is broken",
        "key box next to room 12 is empty",
    ],
)
def test_a_place_with_a_number_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "for the laptop its four words separated by dashes correct-stapler-violin-harbor",
            "correct-stapler-violin-harbor",
        ),
        ("Passphrase fürs NAS: ahorn-fluss-kerze-mond", "ahorn-fluss-kerze-mond"),
        (
            "laptop login: vier Wörter mit Bindestrich tanne-kiesel-wolke-brot",
            "tanne-kiesel-wolke-brot",
        ),
        ("le mot de passe, quatre mots: pomme-nuage-velo-lampe", "pomme-nuage-velo-lampe"),
        ("three words with dashes for the wifi: otter-lantern-plum", "otter-lantern-plum"),
    ],
)
def test_a_passphrase_of_dashed_words_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "the login page is state-of-the-art now",
        "the password reset is a one-on-one walk-through",
        "our wifi is up-to-date and end-to-end encrypted",
        "four words: see you next week",
        "login via the single-sign-on page of the company-wide portal",
    ],
)
def test_hyphenated_prose_near_a_password_word_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            'The backup encryption phrase Linda chose is "purple walrus eats cold pancakes" – '
            "all lower case with spaces.",
            "purple walrus eats cold pancakes",
        ),
        ("the wifi password we picked was Otter#Bay42", "Otter#Bay42"),
        ('das Passwort, das Tom gewählt hat, ist "Regen Bogen Fisch"', "Regen Bogen Fisch"),
        ("le mot de passe que Paul a choisi est «loup gris du nord»", "loup gris du nord"),
        ("la contraseña que puso Marta es Luna_Llena_8", "Luna_Llena_8"),
    ],
)
def test_a_password_with_words_before_its_verb_is_found(text: str, secret: str) -> None:
    _removed(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "the password Linda chose is too short",
        "the password policy we set was changed",
        "das Passwort, das Tom gewählt hat, ist abgelaufen",
        "the password reset email is sent",
        "the password manager we use is Bitwarden",
    ],
)
def test_a_sentence_with_words_before_its_verb_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
        "login:\n  use-single-sign-on = true",
        "run the reset-account-login-flow(user) job for the password",
        "password 3:5-3:20 (label-password-separator)",
        "the passphrase policy: four-words-minimum-length is recommended",
    ],
)
def test_a_dashed_name_in_configuration_stays(text: str) -> None:
    assert scan(text) == []


def test_a_list_of_names_with_one_symbol_among_them_stays() -> None:
    assert scan("Assigned:\n- Tom: Ticket-Queue-4\n- Eva: Support&Sales-2") == []
