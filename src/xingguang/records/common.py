"""Shared building blocks of the record schemas.

Every record kind is a pydantic model whose fields carry a Chinese alias (the
key editors write in YAML), a description and examples. The same declaration
drives validation, the JSON Schema for editors' autocomplete and the field
reference in the guide.

Validation is strict on purpose: YAML 1.1 turns ``12:00`` into 720 and ``no``
into False, and lax coercion would publish such values silently.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticUndefined

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""Ids appear in URLs and are typed by editors: lowercase pinyin, digits, hyphens."""

SLUG_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
"""A list page's address word (a category's pinyin): starts with a letter, so it never looks
like a year page (``activities/2022/``)."""

TITLE_SOFT_LIMIT = 30
"""Titles longer than this wrap on a phone: a warning, not an error."""


def field(
    alias: str,
    description: str,
    *,
    examples: list[Any] | None = None,
    default: Any = PydanticUndefined,
    default_factory: Any = None,
    **constraints: Any,
) -> Any:
    """A model field as editors see it: Chinese key, explanation, examples."""
    extra: dict[str, Any] = {}
    if default_factory is not None:
        extra["default_factory"] = default_factory
    else:
        extra["default"] = default
    return Field(alias=alias, title=alias, description=description, examples=examples, **extra, **constraints)


RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
NO_MARKUP_PATTERN = r"^([^<]|<[^A-Za-z/!]|<$)*$"
"""No HTML tag (``<br>``, ``<b>``, ``</p>``) in a text shown as written: the page would show
the tag as typed. A lone ``<`` (``1<2``) is still fine."""
PlainLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=NO_MARKUP_PATTERN)]
"""One sentence or two, shown exactly as written (no Markdown, no HTML)."""
SectionName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12, pattern=r'^[^<>&"]*$')]
"""A section's name in the nav tabs, titles and links: short, and nothing that HTML reads as markup."""
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
"""A text with a small Markdown subset (paragraphs, bold, lists, links); raw HTML is shown as text."""
Date = datetime.date
Percent = Annotated[float, Field(ge=0, le=100)]
"""A share of the photo's width or height, 0–100: the same on every output size."""


class RecordModel(BaseModel):
    """Base of every schema: unknown keys are errors, no silent coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, validate_by_alias=True, validate_by_name=False)

    @model_validator(mode="before")
    @classmethod
    def _empty_optional_is_absent(cls, data: Any) -> Any:
        # An editor who writes `说明:` with nothing after it means "no caption";
        # for optional fields treat that like a missing key instead of a type error.
        if not isinstance(data, dict):
            return data
        optional_aliases = {
            info.alias
            for info in cls.model_fields.values()
            if info.default is not PydanticUndefined or info.default_factory is not None
        }
        return {k: v for k, v in data.items() if not (v is None and k in optional_aliases)}


class Takedown(RecordModel):
    """A photo taken off the site, kept in the record so the decision stays on file."""

    date: Date = field("日期", "哪一天决定撤下（通常是收到家长要求的日期），写成 2026-11-20。", examples=["2026-11-20"])
    reason: Text = field("原因", "为什么撤下；会写进学校的处理记录，不会发布。", examples=["家长要求"])


class Mask(RecordModel):
    """A rectangle the editor drew over a face, in percent of the upright photo."""

    left: Percent = field("左", "遮挡框左边到照片左边的距离，占照片宽度的百分之几（0–100）。", examples=[12])
    top: Percent = field("上", "遮挡框上边到照片上边的距离，占照片高度的百分之几（0–100）。", examples=[30])
    width: Percent = field("宽", "遮挡框的宽度，占照片宽度的百分之几。", examples=[8], gt=0)
    height: Percent = field("高", "遮挡框的高度，占照片高度的百分之几。", examples=[12], gt=0)
    date: Date | None = field("日期", "哪一天加的遮挡，可选，会写进学校的处理记录。", examples=["2026-11-20"], default=None)
    reason: Text | None = field("原因", "为什么遮挡，可选；会写进学校的处理记录，不会发布。", examples=["家长要求遮挡孩子的脸"],
                                default=None)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) as fractions of the photo, 0–1, clipped to the photo."""
        return (self.left / 100, self.top / 100, min(1.0, (self.left + self.width) / 100),
                min(1.0, (self.top + self.height) / 100))


class Photo(RecordModel):
    """One photo used by a record. Privacy rules live in the catalog checks."""

    file: str = field(
        "文件",
        "照片文件的路径，从 site_data/ 算起，用“/”分隔，区分大小写。支持 JPEG、PNG、WebP、HEIC。",
        examples=["photos/activities/qingming-jisao/01.jpg"],
        min_length=1,
        max_length=300,
    )
    alt: Text = field(
        "替代文本",
        "用一句中文描述照片里有什么，给看不见图片的人（读屏软件、网络很慢时）。必填。",
        examples=["少先队员在烈士纪念碑前敬献花圈"],
    )
    caption: Text | None = field(
        "说明", "显示在照片下方的说明文字，也能被搜索到。", examples=["清明节，少先队员祭扫烈士墓"], default=None
    )
    shows_students: bool = field(
        "含学生",
        "照片里能认出学生吗？能认出就写 true，并在“同意书”里写监护人同意书的编号；否则写 false。",
        examples=[False, True],
    )
    consent: RecordId | None = field(
        "同意书",
        "含学生的照片必须写：监护人同意书记录（site_data/consents/）的编号。",
        examples=["consent-2022-qingming"],
        default=None,
    )
    takedown: Takedown | None = field(
        "撤下",
        "家长要求撤下这张照片时写上日期和原因：下次生成网站起，它从所有页面、搜索、显示屏和网站文件里消失，"
        "这条记录留着，作为学校的处理记录。",
        examples=[{"日期": "2026-11-20", "原因": "家长要求"}],
        default=None,
    )
    masks: list[Mask] = field(
        "遮挡",
        "要打上马赛克的区域（比如某个学生的脸），每个是一个方框，用占照片宽、高的百分比写；"
        "可以在预览网站的照片上用“遮挡”工具画出来再复制。",
        examples=[[{"左": 12, "上": 30, "宽": 8, "高": 12}]],
        default_factory=list,
        max_length=50,
    )
