"""Chinese search as a parent uses it: type into Material's search box, read the first result.

How the words get there is explained in ``xingguang.search``: the index side cuts
Han text with jieba and our generated user dictionary; the query side only
finds a term by its beginning, so a word swallowed into a longer jieba word
(政策 in 双减政策) is found only because the dictionary splits such compounds.

The query side is our patched worker's (``search_assets/segment.js``): Material's
own cut a query at any character that stands alone in the index (体会 became ``体*``
and ranked 体育 pages first); ours keeps the longest piece that begins a term.
The parents' whole query set is in test_search_parents.py.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from browser.site import search_for, watched_page
from conftest import REPO

with warnings.catch_warnings():
    # jieba 0.42.1's regexes have invalid escapes: a DeprecationWarning when its source is
    # first compiled (uv installs without bytecode), an error under our filterwarnings.
    warnings.simplefilter("ignore", DeprecationWarning)
    from xingguang.search import SEPARATOR as SEPARATOR_PATTERN
    from xingguang.search import splittable_compounds

SEPARATOR = re.compile(SEPARATOR_PATTERN)
"""The index's separator for ``lang: zh``: Material's plus Chinese quotes and brackets (checked below)."""

FIRST_RESULTS = {
    "清明": {"activities/2022-04-qingming-jisao/"},
    # A category's name finds the category's list first (its ``keys`` field).
    "廉洁": {"activities/lianjie/"},
    "科学家": {"corridors/kexuejia-changlang/"},
    "杨小玺": {"teachers/yang-xiaoxi/"},
    "星爸星妈": {"activities/2022-12-mingxing-jiating/"},
    # Two-character words from the middle of long sentences that jieba's own
    # dictionary swallows into a longer word (双减政策, 烈士陵园); the notice about
    # the same after-school service says “双减”政策 too.
    "政策": {"activities/2022-09-kehou-fuwu/", "notices/2023-02-kehou-fuwu/"},
    "陵园": {"activities/2022-04-qingming-jisao/"},
}
"""Query → the pages that may come first."""
SWALLOWED = {"政策": "双减政策", "陵园": "烈士陵园", "体会": "心得体会"}


def index_terms(site_dir: Path) -> set[str]:
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    assert re.compile(index["config"]["separator"]).pattern == SEPARATOR.pattern
    terms: set[str] = set()
    for doc in index["docs"]:
        for name in ("title", "text"):
            terms.update(SEPARATOR.split(re.sub(r"<[^>]+>", " ", doc[name])))
    return terms


@pytest.mark.slow
def test_swallowed_words_are_terms_of_their_own(demo_site: Path) -> None:
    """The index side of the fix: jieba cuts the compound, so the short word starts a term."""
    terms = index_terms(demo_site)
    for word, compound in SWALLOWED.items():
        assert compound not in terms and word in terms, word
    # Names stay whole; our own terms made of words are split like any compound.
    assert {"杨小玺", "柯昌明", "星支部", "星爸", "星妈"} <= terms
    assert "星爸星妈" not in terms


def test_compounds_of_words_are_split_and_names_are_not() -> None:
    texts = ["学校隆重举行开学典礼，老师们交流心得体会。", "杨小玺老师带领“星爸星妈”走进中国科学家长廊。"]
    compounds = splittable_compounds(texts, keep=["杨小玺", "星支部"])
    assert {"隆重举行", "心得体会"} <= set(compounds)
    # A split that leaves a single character is no help to a prefix search.
    assert not {"科学家", "杨小玺", "星支部"} & set(compounds)
    assert compounds == sorted(compounds) == splittable_compounds(list(reversed(texts)), keep=["星支部", "杨小玺"])


def index_docs(site_dir: Path) -> list[dict[str, str]]:
    """The built index's entries, their title and text without jieba's zero-width spaces."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    return [{**doc, "title": doc["title"].replace("\u200b", ""), "text": doc["text"].replace("\u200b", "")}
            for doc in docs]


@pytest.mark.slow
def test_activity_lists_index_no_bare_year_or_month_headings(demo_site: Path) -> None:
    docs = index_docs(demo_site)
    # The pages of 活动纪实's timeline: its index, years and categories (not an activity's own page).
    list_pages = {doc["location"].split("#")[0] for doc in docs if doc["location"].startswith("activities/")
                  and "xg-page--activities" in (demo_site / doc["location"].split("#")[0] / "index.html").read_text("utf-8")}
    assert {"activities/", "activities/2022/"} <= list_pages
    on_lists = [doc for doc in docs if doc["location"].split("#")[0] in list_pages]
    headings = [doc for doc in on_lists if "#" in doc["location"] or re.search(r"\d+ 月", doc["text"])]
    assert headings == []
    # The activities themselves are found, on their own pages.
    titles = {doc["location"]: doc["title"] for doc in docs}
    for path in sorted((REPO / "site_data" / "activities").glob("*.yml")):
        record = yaml.safe_load(path.read_text("utf-8"))
        assert titles.get(f"activities/{record['编号']}/") == record["标题"], path.name


def first_result(page: Page, base_url: str, query: str) -> str:
    """Type ``query`` into the search box on the home page; the first result's path under the site."""
    search_for(page, base_url, query)
    page.locator(".md-search-result__meta", has_text=re.compile(r"\d")).wait_for()
    first = page.locator(".md-search-result__item").first
    href = first.locator("a.md-search-result__link").first.evaluate("link => link.href")
    assert href.startswith(base_url), href
    return href.removeprefix(base_url).split("#")[0]


@pytest.mark.browser
def test_first_results_in_the_browser(demo_url: str, desktop: BrowserContext) -> None:
    with watched_page(desktop) as (page, watch):
        found = {query: first_result(page, demo_url, query) for query in FIRST_RESULTS}
        assert watch.console_errors == [] and watch.page_errors == []
    assert {query: page for query, page in found.items() if page not in FIRST_RESULTS[query]} == {}


@pytest.mark.slow
def test_an_honour_is_found_by_its_own_visible_lines(demo_site: Path) -> None:
    """An honour's name in the hidden ``keys`` field sits on the entry that shows the honour: once it
    sat on the wall's page entry, whose only text is 荣誉, so 教学能手 found a result with no snippet."""
    docs = index_docs(demo_site)
    honours = [yaml.safe_load(path.read_text("utf-8")) for path in sorted((REPO / "site_data" / "honours").glob("*.yml"))]
    assert len(honours) >= 4
    for honour in honours:
        found = [doc for doc in docs if doc["title"] == honour["名称"]]
        assert [doc["location"] for doc in found] == [f"honours/#honour-{honour['编号']}"], honour["名称"]
        assert "获得者" in found[0]["text"] and honour["颁发单位"] in found[0]["text"]
        assert found[0]["keys"].split()[0] == re.sub(r"[^\u4e00-\u9fff]+", " ", honour["名称"]).split()[0]
    # On the honours pages, hidden words only where the result shows them.
    hidden = [(doc["location"], word) for doc in docs if doc["location"].startswith("honours/")
              for word in doc.get("keys", "").split() if word not in doc["title"]]
    assert hidden == []


@pytest.mark.browser
def test_an_honour_result_shows_the_honours_own_lines(demo_url: str, desktop: BrowserContext) -> None:
    with watched_page(desktop) as (page, watch):
        search_for(page, demo_url, "教学能手")
        result = page.locator(".md-search-result__item").first
        link = result.locator("a.md-search-result__link", has_text="县级教学能手")
        assert link.evaluate("link => link.href") == demo_url + "honours/#honour-2022-12-nengshou"
        assert "获得者：李文山、王婷" in link.inner_text()
        assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("device, opening", [("phone", "tap"), ("desktop", "click"), ("desktop", "shortcut")])
def test_the_index_is_fetched_only_once_the_search_is_opened(request: pytest.FixtureRequest, demo_url: str,
                                                             device: str, opening: str) -> None:
    """Few visitors search, and the index grows with every activity: a page must not fetch it on load.

    xg-bootstrap.js holds Material's request back until the search is opened: by the
    magnifier on a phone, a click into the box in a wide header, or Material's / key.
    The worker needs nothing more from the server: lunr's Chinese support is in our
    copy of it (src/xingguang/search_assets/preload.js).
    """
    context: BrowserContext = request.getfixturevalue(device)
    index = demo_url + "search/search_index.json"
    with watched_page(context) as (page, watch):
        page.goto(demo_url + "activities/", wait_until="networkidle")
        assert index not in watch.requests
        box = page.locator("input.md-search__input")
        if opening == "tap":
            page.locator("header label.md-header__button[for=__search]").click()
        elif opening == "click":
            box.click()
        else:
            page.locator("body").press("/")
        page.locator(".md-search-result__meta").wait_for()
        box.fill("清明")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for()
        assert watch.requests.count(index) == 1
        assert [url for url in watch.requests if "/javascripts/lunr/" in url] == []
        assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_a_press_on_the_magnifier_starts_the_download_and_no_other_press_does(phone: BrowserContext,
                                                                            demo_url: str) -> None:
    """The index is wanted from the moment a finger comes down on the magnifier: the download
    overlaps Material's work of opening the search. A press anywhere else (the menu, the text,
    a card, the font-size switch) is a reader reading, and downloads nothing."""
    index = demo_url + "search/search_index.json"
    with watched_page(phone) as (page, watch):
        page.goto(demo_url, wait_until="networkidle")
        page.locator("html[data-xg-material=ready]").wait_for(state="attached")
        for other in ("header label[for=__drawer]", "article p", "article a", "header [data-xg-fontsize] button"):
            page.locator(other).first.dispatch_event("pointerdown")
        # Requests are reported asynchronously: give one a moment to show up.
        page.wait_for_timeout(500)
        assert index not in watch.requests
        with page.expect_request(index):
            page.locator("header label.md-header__button[for=__search]").dispatch_event("pointerdown")
        assert not page.locator("#__search").is_checked()
        assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_a_word_pasted_into_the_box_is_searched(demo_url: str, phone: BrowserContext) -> None:
    """A parent pastes 杨小玺 from a WeChat message (or picks it from the pinyin keyboard's
    candidate bar): the text arrives with an input event and no key released. Material
    reads the box on keyup only, so the box showed the name over "键入以开始搜索"."""
    with watched_page(phone) as (page, watch):
        page.goto(demo_url, wait_until="networkidle")
        page.locator("header label.md-header__button[for=__search]").click()
        meta = page.locator(".md-search-result__meta")
        meta.wait_for()
        page.locator("html[data-xg-material=ready]").wait_for(state="attached")
        page.locator("input.md-search__input").focus()
        page.keyboard.insert_text("杨小玺")  # one input event, as a paste or an IME's commit
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        first = page.locator(".md-search-result__item a.md-search-result__link").first.get_attribute("href")
        assert watch.console_errors == [] and watch.page_errors == []
    assert first is not None and "teachers/yang-xiaoxi/" in first


@pytest.mark.slow
def test_a_category_is_found_on_its_own_list_not_on_every_list(demo_site: Path) -> None:
    """Each list page held the filter bar (全部 党建 德育 少先队 …) in its indexed text: a search
    for 党建 listed the 德育, 少先队, 2022 年 … pages too, each with that bar as its snippet."""
    index = json.loads((demo_site / "search" / "search_index.json").read_text("utf-8"))
    holding = sorted({doc["location"].split("#")[0] for doc in index["docs"]
                      if "党建" in SEPARATOR.sub("", doc["title"] + doc["text"])
                      and re.match(r"(activities|notices)/", doc["location"])
                      and not re.match(r"(activities|notices)/\d{4}-\d{2}-", doc["location"])})  # one activity, one notice
    assert holding == ["activities/dangjian/"]
    assert any(doc["location"] == "notices/2023/" for doc in index["docs"]), "year pages are still indexed"
