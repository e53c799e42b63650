"""What the blind splits unseen126 to unseen129 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Scottish Gaelic and Irish: codes, backup codes, a passphrase, a wallet's words
        ("Còd a' gheata mhòir: 7 2 9 4 (agus am putan dearg)", ["7 2 9 4"]),
        ("Còd dearbhaidh: 604187 - thàinig e an-dràsta", ["604187"]),
        ("Còdan-cùl airson Microsoft: 7k2m-q4vz agus 9mtr-3wxp", ["7k2m-q4vz", "9mtr-3wxp"]),
        (
            "Abairt-fhaire airson an laptop: 'tha an cù dubh anns an t-sabhal'",
            ["tha an cù dubh anns an t-sabhal"],
        ),
        (
            "Focail athshlánaithe an sparáin:\n1 maple 2 orbit 3 cabin 4 thunder 5 ivory"
            " 6 glide 7 harbor 8 pencil 9 mosaic 10 tundra 11 bright 12 salmon",
            [
                "1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide 7 harbor 8 pencil 9 mosaic"
                " 10 tundra 11 bright 12 salmon"
            ],
        ),
        # Luxembourgish: the password, an unlock code that "ass"
        ("Moien, WLAN Passwuert fir de Proufsall: Museksschoul7 (grouss M)", ["Museksschoul7"]),
        ("Den Entspärcode vum Laptop ass 7 1 9 9 4 2", ["7 1 9 9 4 2"]),
        # German written without "ü"; a master password in French
        ("das passwort fuer den scanner im lehrerzimmer ist jetzt scann3r_LZ", ["scann3r_LZ"]),
        ("mot de passe maître du coffre : Partition-Sol-77", ["Partition-Sol-77"]),
        # Egyptian Arabic and Arabizi
        ("el basswerd bta3 el router el gedid: 7ob_el_nil5", ["7ob_el_nil5"]),
        ("الباسورد بتاع الكمبيوتر هو recep@2277 يا دكتور", ["recep@2277"]),
        ("كود الخزنة في الأرشيف 730415", ["730415"]),
        (
            "عبارة المرور للفلاشة: شاي بالنعناع على البلكونة 2021",
            ["شاي بالنعناع على البلكونة 2021"],
        ),
        # an account and its password on a line of their own
        ("radiology:Pq7mW2xK9", ["Pq7mW2xK9"]),
        # Japanese backup codes, a setup key below a word for two steps; Korean arrows
        (
            "Googleのバックアップコード: 4410 2281, 7734 1190, 5520 3318",
            [
                "4410 2281",
                "7734 1190",
                "5520 3318",
            ],
        ),
        (
            "2段階認証のセットアップキー:\nJBSW Y3DP EHPK 3PXP KRUG S4ZA",
            ["JBSW Y3DP EHPK 3PXP KRUG S4ZA"],
        ),
        ("와이파이 비번 바꿨어요 → busan_harbor_9!! 안내문 바꿔야 해요", ["busan_harbor_9!!"]),
        (
            "아웃룩 앱 비밀번호 발급 받았어요 → qwmzrtkplvbxnhsd 붙여넣으면 되죠?",
            ["qwmzrtkplvbxnhsd"],
        ),
        ("태블릿 화면 잠금 코드 270593 (주방)", ["270593"]),
        # an activation code in pairs of digits after "is"
        ("the new token's activation code is 44 19 07 82 63", ["44 19 07 82 63"]),
    ],
)
def test_what_unseen126_to_129_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a player's pass number; a count of days in Korean
        "Spielerpass-Nr. 30571194, Vereinsnummer 4402117 - das Portal findet ihn nicht",
        "비밀번호 변경 주기를 60일로 바꿀 수 있나요?",
        # Arabizi about a password, with digits for sounds
        "nesit el password bta3 el email tani, sorry",
        "el password lazem yeb2a fih 7aga capital? el system mesh rady ye2bal",
        # a user's name after "username is"
        "I forgot my password for the rota site, can you reset it, username is jo.mcbride",
    ],
)
def test_what_unseen126_to_129_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_a_pins_number_is_still_a_pin() -> None:
    """ "PIN-Nr.: 4471": a number said of a PIN is the PIN."""
    text = "die PIN-Nr.: 4471 fuer das Handy"
    assert missed({"text": text, "secrets": ["4471"]}) == [], scan(text)
