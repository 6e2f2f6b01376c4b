"""Hostile and careless input: each gets a correct result or one clear Chinese message.

Bounds we set (stated in the messages and the guide): a data file is at most
1 MB and nests at most 30 levels; YAML aliases are refused, so nothing ever
expands; a photo has at most 100 million pixels, checked from its header
before any pixel is decoded.
"""

from __future__ import annotations

import codecs
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXED_TODAY, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.problems import DataProblems
from xingguang.site_photos import SitePhotos

ACTIVITY = """编号: 2022-06-test
标题: 测试活动
日期: 2022-06-01
分类: 党建
正文: 测试。
照片:
  - 文件: {photo}
    替代文本: 测试照片
    说明: 测试照片
    含学生: false
"""


def check(data_dir: Path) -> str:
    """What `xingguang check` plus photo encoding shows: problems, or "OK"."""
    try:
        catalog = load_catalog(data_dir, today=FIXED_TODAY)
        photos = SitePhotos(catalog, data_dir.parent)
        photos.plan()
        photos.publish(data_dir.parent / "site", log=lambda line: None)
    except DataProblems as problems:
        return str(problems)
    return "OK"


def with_activity(tmp_path: Path, text: str, name: str = "2022-06-test.yml") -> Path:
    data_dir = make_data_dir(tmp_path)
    (data_dir / "activities" / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return data_dir


def only_problem(shown: str) -> str:
    head, _, rest = shown.partition("\n\n")
    assert head.startswith("网站数据里有 1 处错误"), shown
    return rest


# --- text files ---------------------------------------------------------------------

def test_utf8_with_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    text = codecs.BOM_UTF8 + ACTIVITY.format(photo="photos/qingming-2.jpg").replace("\n", "\r\n").encode("utf-8")
    assert check(with_activity(tmp_path, text)) == "OK"


def test_utf16_is_explained(tmp_path: Path) -> None:
    text = ACTIVITY.format(photo="photos/qingming-2.jpg").encode("utf-16")
    assert only_problem(check(with_activity(tmp_path, text))) == (
        "[1] site_data/activities/2022-06-test.yml  [XG101 文件编码不是 UTF-8]\n"
        "    问题：文件是 UTF-16 编码（Windows 记事本里叫“Unicode”）。\n"
        "    改法：用记事本打开，选“另存为”，编码选“UTF-8”，再保存。")


def test_billion_laughs_is_refused_without_expanding(tmp_path: Path) -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"
    assert only_problem(check(with_activity(tmp_path, bomb))) == (
        "[1] site_data/activities/2022-06-test.yml 第 2 行第 8 列  [XG105 不支持 YAML 锚点和别名]\n"
        "    问题：这里用了 * 别名。\n"
        "    改法：把别名换成完整的内容，直接写出来。")


def test_very_deep_nesting_is_refused(tmp_path: Path) -> None:
    shown = only_problem(check(with_activity(tmp_path, "正文: " + "[" * 5000 + "]" * 5000 + "\n")))
    assert shown.startswith("[1] site_data/activities/2022-06-test.yml")
    assert "[XG106 文件太大或嵌套太深]" in shown
    assert "    问题：内容嵌套得太深。" in shown or "    问题：内容嵌套超过 30 层。" in shown


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    big = data_dir / "activities" / "big.yml"
    with open(big, "wb") as out:
        out.write(b"# " + b"x" * 1023 + b"\n")
        out.truncate(50 * 1024 * 1024)
    assert only_problem(check(data_dir)) == (
        "[1] site_data/activities/big.yml  [XG106 文件太大或嵌套太深]\n"
        "    问题：文件有 52.4 MB，一条记录的上限是 1 MB。\n"
        "    改法：检查是否误把照片或整本文档粘贴进了这个文件；一条记录通常只有几 KB。")


def test_dot_dot_in_an_id_is_refused(tmp_path: Path) -> None:
    text = ACTIVITY.format(photo="photos/qingming-2.jpg").replace("编号: 2022-06-test", "编号: ../../etc")
    shown = only_problem(check(with_activity(tmp_path, text)))
    assert "问题：“../../etc”不能做编号：编号只能用小写拼音字母、数字和连字符“-”，不能有空格、汉字、斜杠或“..”。" in shown
    assert "        编号: etc" in shown


def test_chinese_spaces_and_emoji_in_file_names_work(tmp_path: Path) -> None:
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo="photos/清明 祭扫 🌸.jpg"), name="清明 活动 🎉.yml")
    Image.new("RGB", (64, 48), (10, 120, 200)).save(data_dir / "photos" / "清明 祭扫 🌸.jpg")
    assert check(data_dir) == "OK"
    published = sorted(p.name for p in (tmp_path / "site" / "assets" / "photos").iterdir())
    assert published and all(name.isascii() for name in published)


def test_full_width_characters_in_a_photos_own_name_work(tmp_path: Path) -> None:
    """A phone saved 清明 合影（1）.jpg with full-width brackets. Written with plain ones, the message
    names the file as it is; written as it is (following that advice), the photo is published.
    Read as half-width, the exact name used to name no file, and the advice repeated itself."""
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo="photos/清明 合影(1).jpg"))
    Image.new("RGB", (64, 48), (10, 120, 200)).save(data_dir / "photos" / "清明 合影（1）.jpg")
    shown = only_problem(check(data_dir))
    assert "[XG401 照片文件不存在]" in shown and "        文件: photos/清明 合影（1）.jpg" in shown
    record = data_dir / "activities" / "2022-06-test.yml"
    record.write_text(record.read_text("utf-8").replace("合影(1)", "合影（1）"), "utf-8")
    assert check(data_dir) == "OK"


def test_symlinks_out_of_site_data_are_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", (64, 48)).save(outside / "secret.jpg")
    (outside / "record.yml").write_text(ACTIVITY.format(photo="photos/qingming-2.jpg"), "utf-8")
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo="photos/link.jpg"))
    os.symlink(outside / "secret.jpg", data_dir / "photos" / "link.jpg")
    os.symlink(outside / "record.yml", data_dir / "activities" / "linked.yml")
    shown = check(data_dir)
    assert shown.startswith("网站数据里有 2 处错误")
    assert ("[1] site_data/activities/2022-06-test.yml 第 7 行第 9 列  [XG402 照片路径越出了 site_data]\n"
            "    记录：2022-06-test · 字段：照片[1].文件\n"
            "    问题：“photos/link.jpg”是指向 site_data 以外的链接。") in shown
    assert ("[2] site_data/activities/linked.yml  [XG112 文件无法读取]\n"
            "    问题：这个文件是指向 site_data 以外的链接，不会被读取。") in shown


# --- photos -------------------------------------------------------------------------

def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG file that claims a huge size: a decompression bomb's header."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def jpeg_bytes(**save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 40, 40)).save(out, "JPEG", **save)
    return out.getvalue()


BAD_PHOTOS = {
    "empty.jpg": (b"", "XG405 照片文件损坏", "文件是空的（0 字节）"),
    "truncated.jpg": (jpeg_bytes(quality=95)[:300], "XG405 照片文件损坏", None),
    "not-a-photo.jpg": (b"%PDF-1.4 this is a document, not a photo\n" * 20, "XG405 照片文件损坏", "这不是图片文件"),
    "bomb.png": (png_header_only(30000, 30000), "XG405 照片文件损坏", "30000×30000"),
}


@pytest.mark.parametrize("name", sorted(BAD_PHOTOS))
def test_bad_photo_is_named_with_its_record(name: str, tmp_path: Path) -> None:
    content, title, detail = BAD_PHOTOS[name]
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo=f"photos/{name}"))
    (data_dir / "photos" / name).write_bytes(content)
    shown = only_problem(check(data_dir))
    assert shown.startswith(f"[1] site_data/photos/{name}  [{title}]\n    问题：")
    assert "（用在：活动 2022-06-test）" in shown
    assert "改法：重新从手机或相机导出这张照片" in shown
    if detail:
        assert detail in shown
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.jpg"))


def test_animated_gif_is_an_unsupported_format(tmp_path: Path) -> None:
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo="photos/moving.gif"))
    frames = [Image.new("RGB", (32, 32), colour) for colour in ((255, 0, 0), (0, 255, 0))]
    frames[0].save(data_dir / "photos" / "moving.gif", save_all=True, append_images=frames[1:])
    assert only_problem(check(data_dir)) == (
        "[1] site_data/activities/2022-06-test.yml 第 7 行第 9 列  [XG404 照片格式不支持]\n"
        "    记录：2022-06-test · 字段：照片[1].文件\n"
        "    问题：“photos/moving.gif”不是支持的照片格式（只支持 .jpg、.png、.webp、.heic）。\n"
        "    改法：在手机或电脑上把照片另存为 JPEG（.jpg），放进同一个文件夹，再改这里的文件名。\n"
        "    示例：\n"
        "        文件: photos/moving.jpg")


def make_cmyk(path: Path) -> None:
    Image.new("CMYK", (120, 80), (0, 255, 255, 0)).save(path, "JPEG")


def make_16bit(path: Path) -> None:
    Image.linear_gradient("L").resize((120, 80)).convert("I;16").save(path, "PNG")


def make_transparent(path: Path) -> None:
    image = Image.new("RGBA", (120, 80), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 60, 80))
    image.save(path, "PNG")


def make_broken_exif(path: Path) -> None:
    data = jpeg_bytes(quality=90)
    # An APP1 "Exif" segment full of garbage, right after the SOI marker.
    junk = b"Exif\x00\x00" + b"MM\x00\x2a\xff\xff\xff\xff" + os.urandom(40)
    path.write_bytes(data[:2] + b"\xff\xe1" + struct.pack(">H", len(junk) + 2) + junk + data[2:])


GOOD_ODD_PHOTOS = {"cmyk.jpg": make_cmyk, "sixteen-bit.png": make_16bit, "transparent.png": make_transparent,
                   "broken-exif.jpg": make_broken_exif}


@pytest.mark.parametrize("name", sorted(GOOD_ODD_PHOTOS))
def test_odd_but_valid_photos_are_published(name: str, tmp_path: Path) -> None:
    data_dir = with_activity(tmp_path, ACTIVITY.format(photo=f"photos/{name}"))
    GOOD_ODD_PHOTOS[name](data_dir / "photos" / name)
    assert check(data_dir) == "OK"
    outputs = list((tmp_path / "site" / "assets" / "photos").iterdir())
    assert {p.suffix for p in outputs} >= {".jpg", ".webp", ".avif"}
    for output in outputs:
        with Image.open(output) as image:
            image.load()
            assert image.mode in ("RGB", "RGBA", "L")
            assert not image.getexif()
