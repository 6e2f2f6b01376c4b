"""荣誉: one file per honour under site_data/honours/."""

from __future__ import annotations

from typing import Literal

from xingguang.records.common import Date, LongText, Photo, RecordId, RecordModel, Text, Title, field

LEVELS = ("国家", "省", "市", "县", "校")
LEVEL_ADDRESSES = {"国家": "guojia", "省": "sheng", "市": "shi", "县": "xian", "校": "xiao"}
"""Each level's list page: ``honours/xian/``. Fixed words: shared links keep working."""


class Honour(RecordModel):
    id: RecordId = field("编号", "荣誉的编号。", examples=["2022-09-ai-lian-shuo"])
    title: Title = field("名称", "荣誉名称。", examples=["党风廉政节目《爱“廉”说》二等奖"])
    awarded_by: Text = field("颁发单位", "颁发的单位。", examples=["中共西乡县纪律检查委员会"])
    level: Literal["国家", "省", "市", "县", "校"] = field("级别", "国家、省、市、县、校 之一。", examples=["县"])
    date: Date = field("日期", "获得日期，写成 2022-09-20，不加引号。", examples=["2022-09-20"])
    teachers: list[RecordId] = field(
        "获奖教师", "获奖教师的编号；不写表示学校获奖。", examples=[["yang-xiaoxi"]], default_factory=list
    )
    team: Text | None = field("获奖团队", "获奖的团队，可选。", examples=["学校党支部"], default=None)
    activity: RecordId | None = field("相关活动", "相关活动的编号，可选。", examples=["2022-09-ai-lian-shuo"], default=None)
    certificate: Photo | None = field("证书照片", "证书或奖牌的照片。", examples=[{"文件": "photos/honours/ai-lian-shuo.jpg", "替代文本": "红色的获奖证书", "含学生": False}],
                                           default=None)
    note: LongText | None = field("说明", "补充说明，可选。", examples=["节目以“莲”喻“廉”。"], default=None)
