"""Generated page bodies kept across the live preview's rebuilds, by what their templates read.

After an editor saves one activity, the preview builds the whole site again, and rendering our
own 700 page bodies (activity, list, teacher pages) from the catalog was a quarter of a ten-year
rebuild although only a handful of them change. So each rendered page is kept with:

- its *inputs*: the template, the page's address and title, everything passed to the template
  (records, list pages, archives: hashed by value, see :func:`fingerprint`), the school's
  settings and the template files themselves;
- its *reads*: what the template looked up on its own while rendering, beyond its inputs. A
  template reaches other records through ``catalog`` (an honour names its teachers:
  ``catalog.teachers[tid].name``) and photos through ``photo(p)`` (their sizes and addresses
  come from the photo files). Both are handed to the template wrapped, so each lookup is noted
  with the hash of what it returned.

In the next rebuild a page is printed from memory only when its inputs hash the same and every
read, made again against the new catalog and photos, returns something that hashes the same;
otherwise it is rendered and kept anew. Anything a page passes to its template that cannot be
hashed by value (a function, an unknown object), and any other use of ``catalog`` than looking
up a record by id, makes the page uncacheable: it is rendered every time. Never a stale page.

tests/test_preview_incremental.py compares the preview after random edits with a fresh one;
tests/test_remembered_pages.py checks the hashing and each kind of read. Off switch: site.yml
构建选项 → 页面缓存: false (the same switch as the rendered-page cache).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from xingguang.file_digests import file_digest


class Uncacheable(Exception):
    """A value the template sees that cannot be hashed by value: the page is always rendered."""


class Fingerprints:
    """Hashes of values by what they hold, for one build.

    Records and dataclass objects are hashed once per build (an archive is passed to each of its
    fifty list pages). The memo holds each object it hashed, so while it lives no other object
    can take the same ``id()``."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def of(self, value: Any) -> str:
        digest = hashlib.sha256()
        self._feed(value, digest)
        return digest.hexdigest()

    def _feed(self, value: Any, digest: Any) -> None:
        if value is None or isinstance(value, (bool, int, float)):
            digest.update(f"{type(value).__name__}:{value!r};".encode())
        elif isinstance(value, str):
            # The type counts: Markup is printed as it is, a str is escaped.
            digest.update(f"{type(value).__name__}:{len(value)}:".encode())
            digest.update(value.encode("utf-8", "surrogatepass"))
        elif isinstance(value, bytes):
            digest.update(f"bytes:{hashlib.sha256(value).hexdigest()};".encode())
        elif isinstance(value, (datetime.date, datetime.datetime)):
            digest.update(f"{type(value).__name__}:{value.isoformat()};".encode())
        elif isinstance(value, enum.Enum):
            digest.update(f"enum:{type(value).__qualname__}.{value.name};".encode())
        elif isinstance(value, Path):
            digest.update(f"path:{value.as_posix()};".encode())
        elif isinstance(value, BaseModel) or dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(f"object:{self._object(value)};".encode())
        elif isinstance(value, Mapping):
            digest.update(f"mapping:{len(value)}[".encode())
            for key, item in value.items():  # in order: a template iterates in this order
                self._feed(key, digest)
                self._feed(item, digest)
            digest.update(b"]")
        elif isinstance(value, (list, tuple)):
            digest.update(f"{type(value).__name__}:{len(value)}[".encode())
            for item in value:
                self._feed(item, digest)
            digest.update(b"]")
        else:
            raise Uncacheable(f"{type(value).__module__}.{type(value).__qualname__}")

    def _object(self, value: Any) -> str:
        found = self._memo.get(id(value))
        if found is not None:
            return found[1]
        digest = hashlib.sha256(f"{type(value).__module__}.{type(value).__qualname__}".encode())
        if isinstance(value, BaseModel):
            # Records are frozen: their fields are all a template can read of them.
            digest.update(value.model_dump_json(round_trip=True).encode())
        else:
            for item in dataclasses.fields(value):
                digest.update(f"{item.name}=".encode())
                self._feed(getattr(value, item.name), digest)
        self._memo[id(value)] = (value, digest.hexdigest())
        return digest.hexdigest()


Read = tuple[str, Any, str]
"""(what was read, its key, the hash of what the read returned): ("teachers", "yang-xiaoxi", ...),
("photo", <Photo>, ...)."""


class ReadingCatalog:
    """The catalog as a template sees it: record lookups by id are noted, anything else is refused."""

    def __init__(self, catalog: Any, reads: list[Read], fingerprints: Fingerprints) -> None:
        self._catalog = catalog
        self._reads = reads
        self._fingerprints = fingerprints

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._catalog, name)
        if name.startswith("_") or not isinstance(value, Mapping):
            raise Uncacheable(f"catalog.{name}")
        return _ReadingRecords(name, value, self._reads, self._fingerprints)


class _ReadingRecords(Mapping[str, Any]):
    def __init__(self, name: str, records: Mapping[str, Any], reads: list[Read], fingerprints: Fingerprints) -> None:
        self._name = name
        self._records = records
        self._reads = reads
        self._fingerprints = fingerprints

    def __getitem__(self, key: str) -> Any:
        record = self._records[key]
        self._reads.append((self._name, key, self._fingerprints.of(record)))
        return record

    def __iter__(self) -> Iterator[str]:
        raise Uncacheable(f"catalog.{self._name} walked through")

    def __len__(self) -> int:
        raise Uncacheable(f"catalog.{self._name} counted")


@dataclasses.dataclass(frozen=True)
class RememberedPage:
    inputs: str
    reads: tuple[Read, ...]
    page: Any  # a GeneratedPage


class RememberedPages:
    """Lives as long as the hook module (across the preview's rebuilds); holds the latest build's pages."""

    def __init__(self) -> None:
        self.pages: dict[str, RememberedPage] = {}
        self.enabled = False
        self._kept: dict[str, RememberedPage] = {}
        self.fingerprints = Fingerprints()
        self.templates = ""
        self.reused = 0

    def start(self, enabled: bool) -> None:
        """Before the pages of one build are rendered."""
        self.enabled = enabled
        if not enabled:
            self.pages = {}
        self._kept = {}
        self.fingerprints = Fingerprints()
        self.templates = templates_digest() if enabled else ""
        self.reused = 0

    def finish(self) -> None:
        """After every page of the build is rendered: only its pages are kept."""
        if self.enabled:
            self.pages = self._kept
        self._kept = {}
        self.fingerprints = Fingerprints()

    def inputs(self, *parts: Any) -> str | None:
        """The hash of a page's inputs, or None when one of them cannot be hashed by value."""
        if not self.enabled:
            return None
        try:
            return self.fingerprints.of([self.templates, *parts])
        except Uncacheable:
            return None

    def recall(self, src_uri: str, inputs: str | None, read_again: Callable[[Read], str | None]) -> Any:
        """The page kept for ``src_uri`` if its inputs and every read are the same now, else None."""
        if inputs is None:
            return None
        kept = self.pages.get(src_uri)
        if kept is None or kept.inputs != inputs:
            return None
        try:
            if any(read_again(read) != read[2] for read in kept.reads):
                return None
        except (KeyError, Uncacheable):
            return None
        self._kept[src_uri] = kept
        self.reused += 1
        return kept.page

    def keep(self, src_uri: str, inputs: str | None, reads: list[Read], page: Any) -> None:
        if inputs is not None:
            self._kept[src_uri] = RememberedPage(inputs, tuple(reads), page)


TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pages"
def templates_digest() -> str:
    """Our page templates' bytes (Jinja reloads an edited template, so a page must render again)."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(TEMPLATES).as_posix()}:{file_digest(path)};".encode())
    return digest.hexdigest()
