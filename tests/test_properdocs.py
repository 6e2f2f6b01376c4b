"""The way off MkDocs 1.6.1 (which gets no more releases): ProperDocs, its continuation with the
same plugin API, builds the demo with our hooks into the same site, file for file.

docs/engines.md says why ProperDocs and not (yet) Zensical. Only the generator line may differ
(it names the engine), and the sitemap's dates (the day of the build).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BuildResult, make_project, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds

ENGINE_NAMED = re.compile(rb'<meta name="generator" content="[^"]*">|<lastmod>[^<]*</lastmod>')


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): ENGINE_NAMED.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"}


def test_properdocs_builds_the_demo_as_mkdocs_does(demo_build: BuildResult, tmp_path: Path) -> None:
    assert demo_build.returncode == 0, demo_build.log
    built = run_mkdocs_build(make_project(tmp_path / "project"), "--strict", engine="properdocs")
    assert built.returncode == 0, built.log
    assert "ProperDocs" in (built.site_dir / "index.html").read_text("utf-8")  # it really was ProperDocs
    by_mkdocs, by_properdocs = site_files(demo_build.site_dir), site_files(built.site_dir)
    assert sorted(by_properdocs) == sorted(by_mkdocs)
    differing = sorted(name for name in by_mkdocs if by_mkdocs[name] != by_properdocs[name])
    assert differing == [], differing[:10]
    assert len(by_mkdocs) > 100
