"""The catalog as slides for the corridor display: one JSON document the screen fetches.

Everything here is plain data (text, numbers, photo URLs relative to the site
root); the browser puts it into the page with ``textContent``, so nothing an
editor typed is ever parsed as HTML. The document is deterministic: the same
data gives the same bytes and the same ``version``, so a screen reloads only
when the site really changed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
from typing import Any, Callable

from xingguang.catalog import Catalog
from xingguang.notices import current_notices, is_pinned
from xingguang.records import Notice, Photo
from xingguang.records.site import DisplaySettings, Playlist
from xingguang.text import plain_text

PhotoView = Callable[[Photo], dict[str, Any] | None]

SLIDE_KINDS = {"品牌": "brand", "活动": "activity", "荣誉": "honour", "教师": "teacher", "长廊": "corridor"}
"""site.yml's 内容 words -> the kinds of slides they bring in (长廊 also brings ``figure`` slides)."""
FIGURE_KINDS = ("科学家", "教育家")
"""Corridor exhibits that get a slide of their own; the others are listed on their corridor's slide."""
TRANSITIONS = {"淡入淡出": "fade", "滑动": "slide", "无": "none"}
TICKER_POSITIONS = {"底部": "bottom", "顶部": "top"}
NIGHT_MODES = {"时钟": "clock", "黑屏": "black"}
PHOTOS_PER_SLIDE = 3
TEXT_LIMIT = 160
"""Characters of story or description on a slide: readable from three metres in 30 seconds."""
TICKER_LIMIT = 12
"""Notices in the ticker: at four characters a second, a dozen titles come round in about two minutes."""
EMERGENCY_TEXT_LIMIT = 200
"""Characters of an emergency notice's text on the full screen, at a size read from across a corridor."""


def slide_photo(view: PhotoView, photo: Photo | None) -> dict[str, Any] | None:
    """A photo as the screen needs it: every published width of every format, to pick from."""
    if photo is None:
        return None
    shown = view(photo)
    if shown is None:
        return None
    return {
        "alt": photo.alt,
        "caption": photo.caption or "",
        "width": shown["width"],
        "height": shown["height"],
        "sources": {fmt: [[url, width] for url, width in outputs] for fmt, outputs in shown["srcsets"].items()},
    }


def _photos(view: PhotoView, photos: list[Photo]) -> list[dict[str, Any]]:
    found = [slide_photo(view, photo) for photo in photos]
    return [photo for photo in found if photo is not None][:PHOTOS_PER_SLIDE]


def first_paragraph(text: str | None, limit: int = TEXT_LIMIT) -> str:
    """The opening paragraph of a rich text as plain words, cut to ``limit`` characters."""
    paragraphs = [p for p in (text or "").split("\n\n") if p.strip()]
    return plain_text(paragraphs[0] if paragraphs else "", limit)


def _brand_slide(catalog: Catalog, view: PhotoView) -> dict[str, Any]:
    site = catalog.site
    return {
        "id": "brand", "kind": "brand", "name": site.name, "brand": site.brand, "motto": site.motto,
        "spirit": {"name": site.spirit.name, "words": list(site.spirit.words)},
        "photo": slide_photo(view, site.campus_photo),
    }


def _activity_slides(catalog: Catalog, view: PhotoView, settings: DisplaySettings) -> list[dict[str, Any]]:
    activities = list(catalog.activities.values())[: settings.latest_activities]
    if settings.order == "随机":
        random.Random(settings.seed).shuffle(activities)
    slides = []
    for activity in activities:
        slides.append({
            "id": f"activity:{activity.id}", "kind": "activity", "title": activity.title,
            "date": activity.date.isoformat(), "category": activity.category, "place": activity.place or "",
            "summary": activity.summary or first_paragraph(activity.body, 90),
            "teachers": [catalog.teachers[t].name for t in activity.teachers if t in catalog.teachers],
            "photos": _photos(view, activity.photos),
        })
    return slides


def _honour_slides(catalog: Catalog, view: PhotoView, settings: DisplaySettings) -> list[dict[str, Any]]:
    # Newest first, bounded like the activities: the archive grows, a loop on a screen must not.
    return [{
        "id": f"honour:{honour.id}", "kind": "honour", "title": honour.title, "level": honour.level,
        "awardedBy": honour.awarded_by, "date": honour.date.isoformat(),
        "winners": [catalog.teachers[t].name for t in honour.teachers if t in catalog.teachers]
        + ([honour.team] if honour.team else []),
        "note": first_paragraph(honour.note, 90),
        "photo": slide_photo(view, honour.certificate),
    } for honour in list(catalog.honours.values())[: settings.latest_honours]]


def _teacher_slides(catalog: Catalog, view: PhotoView) -> list[dict[str, Any]]:
    return [{
        "id": f"teacher:{teacher.id}", "kind": "teacher", "name": teacher.name, "role": teacher.role,
        "titles": list(teacher.titles), "subjects": list(teacher.subjects),
        "story": first_paragraph(teacher.story),
        "photo": slide_photo(view, teacher.portrait),
    } for teacher in catalog.teachers.values()]


def _corridor_slides(catalog: Catalog, view: PhotoView) -> list[dict[str, Any]]:
    slides = []
    for corridor in catalog.corridors.values():
        slides.append({
            "id": f"corridor:{corridor.id}", "kind": "corridor", "corridor": corridor.id, "name": corridor.name,
            "section": catalog.site.corridors_title,
            "location": corridor.location or "", "description": first_paragraph(corridor.description),
            "items": [item.name for item in corridor.items if item.kind not in FIGURE_KINDS][:6],
            "photos": _photos(view, corridor.photos),
        })
        for index, item in enumerate(corridor.items):
            if item.kind not in FIGURE_KINDS:
                continue
            slides.append({
                "id": f"figure:{corridor.id}:{index}", "kind": "figure", "corridor": corridor.id,
                "corridorName": corridor.name, "name": item.name, "role": item.kind, "period": item.period or "",
                "text": first_paragraph(item.text), "photo": slide_photo(view, item.photo),
            })
    return slides


def _notice(notice: Notice, today: datetime.date) -> dict[str, Any]:
    return {
        "id": notice.id, "title": notice.title, "category": notice.category, "date": notice.date.isoformat(),
        "unit": notice.unit, "emergency": notice.emergency,
        "text": plain_text(notice.text, EMERGENCY_TEXT_LIMIT) if notice.emergency else "",
        "expires": notice.expires.isoformat() if notice.expires else None,
        "pinnedUntil": notice.pinned_until.isoformat() if is_pinned(notice, today) else None,
    }


def build_notices(catalog: Catalog) -> dict[str, Any]:
    """The notices block of slides.json: the ticker's and the emergency screen's settings, and the
    notices current on the build's day, in their order (pinned, then newest).

    Each keeps its last valid day and its pinning: a screen runs for weeks between builds, and
    drops an expired notice (or unpins one) by its own clock, offline too.
    """
    settings = catalog.site.display
    today = catalog.today
    current = current_notices(catalog.notices.values(), today)
    # Every emergency is kept, however many ordinary notices come first.
    shown = [n for index, n in enumerate(current) if index < TICKER_LIMIT or n.emergency]
    return {
        "ticker": {"position": TICKER_POSITIONS[settings.ticker.position], "speed": settings.ticker.speed}
        if settings.ticker.enabled else None,
        "emergencyScreen": settings.emergency,
        "items": [_notice(notice, today) for notice in shown],
    }


def _playlist_ids(slides_by_kind: dict[str, list[dict[str, Any]]], kinds: list[str],
                  playlist: Playlist | None = None) -> list[str]:
    ids: list[str] = []
    for word in kinds:
        for slide in slides_by_kind[SLIDE_KINDS[word]]:
            if playlist is not None and playlist.corridors and slide.get("corridor") not in (None, *playlist.corridors):
                continue
            if playlist is not None and playlist.categories and slide["kind"] == "activity" \
                    and slide["category"] not in playlist.categories:
                continue
            ids.append(slide["id"])
    return ids


def build_display_data(catalog: Catalog, view: PhotoView, shell_version: str) -> dict[str, Any]:
    """The document ``display/slides.json``: site facts, settings, every slide, playlists (lists of slide ids),
    and the current notices (ticker and emergency screen).

    ``version`` is a hash of everything else but ``shell`` (the display's own code), so that
    the screen can tell when the content changed.
    """
    settings = catalog.site.display
    activities = _activity_slides(catalog, view, settings)
    corridors = _corridor_slides(catalog, view)
    slides_by_kind = {
        "brand": [_brand_slide(catalog, view)],
        "activity": activities,
        "honour": _honour_slides(catalog, view, settings),
        "teacher": _teacher_slides(catalog, view),
        "corridor": corridors,
    }
    playlists = {"": _playlist_ids(slides_by_kind, list(settings.slides))}
    for playlist in settings.playlists:
        playlists.setdefault(playlist.name, _playlist_ids(slides_by_kind, list(playlist.slides), playlist))
    used = {slide_id for ids in playlists.values() for slide_id in ids}
    content = {
        "site": {"name": catalog.site.name, "shortName": catalog.site.short_name or catalog.site.name},
        "settings": {
            "seconds": settings.seconds,
            "transition": TRANSITIONS[settings.transition],
            "checkMinutes": settings.check_minutes,
            "hours": {"start": settings.hours.start, "end": settings.hours.end,
                      "weekends": settings.hours.weekends, "night": NIGHT_MODES[settings.hours.night]},
        },
        "slides": [slide for kind in slides_by_kind.values() for slide in kind if slide["id"] in used],
        "playlists": playlists,
        "notices": build_notices(catalog),
    }
    return {"version": content_version(content), "shell": shell_version, **content}


def content_version(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def photo_urls(data: dict[str, Any]) -> set[str]:
    """Every photo file the document points at (relative to the site root)."""
    urls: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if "sources" in value and "alt" in value:
                urls.update(url for outputs in value["sources"].values() for url, _ in outputs)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data["slides"])
    return urls


def playlist_warnings(catalog: Catalog) -> list[str]:
    """Playlists that name a corridor or category that does not exist, or a name used twice."""
    warnings = []
    seen: set[str] = set()
    for playlist in catalog.site.display.playlists:
        where = f"site_data/site.yml 显示屏.播放列表“{playlist.name}”"
        if playlist.name in seen:
            warnings.append(f"{where} 重名了，只用第一个。给每个播放列表起不同的名称。")
        seen.add(playlist.name)
        for corridor in playlist.corridors:
            if corridor not in catalog.corridors:
                known = "、".join(catalog.corridors) or "（还没有长廊）"
                warnings.append(f"{where} 的长廊“{corridor}”不存在。现有的长廊编号：{known}。")
        for category in playlist.categories:
            if category not in catalog.site.categories:
                warnings.append(f"{where} 的活动分类“{category}”不存在。可选的分类：{'、'.join(catalog.site.categories)}。")
    return warnings
