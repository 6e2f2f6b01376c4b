"""Golden cases: each folder under tests/cases/errors/ is one editor's mistake.

A case is a ``site_data`` overlay (files added to or replacing the small base
set) and ``expected.txt``, the exact text an editor is shown. A new case is a
new folder. Set XINGGUANG_UPDATE_GOLDEN=1 to (re)write expected.txt files (each one
rewritten is reported as skipped, never as passed; refused under CI), then read every
diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CASES, FIXED_TODAY, make_data_dir
from xingguang.catalog import load_catalog
from xingguang.problems import DataProblems

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
