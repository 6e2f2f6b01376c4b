"""The preview's quicker watcher (src/xingguang/preview_watch.py) on MkDocs' real preview server.

It changes a server that MkDocs hands to plugins in its ``serve`` event; these tests fail when
MkDocs' server no longer has what the module relies on (its defaults, its observer, watch and
unwatch), so that an upgrade is noticed here and not as a preview that stops seeing edits.
The slow preview tests (tests/test_preview_incremental.py) edit data through a running preview.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from xingguang.preview_watch import BUILD_DELAY_SECONDS, POLL_SECONDS, quicken, watched_paths


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveReloadServer]:
    """MkDocs' preview server as `serve` makes it, not started (no socket bound)."""
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    yield made
    made.server_close()


def test_mkdocs_preview_server_is_the_one_the_module_was_written_for(server: LiveReloadServer) -> None:
    parameters = inspect.signature(LiveReloadServer.__init__).parameters
    assert parameters["polling_interval"].default == 0.5
    assert isinstance(server.observer, PollingObserver) and server.observer.timeout == 0.5
    assert server.build_delay == 0.1
    assert POLL_SECONDS < 0.5 and BUILD_DELAY_SECONDS < 0.1


def _as_serve_watches(project: Path, server: LiveReloadServer) -> list[str]:
    """docs/ and mkdocs.yml, watched as `mkdocs serve` watches them before its serve event."""
    (project / "docs").mkdir(exist_ok=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    paths = [str(project / "docs"), str(project / "mkdocs.yml")]
    for path in paths:
        server.watch(path)
    return paths


def test_the_quicker_server_watches_the_same_paths(tmp_path: Path, server: LiveReloadServer) -> None:
    paths = _as_serve_watches(tmp_path, server)
    before = watched_paths(server)
    assert quicken(server, paths) is server
    assert server.observer.timeout == POLL_SECONDS and server.build_delay == BUILD_DELAY_SECONDS
    assert watched_paths(server) == before
    for path in paths:  # each watched once, as before
        server.unwatch(path)
    assert watched_paths(server) == []


def test_a_server_watching_more_is_left_as_mkdocs_made_it(tmp_path: Path, server: LiveReloadServer) -> None:
    paths = _as_serve_watches(tmp_path, server)
    (tmp_path / "theme").mkdir()
    server.watch(str(tmp_path / "theme"))  # mkdocs serve --watch-theme
    before, observer = watched_paths(server), server.observer
    quicken(server, paths)
    assert server.observer is observer and server.observer.timeout == 0.5 and server.build_delay == 0.1
    assert watched_paths(server) == before


def test_a_saved_file_is_seen_within_the_shorter_interval(tmp_path: Path, server: LiveReloadServer) -> None:
    data = tmp_path / "site_data"
    data.mkdir()
    (data / "a.yml").write_text("标题: 一\n", "utf-8")
    quicken(server, _as_serve_watches(tmp_path, server))
    assert server.observer.timeout == POLL_SECONDS
    server.watch(str(data))  # as `serve` does for mkdocs.yml's watch, after the serve event
    server.observer.start()
    try:
        time.sleep(3 * POLL_SECONDS)  # the first look at the folder
        (data / "a.yml").write_text("标题: 二\n", "utf-8")
        with server._rebuild_cond:  # what MkDocs' own build loop waits on
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=10)
    finally:
        server.observer.stop()
        server.observer.join()
