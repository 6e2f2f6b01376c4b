"""One declared schema per kind of record (see :data:`KINDS`)."""

from __future__ import annotations

from dataclasses import dataclass

from xingguang.records.activity import Activity
from xingguang.records.common import Photo, RecordModel
from xingguang.records.consent import Consent
from xingguang.records.corridor import Corridor, CorridorItem
from xingguang.records.honour import LEVELS, Honour
from xingguang.records.site import Site
from xingguang.records.teacher import Teacher


@dataclass(frozen=True)
class RecordKind:
    """A kind of record: its schema and where its files live under site_data/."""

    name: str  # English, for code and file names: "teacher"
    label: str  # Chinese, for editors: "榜样教师"
    folder: str  # under site_data/; "" for the single site.yml
    model: type[RecordModel]


SITE = RecordKind("site", "站点信息", "", Site)
KINDS: tuple[RecordKind, ...] = (
    SITE,
    RecordKind("teacher", "榜样教师", "teachers", Teacher),
    RecordKind("corridor", "星文化长廊", "corridors", Corridor),
    RecordKind("activity", "活动纪实", "activities", Activity),
    RecordKind("honour", "荣誉", "honours", Honour),
    RecordKind("consent", "监护人同意书", "consents", Consent),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}

__all__ = [
    "KINDS",
    "KINDS_BY_NAME",
    "LEVELS",
    "SITE",
    "Activity",
    "Consent",
    "Corridor",
    "CorridorItem",
    "Honour",
    "Photo",
    "RecordKind",
    "RecordModel",
    "Site",
    "Teacher",
]
