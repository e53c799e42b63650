"""What the blind splits unseen202 to unseen205 missed on their first run, each with variants
of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # "password" in Malayalam, Telugu and Kannada, with and without the joiner
        ("ഓഫീസ് പാസ്\u200cവേഡ് munnar2021 ആണ്", ["munnar2021"]),
        ("ఆఫీస్ పాస్\u200cవర్డ్ godavari77 అని పెట్టాను", ["godavari77"]),
        ("ಪಾಸ್\u200cವರ್ಡ್ mysore@remote", ["mysore@remote"]),
        # Mongolian and Kyrgyz
        ("Нягтлангийн нууц үг tsagaansar9 шүү", ["tsagaansar9"]),
        ('Нууц хэллэг: "Говийн тэмээ удаан алхдаг"', ["Говийн тэмээ удаан алхдаг"]),
        ("Бухгалтериянын сырсөзү ala-too2020", ["ala-too2020"]),
        ("сырсөз: alatoo2020", ["alatoo2020"]),
        # Papiamento
        ("E kontraseña nobo ta dushikorsou9", ["dushikorsou9"]),
        # an intercom's code, further on in its sentence
        ("Мы поменяли код домофона на 1357", ["1357"]),
    ],
)
def test_what_unseen202_to_205_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same words in sentences about a password
        "нууц үг мартсан, шинэчилнэ үү",
        "Нууц үг: мартсан",
        "Нууц үг 2024-03-01-нд дуусна.",
        "Kontraseña: lubidá",
        "mi a lubidá mi kontraseña, bo por yuda mi?",
        "പാസ്\u200cവേഡ് മറന്നുപോയി, റീസെറ്റ് ചെയ്യാമോ?",
        # a policy's rule after its label
        "പാസ്\u200cവേഡ് നയം: വലിയക്ഷരം, അക്കം",
        # an intercom out of order, a flat's number, a repair ticket's and a product's codes
        "домофон сломан, кв. 2205",
        "Вызов мастера по домофону, код заявки 45821.",
        "Стоимость ключа от домофона 250 руб., код изделия 7712.",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
