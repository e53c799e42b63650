"""What the blind splits unseen78 to unseen81 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Welsh and Scottish Gaelic: a password, an app password, a client secret, codes
        ("Cyfrinair newydd y llyfrgell ydi bara-brith-77", ["bara-brith-77"]),
        ("Am facal-faire ùr: Steornabhagh77. Tapadh leat", ["Steornabhagh77"]),
        ("Cyfrinach cleient: q8V~mT2.xL9_rZ4-pK7wN1", ["q8V~mT2.xL9_rZ4-pK7wN1"]),
        ("Cod y drws cefn: *4417\nCod y larwm: 9021", ["*4417", "9021"]),
        ("Cod adfer Google y swyddfa: 7KQT-M2XZ-9PLW-4RNB-CH8V", ["7KQT-M2XZ-9PLW-4RNB-CH8V"]),
        # Greek and Romanian labels, a Slovak wallet's words
        ("Φράση πρόσβασης για το backup: ήλιος βάρκα μέλι αλάτι", ["ήλιος βάρκα μέλι αλάτι"]),
        ("Rețeaua magazinului: ANVELOPE-5G\ncheie: 5521MagazinCJ", ["5521MagazinCJ"]),
        ("Seiful de la recepție: 27-81-44. Mulțumesc", ["27-81-44"]),
        (
            "Coduri de rezerva pentru contul firmei:\n5521 0947\n8830 1265",
            ["5521 0947", "8830 1265"],
        ),
        (
            "otec má peňaženku, slová sú: amber lunar pilot forest cable noble tiger vapor"
            " oyster giant bread witness",
            ["amber lunar pilot forest cable noble tiger vapor oyster giant bread witness"],
        ),
        # recovery codes after the words that say what for, in a list with commas
        (
            "Κωδικοί ανάκτησης Instagram: 55102938, 83920174, 10293847",
            ["55102938", "83920174", "10293847"],
        ),
        # compound code words: unlock, verification
        ("Der Entsperrcode für das Kassentablet ist jetzt 4 4 0 9 1 7", ["4 4 0 9 1 7"]),
        # a keypad's mark keyed in with the code
        ("alarm: aan met 3318, uit met *3318#", ["3318", "*3318#"]),
        ("Kódy: brána 2290*, sklad 4417", ["2290*"]),
        # "es ist jetzt", a key in hex groups, "admin/…" unspaced
        (
            "Das Passwort vom Büro-PC hab ich geändert, es ist jetzt Segelboot44 (klein)",
            ["Segelboot44"],
        ),
        ("WPA-Schlüssel vom Aufkleber abgeschrieben: 4E7A 91C2 0B3D", ["4E7A 91C2 0B3D"]),
        ("the NAS: admin/Synology_Hof5", ["Synology_Hof5"]),
        # said aloud and typed by voice
        (
            "i have set the wifi password to purple kettle nine nine full stop",
            ["purple kettle nine nine"],
        ),
        (
            "the key safe by the side door is two five eight zero full stop thanks",
            ["two five eight zero"],
        ),
        (
            "new office login is Pembroke underscore sixty two, and the pin is seven one one four",
            ["Pembroke underscore sixty two", "seven one one four"],
        ),
        # a tracker's PIN is a PIN; the whole otpauth address goes
        ("the GPS tracker SIM has PIN 7719", ["7719"]),
        (
            "otpauth://totp/Shop:till@example.org?secret=JBSWY3DPEHPK3PXP&issuer=Shop",
            ["otpauth://totp/Shop:till@example.org?secret=JBSWY3DPEHPK3PXP&issuer=Shop"],
        ),
    ],
)
def test_what_unseen78_to_81_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # "the same as always", in Dutch and German
        "Wachtwoord: hetzelfde als vorige week, denk ik",
        "Kennwort: dasselbe wie immer",
        # a phone number in pairs, a serial number named in Dutch
        "Bel de installateur even: 06 12 34 56 78 (Piet), hij weet het",
        "Serienummer van de printer (sticker achterop): KX9P2M7Q",
        # a key's fingerprint in groups after a colon
        "GPG-Schlüssel-Fingerprint: 3D1F 8A20 C4E7 91B5 0F6A  2E88 B1C3 47D9 5A0E 6F12",
        # a path, not "admin" and a password
        "see docs/Release2026 for the notes",
        # times, lengths and pages said in words
        "the alarm is set for seven thirty",
        "the code is valid for twenty four hours",
        "my pin is four digits long",
        "the password is the one from page twenty two",
        "the meeting is at two thirty full stop",
    ],
)
def test_what_unseen78_to_81_hold_stays(text: str) -> None:
    assert scan(text) == []
