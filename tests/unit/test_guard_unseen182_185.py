"""What the blind splits unseen182 to unseen185 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a password word ending a compound ("Masterkennwort"), the phrase on the next line
        (
            "Hotel KeePass, Masterkennwort:\nsieben Murmeltiere pfeifen am Grat\n(ohne Punkt)",
            ["sieben Murmeltiere pfeifen am Grat"],
        ),
        ("Adminpasswort: Ischgl-2024", ["Ischgl-2024"]),
        # a password manager's master password; Irish and Italian phrase labels
        ("Bitwarden master: quiet-heron-stable-oats-Mayo", ["quiet-heron-stable-oats-Mayo"]),
        ("an frása faire don diosca: tá an ghrian ag taitneamh", ["tá an ghrian ag taitneamh"]),
        (
            'la frase di accesso del disco è "il lago dorme sotto la neve"',
            ["il lago dorme sotto la neve"],
        ),
        # Irish "key", a cabinet's code, an Arabic code word with "and" joined to it
        ("Eochair: NaCnoicMóra2019", ["NaCnoicMóra2019"]),
        ("Drugs cabinet (the digital one): 73310", ["73310"]),
        ("وكود الخزنة في المخزن 51-27-09", ["51-27-09"]),
        # "is" in Arabic written in Latin letters
        ("l mot de passe dyal l'caisse howa souk2024 b7al dima", ["souk2024"]),
        # recovery keys and codes in Lithuanian, Irish and Arabic; codes in a code block
        ("Atkūrimo raktas: M3KD-8QZP-R2TX-W7NB-Y4FC-J6LH", ["M3KD-8QZP-R2TX-W7NB-Y4FC-J6LH"]),
        ("Cóid chúltaca:\nr8tm 3kfz 2wpd\nhqz7 9tnb 4lca", ["r8tm 3kfz 2wpd", "hqz7 9tnb 4lca"]),
        ("مفتاح الاسترداد:\nK2PD-7QMX-4LPW-GT8N-HZ3C", ["K2PD-7QMX-4LPW-GT8N-HZ3C"]),
        (
            "GitLab recovery codes for the admin\n\n```\n4a7c1-e02b9\n93d6f-7c1a4\n```\nrest used",
            ["4a7c1-e02b9", "93d6f-7c1a4"],
        ),
        # a TOTP key after Arabic "two-factor", below "can't scan?"; a Swedish app password
        ("مفتاح للمصادقة الثنائية: JBSWY3DPEHPK3PXP", ["JBSWY3DPEHPK3PXP"]),
        (
            "Can't scan code? Use this instead:\n3JQX7MVZ2TKLW5PD\n\nfrom the Xero 2 step screen",
            ["3JQX7MVZ2TKLW5PD"],
        ),
        ("Programlösenord för Outlook: qwhvmzkfplrtxanb", ["qwhvmzkfplrtxanb"]),
        # the mark said to end a value, typed after it
        (
            "I changed the password to our eircode with no space and an exclamation mark at the "
            "end so D02 X285 becomes D02X285! - sorry",
            ["D02X285!"],
        ),
    ],
)
def test_what_unseen182_to_185_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a bill's payment code; a phone number after a gate; a network named in Arabic
        "Fawry payment code for the customs fees: 4417 2093, pay before Thursday",
        "the officer at the gate: 0522 31 44 10, call before 6",
        "الشبكة اسمها Depot_Main_5G والباسورد مكتوب على ستيكر تحت الراوتر",
        # an Arabic word after a label, then a question mark; Arabizi about a password
        "كلمة المرور: ******** كيف أعرف الباسورد الحالي؟",
        "el password ma y5demch, 9alli expired w lazem nbadlo",
        # a CI cache's key
        "Cache restored from key: node-cache-Linux-npm-8b2f0e6d91c4a7f35e8d2b1c0a9f7e6d5c4b",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
