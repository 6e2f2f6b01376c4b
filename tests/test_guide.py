"""The editors' guide: its generated parts list everything the code knows."""

from __future__ import annotations

import html
import re

import pytest

from conftest import BuildResult
from xingguang.guide import field_tables
from xingguang.messages import CATALOGUE
from xingguang.records import KINDS

pytestmark = pytest.mark.slow  # whole-site builds


def test_error_catalogue_lists_every_message_kind(editors_build: BuildResult) -> None:
    assert editors_build.returncode == 0, editors_build.log
    page = html.unescape((editors_build.site_dir / "guide" / "errors" / "index.html").read_text("utf-8"))
    for kind in CATALOGUE.values():
        assert f"{kind.code} {kind.title}" in page
        assert kind.when in page
        assert kind.right in page and (kind.right or kind.fix)


def test_field_reference_lists_every_field_of_every_kind(editors_build: BuildResult) -> None:
    page = html.unescape((editors_build.site_dir / "guide" / "fields" / "index.html").read_text("utf-8"))
    for kind in KINDS:
        for info in kind.model.model_fields.values():
            assert f"<code>{info.alias}</code>" in page, (kind.name, info.alias)
            assert info.description in page
    titles = [t.title for t in field_tables()]
    assert len(titles) == len(set(titles)) and "照片" in titles and "显示屏" in titles


def test_guide_explains_consent_and_alt_text(editors_build: BuildResult) -> None:
    page = (editors_build.site_dir / "guide" / "index.html").read_text("utf-8")
    for text in ("个人信息保护法", "第三十一条", "替代文本", "xingguang add-photos", "xingguang check"):
        assert text in page


def test_guide_explains_guardians_requests(editors_build: BuildResult) -> None:
    page = html.unescape((editors_build.site_dir / "guide" / "photo-requests" / "index.html").read_text("utf-8"))
    for text in ("撤下:", "遮挡:", "撤回:", "第十五条", "第四十七条", "第七十二条", "第二十八条", "private/照片处理记录.md",
                 "xingguang check"):
        assert text in page, text
    for shot in ("mask-tool-1-mode.png", "mask-tool-2-draw.png"):
        assert f"assets/guide/{shot}" in page and (editors_build.site_dir / "assets" / "guide" / shot).is_file()
    # The demo's own example: one photo masked, one taken down.
    activity = (editors_build.site_dir / "activities" / "2022-06-hongse-gushi" / "index.html").read_text("utf-8")
    assert "一名学生站在小舞台上讲故事" in activity and "台下的同学们认真聆听" not in activity


def toc_links(page: str) -> list[str]:
    """The page's own section headings that a link on the page leads to: what Material's 目录 lists."""
    headings = re.findall(r'<h[23] id="([^"]+)"', page)
    return [heading for heading in headings if f'href="#{heading}"' in page]


def test_table_of_contents_only_on_the_editors_pages(editors_build: BuildResult) -> None:
    """A visitor's page (关于我们) reads as the school's page, not as a manual with a 目录;
    the guide keeps its 目录, which helps an editor find a section."""
    site = editors_build.site_dir
    about = (site / "about" / "index.html").read_text("utf-8")
    assert re.findall(r'<h2 id="([^"]+)"', about), "the about page has sections"
    assert toc_links(about) == []
    assert 'data-md-type="toc" hidden' in about
    guide = (site / "guide" / "index.html").read_text("utf-8")
    assert len(toc_links(guide)) >= 3
    assert 'data-md-type="toc" hidden' not in guide
