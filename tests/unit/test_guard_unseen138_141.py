"""What the blind splits unseen138 to unseen141 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a keypad's mark after a code written with dashes
        ("De code om de sirene te resetten (zei de installateur): 3-1-7-7-*", ["3-1-7-7-*"]),
        # recovery codes in Czech, Greek and Romanian
        ("Kódy pro obnovení Steamu: 4k8d-2p9m, 7x3q-z5ab", ["4k8d-2p9m", "7x3q-z5ab"]),
        ("Kody pro obnovení Discordu: 9m2k-4d8p, 2x7q-z5cd", ["9m2k-4d8p", "2x7q-z5cd"]),
        (
            "Κωδικός ανάκτησης Apple ID: 7HNB-QX4M-2PZW-9KTL-R3VC-8JYD",
            ["7HNB-QX4M-2PZW-9KTL-R3VC-8JYD"],
        ),
        # a seed phrase below a Romanian label that counts its words; numbered on one line
        (
            "Fraza de recuperare a portofelului (12 cuvinte):\n"
            "river mango actor bundle frost yellow pencil cabin jungle orbit sugar wealth",
            ["river mango actor bundle frost yellow pencil cabin jungle orbit sugar wealth"],
        ),
        (
            "Photo of the card:\n1 apple 2 ribbon 3 stool 4 mercy 5 tunnel 6 orbit 7 salad "
            "8 glide 9 raven 10 kidney 11 hollow 12 cactus",
            [
                "1 apple 2 ribbon 3 stool 4 mercy 5 tunnel 6 orbit 7 salad 8 glide 9 raven "
                "10 kidney 11 hollow 12 cactus"
            ],
        ),
        # Greeklish and Vietnamese without its marks; Greek "κωδ." cut short
        ("o kwdikos tou router einai limanaki44!", ["limanaki44!"]),
        ("mat khau wifi la cayxanh2020 nhe", ["cayxanh2020"]),
        ("το wifi στο γραφείο: κωδ. 4455thalassa4455", ["4455thalassa4455"]),
        # codes of a place in Greek, Greeklish, Polish and Vietnamese; where, then what for
        ("συναγερμός αποθήκης 7316", ["7316"]),
        ("o synagermos sto magazi einai 8842", ["8842"]),
        ("Furtka od ogrodu: wpisz 4 0 2 8", ["4 0 2 8"]),
        ("mã két sắt văn phòng: 771904", ["771904"]),
        ("Schlüsselsafe an der Garage Lindenweg 12 (für Handwerker): 5-1-8-2", ["5-1-8-2"]),
        ("key safe by unit 4 (for the cleaners): 6093", ["6093"]),
        # a network's plain word after "code:" on a line about the network, in Norwegian
        ("nettverk Kontor-Gjest, kode: tyttebaer", ["tyttebaer"]),
        # a value said in its parts, then whole
        (
            "la del ordenador es tulipan y luego 1984, todo junto tulipan1984",
            ["tulipan1984"],
        ),
        ("use lavanda in minuscolo e poi 72, quindi lavanda72", ["lavanda72"]),
        # what was typed, tried or put, and what it logs in to
        ("Ik typ steeds Merel2021 maar het wachtwoord wordt geweigerd", ["Merel2021"]),
        ("eu pus farol1987 em tudo, agora nao lembro", ["farol1987"]),
        ("try harbour77 on the dashboard login first", ["harbour77"]),
        ("can you try logging in with s4ilb0at and tell me what happens", ["s4ilb0at"]),
        ("so the new one is harbour-gull-17, Pawel knows", ["harbour-gull-17"]),
        # a Romanian label with "new" after it, and an aside after the value
        ("parola noua e cozonac88 (fara majuscule)", ["cozonac88"]),
    ],
)
def test_what_unseen138_to_141_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # one group of a parcel's long number
        "InPost kod odbioru? nie, numer paczki: 6200 4411 2098 7733 1052 19 — paczkomat",
    ],
)
def test_what_unseen138_to_141_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # what the rules of these rounds must not take for values
        "WPS PIN on the back is scratched off, model Livebox 6",
        "wifi code: unknown, ask the landlord",
        "<type> ::= int16 | uint16 | int32 | uint32 | int64 | uint64",
        "We moved to Office 365 last week and office365 login works now",
        "the user anna was created, anna1987 is her login name",
        "try python3 on the server, or try ubuntu22 on the old box",
        "try logging in with your email address",
        "the new one is in the drawer",
        "parola noua nu merge",
        "1 hour 2 days 3 weeks",
    ],
)
def test_prose_stays_beside_the_rules_of_these_rounds(text: str) -> None:
    assert scan(text) == []
