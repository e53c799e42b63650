"""What the blind split unseen20 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a further code: "the old one 2468"
        (
            "the key box code has been changed to 1 9 5 3 (the year). The old one 2468 "
            "doesn't work anymore.",
            ["1 9 5 3", "2468"],
        ),
        # Turkish forms of the label
        (
            "muhasebe bilgisayarının şifresini unuttum, en son Karadeniz61 yapmıştım",
            ["Karadeniz61"],
        ),
        # plain words, then a note on how they are written, in several languages
        (
            "new pw for my admin account: purple elephants dance at midnight  no capitals",
            ["purple elephants dance at midnight"],
        ),
        (
            "nové heslo je věta: modrý kůň skáče přes plot  (malými písmeny, s mezerami)",
            ["modrý kůň skáče přes plot"],
        ),
        ("la chiave è girasole-e-grano, tutto minuscolo con i trattini", ["girasole-e-grano"]),
        # a padlock's code
        ("o código do portão é 3 3 1 9 e o cadeado do armazém é 072.", ["3 3 1 9", "072"]),
        # a table with no header under a line about Wi-Fi
        (
            "wifi for all 3 shops:\n\nHigh St  | BeanThere_HS   | latte4everyone\n"
            "Station  | BeanThere_STN  | Choochoo_Coffee1\n",
            ["latte4everyone", "Choochoo_Coffee1"],
        ),
        # "was" in Czech
        ("Staré heslo k e-mailu bylo Pes2010, nové je Maliny_7.", ["Pes2010", "Maliny_7"]),
        # a second value after "and the one of"
        (
            "la clave del wifi es paella2025 y la de la caja registradora 1492 no?",
            ["paella2025", "1492"],
        ),
        # further values after a Japanese label, with no brackets
        (
            "パスワード変更しました！新しいのは Kyoto_Gion2026 です。前のは hanami55 でした。",
            ["Kyoto_Gion2026", "hanami55"],
        ),
        ("入口の暗証番号は 0824 です。金庫は 3719。", ["0824", "3719"]),
        # two capitalised words joined by a symbol, near other secrets or Wi-Fi
        (
            "- Alarm: 6142\n- Wifi (Office_Main): Hedgehog!Lane\n",
            ["6142", "Hedgehog!Lane"],
        ),
        ("wifi şifresi demlicay2024. Modem şifresi de Modem!Kadikoy.", ["Modem!Kadikoy"]),
        # a code in a config file
        ('mqtt_password: Silage-Tractor-31\nalarm_code: "5127"\n', ["Silage-Tractor-31", "5127"]),
        # a code per place or device after a plural label
        (
            "kody do remizy OSP: brama 4455, alarm 1908, skrzynka na klucze 306. Komputer…",
            ["4455", "1908", "306"],
        ),
        ("pw's: laptop Gingham44 / tablet 9087 / phone 1357 thx", ["Gingham44", "9087", "1357"]),
        # changed from one to another
        (
            "Changed my Amazon password from Spring2025 to Autumn#Leaves26 like you said",
            ["Spring2025", "Autumn#Leaves26"],
        ),
    ],
)
def test_what_unseen20_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "prosím neposílejte hesla e-mailem, kolegyně mi říkala, že to není bezpečné.",
        "o código de rastreio dos CTT é RR123456789PT e a encomenda nº PT-88213.",
        "A senha foi alterada ontem pelo gerente.",
        "Password=;User ID=sa;Integrated Security=True",
        "Do I just change it with Ctrl+Alt+Del? the password expires in 3 days",
        "Passwords: Windows 11 and Office 2019 need updating on both PCs",
        "opening hours:\n\nHigh St | Mon-Fri | 9-17\nStation | Mon-Sat | 8-18\n",
        "We shop at Marks&Spencer for the office party, the password policy is fine",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
