"""榜样教师: one file per teacher under site_data/teachers/."""

from __future__ import annotations

from typing import Literal

from xingguang.records.common import LongText, Photo, RecordId, RecordModel, Text, field


class Teacher(RecordModel):
    id: RecordId = field("编号", "教师的编号：姓名拼音，用连字符连接，小写。", examples=["yang-xiaoxi"])
    name: Text = field("姓名", "教师姓名。", examples=["杨小玺"])
    role: Text = field("职务", "职务或岗位。", examples=["语文教师、教研组长"])
    subjects: list[Text] = field("任教学科", "任教的学科。", examples=[["语文"]], default_factory=list)
    titles: list[Text] = field(
        "称号", "荣誉称号或身份，如 名师、能手、党员先锋。", examples=[["党员先锋", "青年教师导师"]], default_factory=list
    )
    political_status: Literal["中共党员", "预备党员", "入党积极分子", "群众"] | None = field(
        "政治面貌", "可选。", examples=["中共党员"], default=None
    )
    portrait: Photo | None = field("肖像", "教师照片（竖幅 3:4 最好）。", examples=[{"文件": "photos/teachers/yang-xiaoxi.jpg", "替代文本": "杨小玺老师的照片", "含学生": False}], default=None)
    story: LongText = field("简介", "教师的故事，一两段话。支持少量 Markdown。", examples=["杨小玺老师主动结对帮扶青年教师。"])
    featured: bool = field("推荐", "是否在首页展示。", examples=[True], default=False)
    order: int = field("排序", "数字小的排在前面。", examples=[10], default=100, ge=0, le=10_000)
