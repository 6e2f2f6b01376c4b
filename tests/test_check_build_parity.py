"""`xingguang check --strict` and `mkdocs build --strict` agree: the same problems
(code and file), the same exit code. Each case is one real build and one real check."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import FIXED_TODAY, make_data_dir, make_project, run_mkdocs_build

PROBLEM = re.compile(r"(site_data/[^\s：]+?)(?: 第 \d+ 行第 \d+ 列)?  \[(XG\d+) ")
WARNING = re.compile(r"\[(XG\d+)\] (site_data/[^\s：]+)")


def reported(text: str) -> list[tuple[str, str]]:
    """(code, file) of every problem and warning in a check's or a build's output."""
    found = [(code, file) for file, code in PROBLEM.findall(text)] + WARNING.findall(text)
    return sorted(found)


def check_strict(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xingguang.cli", "--root", str(project), "check", "--strict",
                           "--today", FIXED_TODAY.isoformat()], capture_output=True, text=True, timeout=300)


def playlist_naming_nothing(data_dir: Path) -> None:
    site = yaml.safe_load((data_dir / "site.yml").read_text("utf-8"))
    site["显示屏"] = {"播放列表": [{"名称": "科学角", "内容": ["长廊"], "长廊": ["kexuejai"]}]}
    (data_dir / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")


def photo_cut_off_and_others_wrong(data_dir: Path) -> None:
    """A JPEG cut off by an interrupted copy, in a record that also has a .gif, a text
    file named .jpg and a wrong field: every one of them in the first run."""
    whole = data_dir / "photos" / "qingming-1.jpg"
    Image.effect_noise((400, 300), 40).convert("RGB").save(whole, "JPEG", quality=90)
    whole.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    (data_dir / "photos" / "notes.jpg").write_text("这不是照片", "utf-8")
    Image.new("RGB", (8, 8)).save(data_dir / "photos" / "moving.gif")
    activity = data_dir / "activities" / "2022-04-qingming.yml"
    activity.write_text(activity.read_text("utf-8").replace("分类: 少先队", "分类: 少先队\n颜色: 红") + (
        "  - 文件: photos/moving.gif\n    替代文本: 动图\n    说明: 动图\n    含学生: false\n"
        "  - 文件: photos/notes.jpg\n    替代文本: 笔记\n    说明: 笔记\n    含学生: false\n"), "utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("change", "expected"), [
    (None, []),
    (playlist_naming_nothing, [("XG505", "site_data/site.yml")]),
    (photo_cut_off_and_others_wrong, [("XG202", "site_data/activities/2022-04-qingming.yml"),
                                      ("XG404", "site_data/activities/2022-04-qingming.yml"),
                                      ("XG405", "site_data/photos/notes.jpg"),
                                      ("XG405", "site_data/photos/qingming-1.jpg")]),
], ids=["valid", "playlist", "photos"])
def test_check_and_build_report_the_same_problems(tmp_path: Path, change, expected) -> None:
    project = tmp_path / "project"
    data_dir = make_data_dir(project)
    if change is not None:
        change(data_dir)
    make_project(project, data_dir)
    check = check_strict(project)
    build = run_mkdocs_build(project, "--strict")
    assert "Traceback" not in check.stderr + build.log
    assert reported(check.stderr) == expected, check.stderr
    assert reported(build.log) == expected, build.log
    assert check.returncode == build.returncode == (1 if expected else 0), (check.stderr, build.log)


@pytest.mark.parametrize("script", ["scripts/site.sh", "scripts/test.sh"])
def test_scripts_switch_off_materials_english_banner(script: str) -> None:
    # Material prints a yellow English banner about MkDocs 2.0 at every build unless
    # this is set before MkDocs starts (a hook runs too late to set it).
    text = (Path(__file__).resolve().parents[1] / script).read_text("utf-8")
    lines = text.splitlines()
    exported = lines.index("export NO_MKDOCS_2_WARNING=1")
    started = next(i for i, line in enumerate(lines) if line.startswith("exec python -m"))
    assert exported < started
