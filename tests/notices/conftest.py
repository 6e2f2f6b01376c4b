"""A site with notices of every kind, built once per session for the notice tests."""

from __future__ import annotations

import pytest

from conftest import BuildResult, make_data_dir, make_project, run_mkdocs_build
from notices.sample import SITE_URL, write_notices


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small base site with 22 notices, three attachments and an address (so, feeds)."""
    project = tmp_path_factory.mktemp("notices") / "project"
    project.mkdir()
    data_dir = make_data_dir(project)
    write_notices(data_dir)
    site_yml = data_dir / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("订阅源: false", f"网址: {SITE_URL}"), "utf-8")
    make_project(project, data_dir)
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.log
    return result


