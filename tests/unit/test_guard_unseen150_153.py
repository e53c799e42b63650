"""What the blind splits unseen150 to unseen153 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Haitian Creole: a code "se" (is) a number, a secret phrase, "modpas"
        ("Kòd alam nan se 7310, pa bay pèsonn li", ["7310"]),
        ("Fraz sekrè pou disk la: solèy leve sou mòn nan", ["solèy leve sou mòn nan"]),
        ("TeamViewer: 1 204 558 913  modpas: Lakay77x", ["Lakay77x"]),
        # recovery codes: Vietnamese backup codes below, Russian in the genitive, Chinese
        ("Các mã dự phòng Zalo:\n5521 0098  7713 4420", ["5521 0098  7713 4420"]),
        ("кодов восстановления для почты: 4410 2291, 7720 1183", ["4410 2291, 7720 1183"]),
        ("微软账户恢复密钥：K7QP-2XLM-9RTV-PNW4-ZC6D", ["K7QP-2XLM-9RTV-PNW4-ZC6D"]),
        # what it is for, a colon, one recovery code in dashed groups
        ("Mã khôi phục Shopee: 8mq4-zx7p-31kt", ["8mq4-zx7p-31kt"]),
        # a seed phrase after its Chinese label; a Welsh secret phrase
        (
            "助记词: lemon orbit candle tiger velvet mango river copper blanket pilot fossil cloud",
            ["lemon orbit candle tiger velvet mango river copper blanket pilot fossil cloud"],
        ),
        ("Ymadrodd cyfrin y ddisg: afon las dan y bont", ["afon las dan y bont"]),
        # a Korean verification number in brackets; a Norwegian one in a compound
        ("인증번호 [771204] 타인 노출 금지", ["771204"]),
        ("Verifiseringskode fra banken: 551 208", ["551 208"]),
        # pinyin: "mima" (password)
        ("houtai de mima shi jd2024hotel, zhanghao admin", ["jd2024hotel"]),
        ("Zhanghao: front01  mima: Hongcha8899", ["Hongcha8899"]),
        # a key's emoji on a Wi-Fi card
        ("📶 Casa Azul Guest\n🔑 papaya2025", ["papaya2025"]),
        # what was typed, used, for everything; Danish, Italian
        ("I've been typing in Mila2016jazz which is what I set", ["Mila2016jazz"]),
        ("the old treasurer used Choir2018 for absolutely everything", ["Choir2018"]),
        (
            "Jeg kan ikke logge ind. Jeg bruger danseskole77 men den siger forkert kode",
            ["danseskole77"],
        ),
        ("account del fornitore: usa basilico_verde_3, come sempre", ["basilico_verde_3"]),
    ],
)
def test_what_unseen150_to_153_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the password alone after "use" and an account: not the account with it
        ("use admin:Barn0wl!Loft to get into the controller", "Barn0wl!Loft"),
        ("ciao, per il router usa admin:Pesca!2024 poi ti spiego", "Pesca!2024"),
    ],
)
def test_an_account_before_a_password_used_stays(text: str, value: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        # a handle; a serial number said to be one; a sentence that explains after "senha:"
        "Venmo @Marta-Gil-77 sent $120 to @BakeHouse, memo 'flour'",
        "Clé de licence ? Non, c'est le numéro de série du Mac : C02ZK7Q9JHD4",
        "Código da porta não é senha: é o número do quarto, 402, que o hóspede digita.",
        "    @property\n    def name(self) -> str:",
    ],
)
def test_what_unseen150_to_153_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # what a review of these rounds' rules found them taking for secrets
        "The course is Chemistry 101 this term, listed as chemistry101 in the portal.",
        "Email:Anna.Berg2024@firma.de",
        "From:JohnDoe1985@gmail.com, CC:Sara.K2020@company.co.uk",
        "Printers on floor 1: Reception/Reception2",
        "mailboxes are office/office2 and support/support3",
        "chown root:Staff2024 /srv/share",
        "I used Room12B for the account review meeting yesterday.",
        "Code à 6 chiffres, mot de passe : arrive demain par courrier chez toi.",
        "Il file è cifrato, password: arriva domani per posta.",
        "パスワード: [ask-IT-desk]",
        "Mima is Grandma2020 on Sundays.",
    ],
)
def test_what_a_review_of_these_rules_found_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a list of passwords that look like Arabizi's shape, with no Arabizi word near
        (
            "netflix - love2you\nspotify - jake3dog\nhbo - mike5star",
            ["love2you", "jake3dog", "mike5star"],
        ),
        # a seed phrase numbered after a word and a colon; a value whose first part is a number
        (
            "Words: 1 winter 2 lobster 3 canvas 4 orbit 5 mercy 6 dune 7 salad 8 trophy 9 grace"
            " 10 kidney 11 frost 12 uncle",
            [
                "1 winter 2 lobster 3 canvas 4 orbit 5 mercy 6 dune 7 salad 8 trophy 9 grace"
                " 10 kidney 11 frost 12 uncle"
            ],
        ),
        ("primero 90 y luego girasol, todo junto 90girasol", ["90girasol"]),
    ],
)
def test_what_a_review_of_these_rules_found_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)
