"""The live preview's remembered page bodies (src/xingguang/pages/remembered.py) are never stale.

Each case renders the small data set once with memory, makes one edit that reaches a page only
through what its template looks up by itself (a teacher's name on an honour card, an activity's
title on an honour list, a photo file redrawn under the same name) or through its inputs, renders
again with memory and compares every page with a rendering without memory. The slow preview
test (tests/test_preview_incremental.py) does the same through a running `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from markupsafe import Markup

from conftest import FIXED_TODAY, draw_photo, make_data_dir
from xingguang.checking import check_site
from xingguang.pages import render_site_pages
from xingguang.pages.remembered import Fingerprints, RememberedPages, Uncacheable


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        path = data / name
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), "utf-8")
    return edit


EDITS = {
    # Read through `catalog.teachers[tid].name` by the honour cards on the activity's page.
    "teacher renamed": _replace("teachers/zhang-san.yml", "姓名: 张三", "姓名: 张老三"),
    # Read through `catalog.activities[id].title` by the honour lists.
    "activity retitled": _replace("activities/2022-04-qingming.yml", "标题: 清明祭扫", "标题: 清明节祭扫"),
    # The record is the same; the photo's sizes and content-hashed addresses are not.
    "photo redrawn": lambda data: draw_photo(data / "photos/qingming-2.jpg", (80, 40), seed=99),
    # An input of every page.
    "school renamed": _replace("site.yml", "学校名称: ", "学校名称: 新"),
}


def _rendered(project: Path, remembered: RememberedPages | None) -> dict[str, tuple[str, str]]:
    checked = check_site(project, FIXED_TODAY)
    if remembered is not None:
        remembered.start(True)
    pages = render_site_pages(checked.catalog, checked.photos.view, remembered)
    if remembered is not None:
        remembered.finish()
    return {page.src_uri: (page.markdown, page.body) for page in pages}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_after_an_edit_every_remembered_page_is_the_page_rendered_afresh(tmp_path: Path, edit: str) -> None:
    make_data_dir(tmp_path)
    remembered = RememberedPages()
    before = _rendered(tmp_path, remembered)
    again = _rendered(tmp_path, remembered)
    assert again == before and remembered.reused == len(before)  # nothing changed: every page remembered

    EDITS[edit](tmp_path / "site_data")
    after = _rendered(tmp_path, remembered)
    afresh = _rendered(tmp_path, None)
    assert after != before  # the edit shows on some page
    assert after == afresh
    if edit != "school renamed":
        assert 0 < remembered.reused < len(after)  # and the memory was used for the others


def test_the_off_switch_remembers_nothing(tmp_path: Path) -> None:
    make_data_dir(tmp_path)
    remembered = RememberedPages()
    _rendered(tmp_path, remembered)
    remembered.start(False)
    assert remembered.pages == {}
    checked = check_site(tmp_path, FIXED_TODAY)
    render_site_pages(checked.catalog, checked.photos.view, remembered)
    remembered.finish()
    assert remembered.reused == 0 and remembered.pages == {}


def test_fingerprints_tell_apart_what_a_template_would_print_differently() -> None:
    of = Fingerprints().of
    assert of("<b>") != of(Markup("<b>"))  # escaped vs printed as it is
    assert of({"a": 1, "b": 2}) != of({"b": 2, "a": 1})  # a template iterates in order
    assert of([1, "1"]) != of(["1", 1])
    assert of((1,)) != of([1])
    assert of(["a", "b"]) == of(["a", "b"])


def test_a_value_that_cannot_be_hashed_by_value_makes_the_page_uncacheable() -> None:
    with pytest.raises(Uncacheable):
        Fingerprints().of({"sort": sorted})
    with pytest.raises(Uncacheable):
        Fingerprints().of([object()])
