"""What the editor's terminal shows during a real `mkdocs serve`: every line in Chinese.

`mkdocs build`'s lines are checked to the letter in test_build.py."""

from __future__ import annotations

import re
import signal
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from test_preview import free_port, start_preview, wait_for

pytestmark = pytest.mark.slow  # whole-site builds

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def english_lines(log: str) -> list[str]:
    """Lines of a log with no Chinese in them: MkDocs' own, untranslated."""
    return [line for line in log.splitlines() if line.strip() and not CHINESE.search(line)]


def wait_for_line(log_path: Path, text: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while text not in log_path.read_text("utf-8"):
        assert time.monotonic() < deadline, f"never printed {text!r}:\n{log_path.read_text('utf-8')}"
        time.sleep(0.2)


def test_the_preview_speaks_chinese_from_start_to_ctrl_c(base_project: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log_path = base_project / "serve.log"
    server = start_preview(base_project, port, log_path)
    try:
        page = f"{base}activities/2022-04-qingming/"
        html = wait_for(page, lambda html: "livereload(" in html)
        # The page's live-reload script asks the server for news; MkDocs logs that a browser connected.
        epoch = re.search(r"livereload\((\d+), \d+\)", html)
        assert epoch is not None
        poll = urllib.request.Request(f"{base}livereload/{epoch[1]}/1", headers={"Referer": page})
        waiting = threading.Thread(target=lambda: urllib.request.urlopen(poll, timeout=90).read())
        waiting.start()
        wait_for_line(log_path, "浏览器打开了")
        # An editor saves a data file: the preview rebuilds and the browser is told.
        activity = base_project / "site_data" / "activities" / "2022-04-qingming.yml"
        activity.write_text(activity.read_text("utf-8") + "\n", "utf-8")
        waiting.join(timeout=120)
        wait_for_line(log_path, "浏览器里的页面会自动刷新")
        # As the editor stops it: Ctrl+C.
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=60)
    log_text = log_path.read_text("utf-8")
    assert english_lines(log_text) == []
    messages = [re.sub(r"^\w+ +-  (\[\d\d:\d\d:\d\d\] )?", "", line) for line in log_text.splitlines()]
    assert messages.count("正在生成网站…") == 2  # the first build and the rebuild
    assert f"预览地址：{base} （改了 site_data 会自动刷新）" in messages
    assert "留意这些文件夹和文件里的改动：docs、mkdocs.yml、site_data" in messages
    assert f"浏览器打开了 {page}" in messages
    assert "发现文件有改动，重新生成…" in messages
    assert "已生成，浏览器里的页面会自动刷新" in messages
    assert messages[-1] == "预览已停止。"
    assert len([m for m in messages if re.fullmatch(r"网站生成完毕，用时 [\d.]+ 秒", m)]) == 2

