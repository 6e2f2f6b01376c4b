"""A local server for the display tests that can be stopped and started again on the same port.

Service workers and Cache Storage belong to an origin (scheme, host, port), so the
offline tests stop the server, and later serve a rebuilt site, at the very same address.
It can also *hang*: accept connections, read the request and never answer (a wedged
upstream, a web filter), for every path or only some.
"""

from __future__ import annotations

import select
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import CHROMIUM, CHROMIUM_ARGS  # re-exported for the display tests



class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".avif": "image/avif", ".webp": "image/webp", ".js": "text/javascript",
                      ".json": "application/json"}

    server: _Server

    def __init__(self, request, client_address, server: _Server) -> None:  # type: ignore[no-untyped-def]
        super().__init__(request, client_address, server, directory=server.directory)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def handle_one_request(self) -> None:
        # Read the request line and headers as usual, then either answer or hold the connection.
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline or not self.parse_request():
            self.close_connection = True
            return
        self.server.requests.append(self.path)
        if self.server.hangs(self.path):
            self.server.hung.append(self.path)
            self._hold()
            self.close_connection = True
            return
        method = getattr(self, "do_" + self.command, None)
        if method is None:
            self.send_error(501)
            return
        method()
        self.wfile.flush()


    def _hold(self) -> None:
        """Never answer; note when the browser gives up and closes the connection."""
        while not self.server.released.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            try:
                closed = readable and not self.connection.recv(1, socket.MSG_PEEK)
            except OSError:  # reset by the browser
                closed = True
            if closed:
                self.server.abandoned.append(self.path)
                return


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hangs: Callable[[str], bool] = staticmethod(lambda path: False)

    def __init__(self, address: tuple[str, int], directory: Path) -> None:
        super().__init__(address, _Handler)
        self.directory = str(directory)
        self.requests: list[str] = []
        self.hung: list[str] = []
        self.abandoned: list[str] = []
        self.released = threading.Event()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteServer:
    """``start(folder)`` serves a folder at ``url``; ``stop()`` makes the address refuse connections;
    ``hang(which)`` keeps serving the folder but never answers the paths ``which`` picks (all by default)."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.port = free_port()
        self.host = host
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def requests(self) -> list[str]:
        """The paths asked for since the last ``start`` (answered or not)."""
        return self._server.requests if self._server else []

    @property
    def hung(self) -> list[str]:
        """The paths left without an answer since the last ``start``."""
        return self._server.hung if self._server else []

    @property
    def abandoned(self) -> list[str]:
        """The held paths whose connection the browser closed (it gave up waiting)."""
        return self._server.abandoned if self._server else []

    def hang(self, which: Callable[[str], bool] = lambda path: True) -> None:
        """From now on, accept and never answer the requests for paths ``which`` picks.
        Connections already held stay held until ``stop`` (as a wedged upstream would)."""
        assert self._server is not None, "start() first"
        self._server.hangs = which

    def answer(self) -> None:
        """Answer every request again (the ones already held stay held)."""
        assert self._server is not None, "start() first"
        self._server.hangs = lambda path: False

    def serve(self, folder: Path) -> None:
        """Serve another folder from now on, without closing anything (a site rebuilt in place)."""
        assert self._server is not None, "start() first"
        self._server.directory = str(folder)

    def start(self, folder: Path) -> None:
        self.stop()
        server = _Server(("127.0.0.1", self.port), folder)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.released.set()
            self._server.shutdown()
            self._server.server_close()
            assert self._thread is not None
            self._thread.join()
            self._server = self._thread = None


@contextmanager
def serving(folder: Path) -> Iterator[SiteServer]:
    """A server of its own for ``folder``, stopped afterwards."""
    server = SiteServer()
    server.start(folder)
    try:
        yield server
    finally:
        server.stop()
