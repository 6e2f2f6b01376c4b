"""长廊 (the demo school calls them 星文化长廊): one file per corridor space under site_data/corridors/."""

from __future__ import annotations

from typing import Literal

from xingguang.records.common import LongText, Photo, RecordId, RecordModel, Text, Title, field


class CorridorItem(RecordModel):
    name: Text = field("名称", "人物、书籍或作品的名称。", examples=["钱学森"])
    kind: Literal["科学家", "教育家", "图书", "学生作品", "科技作品", "其他"] = field(
        "类别", "展品的类别。", examples=["科学家"]
    )
    period: Text | None = field("年代", "生卒年或年代，可选。", examples=["1911—2009"], default=None)
    text: LongText = field("简介", "一小段介绍。", examples=["中国航天事业奠基人，被誉为“中国航天之父”。"])
    photo: Photo | None = field("照片", "展品照片，可选。", examples=[{"文件": "photos/corridors/kexuejia-2.jpg", "替代文本": "钱学森画像", "含学生": False}],
                                 default=None)


class Corridor(RecordModel):
    id: RecordId = field("编号", "长廊的编号。", examples=["kexuejia-changlang"])
    name: Title = field("名称", "长廊名称。", examples=["中国科学家长廊"])
    location: Text | None = field("位置", "在校园里的位置。", examples=["教学楼二楼东侧走廊"], default=None)
    description: LongText = field("简介", "这个空间是做什么的。支持少量 Markdown。", examples=["长廊里是为祖国科学事业奉献一生的科学家。"])
    items: list[CorridorItem] = field("展品", "重点展示的人物、书籍、作品。",
        examples=[[{"名称": "钱学森", "类别": "科学家", "年代": "1911—2009", "简介": "中国航天事业奠基人。"}]], default_factory=list)
    photos: list[Photo] = field("照片", "长廊的照片。", examples=[[{"文件": "photos/corridors/kexuejia-1.jpg", "替代文本": "长廊墙上的科学家画像", "说明": "中国科学家长廊", "含学生": False}]],
                               default_factory=list)
    order: int = field("排序", "数字小的排在前面。", examples=[1], default=100, ge=0, le=10_000)
