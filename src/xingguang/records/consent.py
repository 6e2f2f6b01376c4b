"""监护人同意书: one file per consent under site_data/consents/.

个人信息保护法 第三十一条：处理不满十四周岁未成年人个人信息的，应当取得
未成年人的父母或者其他监护人的同意。A photo that shows students is published
only when it names a consent record that is valid on the day of the build.
"""

from __future__ import annotations

from xingguang.records.common import Date, LongText, RecordId, RecordModel, Text, field


class Consent(RecordModel):
    id: RecordId = field("编号", "同意书的编号。", examples=["consent-2022-qingming"])
    scope: Text = field("范围", "涉及哪些学生。", examples=["四年级（1）班全体学生"])
    purpose: Text = field("用途", "同意在哪里使用照片。", examples=["学校网站与校内走廊屏幕展示活动照片"])
    signed: Date = field("签署日期", "监护人签署的日期，写成 2022-03-25。", examples=["2022-03-25"])
    valid_until: Date | None = field("有效期至", "过了这一天照片就不再发布，可选。", examples=["2025-07-15"], default=None)
    note: LongText | None = field("备注", "原件存放位置等。", examples=["书面同意书原件存德育处"], default=None)
