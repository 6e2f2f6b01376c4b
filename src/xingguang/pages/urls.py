"""Where each kind of page lives. The single source for links between pages."""

from __future__ import annotations

SECTIONS = {
    "teacher": "teachers",
    "corridor": "corridors",
    "activity": "activities",
    "honour": "honours",
    "notice": "notices",
}


def page_src(kind: str, record_id: str | None = None) -> str:
    """The generated page's path in the docs tree, e.g. ``teachers/yang-xiaoxi.md``."""
    section = SECTIONS[kind]
    return f"{section}/index.md" if record_id is None else f"{section}/{record_id}.md"


def page_url(kind: str, record_id: str | None = None) -> str:
    """Site-root-relative URL with directory URLs, e.g. ``teachers/yang-xiaoxi/``."""
    section = SECTIONS[kind]
    return f"{section}/" if record_id is None else f"{section}/{record_id}/"


def category_src(index: int) -> str:
    return f"activities/category-{index + 1}.md"


def category_url(index: int) -> str:
    return f"activities/category-{index + 1}/"
