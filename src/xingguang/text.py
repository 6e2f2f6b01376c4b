"""Editors' long text fields -> safe HTML.

Long text fields accept a small Markdown subset: paragraphs, bold and
italic, lists and links. Raw HTML is escaped before Markdown sees it, so it
shows as text and never runs; headings, images (which would load from
outside), code blocks and quotes are switched off; links keep only safe
schemes.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

SAFE_LINK_PREFIXES = ("https://", "http://", "mailto:", "/", "#", "./", "../")

_CJK_PUNCTUATION = "\u3000-\u303f\uff01-\uff65\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"
"""、。《》「」 (CJK symbols), ，：；！？（） (full-width forms), “” ‘’ —— … ·"""
_CJK_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_PUNCTUATION = re.compile(f"[{_CJK_PUNCTUATION}]").fullmatch
_IS_CHINESE = re.compile(f"[{_CJK_IDEOGRAPHS}{_CJK_PUNCTUATION}]").fullmatch
_LINE_BREAK = re.compile(r"([^<>\s])((?:<[^<>]*>)*)[ \t]*\r?\n[ \t]*(?=(?:<[^<>]*>)*([^<>\s]))")
"""A line break in the HTML, with the visible characters on either side (inline tags skipped)."""


def _join_chinese_lines(html: str) -> str:
    """Drop the line breaks an editor typed inside Chinese sentences.

    Markdown keeps a paragraph's line breaks, and a browser shows each as a space:
    “青年教师， 从备课”. Chinese has no spaces between words, so a break between
    two Chinese characters, or next to Chinese punctuation, is removed (Chromium
    does not do this itself; CSS Text 3 asks for it, Firefox does). Between a
    Chinese character and a Latin letter or digit the space stays, as editors
    write “2023 年” on purpose.
    """

    def join(match: re.Match[str]) -> str:
        before, tags, after = match.group(1), match.group(2), match.group(3)
        if (_IS_CHINESE(before) and _IS_CHINESE(after)) or _IS_PUNCTUATION(before) or _IS_PUNCTUATION(after):
            return before + tags
        return match.group(0)

    return _LINE_BREAK.sub(join, html)


_VERBATIM = re.compile(r"<(pre|script|style|textarea)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
"""Blocks whose line breaks are the content (a YAML example in the editors' guide)."""


class _JoinChineseLines(Postprocessor):
    def run(self, text: str) -> str:
        pieces, start = [], 0
        for block in _VERBATIM.finditer(text):
            pieces += [_join_chinese_lines(text[start:block.start()]), block.group(0)]
            start = block.end()
        return "".join(pieces + [_join_chinese_lines(text[start:])])


class ChineseLineBreaks(Extension):
    """The same for the hand-written pages (docs/*.md: 关于, the editors' guide): mkdocs.yml's
    ``markdown_extensions`` loads this module, ``xingguang.text``, as a Markdown extension.
    Code blocks keep their line breaks."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.postprocessors.register(_JoinChineseLines(md), "xingguang_chinese_lines", 0)


def makeExtension(**kwargs: object) -> ChineseLineBreaks:  # noqa: N802 - Python-Markdown's entry point
    return ChineseLineBreaks(**kwargs)


class _SafeLinks(Treeprocessor):
    """Links with an unexpected scheme (javascript:, data:) become plain text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag != "a":
                    continue
                href = (child.get("href") or "").strip()
                if href.lower().startswith(SAFE_LINK_PREFIXES) or not (":" in href.split("/")[0]):
                    if href.lower().startswith(("http://", "https://")):
                        child.set("rel", "noopener")
                    continue
                span = etree.Element("span")
                span.text, span.tail = child.text, child.tail
                for grandchild in child:
                    span.append(grandchild)
                parent.remove(child)
                parent.insert(index, span)


def _subset_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    for name in ("hashheader", "setextheader", "code", "quote", "hr", "fenced_code_block", "reference"):
        if name in md.parser.blockprocessors:
            md.parser.blockprocessors.deregister(name)
    for name in ("image_link", "image_reference", "short_image_ref", "backtick", "html", "entity", "autolink",
                 "automail"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    if "html_block" in md.preprocessors:
        md.preprocessors.deregister("html_block")
    md.treeprocessors.register(_SafeLinks(md), "xingguang_safe_links", 0)
    return md


_MARKDOWN = _subset_markdown()


def render_rich_text(text: str | None) -> Markup:
    """Markdown subset -> HTML that is safe to put into a page."""
    if not text:
        return Markup("")
    # Escape first: any HTML the editor typed becomes visible text.
    return _convert(str(escape(text)))


# The same text is shown on many pages (an activity's summary on its page, its lists, its
# teachers' pages), and the preview renders the site again after each save.
@functools.lru_cache(maxsize=8192)
def _convert(escaped: str) -> Markup:
    _MARKDOWN.reset()
    return Markup(_join_chinese_lines(_MARKDOWN.convert(escaped)))


def plain_text(text: str | None, limit: int | None = None) -> str:
    """The words of a rich text as the reader sees them, for descriptions and cards.

    Rendered by the same Markdown subset, then stripped of tags, so markup
    disappears but every character the editor meant (``*`` in ``7*7``, ``<``)
    stays. The result is plain text: escape it where it lands in HTML.
    """
    if not text:
        return ""
    flat = " ".join(render_rich_text(text).striptags().split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat
