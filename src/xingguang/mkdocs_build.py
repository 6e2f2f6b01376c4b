"""The build as MkDocs sees it: what each hook event asks of the package.

``hooks/xingguang_hooks.py`` forwards MkDocs' events here. Only MkDocs'
public plugin API is used (events, ``File.generated``, ``PluginError``,
plugin loggers), so that moving to a MkDocs 1.x successor is a small step.
"""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from xingguang.catalog import Catalog
from xingguang.checking import check_site
from xingguang.console import speak_chinese, stop_speaking_chinese
from xingguang.display import add_display_files, write_display
from xingguang.feed import feed_links, write_feeds
from xingguang.notices.attachments import write_attachments
from xingguang.mask_tool import add_mask_tool, register_mask_tool
from xingguang.pages import GeneratedPage, render_problem_page, render_site_pages, section_nav
from xingguang.pages.remembered import RememberedPages
from xingguang.pages.render import ARCHIVE_SECTIONS
from xingguang.pages.urls import SECTIONS
from xingguang.photo_requests import write_report
from xingguang.preview_watch import quicken
from xingguang.problems import DataProblems
from xingguang.records import Photo
from xingguang.render_cache import CACHE_FILE, CompiledTemplates, RenderCache
from xingguang.search import SearchWorker, add_search_fields, add_worker_file, configure_search, forget_user_words
from xingguang.site_photos import SitePhotos
from xingguang.staging import PreviewFolder, StagedSite
from xingguang.theme_assets import MINIFY_SETTING, minify_theme_assets

log = get_plugin_logger("xingguang")

EDITOR_PAGES_VARIABLE = "XINGGUANG_EDITOR_PAGES"
"""Set to 1 for a build that includes the editors' and operators' pages (mkdocs.yml's
``draft_docs``), e.g. a separate copy of the site for editors:
``XINGGUANG_EDITOR_PAGES=1 mkdocs build -d site-editors``."""
TODAY_VARIABLE = "XINGGUANG_TODAY"
"""Build "as of" this date (YYYY-MM-DD) instead of today: consent expiry depends on it,
so a fixed date makes a rebuild of old data reproducible."""


def build_date() -> datetime.date:
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return datetime.date.today()
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"环境变量 {TODAY_VARIABLE}={value!r} 不是日期，应写成 2024-09-01。") from None
    # Said on every build: a date left set by mistake would keep expired consents valid.
    log.info(f"注意：环境变量 {TODAY_VARIABLE}={day.isoformat()}，这次生成把这一天当作今天，"
             f"同意书是否过期按它判断。正式发布前请删掉这个环境变量。")
    return day


class SiteBuild:
    """State of one build. MkDocs keeps hook modules alive across `serve`
    rebuilds, so everything is reset in :meth:`on_config`."""

    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.photos: SitePhotos | None = None
        self.pages: list[GeneratedPage] = []
        self.serving = False
        # In the live preview: the data's problems, shown in the browser instead of the site.
        self.problems: DataProblems | None = None
        # Pages of the last good preview build: while the data is broken each of them
        # shows the problems, so the page open in the editor's browser reloads into them.
        self.last_good_pages: set[str] = {"index.md"}
        self.staged: StagedSite | None = None
        # Editors' and operators' pages (mkdocs.yml's draft_docs) go into this build too.
        self.publish_editor_pages = False
        # Section folder ("activities/") -> its tab, for pages kept out of the nav.
        self.sections: dict[str, Section] = {}
        self.nav: Navigation | None = None
        # Generated pages' finished HTML by src_uri (see on_page_markdown).
        self.bodies: dict[str, str] = {}
        self.search_worker: SearchWorker | None = None
        self.today = datetime.date.today()
        # Kept across the preview's rebuilds: pages whose inputs did not change are not rendered again.
        self.render_cache = RenderCache()
        self.compiled_templates = CompiledTemplates()
        self.remembered_pages = RememberedPages()
        self.preview_folder = PreviewFolder()

    def on_startup(self, command: str) -> None:
        self.serving = command == "serve"
        # Before MkDocs' first line: editors read the terminal in Chinese.
        speak_chinese()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.catalog = None
        self.photos = None
        self.pages = []
        self.problems = None
        self.search_worker = None
        self.render_cache.start(False, None)  # until the data is known to be good
        # Under --strict, every warning of the build counts, the data's warnings below
        # included: count from here, as MkDocs does, so a build it will abort is never published.
        self.staged = None if self.serving else StagedSite(Path(config.site_dir))
        if self.staged is not None:
            self.staged.start_counting()
        self.sections = {}
        self.nav = None
        self.bodies = {}
        # Material's search loads jieba, which prints its start-up chatter to the
        # editor's terminal; only its warnings matter.
        logging.getLogger("jieba").setLevel(logging.WARNING)
        project_root = Path(config.config_file_path).resolve().parent
        # Everything an editor can get wrong is checked here, before MkDocs
        # cleans site/: a failed check leaves the previous site untouched.
        self.today = build_date()
        try:
            checked = check_site(project_root, self.today, keep_parsed=not self.serving)
        except DataProblems as problems:
            if not self.serving:
                raise PluginError(str(problems)) from None
            # `mkdocs serve` hangs every request after a failed build; instead the
            # preview build succeeds and shows the problems until they are fixed.
            log.error(str(problems))
            self.problems = problems
            config.nav = []
            return config
        catalog, photos = checked.catalog, checked.photos
        for warning in checked.warnings:
            log.warning(warning.one_line())
        self.catalog, self.photos = catalog, photos
        # MkDocs' templates do not autoescape and Material prints the site name raw,
        # even inside attributes. Markup holds the escaped text: printed raw it is
        # correct, and a template's own `| e` leaves it alone (no double escaping).
        config.site_name = Markup(escape(catalog.site.name))
        config.site_description = Markup(escape(catalog.site.motto))
        # The theme's footer and header read the school's facts from here.
        config.extra["xingguang_site"] = catalog.site.model_dump(
            mode="json", include={"name", "short_name", "brand", "motto", "contact", "filing"})
        campus = photos.view(catalog.site.campus_photo) if catalog.site.campus_photo else None
        # Pages without a photo of their own (about, guide, 404) share the campus photo.
        config.extra["xingguang_site"]["share_image"] = campus["share"] if campus else None
        # Every page's <head> names the Atom feeds (none without 网址).
        config.extra["xingguang_feeds"] = feed_links(catalog)
        if catalog.site.url:
            config.site_url = catalog.site.url
        self.publish_editor_pages = catalog.site.build.publish_editor_pages or \
            os.environ.get(EDITOR_PAGES_VARIABLE, "") not in ("", "0")
        user_nav_extra = [entry for entry in (config.nav or []) if isinstance(entry, dict)]
        if not (self.serving or self.publish_editor_pages):
            # MkDocs leaves draft pages out of `build` but would log each nav entry that names one.
            user_nav_extra = _without_drafts(user_nav_extra, config)
        config.nav = section_nav(catalog, user_nav_extra)
        # The preview prints again the page bodies whose inputs did not change (pages/remembered.py).
        self.remembered_pages.start(self.serving and catalog.site.build.render_cache)
        self.pages = render_site_pages(catalog, photos.view, self.remembered_pages)
        self.remembered_pages.finish()
        log.debug(f"页面正文：{self.remembered_pages.reused} 页沿用上次的结果，"
                  f"{len(self.pages) - self.remembered_pages.reused} 页重新生成")
        if self.serving:
            forget_user_words()
        self.search_worker = configure_search(config, catalog, project_root / ".cache" / "xingguang")
        # The preview keeps the pages in memory; a build reads and writes them beside the photo cache.
        self.render_cache.start(catalog.site.build.render_cache,
                                None if self.serving else project_root / ".cache" / "xingguang" / CACHE_FILE)
        if self.serving and catalog.site.build.mask_tool:
            register_mask_tool(config)
        if self.staged is not None:
            config.site_dir = str(self.staged.begin())
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Just before MkDocs empties the folder it builds into (see PreviewFolder).
        if self.serving:
            self.preview_folder.empty(Path(config.site_dir))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig) -> LiveReloadServer:
        # After the first build: the data's settings are known (the defaults if it had errors).
        if self.catalog is not None and not self.catalog.site.build.quick_preview:
            return server
        # What `serve` watches before this event (mkdocs/commands/serve.py).
        watched = [config.docs_dir] + ([config.config_file_path] if config.config_file_path else [])
        return quicken(server, watched)

    def on_shutdown(self) -> None:
        self.preview_folder.finish()
        stop_speaking_chinese()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.problems is not None:
            return self._problem_files(files, config)
        for page in self.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                raise PluginError(
                    f"docs/{page.src_uri} 与自动生成的页面重名。这个页面由 site_data/ 里的数据生成，"
                    f"请删除或改名 docs/{page.src_uri}。"
                )
            files.append(File.generated(config, page.src_uri, content=page.markdown))
            if page.body:
                # As Python-Markdown leaves an HTML block: without the trailing newline.
                self.bodies[page.src_uri] = page.body.rstrip("\n")
        if self.search_worker is not None:
            add_worker_file(files, config, self.search_worker)
        if self.catalog is not None and self.photos is not None and self.catalog.site.display.enabled:
            files = add_display_files(files, config, self.catalog, self.photos)
        if self.serving and self.catalog is not None and self.photos is not None and self.catalog.site.build.mask_tool:
            files = add_mask_tool(files, config, self.catalog, self.photos)
        # The preview shows them too: as draft pages MkDocs would log an English line for each
        # nav entry naming one ("A reference to 'guide/index.md' … is excluded") and stamp
        # them DRAFT; editors' terminals and pages should say only what concerns them.
        if (self.publish_editor_pages or self.serving) and config.draft_docs:
            for file in files:
                if config.draft_docs.match_file(file.src_uri):
                    file.inclusion = InclusionLevel.INCLUDED
        if self.serving:
            self.last_good_pages = {f.src_uri for f in files.documentation_pages()}
        return files

    def _problem_files(self, files: Files, config: MkDocsConfig) -> Files:
        """The theme's assets plus one problem page at every address the preview had."""
        assert self.problems is not None
        kept = Files([f for f in files if not f.is_documentation_page()])
        problems = self.problems.problems.errors
        for src_uri in sorted(self.last_good_pages | {"index.md"}):
            kept.append(File.generated(config, src_uri, content=render_problem_page(src_uri, problems).markdown))
        return kept

    def on_nav(self, nav: Navigation) -> None:
        self.nav = nav
        self.sections = {}
        for item in nav.items:
            if isinstance(item, Section) and item.children:
                first = item.children[0]
                if isinstance(first, Page) and first.file.src_uri.endswith("/index.md"):
                    self.sections[first.file.src_uri.removesuffix("index.md")] = item

    def on_pre_page(self, page: Page) -> None:
        """A record or list page outside the nav still belongs to its section's tab: MkDocs marks
        the parents of the page being built as active, and Material highlights that tab."""
        if page.parent is not None:  # in the nav already, or one of its top-level pages
            return
        for kind in ARCHIVE_SECTIONS:
            folder = f"{SECTIONS[kind]}/"
            if page.file.src_uri.startswith(folder) and folder in self.sections:
                page.parent = self.sections[folder]
                return

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        """Titles and descriptions come from editors' text; see the note on site_name.

        A generated page's body is finished HTML: Python-Markdown would only pass it through,
        after parsing every tag of it (md_in_html), which was a fifth of a ten-year build.
        It skips Markdown and comes back whole in :meth:`on_page_content`."""
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = Markup(escape(value))
        return "" if page.file.src_uri in self.bodies else markdown

    def on_page_content(self, html: str, page: Page) -> str:
        # Material's `hide: [toc]` hides only the sidebar: a phone's drawer still opens the
        # page's 目录 from its nav entry. A page that hides its table of contents has none.
        if "toc" in (page.meta.get("hide") or ()):
            page.toc = TableOfContents([])
        return self.bodies.get(page.file.src_uri, html)

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        if self.nav is None:
            return env
        return self.render_cache.plan(env, config, files, self.nav)

    def on_post_page(self, output: str, page: Page) -> None:
        self.render_cache.remember(output, page)

    def on_post_build(self, config: MkDocsConfig) -> None:
        # First: Material's search index is whole again before anything reads it.
        self.render_cache.finish(Path(config.site_dir))
        if self.photos is None:
            return
        try:
            self.photos.publish(Path(config.site_dir), log.info)
        except DataProblems as problems:
            raise PluginError(str(problems)) from None
        if self.catalog is not None:
            # Cleaned while the catalog was checked: here they are only written.
            write_attachments(list(self.catalog.attachments.values()), Path(config.site_dir))
            write_feeds(self.catalog, Path(config.site_dir))
            # After Material's search plugin has written its index (our hook runs last).
            add_search_fields(Path(config.site_dir), self.catalog)
        if self.catalog is not None and self.catalog.site.display.enabled:
            write_display(Path(config.site_dir), self.catalog, self.photos)
        custom_dir = config.theme.custom_dir
        if custom_dir and config.extra.get(MINIFY_SETTING, True):
            minify_theme_assets(Path(custom_dir), Path(config.site_dir))
        if self.staged is not None and self.staged.commit(strict=config.strict):
            log.info(f"网站已更新：{self.staged.target}")
        self._write_request_report()

    def _write_request_report(self) -> None:
        """The school's private record of takedowns, withdrawals and masks, beside site_data/ (never in site/)."""
        if self.catalog is None or self.photos is None:
            return
        path = write_report(self.catalog, self.photos.project_root, self.today)
        withheld = [w for w in self.catalog.withheld if not w.scheduled]
        masked = len(self.catalog.masks)
        if withheld or masked:
            shown = path.relative_to(self.photos.project_root).as_posix()
            log.info(f"照片处理记录：{len(withheld)} 处照片未发布（撤下、撤回同意或没有同意书），"
                     f"{masked} 张照片有遮挡，详见 {shown}（不会发布）")

    def on_build_error(self) -> None:
        self.render_cache.abandon()
        # The previous site stays as it was; only the staged half-build goes.
        if self.staged is not None:
            self.staged.abandon()


def _without_drafts(nav: list[Any], config: MkDocsConfig) -> list[Any]:
    """The nav without entries for pages that mkdocs.yml's ``draft_docs`` keeps out of the build."""
    drafts = config.draft_docs
    kept: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _without_drafts(value, config) if isinstance(value, list) else value
                     for title, value in entry.items()
                     if not (isinstance(value, str) and drafts and drafts.match_file(value))}
            entry = {title: value for title, value in entry.items() if value != []}
            if entry:
                kept.append(entry)
        elif isinstance(entry, list):
            kept.append(_without_drafts(entry, config))
        elif not (isinstance(entry, str) and drafts and drafts.match_file(entry)):
            kept.append(entry)
    return kept
