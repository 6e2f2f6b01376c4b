"""The editors' guide pages that are generated from code: the field reference
(from the record schemas) and the error catalogue (from messages.py), so the
guide cannot drift from what the build accepts and prints."""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from xingguang.messages import CATALOGUE, MessageKind
from xingguang.records import KINDS, RecordKind
from xingguang.validation import yaml_value

FIELDS_SRC = "guide/fields.md"
ERRORS_SRC = "guide/errors.md"


@dataclass(frozen=True)
class FieldRow:
    name: str
    required: bool
    kind: str
    description: str
    example: str
    default: str


@dataclass(frozen=True)
class FieldTable:
    title: str
    where: str
    rows: list[FieldRow]


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return " 或 ".join(_type_name(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin is list:
        return f"列表（每项：{_type_name(typing.get_args(annotation)[0])}）"
    if origin is Literal:
        return "、".join(str(a) for a in typing.get_args(annotation)) + " 之一"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"子字段，见表“{_model_label(annotation)}”"
    return {"str": "文字", "int": "整数", "float": "数字（0–100，可带小数）", "bool": "true 或 false", "date": "日期"}.get(
        getattr(annotation, "__name__", ""), str(annotation))


_MODEL_LABELS = {
    "Photo": "照片", "SectionLeads": "栏目导语", "Contact": "联系方式", "Filing": "备案", "Spirit": "学校精神", "YearInNumbers": "年度数字",
    "YearFigure": "年度数字的项目", "PhotoSettings": "照片设置", "PhotoQuality": "照片质量", "BuildOptions": "构建选项",
    "DisplaySettings": "显示屏", "SchoolHours": "作息时间", "Playlist": "播放列表", "CorridorItem": "展品", "Attachment": "附件",
    "Takedown": "撤下", "Mask": "遮挡框", "Withdrawal": "撤回同意",
}


def _model_label(model: type[BaseModel]) -> str:
    return _MODEL_LABELS.get(model.__name__, model.__name__)


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    found = []
    for arg in (typing.get_args(annotation) or (annotation,)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            found.append(arg)
        elif typing.get_args(arg):
            found.extend(_nested_models(arg))
    return found


# The schemas are code: the same tables for the whole process. Made once, not after each save in
# the preview (writing every example as YAML was a tenth of a ten-year preview rebuild). Read only.
@functools.lru_cache(maxsize=1)
def field_tables() -> list[FieldTable]:
    tables: list[FieldTable] = []
    seen: set[type[BaseModel]] = set()

    def table(model: type[BaseModel], title: str, where: str) -> None:
        if model in seen:
            return
        seen.add(model)
        rows, nested = [], []
        for info in model.model_fields.values():
            default = ""
            if not info.is_required():
                value = info.get_default(call_default_factory=True)
                default = yaml_value(value) if value not in (None, [], {}) and not isinstance(value, BaseModel) else ""
            rows.append(FieldRow(info.alias or "", info.is_required(), _type_name(info.annotation),
                                 info.description or "", yaml_value(info.examples[0]) if info.examples else "", default))
            nested += _nested_models(info.annotation)
        tables.append(FieldTable(title, where, rows))
        for sub in nested:
            table(sub, _model_label(sub), f"写在“{title}”的某个字段下面，缩进两个空格")

    for kind in KINDS:
        where = "site_data/site.yml" if not kind.folder else f"site_data/{kind.folder}/ 里每个 .yml 文件"
        table(kind.model, kind.label, where)
    return tables


def catalogue() -> list[MessageKind]:
    return sorted(CATALOGUE.values(), key=lambda kind: kind.code)


def record_kinds() -> list[RecordKind]:
    return list(KINDS)
