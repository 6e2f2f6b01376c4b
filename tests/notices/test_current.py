"""Which notices are current on a day, in what order; the demo's notices; `xingguang new notice`."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import FIXED_TODAY, REPO, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.notices import current_notices, emergency_notices, is_expired, is_pinned, pinned_first
from xingguang.records import Notice

D = datetime.date


def notice(notice_id: str, date: D, **fields: object) -> Notice:
    data = {"编号": notice_id, "标题": notice_id, "日期": date, "类别": "通知", "正文": "正文", "发布单位": "德育处", **fields}
    return Notice.model_validate(data)


def test_last_days_count_themselves() -> None:
    n = notice("a", D(2023, 1, 6), **{"置顶至": D(2023, 1, 10), "有效期至": D(2023, 1, 20)})
    assert is_pinned(n, D(2023, 1, 10)) and not is_pinned(n, D(2023, 1, 11))
    assert not is_expired(n, D(2023, 1, 20)) and is_expired(n, D(2023, 1, 21))
    assert not is_expired(notice("b", D(2023, 1, 6)), D(2099, 1, 1))  # no 有效期至: never expires


def test_current_notices_pinned_first_then_newest_without_expired() -> None:
    today = D(2023, 3, 1)
    old_pinned = notice("old-pinned", D(2023, 1, 1), **{"置顶至": D(2023, 6, 30)})
    pin_over = notice("pin-over", D(2023, 2, 20), **{"置顶至": D(2023, 2, 28)})
    newest = notice("newest", D(2023, 2, 25))
    expired = notice("expired", D(2023, 2, 26), **{"有效期至": D(2023, 2, 28)})
    expired_pinned = notice("expired-pinned", D(2023, 2, 27), **{"置顶至": D(2023, 6, 30), "有效期至": D(2023, 2, 28)})
    same_day = notice("same-day-b", D(2023, 2, 25))
    notices = [newest, expired, old_pinned, pin_over, expired_pinned, same_day]
    assert [n.id for n in current_notices(notices, today)] == ["old-pinned", "same-day-b", "newest", "pin-over"]
    # The archive keeps everything, pinned first: an expired notice is never pinned.
    assert [n.id for n in pinned_first(notices, today)] == [
        "old-pinned", "expired-pinned", "expired", "same-day-b", "newest", "pin-over"]
    assert [n.id for n in current_notices(reversed(notices), today)] == ["old-pinned", "same-day-b", "newest", "pin-over"]


def test_emergency_notices_leave_when_they_expire() -> None:
    alarm = notice("baoyu", D(2023, 7, 10), **{"紧急": True, "有效期至": D(2023, 7, 11)})
    calm = notice("calm", D(2023, 7, 10))
    assert emergency_notices([alarm, calm], D(2023, 7, 11)) == [alarm]
    assert emergency_notices([alarm, calm], D(2023, 7, 12)) == []


def test_demo_notices_show_every_state() -> None:
    catalog = load_catalog(REPO / "site_data", today=FIXED_TODAY)
    notices = list(catalog.notices.values())
    assert len(notices) == 6
    assert [n.date for n in notices] == sorted((n.date for n in notices), reverse=True)  # catalog: newest first
    current = current_notices(notices, catalog.today)
    assert current[0].title == "2023 年秋季一年级招生公告" and is_pinned(current[0], catalog.today)
    assert [n.id for n in notices if is_expired(n, catalog.today)] == ["2022-11-jiazhanghui"]
    assert any(a.path.endswith(".pdf") for n in notices for a in n.attachments)
    assert {n.category for n in notices} <= set(catalog.site.notice_categories)
    # The emergency template stays commented out, and says how to use it.
    draft = REPO / "site_data" / "notices" / "2023-07-baoyu-tingke.yml"
    assert catalog.drafts == [draft.relative_to(REPO).as_posix()]
    text = draft.read_text("utf-8")
    assert yaml.safe_load(text) is None and "# 紧急: true" in text and "怎么用" in text
    # Step 1 of its instructions: delete "# " from every line from 编号 on.
    lines = text.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("# 编号:")))
    uncommented = "\n".join(line.removeprefix("# ") for line in lines[start:])
    assert Notice.model_validate(yaml.safe_load(uncommented)).emergency


def test_new_notice_is_commented_and_valid_once_filled_in(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    made = subprocess.run([sys.executable, "-m", "xingguang.cli", "--root", str(tmp_path), "new", "notice"],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    [path] = (data_dir / "notices").glob("*.yml")
    text = path.read_text("utf-8")
    for alias in ("标题", "类别", "正文", "发布单位", "置顶至", "有效期至", "紧急", "附件"):
        assert f"# {alias}：" in text
    filled = text.replace("标题:\n", "标题: 防溺水安全提醒\n").replace("类别:\n", "类别: 安全提醒\n") \
        .replace("正文:\n", "正文: 不私自下水游泳。\n").replace("发布单位:\n", "发布单位: 德育处\n")
    path.write_text(filled, "utf-8")
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    assert [n.title for n in catalog.notices.values()] == ["防溺水安全提醒"]
