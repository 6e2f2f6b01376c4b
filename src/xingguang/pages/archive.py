"""Bounded list pages for dated records: a section's archive by year and by category.

A school adds about fifty activities a year; a page that lists all of them grows
forever (after ten years the activities index was 1 MB). Here a section's records
become list pages of at most ``page_size`` records each, at addresses that depend
only on the year or the category, never on how many records there are:

    {section}/                  the newest ``page_size`` records (the section's index)
    {section}/{year}/           that year's records, newest first; more pages at
    {section}/{year}/2/, /3/    ... when the year holds more than ``page_size``
    {section}/{slug}/           one category's records, newest first (/2/, /3/ ...)

Contract, for any kind of dated record (activities, honours, notices ...):

- ``plan_archive(section, records, categories=..., category_of=..., page_size=...)``
  takes records that have ``.id`` and ``.date`` (``datetime.date``), in any order,
  and returns an :class:`Archive`: the index, the year pages (newest year first) and
  the category pages (in the order of ``categories``; a category without records still
  gets its page, so its link never breaks). Each record is on exactly one page of its
  year and one page of its category; within a list, records are newest first
  (date, then id, descending), so the output is deterministic.
- ``paginate(base_url, records, page_size, title=...)`` is the same for a plain list
  (a teacher's activities): ``base_url``, then ``base_url + "2/"`` ...
- Years are four-digit page names and category slugs start with a letter (see
  :data:`~xingguang.records.common.SLUG_PATTERN`), so a year page never takes a category's address. A record's own
  page (``{section}/{id}/``) is not planned here; the catalog refuses a record id that
  equals a year or a category slug, so the two never meet.

The module knows nothing about templates: a :class:`ListPage` is plain data that a
template turns into HTML.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

DEFAULT_PAGE_SIZE = 24
"""Records on one list page: 24 fills whole rows of 1, 2, 3 or 4 cards, and keeps a page
of cards with photos near 80 KB of HTML."""


class Dated(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def date(self) -> datetime.date: ...


R = TypeVar("R", bound=Dated)


@dataclass(frozen=True)
class Category:
    name: str  # as records carry it: "党建", "县"
    slug: str  # in the address: "dangjian", "xian"
    label: str = ""  # as visitors read it, when not the name: "县级"

    @property
    def shown(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class ListPage:
    """One bounded list page: what to show and where it lives."""

    url: str  # site-root-relative, directory style: "activities/2022/2/"
    title: str
    records: list[Any]
    number: int = 1  # 1-based page number within its list
    count: int = 1  # pages in its list
    total: int = 0  # records in its whole list (all pages)
    year: int | None = None
    category: Category | None = None
    page_urls: tuple[str, ...] = ()  # every page of its list, in order

    @property
    def src_uri(self) -> str:
        """The generated page's path in the docs tree: ``activities/2022/2/index.md``."""
        return f"{self.url}index.md"

    @property
    def previous_url(self) -> str | None:
        return self.page_urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_urls[self.number] if self.number < self.count else None


@dataclass(frozen=True)
class ArchiveOutline:
    """The part of an archive that every one of its list pages shows. Handed to the list
    templates instead of the archive, whose records change with every edit: the live preview
    keeps a list page as long as what it shows is the same (see pages/remembered.py)."""

    index_url: str
    index_total: int
    year_links: tuple[tuple[int, str], ...]
    category_links: tuple[tuple[Category, str], ...]


@dataclass(frozen=True)
class Archive:
    index: ListPage
    years: list[list[ListPage]] = field(default_factory=list)  # newest year first; pages of each year
    categories: list[list[ListPage]] = field(default_factory=list)  # in the declared order

    @property
    def year_links(self) -> list[tuple[int, str]]:
        """(year, url of its first page), newest first: the year navigation."""
        return [(pages[0].year, pages[0].url) for pages in self.years if pages[0].year is not None]

    @property
    def category_links(self) -> list[tuple[Category, str]]:
        return [(pages[0].category, pages[0].url) for pages in self.categories if pages[0].category is not None]

    @property
    def outline(self) -> ArchiveOutline:
        """What each list page shows of the whole archive (its year and category links)."""
        return ArchiveOutline(self.index.url, self.index.total, tuple(self.year_links), tuple(self.category_links))

    def pages(self) -> list[ListPage]:
        """Every list page (index first), each once."""
        return [self.index] + [p for group in self.years + self.categories for p in group]


def newest_first(records: Sequence[R]) -> list[R]:
    return sorted(records, key=lambda r: (r.date, r.id), reverse=True)


def paginate(base_url: str, records: Sequence[R], page_size: int, *, title: str, year: int | None = None,
             category: Category | None = None) -> list[ListPage]:
    """``records`` (newest first) cut into pages of ``page_size``; always at least one page."""
    if page_size < 1:
        raise ValueError("page_size must be at least 1")
    chunks = [list(records[i:i + page_size]) for i in range(0, len(records), page_size)] or [[]]
    urls = tuple(base_url if n == 1 else f"{base_url}{n}/" for n in range(1, len(chunks) + 1))
    return [ListPage(url, title if n == 1 else f"{title}（第 {n} 页）", chunk, n, len(chunks), len(records), year,
                     category, urls)
            for n, (url, chunk) in enumerate(zip(urls, chunks), start=1)]


def plan_archive(section: str, records: Sequence[R], *, title: str, page_size: int = DEFAULT_PAGE_SIZE,
                 categories: Sequence[Category] = (), category_of: Callable[[R], str] | None = None) -> Archive:
    """The list pages of one section; see the module docstring for the contract."""
    base = f"{section}/"
    ordered = newest_first(records)
    index = ListPage(base, title, ordered[:page_size], total=len(ordered), page_urls=(base,))
    years = sorted({r.date.year for r in ordered}, reverse=True)
    year_pages = [paginate(f"{base}{year}/", [r for r in ordered if r.date.year == year], page_size,
                           title=f"{title} · {year} 年", year=year) for year in years]
    category_pages = []
    if category_of is not None:
        for category in categories:
            chosen = [r for r in ordered if category_of(r) == category.name]
            category_pages.append(paginate(f"{base}{category.slug}/", chosen, page_size,
                                           title=f"{title} · {category.shown}", category=category))
    return Archive(index, year_pages, category_pages)
