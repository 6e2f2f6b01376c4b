"""Property-based tests: whatever an editor types, the loader answers with records
or editor's messages; whatever valid data they keep, every page renders and
every internal link lands on a page."""

from __future__ import annotations

import datetime
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXED_TODAY, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.pages import render_site_pages
from xingguang.pages.render import page_url_of, relative_url
from xingguang.problems import DataProblems

BASE = Path(tempfile.mkdtemp(prefix="xg-prop-base-"))
make_data_dir(BASE)

yaml_scalars = st.one_of(
    st.text(max_size=20), st.integers(), st.booleans(), st.none(), st.dates(), st.floats(allow_nan=False),
    st.sampled_from(["12:00", "no", "010", "2022-04-02", "：", "\t", "　", "&a", "*a", "!!python/object", "[", "{"]),
)
yaml_values = st.recursive(yaml_scalars, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=6), children, max_size=4)), max_leaves=12)
field_names = st.sampled_from(["编号", "标题", "日期", "分类", "正文", "参与教师", "照片", "时间", "地点", "x"])
record_like = st.dictionaries(field_names, yaml_values, max_size=8).map(
    lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))
any_text = st.one_of(st.text(max_size=300), record_like,
                     st.lists(st.sampled_from(["编号: a", "标题：x", "\t- b", "日期: 2022-13-45", "照片:", "  - 文件: ../x.jpg",
                                               "正文: |", "  多行", "a: &x 1", "b: *x", "'", "\"", "---", "..."]),
                              max_size=12).map("\n".join))


def fresh_data_dir() -> Path:
    target = Path(tempfile.mkdtemp(prefix="xg-prop-"))
    shutil.copytree(BASE / "site_data", target / "site_data")
    return target / "site_data"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, raw_bytes=st.binary(max_size=64), as_bytes=st.booleans())
def test_any_text_gives_records_or_editor_messages(text: str, raw_bytes: bytes, as_bytes: bool) -> None:
    data_dir = fresh_data_dir()
    try:
        path = data_dir / "activities" / "fuzz.yml"
        path.write_bytes(raw_bytes + text.encode("utf-8") if as_bytes else text.encode("utf-8"))
        try:
            catalog = load_catalog(data_dir, today=FIXED_TODAY)
        except DataProblems as problems:
            shown = str(problems)
            assert shown.startswith("网站数据里有 ") and "Traceback" not in shown
            assert all(p.file.startswith("site_data/") for p in problems.problems.items)
        else:
            assert "2022-04-qingming" in catalog.activities
    finally:
        shutil.rmtree(data_dir.parent, ignore_errors=True)


ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
HOSTILE = ('<script>alert(1)</script>', '"onerror="alert(2)', "<img src=x onerror=alert(3)>", "{{ 7*7 }}")
"""Text an editor might paste: it must reach the pages as text, never as markup."""
names = st.one_of(
    st.text(alphabet="星光城北小学杨任代李王柯魏梅老师<>&\"'{} ", min_size=1, max_size=8).map(str.strip).filter(bool),
    st.sampled_from(HOSTILE),
)


@st.composite
def valid_data(draw: st.DrawFn) -> dict[str, list[dict]]:
    teacher_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    activity_ids = draw(st.lists(ids, min_size=0, max_size=6, unique=True))
    teachers = [{"编号": t, "姓名": draw(names), "职务": draw(names), "简介": draw(names),
                 "推荐": draw(st.booleans())} for t in teacher_ids]
    activities = [{"编号": a, "标题": draw(names), "日期": draw(st.dates(datetime.date(2000, 1, 1), FIXED_TODAY)),
                   "分类": draw(st.sampled_from(["党建", "少先队"])), "正文": draw(names),
                   "参与教师": draw(st.lists(st.sampled_from(teacher_ids), max_size=3, unique=True))}
                  for a in activity_ids]
    honours = [{"编号": f"h-{i}", "名称": draw(names), "颁发单位": draw(names),
                "级别": draw(st.sampled_from(["国家", "省", "市", "县", "校"])),
                "日期": draw(st.dates(datetime.date(2000, 1, 1), FIXED_TODAY)),
                "获奖教师": draw(st.lists(st.sampled_from(teacher_ids), max_size=2, unique=True)),
                **({"相关活动": draw(st.sampled_from(activity_ids))} if activity_ids and draw(st.booleans()) else {})}
               for i in range(draw(st.integers(0, 4)))]
    return {"teachers": teachers, "activities": activities, "honours": honours}


HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=valid_data())
def test_valid_data_renders_and_every_internal_link_lands(data: dict[str, list[dict]]) -> None:
    data_dir = fresh_data_dir()
    try:
        for folder in ("teachers", "activities", "honours"):
            shutil.rmtree(data_dir / folder)
            (data_dir / folder).mkdir()
            for record in data[folder]:
                (data_dir / folder / f"{record['编号']}.yml").write_text(
                    yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")
        catalog = load_catalog(data_dir, today=FIXED_TODAY)
        pages = render_site_pages(catalog, lambda photo: None)
        urls = {page_url_of(p.src_uri) for p in pages} | {"about/", "guide/"}
        for page in pages:
            here = page_url_of(page.src_uri)
            for href, _ in HREF.findall(page.markdown):
                if href.startswith(("http://", "https://", "mailto:")):
                    continue
                target = posixpath.normpath(posixpath.join(here or ".", href))
                target = "" if target == "." else target.rstrip("/") + "/"
                assert target in urls, (page.src_uri, href)
            for text in ("<script", "onerror=\"", "<img src=x"):
                assert text not in page.markdown
    finally:
        shutil.rmtree(data_dir.parent, ignore_errors=True)


site_paths = st.lists(st.sampled_from(["activities", "2022", "teachers", "yang", "assets", "photos", "a.jpg", "..", "."]),
                      max_size=4).map("/".join)


@settings(max_examples=200, deadline=None)
@given(site_paths, site_paths, st.booleans())
def test_relative_links_are_what_posixpath_makes(page: str, target: str, folder: bool) -> None:
    """Generated pages link with a shortcut of posixpath.relpath (40,000 links at ten years)."""
    from_url = page + "/" if page else ""
    to_url = target + "/" if folder and target else target
    expected = posixpath.relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    if to_url == "" or to_url.endswith("/"):
        expected = "./" if expected == "." else expected + "/"
    assert relative_url(from_url, to_url) == expected
