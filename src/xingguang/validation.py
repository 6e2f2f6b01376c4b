"""Schema validation of one parsed document, with pydantic's findings turned
into editors' messages (Chinese, file, line, field, fix, example)."""

from __future__ import annotations

import datetime
import difflib
import json
import re
import types
import typing
from collections import defaultdict
from typing import Any, Callable, Iterator, Literal

import yaml
from dataclasses import dataclass, field as dataclass_field
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from xingguang import messages
from xingguang.characters import GARBLED, odd_characters, reveal, to_plain
from xingguang.loading import DataPath, SourceDocument
from xingguang.problems import Problem
from xingguang.records import RecordKind, RecordModel
from xingguang.records.common import ID_PATTERN, NO_MARKUP_PATTERN

_YAML_READINGS = {
    "tag:yaml.org,2002:int": "数字",
    "tag:yaml.org,2002:float": "小数",
    "tag:yaml.org,2002:bool": "真假值",
    "tag:yaml.org,2002:timestamp": "日期",
}


@dataclass(frozen=True)
class ValidationContext:
    """What is known about the other records when one is validated: lets a message
    say "任静 is ren-jing" instead of giving a made-up example."""

    teacher_ids_by_name: dict[str, str] = dataclass_field(default_factory=dict)


def validate_document(doc: SourceDocument, kind: RecordKind,
                      context: ValidationContext | None = None) -> tuple[RecordModel | None, list[Problem]]:
    """Validate a parsed file against its kind's schema. Returns (record, problems)."""
    context = context or ValidationContext()
    if not isinstance(doc.data, dict):
        shown = "空的" if doc.data is None else ("一个列表" if isinstance(doc.data, list) else "一段文字")
        example = _example_record(kind.model)
        problem = Problem(
            messages.NOT_A_RECORD, doc.display_path,
            f"文件内容是{shown}，应该是一条{kind.label}记录（若干行“字段: 值”）。",
            "参照下面的示例，每行写一个“字段: 值”。", doc.position_of(()), example=example,
        )
        if isinstance(doc.data, str) and "：" in doc.data:
            problem = Problem(messages.FULLWIDTH_COLON, doc.display_path, f"“{doc.data[:40]}”里用的是中文冒号“：”。",
                              "把字段名后面的“：”换成英文冒号加一个空格“: ”。", doc.position_of(()),
                              example=doc.data.replace("：", ": ", 1)[:60])
        return None, [problem]
    record_id = reveal(doc.data["编号"].strip()) if isinstance(doc.data.get("编号"), str) else None
    slips = find_slips(doc, record_id, context)
    try:
        record = kind.model.model_validate(doc.data)
        return (None, slips) if any(p.is_error for p in slips) else (record, slips)
    except ValidationError as err:
        errors = err.errors()
        renamed = _lone_missing_beside_unknown(errors)
        problems = [_translate(error, doc, kind.model, record_id, context, renamed) for error in errors]
        # A slip explains its field better than the schema does ("#" started a comment,
        # so the field is empty): one message per root cause.
        explained = {p.field_path for p in slips if p.field_path}
        kept = [p for p in _unique(problems)
                if not any(p.field_path == e or (p.field_path or "").startswith(e + "[") for e in explained)]
        return None, slips + _without_renamed_missing(kept)


def find_slips(doc: SourceDocument, record_id: str | None, context: ValidationContext) -> list[Problem]:
    """Mistakes YAML and the schema accept without a word, found in any field of any
    record kind (a new field is covered without new code): a value cut short by " #",
    a list merged by a full-width comma, the same item twice in a list, text already
    garbled by a bad copy (�), a Markdown link without https://."""
    problems: list[Problem] = []

    def add(kind: messages.MessageKind, loc: DataPath, what: str, fix: str, new_value: Any = None,
            example_at: DataPath | None = None) -> None:
        """``new_value`` replaces the value at ``example_at`` (default ``loc``) in the example."""
        at = loc if example_at is None else example_at
        name = next((p for p in reversed(at) if isinstance(p, str)), "")
        example = replace_in_example(doc, at, name, new_value) if new_value is not None else ""
        problems.append(Problem(kind, doc.display_path, what, fix, doc.position_of(loc), record_id,
                                format_path(loc) or None, example))

    for loc, comment in sorted(doc.cut_comments.items(), key=lambda item: str(item[0])):
        value = _value_at(doc.data, loc)
        name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if value is None:
            add(messages.COMMENT_CUT, loc, f"“{name}”的内容以“#”开头：YAML 把“#”和它后面的字都当成了注释，这个字段就成了空的。",
                "给整个值加上英文双引号。", comment)
        elif isinstance(value, str):
            add(messages.COMMENT_CUT, loc, f"“{name}”里的“ {comment}”被 YAML 当成了注释，网站上只会显示“{value}”。",
                "给整个值加上英文双引号。", f"{value} {comment}")
    for loc, value in _strings(doc.data):
        parent = loc[:-1]
        if parent in doc.flow_lists and re.search(r"[，、；]", value):
            items = _value_at(doc.data, parent)
            parts = (part.strip() for item in items for part in re.split(r"[，、；,]", str(item)) if part.strip())
            # A teacher's name among ids becomes the id, so the example is the whole fix.
            split = list(dict.fromkeys(context.teacher_ids_by_name.get(part, part) for part in parts))
            add(messages.LIST_SLIP, parent, f"列表里的“{value}”用了中文标点“，”或“、”分隔，网站会把它当成一项。",
                "列表的各项之间用英文逗号“,”分隔。", split)
        if GARBLED in value:
            add(messages.GARBLED_TEXT, loc, f"这里的文字已经是乱码：有 {value.count(GARBLED)} 处“�”"
                                            "（从别处复制时编码出了错，原来的字已经丢了）。",
                "从原文（Word、微信）重新复制这一段；或者删掉“�”，补上缺的字。",
                value.replace(GARBLED, "") if "\n" not in value else None)
        for link in _BARE_LINK.finditer(value):
            target = link.group(2)
            add(messages.LINK_WITHOUT_SCHEME, loc, f"链接“{target}”前面没有 https://，点开会在本站里找这个地址，成了打不开的链接。",
                "在网址前面加上 https://。", value.replace(f"]({target})", f"](https://{target})")
                if "\n" not in value else None)
    for loc, items in _lists(doc.data):
        repeats = _repeats(items)
        if not repeats:
            continue
        first = min(repeats)
        name = next((p for p in reversed(loc) if isinstance(p, str)), "")
        unique = [item for index, item in enumerate(items) if index not in repeats]
        add(messages.DUPLICATE_IN_LIST, loc + (first,),
            f"“{name}”的第 {first + 1} 项“{items[first]}”和前面的一项重复了，网站上会出现两次。",
            f"删掉第 {first + 1} 项。", unique if loc in doc.flow_lists else None, example_at=loc)
    return problems


# A link target that looks like a web address (www.example.cn, example.gov.cn/x) but has
# no scheme; file names (about.md, 通知.pdf) and relative paths are left alone.
_BARE_LINK = re.compile(r"\[([^\]]*)\]\((?!https?://|mailto:|/|#|\./|\.\./)((?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                        r"\.(?!(?:md|html?|pdf|docx?|xlsx?|pptx?|jpe?g|png|webp|gif|txt|zip)\b)[A-Za-z]{2,6}(?:/[^)\s]*)?)\)")


def _repeats(items: list[Any]) -> set[int]:
    """Indexes of plain items (words, ids, numbers) that repeat an earlier one."""
    seen: set[Any] = set()
    repeats: set[int] = set()
    for index, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            continue
        key = to_plain(item).strip() if isinstance(item, str) else item
        if key in seen:
            repeats.add(index)
        seen.add(key)
    return repeats


def _value_at(data: Any, loc: DataPath) -> Any:
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _strings(data: Any, loc: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))


def _lists(data: Any, loc: DataPath = ()) -> Iterator[tuple[DataPath, list[Any]]]:
    if isinstance(data, list):
        yield loc, data
        for index, value in enumerate(data):
            yield from _lists(value, loc + (index,))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _lists(value, loc + (key,))


def _lone_missing_beside_unknown(errors: list[Any]) -> dict[DataPath, str]:
    """Where one unknown field and one missing required field sit side by side (biaoti or
    title for 标题, a name nothing like any field), the unknown one is that field under a
    name the editor made up: by the place that holds them, the missing field's name."""
    unknown: dict[DataPath, int] = defaultdict(int)
    missing: dict[DataPath, list[str]] = defaultdict(list)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            unknown[loc[:-1]] += 1
        elif error["type"] == "missing" and loc and isinstance(loc[-1], str):
            missing[loc[:-1]].append(loc[-1])
    return {place: names[0] for place, names in missing.items() if len(names) == 1 and unknown.get(place) == 1}


def _without_renamed_missing(problems: list[Problem]) -> list[Problem]:
    """A field written under a wrong name (题目, 标题[零宽空格]) is also "missing" under its
    right one: one root cause, so only the message about the name stays."""
    renamed = {(p.record, (p.field_path or "").rpartition(".")[0], p.example.split(":", 1)[0])
               for p in problems if p.kind is messages.UNKNOWN_FIELD and p.example}
    return [p for p in problems if not (p.kind is messages.MISSING_FIELD and
                                        (p.record, (p.field_path or "").rpartition(".")[0],
                                         (p.field_path or "").rpartition(".")[2]) in renamed)]


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple] = set()
    result = []
    for problem in problems:
        key = (problem.field_path, problem.what)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result


def format_path(loc: DataPath) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{reveal(part)}" if text else reveal(str(part)))
    return text


def _unwrap(annotation: Any) -> list[Any]:
    """All concrete types inside Optional[...], list[...], Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    if origin is list:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


def _field_at(model: type[BaseModel], loc: DataPath) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model and field a location points at (list indexes are skipped)."""
    current: type[BaseModel] | None = model
    owner: type[BaseModel] | None = None
    info: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None, None
        info = next((f for f in current.model_fields.values() if f.alias == part), None)
        owner = current
        if info is None:
            return owner, None
        current = next((t for t in _unwrap(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)
    return owner, info


def _expects(info: FieldInfo | None, loc: DataPath) -> str:
    """What kind of value the location wants, in editors' words."""
    if info is None:
        return "值"
    annotation = info.annotation
    is_list_item = bool(loc) and isinstance(loc[-1], int)
    if typing.get_origin(_strip_optional(annotation)) is list and not is_list_item:
        return "列表"
    concrete = [t for t in _unwrap(annotation) if t is not type(None)]
    target = concrete[0] if concrete else None
    if target is str:
        return "文字"
    if target is bool:
        return " true 或 false"
    if target is int:
        return "整数"
    if target is float:
        return "数字"
    if getattr(target, "__name__", "") == "date":
        return "日期"
    if isinstance(target, type) and issubclass(target, BaseModel):
        return "几个子字段"
    if typing.get_origin(target) is Literal:
        return "固定选项之一"
    return "值"


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _example_line(alias: str, info: FieldInfo | None) -> str:
    if info is None or not info.examples:
        return ""
    return f"{alias}: {yaml_value(info.examples[0])}"


def yaml_value(value: Any) -> str:
    """A value as an editor would type it on one line (dates and plain words unquoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    dumped = dumped.removesuffix("\n").removesuffix("\n...").strip()
    if dumped.startswith("'") and isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # editors know "…" quotes better than '…'
    return dumped


def _example_record(model: type[BaseModel]) -> str:
    lines = []
    for info in model.model_fields.values():
        if info.is_required() and info.alias:
            lines.append(_example_line(info.alias, info) or f"{info.alias}: …")
    return "\n".join(lines)


def _choices(info: FieldInfo | None) -> list[str]:
    if info is None:
        return []
    for t in _unwrap(info.annotation):
        if typing.get_origin(t) is Literal:
            return [str(a) for a in typing.get_args(t)]
    return []


def suggest_id(text: str) -> str:
    """A best-effort valid id from what the editor typed (look-alike characters made plain,
    a copied file name's ``.yml`` dropped)."""
    text = to_plain(text).strip()
    if re.search(r"\.ya?ml$", text, re.IGNORECASE):  # a file name copied as the id: its stem
        text = re.split(r"[/\\]", text)[-1].rsplit(".", 1)[0]
    slug = re.sub(r"[\s_./\\]+", "-", text.lower())
    slug = re.sub(r"[^a-z0-9-]", "", slug)
    return re.sub(r"-{2,}", "-", slug).strip("-")


def _translate(error: dict[str, Any], doc: SourceDocument, model: type[BaseModel], record_id: str | None,
               context: "ValidationContext", renamed: dict[DataPath, str] | None = None) -> Problem:
    loc: DataPath = tuple(error["loc"])
    kind_of_error = error["type"]
    value = error.get("input")
    owner, info = _field_at(model, loc)
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    field_path = format_path(loc) or None
    position = doc.position_of(loc)

    def problem(kind: messages.MessageKind, what: str, fix: str = "", example: str = "") -> Problem:
        return Problem(kind, doc.display_path, what, fix, position, record_id, field_path, example)

    if kind_of_error == "missing":
        example = _example_line(name, info)
        description = f"（{info.description.rstrip('。')}）" if info and info.description else ""
        return problem(messages.MISSING_FIELD, f"缺少必填字段“{name}”{description}。",
                       f"加上一行“{name}: …”。", example)

    if kind_of_error == "extra_forbidden":
        position = doc.key_positions.get(loc, position)
        known = [f.alias for f in owner.model_fields.values() if f.alias] if owner else []
        fix = ""
        if "：" in name:
            return problem(messages.FULLWIDTH_COLON, f"“{name}”里用的是中文冒号“：”。",
                           "把“：”换成英文冒号加一个空格“: ”。", name.replace("：", ": ", 1))
        plain_name = to_plain(name).strip().strip(_QUOTES)
        if plain_name != name and plain_name in known:
            odd = "、".join(odd_characters(name)) or ("引号" if name.strip(_QUOTES) != name else "多余的空白")
            return problem(messages.UNKNOWN_FIELD,
                           f"字段名“{reveal(name)}”里有{odd}，看上去是“{plain_name}”，电脑却不认。",
                           "字段名不加引号；删掉它，用英文输入法重新输入。", _rename_key(doc, loc, name, plain_name))
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        if not guess:
            guess = [k for k in known if set(k) & set(name) and len(set(k) & set(name)) >= max(1, len(k) // 2)][:1]
        if not guess and (renamed or {}).get(loc[:-1]):
            guess = [(renamed or {})[loc[:-1]]]
        if guess:
            fix = f"你是不是想写“{guess[0]}”？"
        fix += f"这里可以写的字段有：{'、'.join(known)}。"
        example = _rename_key(doc, loc, name, guess[0]) if guess else ""
        return problem(messages.UNKNOWN_FIELD, f"没有“{reveal(name)}”这个字段。", fix, example)

    if value is None and kind_of_error != "missing":
        return problem(messages.MISSING_FIELD, f"“{name}”只写了字段名，没有写内容。",
                       f"在“{name}:”后面空一格写上内容。", _example_line(name, info))

    plain = doc.plain_scalars.get(loc)
    expected = _expects(info, loc)
    if kind_of_error == "string_type" and plain is not None:
        raw, tag = plain
        reading = _YAML_READINGS.get(tag, "别的东西")
        shown_value = str(value).lower() if isinstance(value, bool) else str(value)
        detail = f"“{raw}”没加引号，YAML 把它读成了{reading}" + ("" if reading == "日期" else f" {shown_value}")
        if tag.endswith(":int") and ":" in raw:
            detail += "（YAML 1.1 把“时:分”当成六十进制数）"
        elif tag.endswith(":int") and raw.lstrip("+-").startswith("0") and raw not in ("0",):
            detail += "（以 0 开头的数字被当成八进制，开头的 0 也会丢掉）"
        return problem(messages.YAML_TRAP, detail + "。", "给这个值加上英文双引号。", f'{name}: "{raw}"')

    if kind_of_error in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        # A number too: YAML reads 20220520 as one, which pydantic then takes for seconds since 1970.
        meant = read_loose_date(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        odd = odd_characters(str(value))
        if meant is not None:
            why = f"里面有{'、'.join(odd)}" if odd else _date_slip(str(value))
            return problem(messages.BAD_DATE, f"“{reveal(str(value))}”不是网站认的日期写法（{why}）。",
                           "写成 年-月-日，月和日用两位数，用英文输入法，不加引号。", f"{name}: {meant.isoformat()}")
        return problem(messages.BAD_DATE, f"“{reveal(str(value))}”不是日期写法。",
                       "写成 年-月-日，月和日用两位数，不加引号（例如 2022年4月2日 写成 2022-04-02）。"
                       "缺了年份或月日的，请查清楚后补全。")

    if kind_of_error == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        if pattern == ID_PATTERN:
            return _bad_id(problem, doc, loc, name, str(value), context)
        return _bad_pattern(problem, name, str(value), str(pattern), info)

    if kind_of_error == "literal_error":
        choices = _choices(info)
        shown = str(value).strip()
        meant = [c for c in choices if c and c in shown] or difflib.get_close_matches(shown, choices, n=1, cutoff=0.5)
        return problem(messages.NOT_ALLOWED, f"“{reveal(str(value))}”不在可选范围内。", f"只能写：{'、'.join(choices)}。",
                       f"{name}: {meant[0]}" if len(meant) == 1 else "")

    if kind_of_error in ("string_too_short", "too_short"):
        if isinstance(value, str) or kind_of_error == "string_too_short":
            return problem(messages.BAD_LENGTH, f"“{name}”不能为空。", f"在“{name}:”后面写上内容。", _example_line(name, info))
        minimum = (error.get("ctx") or {}).get("min_length", 1)
        return problem(messages.BAD_LENGTH, f"“{name}”至少要写 {minimum} 项。", "", _example_line(name, info))
    if kind_of_error in ("string_too_long", "too_long"):
        maximum = (error.get("ctx") or {}).get("max_length")
        size = len(value) if hasattr(value, "__len__") else "?"
        unit = "个字" if isinstance(value, str) else "项"
        return problem(messages.BAD_LENGTH, f"“{name}”有 {size} {unit}，上限是 {maximum} {unit}。", "删减一些内容。")

    if kind_of_error in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        ctx = error.get("ctx") or {}
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        direction = "不能小于" if kind_of_error.startswith("greater") else "不能大于"
        return problem(messages.BAD_NUMBER, f"“{name}”是 {value}，{direction} {bound}。", "改成范围内的数字。")

    # Wrong type of value.
    if isinstance(value, str) and expected == "整数" and to_plain(value).strip().isdigit():
        return problem(messages.WRONG_TYPE, f"“{name}”的“{value}”里有{'、'.join(odd_characters(value)) or '多余的字符'}，"
                                            "电脑不把它当数字。", "用英文输入法重新输入数字，不加引号。",
                       f"{name}: {int(to_plain(value).strip())}")
    if isinstance(value, str) and expected == " true 或 false" and value.strip() in _YES_NO:
        answer = _YES_NO[value.strip()]
        return problem(messages.WRONG_TYPE, f"“{name}”要写 true 或 false，这里写的是文字“{value}”。",
                       "是就写 true，否就写 false（不加引号）。", f"{name}: {answer}")
    if isinstance(value, str) and expected == "列表":
        items = [item for item in re.split(r"[，、,；;\s]+", re.sub(r"[【】\[\]［］（）()]", " ", to_plain(value))) if item]
        if items:
            return problem(messages.WRONG_TYPE, f"“{name}”要写列表，这里写的是文字“{value[:30]}”。",
                           "写成英文方括号列表，各项之间用英文逗号分隔。", f"{name}: {yaml_value(items)}")
    wrote = _describe(value)
    if expected == "几个子字段" and isinstance(value, str) and "：" in value:
        return problem(messages.FULLWIDTH_COLON, f"“{value[:40]}”里用的是中文冒号“：”。",
                       "把“：”换成英文冒号加一个空格“: ”。", value.replace("：", ": ", 1)[:60])
    fixes = {
        "列表": "写成方括号列表 [甲, 乙]，或每项单独一行、以“- ”开头。",
        " true 或 false": "是就写 true，否就写 false（不加引号）。",
        "整数": "写阿拉伯数字，不加引号。",
        "数字": "写阿拉伯数字（可以有小数点），不加引号，也不写百分号“%”。",
        "文字": "直接写文字；文字里有冒号、# 或以特殊符号开头时加英文引号。",
        "几个子字段": "在下一行缩进两个空格，逐行写“字段: 值”。",
    }
    return problem(messages.WRONG_TYPE, f"“{name}”要写{expected}，这里写的是{wrote}。", fixes.get(expected, ""),
                   _example_line(name, info))


def _date_slip(value: str) -> str:
    """What is wrong with a date that reads as one (2022.5.20, 2022年5月20日), in the editor's words."""
    if ":" in value:
        return "日期后面不写时间"
    if any(char in value for char in "年月日"):
        return "这是中文的年月日写法"
    for mark, name in ((".", "点“.”"), ("/", "斜杠“/”"), ("\\", "反斜杠“\\”")):
        if mark in value:
            return f"年、月、日之间用了{name}，应当用短横“-”"
    if _RUN_TOGETHER_DATE.match(value):
        return "年、月、日连在一起写了，中间要用短横“-”隔开"
    return "月和日要写两位数" if "-" in value else "这是别的写法"


def _bad_id(problem: Any, doc: SourceDocument, loc: DataPath, name: str, value: str,
            context: ValidationContext) -> Problem:
    """An id that is not lowercase pinyin: name what is wrong and give the id to write."""
    plain = to_plain(value).strip()
    odd = odd_characters(value)
    suggestion = context.teacher_ids_by_name.get(plain) if loc != ("编号",) else None
    names_to_ids: dict[str, str] = {}
    if suggestion:
        names_to_ids = context.teacher_ids_by_name
        what = f"“{value}”是教师的姓名，这里要写教师的编号。"
        fix = f"{plain}老师的编号是 {suggestion}（见 site_data/teachers/ 里{plain}老师的文件）。"
    else:
        what = f"“{reveal(value)}”不能做编号："
        if odd:
            what += f"里面有{'、'.join(odd)}，看上去一样，电脑却当成别的字符。"
        elif value.strip(_QUOTES) != value:
            what += "编号外面不加中文引号。"
        elif re.search(r"\.ya?ml$", plain, re.IGNORECASE):
            what += "编号不带文件的扩展名“.yml”。"
        elif loc == ("编号",) and re.search(r"[\u4e00-\u9fff]", plain):
            what += "编号要用拼音，不能用汉字（它会出现在网址里）。"
        else:
            what += "编号只能用小写拼音字母、数字和连字符“-”，不能有空格、汉字、斜杠或“..”。"
        suggestion = suggest_id(value)
        if loc == ("编号",) and not re.fullmatch(ID_PATTERN, suggestion) and re.fullmatch(ID_PATTERN, doc.path.stem):
            suggestion = doc.path.stem  # 编号: 任静 in ren-jing.yml
        fix = "改成下面这样（用英文输入法输入）。" if suggestion else "改成拼音加连字符，例如 ren-jing。"
        if loc == ("编号",):
            fix += "编号改了以后，引用它的地方也要一起改。"
    if not suggestion or not re.fullmatch(ID_PATTERN, suggestion):
        return problem(messages.BAD_FORMAT, what, fix)
    # 参与教师: [柯昌明, 魏晓娟] is two messages for one line: each example gives every name in the
    # list its id, so that following either one (or both, one after the other) fixes the line.
    return problem(messages.BAD_FORMAT, what, fix,
                   replace_in_example(doc, loc, name, suggestion,
                                      others=lambda item: names_to_ids.get(to_plain(item).strip(), item)
                                      if isinstance(item, str) else item))


def replace_in_example(doc: SourceDocument, loc: DataPath, name: str, new: Any,
                       others: Callable[[Any], Any] | None = None) -> str:
    """The line to write: ``name: new``, or for a list item the whole list with that item replaced
    (and, with ``others``, each other item as it returns it)."""
    if loc and isinstance(loc[-1], int):
        parent = doc.data
        for part in loc[:-1]:
            parent = parent[part] if isinstance(parent, (dict, list)) else None
        if isinstance(parent, list):
            items = [others(item) if others else item for item in parent]
            items[loc[-1]] = new
            return f"{name}: {yaml_value(items)}"
    return f"{name}: {yaml_value(new)}"


_QUOTES = "“”‘’「」『』"

_YES_NO = {"是": "true", "对": "true", "有": "true", "能": "true", "否": "false", "不": "false", "不是": "false",
           "没有": "false", "无": "false", "不能": "false", "错": "false"}

_CHINESE_DIGITS = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5",
                   "六": "6", "七": "7", "八": "8", "九": "9"}


def _chinese_number(text: str) -> str:
    """二〇二二 -> 2022, 十二 -> 12, 二十三 -> 23 (the ways a date is written out)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return str(int(_CHINESE_DIGITS.get(tens, "1") if tens else 1) * 10 + int(_CHINESE_DIGITS.get(ones, "0") or 0))
    return "".join(_CHINESE_DIGITS.get(c, c) for c in text)


_LOOSE_DATE = re.compile(r"^\s*(\d{4}|[〇零○一二三四五六七八九]{4})\s*[年./\-]\s*([\d一二三四五六七八九十]{1,3})\s*[月./\-]\s*"
                         r"([\d一二三四五六七八九十]{1,3})\s*[日号]?\s*$")
_RUN_TOGETHER_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
"""20220520: how forms and file names write a date; YAML reads it as the number 20220520."""


def read_loose_date(text: str) -> datetime.date | None:
    """The date an editor meant by 2022年4月2日, 2022.4.2, 2022/04/02, ２０２２-０４-０２,
    二〇二二年四月二日, 20220402 or 2022-04-02 08:00; None when it is not a whole date."""
    plain = to_plain(text).strip()
    plain = re.sub(r"[T\s]+\d{1,2}:\d{2}(:\d{2})?$", "", plain)
    found = _LOOSE_DATE.match(plain) or _RUN_TOGETHER_DATE.match(plain)
    if not found:
        return None
    try:
        year, month, day = (int(_chinese_number(part)) for part in found.groups())
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _rename_key(doc: SourceDocument, loc: DataPath, old: str, new: str) -> str:
    """The editor's own line with only the field name changed."""
    position = doc.key_positions.get(loc)
    if position is None or position.line > len(doc.lines):
        return f"{new}: …"
    line = doc.lines[position.line - 1].strip()
    line = line[2:] if line.startswith("- ") else line
    return new + line[len(old):] if line.startswith(old) else f"{new}: …"


def _bad_pattern(problem: Any, name: str, value: str, pattern: str, info: FieldInfo | None) -> Problem:
    """A value that does not fit its field's pattern (a web address, a time of day)."""
    plain = to_plain(value).strip()
    if "https?" in pattern:
        address = plain if re.match(r"^https?://", plain) else "https://" + plain.lstrip("/")
        address = address if address.endswith("/") else address + "/"
        if re.fullmatch(pattern, address):
            return problem(messages.BAD_FORMAT, f"网址“{reveal(value)}”要以 https:// 或 http:// 开头、以 / 结尾。",
                           "照下面这样写完整（浏览器地址栏里复制的网址就是完整的）。", f"{name}: {address}")
    if pattern == NO_MARKUP_PATTERN:
        tags = re.findall(r"<[A-Za-z/!][^>]*>?", value)
        text = re.sub(r"\s+", " ", re.sub(r"<[A-Za-z/!][^>]*>?", "", value)).strip()
        return problem(messages.BAD_FORMAT, f"这里写了网页代码“{reveal(tags[0])}”：网站会把它照原样显示出来。",
                       "删掉尖括号和括号里的代码，只留文字；书名用中文书名号《》。",
                       f"{name}: {text}" if text and "\n" not in text else "")
    time = re.fullmatch(r"(\d{1,2})\s*[:：点]\s*(\d{2})分?", plain)
    if time and int(time.group(1)) < 24 and int(time.group(2)) < 60:
        hhmm = f"{int(time.group(1)):02d}:{time.group(2)}"
        if re.fullmatch(pattern, hhmm):
            return problem(messages.BAD_FORMAT, f"时间“{reveal(value)}”要写成两位小时加冒号加两位分钟。",
                           "用英文冒号，加英文双引号。", f'{name}: "{hhmm}"')
    return problem(messages.BAD_FORMAT, f"“{reveal(value)}”格式不对。", info.description if info and info.description else "")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文字“{value[:30]}”"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "几个子字段"
    return "别的东西"
