"""Guardians' requests about photos: take one down, cover a face, withdraw a consent.

The law behind each (in plain words in the guide page 家长要求撤下或遮挡照片):
个人信息保护法 第十五条 (consent may be withdrawn at any time, conveniently),
第四十七条 and 未成年人保护法 第七十二条 (delete when asked or when the purpose
ends), 第二十八条 (faces are biometric data: masks are drawn by the editor, no
automatic face detection).

The catalog decides, while it checks the data, which photo uses are *withheld*
(taken down, under a withdrawn consent, or without consent in 跳过 mode); those
never reach a page, the search index, the display or the photo pipeline. This
module holds what is decided and writes the school's private record of it,
outside ``site/``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from xingguang.records import Consent
from xingguang.records.common import Mask
from xingguang.records.consent import Withdrawal

if TYPE_CHECKING:
    from xingguang.catalog import Catalog

REPORT_DIR = "private"
"""Beside site_data/, never inside site/; deploy/nginx/xingguang.conf also refuses the name."""
REPORT_NAME = "照片处理记录.md"
OWNER_LABELS = {"site": "站点信息", "teacher": "教师", "corridor": "长廊", "activity": "活动", "honour": "荣誉"}

TAKEN_DOWN = "撤下"
WITHDRAWN = "撤回同意"
NO_CONSENT = "没有有效同意书"


@dataclass(frozen=True)
class WithheldPhoto:
    """One photo use that this build does not publish, and why."""

    file: str  # as the editor wrote it, from site_data/
    owner_kind: str
    owner_id: str
    data_file: str  # the record's file, from the project root
    line: int | None
    why: str  # TAKEN_DOWN, WITHDRAWN or NO_CONSENT
    date: datetime.date | None
    reason: str
    scheduled: bool = False  # a withdrawal dated after the build day: still published until then

    @property
    def owner(self) -> str:
        return f"{OWNER_LABELS.get(self.owner_kind, self.owner_kind)} {self.owner_id}"

    def describe(self) -> str:
        """One line for `xingguang check` and the report."""
        when = self.date.isoformat() if self.date else ""
        if self.scheduled:
            return f"{self.file}：将于 {when} 起不再发布（{self.reason}）"
        details = "，".join(part for part in (when, self.reason) if part)
        return f"{self.file}：{self.why}" + (f"（{details}）" if details else "")


def withdrawal_for(consent: Consent, owner_kind: str, owner_id: str) -> Withdrawal | None:
    """The earliest withdrawal of ``consent`` that covers a photo of this record, dated or not yet due."""
    covering = [w for w in consent.withdrawals
                if not w.activities or (owner_kind == "activity" and owner_id in w.activities)]
    return min(covering, key=lambda w: w.date, default=None)


def withdrawal_reason(consent: Consent, withdrawal: Withdrawal) -> str:
    scope = "、".join(withdrawal.activities) if withdrawal.activities else "全部照片"
    text = f"同意书 {consent.id} 撤回：{scope}"
    return text + (f"；{withdrawal.reason}" if withdrawal.reason else "")


def mask_line(mask: Mask) -> str:
    """A mask as the YAML line an editor pastes under “遮挡:” (the live preview's helper writes the same)."""
    return f"- {{左: {mask.left:g}, 上: {mask.top:g}, 宽: {mask.width:g}, 高: {mask.height:g}}}"


def describe_mask(mask: Mask) -> str:
    box = f"左 {mask.left:g}%、上 {mask.top:g}%、宽 {mask.width:g}%、高 {mask.height:g}%"
    extra = "，".join(part for part in (mask.date.isoformat() if mask.date else "", mask.reason or "") if part)
    return box + (f"（{extra}）" if extra else "")


def by_record(withheld: list[WithheldPhoto]) -> list[tuple[str, str, list[WithheldPhoto]]]:
    """(owner label, data file, photos) per record, in file order."""
    groups: dict[tuple[str, str], list[WithheldPhoto]] = {}
    for item in sorted(withheld, key=lambda w: (w.data_file, w.line or 0, w.file)):
        groups.setdefault((item.owner, item.data_file), []).append(item)
    return [(owner, data_file, items) for (owner, data_file), items in groups.items()]


def render_report(catalog: "Catalog", today: datetime.date) -> str:
    """The school's record of what this build did with guardians' requests (Markdown, deterministic)."""
    lines = [
        "# 照片处理记录（学校内部留存，不发布）",
        "",
        f"生成日期：{today.isoformat()}。每次生成网站都会按当时的数据重写这个文件；它不在 site/ 里，不会上传到网站。",
        "依据：个人信息保护法第十五条（监护人可以随时撤回同意）、第四十七条与未成年人保护法第七十二条"
        "（要求删除时应当删除）、第二十八条（人脸属于敏感个人信息，遮挡由编辑手工画出，不做自动人脸识别）。",
        "",
    ]
    sections = (
        ("撤下的照片", [w for w in catalog.withheld if w.why == TAKEN_DOWN and not w.scheduled]),
        ("因撤回同意不再发布的照片", [w for w in catalog.withheld if w.why == WITHDRAWN and not w.scheduled]),
        ("已登记撤回、将于日后停止发布的照片", [w for w in catalog.withheld if w.scheduled]),
        ("因没有有效同意书未发布的照片", [w for w in catalog.withheld if w.why == NO_CONSENT]),
    )
    for title, items in sections:
        lines += [f"## {title}", ""]
        if not items:
            lines += ["（无）", ""]
            continue
        for owner, data_file, group in by_record(items):
            lines.append(f"- {owner}（{data_file}）")
            lines += [f"    - 第 {w.line} 行 {w.describe()}" if w.line else f"    - {w.describe()}" for w in group]
        lines.append("")
    lines += ["## 遮挡的照片", ""]
    masked = sorted({(use.owner_kind, use.owner_id, use.photo.file): use for use in catalog.photo_uses
                     if use.photo.masks}.values(), key=lambda u: (u.owner_kind, u.owner_id, u.photo.file))
    if not masked:
        lines += ["（无）", ""]
    for use in masked:
        data_file = catalog.files.get((use.owner_kind, use.owner_id), "site_data/site.yml")
        lines.append(f"- {OWNER_LABELS.get(use.owner_kind, use.owner_kind)} {use.owner_id}（{data_file}）"
                     f" {use.photo.file}：")
        lines += [f"    - {describe_mask(mask)}" for mask in use.photo.masks]
    if masked:
        lines.append("")
    return "\n".join(lines)


def write_report(catalog: "Catalog", project_root: Path, today: datetime.date) -> Path:
    """Write the private report beside site_data/ (atomically: a reader never sees half of it)."""
    path = project_root / REPORT_DIR / REPORT_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(render_report(catalog, today), "utf-8")
    temporary.replace(path)
    return path
