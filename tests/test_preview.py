"""The live preview (`mkdocs serve`, what scripts/site.sh runs) as an editor uses it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, draw_photo

pytestmark = pytest.mark.slow  # whole-site builds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting on {url}; last page:\n{last[:2000]}")


def start_preview(project: Path, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """`mkdocs serve` of ``project`` as scripts/site.sh runs it, its output in ``log_path``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat()}
    with open(log_path, "w") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        )


def test_preview_shows_problems_then_the_site_again(base_project: Path) -> None:
    port = free_port()
    log_path = base_project / "serve.log"
    server = start_preview(base_project, port, log_path)
    try:
        base = f"http://127.0.0.1:{port}/"
        page = f"{base}activities/2022-04-qingming/"
        good = wait_for(page, lambda html: "少先队员在烈士纪念碑前敬献花圈" in html)
        assert "livereload" in good
        # The editors' guide is kept out of the published site but is here, in the preview.
        assert "编辑指南" in good and "字段参考" in fetch(f"{base}guide/fields/")
        # Shown as pages of the preview, not stamped with MkDocs' English draft marker.
        assert "mkdocs-draft-marker" not in fetch(f"{base}guide/")

        # An editor forgets the quotes around a time: the page they are looking at
        # turns into the list of problems, in Chinese, with file, line and fix.
        activity = base_project / "site_data" / "activities" / "2022-04-qingming.yml"
        original = activity.read_text("utf-8")
        activity.write_text(original.replace("日期: 2022-04-02\n", "日期: 2022-04-02\n时间: 12:00\n"), "utf-8")
        broken = wait_for(page, lambda html: "数据里有 1 处错误" in html)
        assert "site_data/activities/2022-04-qingming.yml 第 4 行第 5 列" in broken
        assert "YAML 把它读成了数字 720" in broken
        assert "时间: &#34;12:00&#34;" in broken or "时间: &quot;12:00&quot;" in broken
        assert "少先队员在烈士纪念碑前敬献花圈" not in broken  # no stale page passed off as current
        assert "数据里有 1 处错误" in fetch(base)

        # Fixed: the site is back. A new photo is the only one encoded again.
        draw_photo(base_project / "site_data" / "photos" / "qingming-3.jpg", (64, 48), seed=99)
        activity.write_text(original.replace("照片:\n", "照片:\n  - 文件: photos/qingming-3.jpg\n"
                                             "    替代文本: 新照片\n    说明: 新照片\n    含学生: false\n"), "utf-8")
        fixed = wait_for(page, lambda html: "新照片" in html and "数据里有" not in html)
        assert "少先队员在烈士纪念碑前敬献花圈" in fixed
        time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
    log_text = log_path.read_text("utf-8")
    assert "Traceback" not in log_text
    # MkDocs' English line for each nav entry that names a draft page (8 of them) is not printed.
    assert "is included in the 'nav' configuration" not in log_text
    assert "DRAFT" not in log_text
    photo_lines = [line for line in log_text.splitlines() if "xingguang: 照片" in line and "已完成" in line]
    # First build encodes the three base photos; the fix encodes only the new one.
    assert photo_lines[0].split("照片 ")[1].startswith("3/3")
    assert photo_lines[-1].split("照片 ")[1].startswith("1/1")
