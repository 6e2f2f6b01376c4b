"""The build as MkDocs sees it: what each hook event asks of the package.

``hooks/xingguang_hooks.py`` forwards MkDocs' events here. Only MkDocs'
public plugin API is used (events, ``File.generated``, ``PluginError``,
plugin loggers), so that moving to a MkDocs 1.x successor is a small step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from xingguang.catalog import Catalog, load_catalog
from xingguang.pages import GeneratedPage, render_site_pages, section_nav
from xingguang.problems import DataProblems
from xingguang.records import Photo

log = get_plugin_logger("xingguang")

DATA_DIR_NAME = "site_data"


class SiteBuild:
    """State of one build. MkDocs keeps hook modules alive across `serve`
    rebuilds, so everything is reset in :meth:`on_config`."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.pages: list[GeneratedPage] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalog = None
        self.pages = []
        project_root = Path(config.config_file_path).resolve().parent
        try:
            catalog = load_catalog(project_root / DATA_DIR_NAME)
        except DataProblems as problems:
            raise PluginError(str(problems)) from None
        for warning in catalog.warnings:
            log.warning(warning.one_line())
        self.catalog = catalog
        config.site_name = catalog.site.name
        user_nav_extra = [entry for entry in (config.nav or []) if isinstance(entry, dict)]
        config.nav = section_nav(catalog, user_nav_extra)
        self.pages = render_site_pages(catalog, self.photo_view)
        return config

    def photo_view(self, photo: Photo) -> dict[str, Any] | None:
        # Photos are published once the photo pipeline is wired in; until then
        # no original is ever copied into the site.
        return None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                raise PluginError(
                    f"docs/{page.src_uri} 与自动生成的页面重名。这个页面由 site_data/ 里的数据生成，"
                    f"请删除或改名 docs/{page.src_uri}。"
                )
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        return files
