"""监护人同意书: one file per consent under site_data/consents/.

个人信息保护法 第三十一条：处理不满十四周岁未成年人个人信息的，应当取得
未成年人的父母或者其他监护人的同意。A photo that shows students is published
only when it names a consent record that is valid on the day of the build.
"""

from __future__ import annotations

from xingguang.records.common import Date, LongText, RecordId, RecordModel, Text, field


class Withdrawal(RecordModel):
    """监护人撤回同意（个人信息保护法 第十五条：个人有权撤回其同意）."""

    date: Date = field("日期", "从哪一天起撤回，写成 2026-11-20；这一天起生成的网站不再发布这些照片。", examples=["2026-11-20"])
    activities: list[RecordId] = field(
        "活动", "只撤回这些活动里的照片（活动编号）；不写就是这份同意书下的全部照片。",
        examples=[["2022-04-qingming-jisao"]], default_factory=list)
    reason: Text | None = field("原因", "谁、为什么撤回；会写进学校的处理记录，不会发布。",
                                examples=["四年级（1）班王同学的家长书面撤回"], default=None)


class Consent(RecordModel):
    id: RecordId = field("编号", "同意书的编号。", examples=["consent-2022-qingming"])
    scope: Text = field("范围", "涉及哪些学生。", examples=["四年级（1）班全体学生"])
    purpose: Text = field("用途", "同意在哪里使用照片。", examples=["学校网站与校内走廊屏幕展示活动照片"])
    signed: Date = field("签署日期", "监护人签署的日期，写成 2022-03-25。", examples=["2022-03-25"])
    valid_until: Date | None = field("有效期至", "过了这一天照片就不再发布，可选。", examples=["2025-07-15"], default=None)
    withdrawals: list[Withdrawal] = field(
        "撤回", "监护人撤回同意时加一项：日期，以及只撤回哪些活动（不写就是全部）。记录留着，作为处理记录。",
        examples=[[{"日期": "2026-11-20", "活动": ["2022-04-qingming-jisao"], "原因": "家长书面撤回"}]],
        default_factory=list)
    note: LongText | None = field("备注", "原件存放位置等。", examples=["书面同意书原件存德育处"], default=None)
