"""Chinese search: a jieba user dictionary made from the school's own data.

Material's search plugin segments Chinese text with jieba when the index is
built. jieba does not know our teachers' names (杨小玺 would be cut into
pieces) or the school's own words (星爸星妈, 星支部), so a user dictionary is
generated from the catalog on every build and handed to the plugin through
its ``jieba_dict_user`` option.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from xingguang.catalog import Catalog

USER_DICT_NAME = "jieba_user_dict.txt"
TERM_FREQUENCY = 50_000
"""High enough that jieba keeps a listed term whole rather than cutting it."""

_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def search_terms(catalog: Catalog) -> list[str]:
    """Words from the data that must stay whole when segmented: names and our own terms."""
    terms: set[str] = set()

    def add(text: str | None) -> None:
        for run in _HAN.findall(text or ""):
            if 2 <= len(run) <= 8:
                terms.add(run)

    site = catalog.site
    for text in (site.name, site.short_name, site.spirit.name, *site.spirit.words, *site.categories):
        add(text)
    for word in site.brand.split() + site.motto.split():
        add(word)
    for teacher in catalog.teachers.values():
        add(teacher.name)
        for title in teacher.titles:
            add(title)
    for corridor in catalog.corridors.values():
        add(corridor.name)
        for item in corridor.items:
            add(item.name)
    # Quoted phrases in activity titles and texts are the school's own terms
    # (“星爸星妈”, “政治生日”): keep each whole.
    for activity in catalog.activities.values():
        for text in (activity.title, activity.body, activity.summary):
            for quoted in re.findall(r"[“\"「]([^”\"」]{2,8})[”\"」]", text or ""):
                add(quoted)
    return sorted(terms)


def write_user_dictionary(catalog: Catalog, cache_dir: Path) -> Path:
    """Write the dictionary atomically and return its path."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / USER_DICT_NAME
    text = "".join(f"{term} {TERM_FREQUENCY}\n" for term in search_terms(catalog))
    if path.exists() and path.read_text("utf-8") == text:
        return path
    handle, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".jieba-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return path


def configure_search(config: MkDocsConfig, catalog: Catalog, cache_dir: Path) -> None:
    """Point Material's search plugin at our dictionary (our on_config runs before its own)."""
    path = write_user_dictionary(catalog, cache_dir)
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            plugin.config.jieba_dict_user = str(path)
