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
import functools
import hashlib
import os
import pickle
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import yaml

from xingguang import messages
from xingguang.characters import odd_characters, reveal, to_plain
from xingguang.loading import MAX_FILE_BYTES, DataPath, LoadError, SourceDocument, load_document
from xingguang.notices import newest_first
from xingguang.notices.attachments import AttachmentRefused, PublishedAttachment, prepare_attachment
from xingguang.photo_requests import NO_CONSENT, mask_line, TAKEN_DOWN, WITHDRAWN, WithheldPhoto, withdrawal_for, withdrawal_reason
from xingguang.problems import DataProblems, Problem, ProblemList, Severity
from xingguang.records import (KINDS, SITE, Activity, Consent, Corridor, Honour, Notice, Photo, RecordKind, RecordModel,
                               Site, Teacher)
from xingguang.records.common import ID_PATTERN, TITLE_SOFT_LIMIT, Mask
from xingguang.validation import ValidationContext, format_path, replace_in_example, validate_document

DATA_SUFFIXES = (".yml", ".yaml")
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif")


@dataclass(frozen=True)
class PhotoSource:
    """A photo file a record uses, found and inside site_data/: its pixels are checked next."""

    source: Path  # absolute, resolved, inside site_data/
    owner_kind: str
    owner_id: str


@dataclass(frozen=True)
class PhotoUse:
    """A photo as published by one record (the same file may be used by several)."""

    photo: Photo
    source: Path  # absolute, resolved, inside site_data/
    owner_kind: str
    owner_id: str


@dataclass(frozen=True)
class CatalogCheck:
    """What loading found: the catalog (None when there are errors), every problem, and
    every photo file to check further, including those of records with errors."""

    catalog: Catalog | None
    problems: ProblemList
    photo_sources: list[PhotoSource | PhotoUse]


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
    # Photo uses this build does not publish (taken down, consent withdrawn or missing), for
    # `xingguang check` and the school's private report; they are already gone from the records.
    withheld: list[WithheldPhoto] = field(default_factory=list)
    # Every mask drawn on a source file, from all its uses: one file is one set of outputs,
    # so a face covered in one record is covered wherever the photo appears.
    masks: dict[Path, tuple[Mask, ...]] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)  # newest first
    # A notice attachment's 文件 (as written, relative to site_data/) -> its cleaned, publishable file.
    attachments: dict[str, PublishedAttachment] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    """The build's day: notices expire and stop being pinned against it."""
    drafts: list[str] = field(default_factory=list)  # files whose every line is commented out: not published

    def activities_of(self, teacher_id: str) -> list[Activity]:
        return [a for a in self.activities.values() if teacher_id in a.teachers]

    def honours_of_teacher(self, teacher_id: str) -> list[Honour]:
        return [h for h in self.honours.values() if teacher_id in h.teachers]

    def honours_of_activity(self, activity_id: str) -> list[Honour]:
        return [h for h in self.honours.values() if h.activity == activity_id]

    def photo_source(self, photo: Photo) -> Path:
        return resolved(self.data_dir / photo.file)

    def masks_of(self, source: Path) -> tuple[Mask, ...]:
        return self.masks.get(source, ())


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
    record_ids: tuple[str, ...]  # its 编号 as written, look-alike characters removed, and its file name
    display_path: str
    name: str | None = None  # a teacher's 姓名 as far as it could be read
    doc: SourceDocument | None = None  # when it parsed: its photos are still checked


_RAW_ID = re.compile(r"^\s*编号\s*[:：]\s*[\"']?([^\"'#\s]+)", re.MULTILINE)
_RAW_NAME = re.compile(r"^\s*姓名\s*[:：]\s*[\"']?([^\"'#\n]+?)[\"']?\s*$", re.MULTILINE)


def _broken_record(kind: RecordKind, path: Path, shown: str, doc: SourceDocument | None) -> _Broken:
    """The ids a broken file most likely stands for: its 编号 as written (from the parsed
    data, else from the raw text) and its file name, with look-alike characters removed."""
    data = doc.data if doc is not None else None
    raw_id: Any = data.get("编号") if isinstance(data, dict) else None
    raw_name: Any = data.get("姓名") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            text = ""
        id_match, name_match = _RAW_ID.search(text), _RAW_NAME.search(text)
        raw_id = id_match.group(1) if id_match else None
        raw_name = name_match.group(1) if name_match else None
    candidates = {to_plain(str(raw_id)).strip() if isinstance(raw_id, (str, int)) else "", path.stem}
    name = to_plain(raw_name).strip() if isinstance(raw_name, str) else None
    return _Broken(kind.name, tuple(sorted(c for c in candidates if c)), shown, name, doc)


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
                                 _ignored_file_fix(name),
                                 severity=Severity.WARNING))
    return found


def _ignored_file_fix(name: str) -> str:
    """How to make an ignored file a record. Windows hides known extensions: Notepad's
    2022-05-case.yml.txt shows in Explorer as 2022-05-case.yml, so "end it in .yml" alone
    would look done already."""
    stem, _, suffix = name.rpartition(".")
    if stem.lower().endswith(tuple(DATA_SUFFIXES)):
        return (f"文件名最后多了“.{suffix}”（记事本另存时加上的；Windows 默认不显示，看上去像是 {stem}）。"
                f"在资源管理器里点“查看”，勾选“文件扩展名”，再把文件重命名为 {stem}；"
                "以后用记事本保存时，“保存类型”选“所有文件”。")
    return "记录文件要以 .yml 结尾；照片请放到 site_data/photos/ 下。"


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
    checked = check_catalog(data_dir, today=today)
    if checked.catalog is None:
        raise DataProblems(checked.problems)
    return checked.catalog


def check_catalog(data_dir: Path, *, today: datetime.date | None = None,
                  parse_cache: Path | None = None) -> CatalogCheck:
    """Load, validate and cross-link everything under ``data_dir``; never raises for the
    editors' mistakes. The catalog is None when there is any error.

    ``parse_cache``: a file that keeps the parsed data files from one run to the next
    (see :func:`_read_parsed`)."""
    _resolved_paths.clear()
    data_dir = data_dir.resolve()
    if parse_cache is not None:
        _read_parsed(parse_cache)
    parses_before = _parse_count
    seen: list[tuple[Path, str]] = []
    root = data_dir.parent
    today = today or datetime.date.today()
    problems = ProblemList()
    loaded: list[_Loaded] = []
    drafts: list[str] = []
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
                doc = _load_unless_unchanged(path, shown)
                seen.append((path, shown))
            except LoadError as err:
                problems.extend(err.problems)
                if kind is not SITE:
                    broken.append(_broken_record(kind, path, shown, None))
                continue
            problems.extend(doc.repairs)
            if doc.data is None and _commented_out(path):
                # A file whose every line is a comment is a draft kept for later (the demo's
                # emergency notice); an empty file is still a mistake and reported below.
                drafts.append(shown)
                continue
            parsed.append((kind, doc))

    if parse_cache is not None and _parse_count != parses_before:
        _write_parsed(parse_cache, seen)
    context = ValidationContext(teacher_ids_by_name=_teacher_ids_by_name(parsed))
    for kind, doc in parsed:
        record, found = validate_document(doc, kind, context)
        problems.extend(found)
        if record is not None:
            loaded.append(_Loaded(kind, doc, record))
        elif kind is not SITE:
            broken.append(_broken_record(kind, doc.path, doc.display_path, doc))

    catalog, photo_sources = _link(loaded, broken, data_dir, today, problems)
    if problems.has_errors():
        catalog = None
    if catalog is not None:
        catalog.warnings = problems.warnings
        catalog.drafts = drafts
    return CatalogCheck(catalog, problems, photo_sources)


def _commented_out(path: Path) -> bool:
    lines = [line.strip() for line in path.read_text("utf-8", errors="replace").splitlines()]
    return any(line.startswith("#") for line in lines) and all(not line or line.startswith("#") for line in lines)


def _teacher_ids_by_name(parsed: list[tuple[RecordKind, SourceDocument]]) -> dict[str, str]:
    """姓名 -> 编号 of every teacher file that has both, so a name written where an id
    belongs can be answered with the right id."""
    found: dict[str, str] = {}
    for kind, doc in parsed:
        if kind.name == "teacher" and isinstance(doc.data, dict):
            name, record_id = doc.data.get("姓名"), doc.data.get("编号")
            if isinstance(name, str) and isinstance(record_id, str) and re.fullmatch(ID_PATTERN, to_plain(record_id).strip()):
                found.setdefault(to_plain(name).strip(), to_plain(record_id).strip())
    return found


_PARSED: dict[tuple[Path, str], tuple[bytes, SourceDocument]] = {}
"""Documents parsed earlier in this process, with the bytes they were parsed from. The live
preview rebuilds after every save; at ten years re-parsing every unchanged file was a tenth
of each rebuild. Keyed by content, so a changed file is always parsed again."""


_PARSED_FORMAT = 1
_parsed_read_from: Path | None = None
_parse_count = 0


@functools.cache
def _code_version() -> str:
    """A hash of the package's code: parsed documents are its objects, carrying its messages.

    Once per process (reading and writing the parsed data each asked for it, ~8 ms apiece):
    the code that runs is the code that was imported, even if a file changes on disk later."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    digest.update(f"PyYAML {yaml.__version__}".encode())
    return digest.hexdigest()


def _read_parsed(file: Path) -> None:
    """Documents parsed by an earlier run, for a build of unchanged data (each build is a new
    process; parsing the YAML of ten years is seconds). Kept only while the package's code is
    the same, used only for files whose bytes are the same; anything unreadable is ignored."""
    global _parsed_read_from
    if _parsed_read_from == file:
        return
    _parsed_read_from = file
    try:
        with open(file, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # a damaged or foreign cache file is only a slower build
        return
    if isinstance(stored, dict) and stored.get("format") == _PARSED_FORMAT and stored.get("code") == _code_version():
        for key, value in stored["documents"].items():
            _PARSED.setdefault(key, value)


def _write_parsed(file: Path, seen: list[tuple[Path, str]]) -> None:
    """The documents of this run (only those), whole or not at all."""
    documents = {key: _PARSED[key] for key in seen if key in _PARSED}
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".parsed-data-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump({"format": _PARSED_FORMAT, "code": _code_version(), "documents": documents}, out,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _load_unless_unchanged(path: Path, shown: str) -> SourceDocument:
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        raw = None  # load_document reports it
    known = _PARSED.get((path, shown))
    if raw is not None and known is not None and known[0] == raw:
        return known[1]
    global _parse_count
    _parse_count += 1
    doc = load_document(path, shown)
    if raw is not None:
        _PARSED[(path, shown)] = (raw, doc)
    return doc


_resolved_paths: dict[Path, Path] = {}


def resolved(path: Path) -> Path:
    """``path.resolve()``, remembered until the next check starts.

    A ten-year archive names its photos some 4,000 times (records, takedowns, consents, the
    photo plans), and each resolve looks at every folder of the path: a sixth of a preview
    rebuild. A check (and the build that follows it) sees the folders as they were when it began."""
    found = _resolved_paths.get(path)
    if found is None:
        found = _resolved_paths[path] = path.resolve()
    return found


def _inside(path: Path, folder: Path) -> bool:
    try:
        resolved(path).relative_to(folder)
        return True
    except ValueError:
        return False


def _link(loaded: list[_Loaded], broken: list[_Broken], data_dir: Path, today: datetime.date,
          problems: ProblemList) -> tuple[Catalog | None, list[PhotoSource]]:
    """Phase two: ids, references, photos, consents. Returns the catalog (None when there
    are errors) and every photo file that passed its checks, for the photo check."""
    photo_uses: list[PhotoUse] = []
    unlinked_sources: list[PhotoSource] = []
    by_kind: dict[str, dict[str, _Loaded]] = defaultdict(dict)
    site_entry: _Loaded | None = None
    for entry in loaded:
        if entry.kind is SITE:
            site_entry = entry
            continue
        record_id = entry.record.id
        first = by_kind[entry.kind.name].get(record_id)
        if first is not None and first.doc.path.stem != record_id == entry.doc.path.stem:
            # The copy is the file whose name is not its id (zhang-san-copy.yml, “… - 副本.yml”),
            # whichever sorts first: renaming the original's id would move its published page,
            # and links already shared in WeChat would open the copy.
            by_kind[entry.kind.name][record_id], entry, first = entry, first, entry
        if first is not None:
            taken = {e.record.id for e in loaded if e.kind is entry.kind}
            stem = entry.doc.path.stem
            fresh = stem if re.fullmatch(ID_PATTERN, stem) and stem not in taken else \
                next(f"{record_id}-{n}" for n in range(2, 1000) if f"{record_id}-{n}" not in taken)
            problems.add(Problem(messages.DUPLICATE_ID, entry.doc.display_path,
                                 f"{entry.kind.label}编号“{record_id}”已经被 {first.doc.display_path} 用了。",
                                 "给这条记录换一个新的编号（复制文件后常忘了改编号），" +
                                 ("例如和文件名一样。" if fresh == stem else f"文件名也改成一样的：{fresh}.yml。"),
                                 entry.doc.position_of(("编号",)), record_id, "编号", f"编号: {fresh}"))
            continue
        by_kind[entry.kind.name][record_id] = entry

    site: Site | None = site_entry.record if site_entry else None
    broken_ids: dict[str, set[str]] = defaultdict(set)
    teacher_names = {tid: e.record.name for tid, e in by_kind["teacher"].items()}
    for record in broken:
        broken_ids[record.kind].update(record.record_ids)
        if record.kind == "teacher" and record.name:
            for record_id in record.record_ids:
                teacher_names.setdefault(record_id, record.name)

    def check_reference(doc: SourceDocument, record_id: str | None, loc: DataPath, target_kind: str, target: str,
                        label: str) -> None:
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
        name = next(p for p in reversed(loc) if isinstance(p, str))
        example = replace_in_example(doc, loc, name, guess[0]) if guess else ""
        problems.add(Problem(messages.DANGLING_REFERENCE, doc.display_path,
                             f"找不到编号为“{target}”的{label}。", fix, doc.position_of(loc),
                             record_id, format_path(loc), example))

    # References are read from the raw data, so that a record with another mistake
    # still has its references checked in the same run.
    for kind_name, references in REFERENCES.items():
        records = [(e.doc, e.record.id) for e in by_kind[kind_name].values()] + \
            [(b.doc, b.record_ids[0]) for b in broken if b.kind == kind_name and b.doc is not None]
        for doc, record_id in records:
            for pattern, target_kind, label in references:
                for loc, target in _values_at(doc.data, pattern):
                    if isinstance(target, str) and re.fullmatch(ID_PATTERN, target):
                        check_reference(doc, record_id, loc, target_kind, target, label)

    for entry in by_kind["activity"].values():
        activity: Activity = entry.record
        if site is not None and activity.category not in site.categories:
            guess = difflib.get_close_matches(activity.category, site.categories, n=1, cutoff=0.3)
            fix = (f"你是不是想写“{guess[0]}”？" if guess else "") + \
                f"可选的分类：{'、'.join(site.categories)}；要新增分类，先加到 site.yml 的“活动分类”里。"
            problems.add(Problem(messages.DANGLING_REFERENCE, entry.doc.display_path,
                                 f"没有“{activity.category}”这个活动分类。", fix,
                                 entry.doc.position_of(("分类",)), activity.id, "分类",
                                 f"分类: {guess[0]}" if guess else ""))
        _warn_long_title(entry, "标题", activity.title, problems)
    for entry in by_kind["honour"].values():
        _warn_long_title(entry, "名称", entry.record.title, problems)
    attachments = _check_notices(list(by_kind["notice"].values()), site, data_dir, problems)
    if site_entry is not None and site is not None and site.feed and not site.url:
        problems.add(Problem(messages.NO_FEED_ADDRESS, site_entry.doc.display_path,
                             "没有写“网址”，这次不生成订阅源 feed.xml（订阅源里的链接必须是完整网址）。",
                             "写上网站的正式网址（以 / 结尾）；不需要订阅源时，写一行“订阅源: false”。",
                             site_entry.doc.position_of(("学校名称",)), None, "网址", "网址: https://www.example.edu.cn/",
                             severity=Severity.WARNING))

    if site is not None and site_entry is not None:
        _check_list_addresses(site_entry, "activities", "活动", ("活动分类", "分类网址"), site.categories,
                              site.category_slugs, site.category_addresses(), by_kind["activity"], problems)
        _check_list_addresses(site_entry, "notices", "通知", ("通知类别", "通知类别网址"), site.notice_categories,
                              site.notice_category_slugs, site.notice_category_addresses(), by_kind["notice"],
                              problems)

    for kind_name, aliases in NOT_IN_THE_FUTURE.items():
        for entry in by_kind[kind_name].values():
            for alias in aliases:
                _check_not_future(entry, alias, today, problems)

    consents = {cid: e for cid, e in by_kind["consent"].items()}
    consent_records = {cid: e.record for cid, e in consents.items()}
    skip_students = site is not None and site.build.students_without_consent == "跳过"
    withheld: list[WithheldPhoto] = []
    masks: dict[Path, list[Mask]] = defaultdict(list)
    banned: dict[int, bool] = {}
    # (consent id, reason) -> the photos it refuses: reported once, at the consent file.
    refusals: dict[tuple[str, str], list[tuple[_PhotoAt, _Loaded, DataPath, Photo]]] = defaultdict(list)
    entries = ([site_entry] if site_entry else []) + [e for kind in ("teacher", "corridor", "activity", "honour")
                                                     for e in by_kind[kind].values()]
    # A file taken down in one record is taken down everywhere: the guardian asked for the photo to go.
    taken_down = {resolved(data_dir / photo.file): (entry, photo.takedown) for entry in entries
                  for _, photo, _ in _photos_in(entry.record) if photo.takedown is not None}
    for entry in entries:
        owner_id = getattr(entry.record, "id", "site")
        for loc, photo, in_gallery in _photos_in(entry.record):
            withholding = _refusal(entry, loc, photo, data_dir, taken_down, consent_records, today)
            if withholding is not None:
                withheld.append(withholding)
                if not withholding.scheduled:
                    banned[id(photo)] = True
                    continue
            _check_masks(entry, loc, photo, problems)
            at = _PhotoAt(entry.kind.name, owner_id, entry.doc, loc, photo.file)
            source = _check_photo_file(at, data_dir, problems)
            refusal = _check_consent(at, photo, consents, broken_ids["consent"], today)
            if refusal is not None:
                if isinstance(refusal, Problem) and skip_students:
                    problems.add(Problem(messages.STUDENT_PHOTO_SKIPPED, entry.doc.display_path,
                                         f"照片 {photo.file} 没有有效的监护人同意书，这次不发布。",
                                         "补上同意书后会自动发布。", entry.doc.position_of(loc), at.record_id,
                                         format_path(loc), severity=Severity.WARNING))
                    withheld.append(_withheld(entry, loc, photo, NO_CONSENT, None, refusal.what))
                elif isinstance(refusal, Problem):
                    problems.add(refusal)
                elif refusal != CONSENT_BROKEN:
                    refusals[(photo.consent or "", refusal)].append((at, entry, loc, photo))
                if skip_students:
                    banned[id(photo)] = True
                continue
            if in_gallery and photo.caption is None:
                problems.add(Problem(messages.NO_CAPTION, entry.doc.display_path, f"照片 {photo.file} 没有“说明”。",
                                     "加一行“说明: …”，一句话说清照片里发生了什么。", entry.doc.position_of(loc),
                                     owner_id, format_path(loc), severity=Severity.WARNING))
            if source is not None:
                photo_uses.append(PhotoUse(photo, source, entry.kind.name, owner_id))
                masks[source].extend(mask for mask in photo.masks if mask not in masks[source])
    for (consent_id, reason), refused in sorted(refusals.items(), key=lambda item: item[0]):
        problem = _consent_refusal(consents[consent_id], reason, [r[0] for r in refused], today, skip_students)
        problems.add(problem)
        if skip_students:
            withheld.extend(_withheld(entry, loc, photo, NO_CONSENT, None, problem.what) for _, entry, loc, photo in refused)
    # Photos of records that failed validation are checked too, so that one wrong
    # field does not hide a missing or broken photo until the next run.
    for record in broken:
        if record.doc is None or not isinstance(record.doc.data, dict):
            continue
        shown_id = record.record_ids[0]
        for loc, raw_file in _raw_photo_files(record.doc.data):
            at = _PhotoAt(record.kind, shown_id, record.doc, loc, raw_file)
            source = _check_photo_file(at, data_dir, problems)
            if source is not None:
                unlinked_sources.append(PhotoSource(source, record.kind, shown_id))

    if site is None or problems.has_errors():
        return None, photo_uses + unlinked_sources

    def records(kind: str) -> dict[str, Any]:
        return {rid: _without(e.record, banned) for rid, e in by_kind[kind].items()}

    teachers = dict(sorted(records("teacher").items(), key=lambda kv: (kv[1].order, kv[0])))
    corridors = dict(sorted(records("corridor").items(), key=lambda kv: (kv[1].order, kv[0])))
    activities = dict(sorted(records("activity").items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True))
    honours = dict(sorted(records("honour").items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True))
    notices = {n.id: n for n in newest_first(records("notice").values())}
    files = {(k, rid): e.doc.display_path for k, entries_ in by_kind.items() for rid, e in entries_.items()}
    return Catalog(data_dir=data_dir, site=_without(site, banned), teachers=teachers, corridors=corridors,
                   activities=activities, honours=honours, consents=consent_records, photo_uses=photo_uses, warnings=[],
                   files=files, withheld=withheld,
                   masks={source: tuple(found) for source, found in masks.items() if found},
                   notices=notices, attachments=attachments, today=today), photo_uses


def _withheld(entry: _Loaded, loc: DataPath, photo: Photo, why: str, date: datetime.date | None, reason: str,
              scheduled: bool = False) -> WithheldPhoto:
    position = entry.doc.position_of(loc)
    return WithheldPhoto(photo.file, entry.kind.name, getattr(entry.record, "id", "site"), entry.doc.display_path,
                         position.line if position else None, why, date, reason, scheduled)


def _refusal(entry: _Loaded, loc: DataPath, photo: Photo, data_dir: Path,
             taken_down: dict[Path, tuple[_Loaded, Any]], consents: dict[str, Consent],
             today: datetime.date) -> WithheldPhoto | None:
    """Why this photo use is not published (or will stop being published), or None."""
    if photo.takedown is not None:
        return _withheld(entry, loc, photo, TAKEN_DOWN, photo.takedown.date, photo.takedown.reason)
    elsewhere = taken_down.get(resolved(data_dir / photo.file))
    if elsewhere is not None:
        where, takedown = elsewhere
        return _withheld(entry, loc, photo, TAKEN_DOWN, takedown.date,
                         f"{takedown.reason}；同一张照片已在 {where.doc.display_path} 撤下")
    consent = consents.get(photo.consent) if photo.shows_students and photo.consent else None
    if consent is None:
        return None
    withdrawal = withdrawal_for(consent, entry.kind.name, getattr(entry.record, "id", "site"))
    if withdrawal is None:
        return None
    return _withheld(entry, loc, photo, WITHDRAWN, withdrawal.date, withdrawal_reason(consent, withdrawal),
                     scheduled=withdrawal.date > today)


def _check_masks(entry: _Loaded, loc: DataPath, photo: Photo, problems: ProblemList) -> None:
    """A mask must lie on the photo: a box running off an edge is a slip of the pen."""
    for index, mask in enumerate(photo.masks):
        for start, size, start_alias, size_alias in ((mask.left, mask.width, "左", "宽"), (mask.top, mask.height, "上", "高")):
            if start + size <= 100 + 1e-9:
                continue
            at = loc + ("遮挡", index, size_alias)
            fixed = max(0.0, 100 - start)
            corrected = mask.model_copy(update={"width" if size_alias == "宽" else "height": fixed})
            problems.add(Problem(
                messages.BAD_NUMBER, entry.doc.display_path,
                f"遮挡框超出了照片：“{start_alias}” {start:g} 加“{size_alias}” {size:g} 是 {start + size:g}，超过了 100。",
                f"把“{size_alias}”改成不超过 {fixed:g}（或用预览网站的遮挡工具重新画一次）。",
                entry.doc.position_of(at), getattr(entry.record, "id", None), format_path(at),
                mask_line(corrected),
            ))


REFERENCES: dict[str, list[tuple[DataPath, str, str]]] = {
    # kind -> (where in its data, "*" for every list item; the kind referred to; its label)
    "activity": [(("参与教师", "*"), "teacher", "教师")],
    "honour": [(("获奖教师", "*"), "teacher", "教师"), (("相关活动",), "activity", "活动")],
    "consent": [(("撤回", "*", "活动", "*"), "activity", "活动")],
}
"""Every id one record writes for another: a new kind or field adds a line here."""


def _values_at(data: Any, pattern: DataPath, loc: DataPath = ()) -> Iterator[tuple[DataPath, Any]]:
    """The values at ``pattern`` in raw data ("*" matches every list item)."""
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, rest, loc + (index,))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, loc + (head,))


NOT_IN_THE_FUTURE: dict[str, tuple[str, ...]] = {"activity": ("日期",), "honour": ("日期",), "consent": ("签署日期",)}
"""Date fields that record something that has happened (kind -> field aliases). A date
after the build day is a typo, and would keep an activity at the top of 最新活动."""


def likely_year(year: int, today: datetime.date) -> int:
    """The year meant by a future one: the latest not after this year that differs in one
    digit (2032 -> 2022, 2202 -> 2022 is two digits: -> 2002), else last year."""
    text = str(year)
    candidates = [int(text[:i] + digit + text[i + 1:]) for i in range(len(text)) for digit in "0123456789"]
    return max((c for c in candidates if 1900 <= c <= today.year), default=today.year - 1)


def _check_not_future(entry: _Loaded, alias: str, today: datetime.date, problems: ProblemList) -> None:
    name = next(n for n, f in type(entry.record).model_fields.items() if f.alias == alias)
    value = getattr(entry.record, name)
    if not isinstance(value, datetime.date) or value <= today:
        return
    year = likely_year(value.year, today)
    try:
        meant = value.replace(year=year)
    except ValueError:  # 29 February
        meant = value.replace(year=year, day=28)
    if meant > today:
        meant = meant.replace(year=meant.year - 1)
    problems.add(Problem(messages.FUTURE_DATE, entry.doc.display_path,
                         f"“{alias}”是 {value.isoformat()}，晚于今天（{today.isoformat()}），多半是年份打错了。",
                         f"对照原始记录改成真实的日期；如果只是年份打错，应是 {meant.isoformat()}。",
                         entry.doc.position_of((alias,)), entry.record.id, alias, f"{alias}: {meant.isoformat()}"))


def _check_notices(entries: list[_Loaded], site: Site | None, data_dir: Path,
                   problems: ProblemList) -> dict[str, PublishedAttachment]:
    """Categories, the order of a notice's dates, and every attachment (cleaned here, written later)."""
    attachments: dict[str, PublishedAttachment] = {}
    limit = (site.build.attachment_limit_mb if site is not None else 20) * 1024 * 1024
    refusals = {"missing": messages.ATTACHMENT_MISSING, "outside": messages.ATTACHMENT_OUTSIDE,
                "type": messages.ATTACHMENT_TYPE, "size": messages.ATTACHMENT_TOO_BIG,
                "clean": messages.ATTACHMENT_UNCLEANABLE}
    for entry in entries:
        notice: Notice = entry.record
        doc = entry.doc

        def report(kind: messages.MessageKind, what: str, fix: str, loc: DataPath, example: str = "",
                   severity: Severity = Severity.ERROR) -> None:
            problems.add(Problem(kind, doc.display_path, what, fix, doc.position_of(loc), notice.id, format_path(loc),
                                 example, severity=severity))

        if site is not None and notice.category not in site.notice_categories:
            choices = site.notice_categories
            guess = difflib.get_close_matches(notice.category, choices, n=1, cutoff=0.3)
            report(messages.DANGLING_REFERENCE, f"没有“{notice.category}”这个通知类别。",
                   (f"你是不是想写“{guess[0]}”？" if guess else "") +
                   f"可选的类别：{'、'.join(choices)}；要新增类别，先加到 site.yml 的“通知类别”里。", ("类别",),
                   f"类别: {guess[0] if guess else choices[0]}")
        for alias, value in (("置顶至", notice.pinned_until), ("有效期至", notice.expires)):
            if value is not None and value < notice.date:
                report(messages.DATE_ORDER, f"“{alias}”是 {value.isoformat()}，比发布日期 {notice.date.isoformat()} 还早。",
                       f"“{alias}”要写发布日期当天或以后的日期（常见是年份写错了）。", (alias,),
                       f"{alias}: {_same_day_after(value, notice.date).isoformat()}")
        if notice.emergency and notice.expires is None:
            report(messages.EMERGENCY_WITHOUT_END, "紧急通知没有写“有效期至”，走廊显示屏会一直整屏显示它，直到删掉这个文件。",
                   "加一行“有效期至”，写紧急情况结束的那一天。", ("紧急",), f"有效期至: {notice.date.isoformat()}",
                   severity=Severity.WARNING)
        _warn_long_title(entry, "标题", notice.title, problems)
        for index, attachment in enumerate(notice.attachments):
            if attachment.path in attachments:
                continue
            try:
                attachments[attachment.path] = prepare_attachment(attachment.path, data_dir, limit)
            except AttachmentRefused as refused:
                report(refusals[refused.reason], refused.what, refused.fix, ("附件", index, "文件"), refused.example)
    return attachments


def _same_day_after(value: datetime.date, start: datetime.date) -> datetime.date:
    """``value``'s month and day in the first year that puts it on or after ``start`` (a mistyped year)."""
    for year in (start.year, start.year + 1):
        try:
            candidate = value.replace(year=year)
        except ValueError:  # 29 February
            candidate = value.replace(year=year, day=28)
        if candidate >= start:
            return candidate
    return start


def _check_list_addresses(site_entry: _Loaded, section: str, noun: str, aliases: tuple[str, str],
                          categories: list[str], slugs: dict[str, str], addresses: dict[str, str],
                          records: dict[str, _Loaded], problems: ProblemList) -> None:
    """List pages (activities/2022/, activities/dangjian/) and record pages share one folder:
    their addresses must not meet, or one page would silently replace the other."""
    categories_alias, slugs_alias = aliases
    for name in slugs:
        if name not in categories:
            problems.add(Problem(messages.DANGLING_REFERENCE, site_entry.doc.display_path,
                                 f"“{slugs_alias}”里的“{name}”不是“{categories_alias}”里的分类。",
                                 f"改成其中一个分类：{'、'.join(categories)}；或删去这一行。",
                                 site_entry.doc.position_of((slugs_alias, name)), None, f"{slugs_alias} → {name}"))
    owners: dict[str, str] = {}
    for name, word in addresses.items():
        if word in owners:
            problems.add(Problem(messages.DUPLICATE_ID, site_entry.doc.display_path,
                                 f"分类“{name}”和“{owners[word]}”的网址都是 {section}/{word}/。",
                                 f"在“{slugs_alias}”里给“{name}”写一个不同的拼音。",
                                 site_entry.doc.position_of((slugs_alias,)), None, slugs_alias,
                                 f"{slugs_alias}:\n  {name}: {word}-2"))
        owners.setdefault(word, name)
    for record_id, entry in records.items():
        if record_id.isdigit() or record_id in owners:
            page = f"这一年的{noun}列表" if record_id.isdigit() else f"分类“{owners[record_id]}”的列表"
            problems.add(Problem(messages.DUPLICATE_ID, entry.doc.display_path,
                                 f"{noun}编号“{record_id}”和{page}的网址 {section}/{record_id}/ 相同。",
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


@dataclass(frozen=True)
class _PhotoAt:
    """Where a photo is written: the record, its file and the photo's place in it."""

    owner_kind: str
    record_id: str | None
    doc: SourceDocument
    loc: DataPath
    file: str

    def problem(self, kind: messages.MessageKind, what: str, fix: str, example: str = "", field: str = "文件",
                severity: Severity = Severity.ERROR) -> Problem:
        at = self.loc + (field,)
        return Problem(kind, self.doc.display_path, what, fix, self.doc.position_of(at), self.record_id,
                       format_path(at), example, severity)


def _raw_photo_files(data: Any, loc: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every ``文件: …`` in a record's raw data, for records that failed validation."""
    if isinstance(data, dict):
        if isinstance(data.get("文件"), str) and data["文件"].strip():
            yield loc, data["文件"]
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                yield from _raw_photo_files(value, loc + (key,))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _raw_photo_files(item, loc + (index,))


_DATA_DIR_IN_PATH = re.compile(r"(?:^|/)site_data/")


def _check_photo_file(at: _PhotoAt, data_dir: Path, problems: ProblemList) -> Path | None:
    """The photo's file, resolved inside site_data/, or None after reporting why not.
    Every example names the exact path to write: the one a fixed file would have."""
    raw = at.file
    written = to_plain(raw).strip().replace("\\", "/")
    if written != raw and raw == raw.strip() and "\\" not in raw and (data_dir / raw).is_file():
        # The file's own name has full-width characters (清明 合影（1）.jpg, as a Chinese input
        # method typed it when it was saved) and the path names it exactly: nothing to correct.
        # Read as half-width, it would name no file, and the advice would repeat itself.
        written = raw
    if written.lower().startswith("file:///"):
        written = written[len("file:///"):]
    if written != raw or _DATA_DIR_IN_PATH.search(written):
        # Explorer's "copy as path", a project-relative path, full-width characters:
        # the part from site_data/ on is what to write, when it names a file.
        inner = _DATA_DIR_IN_PATH.split(written)[-1] if _DATA_DIR_IN_PATH.search(written) else written
        if (data_dir / inner).is_file() and _inside(data_dir / inner, data_dir) and not PurePosixPath(inner).is_absolute():
            reasons = []
            if "\\" in raw:
                reasons.append("用了反斜杠“\\”（Windows 资源管理器复制的路径）")
            if _DATA_DIR_IN_PATH.search(written):
                reasons.append("路径要从 site_data/ 里面算起，不写 site_data/ 和它前面的部分")
            if to_plain(raw).strip() != raw:
                reasons.append(f"里面有{'、'.join(odd_characters(raw)) or '多余的空白'}")
            at_problem = at.problem(messages.BAD_FORMAT, f"照片路径“{reveal(raw)}”写法不对：{'；'.join(reasons)}。",
                                    "改成下面这样。", f"文件: {inner}")
            problems.add(at_problem)
            return None
        written = inner
    pure = PurePosixPath(written)
    if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", written):
        name = pure.name or "01.jpg"
        # No example line: it would point at nothing until the photo is copied in.
        problems.add(at.problem(messages.PHOTO_OUTSIDE, f"路径“{raw}”指向 site_data 以外，网站只发布 site_data/ 里的照片。",
                                f"先把照片“{name}”复制到 site_data/photos/ 里，再把这一行改成“文件: photos/{name}”。"))
        return None
    path = data_dir / written
    if path.suffix.lower() not in PHOTO_SUFFIXES:
        problems.add(at.problem(messages.PHOTO_FORMAT, f"“{raw}”不是支持的照片格式（只支持 .jpg、.png、.webp、.heic）。",
                                "在手机或电脑上把照片另存为 JPEG（.jpg），放进同一个文件夹，再改这里的文件名。",
                                f"文件: {PurePosixPath(written).with_suffix('.jpg')}"))
        return None
    if not path.is_file():
        folder = path.parent
        siblings = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
        same_case = [s for s in siblings if s.lower() == path.name.lower()]
        guess = same_case or difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.6)
        fix = f"文件夹里有“{guess[0]}”，是不是这张？（大小写也要一致）" if guess else \
            f"确认照片已经放进 site_data/{PurePosixPath(written).parent}/，文件名和扩展名一字不差。"
        example = f"文件: {PurePosixPath(written).parent / guess[0]}" if guess else ""
        problems.add(at.problem(messages.PHOTO_MISSING, f"找不到照片 site_data/{written}。", fix, example))
        return None
    real = resolved(path)
    if not _inside(real, data_dir):
        problems.add(at.problem(messages.PHOTO_OUTSIDE, f"“{raw}”是指向 site_data 以外的链接。",
                                "把照片本身复制进 site_data/photos/。"))
        return None
    return real


_WEB_WORDS = re.compile(r"网站|网页|网络|网上|互联网|官网|公众号|新媒体")
_WEB_EXCLUDED = re.compile(r"(不|禁止|除|不得|不含|不包括)[^，,。；;]{0,8}(网站|网页|网络|网上|互联网|官网|公众号)")

CONSENT_EXPIRED = "expired"
CONSENT_NOT_FOR_WEB = "not-for-web"


_ONLY = re.compile(r"仅|只|限于|限在")


def consent_covers_website(purpose: str) -> bool:
    """Whether a consent's 用途 allows the website: not when it rules the web out (不得用于网站)
    or limits the use to something else (仅限校内屏幕)."""
    if _WEB_EXCLUDED.search(purpose):
        return False
    return bool(_WEB_WORDS.search(purpose)) or not _ONLY.search(purpose)


def _check_consent(at: _PhotoAt, photo: Photo, consents: dict[str, _Loaded], broken_consents: set[str],
                   today: datetime.date) -> Problem | str | None:
    """None when the photo may be published; a Problem about the photo itself; or the
    reason its consent refuses it (reported once, at the consent file)."""
    if not photo.shows_students:
        return None

    def refuse(what: str, fix: str, field: str, example: str) -> Problem:
        return at.problem(messages.NO_CONSENT, what, fix, example, field=field)

    if photo.consent is None:
        known = sorted(consents)
        return refuse(f"照片 {photo.file} 含学生，但没有写“同意书”，不能发布。",
                      "在 site_data/consents/ 里登记监护人同意书，再在照片下加一行“同意书: 编号”；"
                      "或者换一张认不出学生的照片，写“含学生: false”。", "含学生",
                      f"同意书: {known[0]}" if len(known) == 1 else "")
    if photo.consent in broken_consents:
        return CONSENT_BROKEN  # the consent file's own problem is the root cause, reported there
    entry = consents.get(photo.consent)
    if entry is None:
        known_ids = sorted(consents)
        guess = difflib.get_close_matches(photo.consent, known_ids, n=1, cutoff=0.6)
        known = "、".join(known_ids) or "（还没有任何同意书记录）"
        return refuse(f"找不到编号为“{photo.consent}”的同意书，照片 {photo.file} 不能发布。",
                      (f"你是不是想写“{guess[0]}”？" if guess else "") + f"现有的同意书：{known}。", "同意书",
                      f"同意书: {guess[0]}" if guess else "")
    consent: Consent = entry.record
    if consent.valid_until is not None and consent.valid_until < today:
        return CONSENT_EXPIRED
    if not consent_covers_website(consent.purpose):
        return CONSENT_NOT_FOR_WEB
    return None


CONSENT_BROKEN = "broken"


def _consent_refusal(entry: _Loaded, reason: str, photos: list[_PhotoAt], today: datetime.date,
                     skip: bool) -> Problem:
    """One message at the consent file for every photo it refuses: the root cause, once."""
    consent: Consent = entry.record
    used = "、".join(f"{p.doc.display_path} 第 {p.doc.position_of(p.loc).line} 行" if p.doc.position_of(p.loc)
                    else p.doc.display_path for p in photos[:8]) + (f" 等 {len(photos)} 处" if len(photos) > 8 else "")
    outcome = "这次不发布（构建选项是“跳过”）" if skip else "不能发布"
    if reason == CONSENT_EXPIRED:
        field, what = "有效期至", (f"同意书“{consent.id}”的有效期至是 {consent.valid_until}，按 {today} 算已经过期，"
                                  f"用它的 {len(photos)} 张照片{outcome}：{used}。")
        fix = ("先对照同意书原件：如果“有效期至”写错了（例如把 2025 写成了 2022），改成原件上的日期；"
               "如果确实到期了，请监护人续签后更新“有效期至”，或从记录里删去这些照片。")
    else:
        field, what = "用途", (f"同意书“{consent.id}”的用途是“{consent.purpose}”，不包括学校网站，"
                               f"用它的 {len(photos)} 张照片{outcome}：{used}。")
        fix = ("如果监护人同意的用途确实包括学校网站，把“用途”照原件写全（写明“学校网站”）；"
               "否则从网站的记录里删去这些照片，或换成认不出学生的照片。")
    return Problem(messages.STUDENT_PHOTO_SKIPPED if skip else messages.NO_CONSENT, entry.doc.display_path, what,
                   fix, entry.doc.position_of((field,)), consent.id, field,
                   severity=Severity.WARNING if skip else Severity.ERROR)
