"""The ten-year data set (benchmarks/grow_data.py) is valid, spread over the years, and deterministic."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, REPO, BuildResult, grow_data
from xingguang.catalog import load_catalog


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_grown_data_is_valid_and_spread_over_the_years(tmp_path: Path) -> None:
    project = grow_data.grow_project(tmp_path / "grown", years=3, activities_per_year=12, honours_per_year=4)
    catalog = load_catalog(project / "site_data", today=FIXED_TODAY)
    demo = load_catalog(REPO / "site_data", today=FIXED_TODAY)

    assert catalog.warnings == []
    assert len(catalog.activities) == len(demo.activities) + 3 * 12
    assert len(catalog.honours) == len(demo.honours) + 3 * 4
    assert len(catalog.teachers) == len(demo.teachers) + 3 * grow_data.TEACHERS_PER_YEAR
    # The demo's records are kept as they are: their URLs exist in the grown site too.
    assert set(demo.activities) <= set(catalog.activities)
    assert all(catalog.activities[a].title == demo.activities[a].title for a in demo.activities)
    grown = [a for a in catalog.activities.values() if a.id not in demo.activities]
    assert Counter(a.date.year for a in grown) == {2020: 12, 2021: 12, 2022: 12}
    assert {a.category for a in grown} == set(catalog.site.categories)
    assert len({a.title for a in grown}) > 12
    assert len({a.date.month for a in grown}) >= 6
    # The grown records share the demo's photo files (hard links), so the photo stage stays cheap.
    sources = {use.source.name for use in catalog.photo_uses}
    assert len(catalog.photo_uses) > len(demo.photo_uses) and sources <= {u.source.name for u in demo.photo_uses}


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    first = grow_data.grow_project(tmp_path / "a", years=2, activities_per_year=5, honours_per_year=2)
    again = grow_data.grow_project(tmp_path / "b", years=2, activities_per_year=5, honours_per_year=2)
    other = grow_data.grow_project(tmp_path / "c", years=2, activities_per_year=5, honours_per_year=2, seed=1)
    assert tree_bytes(first / "site_data") == tree_bytes(again / "site_data")
    assert tree_bytes(first / "site_data") != tree_bytes(other / "site_data")


def test_refuses_to_write_into_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    with pytest.raises(ValueError):
        grow_data.grow_project(tmp_path, years=1)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_command_line_grows_a_project(tmp_path: Path) -> None:
    assert grow_data.main([str(tmp_path / "cli"), "--years", "1", "--activities-per-year", "3"]) == 0
    assert len(list((tmp_path / "cli" / "site_data" / "activities").glob("2022-*"))) == 10 + 3
    assert (tmp_path / "cli" / "mkdocs.yml").is_file() and (tmp_path / "cli" / "hooks").is_dir()


@pytest.mark.slow
def test_ten_year_project_builds_without_a_warning(ten_year_build: BuildResult) -> None:
    assert ten_year_build.returncode == 0, ten_year_build.log
    assert "WARNING" not in ten_year_build.log
    record_pages = [p for p in (ten_year_build.site_dir / "activities").glob("*/index.html")
                    if re.match(r"\d{4}-\d{2}-", p.parent.name)]
    assert len(record_pages) == 510
