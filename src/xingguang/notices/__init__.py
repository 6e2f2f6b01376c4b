"""通知公告: which notices are current on a given day, and in what order.

Pure functions of the notices and a day, so the pages, the feed and the
corridor display agree on what "current" means. A day is the build's day
(``XINGGUANG_TODAY`` in tests); both 置顶至 and 有效期至 include their own day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from xingguang.records import Notice


def is_expired(notice: Notice, today: datetime.date) -> bool:
    """Past its last valid day (有效期至 is still valid on that day itself)."""
    return notice.expires is not None and notice.expires < today


def is_pinned(notice: Notice, today: datetime.date) -> bool:
    """Still pinned on ``today`` (置顶至 includes its own day); an expired notice is never pinned."""
    return notice.pinned_until is not None and notice.pinned_until >= today and not is_expired(notice, today)


def newest_first(notices: Iterable[Notice]) -> list[Notice]:
    """By date, newest first; notices of one day by id, so the order never depends on file order."""
    return sorted(notices, key=lambda n: (n.date, n.id), reverse=True)


def pinned_first(notices: Iterable[Notice], today: datetime.date) -> list[Notice]:
    """Pinned notices first, then the rest; newest first within each group."""
    ordered = newest_first(notices)
    return [n for n in ordered if is_pinned(n, today)] + [n for n in ordered if not is_pinned(n, today)]


def current_notices(notices: Iterable[Notice], today: datetime.date) -> list[Notice]:
    """The notices a visitor or a corridor screen should see on ``today``: not expired,
    the ones still pinned first, then newest first."""
    return [n for n in pinned_first(notices, today) if not is_expired(n, today)]


def emergency_notices(notices: Iterable[Notice], today: datetime.date) -> list[Notice]:
    """Current notices marked 紧急, in the same order."""
    return [n for n in current_notices(notices, today) if n.emergency]


__all__ = ["current_notices", "emergency_notices", "is_expired", "is_pinned", "newest_first", "pinned_first"]
