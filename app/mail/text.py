"""Untrusted text made plain: encoded words, charsets and HTML, defused before the standard
library parses them."""

from __future__ import annotations

import base64
import binascii
import codecs
import re
from html import unescape
from html.parser import HTMLParser

from hourdesk.app.mail.records import (
    _BODY_CONTROLS,
    _ENCODED_WORD,
    _HTML_CHUNK,
    _HTML_INPUT_FACTOR,
    _LINE_BREAKERS,
    _SURROGATES,
    _UNSAFE_CODECS,
    _URL_CHARS,
    Limits,
    _Deadline,
    _one_line,
    _Refusal,
)


def _clean_text(text: str) -> str:
    """Multi-line text with unified newlines and no control characters but tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _BODY_CONTROLS.sub("", _SURROGATES.sub("\ufffd", text)).strip()


def _raw8_text(value: str, defects: list[str], what: str) -> str:
    """A header as parsed from bytes (non-ASCII kept as surrogates), as real text."""
    try:
        data = value.encode("utf-8", "surrogateescape")
        return data.decode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", value)
    except UnicodeDecodeError:
        defects.append(f"{what}: raw 8-bit text that is not UTF-8, read as Windows-1252")
        return data.decode("cp1252", "replace")


def _decode_words(text: str, defects: list[str], what: str) -> str:
    """Decode RFC 2047 encoded words; adjacent words in one charset decode together."""
    tokens = _word_tokens(text, defects, what)
    merged: list[str | tuple[str, bytes]] = []
    for n, token in enumerate(tokens):
        if isinstance(token, str):
            if not (token.isspace() and _between_words(tokens, n)):
                merged.append(token)
        elif merged and isinstance(merged[-1], tuple) and merged[-1][0] == token[0]:
            merged[-1] = (token[0], merged[-1][1] + token[1])
        else:
            merged.append(token)
    return "".join(t if isinstance(t, str) else _decode_run(*t, defects, what) for t in merged)


def _between_words(tokens: list[str | tuple[str, bytes]], n: int) -> bool:
    return 0 < n < len(tokens) - 1 and all(isinstance(tokens[i], tuple) for i in (n - 1, n + 1))


def _decode_run(charset: str, data: bytes, defects: list[str], what: str) -> str:
    text = _decode_bytes(data, charset, defects, what)
    if _LINE_BREAKERS.search(text):
        defects.append(f"{what}: control characters or line breaks in encoded words removed")
    return text


def _word_tokens(text: str, defects: list[str], what: str) -> list[str | tuple[str, bytes]]:
    """Plain text pieces and (charset, bytes) for each encoded word; no empty pieces."""
    tokens: list[str | tuple[str, bytes]] = []
    position = 0
    for match in _ENCODED_WORD.finditer(text):
        if match.start() > position:
            tokens.append(text[position : match.start()])
        data = _word_bytes(match[2], match[3])
        if data is None:
            defects.append(f"{what}: undecodable encoded word")
            tokens.append(match[0])
        else:
            tokens.append((match[1].split("*")[0].lower(), data))
        position = match.end()
    if position < len(text):
        tokens.append(text[position:])
    return tokens


def _word_bytes(encoding: str, payload: str) -> bytes | None:
    data = payload.encode("utf-8", "surrogateescape")
    if encoding in "qQ":
        return binascii.a2b_qp(data, header=True)
    try:
        return base64.b64decode(data + b"=" * (-len(data) % 4))
    except ValueError:
        return None


def _codec(charset: str | None) -> str | None:
    """The Python codec for a MIME charset; ASCII reads as UTF-8; None when unusable."""
    try:
        name = codecs.lookup((charset or "utf-8").strip().strip('"')).name
        "a".encode(name)  # refuses bytes-to-bytes codecs such as rot13 or zlib
    except (LookupError, ValueError, UnicodeError):
        return None
    if name in _UNSAFE_CODECS:
        return None
    return "utf-8" if name == "ascii" else name


def _decode_bytes(
    data: bytes | None, charset: str | None, defects: list[str], what: str = "body"
) -> str:
    """data as text in charset, falling back to UTF-8; problems are noted."""
    if not data:
        return ""
    codec = _codec(charset)
    if codec is None:
        defects.append(f"{what}: unknown charset {(charset or '')[:40]!r}, read as UTF-8")
        codec = "utf-8"
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        defects.append(f"{what}: bytes that are not valid {codec} were replaced")
        return data.decode(codec, "replace")


_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


_HTML_DECLARATION = re.compile(r"<[!?][^<>]*>?")


_HTML_STRAY_LT = re.compile(r"<(?=[^<>]*(?:<|\Z))")


_HTML_TAG = re.compile(r"<[^<>]*>")


_HTML_SPACE = re.compile(r"\s+")


_HTML_SKIP = {"script", "style", "title", "template"}


_HTML_PARAGRAPHS = {"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre"}


_HTML_PARAGRAPHS |= {"table", "ul"}


_HTML_LINES = {"address", "article", "aside", "caption", "dd", "div", "dl", "dt", "fieldset"}


_HTML_LINES |= {"figcaption", "figure", "footer", "form", "header", "li", "main", "nav"}


_HTML_LINES |= {"section", "tr"}


def _html_to_text(html: str, limits: Limits, deadline: _Deadline, defects: list[str]) -> str:
    """Readable text of an HTML body, within the body and time limits."""
    if len(html) > limits.max_body_chars * _HTML_INPUT_FACTOR:
        html = html[: limits.max_body_chars * _HTML_INPUT_FACTOR]
        defects.append("HTML body cut before conversion")
    html = _defuse_html(html)
    parser = _HtmlText(limits.max_body_chars)
    try:
        for start in range(0, len(html), _HTML_CHUNK):
            deadline.check()
            parser.feed(html[start : start + _HTML_CHUNK])
            if parser.full:
                break
        parser.close()
    except _Refusal:
        raise
    except Exception:
        defects.append("HTML could not be parsed; its tags were stripped")
        return unescape(_HTML_TAG.sub(" ", html))
    return parser.text()


def _defuse_html(html: str) -> str:
    """Drop comments and declarations and escape each "<" that opens no tag.

    Every remaining "<" meets a ">" before the next "<", which keeps html.parser
    out of its quadratic rescans of unterminated constructs.
    """
    html = _HTML_DECLARATION.sub(" ", _HTML_COMMENT.sub(" ", html))
    return _HTML_STRAY_LT.sub("&lt;", html)


class _HtmlText(HTMLParser):
    """Collects text: scripts and styles dropped, blocks on new lines, links as "text (url)"."""

    def __init__(self, max_chars: int):
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._size = 0
        self._max_chars = max_chars
        self._skipping = 0
        self._pending_newlines = 0  # a block boundary, written out before the next text
        self._link: tuple[str, int] | None = None  # href, index of the link text's first piece

    @property
    def full(self) -> bool:
        return self._size > self._max_chars

    def handle_starttag(self, tag, attrs):
        if tag in _HTML_SKIP:
            self._skipping += 1
        elif tag == "br":
            self._emit("\n")
        elif tag in _HTML_PARAGRAPHS or tag in _HTML_LINES:
            self._block_boundary(tag)
            if tag == "li":
                self._emit("- ")
        elif tag == "a":
            href = _one_line(dict(attrs).get("href") or "", _URL_CHARS)
            usable = href and not href.lower().startswith(("javascript:", "data:"))
            self._link = (href, len(self._pieces)) if usable else None

    def handle_startendtag(self, tag, attrs):
        if tag not in _HTML_SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _HTML_SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_PARAGRAPHS or tag in _HTML_LINES:
            self._block_boundary(tag)
        elif tag in ("td", "th"):
            self._emit(" ")
        elif tag == "a" and self._link:
            href, first = self._link
            label = "".join(self._pieces[first:]).strip()
            if href not in label:
                self._emit(f" ({href})" if label else href)
            self._link = None

    def handle_data(self, data):
        text = _HTML_SPACE.sub(" ", data)
        if not self._skipping and not (text == " " and self._pending_newlines):
            self._emit(text)

    def _block_boundary(self, tag: str) -> None:
        newlines = 2 if tag in _HTML_PARAGRAPHS else 1
        self._pending_newlines = max(self._pending_newlines, newlines)

    def _emit(self, text: str) -> None:
        if self._pending_newlines and self._pieces:
            text = "\n" * self._pending_newlines + text
        self._pending_newlines = 0
        if not self.full:
            self._pieces.append(text)
            self._size += len(text)

    def text(self) -> str:
        lines = (line.strip() for line in "".join(self._pieces).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
