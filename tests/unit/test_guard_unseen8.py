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
