"""Corridor display mode: ``/display/``, a slideshow for kiosk screens that runs
for weeks, offline.

The display is standalone (not inside Material's chrome): a small page, its own
CSS and JS, a service worker and ``slides.json``, all emitted into the site as
generated files. The page and the worker are the "shell"; its hash goes into the
page and into ``slides.json``, so a screen running an old shell notices a new one.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from xingguang.catalog import Catalog
from xingguang.display.slides import build_display_data, photo_urls
from xingguang.site_photos import SitePhotos

__all__ = ["add_display_files", "write_display", "build_display_data"]

log = get_plugin_logger("xingguang")

DISPLAY_DIR = "display"
ASSETS = resources.files("xingguang.display") / "assets"
STATIC_ASSETS = ("display.css", "display.js", "sw.js", "icon.svg")
"""Copied into ``display/`` as they are; ``index.html`` is rendered from ``index.html.j2``."""


def render_page(catalog: Catalog) -> tuple[str, str]:
    """The display page and the shell version (a hash of the page and every static asset)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string((ASSETS / "index.html.j2").read_text(encoding="utf-8"))
    digest = hashlib.sha256()
    for name in STATIC_ASSETS:
        digest.update((ASSETS / name).read_bytes())
    digest.update(template.render(site=catalog.site, shell="").encode("utf-8"))
    shell = digest.hexdigest()[:16]
    return template.render(site=catalog.site, shell=shell), shell


def add_display_files(files: Files, config: MkDocsConfig, catalog: Catalog, photos: SitePhotos) -> Files:
    """Add the display page, its assets and ``slides.json`` to the site (called from on_files)."""
    page, shell = render_page(catalog)
    data = build_display_data(catalog, photos.view, shell)
    generated = {
        f"{DISPLAY_DIR}/index.html": page,
        f"{DISPLAY_DIR}/slides.json": json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n",
    }
    for src_uri in generated:
        _refuse_clash(files, src_uri)
        files.append(File.generated(config, src_uri, content=generated[src_uri]))
    for name in STATIC_ASSETS:
        src_uri = f"{DISPLAY_DIR}/{name}"
        _refuse_clash(files, src_uri)
        files.append(File.generated(config, src_uri, content=(ASSETS / name).read_bytes()))
    return files


def _refuse_clash(files: Files, src_uri: str) -> None:
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"docs/{src_uri} 与走廊显示屏的文件重名。请删除或改名 docs/{src_uri}，"
                          f"或在 site.yml 里写“显示屏: {{启用: false}}”关掉显示屏。")


def write_display(site_dir: Path, catalog: Catalog, photos: SitePhotos) -> None:
    """After the photos are published: every photo the display points at must be in the site.

    A screen caches a new version only when all its photos download, so a missing
    file would hold every screen on the old content: better to stop the build.
    """
    data = json.loads((site_dir / DISPLAY_DIR / "slides.json").read_text(encoding="utf-8"))
    missing = sorted(url for url in photo_urls(data) if not (site_dir / url).is_file())
    if missing:
        raise PluginError(f"走廊显示屏用到的 {len(missing)} 张照片没有写进网站（例如 {missing[0]}）。"
                          "这是星光的错误，请把这段提示发给维护网站的老师。")
