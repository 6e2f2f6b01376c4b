"""Corridor display mode: ``/display/``, a slideshow for kiosk screens that runs
for weeks, offline. (Being built; see the display issue.)"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from xingguang.catalog import Catalog
from xingguang.site_photos import SitePhotos


def add_display_files(files: Files, config: MkDocsConfig, catalog: Catalog, photos: SitePhotos) -> Files:
    """Add the display page and its assets to the site (called from on_files)."""
    return files


def write_display(site_dir: Path, catalog: Catalog, photos: SitePhotos) -> None:
    """Write what can only be written after the build (called from on_post_build)."""
