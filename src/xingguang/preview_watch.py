"""The live preview starts its rebuild sooner after an editor saves a file.

MkDocs' preview server looks for changed files every 0.5 s and, once it sees one, waits 0.1 s
more for further changes before it rebuilds: on average 0.35 s, at worst 0.6 s between the save
and the start of the rebuild, a sixth of a ten-year preview. ``mkdocs serve`` has no option for
either. ``LiveReloadServer`` takes the interval as an argument, but ``serve`` makes it with the
default; MkDocs' ``serve`` event hands the server to plugins "to be modified before it is
activated" (mkdocs/plugins.py, ``on_serve``). So here, in that event, the server gets a polling
observer with a shorter interval, its watches are moved onto it with the server's own
``unwatch``/``watch``, and its ``build_delay`` is shortened.

Still a polling observer, as MkDocs chose: native file-system events are missed on network and
container mounts. Polling ``site_data/`` (some thousand files) every 0.2 s costs about 1 % of a core.
tests/test_preview_watch.py fails when MkDocs' server no longer has the parts used here.
Off switch: site.yml 构建选项 → 快速预览: false.
"""

from __future__ import annotations

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.2
"""How often the watched folders are looked at (MkDocs: 0.5 s)."""
BUILD_DELAY_SECONDS = 0.05
"""Quiet time after a change before the rebuild starts (MkDocs: 0.1 s). Editors that save in
two steps (a temporary file, then a rename) finish both well within it."""


def watched_paths(server: LiveReloadServer) -> list[tuple[str, bool]]:
    """The folders the server's observer looks at (a file is watched through its folder)."""
    return sorted({(emitter.watch.path, emitter.watch.is_recursive) for emitter in server.observer.emitters})


def quicken(server: LiveReloadServer, paths: list[str]) -> LiveReloadServer:
    """``server`` polled every :data:`POLL_SECONDS`. Call it in ``on_serve`` with the paths ``serve``
    watches before that event (``docs_dir`` and ``mkdocs.yml``); anything watched besides them
    (``--watch-theme``, another plugin) leaves the server as MkDocs made it."""
    old = server.observer
    if not isinstance(old, PollingObserver) or old.is_alive():
        return server  # not the server this module knows, or already running
    unwatched: list[str] = []
    try:
        for path in paths:
            server.unwatch(path)
            unwatched.append(path)
    except KeyError:  # not watched the way `serve` watches it
        pass
    if len(unwatched) < len(paths) or old.emitters:
        for path in unwatched:
            server.watch(path)
        return server
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in paths:
        server.watch(path)
    server.build_delay = min(server.build_delay, BUILD_DELAY_SECONDS)
    return server
