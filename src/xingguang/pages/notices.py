"""通知公告 pages: the section, one page per notice, and the home page's block.

Order and "current" come from :mod:`xingguang.notices`, so the pages, the feed
and the corridor display agree. Expired notices keep their own page (marked
已过期) and their place in the section: the section is the archive.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from xingguang.catalog import Catalog
from xingguang.notices import current_notices, is_expired, is_pinned, pinned_first
from xingguang.notices.attachments import PublishedAttachment
from xingguang.pages import urls
from xingguang.pages.archive import Archive, Category, plan_archive
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


def notice_archive(catalog: Catalog) -> Archive:
    """通知公告's list pages, by year and by category (``notices/2023/``, ``notices/zhaosheng/``).

    The section's first page puts what is pinned today first; year and category pages keep
    plain date order, so their contents do not depend on the day of the build.
    """
    site = catalog.site
    addresses = site.notice_category_addresses()
    archive = plan_archive(urls.SECTIONS["notice"], list(catalog.notices.values()), title=SECTION_TITLE,
                           page_size=site.build.page_size, category_of=lambda n: n.category,
                           categories=[Category(name, addresses[name]) for name in site.notice_categories])
    first = pinned_first(catalog.notices.values(), catalog.today)[: site.build.page_size]
    return replace(archive, index=replace(archive.index, records=first))


def render_notice_pages(r: _Renderer, catalog: Catalog, description_limit: int) -> list[GeneratedPage]:
    site = catalog.site
    archive = notice_archive(catalog)
    pages = []
    for page in archive.pages():
        what = f"{page.category.name}类通知" if page.category else f"{page.year} 年的通知" if page.year else "通知公告"
        pages.append(r.render("notices.md.j2", page.src_uri, page.title, f"{site.name}的{what}，共 {page.total} 条。",
                              page=page, archive=archive.outline, notices=notice_views(catalog, page.records),
                              hide=("navigation", "toc")))
    for view in notice_views(catalog, list(catalog.notices.values())):
        notice = view.notice
        # Not in the nav (it would grow with the years): no sidebar, as for an activity.
        pages.append(r.render("notice.md.j2", urls.page_src("notice", notice.id), notice.title,
                              plain_text(notice.text, description_limit), view=view, notice=notice,
                              hide=("navigation",)))
    return pages
