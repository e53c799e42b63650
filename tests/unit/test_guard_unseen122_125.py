"""What the blind splits unseen122 to unseen125 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a safe's dial, turn by turn
        ("the office safe combo R18 L40 R7, keep it to yourself", ["R18 L40 R7"]),
        ("combination is L12-R33-L05 for the drugs cabinet", ["L12-R33-L05"]),
        # a login name and its password either side of a slash, no spaces
        ("Xero: office/Wakefield#Trin1 ... Bev", ["Wakefield#Trin1"]),
        ("and the guest one guest/lollipop55 — I know it's weak", ["lollipop55"]),
        # Galician, Azerbaijani, Kazakh and Catalan labels; the Spanish phrase of a key
        (
            "a wifi do taller chámase Obradoiro e o contrasinal é lamprea_do_mino_4",
            ["lamprea_do_mino_4"],
        ),
        ("yeni noutbukun parolunu qoydum: gəmi2031 — Nərgizə de", ["gəmi2031"]),
        ("Есеп жүйесіне кіру құпия сөзі: Astana77dala", ["Astana77dala"]),
        ('codi alarma 7-7-1-2, i si truquen, paraula clau "Tibidabo"', ["7-7-1-2", "Tibidabo"]),
        (
            'la frase de la llave SSH del servidor es "mi perro duerme en la azotea"',
            ["mi perro duerme en la azotea"],
        ),
        # a passphrase after an Azerbaijani label; a Russian seed phrase
        ("Disk üçün keçid ifadəsi: Qız qalası dənizə baxır 1999", ["Qız qalası dənizə baxır 1999"]),
        (
            "сид фраза кошелька: velvet ocean cabin thunder pencil lizard magnet orbit"
            " anchor violin tundra ember",
            ["velvet ocean cabin thunder pencil lizard magnet orbit anchor violin tundra ember"],
        ),
        # codes: a Turkish bank's SMS code, PIN1 and PIN2, Kazakh and Russian "with the code",
        # a Russian token's PIN, a gate that opens with a code in Spanish
        ("Bankadan SMS ile gelen doğrulama kodu 449120, acil", ["449120"]),
        ("İmza PIN1: 33190, PIN2: 880412", ["33190", "880412"]),
        ("Қақпа ашылмаса, кодпен: 4 7 2 9", ["4 7 2 9"]),
        ("Шкаф в бухгалтерии открывается кодом 11-42-07", ["11-42-07"]),
        ("банк клиент - 7781Qw@z\nпин токена 5590", ["7781Qw@z", "5590"]),
        ("el portón de atrás abre con 7719#, ojo", ["7719#"]),
        # an Azerbaijani recovery key; a Google Calendar's secret address; a Bitrix24 webhook
        ("Google bərpa açarı: Q8KT-3MXW-L2PZ-9RNC-4VHB-7JDF", ["Q8KT-3MXW-L2PZ-9RNC-4VHB-7JDF"]),
        (
            "https://calendar.google.com/calendar/ical/studio%40gmail.com/"
            "private-4b1f9e2c7a3d8e6f0c5b9a1d2e4f6a8c/basic.ics",
            ["4b1f9e2c7a3d8e6f0c5b9a1d2e4f6a8c"],
        ),
        ("webhook: https://shop.bitrix24.kz/rest/7/z4mq8vtk2lrx9wpa/", ["z4mq8vtk2lrx9wpa"]),
        # words in French quotes after "est bien"
        (
            "le mot de passe choisi est bien « crêpe au sucre 7 » avec les espaces",
            ["crêpe au sucre 7"],
        ),
    ],
)
def test_what_unseen122_to_125_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a reset link whose token has run out, then the next parameter
        "https://example.kz/reset-password?token=expired&email=ana%40example.kz — link dead",
        # where a password will be, not what it is
        "le mot de passe du wifi invités va changer, la nouvelle affiche sera à la réception.",
        "Mamie dit que le mot de passe est « dans le cahier bleu » mais on l'a perdu",
        # a path, not a login
        "the docs are in docs/Release2026 on the share",
    ],
)
def test_what_unseen122_to_125_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_a_query_parameter_ends_at_the_next() -> None:
    """A password in a link's query is removed up to the next parameter, which stays."""
    text = "https://portal.example/login?user=bob&password=Hunter2!&lang=en"
    assert [text[f.start : f.end] for f in scan(text)] == ["Hunter2!"]
