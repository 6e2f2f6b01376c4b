"""Hashes of files' bytes, remembered by (path, inode, size, mtime) for the live preview.

The preview rebuilds after every save and hashes the same theme files and page templates each
time (the render cache and the remembered page bodies must notice an edited template); reading
them again is wasted while the file is unchanged on disk.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

_digests: dict[tuple[str, int, int, int], str] = {}


def file_digest(path: Any) -> str:
    """The SHA-256 of a file's bytes; "-" when ``path`` is empty or not a file."""
    if not path or not os.path.isfile(path):
        return "-"
    stat = os.stat(path)
    memo = (str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    found = _digests.get(memo)
    if found is None:
        found = _digests[memo] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return found
