"""活动纪实: one file per activity under site_data/activities/."""

from __future__ import annotations

from xingguang.records.common import Date, LongText, Photo, RecordId, RecordModel, Text, Title, field


class Activity(RecordModel):
    id: RecordId = field("编号", "活动的编号：年份-月份-拼音。", examples=["2022-04-qingming-jisao"])
    title: Title = field("标题", "活动标题。", examples=["缅怀革命先烈 弘扬民族精神——清明祭扫活动"])
    date: Date = field("日期", "活动日期，写成 2022-04-02，不加引号。", examples=["2022-04-02"])
    time: Text | None = field("时间", "开始时间，可选。写成 \"14:30\"，要加引号。", examples=["14:30"], default=None)
    place: Text | None = field("地点", "活动地点，可选。", examples=["西乡县烈士陵园"], default=None)
    category: Text = field("分类", "在 site.yml 的“活动分类”里选一个。", examples=["少先队"])
    summary: Text | None = field("摘要", "一句话概括，显示在列表和分享卡片上。", examples=["党支部助力少先队，带领队员清明祭扫。"], default=None)
    body: LongText = field("正文", "活动的经过。支持少量 Markdown（段落、加粗、列表、链接）。",
                         examples=["清明节前夕，少先队员们在烈士纪念碑前敬献花圈、重温入队誓词。"])
    teachers: list[RecordId] = field(
        "参与教师", "参与的教师编号（site_data/teachers/ 里的“编号”）。", examples=[["yang-xiaoxi", "ren-jing"]], default_factory=list
    )
    photos: list[Photo] = field("照片", "活动照片，按显示顺序。", examples=[[{"文件": "photos/activities/qingming-jisao/01.jpg", "替代文本": "少先队员在烈士纪念碑前敬献花圈", "说明": "清明祭扫", "含学生": True, "同意书": "consent-2022-students"}]], default_factory=list)
