"""Nothing half-written: failed, killed and concurrent builds leave a good site and cache."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXED_TODAY, make_data_dir, make_project, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds

PHOTO_COUNT = 24


def tree_digest(folder: Path, skip: tuple[str, ...] = ("sitemap.xml", "sitemap.xml.gz")) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name not in skip}


def busy_project(root: Path) -> Path:
    """The base project plus an activity with enough photo work to interrupt."""
    root.mkdir(parents=True)
    data_dir = make_data_dir(root)
    lines = ["编号: 2022-05-many", "标题: 很多照片", "日期: 2022-05-01", "分类: 党建", "正文: 很多照片。", "照片:"]
    for index in range(PHOTO_COUNT):
        name = f"photos/many/{index:02d}.jpg"
        path = data_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        # Noise makes the encoders work; seeded, so two projects get the same photos.
        noise = random.Random(index).randbytes(300 * 200 * 3)
        Image.frombytes("RGB", (300, 200), noise).resize((900, 600)).save(path, "JPEG", quality=90)
        lines += [f"  - 文件: {name}", f"    替代文本: 第 {index} 张", f"    说明: 第 {index} 张", "    含学生: false"]
    (data_dir / "activities" / "2022-05-many.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return make_project(root, data_dir)


def build_process(project: Path, site_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat()}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def cached_outputs(project: Path) -> list[Path]:
    return [p for p in (project / ".cache" / "xingguang" / "photos").rglob("*") if p.suffix in (".avif", ".webp", ".jpg")]


def test_kill_during_photo_work_keeps_the_old_site_and_a_usable_cache(tmp_path: Path) -> None:
    project = busy_project(tmp_path / "project")
    # A previous good site, built from the base data only.
    activity = project / "site_data" / "activities" / "2022-05-many.yml"
    held = activity.read_text("utf-8")
    activity.unlink()
    first = run_mkdocs_build(project, fresh_photo_cache=True)
    assert first.returncode == 0, first.log
    before = tree_digest(first.site_dir)
    activity.write_text(held, "utf-8")

    process = build_process(project, first.site_dir)
    deadline = time.monotonic() + 300
    while len(cached_outputs(project)) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGKILL)  # the build and its photo workers
    process.communicate(timeout=60)

    assert tree_digest(first.site_dir) == before  # the old site, untouched
    resumed = run_mkdocs_build(project, fresh_photo_cache=True)
    assert resumed.returncode == 0, resumed.log
    assert not list(project.glob(".site.xingguang-*"))  # leftovers of the killed build are gone

    # The same data built from scratch in a fresh project gives the same files.
    fresh = busy_project(tmp_path / "fresh")
    clean = run_mkdocs_build(fresh, fresh_photo_cache=True)
    assert clean.returncode == 0, clean.log
    assert tree_digest(resumed.site_dir) == tree_digest(clean.site_dir)


def test_two_builds_at_once_on_one_cache(tmp_path: Path) -> None:
    project = busy_project(tmp_path / "project")
    one = build_process(project, project / "site-one")
    two = build_process(project, project / "site-two")
    out_one, out_two = one.communicate(timeout=600)[0], two.communicate(timeout=600)[0]
    assert one.returncode == 0, out_one.decode()
    assert two.returncode == 0, out_two.decode()
    assert tree_digest(project / "site-one") == tree_digest(project / "site-two")
    # And the shared cache is still good: a third build encodes nothing and matches.
    third = run_mkdocs_build(project, site_dir=project / "site-three", fresh_photo_cache=True)
    assert third.returncode == 0, third.log
    assert "xingguang: 照片" not in third.log
    assert tree_digest(project / "site-three") == tree_digest(project / "site-one")


def test_failure_after_pages_were_written_keeps_the_old_site(base_project: Path) -> None:
    good = run_mkdocs_build(base_project)
    assert good.returncode == 0, good.log
    before = tree_digest(good.site_dir)
    # A photo whose header is fine but whose data stops half-way: planning passes,
    # decoding fails during photo work, after MkDocs has written the pages.
    photo = base_project / "site_data" / "photos" / "qingming-2.jpg"
    Image.effect_noise((640, 400), 50).convert("RGB").save(photo, "JPEG", quality=95)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 3])
    bad = run_mkdocs_build(base_project)
    assert bad.returncode == 1
    assert "site_data/photos/qingming-2.jpg  [XG405 照片文件损坏]" in bad.log
    assert "Traceback" not in bad.log
    assert tree_digest(good.site_dir) == before
    assert not list(base_project.glob(".site.xingguang-*"))
