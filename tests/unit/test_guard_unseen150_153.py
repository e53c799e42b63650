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
