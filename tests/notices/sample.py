"""The notices of the notice tests' site: every state a notice can be in on the build's day."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml

from conftest import FIXED_TODAY
from notices.documents import office_file, pdf_file

SITE_URL = "https://www.cbxx.example.cn/xiaoyuan/"
DAY = datetime.timedelta(days=1)
T = FIXED_TODAY
NOTICES = {
    # id: (date, category, extra fields)
    "old-pinned": (T - 60 * DAY, "招生", {"置顶至": T + 30 * DAY}),
    "pin-over": (T - 5 * DAY, "通知", {"置顶至": T - DAY}),
    "newest": (T - DAY, "安全提醒", {}),
    "expired": (T - 3 * DAY, "家长学校", {"有效期至": T - DAY}),
    "last-day": (T - 10 * DAY, "公告", {"有效期至": T}),
    "alarm": (T - 2 * DAY, "安全提醒", {"紧急": True, "有效期至": T + DAY}),
    "files": (T - 20 * DAY, "通知", {"附件": [
        {"标题": "寒假安排", "文件": "files/hanjia.pdf"},
        {"标题": "报名表", "文件": "files/baoming.docx"},
        {"标题": "统计表", "文件": "files/tongji.xlsx"},
    ]}),
}
FILLERS = [f"filler-{n:02d}" for n in range(1, 16)]
"""Older notices, so that the feeds have more than their 20 entries to choose from."""
HOME_ORDER = ["old-pinned", "newest", "alarm", "pin-over", "last-day"]  # five, current, pinned first
SECTION_ORDER = ["old-pinned", "newest", "alarm", "expired", "pin-over", "last-day", "files", *FILLERS]


def write_notices(data_dir: Path) -> None:
    folder = data_dir / "notices"
    folder.mkdir()
    fillers = {notice_id: (T - (100 + n) * DAY, "公告", {}) for n, notice_id in enumerate(FILLERS)}
    for notice_id, (date, category, extra) in {**NOTICES, **fillers}.items():
        record = {"编号": notice_id, "标题": f"标题{notice_id}", "日期": date, "类别": category,
                  "正文": f"正文{notice_id}：请家长**准时**参加。", "发布单位": "德育处", **extra}
        (folder / f"{notice_id}.yml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    files = data_dir / "files"
    files.mkdir()
    (files / "hanjia.pdf").write_bytes(pdf_file())
    (files / "baoming.docx").write_bytes(office_file("docx"))
    (files / "tongji.xlsx").write_bytes(office_file("xlsx"))
