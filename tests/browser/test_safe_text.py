"""Safe text: whatever an editor types into a text field is shown as text, never run as code.

MkDocs' Jinja does not autoescape and Markdown passes raw HTML through, so every
text field of a record of each kind gets the classic payloads; the built pages,
the search index and the browser must all show them as plain text.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext

from browser.site import search_for, serve_folder, site_pages, watched_page
from conftest import BASE_DATA, BuildResult, make_data_dir, make_project, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds

PAYLOAD = '<script>alert(1)</script>"onerror="alert(2)<img src=x onerror=alert(3)>{{ 7*7 }}'
"""80 characters: exactly the longest title allowed."""
EVALUATED = re.compile(r"alert\(3\)>\s*49")
"""Where ``{{ 7*7 }}`` was written right after the image payload, ``49`` would mean a template ran it."""
PIECES = ("<script>alert(1)</script>", '"onerror="alert(2)', "<img src=x onerror=alert(3)>", "{{ 7*7 }}")

TEXT_FIELDS: dict[str, list[str]] = {
    "site.yml": ["学校名称", "简称", "党建品牌", "口号", "学校精神.名称", "学校精神.内容[]", "简介", "活动分类[]",
                 "联系方式.地址", "联系方式.电话", "联系方式.邮箱", "备案.ICP备案号", "备案.公安备案号",
                 "年度数字[].项目[].名称", "年度数字[].项目[].单位"],
    "teachers/zhang-san.yml": ["姓名", "职务", "任教学科[]", "称号[]", "简介", "肖像.替代文本", "肖像.说明"],
    "corridors/kexuejia.yml": ["名称", "位置", "简介", "展品[].名称", "展品[].年代", "展品[].简介"],
    "activities/2022-04-qingming.yml": ["标题", "时间", "地点", "分类", "摘要", "正文",
                                        "照片[].替代文本", "照片[].说明"],
    "honours/2022-09-lian.yml": ["名称", "颁发单位", "获奖团队", "说明"],
    "consents/consent-2022.yml": ["范围", "用途", "备注"],
}
"""Every free-text field of one record of each kind (a dotted path; ``[]`` means each item)."""

EXTRA = {"site.yml": {"年度数字": [{"年份": 2022, "项目": [{"名称": "", "数值": 12, "单位": ""}]}]}}
"""Optional parts the base data lacks, so that their text fields exist."""


def put(record: dict[str, Any], path: list[str]) -> None:
    key, rest = path[0], path[1:]
    each = key.endswith("[]")
    key = key.removesuffix("[]")
    if not rest:
        record[key] = [PAYLOAD] if each else PAYLOAD
        return
    children = record.setdefault(key, [{}] if each else {})
    for child in children if each else [children]:
        put(child, rest)


def write_overlay(target: Path) -> Path:
    for name, fields in TEXT_FIELDS.items():
        record = yaml.safe_load((BASE_DATA / name).read_text("utf-8"))
        record.update(EXTRA.get(name, {}))
        for dotted in fields:
            put(record, dotted.split("."))
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
    return target


@pytest.fixture(scope="module")
def payload_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("payload")
    project = root / "project"
    project.mkdir()
    make_data_dir(project, write_overlay(root / "overlay"))
    result = run_mkdocs_build(make_project(project, project / "site_data"))
    assert result.returncode == 0, result.log
    return result


class Markup(HTMLParser):
    """Collects what a browser would run (script text, on* attributes, images) and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.images: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in.append(tag)
        self.handlers += [f"<{tag} {name}={value!r}>" for name, value in attrs if name.startswith("on")]
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.scripts.append(data)
        else:
            self.text.append(data)


def parse(html: str) -> Markup:
    markup = Markup()
    markup.feed(html)
    markup.close()
    return markup


def test_every_text_field_got_the_payload(payload_build: BuildResult) -> None:
    """The test means something only if the build kept every payload (it would fail on a rejected field)."""
    data = payload_build.site_dir.parent / "site_data"
    for name, fields in TEXT_FIELDS.items():
        text = (data / name).read_text("utf-8")
        assert text.count("onerror=alert(3)") >= len(fields), name



def test_built_pages_show_the_payload_as_text(payload_build: BuildResult) -> None:
    site = payload_build.site_dir
    pages = site_pages(site)
    shown_on = 0
    for path in pages:
        html = (site / (path if path.endswith(".html") else path + "index.html")).read_text("utf-8")
        markup = parse(html)
        assert markup.handlers == [], path
        assert "x" not in markup.images, path
        assert not [script for script in markup.scripts if "alert(" in script], path
        text = "".join(markup.text)
        assert not EVALUATED.search(text), path
        if PAYLOAD in text:
            shown_on += 1
            assert all(piece in text for piece in PIECES)
    # Teacher, corridor, activity, honours, home: the payload is visible text on each.
    assert shown_on >= 5
    for path in ("teachers/zhang-san/", "corridors/kexuejia/", "activities/2022-04-qingming/", "honours/"):
        assert PAYLOAD in "".join(parse((site / path / "index.html").read_text("utf-8")).text), path


def test_search_index_holds_the_payload_as_text(payload_build: BuildResult) -> None:
    """Material puts the index's title and text into the results list as HTML."""
    index = json.loads((payload_build.site_dir / "search" / "search_index.json").read_text("utf-8"))
    found = 0
    for doc in index["docs"]:
        for name in ("title", "text"):
            markup = parse(doc[name])
            assert markup.handlers == [] and markup.images == [] and markup.scripts == [], doc["location"]
            text = "".join(markup.text).replace("\u200b", "")
            assert not EVALUATED.search(text), doc["location"]
            found += PAYLOAD in text
    assert found >= 4


@pytest.mark.browser
def test_no_script_runs_in_the_browser(payload_build: BuildResult, desktop: BrowserContext) -> None:
    site = payload_build.site_dir
    with serve_folder(site) as url, watched_page(desktop) as (page, watch):
        for path in site_pages(site):
            page.goto(url + path, wait_until="networkidle")
            text = page.locator("body").inner_text()
            assert not EVALUATED.search(text), path
            if path == "activities/2022-04-qingming/":
                assert PAYLOAD in text
        # The search results render the index's HTML: search for the payload itself (onerror starts
        # a term whether or not the markup around it is escaped; alert does not once it is).
        search_for(page, url, "onerror")
        page.wait_for_timeout(300)
        assert "onerror" in page.locator(".md-search-result").inner_text()
        assert watch.dialogs == []
        assert watch.page_errors == []
