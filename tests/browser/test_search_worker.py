"""Our copy of Material's search worker: made from the installed one, used by every page, and it cuts
Chinese queries as src/xingguang/search_assets/segment.js says.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import BrowserContext

from browser.search_parents import QUERIES
from browser.site import watched_page
from xingguang import search

OPERATOR_QUERIES = ["+清明 -祭扫", "-清明", "title:清明", "清明~1", "清明^10", "*明", "\"清明\"", "2022", "Xing", "a"]
"""Besides the parents' queries (each as typed, character by character): lunr's query syntax and Latin text."""


def installed_worker() -> Path:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert config.validate() == ([], [])
    path = search.material_worker(config)
    assert path is not None, "mkdocs-material has no search worker where 星光 expects it"
    return path


def test_materials_worker_is_the_one_our_patch_was_written_for() -> None:
    """Fails when an upgrade of mkdocs-material changes its search worker: then re-read its
    query/segment/index.ts, check segment.js still fits, and update MATERIAL_SEGMENT and
    MATERIAL_WORKER_SHA256 in src/xingguang/search.py."""
    original = installed_worker().read_text("utf-8")
    patched = search.patch_worker(original)
    assert patched is not None
    assert search.MATERIAL_SEGMENT not in patched and "function xgSegment(" in patched
    assert "sourceMappingURL" not in patched
    # Anything else, changed by one character, is no longer the worker we patch.
    assert search.patch_worker(original.replace("lunr", "lunR", 1)) is None


@pytest.mark.slow
def test_every_page_uses_our_worker(demo_site: Path, demo_build) -> None:  # type: ignore[no-untyped-def]
    workers = sorted(p.name for p in (demo_site / "assets" / "javascripts" / "workers").glob("xg-search.*.min.js"))
    assert len(workers) == 1
    for page in ("index.html", "teachers/yang-xiaoxi/index.html", "404.html"):
        html = (demo_site / page).read_text("utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
        assert config["search"].endswith("assets/javascripts/workers/" + workers[0]), page
    assert "Material 的搜索程序" not in demo_build.log


SEGMENT = """([query, terms, traditional]) => {
  const index = Object.fromEntries(terms.map((term) => [term, {}]));
  xgSegment.traditional = traditional;
  xgSegment.simplified = null;
  return [...xgSegment(query, index)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("query, terms, pieces", [
    # A character alone in the index no longer splits a name that begins a term.
    ("钱学森", ["钱", "学", "钱学森", "科学"], ["钱学森"]),
    ("杨老师", ["杨", "老", "老师", "杨小玺", "杨老师"], ["杨老师"]),
    # A word inside a longer term is found by its beginning only: 书画 of 书画廊.
    ("书画", ["书", "书画廊"], ["书画"]),
    # A query that begins no term is cut into the longest pieces that do.
    ("关心下一代", ["关心", "下一代", "下"], ["关心", "下一代"]),
    ("杨小喜", ["杨小玺", "喜欢"], ["杨小", "喜"]),
    ("鸵鸟", ["清明"], ["鸵", "鸟"]),
    # Traditional characters that begin no term are read as simplified ones…
    ("楊老師", ["杨老师", "杨小玺"], ["杨老师"]),
    ("書畫", ["书画廊"], ["书画"]),
    # …but one the index has as it is stays (乾 is also a simplified character).
    ("乾隆", ["乾隆", "干净"], ["乾隆"]),
])
def test_a_query_is_cut_into_pieces_that_begin_terms(desktop: BrowserContext, query: str, terms: list[str],
                                                     pieces: list[str]) -> None:
    traditional = search.traditional_table(terms + ["杨老师书画干"])
    assert {"楊杨", "師师", "書书", "畫画"} <= {traditional[i:i + 2] for i in range(0, len(traditional), 2)}
    with watched_page(desktop) as (page, _):
        page.add_script_tag(content=search.SEGMENT_JS.read_text("utf-8"))
        assert page.evaluate(SEGMENT, [query, terms, traditional]) == pieces


def test_the_traditional_table_holds_only_characters_the_texts_use() -> None:
    table = search.traditional_table(["杨小玺老师"])
    pairs = {table[i:i + 2] for i in range(0, len(table), 2)}
    assert {"楊杨", "璽玺", "師师"} <= pairs
    assert all(pair[1] in "杨小玺老师" for pair in pairs)
    assert search.traditional_table([]) == ""


ANSWERS = """async ([workers, indexUrl, queries]) => {
  // Each worker is sent what Material's bundle sends it (SETUP 0, then QUERY 2 one at a time).
  const data = await (await fetch(indexUrl)).json();
  const answers = [];
  for (const url of workers) {
    const worker = new Worker(url);
    const next = () => new Promise((resolve) => worker.addEventListener("message", (e) => resolve(e.data), { once: true }));
    worker.postMessage({ type: 0, data: { config: data.config, docs: data.docs, options: { suggest: false } } });
    if ((await next()).type !== 1) throw new Error("no READY from " + url);
    const replies = [];
    for (const query of queries) {
      worker.postMessage({ type: 2, data: query });
      replies.push(JSON.stringify((await next()).data));
    }
    answers.push(replies);
  }
  return answers;
}"""


@pytest.mark.browser
def test_our_index_build_answers_every_query_as_lunrs_own(demo_site: Path, demo_url: str,
                                                          desktop: BrowserContext) -> None:
    """builder.js builds the index its own way (words counted in one scan, positions found when a
    query needs them); every answer, its scores and its highlighted text, must be what the same
    worker with lunr's own builder answers."""
    ours = next((demo_site / search.WORKER_FOLDER).glob("xg-search.*.min.js"))
    traditional = json.loads(re.search(r"xgSegment\.traditional = (\".*?\");", ours.read_text("utf-8"))[1])
    reference = search.patch_worker(installed_worker().read_text("utf-8"), traditional, fast_build=False)
    assert reference is not None and "xgIndexBuild" not in reference
    reference_url = f"{demo_url}{search.WORKER_FOLDER}/reference.js"
    queries = sorted({text[:end] for text in [query.text for query in QUERIES] + OPERATOR_QUERIES
                      for end in range(1, len(text) + 1)})
    with watched_page(desktop) as (page, watch):
        page.route(reference_url, lambda route: route.fulfill(body=reference, content_type="text/javascript"))
        page.goto(demo_url, wait_until="networkidle")
        mine, lunrs = page.evaluate(ANSWERS, [[f"{demo_url}{search.WORKER_FOLDER}/{ours.name}", reference_url],
                                              demo_url + "search/search_index.json", queries])
        # The page's own search worker (Material's bundle, loaded later) runs the same file and
        # had built no index 6 s after load: one entry per file name kept whichever came
        # last (it failed at load 10). Each file's answers are a set.
        built: dict[str, set[str | None]] = {}
        for worker in page.workers:
            built.setdefault(worker.url.rsplit("/", 1)[-1], set()).add(worker.evaluate("() => self.xgIndexBuild"))
        assert watch.console_errors == [] and watch.page_errors == []
    assert "星光" in built[ours.name] and built["reference.js"] == {None}, built
    assert sum('"items":[]' not in answer for answer in mine) > len(queries) // 2
    assert [q for q, a, b in zip(queries, mine, lunrs) if a != b] == []


MEANINGFUL = """([query, indexTerms, resultTerms]) => {
  const index = Object.fromEntries(indexTerms.map((term) => [term, {}]));
  xgSegment.traditional = "";
  xgSegment.simplified = null;
  xgMeaningful.query = query;
  const results = resultTerms.map((terms, ref) => ({ ref, matchData: { metadata: Object.fromEntries(terms.map((t) => [t, {}])) } }));
  return xgMeaningful(results, index).map((result) => result.ref);
}"""

TERMS = ["火箭", "星星", "星星读书吧", "劳动", "基地", "杨小玺", "喜欢", "王婷", "王老师", "书画廊", "鸟", "星",
         "爱", "廉", "说", "爱心", "廉洁", "说明", "魏晓娟", "魏", "小学", "代婷婷"]


@pytest.mark.browser
@pytest.mark.parametrize("query, results, kept", [
    # Nothing on the site is about 火星基地: a 火, a 星 or a 基地 alone is not an answer.
    ("火星基地", [["火箭", "星星"], ["基地"], ["星星读书吧"]], []),
    ("火星", [["火箭", "星星"]], []),
    # More than half of the word, with a piece of two characters: the name with a slip.
    ("杨小喜", [["杨小玺"], ["喜欢"]], [0]),
    # A lone character counts where it stands alone on the page (《爱“廉”说》), not as a word's beginning.
    ("爱廉说", [["爱", "廉", "说"], ["爱心", "廉洁", "说明"], ["爱", "说"]], [0, 2]),
    ("火星", [["火箭", "星"]], []),
    # A slip of one character in three: the term of the same length still answers.
    ("魏小娟", [["魏晓娟"], ["魏"], ["小学"]], [0]),
    ("代亭亭", [["代婷婷"]], []),
    # Each word of a query stands on its own: a page for either is an answer.
    ("王老师 书画", [["王老师", "王婷"], ["书画廊"], ["星星"]], [0, 1]),
    ("星", [["星星"], ["火箭"]], [0]),
    # lunr's syntax, Latin letters and digits are left to lunr.
    ("+火星 -基地", [["火箭"]], [0]),
    ("2022年", [["火箭"]], [0]),
])
def test_only_results_that_answer_a_word_are_shown(desktop: BrowserContext, query: str,
                                                   results: list[list[str]], kept: list[int]) -> None:
    with watched_page(desktop) as (page, _):
        page.add_script_tag(content=search.SEGMENT_JS.read_text("utf-8") + search.RESULTS_JS.read_text("utf-8"))
        assert page.evaluate(MEANINGFUL, [query, TERMS, results]) == kept


def test_the_worker_calls_results_js_where_material_searches() -> None:
    patched = search.patch_worker(installed_worker().read_text("utf-8"))
    assert patched is not None
    for place, call in search.MATERIAL_SEARCH_CALLS.items():
        assert place not in patched.replace(call, "") and patched.count(call) == 1
    assert "function xgMeaningful(" in patched and "function xgShown(" in patched
