"""The list machinery (xingguang.pages.archive): bounded pages at addresses that never move."""

from __future__ import annotations

import datetime
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.pages.archive import Category, newest_first, paginate, plan_archive
from xingguang.pages.render import honour_search
from xingguang.problems import DataProblems

CATEGORIES = [Category("党建", "dangjian"), Category("德育", "deyu"), Category("关爱", "guanai")]


@dataclass(frozen=True)
class Record:
    id: str
    date: datetime.date
    category: str


def records(count: int, seed: int = 0, years: range = range(2015, 2023)) -> list[Record]:
    rng = random.Random(seed)
    return [Record(f"r{n}", datetime.date(rng.choice(years), rng.randint(1, 12), rng.randint(1, 28)),
                   rng.choice(["党建", "德育"])) for n in range(count)]


def plan(items: list[Record], page_size: int = 7):  # type: ignore[no-untyped-def]
    return plan_archive("activities", items, title="活动纪实", page_size=page_size, categories=CATEGORIES,
                        category_of=lambda r: r.category)


def test_every_page_is_bounded_and_every_record_is_on_one_page_of_its_year_and_its_category() -> None:
    items = records(100)
    archive = plan(items)
    assert all(len(page.records) <= 7 for page in archive.pages())
    for group in archive.years:
        listed = [r for page in group for r in page.records]
        assert listed == newest_first([r for r in items if r.date.year == group[0].year])
        assert [p.number for p in group] == list(range(1, len(group) + 1))
    for group, category in zip(archive.categories, CATEGORIES):
        assert [r for page in group for r in page.records] == newest_first([r for r in items if r.category == category.name])
    assert archive.index.records == newest_first(items)[:7]
    urls = [page.url for page in archive.pages()]
    assert len(urls) == len(set(urls))


def test_addresses_are_readable_and_do_not_move_as_the_archive_grows() -> None:
    small = plan(records(30, years=range(2021, 2023)))
    grown = plan(records(30, years=range(2021, 2023)) + records(200, seed=1, years=range(2010, 2021)))
    assert {p.url for p in small.pages()} <= {p.url for p in grown.pages()}
    assert small.year_links == [(2022, "activities/2022/"), (2021, "activities/2021/")]
    assert [url for _, url in grown.category_links] == ["activities/dangjian/", "activities/deyu/", "activities/guanai/"]
    # A past year's pages keep their records when newer years are added.
    year_2021 = {p.url: p.records for p in small.pages() if p.year == 2021}
    assert all(year_2021[p.url] == p.records for p in grown.pages() if p.year == 2021)


def test_an_empty_category_still_has_its_page_and_pages_link_in_order() -> None:
    archive = plan(records(20))
    empty = archive.categories[2]
    assert len(empty) == 1 and empty[0].records == [] and empty[0].url == "activities/guanai/"
    pages = paginate("teachers/x/activities/", newest_first(records(15)), 7, title="全部")
    assert [p.url for p in pages] == ["teachers/x/activities/", "teachers/x/activities/2/", "teachers/x/activities/3/"]
    assert pages[0].previous_url is None and pages[0].next_url == pages[1].url
    assert pages[2].previous_url == pages[1].url and pages[2].next_url is None
    assert pages[1].src_uri == "teachers/x/activities/2/index.md" and pages[1].title == "全部（第 2 页）"


def test_category_addresses_come_from_site_yml_or_the_name(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    site = data_dir / "site.yml"
    site.write_text(site.read_text("utf-8").replace("活动分类: [党建, 少先队]", "活动分类: [党建, 少先队, 2024 新分类]\n分类网址: {党建: dangjian}"),
                    "utf-8")
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    assert catalog.site.category_addresses() == {"党建": "dangjian", "少先队": "少先队", "2024 新分类": "fenlei-2024-新分类"}


@pytest.mark.parametrize("record_id, says", [("dangjian", "分类“党建”的列表"), ('"2022"', "这一年的活动列表")])
def test_an_activity_id_that_takes_a_list_pages_address_is_refused(tmp_path: Path, record_id: str, says: str) -> None:
    data_dir = make_data_dir(tmp_path)
    site = data_dir / "site.yml"
    site.write_text(site.read_text("utf-8").replace("活动分类: [党建, 少先队]", "活动分类: [党建, 少先队]\n分类网址: {党建: dangjian}"),
                    "utf-8")
    shutil.copy(data_dir / "activities" / "2022-04-qingming.yml", data_dir / "activities" / "clash.yml")
    clash = data_dir / "activities" / "clash.yml"
    clash.write_text(clash.read_text("utf-8").replace("编号: 2022-04-qingming", f"编号: {record_id}"), "utf-8")
    with pytest.raises(DataProblems) as raised:
        load_catalog(data_dir, today=FIXED_TODAY)
    text = str(raised.value)
    address = record_id.strip('"')
    assert f"activities/{address}/" in text and says in text and "site_data/activities/clash.yml" in text


@pytest.mark.parametrize("count, page_size", [(100, 7), (5, 24), (24, 24), (25, 24)])
def test_search_finds_each_honour_on_one_list_page(count: int, page_size: int) -> None:
    """The honours wall's list pages show each honour up to three times (index, year, level); the
    search index must hold it once, or a parent sees the same honour listed three times."""
    archive = plan(records(count, seed=count), page_size)
    on_index = tuple(sorted(r.id for r in archive.index.records))
    found: dict[str, list[str]] = {r.id: [] for r in records(count, seed=count)}
    for page in archive.pages():
        searched, unsearched = honour_search(page, on_index)
        for record in page.records if searched else []:
            if record.id not in unsearched:
                found[record.id].append(page.url)
    assert {rid: len(urls) for rid, urls in found.items()} == {rid: 1 for rid in found}
    # The index, where the honours' names are search keys, is always searched.
    assert honour_search(archive.index, on_index) == (True, ())
