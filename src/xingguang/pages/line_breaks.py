"""Where a short Chinese text (a card's title, a notice's title, a teacher's post) may break.

Chromium breaks Chinese between any two characters, and a title balanced over two lines
(text-wrap: balance) broke inside its words: 2023 年秋 / 季一年级招生公告, 接受汉中市委“清 /
廉学校”专项检查, 美术教师、星 / 星书画廊负责人. The templates write such a text as its
phrases with <wbr> between them, and the CSS (word-break: keep-all) lets the line break
there only; a phrase wider than its box still wraps inside (overflow-wrap: anywhere).

The phrases come from jieba's own dictionary and the text itself, never from the school's
data: a page's breaks depend on its own text only, so a remembered page (pages/remembered.py)
is still exactly what rendering it again would give.
"""

from __future__ import annotations

import functools
import logging
import re

import jieba

OPENING = "“‘（《〈【「『〔([—"
"""Punctuation that belongs to the word after it (a line never ends with it)."""
CLOSING = "”’）》〉】」』〕)]，。、；：？！,.;:?!…"
"""Punctuation that belongs to the word before it (a line never starts with it)."""
WHOLE_QUOTE = re.compile(r"“[^“”]{1,8}”|《[^《》]{1,10}》|「[^「」]{1,8}」")
"""A short quoted term (“清廉学校”, 《爱“廉”说》) is the school's own word: never broken."""
LIST_ITEM = re.compile(r"[^、\s]{1,8}、|(?<=、)[^、\s]{1,8}$")
"""A short item of a list (美术教师、星星书画廊负责人): one post or name, never broken."""


@functools.lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """jieba with its default dictionary only: the same cuts in every build and process."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    return tokenizer


@functools.lru_cache(maxsize=4096)
def phrases(text: str) -> tuple[str, ...]:
    """``text`` cut where a line may break; the pieces joined are ``text`` again."""
    tokens: list[str] = []
    position = 0
    for quote in WHOLE_QUOTE.finditer(text):
        tokens += _words(text[position:quote.start()])
        tokens.append(quote.group())
        position = quote.end()
    tokens += _words(text[position:])
    pieces: list[str] = []
    for token in tokens:
        if pieces and (token[0] in CLOSING or token.isspace() or pieces[-1][-1] in OPENING):
            pieces[-1] += token
        else:
            pieces.append(token)
    return tuple(pieces)


def _words(text: str) -> list[str]:
    """jieba's words of ``text``, each short list item one word."""
    words: list[str] = []
    position = 0
    for item in LIST_ITEM.finditer(text):
        words += _tokenizer().cut(text[position:item.start()])
        words.append(item.group())
        position = item.end()
    return words + list(_tokenizer().cut(text[position:]))
