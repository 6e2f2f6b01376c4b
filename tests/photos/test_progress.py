from xingguang.photos import ProgressLog, format_progress
from xingguang.photos.progress import format_duration


def test_progress_line():
    assert format_progress(120, 480, 120 / 8.1) == "照片 120/480 · 每秒 8.1 张 · 约 45 秒后完成"
    assert format_progress(0, 480, 0.0) == "照片 0/480 · 正在开始"
    assert format_progress(480, 480, 59.2) == "照片 480/480 · 每秒 8.1 张 · 已完成，用时 1 分"


def test_durations():
    assert [format_duration(s) for s in (0.2, 44, 200, 3600, 3900)] == ["1 秒", "44 秒", "3 分 20 秒", "1 小时", "1 小时 5 分"]


def test_progress_log_logs_every_few_seconds_and_at_the_end():
    now = [0.0]
    lines: list[str] = []
    log = ProgressLog(lines.append, interval=5.0, clock=lambda: now[0])
    log(0, 100)
    for done in range(1, 101):
        now[0] = done * 0.5  # two photos a second
        log(done, 100)
    assert len(lines) == 10  # at 5, 10, … 50 s; the last one says "done"
    assert lines[0] == "照片 10/100 · 每秒 2.0 张 · 约 45 秒后完成"
    assert lines[-1] == "照片 100/100 · 每秒 2.0 张 · 已完成，用时 50 秒"
