"""The Atom feeds, read by a feed reader's parser and checked against RFC 4287."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml

from conftest import FIXED_TODAY, REPO, BuildResult, make_data_dir
from notices.sample import FILLERS, NOTICES, SITE_URL
from xingguang.catalog import load_catalog

A = "{http://www.w3.org/2005/Atom}"
FEEDS = {"feed.xml": "通知公告与活动纪实", "notices/feed.xml": "通知公告", "activities/feed.xml": "活动纪实"}


def check_rfc4287(path: Path) -> ET.Element:
    """The MUSTs of RFC 4287 §4.1 that a reader relies on, plus absolute addresses."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{tag}")) == 1, tag  # exactly one each (§4.1.1)
    assert root.find(f"{A}author/{A}name").text  # the feed has an author, so entries may omit theirs
    [self_link] = [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    assert self_link.get("href") == root.find(f"{A}id").text
    for entry in root.findall(f"{A}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{tag}")) == 1, tag  # §4.1.2
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1  # no content with src, so an alternate link is required
        assert entry.find(f"{A}summary") is not None or entry.find(f"{A}content") is not None
    for element in root.iter():
        for name in ("href",):
            if element.get(name) is not None:
                assert element.get(name).startswith(SITE_URL), element.get(name)
    for element in root.iter(f"{A}id"):
        assert element.text.startswith(SITE_URL)
    return root


@pytest.mark.slow
def test_feeds_are_valid_atom_with_the_newest_twenty_and_absolute_addresses(built: BuildResult) -> None:
    for path, title in FEEDS.items():
        root = check_rfc4287(built.site_dir / path)
        parsed = feedparser.parse((built.site_dir / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        assert parsed.feed.title.endswith(title)
        dates = [entry.updated for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)
        assert len(root.findall(f"{A}entry")) == len(parsed.entries)
    both = feedparser.parse((built.site_dir / "feed.xml").read_bytes())
    notices = feedparser.parse((built.site_dir / "notices/feed.xml").read_bytes())
    # 22 notices + 1 activity: the newest 20 of both kinds.
    assert len(both.entries) == 20 and len(notices.entries) == 20
    # Newest first, of both kinds: the base data's one activity (2022) is older than them all.
    by_date = sorted(NOTICES, key=lambda notice_id: NOTICES[notice_id][0], reverse=True)
    assert [e.link for e in both.entries] == [f"{SITE_URL}notices/{n}/" for n in [*by_date, *FILLERS[:13]]]
    assert [e.link for e in notices.entries] == [e.link for e in both.entries]
    activities = feedparser.parse((built.site_dir / "activities/feed.xml").read_bytes())
    assert [e.link for e in activities.entries] == [SITE_URL + "activities/2022-04-qingming/"]
    # An attachment travels as an enclosure with its type and exact size.
    files = next(e for e in both.entries if e.link.endswith("notices/files/"))
    enclosures = [link for link in files.links if link.rel == "enclosure"]
    assert [link.type for link in enclosures] == ["application/pdf",
                                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
    for link in enclosures:
        published = built.site_dir / link.href.removeprefix(SITE_URL)
        assert int(link.length) == published.stat().st_size
    assert "<strong>准时</strong>" in files.content[0].value  # the text as HTML, escaped once
    assert files.tags[0].term == NOTICES["files"][1]


@pytest.mark.slow
def test_every_page_names_the_feeds_in_its_head(built: BuildResult) -> None:
    # Every page of the site (the corridor display's screen is an app of its own, not a page).
    pages = [p for p in built.site_dir.rglob("index.html") if "display" not in p.relative_to(built.site_dir).parts]
    assert len(pages) > 30
    for page in pages:
        head = page.read_text("utf-8").split("</head>")[0]
        for path in FEEDS:
            assert '<link rel="alternate" type="application/atom+xml" title="测试小学 · ' in head
            assert f'href="{SITE_URL}{path}"' in head, (page, path)


def test_no_address_no_feed_and_a_warning(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    site_yml = data_dir / "site.yml"
    assert "订阅源: false" in site_yml.read_text("utf-8")
    assert load_catalog(data_dir, today=FIXED_TODAY).warnings == []  # switched off: silent
    site_yml.write_text(site_yml.read_text("utf-8").replace("订阅源: false", ""), "utf-8")
    [warning] = load_catalog(data_dir, today=FIXED_TODAY).warnings
    assert warning.one_line().startswith("[XG504] site_data/site.yml 第 1 行")
    assert "网址: https://www.example.edu.cn/" in warning.example


@pytest.mark.slow
def test_the_demo_without_an_address_has_no_feed(demo_build: BuildResult) -> None:
    assert "网址" not in yaml.safe_load((REPO / "site_data" / "site.yml").read_text("utf-8"))
    assert not (demo_build.site_dir / "feed.xml").exists()
    assert "application/atom+xml" not in (demo_build.site_dir / "index.html").read_text("utf-8")
