"""Notice attachments: checked, cleaned of their authors' metadata, published
under content-hashed names.

A school's notice PDF or Word file carries who wrote it: a PDF's document
information (Author, Creator, Producer, Title …) and its XMP packet, an Office
file's ``docProps/core.xml`` (creator, lastModifiedBy, title …), ``app.xml``
(Company, Manager) and ``custom.xml`` (WPS writes its own fields there), and in
Excel the folder it was saved from (``C:\\Users\\<name>\\…``). None of that
may leak onto the public site. Each file is cleaned in memory while the
catalog is checked; a file that cannot be cleaned is refused with a message
for the editor, so nothing is written until every attachment is ready.

Only PDF, DOCX and XLSX are accepted. They are recognised by their content
as well as their name (a renamed ``.exe`` is refused), and Office files with
macros or embedded programs are refused too.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject

from xingguang.records.notice import ATTACHMENT_FOLDER

KINDS = {".pdf": "PDF", ".docx": "DOCX", ".xlsx": "XLSX"}
"""Suffix -> the type shown to visitors."""
MEDIA_TYPES = {
    "PDF": "application/pdf",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

OLD_OFFICE = {".doc": ".docx", ".xls": ".xlsx", ".wps": ".docx", ".et": ".xlsx", ".ppt": ".pdf", ".pptx": ".pdf"}
MACRO_OFFICE = {".docm", ".xlsm", ".dotm", ".xltm"}
PROGRAMS = {".exe", ".com", ".bat", ".cmd", ".msi", ".scr", ".vbs", ".js", ".jar", ".apk", ".ps1", ".sh", ".lnk",
            ".hta", ".dll"}
ARCHIVES = {".zip", ".rar", ".7z", ".tar", ".gz"}

PUBLISHED_FOLDER = "files"
"""Published attachments: site/files/<hash>.<suffix>."""
HASH_LENGTH = 16

MAX_OFFICE_PARTS = 2_000
MAX_OFFICE_UNPACKED = 200 * 1024 * 1024
"""A real document unpacks to a few MB; beyond this it is a zip bomb, not a notice."""

_OFFICE_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_EMPTY_CORE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    b' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_EMPTY_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>'
)
# app.xml elements that name people or organisations (the rest is page counts and the like).
_APP_PERSONAL = re.compile(rb"<(Company|Manager|HyperlinkBase)\s*/>|<(Company|Manager|HyperlinkBase)>.*?</\2>", re.S)
# Excel remembers the folder a workbook was saved in (C:\Users\<name>\Desktop) and who shares it.
_XLSX_PERSONAL = re.compile(
    rb"<mc:AlternateContent[^>]*>(?:(?!</mc:AlternateContent>).)*?absPath.*?</mc:AlternateContent>"
    rb"|<x15ac:absPath[^>]*/>|<fileSharing[^>]*/>", re.S)
# Parts that carry reviewers' names: comments, their authors, tracked changes.
_REVIEW_PARTS = re.compile(r"^(word/(comments[^/]*|people)\.xml|xl/(comments[^/]*|threadedComments/.*|persons/.*))$")
_REVISION_AUTHOR = re.compile(rb"<w:(ins|del|moveFrom|moveTo)\b[^>]*\bw:author=")
# PDF annotation keys that hold a person: /T is a markup annotation's author.
_PDF_PERSONAL_ANNOTATION_KEYS = ("/T",)


class AttachmentRefused(Exception):
    """An attachment the build will not publish, explained for the editor."""

    def __init__(self, reason: str, what: str, fix: str, example: str = "") -> None:
        super().__init__(what)
        self.reason = reason  # "missing" | "outside" | "type" | "size" | "clean"
        self.what = what
        self.fix = fix
        self.example = example


@dataclass(frozen=True)
class PublishedAttachment:
    """An attachment ready to publish: cleaned bytes and the name they go out under."""

    source: Path
    kind: str  # "PDF"
    data: bytes

    @property
    def suffix(self) -> str:
        return "." + self.kind.lower()

    @property
    def url(self) -> str:
        """Site-root-relative: the hash of the cleaned bytes, so a changed file gets a new address."""
        digest = hashlib.sha256(self.data).hexdigest()[:HASH_LENGTH]
        return f"{PUBLISHED_FOLDER}/{digest}{self.suffix}"

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def label(self) -> str:
        """What a visitor sees next to the link: ``PDF · 312 KB``."""
        return f"{self.kind} · {format_size(self.size)}"


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def prepare_attachment(raw: str, data_dir: Path, limit_bytes: int) -> PublishedAttachment:
    """Check the file an attachment names and clean it; raises :class:`AttachmentRefused`."""
    _check_path_form(raw)
    suffix = PurePosixPath(raw).suffix.lower()
    _check_suffix(raw, suffix)
    source = _existing_file(raw, data_dir)
    size = source.stat().st_size
    if size > limit_bytes:
        raise AttachmentRefused(
            "size", f"附件 site_data/{raw} 有 {format_size(size)}，超过了上限 {format_size(limit_bytes)}。",
            "手机上下载大文件又慢又费流量：扫描件用 150 dpi 重新扫描，或用 WPS/Word 的“导出为 PDF”选较小的文件；"
            "确实需要时，在 site.yml 的“构建选项”里调高“附件上限MB”。")
    if size == 0:
        raise AttachmentRefused("clean", f"附件 site_data/{raw} 是空文件（0 字节）。",
                                "重新从电脑里复制这个文件；拷贝中断时常出现空文件。")
    data = source.read_bytes()
    cleaned = clean_pdf(raw, data) if suffix == ".pdf" else clean_office(raw, suffix, data)
    return PublishedAttachment(source, KINDS[suffix], cleaned)


def _check_path_form(raw: str) -> None:
    """A path relative to site_data/, inside files/, with forward slashes."""
    example = f"文件: {ATTACHMENT_FOLDER}/2023-hanjia-fangjia.pdf"
    if "\\" in raw:
        fixed = raw.replace("\\", "/")
        raise AttachmentRefused("outside", f"路径“{raw}”用了反斜杠“\\”。", "路径用正斜杠“/”分隔。", f"文件: {fixed}")
    pure = PurePosixPath(raw)
    if pure.is_absolute() or ".." in pure.parts or (len(raw) > 1 and raw[1] == ":"):
        raise AttachmentRefused("outside", f"路径“{raw}”指向 site_data 以外。",
                                f"把文件复制到 site_data/{ATTACHMENT_FOLDER}/ 下，再写从 site_data/ 算起的路径。", example)
    if pure.parts[0] == "site_data" and len(pure.parts) > 1:
        inner = PurePosixPath(*pure.parts[1:]).as_posix()
        raise AttachmentRefused("outside", f"路径“{raw}”多写了开头的 site_data/。",
                                "路径从 site_data/ 里面算起，去掉开头的“site_data/”。", f"文件: {inner}")
    if pure.parts[0] != ATTACHMENT_FOLDER:
        raise AttachmentRefused("outside", f"附件“{raw}”不在 site_data/{ATTACHMENT_FOLDER}/ 里。",
                                f"把文件移到 site_data/{ATTACHMENT_FOLDER}/ 下，路径写成“{ATTACHMENT_FOLDER}/文件名”。",
                                f"文件: {ATTACHMENT_FOLDER}/{pure.name}")


def _existing_file(raw: str, data_dir: Path) -> Path:
    path = data_dir / raw
    example = ""
    if not path.is_file():
        folder = path.parent
        siblings = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        same_case = [s for s in siblings if s.lower() == path.name.lower()]
        guess = same_case[0] if same_case else _close(path.name, siblings)
        if guess:
            fix = f"文件夹里有“{guess}”，是不是这个？（文件名、大小写和扩展名要一字不差）"
            example = f"文件: {(PurePosixPath(raw).parent / guess).as_posix()}"
        else:
            fix = f"确认文件已经放进 site_data/{PurePosixPath(raw).parent.as_posix()}/，文件名和扩展名一字不差。"
        raise AttachmentRefused("missing", f"找不到附件 site_data/{raw}。", fix, example)
    resolved = path.resolve()
    try:
        resolved.relative_to(data_dir.resolve())
    except ValueError:
        raise AttachmentRefused("outside", f"“{raw}”是指向 site_data 以外的链接。",
                                f"把文件本身复制进 site_data/{ATTACHMENT_FOLDER}/。") from None
    if not stat.S_ISREG(resolved.stat().st_mode):
        raise AttachmentRefused("missing", f"“{raw}”不是普通文件。", "换成文件本身。")
    return resolved


def _close(name: str, candidates: list[str]) -> str | None:
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def _check_suffix(raw: str, suffix: str) -> None:
    allowed = "PDF（.pdf）、Word（.docx）、Excel（.xlsx）"
    if suffix in KINDS:
        return
    if suffix in PROGRAMS:
        raise AttachmentRefused("type", f"“{raw}”是可执行程序或脚本，不能作为附件发布。",
                                f"附件只收 {allowed}。程序请通过学校的正式渠道分发。")
    if suffix in MACRO_OFFICE:
        raise AttachmentRefused("type", f"“{raw}”是带宏的 Office 文件，宏是可以运行的程序，不能发布。",
                                "在 Word/Excel/WPS 里“另存为”不带宏的 .docx 或 .xlsx，或导出为 PDF。")
    if suffix in OLD_OFFICE:
        better = OLD_OFFICE[suffix]
        raise AttachmentRefused("type", f"“{raw}”是旧的 {suffix} 格式，网站不收。",
                                f"在 Word/Excel/WPS 里“另存为”{better}（或导出为 PDF），再改这里的文件名。",
                                f"文件: {PurePosixPath(raw).with_suffix(better).as_posix()}")
    if suffix in ARCHIVES:
        raise AttachmentRefused("type", f"“{raw}”是压缩包，里面的文件无法检查，不能发布。",
                                f"解压后把需要的文件逐个作为附件，附件只收 {allowed}。")
    shown = suffix or "（没有扩展名）"
    raise AttachmentRefused("type", f"“{raw}”的类型 {shown} 不能作为附件。", f"附件只收 {allowed}。")


def _unreadable(raw: str, kind: str) -> AttachmentRefused:
    return AttachmentRefused("clean", f"附件 {raw} 打不开，不是完好的 {kind} 文件（可能只拷贝了一半或已损坏），"
                                      "无法清除其中的作者信息。",
                             f"在电脑上打开原文件确认完好，再重新另存为 {kind}，替换 site_data/{raw}。")


def _disguised(raw: str, data: bytes, kind: str) -> AttachmentRefused | None:
    """A file whose content is not what its name says (a renamed program, an old .doc)."""
    if data[:2] == b"MZ" or data[:4] == b"\x7fELF":
        return AttachmentRefused("type", f"“{raw}”名字像 {kind}，内容却是一个可执行程序，不能发布。",
                                 f"删掉这个文件，换成真正的 {kind} 文件。")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return AttachmentRefused("type", f"“{raw}”其实是旧的 .doc/.xls 格式（或加了密码），只是改了扩展名。",
                                 "在 Word/Excel/WPS 里打开，去掉密码，“另存为”.docx、.xlsx 或导出为 PDF。")
    return None


def clean_pdf(raw: str, data: bytes) -> bytes:
    """The PDF without document information, XMP and annotation authors."""
    disguised = _disguised(raw, data, "PDF")
    if disguised is not None:
        raise disguised
    if b"%PDF-" not in data[:1024]:
        raise _unreadable(raw, "PDF")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise AttachmentRefused("clean", f"附件 {raw} 加了密码，无法清除其中的作者信息。",
                                    "用 WPS/Acrobat 去掉打开密码和权限密码后另存，再放回 site_data/。")
        active = _active_content(reader)
        if active:
            raise AttachmentRefused("type", f"附件 {raw} 里带着{active}，打开时可能自动运行，不能发布。",
                                    "用 WPS/Word 重新“导出为 PDF”，或用打印到 PDF 另存一份，再替换这个文件。")
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer.xmp_metadata = None
        for key in ("/PieceInfo", "/Metadata"):
            writer.root_object.pop(NameObject(key), None)
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo"):
                page.pop(NameObject(key), None)
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Widget":  # a form field's /T is its name, not a person
                    for key in _PDF_PERSONAL_ANNOTATION_KEYS:
                        annotation.pop(NameObject(key), None)
        # Removed entries leave their objects behind in the writer (an XMP stream still
        # holds the author's name in plain UTF-8): write only what the document uses.
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        out = io.BytesIO()
        writer.write(out)
        cleaned = out.getvalue()
        check = PdfReader(io.BytesIO(cleaned))
        if check.metadata or "/Metadata" in check.trailer["/Root"]:
            raise _unreadable(raw, "PDF")
        return cleaned
    except AttachmentRefused:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OSError, AssertionError, NotImplementedError):
        # pypdf reports broken files with many exception types; any of them means
        # the file cannot be shown to be clean, so it is not published.
        raise _unreadable(raw, "PDF") from None


_PDF_ACTIVE_KEYS = {"/JS": "脚本（JavaScript）", "/JavaScript": "脚本（JavaScript）",
                    "/EmbeddedFiles": "嵌入的文件", "/RichMedia": "多媒体程序"}
_PDF_ACTIVE_ACTIONS = {"/JavaScript": "脚本（JavaScript）", "/Launch": "启动程序的动作"}


def _active_content(reader: PdfReader) -> str:
    """What in the PDF could run or carry a program (scripts, launch actions, embedded files), or ""."""
    numbers = sorted({number for objects in reader.xref.values() for number in objects} | set(reader.xref_objStm))
    for number in numbers:
        obj = reader.get_object(number)
        if not isinstance(obj, dict):
            continue
        for key, what in _PDF_ACTIVE_KEYS.items():
            if key in obj:
                return what
        action = obj.get("/S")
        if action in _PDF_ACTIVE_ACTIONS:
            return _PDF_ACTIVE_ACTIONS[action]
    return ""


def clean_office(raw: str, suffix: str, data: bytes) -> bytes:
    """The DOCX/XLSX rewritten without its document properties and saved paths."""
    kind = KINDS[suffix]
    disguised = _disguised(raw, data, kind)
    if disguised is not None:
        raise disguised
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        parts = source.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _unreadable(raw, kind) from None
    names = [part.filename for part in parts]
    if _OFFICE_MAIN_PART[suffix] not in names:
        raise _unreadable(raw, kind)
    if len(parts) > MAX_OFFICE_PARTS or sum(part.file_size for part in parts) > MAX_OFFICE_UNPACKED:
        raise AttachmentRefused("clean", f"附件 {raw} 解开后太大，不像一份普通的 {kind} 文件。",
                                f"在 Word/Excel/WPS 里打开后重新另存为 {kind}，或导出为 PDF。")
    for name in names:
        lowered = name.lower()
        if lowered.endswith("vbaproject.bin"):
            raise AttachmentRefused("type", f"附件 {raw} 里带着宏（可以运行的程序），不能发布。",
                                    f"在 Word/Excel/WPS 里“另存为”不带宏的 {suffix}，或导出为 PDF。")
        if "/embeddings/" in lowered and (lowered.endswith(".bin") or PurePosixPath(lowered).suffix in PROGRAMS):
            raise AttachmentRefused("type", f"附件 {raw} 里嵌着别的程序或文件（{name}），无法检查，不能发布。",
                                    "删除文档里插入的对象（图标形式的附件），再另存；或导出为 PDF。")
        if _REVIEW_PARTS.match(name):
            raise _review_refusal(raw)
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for part in parts:
                content = source.read(part)
                if part.filename == "docProps/core.xml":
                    content = _EMPTY_CORE
                elif part.filename == "docProps/custom.xml":
                    content = _EMPTY_CUSTOM
                elif part.filename == "docProps/app.xml":
                    content = _APP_PERSONAL.sub(b"", content)
                elif part.filename == "xl/workbook.xml":
                    content = _XLSX_PERSONAL.sub(b"", content)
                elif part.filename.startswith("word/") and _REVISION_AUTHOR.search(content):
                    raise _review_refusal(raw)
                # Fixed dates and no zip comment: the same document always gives the same bytes.
                info = zipfile.ZipInfo(part.filename, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, content)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted zip entry.
        raise _unreadable(raw, kind) from None
    return out.getvalue()


def _review_refusal(raw: str) -> AttachmentRefused:
    return AttachmentRefused(
        "clean", f"附件 {raw} 里有批注或修订记录，上面带着写批注、改文字的老师的姓名。",
        "在 Word/WPS 里点“审阅”→“接受所有修订”，再删除所有批注，然后另存；或导出为 PDF（导出时不含批注）。")


def write_attachments(attachments: list[PublishedAttachment], site_dir: Path) -> list[Path]:
    """Write each cleaned attachment once into the (staged) site."""
    written = []
    for attachment in sorted({a.url: a for a in attachments}.values(), key=lambda a: a.url):
        path = site_dir / attachment.url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(attachment.data)
        written.append(path)
    return written
