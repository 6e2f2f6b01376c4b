"""Golden cases: each folder under tests/cases/errors/ is one editor's mistake.

A case is a ``site_data`` overlay (files added to or replacing the small base
set) and ``expected.txt``, the exact text an editor is shown. A new case is a
new folder. Set XINGGUANG_UPDATE_GOLDEN=1 to (re)write expected.txt files (each one
rewritten is reported as skipped, never as passed; refused under CI), then read every
diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import CASES, FIXED_TODAY, make_data_dir
from xingguang.catalog import check_catalog, load_catalog
from xingguang.characters import to_plain
from xingguang.problems import DataProblems, Problem

UPDATE_GOLDEN = "XINGGUANG_UPDATE_GOLDEN"
ERROR_CASES = sorted(p for p in (CASES / "errors").iterdir() if p.is_dir())


def shown_to_editor(data_dir: Path) -> str:
    try:
        catalog = load_catalog(data_dir, today=FIXED_TODAY)
    except DataProblems as problems:
        return problems.problems.format_errors() + "\n"
    return "".join(w.one_line() + "\n" for w in catalog.warnings) or "（没有问题）\n"


def test_base_data_is_valid(tmp_path: Path) -> None:
    catalog = load_catalog(make_data_dir(tmp_path), today=FIXED_TODAY)
    assert sorted(catalog.teachers) == ["li-si", "zhang-san"]
    assert catalog.warnings == []


@pytest.mark.parametrize("case", ERROR_CASES, ids=[p.name for p in ERROR_CASES])
def test_golden_case(case: Path, tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path, case / "site_data")
    for line in (case / "delete.txt").read_text("utf-8").split() if (case / "delete.txt").exists() else []:
        (data_dir / line).unlink()
    shown = shown_to_editor(data_dir)
    expected_file = case / "expected.txt"
    if os.environ.get(UPDATE_GOLDEN):
        if os.environ.get("CI"):
            pytest.fail(f"{UPDATE_GOLDEN} rewrites the expected texts: never under CI, where nothing would be checked")
        if not expected_file.exists() or expected_file.read_text("utf-8") != shown:
            expected_file.write_text(shown, "utf-8")
            # A rewritten file compared with itself proves nothing: say so instead of passing.
            pytest.skip(f"rewrote {expected_file.relative_to(CASES.parent.parent)}: read its diff before committing")
    assert shown == expected_file.read_text("utf-8")
    assert "Traceback" not in shown


def fixed_line(problem: Problem, lines: list[str]) -> str | None:
    """The line a teacher would write by following the message: its whole corrected line,
    or its one-line example put in place of the line it names (same field, same indent)."""
    if problem.replacement is not None:
        return problem.replacement[1]
    if problem.position is None or not problem.example or "\n" in problem.example:
        return None
    line = lines[problem.position.line - 1]
    found = re.match(r"^(\s*(?:- )?)([^:：#\s][^:：]*?)\s*[:：]", line)
    renames_field = problem.kind.code in ("XG104", "XG202")  # the example is the field under its right name
    if not found or (to_plain(found.group(2)).strip() != problem.example.split(":", 1)[0] and not renames_field):
        return None
    return found.group(1) + problem.example


def problems_of(data_dir: Path) -> list[Problem]:
    return check_catalog(data_dir, today=FIXED_TODAY).problems.items


@pytest.mark.parametrize("case", ERROR_CASES, ids=[p.name for p in ERROR_CASES])
def test_every_example_works_when_followed(case: Path, tmp_path: Path) -> None:
    """Each message's one-line example, written into the file where the message points,
    makes that problem go away and brings no new one."""
    data_dir = make_data_dir(tmp_path, case / "site_data")
    for line in (case / "delete.txt").read_text("utf-8").split() if (case / "delete.txt").exists() else []:
        (data_dir / line).unlink()
    before = problems_of(data_dir)
    edits: dict[tuple[str, int], str] = {}
    applied = []
    for problem in before:
        path = data_dir.parent / problem.file
        if not path.is_file() or path.suffix not in (".yml", ".yaml") or problem.position is None:
            continue
        line_number = problem.replacement[0] if problem.replacement else problem.position.line
        try:
            lines = path.read_text("utf-8").split("\n")
        except UnicodeDecodeError:
            continue  # the message says how to save the file as UTF-8
        new = fixed_line(problem, lines)
        if new is None or edits.get((problem.file, line_number), new) != new:
            continue
        edits[(problem.file, line_number)] = new
        applied.append(problem)
    if not applied:
        pytest.skip("no message in this case has a one-line example (each names what to write in its text)")
    for (file, line_number), new in edits.items():
        path = data_dir.parent / file
        lines = path.read_text("utf-8").split("\n")
        lines[line_number - 1] = new
        path.write_text("\n".join(lines), "utf-8")
    # Errors only: warnings about what a valid record still lacks (a caption) come
    # once its errors are fixed, and never stop a build without --strict.
    after = {(p.file, p.position.line if p.position else 0, p.kind.code): p for p in problems_of(data_dir)
             if p.is_error}
    for problem in applied:
        key = (problem.file, problem.position.line, problem.kind.code)
        assert key not in after, f"still there after applying the example:\n{problem.format()}\n{after[key].format()}"
    untouched = {(p.file, p.position.line if p.position else 0, p.kind.code) for p in before if p not in applied}
    # A fix that starts with converting a file ("另存为 .jpg, then change the name here")
    # names a file the teacher makes first: until then it is missing, as the fix says.
    converted = {(p.file, p.position.line) for p in applied if "另存为" in p.fix}
    new_problems = [p.format() for key, p in after.items() if key not in untouched
                    and not ((key[0], key[1]) in converted and p.kind.title.endswith("不存在"))]
    assert not new_problems, "new problems after applying the examples:\n" + "\n".join(new_problems)


def test_a_pasted_paragraph_written_as_the_example_shows_loads(tmp_path: Path) -> None:
    """The one multi-line example: 正文 with a second paragraph pasted at the margin. The
    example replaces the field's lines (its first line to the pasted one) and the file loads."""
    case = CASES / "errors" / "paste_second_paragraph_at_margin"
    data_dir = make_data_dir(tmp_path, case / "site_data")
    [problem] = problems_of(data_dir)
    path = data_dir.parent / problem.file
    lines = path.read_text("utf-8").split("\n")
    field_line = int(re.search(r"第 (\d+) 行的“正文”", problem.what).group(1))
    lines[field_line - 1:problem.position.line] = problem.example.split("\n")
    path.write_text("\n".join(lines), "utf-8")
    assert problems_of(data_dir) == []
    body = load_catalog(data_dir, today=FIXED_TODAY).activities["2022-05-case"].body
    assert body == "少先队员分享读书心得，交换喜欢的图书。\n\n各班评选出“书香少年”，在升旗仪式上颁奖。"
