"""The mask tool of the live preview: draw a 遮挡 rectangle on a photo, copy the YAML line.

Only ``mkdocs serve`` (scripts/site.sh) gets it: a published site has no use for
it, so nothing of it reaches ``site/``. The page script finds which data file and
photo entry a picture comes from through ``mask-tool.json``, a map from each
published file name to the photo's path and the records that use it.
Faces are never found automatically (个人信息保护法 第二十八条): the editor draws.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from xingguang.catalog import Catalog
from xingguang.photo_requests import mask_line
from xingguang.site_photos import SitePhotos

ASSETS = resources.files("xingguang.mask_tool") / "assets"
FOLDER = "assets/xingguang-mask-tool"
SCRIPT = f"{FOLDER}/mask-tool.js"
STYLESHEET = f"{FOLDER}/mask-tool.css"
MAP = f"{FOLDER}/mask-tool.json"


def photo_map(catalog: Catalog, photos: SitePhotos) -> dict[str, Any]:
    """Published file name -> the photo as the editor wrote it, where, and its masks so far."""
    found: dict[str, Any] = {}
    for use in catalog.photo_uses:
        plan = photos.plans.get(use.source)
        if plan is None:
            continue
        entry = {
            "file": use.photo.file,
            "full": plan.fallback.url,
            "width": plan.fallback.width,
            "height": plan.fallback.height,
            "masks": [mask_line(mask) for mask in catalog.masks_of(use.source)],
            "records": [],
        }
        record = catalog.files.get((use.owner_kind, use.owner_id), "site_data/site.yml")
        for output in plan.outputs:
            shown = found.setdefault(output.name, entry)
            if record not in shown["records"]:
                shown["records"].append(record)
    return found


def add_mask_tool(files: Files, config: MkDocsConfig, catalog: Catalog, photos: SitePhotos) -> Files:
    """Add the tool's script, stylesheet and photo map to a preview build (called from on_files)."""
    files.append(File.generated(config, SCRIPT, content=(ASSETS / "mask-tool.js").read_bytes()))
    files.append(File.generated(config, STYLESHEET, content=(ASSETS / "mask-tool.css").read_bytes()))
    content = json.dumps(photo_map(catalog, photos), ensure_ascii=False, sort_keys=True)
    files.append(File.generated(config, MAP, content=content))
    return files


def register_mask_tool(config: MkDocsConfig) -> None:
    """Load the tool on every preview page (called from on_config while serving)."""
    if SCRIPT not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.append(SCRIPT)
