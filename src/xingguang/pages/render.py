"""Render every generated page from the catalog."""

from __future__ import annotations

import functools
import posixpath
from collections import Counter
from dataclasses import dataclass
from itertools import groupby
from typing import Any, Callable

import jinja2
from markupsafe import Markup

from xingguang import guide
from xingguang.catalog import Catalog
from xingguang.pages import urls
from xingguang.pages.archive import Archive, Category, ListPage, paginate, plan_archive
from xingguang.pages.line_breaks import phrases
from xingguang.pages.notices import SECTION_TITLE as NOTICES_TITLE
from xingguang.pages.notices import home_notices, render_notice_pages
from xingguang.pages.remembered import Read, ReadingCatalog, RememberedPages, Uncacheable
from xingguang.records import LEVELS, Photo, Teacher
from xingguang.records.honour import LEVEL_ADDRESSES
from xingguang.text import plain_text, render_rich_text

PhotoView = Callable[[Photo], dict[str, Any] | None]
"""Photo -> what a template needs to show it (urls relative to the site root), or None."""

DESCRIPTION_LIMIT = 110
INDEX_HIDE = ("navigation", "toc")
"""Index pages are grids of cards: Material's docs sidebars would only crowd them."""
RECORD_HIDE = ("navigation",)
"""A teacher's or an activity's page is not in the nav (the nav would grow with the archive):
the sidebar would show only its section's name."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    markdown: str  # front matter + body: what MkDocs reads as the page's source
    body: str = ""  # the finished HTML after the front matter



# One per process: the live preview renders every page again after each save, and compiling
# the templates again each time was a tenth of that (Jinja still reloads an edited template).
@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("xingguang", "templates/pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["rich"] = render_rich_text
    env.filters["plain"] = plain_text
    env.filters["cn_date"] = lambda d: f"{d.year}年{d.month}月{d.day}日"
    env.filters["phrases"] = phrases
    env.globals["honour_anchor"] = urls.honour_anchor
    return env


@functools.lru_cache(maxsize=65536)
def relative_url(from_url: str, to_url: str) -> str:
    """Link from a directory-URL page (``teachers/x/``, ``""`` for home) to a site path, relative."""
    start, goal = _parts(from_url), _parts(to_url)
    if start is None or goal is None:
        target = posixpath.relpath(to_url.rstrip("/") or ".", from_url.rstrip("/") or ".")
    else:
        # What posixpath.relpath computes, without its abspath/normpath calls: a ten-year
        # build makes some 40,000 of these links (every photo size on every page).
        common = 0
        while common < min(len(start), len(goal)) and start[common] == goal[common]:
            common += 1
        target = "/".join([".."] * (len(start) - common) + goal[common:]) or "."
    if to_url == "" or to_url.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target


def _parts(url: str) -> list[str] | None:
    """A site path's folders and name; None if it holds "." or ".." (left to posixpath)."""
    parts = [part for part in url.split("/") if part]
    return None if "." in parts or ".." in parts else parts


def page_url_of(src_uri: str) -> str:
    """``teachers/x.md`` -> ``teachers/x/``; ``teachers/index.md`` -> ``teachers/``; ``index.md`` -> ``""``."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"


class _Renderer:
    def __init__(self, catalog: Catalog, photo_view: PhotoView, remembered: RememberedPages | None = None) -> None:
        self.catalog = catalog
        self.photo_view = photo_view
        # Off (a fresh object that remembers nothing) unless the preview hands in its own.
        self.remembered = remembered if remembered is not None else RememberedPages()
        self.env = _environment()
        self.addresses = catalog.site.category_addresses()
        # A photo's view depends on its file only; at ten years one photo is shown on many
        # pages (its activity, lists, teachers), and each view resolves paths on disk.
        self.views: dict[str, dict[str, Any] | None] = {}
        self.view_digests: dict[str, str] = {}

    def view(self, p: Photo) -> dict[str, Any] | None:
        if p.file not in self.views:
            self.views[p.file] = self.photo_view(p)
        return self.views[p.file]

    def view_digest(self, p: Photo) -> str:
        """The hash of a photo's view: what a page that shows it read of it."""
        if p.file not in self.view_digests:
            self.view_digests[p.file] = self.remembered.fingerprints.of(self.view(p))
        return self.view_digests[p.file]

    def render(self, template: str, src_uri: str, title: str, description: str, *, image: Photo | None = None,
               page_template: str | None = None, hide: tuple[str, ...] = (), searched: bool = True,
               **context: Any) -> GeneratedPage:
        """One generated page; ``searched=False`` keeps it out of the visitors' search (editors' pages,
        lists that repeat what is searched elsewhere)."""
        page_url = page_url_of(src_uri)
        view = self.view(image) if image is not None else None
        if view is None and self.catalog.site.campus_photo is not None:
            view = self.view(self.catalog.site.campus_photo)
        share = view["share"] if view else None
        remembered = self.remembered
        inputs = remembered.inputs(template, src_uri, title, description, share, page_template, hide, searched,
                                   self.catalog.site, context)
        kept = remembered.recall(src_uri, inputs, self._read_again)
        if kept is not None:
            return kept
        reads: list[Read] = []

        def link(kind: str, record_id: str | None = None) -> str:
            return relative_url(page_url, urls.page_url(kind, record_id))

        def asset(path: str) -> str:
            return relative_url(page_url, path)

        def photo(p: Photo | None) -> dict[str, Any] | None:
            if p is None:
                return None
            view = self.view(p)
            if inputs is not None:
                reads.append(("photo", p, self.view_digest(p)))
            if view is None:
                return None
            return {**view, "src": asset(view["src"]), "srcsets": {
                fmt: ", ".join(f"{asset(u)} {w}w" for u, w in entries) for fmt, entries in view["srcsets"].items()
            }, "full": asset(view["full"])}

        def render_body(catalog: Any) -> str:
            return self.env.get_template(template).render(
                catalog=catalog, site=self.catalog.site, link=link, asset=asset, photo=photo,
                category_link=lambda name: asset(urls.category_url(self.addresses[name])),
                title=title, **context,
            )

        if inputs is None:
            body = render_body(self.catalog)
        else:
            try:
                body = render_body(ReadingCatalog(self.catalog, reads, remembered.fingerprints))
            except Uncacheable:
                # The template used the catalog in a way that is not a lookup by id.
                inputs = None
                body = render_body(self.catalog)
        front = self.env.get_template("_front_matter.j2").render(
            title=title, description=description, image=share,
            template=page_template, hide=list(hide), searched=searched,
        )
        # Both parts are finished HTML/Markdown (the environment autoescapes): Markup + str would
        # escape the body a second time and the page would show its own tags as text.
        page = GeneratedPage(src_uri, title, Markup(front) + Markup(body), Markup(body))
        remembered.keep(src_uri, inputs, reads, page)
        return page

    def _read_again(self, read: Read) -> str:
        """What a template's lookup returns in this build, hashed (see RememberedPages)."""
        what, key, _ = read
        if what == "photo":
            return self.view_digest(key)
        return self.remembered.fingerprints.of(getattr(self.catalog, what)[key])


def render_site_pages(catalog: Catalog, photo_view: PhotoView,
                      remembered: RememberedPages | None = None) -> list[GeneratedPage]:
    """Every generated page. ``remembered``: the preview's pages of its last rebuild, printed again
    where nothing they read changed (see pages/remembered.py)."""
    r = _Renderer(catalog, photo_view, remembered)
    site = catalog.site
    pages = []
    latest = list(catalog.activities.values())[: site.build.latest_activities]
    honour_counts = Counter(h.level for h in catalog.honours.values())
    pages.append(r.render(
        "home.md.j2", "index.md", site.name, plain_text(site.intro, DESCRIPTION_LIMIT),
        latest=latest, featured=[t for t in catalog.teachers.values() if t.featured],
        honour_counts=[(level, honour_counts[level]) for level in LEVELS if honour_counts[level]],
        numbers=max(site.year_in_numbers, key=lambda y: y.year) if site.year_in_numbers else None,
        notices=home_notices(catalog), page_template="home.html", hide=("navigation", "toc"),
    ))
    pages.extend(render_notice_pages(r, catalog, DESCRIPTION_LIMIT))

    pages.append(r.render("teachers.md.j2", urls.page_src("teacher"), "榜样教师",
                          f"{site.name}的榜样教师：" + "、".join(t.name for t in catalog.teachers.values()),
                          teachers=list(catalog.teachers.values()), hide=INDEX_HIDE))
    for teacher in catalog.teachers.values():
        pages.extend(_teacher_pages(r, teacher))

    pages.append(r.render("corridors.md.j2", urls.page_src("corridor"), site.corridors_title,
                          "、".join(c.name for c in catalog.corridors.values()),
                          corridors=list(catalog.corridors.values()), hide=INDEX_HIDE))
    for corridor in catalog.corridors.values():
        pages.append(r.render("corridor.md.j2", urls.page_src("corridor", corridor.id), corridor.name,
                              plain_text(corridor.description, DESCRIPTION_LIMIT), corridor=corridor,
                              image=corridor.photos[0] if corridor.photos else None))

    activities = activity_archive(catalog)
    for page in activities.pages():
        what = f"{page.category.name}活动" if page.category else f"{page.year} 年的活动" if page.year else "活动纪实"
        pages.append(r.render("activities.md.j2", page.src_uri, page.title,
                              f"{site.name}的{what}，共 {page.total} 次。", page=page, archive=activities.outline,
                              groups=_by_month(page.records), hide=INDEX_HIDE))
    for activity in catalog.activities.values():
        pages.append(r.render(
            "activity.md.j2", urls.page_src("activity", activity.id), activity.title,
            plain_text(activity.summary or activity.body, DESCRIPTION_LIMIT), activity=activity,
            image=activity.photos[0] if activity.photos else None,
            teachers=[catalog.teachers[t] for t in activity.teachers],
            honours=catalog.honours_of_activity(activity.id), hide=RECORD_HIDE,
        ))

    pages.append(r.render("guide_fields.md.j2", guide.FIELDS_SRC, "字段参考",
                          "编辑指南：每种记录可以写哪些字段、哪些必填、怎么写。", tables=guide.field_tables(),
                          searched=False))
    pages.append(r.render("guide_errors.md.j2", guide.ERRORS_SRC, "提示目录",
                          "编辑指南：生成网站时每一种提示的含义、错误写法和正确写法。", kinds=guide.catalogue(),
                          searched=False))

    honours = honour_archive(catalog)
    on_index = tuple(sorted(h.id for h in honours.index.records))
    for page in honours.pages():
        what = f"{page.category.shown}荣誉" if page.category else f"{page.year} 年获得的荣誉" if page.year else "荣誉"
        searched, unsearched = honour_search(page, on_index)
        pages.append(r.render("honours.md.j2", page.src_uri, page.title, f"{site.name}的{what}，共 {page.total} 项。",
                              page=page, archive=honours.outline, years=_by_year(page.records), hide=INDEX_HIDE,
                              searched=searched, unsearched=unsearched))
    return pages


def honour_search(page: ListPage, on_index: tuple[str, ...]) -> tuple[bool, tuple[str, ...]]:
    """(is the honours list page searched, ids of the honours on it that are not).

    Search finds each honour once, as a section of its own (its name is a heading that carries
    the name's search keys, xingguang.search.section_keys): the newest on the wall's index,
    older ones on their year's page. The level pages, and a year
    page's honours that the index shows, would list an honour two or three times (王婷 found
    县级教学能手 on honours/, honours/2022/ and honours/xian/)."""
    if page.category is not None:
        return False, ()
    if page.year is None:
        return True, ()
    return any(h.id not in on_index for h in page.records), on_index


def render_problem_page(src_uri: str, problems: list[Any]) -> GeneratedPage:
    """The page the live preview shows at every address while the data has errors."""
    env = _environment()
    title = "数据有错误"
    body = env.get_template("problems.md.j2").render(problems=problems)
    front = env.get_template("_front_matter.j2").render(
        title=title, description="数据有错误", image=None, template=None, hide=["navigation", "toc"], searched=False)
    return GeneratedPage(src_uri, title, Markup(front) + Markup(body))


TEACHER_RECENT = 6
"""A teacher's page shows this many of their newest activities and honours; the rest are a tap away."""


def activity_archive(catalog: Catalog) -> Archive:
    """活动纪实's list pages: by year and by the categories of site.yml."""
    site = catalog.site
    addresses = site.category_addresses()
    return plan_archive(urls.SECTIONS["activity"], list(catalog.activities.values()), title="活动纪实",
                        page_size=site.build.page_size, category_of=lambda a: a.category,
                        categories=[Category(name, addresses[name]) for name in site.categories])


def honour_archive(catalog: Catalog) -> Archive:
    """荣誉's list pages: by year and by level (国家级 … 校级)."""
    return plan_archive(urls.SECTIONS["honour"], list(catalog.honours.values()), title="荣誉",
                        page_size=catalog.site.build.page_size, category_of=lambda h: h.level,
                        categories=[Category(level, LEVEL_ADDRESSES[level], f"{level}级") for level in LEVELS])


def _teacher_pages(r: _Renderer, teacher: Teacher) -> list[GeneratedPage]:
    """The teacher's page with their newest activities and honours, and where there are more,
    paged lists of all of them (``teachers/<id>/activities/``, ``teachers/<id>/honours/``)."""
    catalog = r.catalog
    everything = {"activity": catalog.activities_of(teacher.id), "honour": catalog.honours_of_teacher(teacher.id)}
    lists = {kind: paginate(urls.teacher_list_url(teacher.id, kind), records, catalog.site.build.page_size,
                            title=f"{teacher.name}老师{'参与的活动' if kind == 'activity' else '获得的荣誉'}")
             for kind, records in everything.items() if len(records) > TEACHER_RECENT}
    pages = [r.render(
        "teacher.md.j2", urls.page_src("teacher", teacher.id), f"{teacher.name}老师",
        plain_text(f"{teacher.name}，{teacher.role}。{teacher.story}", DESCRIPTION_LIMIT), teacher=teacher,
        image=teacher.portrait, activities=everything["activity"][:TEACHER_RECENT],
        honours=everything["honour"][:TEACHER_RECENT],
        more={kind: (pages_[0].url, pages_[0].total) for kind, pages_ in lists.items()}, hide=RECORD_HIDE,
    )]
    for kind, list_pages in lists.items():
        for page in list_pages:
            # What these lists show is searched on its own pages (the activity, the honours wall).
            pages.append(r.render("teacher_list.md.j2", page.src_uri, page.title,
                                  f"{page.title}，共 {page.total} {'次' if kind == 'activity' else '项'}。",
                                  image=teacher.portrait, page=page, kind=kind, teacher=teacher, hide=INDEX_HIDE,
                                  searched=False))
    return pages


def _by_year(records: list[Any]) -> list[tuple[int, list[Any]]]:
    return [(year, list(items)) for year, items in groupby(records, key=lambda h: h.date.year)]


def _by_month(activities: list[Any]) -> list[tuple[int, list[tuple[int, list[Any]]]]]:
    """Activities (newest first) grouped by year, then month."""
    years = []
    for year, in_year in groupby(activities, key=lambda a: a.date.year):
        months = [(month, list(items)) for month, items in groupby(in_year, key=lambda a: a.date.month)]
        years.append((year, months))
    return years


ARCHIVE_SECTIONS = ("notice", "teacher", "activity", "honour")
"""Sections whose record and list pages stay out of the nav: they grow with the years, and
Material renders the whole nav into every page (pages × nav entries)."""


def section_nav(catalog: Catalog, extra: list[Any]) -> list[Any]:
    """MkDocs ``nav``: one tab per section. The corridors (a school has a handful) keep their
    pages under the tab; notices, teachers, activities and honours have only their index there."""
    return [
        {"首页": "index.md"},
        {NOTICES_TITLE: [urls.page_src("notice")]},
        {"榜样教师": [urls.page_src("teacher")]},
        {catalog.site.corridors_title: [urls.page_src("corridor")] + [urls.page_src("corridor", c) for c in catalog.corridors]},
        {"活动纪实": [urls.page_src("activity")]},
        {"荣誉": [urls.page_src("honour")]},
        *extra,
    ]
