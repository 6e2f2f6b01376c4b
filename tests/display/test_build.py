"""The display in a real build: its files, a page with no inline script, and warnings for bad playlists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import make_data_dir, make_project, run_mkdocs_build
from display.conftest import DisplaySites
from xingguang.display.slides import photo_urls

pytestmark = pytest.mark.slow  # whole-site builds


def test_the_build_writes_a_standalone_display(display_sites: DisplaySites) -> None:
    folder = display_sites.base / "display"
    assert sorted(p.name for p in folder.iterdir()) == [
        "display.css", "display.js", "icon.svg", "index.html", "slides.json", "sw.js"]
    html = (folder / "index.html").read_text("utf-8")
    # A strict CSP can be applied: every script is a file, no inline handlers or styles.
    assert re.findall(r"<script[^>]*>", html) == [re.search(r'<script src="display\.js\?v=\w+" defer>', html)[0]]
    assert not re.search(r"\son\w+=|style=", html)
    assert "Content-Security-Policy" in html and "material" not in html.lower()
    data = json.loads((folder / "slides.json").read_text("utf-8"))
    assert f'data-shell="{data["shell"]}"' in html
    assert all((display_sites.base / url).is_file() for url in photo_urls(data))


def test_playlists_naming_nothing_are_warned_about_and_the_switch_turns_it_off(tmp_path: Path) -> None:
    project = tmp_path / "project"
    data_dir = make_data_dir(project)
    site = yaml.safe_load((data_dir / "site.yml").read_text("utf-8"))
    site["显示屏"] = {"播放列表": [{"名称": "科学角", "内容": ["长廊"], "长廊": ["kexuejai"]}]}
    (data_dir / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")
    make_project(project, data_dir)
    result = run_mkdocs_build(project, "--strict")
    assert result.returncode == 1
    assert "WARNING -  xingguang: [XG505] site_data/site.yml：显示屏.播放列表“科学角” 的长廊“kexuejai”不存在。" \
           "现有的长廊编号：kexuejia。" in result.log_lines

    site["显示屏"] = {"启用": False}
    (data_dir / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")
    result = run_mkdocs_build(project, "--strict")
    assert result.returncode == 0, result.log
    assert not (result.site_dir / "display").exists()
