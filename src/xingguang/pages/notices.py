"""通知公告 pages: the section, one page per notice, and the home page's block.

Order and "current" come from :mod:`xingguang.notices`, so the pages, the feed
and the corridor display agree. Expired notices keep their own page (marked
已过期) and their place in the section: the section is the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from xingguang.catalog import Catalog
from xingguang.notices import current_notices, is_expired, is_pinned, pinned_first
from xingguang.notices.attachments import PublishedAttachment
from xingguang.pages import urls
from xingguang.records import Attachment, Notice
from xingguang.text import plain_text

if TYPE_CHECKING:
    from xingguang.pages.render import GeneratedPage, _Renderer

SECTION_TITLE = "通知公告"


@dataclass(frozen=True)
class NoticeView:
    """A notice as a page shows it: the record plus its state on the build's day."""

    notice: Notice
    pinned: bool
    expired: bool
    attachments: tuple[tuple[Attachment, PublishedAttachment], ...]


def notice_views(catalog: Catalog, notices: list[Notice]) -> list[NoticeView]:
    today = catalog.today
    return [NoticeView(n, is_pinned(n, today), is_expired(n, today),
                       tuple((a, catalog.attachments[a.path]) for a in n.attachments)) for n in notices]


def home_notices(catalog: Catalog) -> list[NoticeView]:
    """The home page's block: the latest current notices, pinned first (none when switched off)."""
    return notice_views(catalog, current_notices(catalog.notices.values(), catalog.today)
                        [: catalog.site.build.latest_notices])


def render_notice_pages(r: _Renderer, catalog: Catalog, description_limit: int) -> list[GeneratedPage]:
    site = catalog.site
    ordered = pinned_first(catalog.notices.values(), catalog.today)
    pages = [r.render("notices.md.j2", urls.page_src("notice"), SECTION_TITLE,
                      f"{site.name}的通知公告，共 {len(ordered)} 条。", notices=notice_views(catalog, ordered),
                      hide=("navigation", "toc"))]
    for view in notice_views(catalog, ordered):
        notice = view.notice
        pages.append(r.render("notice.md.j2", urls.page_src("notice", notice.id), notice.title,
                              plain_text(notice.text, description_limit), view=view, notice=notice))
    return pages
