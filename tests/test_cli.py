"""The `xingguang` command as editors and CI use it."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import FIXED_TODAY, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.problems import DataProblems


def xingguang(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xingguang.cli", "--root", str(project), *args],
                          capture_output=True, text=True, timeout=300)


def test_check_passes_on_good_data_and_fails_with_the_build_message(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    good = xingguang(tmp_path, "check", "--today", FIXED_TODAY.isoformat())
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("数据检查通过：2 位教师、1 个长廊、1 次活动、1 项荣誉、3 处照片。")
    activity = data_dir / "activities" / "2022-04-qingming.yml"
    activity.write_text(activity.read_text("utf-8").replace("分类: 少先队", "分类: 少先对"), "utf-8")
    bad = xingguang(tmp_path, "check", "--today", FIXED_TODAY.isoformat())
    assert bad.returncode == 1
    with pytest.raises(DataProblems) as problems:
        load_catalog(data_dir, today=FIXED_TODAY)
    assert bad.stderr.strip() == str(problems.value).strip()
    assert "你是不是想写“少先队”？" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_new_activity_is_commented_and_asks_for_what_is_missing(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    made = xingguang(tmp_path, "new", "activity")
    assert made.returncode == 0, made.stderr
    today = datetime.date.today().isoformat()
    path = data_dir / "activities" / f"{today}-xin-huodong.yml"
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    assert data["编号"] == f"{today}-xin-huodong" and str(data["日期"]) == today
    for alias in ("标题", "分类", "正文", "参与教师", "照片", "时间"):
        assert f"# {alias}：" in text  # every field explained
    assert '# 时间: "14:30"' in text
    # A second one gets a fresh id.
    assert xingguang(tmp_path, "new", "activity").returncode == 0
    assert (data_dir / "activities" / f"{today}-xin-huodong-2.yml").exists()
    check = xingguang(tmp_path, "check")
    assert check.returncode == 1
    assert "“标题”只写了字段名，没有写内容。" in check.stderr


def test_add_photos_copies_and_lists_them_for_the_editor(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    phone = tmp_path / "phone"
    phone.mkdir()
    for name in ("IMG_0001.JPG", "IMG_0002.jpeg", "notes.txt"):
        if name.endswith("txt"):
            (phone / name).write_text("not a photo")
        else:
            Image.new("RGB", (80, 60), (200, 100, 50)).save(phone / name, "JPEG")
    done = xingguang(tmp_path, "add-photos", str(phone), "--activity", "2022-04-qingming")
    assert done.returncode == 0, done.stderr
    folder = data_dir / "photos" / "activities" / "2022-04-qingming"
    assert sorted(p.name for p in folder.iterdir()) == ["img-0001.jpg", "img-0002.jpg"]
    record = yaml.safe_load((data_dir / "activities" / "2022-04-qingming.yml").read_text("utf-8"))
    files = [p["文件"] for p in record["照片"]]
    assert files[-2:] == ["photos/activities/2022-04-qingming/img-0001.jpg",
                          "photos/activities/2022-04-qingming/img-0002.jpg"]
    check = xingguang(tmp_path, "check", "--today", FIXED_TODAY.isoformat())
    assert check.returncode == 1
    # One message per kind of gap, listing the lines (not one per photo and field).
    assert check.stderr.startswith("网站数据里有 2 处错误")
    assert check.stderr.count("“替代文本”不能为空。同样的问题在这个文件里共有 2 处（第 18、22 行）。") == 1
    assert check.stderr.count("“含学生”只写了字段名，没有写内容。同样的问题在这个文件里共有 2 处（第 20、24 行）。") == 1


def test_unknown_activity_is_explained(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    (tmp_path / "phone").mkdir()
    result = xingguang(tmp_path, "add-photos", str(tmp_path / "phone"), "--activity", "nope")
    assert result.returncode == 2
    assert "找不到编号为 nope 的活动纪实。现有的编号：2022-04-qingming。" in result.stderr


def test_demo_data_passes_check_as_in_the_pre_commit_hook() -> None:
    repo = Path(__file__).resolve().parents[1]
    hook = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text("utf-8"))["repos"][0]["hooks"][0]
    assert hook["entry"].endswith("xingguang check") and hook["files"] == "^site_data/"
    result = xingguang(repo, "check", "--strict")
    assert result.returncode == 0, result.stderr
