"""Atom feeds (RFC 4287) of the school's notices and activities.

County education bureaus and parents' feed readers collect school news by
feed. ``feed.xml`` holds the newest entries of both kinds; ``notices/feed.xml``
and ``activities/feed.xml`` one kind each. Every address in a feed is
absolute, made from site.yml's 网址: a feed is read away from the site, where a
relative link leads nowhere. Without 网址 there is no feed (the catalog warns).

Deterministic: ``updated`` is the newest entry's day, never the build's clock,
so two builds of the same data give the same bytes.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from xingguang.catalog import Catalog
from xingguang.pages import urls
from xingguang.records import Activity, Notice
from xingguang.text import plain_text, render_rich_text

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
ENTRY_LIMIT = 20
SUMMARY_LIMIT = 160
SCHOOL_TIMEZONE = datetime.timezone(datetime.timedelta(hours=8))
"""China Standard Time: a record's day starts at midnight in the school's time zone."""


@dataclass(frozen=True)
class FeedSpec:
    path: str  # under the site root
    title: str  # after the school's name
    kinds: tuple[str, ...]


FEEDS = (
    FeedSpec("feed.xml", "通知公告与活动纪实", ("notice", "activity")),
    FeedSpec("notices/feed.xml", "通知公告", ("notice",)),
    FeedSpec("activities/feed.xml", "活动纪实", ("activity",)),
)


def feeds_of(catalog: Catalog) -> list[FeedSpec]:
    """The feeds this site publishes: none without 网址 or with 订阅源 switched off."""
    site = catalog.site
    return list(FEEDS) if site.url and site.feed else []


def feed_links(catalog: Catalog) -> list[dict[str, str]]:
    """For every page's <head>: title and absolute address of each feed."""
    return [{"title": f"{catalog.site.name} · {spec.title}", "url": f"{catalog.site.url}{spec.path}"}
            for spec in feeds_of(catalog)]


def _timestamp(day: datetime.date) -> str:
    return datetime.datetime.combine(day, datetime.time(), SCHOOL_TIMEZONE).isoformat()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _entries(catalog: Catalog, kinds: tuple[str, ...]) -> list[Notice | Activity]:
    records: list[Notice | Activity] = []
    if "notice" in kinds:
        records += catalog.notices.values()
    if "activity" in kinds:
        records += catalog.activities.values()
    kind_order = {Notice: 0, Activity: 1}
    records.sort(key=lambda r: (r.date, -kind_order[type(r)], r.id), reverse=True)
    return records[:ENTRY_LIMIT]


def render_feed(catalog: Catalog, spec: FeedSpec) -> bytes:
    site = catalog.site
    assert site.url, "feeds_of() returns no feed without 网址"
    base = site.url
    # Plain tag names with the Atom namespace declared as the default by hand: ElementTree's
    # own namespace handling would either prefix every tag or change global state.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "zh-CN"})
    entries = _entries(catalog, spec.kinds)
    _sub(feed, "id", base + spec.path)
    _sub(feed, "title", f"{site.name} · {spec.title}")
    _sub(feed, "subtitle", site.motto)
    newest = max((r.date for r in entries), default=datetime.date(2000, 1, 1))
    _sub(feed, "updated", _timestamp(newest))
    _sub(feed, "link", rel="self", type=MEDIA_TYPE, href=base + spec.path)
    section = {("notice",): urls.page_url("notice"), ("activity",): urls.page_url("activity")}.get(spec.kinds, "")
    _sub(feed, "link", rel="alternate", type="text/html", href=base + section)
    author = _sub(feed, "author")
    _sub(author, "name", site.name)
    _sub(author, "uri", base)
    _sub(feed, "icon", base + "assets/images/apple-touch-icon.png")
    for record in entries:
        _entry(feed, catalog, record, base)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, catalog: Catalog, record: Notice | Activity, base: str) -> None:
    entry = _sub(feed, "entry")
    kind = "notice" if isinstance(record, Notice) else "activity"
    url = base + urls.page_url(kind, record.id)
    _sub(entry, "id", url)
    _sub(entry, "title", record.title)
    _sub(entry, "updated", _timestamp(record.date))
    _sub(entry, "published", _timestamp(record.date))
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    if isinstance(record, Notice):
        author = _sub(entry, "author")
        _sub(author, "name", f"{catalog.site.name}{record.unit}")
        _sub(entry, "category", term=record.category, label=record.category)
        for attachment in record.attachments:
            published = catalog.attachments[attachment.path]
            _sub(entry, "link", rel="enclosure", type=published.media_type, length=str(published.size),
                 title=attachment.title, href=base + published.url)
        text = record.text
        summary = None
    else:
        _sub(entry, "category", term=record.category, label=record.category)
        text = record.body
        summary = record.summary
    _sub(entry, "summary", summary or plain_text(text, SUMMARY_LIMIT))
    # The text as HTML, escaped once by the XML writer (type="html", RFC 4287 §3.1.1.2).
    _sub(entry, "content", str(render_rich_text(text)), type="html")


def write_feeds(catalog: Catalog, site_dir: Path) -> list[Path]:
    written = []
    for spec in feeds_of(catalog):
        path = site_dir / spec.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_feed(catalog, spec))
        written.append(path)
    return written
