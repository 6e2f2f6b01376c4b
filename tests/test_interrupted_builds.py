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
from xingguang.photos.cache import read_index, short_digest

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


# `mkdocs build` whose photo worker dies (SIGKILL, as from the out-of-memory killer) when it
# takes the photo named first on the command line. A file, not `-c`: the workers import it.
WORKER_KILLED_ON_PHOTO = """
import os, signal, sys
from pathlib import Path

import xingguang.photos.encode as encode
import xingguang.photos.pipeline as pipeline

VICTIM = os.environ["XG_TEST_VICTIM"]


def die(job):
    os.kill(os.getpid(), signal.SIGKILL)


def encode_or_die(job):
    if Path(job.source).name == VICTIM:
        encode.run_job = die  # in this worker only, after it noted the photo in hand
    return encode.run_job_in_worker(job)


if __name__ == "__main__":
    from mkdocs.__main__ import cli

    pipeline.run_job_in_worker = encode_or_die
    cli(sys.argv[1:], prog_name="mkdocs")
"""


def test_a_killed_photo_worker_stops_the_build_with_a_message_and_keeps_site_and_cache(base_project: Path,
                                                                                     tmp_path: Path) -> None:
    site_yml = base_project / "site_data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("并行数: 1", "并行数: 2"), "utf-8")
    good = run_mkdocs_build(base_project, fresh_photo_cache=True)
    assert good.returncode == 0, good.log
    before = tree_digest(good.site_dir)
    # New pixels in two photos: the next build has work for two workers.
    for name in ("qingming-1.jpg", "qingming-2.jpg"):
        Image.effect_noise((640, 400), 50).convert("RGB").save(base_project / "site_data" / "photos" / name, "JPEG")
    photo = base_project / "site_data" / "photos" / "qingming-2.jpg"
    script = tmp_path / "killed_worker.py"
    script.write_text(WORKER_KILLED_ON_PHOTO, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat(),
           "XG_TEST_VICTIM": photo.name}
    bad = subprocess.run([sys.executable, str(script), "build", "-f", str(base_project / "mkdocs.yml"),
                          "-d", str(good.site_dir)], cwd=base_project, env=env, capture_output=True, text=True,
                         timeout=600)
    log = bad.stderr + bad.stdout
    assert bad.returncode == 1, log
    assert "site_data/photos/qingming-2.jpg  [XG408 处理照片时后台进程被系统结束]" in log
    assert "问题：处理这张照片（用在：活动 2022-04-qingming）的后台进程被系统强行结束了，多半是内存不够" in log
    assert "并行数: 1" in log  # what to do about it
    assert "Traceback" not in log and "BrokenProcessPool" not in log
    assert tree_digest(good.site_dir) == before
    assert not list(base_project.glob(".site.xingguang-*"))
    cache = base_project / ".cache" / "xingguang" / "photos"
    assert not list(cache.rglob("*.tmp"))
    _sources, outputs = read_index(cache)
    for name, (size, digest) in outputs.items():
        data = (cache / name[:2] / name).read_bytes()
        assert (len(data), short_digest(data)) == (size, digest), name
    # The next build, nothing killed, finishes the work and publishes.
    again = run_mkdocs_build(base_project, fresh_photo_cache=True)
    assert again.returncode == 0, again.log
    assert tree_digest(again.site_dir) != before


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
