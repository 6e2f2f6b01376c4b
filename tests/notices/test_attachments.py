"""Attachments: a teacher's name in a file's metadata never reaches the published file,
and files that cannot be shown to be clean are refused with a message."""

from __future__ import annotations

import io
import xml.dom.minidom
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject

from notices.documents import OLD_TITLE, SCHOOL, TEACHER, office_file, pdf_file, spellings
from xingguang.notices.attachments import AttachmentRefused, clean_office, clean_pdf, format_size, prepare_attachment

LIMIT = 20 * 1024 * 1024
LEAKS = (TEACHER, SCHOOL, OLD_TITLE)


def every_pdf_byte(data: bytes) -> bytes:
    """The file's bytes plus every stream decoded: a name could hide in a compressed stream."""
    reader = PdfReader(io.BytesIO(data))
    numbers = sorted({number for objects in reader.xref.values() for number in objects} | set(reader.xref_objStm))
    assert numbers
    found = [data]
    for number in numbers:
        obj = reader.get_object(number)
        found.append(repr(obj).encode("utf-8"))
        if isinstance(obj, StreamObject):
            found.append(obj.get_data())
    return b"\n".join(found)


def assert_no_leak(data: bytes) -> None:
    for text in LEAKS:
        for spelling in spellings(text):
            assert spelling not in data, f"{text} ({spelling[:20]!r}) is still in the published file"


def test_pdf_loses_author_creator_producer_title_xmp_and_comment_authors() -> None:
    original = pdf_file()
    assert any(s in every_pdf_byte(original) for s in spellings(TEACHER))  # the test can see the name
    cleaned = clean_pdf("files/a.pdf", original)
    reader = PdfReader(io.BytesIO(cleaned))
    assert reader.metadata is None
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 1
    assert reader.pages[0]["/Annots"][0].get_object()["/Contents"] == "请核对日期"  # the comment stays, its author goes
    assert_no_leak(every_pdf_byte(cleaned))


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_office_file_loses_its_properties_and_saved_paths(kind: str) -> None:
    original = office_file(kind)
    cleaned = clean_office(f"files/a.{kind}", f".{kind}", original)
    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(io.BytesIO(cleaned)) as after:
        assert after.namelist() == before.namelist()  # [Content_Types].xml stays first; nothing is dropped
        unpacked = b"\n".join(after.read(name) for name in after.namelist())
        for name in after.namelist():
            xml.dom.minidom.parseString(after.read(name))  # every part is still well-formed XML
        assert b"<Pages>1</Pages>" in after.read("docProps/app.xml")  # harmless properties stay
        if kind == "xlsx":
            assert b'<sheet name="' in after.read("xl/workbook.xml")
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in after.infolist())
    assert_no_leak(unpacked)
    assert_no_leak(cleaned)
    assert clean_office(f"files/a.{kind}", f".{kind}", original) == cleaned  # deterministic


def test_the_demo_pdf_is_published_without_its_authors() -> None:
    demo = Path(__file__).resolve().parents[2] / "site_data"
    published = prepare_attachment("files/2023-hanjia-fangjia.pdf", demo, LIMIT)
    original = (demo / "files" / "2023-hanjia-fangjia.pdf").read_bytes()
    assert any(s in every_pdf_byte(original) for s in spellings("张老师"))
    assert not any(s in every_pdf_byte(published.data) for s in spellings("张老师"))
    assert published.label == f"PDF · {round(len(published.data) / 1024)} KB"
    assert published.url.startswith("files/") and published.url.endswith(".pdf")


REFUSED = {
    "encrypted.pdf": (lambda: pdf_file(encrypt=True), "clean", "加了密码"),
    "half.pdf": (lambda: pdf_file()[:300], "clean", "打不开"),
    "script.pdf": (lambda: pdf_file(script=True), "type", "脚本"),
    "renamed.pdf": (lambda: b"MZ\x90\x00" + b"\x00" * 200, "type", "可执行程序"),
    "old.docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "type", "旧的 .doc/.xls"),
    "notzip.docx": (lambda: b"PK\x03\x04 broken", "clean", "打不开"),
    "macro.docx": (lambda: office_file("docx", {"word/vbaProject.bin": b"\x00" * 16}), "type", "宏"),
    "ole.docx": (lambda: office_file("docx", {"word/embeddings/oleObject1.bin": b"\x00" * 16}), "type", "嵌着"),
    "comments.docx": (lambda: office_file("docx", {"word/comments.xml": "<w:comments/>"}), "clean", "批注"),
    "tracked.docx": (lambda: office_file("docx", {"word/document.xml": (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        f'<w:ins w:id="1" w:author="{TEACHER}"><w:r><w:t>新</w:t></w:r></w:ins></w:body></w:document>')}),
        "clean", "修订"),
    "xlsx-without-workbook.xlsx": (lambda: office_file("docx"), "clean", "打不开"),
    "empty.pdf": (lambda: b"", "clean", "空文件"),
    "setup.exe": (lambda: b"MZ", "type", "可执行程序"),
    "table.xls": (lambda: b"x", "type", "旧的 .xls"),
    "form.xlsm": (lambda: b"x", "type", "带宏"),
    "all.zip": (lambda: b"x", "type", "压缩包"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_files_that_cannot_be_cleaned_or_published_are_refused(name: str, tmp_path: Path) -> None:
    make, reason, words = REFUSED[name]
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / name).write_bytes(make())
    with pytest.raises(AttachmentRefused) as refused:
        prepare_attachment(f"files/{name}", tmp_path, LIMIT)
    assert refused.value.reason == reason
    assert words in refused.value.what and refused.value.fix


def test_size_limit_names_both_sizes(tmp_path: Path) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "big.pdf").write_bytes(pdf_file() + b"\n%" + b"x" * 3_000_000)
    with pytest.raises(AttachmentRefused) as refused:
        prepare_attachment("files/big.pdf", tmp_path, 2 * 1024 * 1024)
    assert refused.value.reason == "size"
    assert "2.9 MB" in refused.value.what and "2.0 MB" in refused.value.what
    assert prepare_attachment("files/big.pdf", tmp_path, 4 * 1024 * 1024).kind == "PDF"


@pytest.mark.parametrize(("size", "shown"), [(0, "1 KB"), (319_488, "312 KB"), (1_048_576, "1.0 MB"),
                                             (1_500_000, "1.4 MB")])
def test_sizes_read_like_a_download_page(size: int, shown: str) -> None:
    assert format_size(size) == shown
