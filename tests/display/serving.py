"""A local server for the display tests that can be stopped and started again on the same port.

Service workers and Cache Storage belong to an origin (scheme, host, port), so the
offline tests stop the server, and later serve a rebuilt site, at the very same address.
"""

from __future__ import annotations

import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import CHROMIUM, CHROMIUM_ARGS  # re-exported for the display tests



class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".avif": "image/avif", ".webp": "image/webp", ".js": "text/javascript",
                      ".json": "application/json"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteServer:
    """``start(folder)`` serves a folder at ``url``; ``stop()`` makes the address refuse connections."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.host = host
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def start(self, folder: Path) -> None:
        self.stop()
        handler = functools.partial(_Handler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join()
            self._server = self._thread = None
