"""Characters an editor cannot see or tell apart, named so they can be found.

Text comes from Word, WeChat and Chinese input methods: zero-width spaces,
full-width digits and letters (３０, ｒｅｎ), full-width spaces, Chinese
punctuation where YAML wants ASCII. Messages show such characters by name
(``li-si[全角空格]``) and offer the text with them typed plainly.
"""

from __future__ import annotations

import unicodedata

INVISIBLE: dict[str, str] = {
    "\u200b": "零宽空格",
    "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符",
    "\u2060": "零宽连字符",
    "\ufeff": "零宽不换行空格",
    "\u00ad": "软连字符",
    "\u00a0": "不换行空格",
    "\u3000": "全角空格",
    "\u2002": "半角宽空格",
    "\u2003": "全角宽空格",
    "\u2009": "窄空格",
    "\u202f": "窄不换行空格",
    "\u200e": "从左到右标记",
    "\u200f": "从右到左标记",
}
"""Characters that look like nothing (or like a plain space) on screen."""

GARBLED = "\ufffd"
"""U+FFFD, shown as �: what is left of text that went through a wrong encoding."""

PUNCTUATION_TO_ASCII: dict[str, str] = {
    "，": ",", "、": ",", "：": ":", "；": ";", "“": '"', "”": '"', "‘": "'", "’": "'",
    "【": "[", "】": "]", "［": "[", "］": "]", "（": "(", "）": ")", "－": "-", "—": "-", "–": "-", "＿": "_",
    "／": "/", "＼": "\\", "．": ".", "。": ".",
}
"""Chinese input-method punctuation and the ASCII that YAML and ids expect."""


def is_fullwidth_ascii(char: str) -> bool:
    """Full-width forms of ASCII letters, digits and signs (ＡＢＣ, ３０, ＃)."""
    return "\uff01" <= char <= "\uff5e"


def name_of(char: str) -> str | None:
    """The editor's name for a character that looks like something else, or None."""
    if char in INVISIBLE:
        return INVISIBLE[char]
    if char == GARBLED:
        return "乱码符号�"
    if is_fullwidth_ascii(char):
        plain = chr(ord(char) - 0xFEE0)
        what = "数字" if plain.isdigit() else ("字母" if plain.isalpha() else "符号")
        return f"全角{what}{char}"
    if unicodedata.category(char) in ("Cc", "Cf") and char not in "\n\t":
        return f"控制字符 U+{ord(char):04X}"
    return None


def reveal(text: str) -> str:
    """``text`` with every invisible character written as ``[名字]`` so it can be seen."""
    out = []
    for char in text:
        name = INVISIBLE.get(char) or (f"控制字符 U+{ord(char):04X}" if unicodedata.category(char) in ("Cc", "Cf")
                                       and char not in "\n\t" else None)
        out.append(f"[{name}]" if name else char)
    return "".join(out)


def odd_characters(text: str) -> list[str]:
    """Names of the look-alike characters in ``text``, each once, in order of appearance."""
    names: list[str] = []
    for char in text:
        name = name_of(char)
        if name and name not in names:
            names.append(name)
    return names


def to_plain(text: str) -> str:
    """``text`` with invisible characters removed and full-width ASCII made half-width."""
    out = []
    for char in text:
        if char in INVISIBLE and char not in ("\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f"):
            continue
        if char in ("\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f"):
            out.append(" ")
        elif is_fullwidth_ascii(char):
            out.append(chr(ord(char) - 0xFEE0))
        else:
            out.append(char)
    return "".join(out)
