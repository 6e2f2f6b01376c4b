"""The live preview after a series of edits is the site a fresh preview makes of the same data.

The preview keeps every page it rendered (src/xingguang/render_cache.py) and renders again
only the pages whose inputs changed. Here an editor's random edits (add, change, move, delete,
rename an id, rename a teacher, a data error and its fix) go through a running `mkdocs serve`;
after each one, once the served page shows it, the folder the preview serves is compared
file by file with the folder of a fresh `mkdocs serve` started on a copy of the same data.
"""

from __future__ import annotations

import datetime
import os
import random
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, make_project
from xingguang.staging import RETIRED_MARK

pytestmark = pytest.mark.slow  # whole-site builds

SEED = int(os.environ.get("XINGGUANG_EDIT_SEED", "7"))
"""Another seed, another series of edits: XINGGUANG_EDIT_SEED=13 pytest tests/test_preview_incremental.py.
Seed 7 makes every kind: two activities moved (one into 2023, a new year page), a teacher
renamed (a new word for jieba), an id renamed and then deleted, a title changed, one added."""
EDITS = 7
DATED = {"sitemap.xml", "sitemap.xml.gz"}
"""MkDocs writes the build date into the sitemap."""
ACTIVITIES = Path("site_data") / "activities"


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_and_text(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


@dataclass
class Preview:
    """A running `mkdocs serve`: its address, its log, the folder it serves."""
    project: Path
    port: int
    log: Path
    temp: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait(self, path: str, shows: Callable[[int, str], bool], timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if shows(*status_and_text(self.base + path)):
                return
            time.sleep(0.2)
        raise AssertionError(f"the preview never showed the edit at /{path}; log:\n{self.log.read_text()[-3000:]}")

    def site(self) -> dict[str, bytes]:
        """The served folder, read when no rebuild is running (MkDocs' own log says when)."""
        # Not the previous build's folder, set aside and still being removed (xingguang/staging.py).
        folders = [folder for folder in self.temp.glob("mkdocs_*") if RETIRED_MARK not in folder.name]
        assert len(folders) == 1, folders
        for _ in range(600):
            log = self.log.read_text("utf-8")
            if log.count("发现文件有改动") == log.count("浏览器里的页面会自动刷新"):
                files = {path.relative_to(folders[0]).as_posix(): path.read_bytes()
                         for path in sorted(folders[0].rglob("*")) if path.is_file() and path.name not in DATED}
                if self.log.read_text("utf-8") == log:
                    # The preview's own address is in its pages (canonical links): one name for both.
                    return {name: data.replace(f"127.0.0.1:{self.port}".encode(), b"127.0.0.1:PORT")
                            for name, data in files.items()}
            time.sleep(0.2)
        raise AssertionError("the preview kept rebuilding")


@contextmanager
def preview(project: Path) -> Iterator[Preview]:
    temp = project.parent / f"{project.name}-tmp"
    temp.mkdir()
    # MkDocs serves from a folder made with tempfile.mkdtemp: its own TMPDIR makes it findable.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat(),
           "TMPDIR": str(temp)}
    running = Preview(project, free_port(), project.parent / f"{project.name}-serve.log", temp)
    with open(running.log, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{running.port}", "--livereload"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        running.wait("", lambda status, html: status == 200)
        yield running
    finally:
        server.terminate()
        server.wait(timeout=60)


def fresh_preview_of(project: Path, name: str) -> dict[str, bytes]:
    """A new `mkdocs serve` of a copy of ``project`` (photo cache included): nothing carried over."""
    copy = project.parent / name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", "*-serve.log"))
    with preview(copy) as fresh:
        return fresh.site()


def unreferenced_activities(project: Path) -> list[str]:
    """Activities no other record names (an honour's 相关活动), so deleting one leaves valid data."""
    ids = sorted(path.stem for path in (project / ACTIVITIES).glob("*.yml"))
    others = "".join(path.read_text("utf-8") for path in (project / "site_data").rglob("*.yml")
                     if path.parent.name != "activities")
    return [record_id for record_id in ids if record_id not in others]


def replace_line(path: Path, field: str, value: str) -> None:
    text = path.read_text("utf-8")
    new, count = re.subn(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1, (path, field)
    path.write_text(new, "utf-8")


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def random_edit(project: Path, rnd: random.Random, n: int) -> tuple[str, str, Callable[[int, str], bool]]:
    """Make one edit on disk; returns what it was, the page that shows it, and how to tell."""
    kind = rnd.choice(["add", "title", "date", "delete", "rename", "teacher"])
    folder = project / ACTIVITIES
    choices = unreferenced_activities(project)
    record_id = rnd.choice(choices)
    path = folder / f"{record_id}.yml"
    marker = f"第{n}次修改"
    if kind == "add":
        new_id = f"2023-0{n % 9 + 1}-xinhuodong-{n}"
        title = f"{marker}新活动"
        (folder / f"{new_id}.yml").write_text(path.read_text("utf-8"), "utf-8")
        replace_line(folder / f"{new_id}.yml", "编号", new_id)
        replace_line(folder / f"{new_id}.yml", "标题", title)
        replace_line(folder / f"{new_id}.yml", "日期", f"2023-0{n % 9 + 1}-15")
        return f"add {new_id}", f"activities/{new_id}/", lambda status, html: title in html
    if kind == "title":
        title = f"{marker}的活动标题"
        replace_line(path, "标题", title)
        return f"retitle {record_id}", f"activities/{record_id}/", lambda status, html: title in html
    if kind == "date":
        # After the consent was signed (2022-09-01): 2023 makes a new year page.
        day = datetime.date(2022, 9, 2) + datetime.timedelta(days=rnd.randrange(300))
        replace_line(path, "日期", day.isoformat())
        return (f"move {record_id} to {day}", f"activities/{record_id}/",
                lambda status, html: cn_date(day) in html)
    if kind == "delete":
        path.unlink()
        return f"delete {record_id}", f"activities/{record_id}/", lambda status, html: status == 404
    if kind == "rename":
        new_id = f"{record_id}-{n}"
        path.rename(folder / f"{new_id}.yml")
        replace_line(folder / f"{new_id}.yml", "编号", new_id)
        return f"rename {record_id} to {new_id}", f"activities/{new_id}/", lambda status, html: status == 200
    teacher = rnd.choice(sorted((project / "site_data" / "teachers").glob("*.yml")))
    name = f"{'王李张刘陈杨黄赵'[n % 8]}{'新明华'[n % 3]}{'老师一二三四五六七'[n % 9]}"
    replace_line(teacher, "姓名", name)
    return f"rename teacher {teacher.stem} to {name}", f"teachers/{teacher.stem}/", lambda status, html: name in html


def test_the_preview_after_random_edits_equals_a_fresh_preview(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    rnd = random.Random(SEED)
    done: list[str] = []
    with preview(project) as running:
        for n in range(1, EDITS + 1):
            if n == 3:
                # A data error: the preview shows the Chinese problem list, then the fixed site.
                path = project / ACTIVITIES / f"{unreferenced_activities(project)[0]}.yml"
                good = path.read_text("utf-8")
                path.write_text(good.replace("\n日期:", "\n时间: 12:00\n日期:", 1), "utf-8")
                running.wait("", lambda status, html: "数据里有 1 处错误" in html and "YAML 把它读成了数字 720" in html)
                path.write_text(good, "utf-8")
                running.wait("", lambda status, html: status == 200 and "数据里有" not in html)
                done.append(f"error in {path.stem}, fixed")
            edit, page, shows = random_edit(project, rnd, n)
            done.append(edit)
            running.wait(page, shows)
            served = running.site()
            fresh = fresh_preview_of(project, f"fresh-{n}")
            assert sorted(served) == sorted(fresh), f"after {done}"
            differing = [name for name in served if served[name] != fresh[name]]
            assert not differing, f"after {done}: {differing[:10]}"
