"""Progress of long photo work, told in one Chinese line every few seconds."""

from __future__ import annotations

import math
import time
from typing import Callable


def format_progress(done: int, total: int, elapsed: float) -> str:
    """``照片 120/480 · 每秒 8.1 张 · 约 44 秒后完成`` (``elapsed`` in seconds since work began)."""
    head = f"照片 {done}/{total}"
    if done <= 0 or elapsed <= 0:
        return f"{head} · 正在开始"
    rate = done / elapsed
    if done >= total:
        return f"{head} · 每秒 {rate:.1f} 张 · 已完成，用时 {format_duration(elapsed)}"
    return f"{head} · 每秒 {rate:.1f} 张 · 约 {format_duration((total - done) / rate)}后完成"


def format_duration(seconds: float) -> str:
    """44 -> "44 秒", 200 -> "3 分 20 秒", 3900 -> "1 小时 5 分"."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} 秒"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} 分 {seconds} 秒" if seconds else f"{minutes} 分"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes} 分" if minutes else f"{hours} 小时"


class ProgressLog:
    """A ``progress(done, total)`` callback that logs a line at most every ``interval`` seconds.

    The first call starts the clock; the last (done == total) always logs, unless
    there was nothing to do.
    """

    def __init__(self, log: Callable[[str], object], interval: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.log = log
        self.interval = interval
        self.clock = clock
        self.started: float | None = None
        self.last_logged = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if self.started is None:
            self.started = self.last_logged = now
            return
        finished = total > 0 and done >= total
        if finished or now - self.last_logged >= self.interval:
            self.last_logged = now
            self.log(format_progress(done, total, now - self.started))
