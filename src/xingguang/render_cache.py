"""Finished pages kept from one build to the next, keyed by everything their template can see.

Most of a build of a big archive is spent on pages that did not change: Material renders its
page template (header, tabs, the nav, the footer) around every page, and its search plugin
parses every page's HTML and segments the Chinese text with jieba. An editor who saves one
activity changes a handful of pages (the record, its lists, the home page, its teachers).

So when every page is known (MkDocs' ``env`` event: content, toc, meta, nav, previous and next
are all set), each page gets a key: a hash of everything its template and the search plugin
can read for it (see :func:`page_key`). A page whose key was seen before is rendered by a
trivial template that prints the stored output, and its stored search entries take the place
of the ones Material would have made; every other page is rendered as usual and stored.
MkDocs' ``post_page`` handlers (our markup corrections) still run on every page, cached or not.

The result must be byte for byte the build without the cache: tests/test_render_cache.py
builds the same data with the cache on and off, and tests/test_preview.py edits data at random
through a running preview and compares it with a clean build.

What the key leaves out on purpose, because no template of ours or Material's reads it:
the context's ``pages`` (every page of the site) and ``build_date_utc``, and ``page.update_date``
(the sitemap reads it; the sitemap is not a page and is rendered every time).

``mkdocs build`` keeps the cache in ``.cache/xingguang/rendered-pages.pickle`` (written in one
rename after the build, so it is whole or absent); ``mkdocs serve`` keeps it in memory. Either
way it holds only the pages of the latest build. Off switch: site.yml 构建选项 → 页面缓存: false.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.metadata
import json
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from xingguang.file_digests import file_digest

log = get_plugin_logger("xingguang")

CACHE_FORMAT = 3
"""Raised whenever what is stored, or how a key is made, changes: older files are then ignored."""
CACHE_FILE = "rendered-pages.pickle"
CACHED_TEMPLATE = "xingguang/cached-page.html"
"""Registered in the Jinja environment (not a file in the theme): prints a stored page."""
_CACHED_PAGE_GLOBAL = "xingguang_cached_page"
SEARCH_PLUGIN = "material/search"
SEARCH_INDEX = Path("search") / "search_index.json"
_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "jieba")
"""Their code turns the same page into HTML and search entries: a new version is a new key."""


@dataclass(frozen=True)
class CachedPage:
    html: str
    """The template's output, before MkDocs' post_page handlers."""
    search_key: str
    """The page's key with the search plugin's dictionaries added: jieba's user dictionary is
    made from the data, so a new teacher's name changes how every page's text is cut into
    words, but not the page itself."""
    search_entries: list[dict[str, Any]]
    """Material's search entries for the page, in order, as cut with those dictionaries."""


@dataclass
class _Build:
    """What one build decided and rendered."""
    keys: dict[str, str] = field(default_factory=dict)  # page url -> key
    search_keys: dict[str, str] = field(default_factory=dict)  # page url -> search key
    hits: dict[str, CachedPage] = field(default_factory=dict)  # page url -> stored page
    searched_from_cache: set[str] = field(default_factory=set)  # page urls
    rendered: dict[str, str] = field(default_factory=dict)  # page url -> template output (misses)
    order: list[str] = field(default_factory=list)  # page urls in the order MkDocs built them
    searched: bool = False


class RenderCache:
    """Lives as long as the hook module: across the rebuilds of ``mkdocs serve``."""

    def __init__(self) -> None:
        self.entries: dict[str, CachedPage] = {}
        self.file: Path | None = None
        self._loaded_from: Path | None = None
        self._build: _Build | None = None

    # -- the events --------------------------------------------------------------

    def start(self, enabled: bool, file: Path | None) -> None:
        """Each build (``config`` event). ``file`` None: memory only (the preview)."""
        self._build = _Build() if enabled else None
        self.file = file
        if enabled and file is not None and self._loaded_from != file:
            self.entries = _read(file)
            self._loaded_from = file

    def plan(self, env: jinja2.Environment, config: MkDocsConfig, files: Files, nav: Navigation) -> jinja2.Environment:
        """The ``env`` event: every page is known. Key every page; stored ones print their output."""
        build = self._build
        if build is None:
            return env
        search = config.plugins.get(SEARCH_PLUGIN)
        build.searched = bool(search is not None and search.config.get("enabled", True))
        shared = build_key(config, nav)
        dictionaries = search_digest(search) if build.searched else ""
        # The widest set MkDocs may build (the preview builds draft pages too).
        pages = [file.page for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
                 if file.page is not None]
        for page in pages:
            build.keys[page.url] = key = page_key(shared, page, nav)
            build.search_keys[page.url] = hashlib.sha256((key + dictionaries).encode()).hexdigest()
        # Only after every key is made: the keys of other pages read these pages' meta.
        for page in pages:
            stored = self.entries.get(build.keys[page.url])
            if stored is None:
                continue
            build.hits[page.url] = stored
            page.meta["template"] = CACHED_TEMPLATE
            if build.searched and stored.search_key == build.search_keys[page.url]:
                # Its stored entries go into the index instead (see finish()).
                page.meta["search"] = {"exclude": True}
                build.searched_from_cache.add(page.url)
                # Nothing reads it any more (the stored output stands in for it), and Material's
                # search would still scan it for its data-search attributes.
                page.content = ""
        log.debug(f"页面缓存：{len(build.hits)} 页沿用上次的结果（其中 {len(build.searched_from_cache)} 页"
                  f"连同搜索条目），{len(pages) - len(build.hits)} 页重新生成")
        env.loader = jinja2.ChoiceLoader([
            jinja2.DictLoader({CACHED_TEMPLATE: "{{ %s(page) }}" % _CACHED_PAGE_GLOBAL}), env.loader])
        env.globals[_CACHED_PAGE_GLOBAL] = lambda page: build.hits[page.url].html
        return env

    def remember(self, output: str, page: Page) -> None:
        """The first ``post_page`` handler: the template's output, as the template left it."""
        build = self._build
        if build is None or page.url not in build.keys:
            return
        build.order.append(page.url)
        if page.url not in build.hits:
            build.rendered[page.url] = output

    def finish(self, site_dir: Path) -> None:
        """``post_build``, after Material wrote its search index: put the stored pages' entries
        in, keep this build's pages (and only those) for the next build."""
        build, self._build = self._build, None
        if build is None:
            return
        found = self._search_entries(site_dir, build)
        kept: dict[str, CachedPage] = {}
        for url in build.order:
            html = build.rendered[url] if url in build.rendered else build.hits[url].html
            entries = build.hits[url].search_entries if url in build.searched_from_cache else found.get(url, [])
            kept[build.keys[url]] = CachedPage(html, build.search_keys[url], entries)
        changed = kept.keys() != self.entries.keys()
        self.entries = kept
        if changed and self.file is not None:
            _write(self.file, kept)

    def abandon(self) -> None:
        """A failed build stores nothing."""
        self._build = None

    # -- the search index --------------------------------------------------------

    def _search_entries(self, site_dir: Path, build: _Build) -> dict[str, list[dict[str, Any]]]:
        """Material's entries by page url, with the stored pages' entries put back in page order."""
        path = site_dir / SEARCH_INDEX
        if not build.searched or not path.is_file():
            return {}
        index = json.loads(path.read_text("utf-8"))
        by_url: dict[str, list[dict[str, Any]]] = {}
        for entry in index["docs"]:
            by_url.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        if not build.searched_from_cache:
            return by_url
        for url in build.searched_from_cache:
            by_url[url] = build.hits[url].search_entries
        built = set(build.order)
        index["docs"] = [entry for url in build.order for entry in by_url.get(url, [])] + \
            [entry for url, entries in by_url.items() if url not in built for entry in entries]
        # Exactly as Material writes it (plugins/search/plugin.py, generate_search_index).
        path.write_text(json.dumps(index, separators=(",", ":"), default=str), "utf-8")
        return by_url


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per preview session, not once per rebuild.

    MkDocs makes a new Jinja environment for every build; compiling Material's templates
    again is a tenth of a preview rebuild. Jinja checks each entry against its template's
    source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# -- keys ------------------------------------------------------------------------

def build_key(config: MkDocsConfig, nav: Navigation) -> str:
    """What every page of this build shares: code versions, theme files, config, the nav."""
    digest = hashlib.sha256()
    digest.update(f"xingguang render cache {CACHE_FORMAT}\n".encode())
    for package in _PACKAGES:
        digest.update(f"{package}={_version(package)}\n".encode())
    digest.update(theme_digest(config).encode())
    digest.update(_dumps(config_view(config)).encode())
    digest.update(_dumps(nav_view(nav)).encode())
    return digest.hexdigest()


def page_key(shared: str, page: Page, nav: Navigation) -> str:
    """Everything the page template and the search plugin read for ``page``, hashed with ``shared``."""
    positions = _nav_positions(nav)
    view = {
        "src_uri": page.file.src_uri,
        "inclusion": page.file.inclusion.name,
        "url": page.url,
        "canonical_url": page.canonical_url,
        "abs_url": page.abs_url,
        "edit_url": page.edit_url,
        "title": _stable(page.title),
        "is_homepage": page.is_homepage,
        # Hashed on its own: written into the JSON below, a page's HTML was most of the key's cost.
        "content": _text_digest(page.content),
        "toc": [_toc_view(item) for item in page.toc],
        "meta": _stable(page.meta),
        # Where the page sits: which nav entries are active when it is rendered.
        "position": positions.get(id(page)),
        "ancestors": [positions.get(id(item), _stable(item.title)) for item in page.ancestors],
        "previous": _neighbour(page.previous_page),
        "next": _neighbour(page.next_page),
    }
    return hashlib.sha256((shared + _dumps(view)).encode()).hexdigest()


def _text_digest(text: Any) -> Any:
    if not isinstance(text, str):
        return _stable(text)
    return {"type": type(text).__name__, "sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()}


def _neighbour(page: Page | None) -> Any:
    return None if page is None else [_stable(page.title), page.url]


def _toc_view(item: AnchorLink) -> Any:
    return [_stable(item.title), item.id, item.level, [_toc_view(child) for child in item.children]]


def nav_view(nav: Navigation) -> Any:
    """The nav as the theme renders it: titles, addresses, the pages' meta (icons, status)."""
    def view(item: Any) -> Any:
        if isinstance(item, Section):
            return ["section", _stable(item.title), [view(child) for child in item.children]]
        if isinstance(item, Link):
            return ["link", _stable(item.title), item.url]
        if isinstance(item, Page):
            return ["page", _stable(item.title), item.url, item.file.src_uri, item.is_index, _stable(item.meta)]
        return ["other", repr(item)]
    homepage = nav.homepage.url if nav.homepage is not None else None
    return {"items": [view(item) for item in nav.items], "homepage": homepage}


def _nav_positions(nav: Navigation) -> dict[int, str]:
    """Each nav entry's place in the tree ("2.0.1"), by object identity."""
    found = getattr(nav, "_xingguang_positions", None)
    if found is not None:
        return found
    positions: dict[int, str] = {}

    def walk(items: list[Any], prefix: str) -> None:
        for number, item in enumerate(items):
            place = f"{prefix}{number}"
            positions[id(item)] = place
            if isinstance(item, Section):
                walk(item.children, place + ".")
    walk(nav.items, "")
    nav._xingguang_positions = positions  # type: ignore[attr-defined]
    return positions


def config_view(config: MkDocsConfig) -> dict[str, Any]:
    """Every setting a template can read (``config.*``), in a form that hashes the same every run."""
    view: dict[str, Any] = {}
    for name, value in config.items():
        if name == "site_dir":
            continue  # where the build writes (a staging folder, a preview's temporary one)
        if name == "theme":
            view[name] = {"name": value.name, "settings": _stable(dict(value)),
                          "static_templates": sorted(value.static_templates), "locale": str(value.locale)}
        elif name == "plugins":
            view[name] = {plugin_name: _plugin_view(plugin) for plugin_name, plugin in value.items()}
        elif name == "hooks":
            view[name] = {hook_name: file_digest(getattr(module, "__file__", None))
                          for hook_name, module in value.items()}
        else:
            view[name] = _stable(value)
    return view


def _plugin_view(plugin: Any) -> Any:
    settings = getattr(plugin, "config", None)
    if not isinstance(settings, Mapping):
        return file_digest(getattr(plugin, "__file__", None))
    return _stable(dict(settings))


def search_digest(search: Any) -> str:
    """The dictionaries Material's search plugin cuts Chinese text with (the paths are in the page key)."""
    # Read every time: the user dictionary is rewritten by each build.
    paths = [search.config.get(option) for option in ("jieba_dict", "jieba_dict_user")]
    return "".join(hashlib.sha256(Path(path).read_bytes()).hexdigest() if path and os.path.isfile(path) else "-"
                   for path in paths)


def theme_digest(config: MkDocsConfig) -> str:
    """A hash of every file in the theme's folders (templates include assets, e.g. our favicon).

    Material's 14,000 icons are left to its version (in the key); our own folder is read whole."""
    digest = hashlib.sha256()
    custom = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    for folder in config.theme.dirs:
        root = Path(folder)
        ours = root.resolve() == custom
        for parent, folders, names in os.walk(root):
            folders.sort()
            if not ours and ".icons" in folders:
                folders.remove(".icons")
            for name in sorted(names):
                path = Path(parent) / name
                digest.update(f"{folder}/{path.relative_to(root).as_posix()}\n".encode())
                digest.update(file_digest(path).encode())
    return digest.hexdigest()


def _stable(value: Any) -> Any:
    """``value`` as JSON-able data that is the same in every run.

    A str subclass keeps its type (Markup is printed unescaped, str escaped). Anything unknown
    becomes its repr: if that holds a memory address the page simply never hits the cache."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if type(value) is str else {"type": type(value).__name__, "text": str(value)}
    if isinstance(value, Mapping):
        return {"mapping": sorted(([_stable(k), _stable(v)] for k, v in value.items()), key=_dumps)}
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((_stable(item) for item in value), key=_dumps)}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"date": value.isoformat()}
    return {"repr": repr(value)}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


# -- the file ----------------------------------------------------------------------

def _read(file: Path) -> dict[str, CachedPage]:
    """The stored pages, or none if the file is missing, of another format or damaged."""
    try:
        with open(file, "rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return {}
    if not isinstance(stored, dict) or stored.get("format") != CACHE_FORMAT:
        return {}
    return {key: CachedPage(*fields) for key, fields in stored["pages"].items()}


def _write(file: Path, entries: dict[str, CachedPage]) -> None:
    """Whole or not at all: written beside, then renamed over the old file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".rendered-pages-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump({"format": CACHE_FORMAT,
                         "pages": {key: (page.html, page.search_key, page.search_entries)
                                   for key, page in entries.items()}},
                        out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
