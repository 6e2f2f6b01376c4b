#!/usr/bin/env python3
"""Make the demo notices' attachments in site_data/files/.

The 寒假放假通知 carries a one-page PDF: its text drawn with Pillow (Noto CJK)
onto an A4 page, saved as PDF, then given the metadata a real office PDF
has — an author, a creator application, a producer, a title and an XMP
packet — so that the demo shows the build removing them
(``xingguang.notices.attachments``). The names in it are made up.

Deterministic: the same script gives byte-identical files.

Usage (from the repository root):
    .venv/bin/python scripts/make_demo_files.py
Needs the Debian package fonts-noto-cjk.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "site_data" / "files"
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FONT_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"

DPI = 100
PAGE = (827, 1169)  # A4 at 100 dpi

HANJIA_TITLE = "西乡县城北小学 2023 年寒假放假安排"
HANJIA_LINES = [
    "各位家长：",
    "",
    "    根据县教体局 2022—2023 学年度校历安排，现将我校寒假",
    "放假有关事项告知如下：",
    "",
    "一、放假时间：2023 年 1 月 14 日（星期六）至 2 月 5 日",
    "    （星期日），共 23 天。",
    "二、开学时间：2 月 6 日（星期一）学生报到，2 月 7 日正式上课。",
    "三、假期安全：不到河边、水库、池塘玩耍；燃放烟花爆竹须有",
    "    家长陪同；乘车不坐“三无”车辆；注意用火用电安全。",
    "四、假期作业：各班作业清单见班级群，鼓励亲子共读",
    "    “星星读书吧”推荐书目，每天锻炼一小时。",
    "五、疫情防护：做好自我健康监测，出现发热等症状及时就医。",
    "",
    "    祝同学们度过一个平安、健康、快乐的寒假！",
    "",
    "                                   西乡县城北小学",
    "                                   2023 年 1 月 6 日",
]
# What an office PDF says about whoever made it; the build must remove all of it.
HANJIA_METADATA = {
    "/Author": "德育处 张老师",
    "/Creator": "WPS 文字",
    "/Producer": "WPS Office PDF 导出 11.1",
    "/Title": "2022秋寒假通知-第三稿-张老师修改",
}
HANJIA_XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:creator><rdf:Seq><rdf:li>德育处 张老师</rdf:li></rdf:Seq></dc:creator>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
).encode("utf-8")


def draw_page(title: str, lines: list[str]) -> Image.Image:
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    title_font = ImageFont.truetype(FONT_BOLD, 30)
    body_font = ImageFont.truetype(FONT, 21)
    width = draw.textlength(title, font=title_font)
    draw.text(((PAGE[0] - width) / 2, 90), title, font=title_font, fill=0)
    draw.line((80, 145, PAGE[0] - 80, 145), fill=0, width=2)
    y = 185
    for line in lines:
        draw.text((90, y), line, font=body_font, fill=30)
        y += 38
    return page


def pdf_with_metadata(page: Image.Image, metadata: dict[str, str], xmp: bytes) -> bytes:
    raw = io.BytesIO()
    page.save(raw, "PDF", resolution=DPI)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw.getvalue())))
    writer.metadata = None  # Pillow's own dates would change on every run
    writer.add_metadata(metadata)
    writer.xmp_metadata = xmp
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "2023-hanjia-fangjia.pdf"
    target.write_bytes(pdf_with_metadata(draw_page(HANJIA_TITLE, HANJIA_LINES), HANJIA_METADATA, HANJIA_XMP))
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
