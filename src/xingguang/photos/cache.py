"""The photo cache: encoded outputs outside ``site/``, and a small index.

Layout under the cache directory::

    index.json        sources: path -> stat fingerprint, SHA-256 and header facts
                      outputs: file name -> size and a short SHA-256 of its bytes
    index.lock        held (fcntl.flock) while the index is read-modified-written
    ab/ab12…-960.webp the outputs, fanned out by the first two hex characters

Every file is written to a temporary name in its final directory and renamed
with ``os.replace``, so a reader sees the old file or the new one, never half of
one. The index is fsynced before its rename. Outputs are made durable before the
index records them: the workers that encode them only rename (an fsync there
would stall the encoding), and the build process fsyncs each output while the
workers go on with the next photos (:func:`make_durable`). So after a power
cut every output the index lists is whole on disk; one it does not list is
encoded again. Two builds sharing the cache may encode the same output twice
(the bytes are identical) but cannot corrupt it: output files are replaced
atomically and index updates are merged under the lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

INDEX_NAME = "index.json"
LOCK_NAME = "index.lock"
INDEX_VERSION = 1


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` all at once (temporary file, fsync, rename).

    ``durable=False`` skips the fsync: the file still appears whole or not at all,
    but only :func:`make_durable` makes it survive a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def make_durable(path: str | Path) -> bool:
    """Flush a file written with ``durable=False`` to disk; False when it is gone."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        os.fsync(descriptor)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


def short_digest(data: bytes) -> str:
    """What the index records of an output's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Fingerprint:
    """What ``os.stat`` says about a source; equal fingerprints mean unchanged bytes."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, stat: os.stat_result) -> "Fingerprint":
        return cls(stat.st_size, stat.st_mtime_ns, stat.st_ino)


@dataclass
class CacheIndex:
    """The index in memory, plus the changes this process has not saved yet."""

    directory: Path
    # What os.stat said of index.json when it was read or written, to tell
    # whether another process has changed it since.
    stamp: tuple | None = None
    sources: dict[str, list] = field(default_factory=dict)
    outputs: dict[str, list] = field(default_factory=dict)
    _new_sources: dict[str, list] = field(default_factory=dict)
    _new_outputs: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> "CacheIndex":
        index = cls(directory, stamp=index_stamp(directory))
        index.sources, index.outputs = read_index(directory)
        return index

    def is_current(self) -> bool:
        """True while index.json on disk is still the one this object last read or wrote."""
        return self.stamp is not None and self.stamp == index_stamp(self.directory)

    # --- sources: path -> [size, mtime_ns, inode, sha256, format, w, h, orientation]
    def lookup_source(self, path: str, fingerprint: Fingerprint) -> list | None:
        entry = self.sources.get(path)
        if entry and entry[:3] == [fingerprint.size, fingerprint.mtime_ns, fingerprint.inode]:
            return entry[3:]
        return None

    def remember_source(self, path: str, fingerprint: Fingerprint, facts: list) -> None:
        entry = [fingerprint.size, fingerprint.mtime_ns, fingerprint.inode, *facts]
        self.sources[path] = self._new_sources[path] = entry

    # --- outputs: name -> [size, short sha256]
    def has_output(self, name: str, cache_file: str | Path, verify: bool = False) -> bool:
        """Cheap check (recorded and same size on disk); ``verify`` also re-hashes the bytes."""
        entry = self.outputs.get(name)
        if entry is None:
            return False
        try:
            if verify:
                data = Path(cache_file).read_bytes()
                return len(data) == entry[0] and short_digest(data) == entry[1]
            return os.stat(cache_file).st_size == entry[0]
        except OSError:
            return False

    def remember_output(self, name: str, size: int, digest: str) -> None:
        self.outputs[name] = self._new_outputs[name] = [size, digest]

    @property
    def dirty(self) -> bool:
        return bool(self._new_sources or self._new_outputs)

    def save(self) -> None:
        """Merge this process's changes into the index on disk, under the lock."""
        if not self.dirty:
            return
        with locked(self.directory):
            sources, outputs = read_index(self.directory)
            sources.update(self._new_sources)
            outputs.update(self._new_outputs)
            write_index(self.directory, sources, outputs)
            self.stamp = index_stamp(self.directory)
        self.sources, self.outputs = sources, outputs
        self._new_sources, self._new_outputs = {}, {}


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def index_stamp(directory: Path) -> tuple | None:
    try:
        stat = os.stat(directory / INDEX_NAME)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def read_index(directory: Path) -> tuple[dict[str, list], dict[str, list]]:
    """The saved index; a missing, damaged or older one reads as empty (outputs are then re-checked)."""
    try:
        data = json.loads((directory / INDEX_NAME).read_bytes())
        if data.get("version") == INDEX_VERSION:
            return dict(data["sources"]), dict(data["outputs"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return {}, {}


def write_index(directory: Path, sources: dict[str, list], outputs: dict[str, list]) -> None:
    data = {"version": INDEX_VERSION, "sources": sources, "outputs": outputs}
    write_atomic(directory / INDEX_NAME, json.dumps(data, sort_keys=True, separators=(",", ":")).encode())
