"""The parents' query set, and a search box typed into as a phone's input method does.

Used by tests/browser/test_search_parents.py on the demo and by benchmarks/search.py
on the ten-year data set. Each query names the page(s) that must be among the first
three results; a target is a record (``teacher:yang-xiaoxi``), a section index
(``teachers``), a category (``category:党建``), or ``surname:杨``: every teacher
whose name starts with 杨, all of them before any other page.

Must-queries are what parents type every day; nice-to-have ones (``must=False``:
traditional characters, homophone typos) are measured, not required.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import CDPSession, Page

CLASSES = {
    "name": "全名",
    "surname": "姓＋老师",
    "given": "名字（不带姓）",
    "topic": "活动话题（日常说法）",
    "exhibit": "长廊展品（科学家、教育家、图书）",
    "corridor": "长廊名称及其中的词",
    "honour": "荣誉",
    "category": "活动分类",
    "word": "两字词",
    "multi": "多个词",
    "contact": "联系方式",
    "variant": "繁体、同音错字、近义词（加分项）",
}
"""Query classes, in the order the tables print them."""


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    targets: tuple[str, ...]
    need_all: bool = False
    """True: every target must be in the first three; False: any one of them."""
    must: bool = True


def _q(kind: str, text: str, *targets: str, need_all: bool = False, must: bool = True) -> Query:
    return Query(kind, text, targets, need_all, must)


T = "teacher:"
C = "corridor:"
A = "activity:"
QUERIES: list[Query] = [
    # Full names, as on the teachers' pages.
    _q("name", "杨小玺", T + "yang-xiaoxi"),
    _q("name", "代婷婷", T + "dai-tingting"),
    _q("name", "柯昌明", T + "ke-changming"),
    _q("name", "李文山", T + "li-wenshan"),
    _q("name", "梅雪瑶", T + "mei-xueyao"),
    _q("name", "任静", T + "ren-jing"),
    _q("name", "王婷", T + "wang-ting"),
    _q("name", "魏晓娟", T + "wei-xiaojuan"),
    _q("name", "杨小玺老师", T + "yang-xiaoxi"),
    _q("name", "魏晓娟老师", T + "wei-xiaojuan"),
    # The commonest way a parent names a teacher.
    _q("surname", "杨老师", "surname:杨"),
    _q("surname", "代老师", "surname:代"),
    _q("surname", "柯老师", "surname:柯"),
    _q("surname", "李老师", "surname:李"),
    _q("surname", "梅老师", "surname:梅"),
    _q("surname", "任老师", "surname:任"),
    _q("surname", "王老师", "surname:王"),
    _q("surname", "魏老师", "surname:魏"),
    # Given names, as children call them at home.
    _q("given", "小玺", T + "yang-xiaoxi"),
    _q("given", "婷婷", T + "dai-tingting"),
    _q("given", "晓娟", T + "wei-xiaojuan"),
    _q("given", "昌明", T + "ke-changming"),
    _q("given", "文山", T + "li-wenshan"),
    _q("given", "雪瑶", T + "mei-xueyao"),
    _q("given", "小玺老师", T + "yang-xiaoxi"),
    _q("given", "婷婷老师", T + "dai-tingting"),
    # Activities, in the words a parent uses.
    _q("topic", "清明", A + "2022-04-qingming-jisao"),
    _q("topic", "祭扫", A + "2022-04-qingming-jisao"),
    _q("topic", "烈士", A + "2022-04-qingming-jisao"),
    _q("topic", "课后服务", A + "2022-09-kehou-fuwu"),
    _q("topic", "延时服务", A + "2022-09-kehou-fuwu"),
    _q("topic", "双减", A + "2022-09-kehou-fuwu"),
    _q("topic", "护学岗", A + "2022-09-kehou-fuwu"),
    _q("topic", "先锋岗", A + "2022-09-kehou-fuwu"),
    _q("topic", "二十大", A + "2022-10-ershida-kaimu", A + "2022-10-xiying-ershida"),
    _q("topic", "开幕会", A + "2022-10-ershida-kaimu"),
    _q("topic", "合唱比赛", A + "2022-10-xiying-ershida"),
    _q("topic", "红色故事", A + "2022-06-hongse-gushi"),
    _q("topic", "植树", A + "2022-05-wuzhi-wuxing"),
    _q("topic", "知行合一", A + "2022-05-wuzhi-wuxing"),
    _q("topic", "政治生日", A + "2022-07-zhengzhi-shengri"),
    _q("topic", "赠书", A + "2022-07-zhengzhi-shengri"),
    _q("topic", "星爸星妈", A + "2022-12-mingxing-jiating"),
    _q("topic", "明星家庭", A + "2022-12-mingxing-jiating"),
    _q("topic", "家访", A + "2022-12-mingxing-jiating"),
    _q("topic", "清廉学校", A + "2022-11-qinglian-jiancha", "honours"),
    _q("topic", "爱廉说", A + "2022-09-ai-lian-shuo"),
    # What hangs in the corridors.
    _q("exhibit", "钱学森", C + "kexuejia-changlang"),
    _q("exhibit", "袁隆平", C + "kexuejia-changlang"),
    _q("exhibit", "屠呦呦", C + "kexuejia-changlang"),
    _q("exhibit", "邓稼先", C + "kexuejia-changlang"),
    _q("exhibit", "华罗庚", C + "kexuejia-changlang"),
    _q("exhibit", "杂交水稻", C + "kexuejia-changlang"),
    _q("exhibit", "孔子", C + "jiaoyujia-changlang"),
    _q("exhibit", "陶行知", C + "jiaoyujia-changlang"),
    _q("exhibit", "蔡元培", C + "jiaoyujia-changlang"),
    _q("exhibit", "叶圣陶", C + "jiaoyujia-changlang"),
    _q("exhibit", "小英雄雨来", C + "xingxing-dushuba"),
    _q("exhibit", "十万个为什么", C + "xingxing-dushuba"),
    _q("exhibit", "草房子", C + "xingxing-dushuba"),
    _q("exhibit", "水火箭", C + "xingxing-kejijiao"),
    _q("exhibit", "植物标本", C + "xingxing-kejijiao"),
    # Corridor names, whole and in part.
    _q("corridor", "星星书画廊", C + "xingxing-shuhualang"),
    _q("corridor", "书画廊", C + "xingxing-shuhualang"),
    _q("corridor", "书画", C + "xingxing-shuhualang"),
    _q("corridor", "读书吧", C + "xingxing-dushuba"),
    _q("corridor", "科技角", C + "xingxing-kejijiao"),
    _q("corridor", "科学家长廊", C + "kexuejia-changlang"),
    _q("corridor", "科学家", C + "kexuejia-changlang"),
    _q("corridor", "教育家", C + "jiaoyujia-changlang"),
    _q("corridor", "长廊", "corridors", C + "kexuejia-changlang", C + "jiaoyujia-changlang"),
    # Honours.
    _q("honour", "关心下一代", "honours"),
    _q("honour", "教学名师", "honours", T + "dai-tingting"),
    _q("honour", "教学能手", "honours"),
    _q("honour", "二等奖", "honours", A + "2022-09-ai-lian-shuo"),
    _q("honour", "先进集体", "honours"),
    _q("honour", "荣誉", "honours"),
    # Categories of activities.
    _q("category", "党建", "category:党建"),
    _q("category", "德育", "category:德育"),
    _q("category", "少先队", "category:少先队"),
    _q("category", "家校共育", "category:家校共育"),
    _q("category", "关爱", "category:关爱"),
    # Two-character words from the middle of long sentences.
    _q("word", "政策", A + "2022-09-kehou-fuwu"),
    _q("word", "陵园", A + "2022-04-qingming-jisao"),
    _q("word", "体会", A + "2022-10-ershida-kaimu"),
    _q("word", "书法", C + "xingxing-shuhualang"),
    _q("word", "国画", C + "xingxing-shuhualang"),
    _q("word", "实验", C + "xingxing-kejijiao"),
    _q("word", "英语", T + "dai-tingting"),
    _q("word", "音乐", T + "mei-xueyao"),
    _q("word", "美术", T + "wang-ting"),
    _q("word", "书架", C + "xingxing-dushuba"),
    # Several words.
    _q("multi", "王老师 书画", T + "wang-ting", C + "xingxing-shuhualang", need_all=True),
    _q("multi", "李老师 科技角", T + "li-wenshan", C + "xingxing-kejijiao", need_all=True),
    _q("multi", "清明 烈士陵园", A + "2022-04-qingming-jisao"),
    _q("multi", "二十大 绘画", A + "2022-10-xiying-ershida"),
    _q("multi", "廉洁 节目", A + "2022-09-ai-lian-shuo"),
    _q("multi", "家长 评选", A + "2022-12-mingxing-jiating"),
    _q("multi", "杨老师 课后服务", A + "2022-09-kehou-fuwu", T + "yang-xiaoxi"),
    # How to reach the school.
    _q("contact", "电话", "home"),
    _q("contact", "地址", "home"),
    _q("contact", "联系方式", "home"),
    # Nice to have: a grandparent's phone set to 繁體, homophone slips, everyday words.
    _q("variant", "楊小璽", T + "yang-xiaoxi", must=False),
    _q("variant", "書畫", C + "xingxing-shuhualang", must=False),
    _q("variant", "錢學森", C + "kexuejia-changlang", must=False),
    _q("variant", "楊老師", "surname:杨", must=False),
    _q("variant", "杨小喜", T + "yang-xiaoxi", must=False),
    _q("variant", "代亭亭", T + "dai-tingting", must=False),
    _q("variant", "魏小娟", T + "wei-xiaojuan", must=False),
    _q("variant", "陶行之", C + "jiaoyujia-changlang", must=False),
    _q("variant", "扫墓", A + "2022-04-qingming-jisao", must=False),
    _q("variant", "延时课", A + "2022-09-kehou-fuwu", must=False),
]


# ---------------------------------------------------------------------------
# Targets -> site paths, from the built site's data


@dataclass
class SiteFacts:
    """What the targets resolve against: teachers' names, the categories, the site's pages."""

    teachers: dict[str, str]  # id -> name
    categories: dict[str, str]  # name -> the category's first list page
    pages: set[str]
    activity_titles: dict[str, str] = field(default_factory=dict)  # id -> title

    @classmethod
    def of(cls, project: Path, site_dir: Path) -> SiteFacts:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from xingguang.catalog import load_catalog
            from xingguang.pages import urls
        catalog = load_catalog(project / "site_data")
        addresses = catalog.site.category_addresses()
        pages = {path.parent.relative_to(site_dir).as_posix() + "/" for path in site_dir.rglob("index.html")}
        pages = {"" if page == "./" else page for page in pages}
        return cls({t.id: t.name for t in catalog.teachers.values()},
                   {name: urls.category_url(addresses[name]) for name in catalog.site.categories}, pages,
                   {a.id: a.title for a in catalog.activities.values()})

    def same_topic(self, query: str) -> list[str]:
        """Activities whose title holds every word of the query: as right as the named one.

        Ten years hold ten 清明祭扫 and dozens of 课后服务: any of them answers the parent."""
        words = query.split()
        return [f"activities/{aid}/" for aid, title in self.activity_titles.items() if all(w in title for w in words)]

    def paths(self, target: str) -> list[str]:
        kind, _, value = target.partition(":")
        if kind == "surname":
            return sorted(f"teachers/{tid}/" for tid, name in self.teachers.items() if name.startswith(value))
        if kind == "category":
            return [self.categories[value]]
        if kind == "home":
            return [""]
        if not value:
            return [f"{kind}/"]
        section = {"teacher": "teachers", "corridor": "corridors", "activity": "activities"}[kind]
        return [f"{section}/{value}/"]


@dataclass
class Outcome:
    query: Query
    results: list[str]
    passed: bool
    missing_targets: list[str] = field(default_factory=list)


def judge(query: Query, results: list[str], facts: SiteFacts) -> Outcome:
    """Is the right page in the first three results (for surname+老师: every such teacher first)?"""
    missing = [t for t in query.targets if not all(p in facts.pages for p in facts.paths(t))]
    top = results[:3]
    if query.targets[0].startswith("surname:"):
        wanted = facts.paths(query.targets[0])
        passed = bool(wanted) and sorted(results[:len(wanted)]) == wanted
    else:
        hits = [any(p in top for p in facts.paths(t) + (facts.same_topic(query.text) if t.startswith("activity:")
                                                        else [])) for t in query.targets]
        passed = all(hits) if query.need_all else any(hits)
    return Outcome(query, results, passed, missing)


def score_table(outcomes: Iterable[Outcome]) -> list[tuple[str, int, int]]:
    """(class label, passed, total) per class in CLASSES order, then the must-queries' total."""
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for outcome in outcomes:
        total[outcome.query.kind] += 1
        passed[outcome.query.kind] += outcome.passed
    rows = [(CLASSES[kind], passed[kind], total[kind]) for kind in CLASSES if total[kind]]
    return rows


def must_score(outcomes: Iterable[Outcome]) -> tuple[int, int]:
    musts = [o for o in outcomes if o.query.must]
    return sum(o.passed for o in musts), len(musts)


# ---------------------------------------------------------------------------
# The search box, typed into like a phone


WATCH_WORKER = """(() => {
  // Count the search worker's messages, so that a query's results are read only
  // once the worker has answered every query sent to it; and time its index build.
  const Original = window.Worker;
  const state = window.__xgSearch = { sent: 0, answered: 0, setupSent: null, ready: null, queryTimes: [] };
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const type = event.data && event.data.type;
        if (type === 1) state.ready = performance.now();               // READY
        if (type === 3) { state.answered += 1; state.queryTimes.push(performance.now() - state.lastSent); }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 0) state.setupSent = performance.now();   // SETUP
      if (message && message.type === 2) { state.sent += 1; state.lastSent = performance.now(); }  // QUERY
      return super.postMessage(message, ...rest);
    }
  };
})();"""
"""An init script: Material's SearchMessageType is SETUP 0, READY 1, QUERY 2, RESULT 3."""


def ime_commits(text: str) -> Iterator[str]:
    """The pieces a pinyin input method commits: up to two characters at a time, spaces alone."""
    for part_index, part in enumerate(text.split(" ")):
        if part_index:
            yield " "
        for start in range(0, len(part), 2):
            yield part[start:start + 2]


class PhoneSearch:
    """Material's search box on a page, typed into through Chromium's IME path.

    Each piece is first composed (``Input.imeSetComposition``), then committed
    (``Input.insertText``) and followed by the keyup (key code 229) that a phone's
    input method sends and on which Material reads the box.
    """

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.cdp: CDPSession = page.context.new_cdp_session(page)
        if not getattr(page, "_xg_watching_worker", False):
            page.add_init_script(WATCH_WORKER)
            page._xg_watching_worker = True  # type: ignore[attr-defined]

    def open(self, path: str = "") -> None:
        page = self.page
        page.goto(self.base_url + path, wait_until="networkidle")
        button = page.locator("header label.md-header__button[for=__search]")
        box = page.locator("input.md-search__input")
        (button if button.is_visible() else box).click()
        box.wait_for(state="visible")
        page.wait_for_function("() => window.__xgSearch && window.__xgSearch.ready !== null", timeout=60_000)

    def clear(self) -> None:
        self.page.locator("input.md-search__input").fill("")
        self._keyup()

    def _keyup(self) -> None:
        self.cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": "Unidentified", "code": "",
                                                 "windowsVirtualKeyCode": 229, "nativeVirtualKeyCode": 229})

    def type(self, text: str) -> None:
        for piece in ime_commits(text):
            if piece != " ":
                self.cdp.send("Input.imeSetComposition", {"text": piece, "selectionStart": len(piece),
                                                          "selectionEnd": len(piece)})
            self.cdp.send("Input.insertText", {"text": piece})
            self._keyup()

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until the worker has answered every query and Material has drawn the answer."""
        self.page.wait_for_function(
            "() => window.__xgSearch.sent === window.__xgSearch.answered", timeout=timeout * 1000)
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")

    def results(self) -> list[str]:
        """The result groups' page paths under the site root, best first."""
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__item",
            "items => items.map((item) => item.querySelector('a.md-search-result__link').href)")
        return [href.removeprefix(self.base_url).split("#")[0] for href in hrefs]

    def search(self, text: str) -> list[str]:
        self.clear()
        self.settle()
        self.type(text)
        self.settle()
        return self.results()


def run_queries(page: Page, base_url: str, facts: SiteFacts, queries: list[Query] = QUERIES) -> list[Outcome]:
    box = PhoneSearch(page, base_url)
    box.open()
    return [judge(query, box.search(query.text), facts) for query in queries]


def format_table(before: dict[str, list[Outcome]]) -> str:
    """A Markdown table: one row per class, one column per run (e.g. demo, ten years)."""
    names = list(before)
    rows = defaultdict(dict)
    for name, outcomes in before.items():
        for label, ok, total in score_table(outcomes):
            rows[label][name] = f"{ok}/{total}"
    header = "| 类别 | " + " | ".join(names) + " |\n|---|" + "---|" * len(names) + "\n"
    body = "".join(f"| {label} | " + " | ".join(rows[label].get(n, "–") for n in names) + " |\n" for label in rows)
    musts = {n: must_score(o) for n, o in before.items()}
    body += "| **必须找到（合计）** | " + " | ".join(
        f"**{ok}/{total}（{100 * ok / total:.0f} %）**" for ok, total in musts.values()) + " |\n"
    return header + body


def failures(outcomes: list[Outcome]) -> list[str]:
    return [f"{o.query.text}: {o.results[:3]}" for o in outcomes if not o.passed]


def dump(outcomes: list[Outcome]) -> str:
    return json.dumps([{"q": o.query.text, "ok": o.passed, "top": o.results[:3]} for o in outcomes],
                      ensure_ascii=False, indent=1)


__all__ = ["QUERIES", "PhoneSearch", "SiteFacts", "judge", "run_queries", "format_table", "must_score"]
