"""The editors' guide: its generated parts list everything the code knows."""

from __future__ import annotations

import html

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
