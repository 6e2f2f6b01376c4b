"""Layout details a parent notices, measured in Chromium on the demo site.

Each was found by looking at screenshots of every page kind at 360-375 px and 1280 px:
a tall photo that stretched its card in the activities timeline, dates broken over two
lines, home-page figures whose names broke over three lines, a pale focus ring.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser.conftest import DEVICES
from browser.site import watched_page

pytestmark = pytest.mark.browser


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url


def test_timeline_cards_are_as_tall_as_a_4_3_photo_or_their_words(demo_url: str, desktop: BrowserContext) -> None:
    """On a wide screen an activity card lies flat, photo left, in a 4:3 frame that grows only when the words
    need more height. A portrait photo (the demo's 清明祭扫 monument) must not make its card taller."""
    with watched_page(desktop) as (page, _):
        open_page(page, demo_url + "activities/")
        cards = page.evaluate("""() => [...document.querySelectorAll('.xg-timeline .xg-card--activity')].map(card => {
            const body = card.querySelector('.xg-card__body');
            const style = getComputedStyle(body);
            const parts = [...body.children].map(child => child.getBoundingClientRect());
            const words = Math.max(...parts.map(r => r.bottom)) - Math.min(...parts.map(r => r.top))
                + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
            const cover = card.querySelector('.xg-card__cover');
            return {href: card.getAttribute('href'), card: card.getBoundingClientRect().height, words,
                    least: cover.getBoundingClientRect().width * 3 / 4,
                    cover: cover.getBoundingClientRect().height};
        })""")
    assert len(cards) >= 10
    too_tall = {c["href"]: round(c["card"]) for c in cards if c["card"] > max(c["words"], c["least"]) + 2.5}
    assert too_tall == {}
    assert all(abs(c["cover"] - c["card"]) <= 2.5 for c in cards), "the photo fills its card's height"


def test_dates_never_break_across_lines_on_a_phone(demo_url: str, phone: BrowserContext) -> None:
    """2022年11月18日 broke after 11 on the honours wall (a long issuer beside it)."""
    broken: dict[str, list[str]] = {}
    with watched_page(phone) as (page, _):
        for path in ("honours/", "activities/", "teachers/yang-xiaoxi/", "notices/2023-01-hanjia-fangjia/"):
            open_page(page, demo_url + path)
            lines = page.evaluate("""() => [...document.querySelectorAll('article time')].map(time => {
                const tops = new Set([...time.getClientRects()].map(r => Math.round(r.top)));
                return [time.textContent, tops.size];
            })""")
            assert lines, path
            if any(count > 1 for _, count in lines):
                broken[path] = [text for text, count in lines if count > 1]
    assert broken == {}


def test_home_figures_keep_their_names_on_one_line_on_a_wide_screen(demo_url: str,
                                                                    desktop: BrowserContext) -> None:
    """数说 2022 had eight narrow tiles in a row: 慰问困难党员教师 broke over three lines, the last with 师 alone."""
    with watched_page(desktop) as (page, _):
        open_page(page, demo_url)
        names = page.evaluate("""() => [...document.querySelectorAll('.xg-number__name')].map(name => {
            const style = getComputedStyle(name);
            return [name.textContent, name.getBoundingClientRect().height / parseFloat(style.lineHeight)];
        })""")
    assert len(names) == 8
    assert [text for text, lines in names if lines > 1.5] == []


def test_a_gallery_photo_shows_a_strong_focus_ring(demo_url: str, desktop: BrowserContext) -> None:
    """A keyboard user tabbing through a gallery sees where they are: the site's dark red ring (9:1 on the
    cream page), not the gold one (1.5:1) the gallery once had."""
    with watched_page(desktop) as (page, _):
        open_page(page, demo_url + "activities/2022-10-xiying-ershida/")
        first = page.locator(".xg-gallery .xg-photo__link").first
        first.focus()
        ring = first.evaluate("""link => {
            const style = getComputedStyle(link);
            return [link.matches(':focus-visible'), style.outlineStyle, style.outlineColor];
        }""")
    assert ring == [True, "solid", "rgb(142, 18, 22)"]


@pytest.mark.parametrize("path", ["activities/2022-10-xiying-ershida/", "teachers/", "notices/2023-01-hanjia-fangjia/"])
def test_the_phone_menu_opens_on_every_section(path: str, demo_url: str, phone: BrowserContext) -> None:
    """On a phone the menu (☰) is the only way to the other sections. On a page of a section whose one
    page is its index, Material opened the menu at that section's empty level: only its name showed."""
    with watched_page(phone) as (page, _):
        open_page(page, demo_url + path)
        page.locator("header label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(600)  # the drawer slides in (.25 s)
        on_screen = page.evaluate("""() => [...document.querySelectorAll(
                '.md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link, '
                + '.md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__container > a')]
            .filter(link => {
                const box = link.getBoundingClientRect();
                const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                return box.width > 0 && hit && link.contains(hit);
            })
            .map(link => link.textContent.trim())""")
    assert on_screen == ["首页", "通知公告", "榜样教师", "星文化长廊", "活动纪实", "荣誉", "关于"]


def test_a_notice_letter_starts_its_salutation_at_the_margin(demo_url: str, desktop: BrowserContext) -> None:
    """Chinese letters write the salutation (各位家长：) at the margin and indent the paragraphs after it;
    a notice that opens with a sentence ending in ： (请家长和同学们做到：) indents it like any paragraph."""
    indents = {}
    with watched_page(desktop) as (page, _):
        for notice in ("2023-01-hanjia-fangjia", "2023-05-fangnishui", "2022-12-liugan-yufang"):
            open_page(page, demo_url + f"notices/{notice}/")
            indents[notice] = page.evaluate("""() => [...document.querySelectorAll('.xg-story--notice > p')]
                .slice(0, 2).map(p => [p.textContent.slice(0, 6), parseFloat(getComputedStyle(p).textIndent)])""")
    assert indents["2023-01-hanjia-fangjia"][0] == ["各位家长：", 0] and indents["2023-01-hanjia-fangjia"][1][1] > 20
    assert indents["2023-05-fangnishui"][0] == ["尊敬的家长：", 0]
    assert indents["2022-12-liugan-yufang"][0][1] > 20


def test_year_filters_read_as_years_and_level_colours_match(demo_url: str, desktop: BrowserContext) -> None:
    """The year filter says 2023 年 like every year heading; an honour's coloured edge is its level badge's colour."""
    with watched_page(desktop) as (page, _):
        open_page(page, demo_url + "notices/")
        years = page.locator("nav.xg-filters--years a").all_text_contents()
        open_page(page, demo_url + "honours/")
        colours = page.evaluate("""() => [...document.querySelectorAll('li.xg-honour')].map(honour => [
            getComputedStyle(honour).borderLeftColor,
            getComputedStyle(honour.querySelector('.xg-badge')).backgroundColor])""")
    assert years == ["2023 年", "2022 年"]
    assert colours and all(edge == badge for edge, badge in colours)
    assert len({edge for edge, _ in colours}) >= 3, "county, city and province honours each have their colour"


def test_the_phone_menu_keeps_a_corridors_own_level_in_the_schools_colours(demo_url: str,
                                                                          phone: BrowserContext) -> None:
    """星文化长廊 has a page per corridor: on a corridor the menu opens on that list, titled in red on paper."""
    with watched_page(phone) as (page, _):
        open_page(page, demo_url + "corridors/kexuejia-changlang/")
        page.locator("header label.md-header__button[for=__drawer]").click()
        page.wait_for_timeout(600)
        level = page.locator("nav.md-nav[data-md-level='1']", has=page.locator("a[href='./']")).first
        title = level.locator(".md-nav__title").first
        assert title.is_visible() and "星文化长廊" in title.inner_text()
        colours = title.evaluate("t => [getComputedStyle(t).color, getComputedStyle(t).backgroundColor]")
        links = level.locator(".md-nav__list a.md-nav__link").all_inner_texts()
    assert colours == ["rgb(142, 18, 22)", "rgb(255, 243, 214)"]
    assert "中国科学家长廊" in [text.strip() for text in links]


SEPARATOR_LINE_STARTS = """() => {
  // Each "·" (a separator between facts) that begins a line: the character before it is on an earlier line.
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let before = null;
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (node.data[i] === '·' && before && rect.top > before.bottom - 1) {
        found.push(node.parentElement.closest('p, li, span[class]').textContent.trim().slice(0, 30));
      }
      before = rect;
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [360, 375, 390, 412])
def test_no_line_begins_with_a_separator_dot_on_a_phone(demo_url: str, browser: Browser, width: int) -> None:
    """中共西乡县纪律检查委员会 · 2022年9月23日 wrapped before its dot at 375 and 390 px: the next line
    began "· 2022年…"; at 412 a notice's 发布日期 did."""
    found: dict[str, list[str]] = {}
    context = browser.new_context(**{**DEVICES["phone"], "viewport": {"width": width, "height": 800}})
    with watched_page(context) as (page, _):
        for path in ("honours/", "honours/2020/", "notices/2022-11-jiazhanghui/", "activities/2022-04-qingming-jisao/"):
            open_page(page, demo_url + path)
            if starts := page.evaluate(SEPARATOR_LINE_STARTS):
                found[path] = starts
    context.close()
    assert found == {}


LONELY_LAST_LINES = """([selector, ems]) => [...document.querySelectorAll(selector)].flatMap((block) => {
  // A block of two lines or more whose last line is narrower than ems characters: its text.
  const range = document.createRange();
  range.selectNodeContents(block);
  const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
  const tops = [...new Set(rects.map((rect) => Math.round(rect.top)))].sort((a, b) => a - b);
  if (tops.length < 2) return [];
  const last = rects.filter((rect) => Math.round(rect.top) === tops[tops.length - 1]);
  const width = last.reduce((sum, rect) => sum + rect.width, 0);
  return width < parseFloat(getComputedStyle(block).fontSize) * ems ? [block.textContent.trim()] : [];
})"""


@pytest.mark.parametrize("width", [360, 390])
def test_no_card_line_ends_with_one_character_alone(demo_url: str, browser: Browser, width: int) -> None:
    """语文教师、青年教师导师 broke before its last 师 on a teacher's card at 390 px, and
    “明星家庭”与“星爸星妈”评选 before its 选 in the activities timeline at 360."""
    found: dict[str, list[str]] = {}
    context = browser.new_context(**{**DEVICES["phone"], "viewport": {"width": width, "height": 800}})
    with watched_page(context) as (page, _):
        for path in ("", "teachers/", "activities/", "honours/", "corridors/kexuejia-changlang/", "notices/"):
            open_page(page, demo_url + path)
            if lonely := page.evaluate(LONELY_LAST_LINES, [
                    ".xg-card__title, .xg-card__meta, .xg-honour__title, .xg-notice__title", 1.5]):  # one character
                found[path] = lonely
    context.close()
    assert found == {}


BREAKS_INSIDE_WORDS = """(selector) => [...document.querySelectorAll(selector)].flatMap((block) => {
  // Each line of the block that does not begin after a space: the text around the break.
  const found = [];
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let before = null, previous = '';
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || !rect.width) { previous = node.data[i]; continue; }
      if (before && rect.top > before.bottom - 1 && !/\\s/.test(previous)) found.push(block.textContent.trim());
      before = rect;
      previous = node.data[i];
    }
  }
  return found;
})"""


def test_the_schools_slogans_break_between_phrases(demo_url: str, browser: Browser) -> None:
    """At 特大 on a small phone the footer's 星支部 心服务 · 党建引领 七星育人 broke inside 党建引领."""
    context = browser.new_context(**{**DEVICES["phone"], "viewport": {"width": 360, "height": 740}})
    context.add_init_script("localStorage.setItem('xg-font-size', 'xlarge')")
    with watched_page(context) as (page, _):
        open_page(page, demo_url + "notices/2023-01-hanjia-fangjia/")
        assert page.evaluate("document.documentElement.getAttribute('data-xg-size')") == "xlarge"
        brand = page.locator(".xg-footer__brand")
        lines = brand.evaluate("(el) => { const r = document.createRange(); r.selectNodeContents(el);"
                               " return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; }")
        assert lines >= 2  # it wraps: where it breaks is what is checked
        assert page.evaluate(BREAKS_INSIDE_WORDS, ".xg-footer__brand") == []
    context.close()


TITLES = ".xg-card__title, .xg-card--teacher .xg-card__meta, .xg-honour__title, .xg-notice__title"
"""The short texts written as phrases (pages/line_breaks.py): titles and a teacher's posts."""

BREAKS_INSIDE_CHINESE_WORDS = """(selector) => {
  // Each line break inside a word, as Chromium's own Chinese dictionary (ICU, through
  // Intl.Segmenter) cuts the text: a judge independent of the jieba cuts the page was made with.
  const words = new Intl.Segmenter('zh', {granularity: 'word'});
  return [...document.querySelectorAll(selector)].flatMap((block) => {
    const text = block.textContent;
    const bounds = new Set([...words.segment(text)].map((word) => word.index));
    const found = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let offset = 0, before = null;
    for (let node; (node = walker.nextNode()); offset += node.data.length) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect || !rect.width) continue;
        const at = offset + i;
        if (before && rect.top > before.bottom - 1 && !bounds.has(at)) found.push(text.slice(0, at) + ' / ' + text.slice(at));
        before = rect;
      }
    }
    return found;
  });
}"""


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_titles_break_between_words(demo_url: str, browser: Browser, width: int) -> None:
    """Balanced titles broke wherever the balance fell: 2023 年秋 / 季一年级招生公告, 接受汉中市委“清 /
    廉学校”专项检查, 组织党员干部收 / 看二十大开幕会, and a teacher's 美术教师、星 / 星书画廊负责人."""
    found: dict[str, list[str]] = {}
    device = DEVICES["phone"] if width < 600 else DEVICES["desktop"]
    context = browser.new_context(**{**device, "viewport": {"width": width, "height": 800}})
    with watched_page(context) as (page, _):
        for path in ("", "teachers/", "activities/", "notices/", "honours/"):
            open_page(page, demo_url + path)
            if broken := page.evaluate(BREAKS_INSIDE_CHINESE_WORDS, TITLES):
                found[path] = broken
    context.close()
    assert found == {}


PARAGRAPHS = ".md-content p:not([class]), .xg-lead, .md-content li:not([class]), .xg-card__text"
"""Running text: paragraphs, list items, a page's lead, a card's words (not a row of pills)."""


@pytest.mark.parametrize("width", [360, 390, 1280])
def test_no_paragraph_ends_with_one_character_on_its_last_line(demo_url: str, browser: Browser, width: int) -> None:
    """杨小玺老师 … 站稳了讲 / 台。 on a wide screen, 把饭碗牢牢端在自己手 / 中。 in a scientist's card,
    县纪委二等 / 奖。 on a phone: 45 such last lines over these pages before pretty wrapping."""
    found: dict[str, list[str]] = {}
    device = DEVICES["phone"] if width < 600 else DEVICES["desktop"]
    context = browser.new_context(**{**device, "viewport": {"width": width, "height": 800}})
    with watched_page(context) as (page, _):
        for path in ("", "teachers/yang-xiaoxi/", "corridors/kexuejia-changlang/", "corridors/xingxing-dushuba/",
                     "corridors/jiaoyujia-changlang/", "activities/", "activities/2022-10-xiying-ershida/",
                     "notices/2023-01-hanjia-fangjia/"):
            open_page(page, demo_url + path)
            if short := page.evaluate(LONELY_LAST_LINES, [PARAGRAPHS, 2.5]):  # one character and its stop
                found[path] = short
    context.close()
    assert found == {}
