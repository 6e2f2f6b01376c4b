"""One declared schema per kind of record (see :data:`KINDS`)."""

from __future__ import annotations

from dataclasses import dataclass

from xingguang.records.activity import Activity
from xingguang.records.common import Photo, RecordModel
from xingguang.records.consent import Consent
from xingguang.records.corridor import Corridor, CorridorItem
from xingguang.records.honour import LEVELS, Honour
from xingguang.records.notice import Attachment, Notice
from xingguang.records.site import Site
from xingguang.records.teacher import Teacher


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: its schema, where its files live under site_data/ and
    the id that ``xingguang new`` proposes for a new one."""

    name: str  # English, for code, file names and `xingguang new <name>`: "teacher"
    label: str  # Chinese, for editors: "榜样教师"
    folder: str  # under site_data/; "" for the single site.yml
    model: type[RecordModel]
    id_stem: str = ""  # a new record's id; {today} and {month} are filled in


SITE = RecordKind("site", "站点信息", "", Site)
KINDS: tuple[RecordKind, ...] = (
    SITE,
    RecordKind("teacher", "榜样教师", "teachers", Teacher, "xin-jiaoshi"),
    RecordKind("corridor", "长廊", "corridors", Corridor, "xin-changlang"),
    RecordKind("activity", "活动纪实", "activities", Activity, "{today}-xin-huodong"),
    RecordKind("honour", "荣誉", "honours", Honour, "{month}-xin-rongyu"),
    RecordKind("consent", "监护人同意书", "consents", Consent, "consent-{today}"),
    RecordKind("notice", "通知公告", "notices", Notice, "{month}-xin-tongzhi"),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}
NEW_KINDS = tuple(kind for kind in KINDS if kind.folder)
"""The kinds `xingguang new` can make (everything but site.yml)."""

__all__ = [
    "KINDS",
    "KINDS_BY_NAME",
    "LEVELS",
    "SITE",
    "NEW_KINDS",
    "Activity",
    "Attachment",
    "Consent",
    "Corridor",
    "CorridorItem",
    "Honour",
    "Notice",
    "Photo",
    "RecordKind",
    "RecordModel",
    "Site",
    "Teacher",
]
