"""All records, validated and cross-linked: the one object everything
downstream reads.

Phase one loads and validates every file; phase two checks references
between records and the photos' files and consents. Every problem from both
phases is collected, so an editor sees the whole list at once. Nothing is
rendered from a catalog that has errors.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from xingguang import messages
from xingguang.characters import to_plain
from xingguang.loading import DataPath, LoadError, SourceDocument, load_document
from xingguang.problems import DataProblems, Problem, ProblemList, Severity
from xingguang.records import KINDS, SITE, Activity, Consent, Corridor, Honour, Photo, RecordKind, RecordModel, Site, Teacher
from xingguang.records.common import TITLE_SOFT_LIMIT
from xingguang.validation import ValidationContext, format_path, validate_document

DATA_SUFFIXES = (".yml", ".yaml")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


@dataclass(frozen=True)
class PhotoUse:
    """A photo as published by one record (the same file may be used by several)."""

    photo: Photo
    source: Path  # absolute, resolved, inside site_data/
    owner_kind: str
    owner_id: str


@dataclass
class Catalog:
    data_dir: Path
    site: Site
    teachers: dict[str, Teacher]
    corridors: dict[str, Corridor]
    activities: dict[str, Activity]
    honours: dict[str, Honour]
    consents: dict[str, Consent]
    photo_uses: list[PhotoUse]
    warnings: list[Problem]
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> display path

    def activities_of(self, teacher_id: str) -> list[Activity]:
        return [a for a in self.activities.values() if teacher_id in a.teachers]

    def honours_of_teacher(self, teacher_id: str) -> list[Honour]:
        return [h for h in self.honours.values() if teacher_id in h.teachers]

    def honours_of_activity(self, activity_id: str) -> list[Honour]:
        return [h for h in self.honours.values() if h.activity == activity_id]

    def photo_source(self, photo: Photo) -> Path:
        return (self.data_dir / photo.file).resolve()


@dataclass
class _Loaded:
    kind: RecordKind
    doc: SourceDocument
    record: Any


@dataclass(frozen=True)
class _Broken:
    """A record whose file failed to load or validate. Its problems are reported in
    its own file; it still exists for references, so that they do not repeat them."""

    kind: str
    record_id: str
    display_path: str
    name: str | None = None  # a teacher's 姓名 as far as it could be read


_RAW_ID = re.compile(r"^\s*编号\s*[:：]\s*[\"']?([^\"'#\s]+)", re.MULTILINE)
_RAW_NAME = re.compile(r"^\s*姓名\s*[:：]\s*[\"']?([^\"'#\n]+?)[\"']?\s*$", re.MULTILINE)


def _broken_records(kind: RecordKind, path: Path, shown: str, data: Any) -> list[_Broken]:
    """The ids a broken file most likely stands for: its 编号 as written (from the parsed
    data, else from the raw text) and its file name, with look-alike characters removed."""
    raw_id: Any = data.get("编号") if isinstance(data, dict) else None
    raw_name: Any = data.get("姓名") if isinstance(data, dict) else None
    if data is None or not isinstance(data, dict):
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            text = ""
        id_match, name_match = _RAW_ID.search(text), _RAW_NAME.search(text)
        raw_id = id_match.group(1) if id_match else None
        raw_name = name_match.group(1) if name_match else None
    candidates = {to_plain(str(raw_id)).strip() if isinstance(raw_id, (str, int)) else "", path.stem}
    name = to_plain(raw_name).strip() if isinstance(raw_name, str) else None
    return [_Broken(kind.name, c, shown, name) for c in sorted(candidates) if c]


def discover_files(data_dir: Path, kind: RecordKind, problems: ProblemList, root: Path) -> list[Path]:
    """The data files of one kind, sorted; stray files are reported."""
    if kind is SITE:
        return [data_dir / "site.yml"]
    folder = data_dir / kind.folder
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*")):
        name = path.name
        if name.startswith((".", "~$")) or path.is_dir():
            continue
        if path.suffix.lower() in DATA_SUFFIXES:
            found.append(path)
        elif path.suffix.lower() != ".md":
            problems.add(Problem(messages.IGNORED_FILE, display(path, root),
                                 f"“{name}”不是 .yml 文件，不会被读取。",
                                 "记录文件要以 .yml 结尾；照片请放到 site_data/photos/ 下。",
                                 severity=Severity.WARNING))
    return found


def display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_catalog(data_dir: Path, *, today: datetime.date | None = None) -> Catalog:
    """Load, validate and cross-link everything under ``data_dir``.

    Raises :class:`DataProblems` listing every error; warnings are returned on
    the catalog.
    """
    data_dir = data_dir.resolve()
    root = data_dir.parent
    today = today or datetime.date.today()
    problems = ProblemList()
    loaded: list[_Loaded] = []
    # Records that failed to load or validate still count as existing, so that one
    # mistake does not also show up as a missing reference everywhere else.
    broken: list[_Broken] = []

    if not (data_dir / "site.yml").is_file():
        problems.add(Problem(messages.MISSING_SITE, display(data_dir / "site.yml", root),
                             "找不到 site_data/site.yml。", "从示例站点复制一份 site.yml 再修改。"))
    parsed: list[tuple[RecordKind, SourceDocument]] = []
    for kind in KINDS:
        for path in discover_files(data_dir, kind, problems, root):
            if kind is SITE and not path.is_file():
                continue
            shown = display(path, root)
            if not _inside(path, data_dir):
                problems.add(Problem(messages.UNREADABLE_FILE, shown, "这个文件是指向 site_data 以外的链接，不会被读取。",
                                     "把文件本身放进 site_data/，不要用链接。"))
                continue
            try:
                doc = load_document(path, shown)
            except LoadError as err:
                problems.extend(err.problems)
                if kind is not SITE:
                    broken.extend(_broken_records(kind, path, shown, None))
                continue
            problems.extend(doc.repairs)
            parsed.append((kind, doc))

    context = ValidationContext(teacher_ids_by_name=_teacher_ids_by_name(parsed))
    for kind, doc in parsed:
        record, found = validate_document(doc, kind, context)
        problems.extend(found)
        if record is not None:
            loaded.append(_Loaded(kind, doc, record))
        elif kind is not SITE:
            broken.extend(_broken_records(kind, doc.path, doc.display_path, doc.data))

    catalog = _link(loaded, broken, data_dir, today, problems)
    if problems.has_errors() or catalog is None:
        raise DataProblems(problems)
    catalog.warnings = problems.warnings
    return catalog


def _teacher_ids_by_name(parsed: list[tuple[RecordKind, SourceDocument]]) -> dict[str, str]:
    """姓名 -> 编号 of every teacher file that has both, so a name written where an id
    belongs can be answered with the right id."""
    found: dict[str, str] = {}
    for kind, doc in parsed:
        if kind.name == "teacher" and isinstance(doc.data, dict):
            name, record_id = doc.data.get("姓名"), doc.data.get("编号")
            if isinstance(name, str) and isinstance(record_id, str):
                found.setdefault(to_plain(name).strip(), to_plain(record_id).strip())
    return found


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


def _link(loaded: list[_Loaded], broken: list[_Broken], data_dir: Path, today: datetime.date,
          problems: ProblemList) -> Catalog | None:
    """Phase two: ids, references, photos, consents."""
    by_kind: dict[str, dict[str, _Loaded]] = defaultdict(dict)
    site_entry: _Loaded | None = None
    for entry in loaded:
        if entry.kind is SITE:
            site_entry = entry
            continue
        record_id = entry.record.id
        first = by_kind[entry.kind.name].get(record_id)
        if first is not None:
            problems.add(Problem(messages.DUPLICATE_ID, entry.doc.display_path,
                                 f"{entry.kind.label}编号“{record_id}”已经被 {first.doc.display_path} 用了。",
                                 "给这条记录换一个新的编号（复制文件后常忘了改编号）。",
                                 entry.doc.position_of(("编号",)), record_id, "编号"))
            continue
        by_kind[entry.kind.name][record_id] = entry

    site: Site | None = site_entry.record if site_entry else None
    broken_ids: dict[str, set[str]] = defaultdict(set)
    teacher_names = {tid: e.record.name for tid, e in by_kind["teacher"].items()}
    for record in broken:
        broken_ids[record.kind].add(record.record_id)
        if record.kind == "teacher" and record.name:
            teacher_names.setdefault(record.record_id, record.name)

    def check_reference(entry: _Loaded, loc: DataPath, target_kind: str, target: str, label: str) -> None:
        if target in by_kind[target_kind] or target in broken_ids[target_kind]:
            # A broken record's own file reports its problem: the root cause, once.
            return
        candidates = sorted(set(by_kind[target_kind]) | broken_ids[target_kind])
        guess = difflib.get_close_matches(target, candidates, n=1, cutoff=0.6)
        fix = f"你是不是想写“{guess[0]}”？" if guess else ""
        if target_kind == "teacher" and candidates:
            names = "、".join(f"{teacher_names[c]}（{c}）" if c in teacher_names else c for c in candidates[:12])
            fix += f"现有的教师编号：{names}。"
        elif candidates:
            fix += f"现有的编号：{'、'.join(candidates[:12])}。"
        else:
            fix += f"先在 site_data/ 里建立这条{label}记录。"
        problems.add(Problem(messages.DANGLING_REFERENCE, entry.doc.display_path,
                             f"找不到编号为“{target}”的{label}。", fix, entry.doc.position_of(loc),
                             entry.record.id, format_path(loc)))

    for entry in by_kind["activity"].values():
        activity: Activity = entry.record
        for index, teacher_id in enumerate(activity.teachers):
            check_reference(entry, ("参与教师", index), "teacher", teacher_id, "教师")
        if site is not None and activity.category not in site.categories:
            guess = difflib.get_close_matches(activity.category, site.categories, n=1, cutoff=0.3)
            fix = (f"你是不是想写“{guess[0]}”？" if guess else "") + \
                f"可选的分类：{'、'.join(site.categories)}；要新增分类，先加到 site.yml 的“活动分类”里。"
            problems.add(Problem(messages.DANGLING_REFERENCE, entry.doc.display_path,
                                 f"没有“{activity.category}”这个活动分类。", fix,
                                 entry.doc.position_of(("分类",)), activity.id, "分类"))
        _warn_long_title(entry, "标题", activity.title, problems)
    for entry in by_kind["honour"].values():
        honour: Honour = entry.record
        for index, teacher_id in enumerate(honour.teachers):
            check_reference(entry, ("获奖教师", index), "teacher", teacher_id, "教师")
        if honour.activity is not None:
            check_reference(entry, ("相关活动",), "activity", honour.activity, "活动")
        _warn_long_title(entry, "名称", honour.title, problems)

    if site is not None and site_entry is not None:
        _check_list_addresses(site_entry, site, by_kind["activity"], problems)

    consents = {cid: e.record for cid, e in by_kind["consent"].items()}
    skip_students = site is not None and site.build.students_without_consent == "跳过"
    photo_uses: list[PhotoUse] = []
    banned: dict[int, bool] = {}
    entries = ([site_entry] if site_entry else []) + [e for kind in ("teacher", "corridor", "activity", "honour")
                                                     for e in by_kind[kind].values()]
    for entry in entries:
        owner_id = getattr(entry.record, "id", "site")
        for loc, photo, in_gallery in _photos_in(entry.record):
            source = _check_photo_file(entry, loc, photo, data_dir, problems)
            consent_problem = _check_consent(entry, loc, photo, consents, today)
            if consent_problem is not None:
                if skip_students:
                    problems.add(Problem(messages.STUDENT_PHOTO_SKIPPED, entry.doc.display_path,
                                         f"照片 {photo.file} 没有有效的监护人同意书，这次不发布。",
                                         "补上同意书后会自动发布。", entry.doc.position_of(loc), entry.record.id
                                         if hasattr(entry.record, "id") else None, format_path(loc),
                                         severity=Severity.WARNING))
                    banned[id(photo)] = True
                    continue
                problems.add(consent_problem)
                continue
            if in_gallery and photo.caption is None:
                problems.add(Problem(messages.NO_CAPTION, entry.doc.display_path, f"照片 {photo.file} 没有“说明”。",
                                     "加一行“说明: …”，一句话说清照片里发生了什么。", entry.doc.position_of(loc),
                                     owner_id, format_path(loc), severity=Severity.WARNING))
            if source is not None:
                photo_uses.append(PhotoUse(photo, source, entry.kind.name, owner_id))

    if site is None or problems.has_errors():
        return None

    def records(kind: str) -> dict[str, Any]:
        return {rid: _without(e.record, banned) for rid, e in by_kind[kind].items()}

    teachers = dict(sorted(records("teacher").items(), key=lambda kv: (kv[1].order, kv[0])))
    corridors = dict(sorted(records("corridor").items(), key=lambda kv: (kv[1].order, kv[0])))
    activities = dict(sorted(records("activity").items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True))
    honours = dict(sorted(records("honour").items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True))
    files = {(k, rid): e.doc.display_path for k, entries_ in by_kind.items() for rid, e in entries_.items()}
    return Catalog(data_dir, _without(site, banned), teachers, corridors, activities, honours, consents,
                   photo_uses, [], files)


def _check_list_addresses(site_entry: _Loaded, site: Site, activities: dict[str, _Loaded],
                          problems: ProblemList) -> None:
    """List pages (activities/2022/, activities/dangjian/) and activity pages share one folder:
    their addresses must not meet, or one page would silently replace the other."""
    for name in site.category_slugs:
        if name not in site.categories:
            problems.add(Problem(messages.DANGLING_REFERENCE, site_entry.doc.display_path,
                                 f"“分类网址”里的“{name}”不是“活动分类”里的分类。",
                                 f"改成其中一个分类：{'、'.join(site.categories)}；或删去这一行。",
                                 site_entry.doc.position_of(("分类网址", name)), None, f"分类网址 → {name}"))
    owners: dict[str, str] = {}
    for name, word in site.category_addresses().items():
        if word in owners:
            problems.add(Problem(messages.DUPLICATE_ID, site_entry.doc.display_path,
                                 f"分类“{name}”和“{owners[word]}”的网址都是 activities/{word}/。",
                                 f"在“分类网址”里给“{name}”写一个不同的拼音。",
                                 site_entry.doc.position_of(("分类网址",)), None, "分类网址",
                                 f"分类网址:\n  {name}: {word}-2"))
        owners.setdefault(word, name)
    for record_id, entry in activities.items():
        if record_id.isdigit() or record_id in owners:
            page = "这一年的活动列表" if record_id.isdigit() else f"分类“{owners[record_id]}”的列表"
            problems.add(Problem(messages.DUPLICATE_ID, entry.doc.display_path,
                                 f"活动编号“{record_id}”和{page}的网址 activities/{record_id}/ 相同。",
                                 "把编号改成“年份-月份-拼音”的样子。", entry.doc.position_of(("编号",)), record_id,
                                 "编号", f"编号: 2022-05-{record_id}"))


def _warn_long_title(entry: _Loaded, alias: str, title: str, problems: ProblemList) -> None:
    if len(title) > TITLE_SOFT_LIMIT:
        problems.add(Problem(messages.LONG_TEXT, entry.doc.display_path,
                             f"“{alias}”有 {len(title)} 个字，超过建议的 {TITLE_SOFT_LIMIT} 个字。",
                             "精简标题，细节写进正文或摘要。", entry.doc.position_of((alias,)), entry.record.id, alias,
                             severity=Severity.WARNING))


def _photos_in(model: RecordModel, loc: DataPath = ()) -> Iterator[tuple[DataPath, Photo, bool]]:
    """Every photo inside a record, with its location and whether it is in a gallery list."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        here = loc + (info.alias,)
        if isinstance(value, Photo):
            yield here, value, False
        elif isinstance(value, RecordModel):
            yield from _photos_in(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Photo):
                    yield here + (index,), item, True
                elif isinstance(item, RecordModel):
                    yield from _photos_in(item, here + (index,))


def _without(model: Any, banned: dict[int, bool]) -> Any:
    """The record with banned photos removed (lists filtered, single photos cleared)."""
    if not banned:
        return model
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Photo) and id(value) in banned:
            update[name] = None
        elif isinstance(value, RecordModel):
            update[name] = _without(value, banned)
        elif isinstance(value, list):
            update[name] = [_without(v, banned) if isinstance(v, RecordModel) and not isinstance(v, Photo) else v
                            for v in value if id(v) not in banned]
    return model.model_copy(update=update)


def _check_photo_file(entry: _Loaded, loc: DataPath, photo: Photo, data_dir: Path,
                      problems: ProblemList) -> Path | None:
    record_id = getattr(entry.record, "id", None)
    file_loc = loc + ("文件",)

    def report(kind: messages.MessageKind, what: str, fix: str, example: str = "") -> None:
        problems.add(Problem(kind, entry.doc.display_path, what, fix, entry.doc.position_of(file_loc), record_id,
                             format_path(file_loc), example))

    raw = photo.file
    if "\\" in raw:
        fixed = raw.replace("\\", "/")
        report(messages.BAD_FORMAT, f"路径“{raw}”用了反斜杠“\\”。", "路径用正斜杠“/”分隔。", f"文件: {fixed}")
        return None
    pure = PurePosixPath(raw)
    if pure.is_absolute() or ".." in pure.parts or (len(raw) > 1 and raw[1] == ":"):
        report(messages.PHOTO_OUTSIDE, f"路径“{raw}”指向 site_data 以外。",
               "把照片复制到 site_data/photos/ 下，再写从 site_data/ 算起的路径。", "文件: photos/activities/01.jpg")
        return None
    path = data_dir / raw
    if path.suffix.lower() not in PHOTO_SUFFIXES:
        report(messages.PHOTO_FORMAT, f"“{raw}”不是支持的照片格式。", "用 .jpg、.png、.webp 或 .heic 照片。")
        return None
    if not path.is_file():
        folder = path.parent
        siblings = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        same_case = [s for s in siblings if s.lower() == path.name.lower()]
        guess = same_case or difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.6)
        fix = f"文件夹里有“{guess[0]}”，是不是这张？（大小写也要一致）" if guess else \
            f"确认照片已经放进 site_data/{PurePosixPath(raw).parent}/，文件名和扩展名一字不差。"
        example = f"文件: {PurePosixPath(raw).parent / guess[0]}" if guess else ""
        report(messages.PHOTO_MISSING, f"找不到照片 site_data/{raw}。", fix, example)
        return None
    resolved = path.resolve()
    if not _inside(resolved, data_dir):
        report(messages.PHOTO_OUTSIDE, f"“{raw}”是指向 site_data 以外的链接。", "把照片本身复制进 site_data/photos/。")
        return None
    return resolved


def _check_consent(entry: _Loaded, loc: DataPath, photo: Photo, consents: dict[str, Consent],
                   today: datetime.date) -> Problem | None:
    if not photo.shows_students:
        return None
    record_id = getattr(entry.record, "id", None)

    def refuse(what: str, fix: str, at: DataPath) -> Problem:
        return Problem(messages.NO_CONSENT, entry.doc.display_path, what, fix, entry.doc.position_of(at), record_id,
                       format_path(at), "含学生: true\n同意书: consent-2022-qingming")

    if photo.consent is None:
        return refuse(f"照片 {photo.file} 含学生，但没有写“同意书”，不能发布。",
                      "在 site_data/consents/ 里登记监护人同意书，再在照片下加一行“同意书: 编号”；"
                      "或者换一张认不出学生的照片，写“含学生: false”。", loc + ("含学生",))
    consent = consents.get(photo.consent)
    if consent is None:
        known = "、".join(sorted(consents)) or "（还没有任何同意书记录）"
        return refuse(f"找不到编号为“{photo.consent}”的同意书，照片 {photo.file} 不能发布。",
                      f"检查编号是否拼错。现有的同意书：{known}。", loc + ("同意书",))
    if consent.valid_until is not None and consent.valid_until < today:
        return refuse(f"同意书“{consent.id}”已于 {consent.valid_until.isoformat()} 过期，照片 {photo.file} 不能再发布。",
                      "请监护人续签并更新“有效期至”，或从记录里删去这张照片。", loc + ("同意书",))
    return None
