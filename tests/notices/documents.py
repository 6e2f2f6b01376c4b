"""Office files and PDFs made in code, carrying a teacher's name where real ones do."""

from __future__ import annotations

import io
import zipfile

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

TEACHER = "王秀兰"
"""A made-up teacher's name, planted in every metadata field a real file carries."""
SCHOOL = "城北小学德育处"
OLD_TITLE = "2021年家长会通知（旧稿）"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    "</Types>"
)
CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:title>{OLD_TITLE}</dc:title><dc:creator>{TEACHER}</dc:creator>"
    f"<cp:lastModifiedBy>{TEACHER}</cp:lastModifiedBy><cp:keywords>{TEACHER} 家长会</cp:keywords>"
    f"<dc:description>{TEACHER}起草</dc:description>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2021-11-02T08:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>WPS Office</Application><Company>{SCHOOL}</Company><Manager>{TEACHER}</Manager><Pages>1</Pages>"
    "</Properties>"
)
CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
    f"<vt:lpwstr>{TEACHER}-2052-11.1</vt:lpwstr></property></Properties>"
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>报名表：请家长填写后交班主任。</w:t></w:r></w:p></w:body></w:document>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac">'
    f'<fileSharing userName="{TEACHER}"/>'
    '<mc:AlternateContent><mc:Choice Requires="x15">'
    f'<x15ac:absPath url="C:\\Users\\{TEACHER}\\Desktop\\"/></mc:Choice></mc:AlternateContent>'
    '<sheets><sheet name="报名" sheetId="1"/></sheets></workbook>'
)


def office_file(kind: str, extra: dict[str, bytes | str] | None = None) -> bytes:
    """A DOCX or XLSX whose properties name a teacher, her school office and an old title."""
    main = {"docx": ("word/document.xml", DOCUMENT), "xlsx": ("xl/workbook.xml", WORKBOOK)}[kind]
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": CONTENT_TYPES, "docProps/core.xml": CORE, "docProps/app.xml": APP,
        "docProps/custom.xml": CUSTOM, main[0]: main[1], **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def pdf_file(*, encrypt: bool = False, script: bool = False) -> bytes:
    """A one-page PDF with the teacher in its document information, its XMP and a comment's author."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    comment = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
        NameObject("/Rect"): ArrayObject([FloatObject(10), FloatObject(10), FloatObject(30), FloatObject(30)]),
        NameObject("/T"): TextStringObject(TEACHER), NameObject("/Contents"): TextStringObject("请核对日期"),
    })
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(comment)])
    writer.add_metadata({"/Author": TEACHER, "/Creator": f"{SCHOOL} WPS 文字", "/Producer": "WPS Office",
                         "/Title": OLD_TITLE})
    writer.xmp_metadata = (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator><rdf:Seq><rdf:li>{TEACHER}</rdf:li></rdf:Seq></dc:creator></rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode("utf-8")
    if script:  # what a booby-trapped PDF carries: a script run when the file opens
        action = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                   NameObject("/JS"): TextStringObject("app.alert('hi')")})
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if encrypt:
        writer.encrypt("xuexiao")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def spellings(text: str) -> list[bytes]:
    """Every way a PDF or an Office file may store ``text``."""
    utf16 = text.encode("utf-16-be")
    return [text.encode("utf-8"), utf16, utf16.hex().encode(), utf16.hex().upper().encode(),
            b"\xfe\xff".hex().encode() + utf16.hex().encode()]
