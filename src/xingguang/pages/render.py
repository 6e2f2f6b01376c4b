"""Render every generated page from the catalog."""

from __future__ import annotations

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
from xingguang.pages.notices import SECTION_TITLE as NOTICES_TITLE
from xingguang.pages.notices import home_notices, render_notice_pages
from xingguang.records import LEVELS, Photo
from xingguang.text import plain_text, render_rich_text

PhotoView = Callable[[Photo], dict[str, Any] | None]
"""Photo -> what a template needs to show it (urls relative to the site root), or None."""

DESCRIPTION_LIMIT = 110
INDEX_HIDE = ("navigation", "toc")
"""Index pages are grids of cards: Material's docs sidebars would only crowd them."""


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    markdown: str


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
    return env


def relative_url(from_url: str, to_url: str) -> str:
    """Link from a directory-URL page (``teachers/x/``, ``""`` for home) to a site path, relative."""
    start = from_url.rstrip("/") or "."
    target = posixpath.relpath(to_url.rstrip("/") or ".", start)
    if to_url == "" or to_url.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target


def page_url_of(src_uri: str) -> str:
    """``teachers/x.md`` -> ``teachers/x/``; ``teachers/index.md`` -> ``teachers/``; ``index.md`` -> ``""``."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"


class _Renderer:
    def __init__(self, catalog: Catalog, photo_view: PhotoView) -> None:
        self.catalog = catalog
        self.photo_view = photo_view
        self.env = _environment()

    def render(self, template: str, src_uri: str, title: str, description: str, *, image: Photo | None = None,
               page_template: str | None = None, hide: tuple[str, ...] = (), searched: bool = True,
               **context: Any) -> GeneratedPage:
        """One generated page; ``searched=False`` keeps it out of the visitors' search (editors' pages)."""
        page_url = page_url_of(src_uri)

        def link(kind: str, record_id: str | None = None) -> str:
            return relative_url(page_url, urls.page_url(kind, record_id))

        def asset(path: str) -> str:
            return relative_url(page_url, path)

        def photo(p: Photo | None) -> dict[str, Any] | None:
            if p is None:
                return None
            view = self.photo_view(p)
            if view is None:
                return None
            return {**view, "src": asset(view["src"]), "srcsets": {
                fmt: ", ".join(f"{asset(u)} {w}w" for u, w in entries) for fmt, entries in view["srcsets"].items()
            }, "full": asset(view["full"])}

        body = self.env.get_template(template).render(
            catalog=self.catalog, site=self.catalog.site, link=link, asset=asset, photo=photo,
            category_link=lambda name: asset(urls.category_url(self.catalog.site.categories.index(name))),
            title=title, **context,
        )
        view = self.photo_view(image) if image is not None else None
        if view is None and self.catalog.site.campus_photo is not None:
            view = self.photo_view(self.catalog.site.campus_photo)
        front = self.env.get_template("_front_matter.j2").render(
            title=title, description=description, image=view["share"] if view else None,
            template=page_template, hide=list(hide), searched=searched,
        )
        # Both parts are finished HTML/Markdown (the environment autoescapes): Markup + str would
        # escape the body a second time and the page would show its own tags as text.
        return GeneratedPage(src_uri, title, Markup(front) + Markup(body))


def render_site_pages(catalog: Catalog, photo_view: PhotoView) -> list[GeneratedPage]:
    r = _Renderer(catalog, photo_view)
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
        pages.append(r.render(
            "teacher.md.j2", urls.page_src("teacher", teacher.id), f"{teacher.name}老师",
            plain_text(f"{teacher.name}，{teacher.role}。{teacher.story}", DESCRIPTION_LIMIT), teacher=teacher,
            image=teacher.portrait,
            activities=catalog.activities_of(teacher.id), honours=catalog.honours_of_teacher(teacher.id),
        ))

    pages.append(r.render("corridors.md.j2", urls.page_src("corridor"), "星文化长廊",
                          "、".join(c.name for c in catalog.corridors.values()),
                          corridors=list(catalog.corridors.values()), hide=INDEX_HIDE))
    for corridor in catalog.corridors.values():
        pages.append(r.render("corridor.md.j2", urls.page_src("corridor", corridor.id), corridor.name,
                              plain_text(corridor.description, DESCRIPTION_LIMIT), corridor=corridor,
                              image=corridor.photos[0] if corridor.photos else None))

    activities = list(catalog.activities.values())
    pages.append(r.render("activities.md.j2", urls.page_src("activity"), "活动纪实",
                          f"{site.name}的活动纪实，共 {len(activities)} 次活动。",
                          groups=_by_month(activities), current_category=None, hide=INDEX_HIDE))
    for index, category in enumerate(site.categories):
        chosen = [a for a in activities if a.category == category]
        pages.append(r.render("activities.md.j2", urls.category_src(index), f"活动纪实 · {category}",
                              f"{site.name}的{category}活动，共 {len(chosen)} 次。",
                              groups=_by_month(chosen), current_category=category, hide=INDEX_HIDE))
    for activity in activities:
        pages.append(r.render(
            "activity.md.j2", urls.page_src("activity", activity.id), activity.title,
            plain_text(activity.summary or activity.body, DESCRIPTION_LIMIT), activity=activity,
            image=activity.photos[0] if activity.photos else None,
            teachers=[catalog.teachers[t] for t in activity.teachers],
            honours=catalog.honours_of_activity(activity.id),
        ))

    pages.append(r.render("guide_fields.md.j2", guide.FIELDS_SRC, "字段参考",
                          "编辑指南：每种记录可以写哪些字段、哪些必填、怎么写。", tables=guide.field_tables(),
                          searched=False))
    pages.append(r.render("guide_errors.md.j2", guide.ERRORS_SRC, "提示目录",
                          "编辑指南：生成网站时每一种提示的含义、错误写法和正确写法。", kinds=guide.catalogue(),
                          searched=False))

    honours = list(catalog.honours.values())
    pages.append(r.render("honours.md.j2", urls.page_src("honour"), "荣誉",
                          f"{site.name}获得的荣誉，共 {len(honours)} 项。",
                          years=[(year, list(items)) for year, items in groupby(honours, key=lambda h: h.date.year)],
                          hide=INDEX_HIDE))
    return pages


def render_problem_page(src_uri: str, problems: list[Any]) -> GeneratedPage:
    """The page the live preview shows at every address while the data has errors."""
    env = _environment()
    title = "数据有错误"
    body = env.get_template("problems.md.j2").render(problems=problems)
    front = env.get_template("_front_matter.j2").render(
        title=title, description="数据有错误", image=None, template=None, hide=["navigation", "toc"], searched=False)
    return GeneratedPage(src_uri, title, Markup(front) + Markup(body))


def _by_month(activities: list[Any]) -> list[tuple[int, list[tuple[int, list[Any]]]]]:
    """Activities (newest first) grouped by year, then month."""
    years = []
    for year, in_year in groupby(activities, key=lambda a: a.date.year):
        months = [(month, list(items)) for month, items in groupby(in_year, key=lambda a: a.date.month)]
        years.append((year, months))
    return years


def section_nav(catalog: Catalog, extra: list[dict[str, str]]) -> list[Any]:
    """MkDocs ``nav``: one tab per section, detail pages under their index."""
    return [
        {"首页": "index.md"},
        {NOTICES_TITLE: [urls.page_src("notice")] + [urls.page_src("notice", n) for n in catalog.notices]},
        {"榜样教师": [urls.page_src("teacher")] + [urls.page_src("teacher", t) for t in catalog.teachers]},
        {"星文化长廊": [urls.page_src("corridor")] + [urls.page_src("corridor", c) for c in catalog.corridors]},
        {"活动纪实": [urls.page_src("activity")] + [urls.page_src("activity", a) for a in catalog.activities]},
        {"荣誉": urls.page_src("honour")},
        *extra,
    ]


def category_pages(catalog: Catalog) -> list[str]:
    return [urls.category_src(i) for i in range(len(catalog.site.categories))]
