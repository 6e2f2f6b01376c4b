"""Deterministic output: the same data gives the same site, byte for byte.

Two separate projects with the same data and fresh caches (so photos are
encoded twice, in different folders). Only the sitemap may differ: MkDocs writes
the build date into it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import make_data_dir, make_project, run_mkdocs_build

DATED = {"sitemap.xml", "sitemap.xml.gz"}


def build_fresh(root: Path) -> dict[str, str]:
    project = root / "project"
    project.mkdir(parents=True)
    make_data_dir(project)
    result = run_mkdocs_build(make_project(project, project / "site_data"), fresh_photo_cache=True)
    assert result.returncode == 0, result.log
    site = result.site_dir
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_two_fresh_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_fresh(tmp_path / "one")
    second = build_fresh(tmp_path / "two")
    assert sorted(first) == sorted(second)
    assert {name for name in first if first[name] != second[name]} <= DATED
    # The comparison covered what matters: pages, search index, encoded photos.
    assert "search/search_index.json" in first and "index.html" in first
    assert sum(name.endswith((".avif", ".webp", ".jpg")) for name in first) >= 3 * 3
