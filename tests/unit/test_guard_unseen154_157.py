"""What the blind splits unseen154 to unseen157 missed or flagged on their first run, and
what was still missed before them, each with variants of our own, and the look-alikes
beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a label naming its device or app, a colon, the value on the line below
        ("Wachtwoord QLab-mac:\n   soundcue!!Vondel\nniet veranderen", ["soundcue!!Vondel"]),
        ("PW Synology-NAS:\nHarbour-Gull-17", ["Harbour-Gull-17"]),
        ("Passwort iPad-Kasse:\n  Brezel#2024", ["Brezel#2024"]),
        # Korean "비번" (short for a password) above its value
        ("비번\nhangang#77\n아이디는 이메일", ["hangang#77"]),
        # a tax portal's PIN is a login's, not a tax number
        ("my tax portal pin 8812, don't lose it", ["8812"]),
        # a variable named for a password in another language, or with more parts after it
        ("SENHA_BANCO=Vet#Clinica2023\nPORTA=5432", ["Vet#Clinica2023"]),
        ("CONTRASENA_DB=tortilla77", ["tortilla77"]),
        ("export HESLO_POSTA=knedlik55", ["knedlik55"]),
        ("DB_PASSWORD_PROD=Petshop#Banco2023", ["Petshop#Banco2023"]),
        # backup codes joined by "e" (and); Albanian backup codes
        (
            "Códigos de backup do Instagram da loja: 4819 2274 e 5530 1186 (já usei um)",
            ["4819 2274", "5530 1186"],
        ),
        ("Kodet rezervë: 62019384 55102938", ["62019384", "55102938"]),
        # Albanian, Finnish, Bosnian and Thai in Latin letters: the labels
        ("Fjalëkalimi\nTirana2021beton", ["Tirana2021beton"]),
        ("Kodi i alarmit te zyra: 71*40", ["71*40"]),
        ("Kassa: käyttäjä kassa1, salis Koirapuisto77", ["Koirapuisto77"]),
        ("Pristupna fraza za disk: zeleni most iznad rijeke", ["zeleni most iznad rijeke"]),
        ("rahat phan khong wifi pen: mamuang2020 na kha", ["mamuang2020"]),
        # Thai: "changed the code … to (เป็น)"; a door's code with its digits apart
        ("หนูเปลี่ยนรหัสเฟซบุ๊กแล้ว เป็น Somtam88x นะคะ", ["Somtam88x"]),
        ("รหัสประตูหลังร้าน 4 8 1 5 นะ", ["4 8 1 5"]),
        # a safe, a combination lock, a code word, where the code is, then the code
        ("Kassaskåpet på kontoret: 40-22-17.", ["40-22-17"]),
        ("Zahlenschloss Anhänger B-2210: 941", ["941"]),
        ("Der Zifferncode an der Halle ist 3 9 0 2 und dann Enter", ["3 9 0 2"]),
        # Nigerian Pidgin: the code "na" (is) a number, a year's shape too
        ("di gate code na 1987, no tell anybody", ["1987"]),
        # "la del Wi-Fi … es" two words and a number; three words after "it's"
        (
            "Le pregunté a Rubén y dice que la del Wi-Fi de la bodega es maiz-tostado-12, pero "
            "no agarra en la impresora",
            ["maiz-tostado-12"],
        ),
        (
            "the password for the router is on the fridge but save yourself the trip - "
            "it's copper-kettle-lane. Cheers",
            ["copper-kettle-lane"],
        ),
        # a seed phrase after a dash
        (
            "ledger ke 12 words ye hain - bacon orbit candle tiger velvet mango river copper "
            "blanket pilot fossil cloud . ok?",
            ["bacon orbit candle tiger velvet mango river copper blanket pilot fossil cloud"],
        ),
        # a word for access on the line makes "user / word3-word" a login
        ("Zugang Baustelle: vorarbeiter2 / bagger7-winter", ["bagger7-winter"]),
    ],
)
def test_what_unseen154_to_157_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the device's name is not the password
        ("Passwort iPad-Kasse:\n  Brezel#2024", "Brezel#2024"),
        # a floor in Korean ("2층은") after a password is no second one
        ("와이파이 NORAE_STAFF 비번 88778877a 입니다. 3층은 안 잡혀요", "88778877a"),
    ],
)
def test_only_the_value_is_taken(text: str, value: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "tax pin P051234567X",
        # a parcel's number of the UPU's standard; which recovery key, not the key
        "Código de rastreio dos Correios: OJ123456789BR — é o leitor novo",
        "Tracking: RR987654321DE",
        "BitLocker asks for the recovery key, the screen shows Key ID: 7A3F9C21. What now?",
        # a practice's code for the NHS is its identifier
        "Our practice code for the NHS is 892741, needed for the claims software",
        # settings about passwords, not passwords
        "PASSWORD_HASHER=argon2id",
        "PASSWORD_ROUNDS=100000",
        "PASSWORD_FILE_PATH=/run/secrets/db",
        # a host name after "is"; two hosts after a word for access
        "the login page for the nas is backup-server-02 on the LAN",
        "Zugang zum Server: web01 / web02",
        "Password Manager:\nBitwarden",
        "Password Reset:\nCompleted",
    ],
)
def test_what_unseen154_to_157_hold_stays(text: str) -> None:
    assert scan(text) == []
