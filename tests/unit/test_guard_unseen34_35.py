"""What the blind splits unseen34 and unseen35 missed on their first run, each with variants
of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.guard import check_consultant_text, scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "ny lösenordsfras för datorn: gul häst dansar ikväll (med mellanslag)",
            ["gul häst dansar ikväll"],
        ),
        ("Kodlås till grinden: 7391#. Larmet: 0 5 5 2", ["7391#", "0 5 5 2"]),
        (
            "posílám přístupy:\nkamerový systém: Karlstejn55\nWi-Fi kancelář: Praha2026\n",
            ["Karlstejn55", "Praha2026"],
        ),
        ("the safe in the office opens with 36-12-48. Alarm is off", ["36-12-48"]),
        ("the login code for the POS is 4402 for me and 7718 for Jess.", ["4402", "7718"]),
        (
            "ok new wifi password is three words all lowercase with spaces: purple tractor sunrise",
            ["purple tractor sunrise"],
        ),
        (
            "Passwords per device:\nNAS: admin,Qnap!Store2021\nSwitch: manager,Sw1tchyard\n",
            ["Qnap!Store2021", "Sw1tchyard"],
        ),
    ],
)
def test_what_unseen34_and_35_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Contact: Anna,Smith\nPhone: 0201,555\n",
        "the code for the POS is on the sticker, and 2019 is when we bought it",
        "the password is three words long: see the attached note",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Client says the door code is 1234",
        "Customer says the alarm code is 4471, call before",
        "Client says the safe in my office opens with 36-12-48",
    ],
)
def test_a_code_the_consultant_notes_from_a_client_is_refused(text: str) -> None:
    """ "Client" or "customer" alone names no client number: the code is one."""
    with pytest.raises(Invalid):
        check_consultant_text(text, "body")


@pytest.mark.parametrize(
    "text", ["the client code is 4471 on the invoice", "customer number 44812 for the order"]
)
def test_a_client_number_stays(text: str) -> None:
    assert scan(text) == []
