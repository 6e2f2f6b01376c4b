"""通知公告: one file per notice under site_data/notices/.

A notice is dated and categorised like an activity, but it also has a life:
it can be pinned to the top until a day (置顶至), it leaves the home page and
the corridor displays after its last valid day (有效期至) while its own page
stays for the archive, and it can be an emergency (紧急) that the displays
show over everything. Attachments are files under site_data/files/; they are
checked and cleaned of their authors' metadata before they are published
(``xingguang.notices.attachments``).
"""

from __future__ import annotations

from xingguang.records.common import Date, LongText, RecordId, RecordModel, Text, Title, field

ATTACHMENT_FOLDER = "files"
"""Attachments live under site_data/files/."""


class Attachment(RecordModel):
    """One downloadable file of a notice."""

    title: Title = field("标题", "附件的名称，显示在下载链接上。", examples=["2023 年寒假放假安排"])
    path: str = field(
        "文件",
        "附件的路径，从 site_data/ 算起，放在 files/ 下，用“/”分隔。只收 PDF、Word（.docx）和 Excel（.xlsx）文件。",
        examples=["files/2023-hanjia-fangjia.pdf"],
        min_length=1,
        max_length=300,
    )


class Notice(RecordModel):
    id: RecordId = field("编号", "通知的编号：年份-月份-拼音。", examples=["2023-01-hanjia-fangjia"])
    title: Title = field("标题", "通知的标题。", examples=["2023 年寒假放假通知"])
    date: Date = field("日期", "发布日期，写成 2023-01-06，不加引号。", examples=["2023-01-06"])
    category: Text = field("类别", "在 site.yml 的“通知类别”里选一个。", examples=["通知"])
    text: LongText = field("正文", "通知的内容。支持少量 Markdown（段落、加粗、列表、链接）。",
                           examples=["根据县教体局校历安排，我校 2023 年寒假自 1 月 14 日起放假。"])
    unit: Text = field("发布单位", "以哪个部门的名义发布。", examples=["德育处"])
    pinned_until: Date | None = field(
        "置顶至", "在这一天之前（含这一天）排在通知列表和首页的最前面，可选。", examples=["2023-06-30"], default=None)
    expires: Date | None = field(
        "有效期至", "过了这一天，通知不再出现在首页和走廊显示屏上，自己的页面标为“已过期”并保留存档，可选。",
        examples=["2023-02-05"], default=None)
    emergency: bool = field(
        "紧急", "紧急通知（暴雨停课、疏散演练）写 true：走廊显示屏会整屏显示它，直到过期或删除。"
        "最好同时写“有效期至”，否则要删掉文件才会撤下。", examples=[False], default=False)
    attachments: list[Attachment] = field(
        "附件", "可下载的文件，按显示顺序。", examples=[[{"标题": "2023 年寒假放假安排", "文件": "files/2023-hanjia-fangjia.pdf"}]],
        default_factory=list)
