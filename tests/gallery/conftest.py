"""Fixtures for the gallery tests: one small real site with a 16-photo activity, served on 127.0.0.1.

The site is the tests' base data plus an activity whose photos are drawn in code at
phone-like proportions (landscape, portrait, wide), published at the real widths
(240, 320, 480, 960 and their own, at most 1200 to keep the build short), so that srcset choices,
the justified rows and the lightbox behave as on the school's site.
Chromium is Debian's (/usr/bin/chromium); never `playwright install`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from conftest import draw_photo, make_data_dir, make_project, run_mkdocs_build
from display.serving import SiteServer

ACTIVITY_ID = "2022-05-sports-day"
ACTIVITY_PATH = f"activities/{ACTIVITY_ID}/"
PHOTO_SIZES = [(1200, 900), (900, 1200), (1200, 675), (1200, 900), (900, 1200), (1200, 800),
               (1200, 900), (1200, 900), (900, 1200), (1200, 675), (1200, 900), (1200, 900),
               (900, 1200), (1200, 800), (1200, 900), (1200, 900)]
"""What phones produce: 4:3 both ways, 16:9, 3:2."""

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def caption(index: int) -> str:
    return f"运动会第{index + 1}张照片"


def alt(index: int) -> str:
    return f"操场上的第{index + 1}个比赛项目"


def activity_yaml() -> str:
    lines = [f"编号: {ACTIVITY_ID}", "标题: 春季运动会", "日期: 2022-05-10", "分类: 少先队",
             "摘要: 全校师生参加春季运动会。", "正文: |", "  春季运动会在学校操场举行。",
             "", "  同学们奋勇争先，老师们在场边加油。", "照片:"]
    for index in range(len(PHOTO_SIZES)):
        lines += [f"  - 文件: photos/sports/{index + 1:02d}.jpg", f"    替代文本: {alt(index)}",
                  f"    说明: {caption(index)}", "    含学生: false"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def gallery_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site (built once per session)."""
    project = tmp_path_factory.mktemp("gallery") / "project"
    project.mkdir()
    data_dir = make_data_dir(project)
    site_yml = data_dir / "site.yml"
    # The real widths: the base data's tiny ones would make every srcset a single file.
    site_yml.write_text(site_yml.read_text("utf-8").replace("宽度: [32, 64]", "宽度: [240, 320, 480, 960, 1600]"), "utf-8")
    for index, size in enumerate(PHOTO_SIZES):
        draw_photo(data_dir / "photos" / "sports" / f"{index + 1:02d}.jpg", size, seed=index * 13)
    (data_dir / "activities" / f"{ACTIVITY_ID}.yml").write_text(activity_yaml(), "utf-8")
    make_project(project, data_dir)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.log
    return result.site_dir


@pytest.fixture(scope="session")
def gallery_url(gallery_site: Path) -> Iterator[str]:
    server = SiteServer()
    server.start(gallery_site)
    yield server.url
    server.stop()



@pytest.fixture
def phone(chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh small Android phone per test: history and caches never leak between tests."""
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                   locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    yield context
    context.close()
