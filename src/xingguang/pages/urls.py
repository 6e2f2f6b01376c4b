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


def category_url(address: str) -> str:
    """An activity category's first list page, e.g. ``activities/dangjian/`` (see Site.category_addresses)."""
    return f"{SECTIONS['activity']}/{address}/"


def honour_anchor(honour_id: str) -> str:
    """The id of an honour's name on the honours wall: its search result links to ``honours/#honour-…``."""
    return f"honour-{honour_id}"


def teacher_list_url(teacher_id: str, kind: str) -> str:
    """All of a teacher's activities or honours: ``teachers/yang-xiaoxi/activities/``."""
    return f"{SECTIONS['teacher']}/{teacher_id}/{SECTIONS[kind]}/"
