"""New records and imported photos, written the way an editor would write them.

``xingguang new activity`` writes a YAML file with a fresh id, today's date and
every field explained in a Chinese comment (from the schema, so the comments
cannot drift). ``xingguang add-photos`` copies phone photos into site_data/
and appends their entries to an activity, leaving the alt text empty: the
build then asks for it by name.
"""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from xingguang.loading import LoadError, load_document
from xingguang.records import KINDS_BY_NAME, NEW_KINDS, CorridorItem, RecordKind
from xingguang.records.common import Photo
from xingguang.validation import yaml_value

PHOTO_IMPORT_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


class ScaffoldError(Exception):
    """A mistake in the command's use, told in Chinese."""


def fresh_id(kind: RecordKind, data_dir: Path, today: datetime.date) -> str:
    stem = kind.id_stem.format(today=today.isoformat(), month=today.strftime("%Y-%m"))
    taken = {p.stem for p in (data_dir / kind.folder).glob("*.y*ml")}
    taken |= _ids_in(data_dir / kind.folder)
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _ids_in(folder: Path) -> set[str]:
    found = set()
    for path in folder.glob("*.y*ml"):
        match = re.search(r"^编号:\s*(\S+)", path.read_text("utf-8", errors="replace"), re.MULTILINE)
        if match:
            found.add(match.group(1))
    return found


def _field_lines(info: FieldInfo, value: str | None, indent: str = "") -> list[str]:
    """One field: its explanation as a comment, then the line to fill in (commented out if optional)."""
    alias = info.alias or ""
    required = info.is_required()
    note = (info.description or "").rstrip("。")
    lines = [f"{indent}# {alias}：{note}。{'（必填）' if required else '（可选）'}"]
    if value is not None:
        lines.append(f"{indent}{alias}: {value}")
    elif required:
        lines.append(f"{indent}{alias}:")
    else:
        example = yaml_value(info.examples[0]) if info.examples else "…"
        lines.append(f"{indent}# {alias}: {example}")
    return lines


def record_template(kind: RecordKind, values: dict[str, str]) -> str:
    lines = [f"# 新的{kind.label}记录：逐项填写，写好后运行 xingguang check 检查。",
             "# 以 # 开头的行是说明，保留或删除都可以；去掉可选字段前面的 # 就能启用它。", ""]
    for info in kind.model.model_fields.values():
        lines.extend(_field_lines(info, values.get(info.alias or "")))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def new_record(kind_name: str, data_dir: Path, today: datetime.date, record_id: str | None = None) -> Path:
    kind = KINDS_BY_NAME.get(kind_name)
    if kind is None or not kind.folder:
        choices = "、".join(f"{k.name}（{k.label}）" for k in NEW_KINDS)
        raise ScaffoldError(f"不认识“{kind_name}”。可以新建：{choices}，或用 corridor-item 给长廊添加展品。")
    record_id = record_id or fresh_id(kind, data_dir, today)
    folder = data_dir / kind.folder
    path = folder / f"{record_id}.yml"
    if path.exists() or record_id in _ids_in(folder):
        raise ScaffoldError(f"编号 {record_id} 已经有了（{path.relative_to(data_dir.parent)}），请换一个。")
    values = {"编号": record_id}
    for alias in ("日期", "签署日期"):
        values[alias] = today.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    _write_new(path, record_template(kind, values))
    return path


def new_corridor_item(data_dir: Path, corridor_id: str) -> Path:
    """Append a commented item to a corridor's 展品 list."""
    path = _record_file(data_dir, "corridor", corridor_id)
    item_lines = []
    for info in CorridorItem.model_fields.values():
        item_lines.extend(_field_lines(info, None, indent="    "))
    # The first real line of the item starts the list entry.
    first = next(i for i, line in enumerate(item_lines) if not line.lstrip().startswith("#"))
    item_lines[first] = "  - " + item_lines[first].lstrip()
    _append_to_list(path, "展品", item_lines)
    return path


def _record_file(data_dir: Path, kind_name: str, record_id: str) -> Path:
    kind = KINDS_BY_NAME[kind_name]
    for path in sorted((data_dir / kind.folder).rglob("*.y*ml")):
        if re.search(rf"^编号:\s*{re.escape(record_id)}\s*$", path.read_text("utf-8", errors="replace"), re.MULTILINE):
            return path
    known = "、".join(sorted(_ids_in(data_dir / kind.folder))) or "（还没有）"
    raise ScaffoldError(f"找不到编号为 {record_id} 的{kind.label}。现有的编号：{known}。")


def _write_new(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)


def _append_to_list(path: Path, key: str, entry_lines: list[str]) -> None:
    """Add lines at the end of a top-level list, keeping the editor's comments and layout."""
    try:
        doc = load_document(path, path.name)
    except LoadError as err:
        raise ScaffoldError(f"{path.name} 现在有错误，先改好再添加：{err.problem.what}") from None
    lines = path.read_text("utf-8").replace("\r\n", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    top_keys = sorted(pos.line for loc, pos in doc.key_positions.items() if len(loc) == 1)
    if (key,) not in doc.key_positions:
        lines += [f"{key}:", *entry_lines]
    else:
        key_line = doc.key_positions[(key,)].line
        if re.match(rf"^{key}:\s*(\[\s*\])?\s*(#.*)?$", lines[key_line - 1]):
            lines[key_line - 1] = f"{key}:"
        later = [line for line in top_keys if line > key_line]
        insert_at = later[0] - 1 if later else len(lines)
        while insert_at > key_line and (not lines[insert_at - 1].strip() or lines[insert_at - 1].startswith("#")):
            insert_at -= 1
        lines[insert_at:insert_at] = entry_lines
    _write_new(path, "\n".join(lines) + "\n")


def _photo_name(source: Path, taken: set[str]) -> str:
    stem = re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") or "photo"
    suffix = source.suffix.lower().replace(".jpeg", ".jpg")
    name, n = f"{stem}{suffix}", 2
    while name in taken:
        name, n = f"{stem}-{n}{suffix}", n + 1
    return name


def add_photos(data_dir: Path, source_dir: Path, activity_id: str) -> list[Path]:
    """Copy every photo in ``source_dir`` into the activity's folder and list them in its file."""
    record = _record_file(data_dir, "activity", activity_id)
    if not source_dir.is_dir():
        raise ScaffoldError(f"{source_dir} 不是一个文件夹。")
    sources = sorted(p for p in source_dir.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_IMPORT_SUFFIXES)
    if not sources:
        raise ScaffoldError(f"{source_dir} 里没有照片（支持 {'、'.join(PHOTO_IMPORT_SUFFIXES)}）。")
    target = data_dir / "photos" / "activities" / activity_id
    target.mkdir(parents=True, exist_ok=True)
    taken = {p.name for p in target.iterdir()}
    copied, entry_lines = [], []
    file_info = Photo.model_fields["file"]
    for source in sources:
        name = _photo_name(source, taken)
        taken.add(name)
        shutil.copy2(source, target / name)
        copied.append(target / name)
        relative = (target / name).relative_to(data_dir).as_posix()
        entry_lines += [
            f"  - {file_info.alias}: {relative}",
            '    替代文本: ""   # 必填：用一句中文描述照片里有什么，例如“少先队员在纪念碑前敬献花圈”',
            "    # 说明: 显示在照片下方的一句话（可选）",
            "    含学生:   # 必填：能认出学生写 true（再加一行“同意书: 编号”），认不出写 false",
        ]
    _append_to_list(record, "照片", entry_lines)
    return copied


