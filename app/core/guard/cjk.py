"""Passwords after a Japanese, Chinese, Korean or Thai label, which a particle (は, 是, 는, คือ, …)
or a full-width colon joins to its value, with no space to part them from the words around:
``パスワードはSakura#2026です``, ``密码：Tiger2026!``,
``密码改成了 Longjing#66``, ``비밀번호는 Hana#2026 입니다``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.values import (
    KEY_GROUPS,
    NOT_SECRETS,
    Span,
    looks_like_password,
    names_a_thing,
    trim_value,
)

# The words for a password, a PIN or a network key ("PIN" before a particle).
_WORDS = (
    r"パスワード|パスフレーズ|パスコード|暗証番号|暗号化キー|セキュリティキー|ネットワークキー"
    r"|PIN(?=[はがを])"
    r"|パス(?<![ァ-ヺー]パス)(?=[ \t\u3000]*[:：])"  # "パス：…", not "ファイルパス：" (a path)
    r"|解除番号|解除コード|ロック解除コード|復旧キー|回復キー|リカバリーキー|管理者番号"
    r"|인증[ \t]?번호"
    r"|密[码碼]|口令|비밀번호|비번|암호|해제[ \t]?코드|설정[ \t]?키|인증[ \t]?키|도어락[ \t]?번호"
    r"|รหัสผ่าน|รหัส|잠금[ \t]?코드"
)
# The value is the run of ASCII after the label: the script around it ends it.
_CJK_LABEL = re.compile(
    rf"(?:{_WORDS})"
    r"(?:[（(][^）)\n]{1,20}[）)])?"  # パスワード（暗号化キー）:
    r"[ \t\u3000]*(?:(?:[改换換][成为為]了?|[变變]成了?|设置?[为為成]|[はがをも是为為는은이가를]"
    r"|คือ)"
    # "暗証番号が変わりました: …": the code changed, then a colon
    r"[ \t\u3000]*)?(?:[^\n:：!-~]{0,12}[:：=→][ \t\u3000]*"
    # Thai: what the code is for, then "คือ" (is) or "ว่า" (that), or a colon
    r"|(?:(?<=[ก-๛])|(?<=[ก-๛][ \t]))(?!ไปรษณีย์|สินค้า|พัสดุ|ติดตาม|ลูกค้า|สมาชิก|บัตร)"
    r"[^\n:：]{0,50}?(?:คือ|ว่า|เป็น|[:：])[ \t\u3000]*"
    # "รหัสประตูห้องเย็น 3 5 9 1": what a code opens (a door, a lock, a safe), its digits apart
    r"|(?<=[ก-๛])[ก-๛]{0,20}(?:ประตู|ล็อก|ล็อค|เซฟ|กันขโมย)[ก-๛]{0,20}[ \t]+(?=\d[ ]\d[ ]\d[ ]\d))?"
    r"(?:[「『]|\[(?=\d))?"  # "인증번호 [592013]": a bracket before a number
    # "รหัสประตูห้องเย็น 3 5 9 1": a code's digits typed apart
    # 「tsuki ga kirei desu ne 42」: a phrase in brackets
    r"(?P<v>\d(?:[ ]\d){3,7}(?![!-~])|(?<=[「『])[!-~]{1,30}(?:[ ][!-~]{1,30}){2,7}(?=[」』])"
    r"|[!-~]{1,64})"
)
CJK_WORD = re.compile(_WORDS)
# Further values after a label, within a few lines: in brackets ("ゲスト用は「welcome2026」",
# "旧番号（3344）", "パスワードはそのまま（shika0815）": the guest one, the old number, as
# before), or after "the … one is" and a place ("前のは hanami55 でした", "金庫は 3719。": the
# previous one was, the safe is).
_MORE = re.compile(
    r"(?:[はが:：]|番号|(?<=パスワード))[^\n「『（(!-~]{0,6}[ \t\u3000]*[「『（(]"
    r"(?P<v>[!-~]{4,64}?)[」』）)]"
)
_MORE_BARE = re.compile(
    r"(?:(?:の|金庫|ロッカー|門|玄関|ドア|入口|警報|アラーム|キーボックス)は"
    r"|(?:번호|금고|코드|도어락)(?:는|은))[ \t\u3000]*"  # "새 번호는 *2719# 이에요", "금고는 0411."
    r"(?P<v>[!-~]{4,64}?)"
    r"(?=[ \t\u3000]*(?:です|でした|だ|に|입니다|이에요|예요|이야|。|、|\.|,|\n|$))"
)
# A line of its own for the new and the old one: "新: Hanayome_0612" / "旧: Wedding2023".
_MORE_LINE = re.compile(
    r"^[ \t\u3000]*(?:新|旧|前|新しい|古い|新的|旧的|새|이전)[ \t\u3000]*[:：][ \t\u3000]*"
    r"(?P<v>[!-~]{4,64}?)[ \t\u3000]*$",
    re.MULTILINE,
)
# The new and the old one in a sentence: "… Tr1nity-0815 に変えました" (changed it to),
# "2580 から 941736 に" (from a number to; "Settings から" is from a place).
_MORE_CHANGED = re.compile(
    r"(?<![!-~])(?P<v>[!-~]{4,64}?)[ \t\u3000]*"
    r"(?:に(?:変え|変更|し[まて]|な[りっ])|へ変更|(?<=\d)から|(?<=\d[ \t\u3000])から)"
)
_DIGITS = re.compile(r"[*#]?\d(?:[- ]?\d){3,}[*#]?")  # "0314", "4-6-0-3", "3 5 9 1", "*2719#"
# A key in groups of four after its label: "설정 키: 7KQF NR3M WPZ2 VHLD".
_KEY_GROUPS = re.compile(rf"{KEY_GROUPS}(?!\w)")
_MORE_REACH = 200
# Counters after a number: "8文字" (eight characters), "2024年" (the year 2024).
_COUNTERS = frozenset("年月日時分秒文字桁回個件円人자년월일번")


def cjk_labelled(text: str, low: str) -> Iterator[Span]:
    """The value after a CJK password label: a password's mixed shape, or a PIN of four
    digits or more that is not a count or a year; and further values after such a label."""
    for m in _CJK_LABEL.finditer(text):
        raw = text[m.start("v") : trim_value(text, m.start("v"), m.end("v"))]
        value = raw.strip("\"'")
        if not value:
            continue
        if (groups := _KEY_GROUPS.match(text, m.start("v"))) is not None:
            yield *groups.span(), "password", "label-cjk"
            continue
        quoted = value != raw
        start = m.start("v") + raw.index(value)
        end = start + len(value)
        pin = _DIGITS.fullmatch(value) is not None and text[end : end + 1] not in _COUNTERS
        # a phrase (only in brackets) after a passphrase's label, of words not a sentence's
        phrase = (
            " " in value
            and text.startswith("パスフレーズ", m.start())
            and sum(w.lower() in NOT_SECRETS for w in value.split()) <= 1
        )
        if " " in value and not (pin or phrase):
            continue  # "「Forgot your password」リンク": a button's words
        if pin or phrase or looks_like_password(value, quoted, True, text, end):
            yield start, end, "password", "label-cjk"
    pos = 0
    for m in CJK_WORD.finditer(text):
        stop = m.end() + _MORE_REACH
        for more in (*_MORE.finditer(text, max(pos, m.end()), stop),
                     *_MORE_BARE.finditer(text, max(pos, m.end()), stop),
                     *_MORE_LINE.finditer(text, max(pos, m.end()), stop),
                     *_MORE_CHANGED.finditer(text, max(pos, m.end()), stop)):  # fmt: skip
            value = more.group("v")
            end = more.end("v")
            if (_DIGITS.fullmatch(value) and text[end : end + 1] not in _COUNTERS) or (
                looks_like_password(value, False, True, text, end) and not names_a_thing(value)
            ):
                yield more.start("v"), end, "password", "label-cjk-more"
        pos = stop
