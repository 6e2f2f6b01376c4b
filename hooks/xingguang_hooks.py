"""MkDocs hooks for 星光 Xingguang: thin adapters, the work is in the package.

The package is imported here, at the top, because MkDocs loads this file by
path and its folder is on sys.path only while the file first runs.
"""

from __future__ import annotations

from typing import Any, Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from xingguang.mkdocs_build import SiteBuild
from xingguang.pages.markup import make_valid

_build = SiteBuild()


def on_startup(command: str, dirty: bool) -> None:
    _build.on_startup(command)


# Before Material's search plugin reads its options: we hand it the jieba user
# dictionary made from the data.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return _build.on_config(config)


def on_pre_build(config: MkDocsConfig) -> None:
    _build.on_pre_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _build.on_files(files, config)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _build.on_nav(nav)
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    _build.on_pre_page(page)
    return page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.on_page_markdown(markdown, page)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _build.on_page_content(html, page)


# Every page is known here: pages whose inputs did not change print their last output.
def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return _build.on_env(env, config, files)


# First, so that the render cache keeps the template's own output; then Material's own
# markup, corrected where it is not valid HTML (see the module).
@event_priority(100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _build.on_post_page(output, page)
    return make_valid(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return make_valid(output_content) if template_name.endswith(".html") else output_content


# Last, after every plugin (search writes its index here) has written into the
# staged site: then the complete site replaces the old one.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    _build.on_post_build(config)


def on_build_error(error: Exception) -> None:
    _build.on_build_error()


# After the first build of `mkdocs serve`: the preview notices a saved file sooner.
def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
    return _build.on_serve(server, config)


def on_shutdown() -> None:
    _build.on_shutdown()
