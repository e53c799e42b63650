"""What the blind splits unseen198 to unseen201 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # after a comma, a word that gives the value ("alltså"), not the value itself
        ('lösenordet är kattens namn baklänges + 12, alltså "ssiM12" haha', ["ssiM12"]),
        # labels in Finnish, Northern Sámi, Urdu, Portuguese and Swedish
        ("Salalause levylle: SeitsemänSusiaMetsässä!", ["SeitsemänSusiaMetsässä!"]),
        ("Beassansátni: Ráidu2021", ["Ráidu2021"]),
        ("پاسورڈ: Lahore5Gates", ["Lahore5Gates"]),
        ("Valor do segredo: Hq8Lm2Xz9Tb4Wp6Ky1Rs3Vn5", ["Hq8Lm2Xz9Tb4Wp6Ky1Rs3Vn5"]),
        ("klienthemlighet: 8fK2mQ9xT4zR8wL1vB7n", ["8fK2mQ9xT4zR8wL1vB7n"]),
        # a Docker Hub token
        ("dckr_pat_Xk2m9QpL4vT8rW1zN6bY3cJ7dF0", ["dckr_pat_Xk2m9QpL4vT8rW1zN6bY3cJ7dF0"]),
        # a password quoted that starts with a word for one and holds a digit
        ('senha: "Senha do Carlos 2024"', ["Senha do Carlos 2024"]),
    ],
)
def test_what_unseen198_to_201_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a tracking code in Finnish
        "Seurantakoodi: JJFI64501200098765432 — uusi reititin",
        # a message quoted that starts with a word for a password
        'Visma näyttää: salasana ******** — "Salasana vanhentunut". Mitä teen?',
        # "expired" in Finnish; a Docker Hub token in a manual's example or a file's name
        "Salalause: vanhentunut",
        "the docs show dckr_pat_example_token_here_1234567 as an example",
        "see dckr_pat_rotation_script_2024_v2.sh in the repo",
        # an acronym with a Finnish case ending after a bare label
        "salasana PC:llä ei toimi",
    ],
)
def test_the_lookalikes_beside_them_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []
