"""Editors' long text as a parent reads it: line breaks typed inside Chinese sentences.

Editors wrap long lines in YAML (the demo's 简介, 正文 and 说明 all do). Markdown keeps
those breaks and Chromium, like WeChat's browser, shows each one as a space: “青年教师，
从备课” read with a gap after the comma on every teacher, corridor and notice page.
"""

from __future__ import annotations

import json
import re

import markdown
import pytest

from conftest import BuildResult
from xingguang.text import plain_text, render_rich_text


@pytest.mark.parametrize(("typed", "shown"), [
    ("帮扶青年教师，\n从备课、听课到评课", "<p>帮扶青年教师，从备课、听课到评课</p>"),
    ("长廊里是为祖国\n科学事业奉献一生的科学家", "<p>长廊里是为祖国科学事业奉献一生的科学家</p>"),
    # Bold after a comma at the start of the next line (the demo's 寒假放假通知).
    ("起放假，\n**2 月 6 日** 学生报到", "<p>起放假，<strong>2 月 6 日</strong> 学生报到</p>"),
    ("“星星读书吧”\n推荐书目", "<p>“星星读书吧”推荐书目</p>"),
])
def test_a_line_break_inside_a_chinese_sentence_is_not_a_space(typed: str, shown: str) -> None:
    assert str(render_rich_text(typed)) == shown


@pytest.mark.parametrize("typed", [
    "寒假自\n2023 年起",        # Chinese beside a digit: editors put that space there on purpose
    "See you\nlater",           # Latin text keeps its spaces
    "学校网址\nhttps://example.cn",
])
def test_a_line_break_beside_latin_text_stays_a_space(typed: str) -> None:
    assert "\n" in str(render_rich_text(typed))


def test_card_text_has_no_space_between_chinese_paragraphs() -> None:
    assert plain_text("他们的故事，\n时刻激励城北学子。\n\n每一幅作品") == "他们的故事，时刻激励城北学子。每一幅作品"


def test_lists_and_escaped_html_are_unchanged() -> None:
    html = str(render_rich_text("- 不到河边玩耍；\n- 注意安全\n\n<b>加粗</b>\n汉字"))
    assert html.count("<li>") == 2 and "&lt;b&gt;加粗&lt;/b&gt;\n汉字" in html


def test_hand_written_pages_join_chinese_lines_but_not_in_code_blocks() -> None:
    """mkdocs.yml loads xingguang.text as a Markdown extension for docs/*.md; an indented code block
    (a YAML example in the editors' guide) keeps every line."""
    html = markdown.markdown("学校积极推动家长学校，\n深入探索协同育人。\n\n    简介: |\n      杨小玺老师，\n      从备课\n",
                             extensions=["xingguang.text"])
    assert "<p>学校积极推动家长学校，深入探索协同育人。</p>" in html
    assert "杨小玺老师，\n  从备课" in html


@pytest.mark.slow
def test_published_guide_shows_no_space_inside_chinese_sentences(editors_build: BuildResult) -> None:
    """The editors' guide (published with 发布编辑指南) is hand-written with wrapped lines."""
    assert editors_build.returncode == 0, editors_build.log
    html = (editors_build.site_dir / "guide" / "index.html").read_text("utf-8")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert "会自动刷新；只有改过的照片会重新处理。如果数据有错误" in article
    assert not re.search(r"[，。、；：！？][ \t]*\n", re.sub(r"<pre\b.*?</pre>", "", article, flags=re.S))


@pytest.mark.slow
def test_demo_pages_show_no_space_inside_chinese_sentences(demo_build: BuildResult) -> None:
    """Pages of each kind with the demo's long texts (its YAML wraps them): no line break between two Chinese
    characters and no space after Chinese punctuation in a paragraph, list item or card."""
    assert demo_build.returncode == 0, demo_build.log
    # A typed line break between Chinese characters, or any space after Chinese punctuation
    # (a space the editor typed on purpose, as in the brand 星支部 心服务, is no line break).
    gap = re.compile(r"[\u4e00-\u9fff，。、；：！？”][ \t]*\n\s*(?:<[^<>]*>)*[\u4e00-\u9fff“]"
                     r"|[，。、；：！？]\s+(?:<[^<>]*>)*[\u4e00-\u9fff“]")
    checked, found = 0, {}
    for page in ("teachers/yang-xiaoxi", "corridors/kexuejia-changlang", "corridors", "notices/2023-01-hanjia-fangjia",
                 ""):
        html = (demo_build.site_dir / page / "index.html").read_text("utf-8")
        article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        for block in re.findall(r"<(?:p|li|span class=\"xg-card__text\")[^>]*>(.*?)</(?:p|li|span)>", article, re.S):
            checked += 1
            if gap.search(block):
                found.setdefault(page, []).append(gap.search(block).group(0))
    assert checked > 20
    assert not found, found


@pytest.mark.slow
def test_search_snippets_keep_words_apart(demo_build: BuildResult) -> None:
    """A search result shows a page's indexed text: words the page sets side by side (a teacher's facts and
    titles, an activity's teachers, a notice's signature) need a space between them there, or the parent
    reads 任教学科语文政治面貌中共党员. Badges and links every page repeats stay out of it."""
    assert demo_build.returncode == 0, demo_build.log
    index = json.loads((demo_build.site_dir / "search" / "search_index.json").read_text("utf-8"))
    # xingguang.search marks word boundaries with zero-width spaces: drop them, keep real spaces.
    texts = {doc["location"]: " ".join(re.sub(r"<[^>]+>", " ", doc["text"]).replace("\u200b", "").split())
             for doc in index["docs"]}
    teacher = texts["teachers/yang-xiaoxi/"]
    assert "任教学科 语文 政治面貌 中共党员" in teacher and "党员先锋 青年教师导师" in teacher
    assert "杨小玺 梅雪瑶 王婷" in texts["activities/2022-10-xiying-ershida/"]
    notice = texts["notices/2023-01-hanjia-fangjia/"]
    assert "校长办公室 2023年1月6日" in notice
    assert "PDF2023" not in notice and "返回通知公告" not in notice
