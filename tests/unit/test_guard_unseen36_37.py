"""What the blind splits unseen36 and unseen37 missed on their first run, each with variants
of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # counted words: a word of time may be one of them
        (
            "the vpn password is now four words: lake stone evening bell, no caps",
            ["lake stone evening bell"],
        ),
        # a possessive after the words between is no separator
        (
            "the admin password for the dentist's Synology is now: amber fox river lantern 4"
            " - thanks",
            ["amber fox river lantern 4"],
        ),
        ("the code for the vet's drug safe got changed to 550912, fyi", ["550912"]),
        ("Alarm code for the bakery's back door changed today. New: 33190. Thanks", ["33190"]),
        ("Jo says the PIN for a refund, she says it's 4410? not sure", ["4410"]),
        # more languages, more words for "now" and for a key box
        (
            "Passordfrase til disken: grønn elg synger høyt\n(små bokstaver)",
            ["grønn elg synger høyt"],
        ),
        (
            "le code d'accès à la salle des archives est 7719 et celui de la cave 2281.",
            ["7719", "2281"],
        ),
        ("mijn pincode voor de kluis is nu 6620 en die van Jan 9134.", ["6620", "9134"]),
        ("Nøkkelboks bak hytta: 4-4-0-1 (trykk på låsen)", ["4-4-0-1"]),
        ("the keysafe at unit 3B (back lane) is set to 1906, cheers", ["1906"]),
        ("the tablet pin is\n\n4721\n\nthanks", ["4721"]),
        (
            "el pin del datáfono cambió, ahora son 6 dígitos: 902214. El anterior 5531 ya no va",
            ["902214", "5531"],
        ),
        # what was done with it
        ("la clave del wifi la cambié a ferreteria2027 ayer", ["ferreteria2027"]),
        ("the router pw, i saved it as greenHouse77 but it says wrong", ["greenHouse77"]),
        # a colon at the end of a password label's clause
        ("the password is the shop name and two hashes: Kornblume## (capital K)", ["Kornblume##"]),
        (
            "la password del gestionale? No, quella del server di posta: Posta_Mail_88.",
            ["Posta_Mail_88"],
        ),
        ("The pass for the side gate keypad by the bins: 40#77. Push hard", ["40#77"]),
        (
            "nowe hasło do sejfu to cztery słowa z myślnikami: kot-rower-las-Kraków",
            ["kot-rower-las-Kraków"],
        ),
        (
            "new pw for the alarm app is long, so in two parts: Swan&Lake_ and then 88Oxford",
            ["Swan&Lake_"],
        ),
        # grouped setup keys with two spaces between groups
        (
            "2FA key if the QR code fails:  JBSW Y3DP EHPK 3PXP  JBSW Y3DP",
            ["JBSW Y3DP EHPK 3PXP  JBSW Y3DP"],
        ),
        # codes per item after a plural label with words between
        (
            "PIN codes for both tills in the shop: Till 1 (bar) 5521, Till 2 (kitchen) 7730.",
            ["5521", "7730"],
        ),
        # the rows alike a row whose last field was found
        (
            "logins for the booking tablet:\nAnna – anna.k – Seahorse41\n"
            "Ben – ben.m – Kite_Runner_7\n",
            ["Seahorse41", "Kite_Runner_7"],
        ),
    ],
)
def test_what_unseen36_and_37_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft gave me a case number, they said to pass it on to you: 3f2b9c1d-7a44-4e0b",
        "'PASSWORD': os.environ['DB_PASS'],",
        "the wifi password is printed under the router, network name: Office_Main_5G",
        "the code for the fridge's service menu is in the manual on page 1142",
        "Staff list:\nAnna – reception – Monday2024\nBen – kitchen – Friday\n",
        "Till 1 (bar) and Till 2 (kitchen) need new paper rolls, order 5521.",
        "The password reset link expires in: 24h",
        # a ChangeLog: functions in rows, and "Use …" with an identifier
        "\t* tree-ssa-strlen.cc (strlen_pass::handle_assign,\n\tstrlen_pass::before_dom_children):"
        " Comment spelling fixes.\n\t* gimple-ssa-warn-access.cc (pass_waccess::check_alloca,\n"
        "\tpass_waccess::maybe_check_access_sizes,\n\tpass_waccess::check_call_access,\n",
        "\t* config/i386/i386-expand.cc: Use vec_setv8hf_0 for HF to V8HF mode move.\n",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
