"""MkDocs' own lines in the editor's terminal, said in Chinese.

The editors who run the preview (``bash scripts/site.sh``, i.e. ``mkdocs serve``) and the
build are teachers, not programmers: between our Chinese lines MkDocs prints its own English
ones ("Building documentation...", "Serving on http://…", "Detected file changes"). MkDocs has
no option for its language, but its lines go through standard ``logging`` loggers named after
its modules. A :class:`logging.Filter` on those loggers rewrites each known line before any
handler formats it; the level is kept, so warnings stay warnings (and count under --strict).
A line not listed here is left as MkDocs wrote it: English is better than a line hidden.

tests/test_console.py runs a real ``mkdocs serve`` and ``mkdocs build`` and fails when an
English line comes back (a reworded line in a later MkDocs, a new one).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

MKDOCS_LOGGERS = ("mkdocs.commands.build", "mkdocs.commands.serve", "mkdocs.livereload")
"""The loggers of MkDocs' build, its preview command and its preview server. A filter on a
logger sees only the records of that logger, not those of its children or parents."""

SERVE_ADDRESS_NOTE = "（改了 site_data 会自动刷新）"

# The preview server stamps its lines with the time of day; the stamp is kept.
_CLOCK = re.compile(r"(\[\d\d:\d\d:\d\d\] )?(.*)", re.DOTALL)


def _quoted_list(text: str) -> str:
    """MkDocs' "'docs', 'mkdocs.yml'" as "docs、mkdocs.yml"."""
    return "、".join(re.findall(r"'([^']*)'", text)) or text


class ChineseConsole(logging.Filter):
    """Rewrites MkDocs' known English lines in Chinese; every record passes on."""

    def __init__(self) -> None:
        super().__init__()
        # The address line says the page refreshes itself only when the server watches files
        # (not under `mkdocs serve --no-livereload`); the watch line comes just before it.
        self.watching = False
        self._lines: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
            (re.compile(pattern, re.DOTALL), say) for pattern, say in (
                # mkdocs/commands/serve.py
                (r"Building documentation\.\.\.", lambda m: "正在生成网站…"),
                (r"Shutting down\.\.\.", lambda m: "预览已停止。"),
                # mkdocs/commands/build.py
                (r"Cleaning site directory", lambda m: "正在清空这次生成要写入的文件夹"),
                (r"Building documentation to directory: (.*)", lambda m: f"正在生成网站，先写进文件夹 {m[1]}"),
                (r"Documentation built in ([\d.]+) seconds", lambda m: f"网站生成完毕，用时 {m[1]} 秒"),
                (r"The directory contains stale files\. Use --clean to remove them\.",
                 lambda m: "文件夹里还留着上次的旧文件：去掉 --dirty 重新生成，就会清掉它们。"),
                (r"The following pages are being built only for the preview but will be excluded "
                 r"from `mkdocs build` per `draft_docs` config:(.*)",
                 lambda m: f"这些页面只在预览里有，正式生成的网站里没有（mkdocs.yml 的 draft_docs）：{m[1]}"),
                # mkdocs/livereload/__init__.py
                (r"Watching paths for changes: (.*)", self._watching),
                (r"Serving on (\S+?)( and opening it in a browser)?", self._serving),
                (r"Detected file changes", lambda m: "发现文件有改动，重新生成…"),
                (r"Reloading browsers", lambda m: "已生成，浏览器里的页面会自动刷新"),
                (r"Browser connected: (.*)", lambda m: f"浏览器打开了 {m[1]}"),
                (r"An error happened during the rebuild\. The server will appear stuck until build "
                 r"errors are resolved\.",
                 lambda m: "重新生成时出错了（见上面的说明）。改好之前，浏览器里的页面会一直停在加载中。"),
            )
        ]

    def _watching(self, match: re.Match[str]) -> str:
        self.watching = True
        return f"留意这些文件夹和文件里的改动：{_quoted_list(match[1])}"

    def _serving(self, match: re.Match[str]) -> str:
        opening = "，正在用浏览器打开" if match[2] else ""
        return f"预览地址：{match[1]} {SERVE_ADDRESS_NOTE if self.watching else ''}".rstrip() + opening

    def filter(self, record: logging.LogRecord) -> bool:
        clock, text = _CLOCK.fullmatch(record.getMessage()).groups()  # type: ignore[union-attr]
        for english, say in self._lines:
            match = english.fullmatch(text)
            if match:
                record.msg, record.args = (clock or "") + say(match), ()
                break
        return True


_console: ChineseConsole | None = None


def speak_chinese() -> None:
    """From now on MkDocs' known lines are printed in Chinese. Call it once per command
    (``on_startup``): the watch/serve state starts afresh."""
    global _console
    stop_speaking_chinese()
    _console = ChineseConsole()
    for name in MKDOCS_LOGGERS:
        logging.getLogger(name).addFilter(_console)


def stop_speaking_chinese() -> None:
    """MkDocs' lines as MkDocs writes them again (``on_shutdown``)."""
    global _console
    if _console is not None:
        for name in MKDOCS_LOGGERS:
            logging.getLogger(name).removeFilter(_console)
    _console = None
