"""slides.json from a catalog: playlists, order, version, plain text only."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import yaml

from conftest import FIXED_TODAY, make_data_dir
from display.conftest import NOTICES, write_notices
from xingguang.catalog import load_catalog
from xingguang.display.slides import build_display_data, photo_urls, playlist_warnings
from xingguang.site_photos import SitePhotos


def display_data(tmp_path: Path, site_changes: dict | None = None, shell: str = "shell",
                 notices: tuple[str, ...] = ()) -> dict:
    project = tmp_path / "project"
    data_dir = make_data_dir(project)
    write_notices(data_dir, notices)
    if site_changes:
        site_file = data_dir / "site.yml"
        site = yaml.safe_load(site_file.read_text("utf-8"))
        site.update(site_changes)
        site_file.write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    photos = SitePhotos(catalog, project)
    photos.plan()
    return build_display_data(catalog, photos.view, shell)


def ids(data: dict, playlist: str = "") -> list[str]:
    return data["playlists"][playlist]


def test_default_playlist_follows_the_kinds_in_order(tmp_path: Path) -> None:
    data = display_data(tmp_path)
    assert ids(data) == [
        "brand", "activity:2022-04-qingming", "honour:2022-09-lian", "teacher:li-si", "teacher:zhang-san",
        "corridor:kexuejia", "figure:kexuejia:0",
    ]
    assert [slide["id"] for slide in data["slides"]] == ids(data)
    assert data["settings"] == {"seconds": 12, "transition": "fade", "checkMinutes": 5,
                                "hours": {"start": "07:30", "end": "18:00", "weekends": False, "night": "clock"}}
    assert data["notices"] == {"ticker": {"position": "bottom", "speed": 4}, "emergencyScreen": True, "items": []}


def test_photos_offer_every_format_and_width_to_pick_from(tmp_path: Path) -> None:
    data = display_data(tmp_path)
    activity = next(s for s in data["slides"] if s["kind"] == "activity")
    photo = activity["photos"][0]
    assert photo["alt"] == "少先队员敬献花圈" and (photo["width"], photo["height"]) == (64, 48)
    assert set(photo["sources"]) == {"avif", "webp", "jpeg"}
    assert [width for _, width in photo["sources"]["jpeg"]] == [32, 64]
    assert all(url.startswith("assets/photos/") for url in photo_urls(data))


def test_a_playlist_picks_kinds_corridors_and_categories(tmp_path: Path) -> None:
    data = display_data(tmp_path, {"显示屏": {"播放列表": [
        {"名称": "科学角", "内容": ["长廊"], "长廊": ["kexuejia"]},
        {"名称": "党建墙", "内容": ["品牌", "活动"], "活动分类": ["党建"]},
        {"名称": "队室", "内容": ["活动", "教师"], "活动分类": ["少先队"]},
    ]}})
    assert ids(data, "科学角") == ["corridor:kexuejia", "figure:kexuejia:0"]
    assert ids(data, "党建墙") == ["brand"]
    assert ids(data, "队室") == ["activity:2022-04-qingming", "teacher:li-si", "teacher:zhang-san"]


def test_the_version_changes_with_the_content_and_only_with_it(tmp_path: Path) -> None:
    first = display_data(tmp_path / "a", shell="one")
    again = display_data(tmp_path / "b", shell="two")
    assert first["version"] == again["version"] and first["shell"] != again["shell"]
    changed = display_data(tmp_path / "c", {"口号": "星光汇聚"})
    assert changed["version"] != first["version"]


def test_random_order_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    one = display_data(tmp_path / "a", {"显示屏": {"顺序": "随机", "随机种子": 7}})
    two = display_data(tmp_path / "b", {"显示屏": {"顺序": "随机", "随机种子": 7}})
    assert ids(one) == ids(two)


def test_text_from_yaml_is_plain_text_never_markup(tmp_path: Path) -> None:
    data = display_data(tmp_path, {"口号": "<img src=x onerror=alert(1)>", "简介": "**粗体**"})
    brand = data["slides"][0]
    assert brand["motto"] == "<img src=x onerror=alert(1)>"  # the page sets it with textContent
    assert "**" not in json.dumps(data, ensure_ascii=False)


def test_playlists_naming_what_does_not_exist_are_warned_about(tmp_path: Path) -> None:
    project = tmp_path / "project"
    data_dir = make_data_dir(project)
    site_file = data_dir / "site.yml"
    site = yaml.safe_load(site_file.read_text("utf-8"))
    site["显示屏"] = {"播放列表": [{"名称": "科学角", "内容": ["长廊"], "长廊": ["kexuejai"], "活动分类": ["体育"]},
                                {"名称": "科学角", "内容": ["品牌"]}]}
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    assert playlist_warnings(catalog) == [
        "site_data/site.yml 显示屏.播放列表“科学角” 的长廊“kexuejai”不存在。现有的长廊编号：kexuejia。",
        "site_data/site.yml 显示屏.播放列表“科学角” 的活动分类“体育”不存在。可选的分类：党建、少先队。",
        "site_data/site.yml 显示屏.播放列表“科学角” 重名了，只用第一个。给每个播放列表起不同的名称。",
    ]


def test_ten_years_keep_slides_json_and_the_playlist_bounded(tmp_path: Path) -> None:
    from conftest import grow_data

    def slides_of(project: Path) -> dict:
        catalog = load_catalog(project / "site_data", today=FIXED_TODAY)
        photos = SitePhotos(catalog, project)
        photos.plan()
        return build_display_data(catalog, photos.view, "shell")

    one_year = slides_of(grow_data.grow_project(tmp_path / "one", years=0))
    ten_years = slides_of(grow_data.grow_project(tmp_path / "ten", years=10))
    kinds = [slide["kind"] for slide in ten_years["slides"]]
    assert kinds.count("activity") == 12 and kinds.count("honour") == 12  # the settings' defaults
    # Brand, corridors and their figures do not grow; teachers grow with the staff, not the archive.
    assert [s for s in kinds if s not in ("activity", "honour", "teacher")] == \
        [s["kind"] for s in one_year["slides"] if s["kind"] not in ("activity", "honour", "teacher")]
    assert len(ids(ten_years)) == len(ten_years["slides"])
    assert len(json.dumps(ten_years, ensure_ascii=False)) < 2 * len(json.dumps(one_year, ensure_ascii=False))


def test_notices_current_on_the_build_day_with_what_the_screen_needs_to_expire_them(tmp_path: Path) -> None:
    data = display_data(tmp_path, notices=tuple(NOTICES))
    items = data["notices"]["items"]
    # 2026-01-01: the 寒假 notice is still pinned; then newest first.
    assert [item["id"] for item in items] == ["2025-12-hanjia-fangjia", "2026-01-baoyu-tingke", "2025-12-30-jiazhanghui"]
    assert items[1] == {
        "id": "2026-01-baoyu-tingke", "title": "暴雨红色预警：1 月 5 日全校停课", "category": "安全提醒",
        "date": "2026-01-01", "unit": "校长办公室", "emergency": True, "expires": "2026-01-05", "pinnedUntil": None,
        "text": "接县教体局通知，1 月 5 日全校停课一天，复课时间另行通知。请家长看护好孩子。",  # plain text, no **
    }
    assert items[0]["pinnedUntil"] == "2026-01-03" and items[0]["text"] == ""  # only an emergency shows its text
    assert items[2]["expires"] == "2026-01-02"


def test_expired_notices_are_left_out_and_a_notice_changes_the_version(tmp_path: Path) -> None:
    without = display_data(tmp_path / "a")
    with_notice = display_data(tmp_path / "b", notices=("2025-12-30-jiazhanghui",))
    assert with_notice["version"] != without["version"]
    project = tmp_path / "c" / "project"
    data_dir = make_data_dir(project)
    write_notices(data_dir, ("2025-12-30-jiazhanghui",))
    catalog = load_catalog(data_dir, today=datetime.date(2026, 1, 3))  # the day after its 有效期至
    photos = SitePhotos(catalog, project)
    photos.plan()
    assert build_display_data(catalog, photos.view, "shell")["notices"]["items"] == []


def test_the_ticker_and_the_emergency_screen_follow_site_yml(tmp_path: Path) -> None:
    data = display_data(tmp_path / "a", {"显示屏": {"通知滚动条": {"位置": "顶部", "速度": 7}, "紧急通知全屏": False}})
    assert data["notices"]["ticker"] == {"position": "top", "speed": 7}
    assert data["notices"]["emergencyScreen"] is False
    off = display_data(tmp_path / "b", {"显示屏": {"通知滚动条": {"启用": False}}})
    assert off["notices"]["ticker"] is None
