"""Fixtures for the display tests: small real sites built by MkDocs, and one Chromium."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BuildResult, draw_photo, make_data_dir, make_project, run_mkdocs_build

NEW_ACTIVITY_TITLE = "星光小讲堂开讲啦"
NEW_ACTIVITY = f"""编号: 2026-01-xingguang-jiangtang
标题: {NEW_ACTIVITY_TITLE}
日期: 2025-12-30
分类: 党建
正文: 新的一期星光小讲堂。
照片:
  - 文件: photos/jiangtang-1.jpg
    替代文本: 老师在讲台上讲课
    说明: 星光小讲堂
    含学生: false
"""

EMERGENCY_ID = "2026-01-baoyu-tingke"
EMERGENCY_TITLE = "暴雨红色预警：1 月 5 日全校停课"
NOTICES = {
    EMERGENCY_ID: f"""编号: {EMERGENCY_ID}
标题: {EMERGENCY_TITLE}
日期: 2026-01-01
类别: 安全提醒
发布单位: 校长办公室
紧急: true
有效期至: 2026-01-05
正文: 接县教体局通知，**1 月 5 日全校停课一天**，复课时间另行通知。请家长看护好孩子。
""",
    "2025-12-hanjia-fangjia": """编号: 2025-12-hanjia-fangjia
标题: 2026 年寒假放假通知
日期: 2025-12-20
类别: 通知
发布单位: 教务处
置顶至: 2026-01-03
正文: 寒假自 1 月 17 日起。
""",
    "2025-12-30-jiazhanghui": """编号: 2025-12-30-jiazhanghui
标题: 期末家长会通知
日期: 2025-12-30
类别: 家长学校
发布单位: 德育处
有效期至: 2026-01-02
正文: 期末家长会于 1 月 2 日下午举行。
""",
}
"""Current on the build's day (2026-01-01); on the screen's day (2026-01-05) the 家长会 has expired
and the 寒假 notice is no longer pinned."""


def write_notices(data_dir: Path, names: tuple[str, ...]) -> None:
    folder = data_dir / "notices"
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.yml").write_text(NOTICES[name], "utf-8")


@dataclass
class DisplaySites:
    """Built sites for the display tests (each a folder to serve)."""

    base: Path
    updated: Path  # base + a new activity with a photo
    notices: Path  # base + three notices, one of them an emergency
    root: Path

    def data(self, site: Path) -> dict:
        return json.loads((site / "display" / "slides.json").read_text("utf-8"))

    def variant(self, name: str, site: Path) -> Path:
        """A copy of ``site`` to break or change for one test."""
        target = self.root / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(site, target)
        return target

    def edit_slides(self, site: Path, change) -> None:  # type: ignore[no-untyped-def]
        path = site / "display" / "slides.json"
        data = json.loads(path.read_text("utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def build(project: Path) -> Path:
    result: BuildResult = run_mkdocs_build(project)
    assert result.returncode == 0, result.log
    return result.site_dir


@pytest.fixture(scope="session")
def display_sites(tmp_path_factory: pytest.TempPathFactory) -> DisplaySites:
    root = tmp_path_factory.mktemp("display")
    base = root / "base"
    make_data_dir(base)
    make_project(base, base / "site_data")
    updated = root / "updated"
    data_dir = make_data_dir(updated)
    (data_dir / "activities" / "2026-01-xingguang-jiangtang.yml").write_text(NEW_ACTIVITY, "utf-8")
    draw_photo(data_dir / "photos" / "jiangtang-1.jpg", (80, 60), seed=90)
    make_project(updated, data_dir)
    notices = root / "notices"
    data_dir = make_data_dir(notices)
    write_notices(data_dir, tuple(NOTICES))
    make_project(notices, data_dir)
    return DisplaySites(build(base), build(updated), build(notices), root)

