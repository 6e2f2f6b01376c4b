"""Editors' slips, generated: valid data changed the way a teacher's hands change it
(a character typed or lost, indentation off by a space, an id or a photo path written
another way) is either still a valid site or a list of coded Chinese messages, never a
traceback. Check level (`check_site`, as `xingguang check` and the build run it), with
the pages of every still-valid result rendered too."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXED_TODAY, make_data_dir
from xingguang.checking import check_site
from xingguang.messages import CATALOGUE
from xingguang.pages import render_site_pages
from xingguang.problems import DataProblems

BASE = Path(tempfile.mkdtemp(prefix="xg-mutations-base-"))
make_data_dir(BASE)
FILES = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "site_data").rglob("*.yml"))

TYPED = ["\u3000", "\u200b", "\u00a0", "\ufeff", "：", "，", "、", "#", " #", "\t", '"', "'", "[", "]", "{", "}",
         ": ", "-", "- ", "\\", "３", "ｌ", "\ufffd", "\n", " ", "&", "*", "!", "|", ">", "%", "@", "`"]
IDS = ["zhang-san", "li-si", "consent-2022", "2022-04-qingming", "kexuejia"]
ID_SLIPS = ["张三", "李四", "Zhang-San", "zhang_san", "zhang-san.yml", "teachers/zhang-san.yml", "zhang-san\u3000",
            "zhang\u200b-san", "ｚｈａｎｇ-ｓａｎ", "zhang-sna", "", "zhang san", "zhang-san，li-si"]
PATH_SLIPS = ["photos\\qingming-1.jpg", "site_data/photos/qingming-1.jpg", "D:\\学校\\site_data\\photos\\qingming-1.jpg",
              "/photos/qingming-1.jpg", "../photos/qingming-1.jpg", "photos/qingming-1.JPG", "photos/qingming-1.gif",
              "photos/none.jpg", "photos/", "file:///D:/site_data/photos/qingming-1.jpg", "\"photos/qingming-1.jpg",
              "photos/qingming-1.jpg #", "照片/清明.jpg"]


@st.composite
def slip(draw: st.DrawFn) -> tuple[str, str, int, str]:
    """(kind of slip, file, where, what): applied to the file's text by :func:`apply`."""
    kind = draw(st.sampled_from(["type", "lose", "indent", "id", "path", "line"]))
    file = draw(st.sampled_from(FILES))
    where = draw(st.integers(min_value=0, max_value=10_000))
    what = {
        "type": st.sampled_from(TYPED), "lose": st.just(""), "indent": st.sampled_from([" ", "  ", "\t", "\u3000", "-1"]),
        "id": st.sampled_from(ID_SLIPS), "path": st.sampled_from(PATH_SLIPS), "line": st.sampled_from(["dup", "drop", "swap"]),
    }[kind]
    return kind, file, where, draw(what)


def apply(text: str, kind: str, where: int, what: str) -> str:
    lines = text.split("\n")
    if kind == "type":
        at = where % (len(text) + 1)
        return text[:at] + what + text[at:]
    if kind == "lose":
        at = where % max(1, len(text))
        return text[:at] + text[at + 1:]
    if kind == "indent":
        index = where % len(lines)
        lines[index] = lines[index][1:] if what == "-1" else what + lines[index]
    elif kind == "id":
        present = [i for i in IDS if i in text]
        if present:
            return text.replace(present[where % len(present)], what, 1)
    elif kind == "path":
        present = [line for line in lines if "文件: photos/" in line]
        if present:
            line = present[where % len(present)]
            lines[lines.index(line)] = line.split("文件:")[0] + "文件: " + what
    elif kind == "line":
        index = where % len(lines)
        if what == "dup":
            lines.insert(index, lines[index])
        elif what == "drop":
            del lines[index]
        else:
            other = (index + 1) % len(lines)
            lines[index], lines[other] = lines[other], lines[index]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slips=st.lists(slip(), min_size=1, max_size=3))
def test_a_slip_gives_a_valid_site_or_coded_messages(slips: list[tuple[str, str, int, str]]) -> None:
    project = Path(tempfile.mkdtemp(prefix="xg-mutation-"))
    try:
        shutil.copytree(BASE / "site_data", project / "site_data")
        for kind, file, where, what in slips:
            path = project / file
            path.write_text(apply(path.read_text("utf-8"), kind, where, what), "utf-8")
        try:
            checked = check_site(project, FIXED_TODAY)
        except DataProblems as problems:
            shown = str(problems)
            assert shown.startswith("网站数据里有 ") and "Traceback" not in shown
            for problem in problems.problems.items:
                assert CATALOGUE.get(problem.kind.code) is problem.kind
                assert problem.file.startswith("site_data/") and problem.what
            return
        pages = render_site_pages(checked.catalog, checked.photos.view)
        assert pages
    finally:
        shutil.rmtree(project, ignore_errors=True)
