"""What the blind splits unseen134 to unseen137 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a Google OAuth client secret after a word with no separator before it
        (
            "og hemmeligheden GOCSPX-Qw8Zx3Lm5Vn2Pt7Kb9Yc4Hd6Rf",
            ["GOCSPX-Qw8Zx3Lm5Vn2Pt7Kb9Yc4Hd6Rf"],
        ),
        # helm's --set with a value named for a password
        (
            "helm upgrade --install db bitnami/mysql --set auth.rootPassword=Vk8pQ2mZx7Lw -n db",
            ["Vk8pQ2mZx7Lw"],
        ),
        # Hungarian: a door code in a compound, a card's PIN
        ("a pince ajtókódja 2468*, a riasztó külön", ["2468*"]),
        ("a céges kártya pinkódja 5831 ha kell", ["5831"]),
        # passphrases: Hungarian after "a … -hoz:", Romanian, Finnish
        ("Jelmondat a mentési lemezhez: piros alma ül a fán", ["piros alma ül a fán"]),
        ("fraza de acces pt laptop: lupul alb doarme sub brad", ["lupul alb doarme sub brad"]),
        ("GPG-avaimen tunnuslause: kaksi kissaa istuu ikkunalla", ["kaksi kissaa istuu ikkunalla"]),
        # Romanian padlock, a keybox's code with marks, a Danish key box, a Finnish PIN
        ("lacatul de la magazie: 7-2-0-4, codul alarmei separat", ["7-2-0-4"]),
        ("Keybox by the side door: 4*8*2*6. Guests only.", ["4*8*2*6"]),
        ("Nøgleboksen ved garagen: 3 8 1 6", ["3 8 1 6"]),
        ("verkkopankin tunnusluku on 4-1-7-3", ["4-1-7-3"]),
        # a Finnish code in two groups after words and a colon; a Slovak list of codes
        ("Vahvistuskoodi joka tuli viestinä: 731 204", ["731 204"]),
        ("Kódy na obnovenie: 55120 77341 90217", ["55120 77341 90217"]),
        # a Finnish app password; Punjabi password label; a sentence, then a dash
        ("Luo sovellussalasana, minä tein jo yhden: mqzvtrkplwxnhbsd", ["mqzvtrkplwxnhbsd"]),
        ("ਦਫ਼ਤਰ ਲੈਪਟਾਪ ਦਾ ਪਾਸਵਰਡ: waheguru1469seva", ["waheguru1469seva"]),
        (
            "the password for the NAS is a sentence: the cat sleeps on warm tiles — no caps",
            ["the cat sleeps on warm tiles"],
        ),
        # words said to keep their spaces, in Swedish
        (
            "Jag bytte lösenordet till lingon och kanel 2024 (med mellanslag)",
            ["lingon och kanel 2024"],
        ),
    ],
)
def test_what_unseen134_to_137_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a template's filler in Swedish and Italian
        "define('DB_PASSWORD', 'ditt_lösenord_här'); och byt ut det",
        "API_KEY=IL_TUO_CODICE_QUI\nPASSWORD=xxxxxxxx",
    ],
)
def test_what_unseen134_to_137_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # words that the rules of these rounds must not take for keys or codes
        "The key for windows7 machines is in the drawer.",
        "The app password for Outlook is in MAILBOXMIGRATE2345 ticket",
        "Ключевая фраза: мы открываем новый офис в понедельник",
        "Пример кода: 4821 строк.",
        "Сервер вернул ответ с кодом 5034",
        "كود الخصم هو 4821 على كل المنتجات",
        "The code we shipped was 2000 lines long.",
        "The book opens with chapter1.",
        "The lock is 2019 vintage.",
    ],
)
def test_prose_stays_beside_the_rules_of_these_rounds(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a new code set over the default stays a code
        ("I changed the alarm code from the factory default, the new code is 1234.", ["1234"]),
        # quoted passphrases that start with "in" or "im"
        ('Passphrase: "in the bleak midwinter 1987"', ["in the bleak midwinter 1987"]),
        ('Passwort: "im Garten blüht 1987"', ["im Garten blüht 1987"]),
        # a PIN said to be a number
        ("PIN no. 4821", ["4821"]),
    ],
)
def test_secrets_beside_the_look_alikes_of_these_rounds(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)
