"""What the blind splits unseen40 and unseen43 missed on their first run, each with variants
of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Finnish code forms, a key box in Finnish
        (
            "Avain on avainsäilössä portin vieressä, koodi 5582. Hälytys pois koodilla 1193.",
            ["5582", "1193"],
        ),
        ("Moi, tunnussana on kuusi-metsä-12, vaihdoin sen eilen", ["kuusi-metsä-12"]),
        (
            "Varmuusavain (jos puhelin hajoaa): 7QWE RT2Y UIOP ASD3 FGHJ. Säilytä",
            ["7QWE RT2Y UIOP ASD3 FGHJ"],
        ),
        # the password after an account named before
        (
            "mail: a.berg / Harbour#9\nfile share: same user, Polder2027\n",
            ["Harbour#9", "Polder2027"],
        ),
        # twelve words after a colon, in a sentence about a wallet or counted
        (
            "my son's crypto wallet, the words he wrote down: kite moral bench glove tuna river "
            "fossil pencil mango orbit salad crane. He says it's 12 words.",
            ["kite moral bench glove tuna river fossil pencil mango orbit salad crane"],
        ),
        (
            "a helyreállító szavak (12 szó): kite moral bench glove tuna river fossil pencil mango "
            "orbit salad crane – köszi",
            ["kite moral bench glove tuna river fossil pencil mango orbit salad crane"],
        ),
        ("User: CL-044\nPasscode\n18 27 36\n\nIt changes monthly", ["18 27 36"]),
        (
            "gate code changed, it's 4 8 2 6 now (the old 6 2 8 4 was too easy)",
            ["4 8 2 6", "6 2 8 4"],
        ),
        ("Key safe by the shed: D-4-0-9 (letter D first)", ["D-4-0-9"]),
        ("Card terminal – supervisor code 8831", ["8831"]),
        # set … pass to, set the login to
        (
            "the router – i set admin pass to kitchen42 because the old one was on a sticker",
            ["kitchen42"],
        ),
        ("i set the windows login to Brighton7 for now, she can change it later", ["Brighton7"]),
        # a code after the colon of a code label's clause, then the next one
        (
            "the code to open the cash drawer is our street number twice: 1414. no wait that's the "
            "old one, it's 2626 now",
            ["1414", "2626"],
        ),
        (
            "the yard keypad was reset. staff now use 7713# and cleaners use 8842#.",
            ["7713#", "8842#"],
        ),
        (
            "den nye frasen til hvelvet er: elg bakke regn sommer (alle små bokstaver, mellomrom)",
            ["elg bakke regn sommer"],
        ),
        # a PIN after what was done with it, beside other secrets
        (
            "- router admin: Maple#House9\n"
            "- printer admin: default 0000? no, we changed it to 6624",
            ["Maple#House9", "6624"],
        ),
    ],
)
def test_what_unseen40_and_43_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "the private door code list is on the wiki",
        "the supervisor signed off the ISO code 9001 audit",
        "please use the same user, reception, for both tills",
        "we set it to 2024 rates, see the invoice",
        "the code review for the checkout: 4 digits of test coverage missing",
        "Press 1 for sales: 0800 123 456",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
