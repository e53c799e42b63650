"""What the blind splits unseen178 to unseen181 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a value described, then given after "so", "czyli", "o sea", "つまり", "그러니까"
        (
            "The till password is the shop's name twice and 7, so Harbour-Harbour7. Ok?",
            ["Harbour-Harbour7"],
        ),
        (
            "Hasło do laptopa to nazwa psa i rok, czyli Burek2019! Daj znać.",
            ["Burek2019!"],
        ),
        (
            "la contraseña es el nombre del perro y el año, o sea Firulais2020, ya está",
            ["Firulais2020"],
        ),
        (
            'Ten the password is our road backwards and 9, that\'s "daoRkraP9" ok?',
            ["daoRkraP9"],
        ),
        ("パスワードは犬の名前と誕生年です。つまり pochi2015 です。", ["pochi2015"]),
        ("비밀번호는 가게 이름에 1004 붙였어요. 그러니까 bibimbap1004 입니다", ["bibimbap1004"]),
        ("пароль як у гостьової мережі, тобто KavaGuest24", ["KavaGuest24"]),
        # a seed by the standard's test (its words, its checksum), whatever the text calls it
        (
            "Las palabras de la billetera:\n\n"
            "abandon debris luxury debate crawl blush thought trip essence people sudden stadium\n",
            ["abandon debris luxury debate crawl blush thought trip essence people sudden stadium"],
        ),
        (
            'seed -> "harvest lemon orbit canyon slight venue raven pulse gather tiny copper '
            'weekend"  nie wysyłaj',
            [
                "harvest lemon orbit canyon slight venue raven pulse gather tiny copper weekend",
            ],
        ),
        # a table's rows under a password or PIN column, told by names or a network
        (
            "First,Last,Role,Till Passcode,Roster PIN\nAnna,Ng,FOH,4417,2208\n"
            "Ben,Ito,BOH,9020,3315\nCara,Diaz,FOH,6671,0954",
            ["4417", "2208", "9020", "3315", "6671", "0954"],
        ),
        (
            "Red | Clave | Uso\nOficina | Escritorio#2024 | staff\nAlumnos | aprender2025 | clases",
            ["Escritorio#2024", "aprender2025"],
        ),
        # a passphrase after an arrow, in Vietnamese, a sentence in quotes
        ("passphrase → Glaciar Viento Lenga Humedal", ["Glaciar Viento Lenga Humedal"]),
        ("Cụm mật khẩu mới: con meo den ngu tren mai nha", ["con meo den ngu tren mai nha"]),
        ('heslo k trezoru je věta "pes leze do boudy", bez diakritiky', ["pes leze do boudy"]),
        # an app password in groups after "password" and a space (msmtprc, .netrc)
        ("user scanner@example.com\npassword abcd wxyz mnop qrst", ["abcd wxyz mnop qrst"]),
        # a Japanese "pass:" label; Vietnamese door and alarm codes typed without marks
        ("パス：umi-no-ie-55\nよろしくお願いします", ["umi-no-ie-55"]),
        ("ma cua kho: 7-3-1-9 roi bam #", ["7-3-1-9"]),
        ("ma bao dong: 5520", ["5520"]),
        # an ordinal between the alarm and the verb that disarms it
        ("the alarm on the 3rd floor you disarm with 1975 + OFF", ["1975"]),
        # a TOTP key in two parts
        ("klucz 2FA: JBSWY3DPEHPK3PXP MFRGGZDF - wpisz razem", ["JBSWY3DPEHPK3PXP MFRGGZDF"]),
        # what a pair is for, a user name in small letters, then a weak value
        ("- Booking portal: maria.lopez / sol-y-playa", ["sol-y-playa"]),
        ("Logins below.\nPrinter panel - service / 4471tx", ["4471tx"]),
    ],
)
def test_what_unseen178_to_181_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a masked value with an aside; a WireGuard public key; a modem's model
        "ユーザー名: admin\nパスワード: ＊＊＊＊＊＊（伏せてあります）",
        "Password: ******(hidden)",
        "WireGuard: mój publiczny klucz: 8Lq3vRt7ZpW2mY9bN4cF1hJ6dQ0sE5aG3uT7oK2iXz4= dodaj peer",
        "El técnico dice que el módem es 'Askey RTF8115VW', lo cambian el lunes",
        # a company on a line that ends about a password reset; an ID before a password
        "Case with 3Shape, number CS-0092817. They will call about the password reset.",
        "Support asked for our tenant ID to reset the admin password, it's "
        "6b1f2c9e-3a47-4d8b-9e0f-7c2a5d1b8e34.",
        # after "so": a product, a clause that goes on, code
        "I forgot my password so Windows11 laptops are locked, so much for that!!",
        'FL3XX sync failed: {"error":"invalid_token","error_description":"expired"}',
        # a file's path after a Japanese "path:"; words of a brochure
        "ファイルパス：/mnt/backup/shop-2024",
        "Route: berlin / hamburg-altona",
        "Versions: v1 / v2-beta3",
        "Region: europe / eu-west-1",
        "Model: tplink / archer-c6-v3",
        # common words of the standard's list with no checksum and no word for a wallet
        "tags: travel, family, summer, beach, ocean, island, sunset, hotel, dinner, wine, music, "
        "dance",
        "keywords: coffee garden kitchen recipe bread butter sugar lemon apple orange salad soup",
        # "red", "first" inside other words of a header; a product's name after "i.e."
        "Locker,Expired,Code\n12,no,4471",
        "Course,Required,Code\nFirst Aid,yes,4410",
        "Password prompts come from the VPN client, i.e. GlobalProtect.",
        "The password was typed with caps lock on, so CapsLock!",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []


def test_a_word_after_a_key_in_base32_is_no_part_of_it() -> None:
    text = "2FA key: JBSWY3DPEHPK3PXP IMPORTANT"
    assert [text[f.start : f.end] for f in scan(text)] == ["JBSWY3DPEHPK3PXP"]


def test_a_table_row_keeps_its_other_cells() -> None:
    text = (
        "First,Last,Role,Till Passcode,Roster PIN\nAnna,Ng,FOH,4417,2208\n"
        "Ben,Ito,BOH,9020,3315\nCara,Diaz,FOH,6671,0954"
    )
    found = [text[f.start : f.end] for f in scan(text)]
    assert found == ["4417", "2208", "9020", "3315", "6671", "0954"]


def test_an_assignment_keeps_its_name() -> None:
    text = "set ADMIN_PASSWORD=Pine!Cone77\nSESSION_SECRET=0i60JrM1hpfGAiBrVoVfJnPh_1yYn1UC"
    assert [text[f.start : f.end] for f in scan(text)] == [
        "Pine!Cone77",
        "0i60JrM1hpfGAiBrVoVfJnPh_1yYn1UC",
    ]
