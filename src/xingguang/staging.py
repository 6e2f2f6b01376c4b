"""Build into a staging folder and publish it in one atomic step, only when the build succeeded.

MkDocs empties ``site/`` before it builds, so a build that fails (or is killed)
half-way would leave a broken site for the web server to serve. Instead the
build writes to ``.site.xingguang-staging-<pid>`` beside it, and only a
complete build is published:

- the first time, by one ``rename(2)`` of the staging folder to ``site/``;
- afterwards, by one ``renameat2(RENAME_EXCHANGE)`` that swaps the staging
  folder and ``site/`` in a single system call. There is no moment without a
  whole ``site/``: a web server (nginx, ``python -m http.server``) serving the
  folder by its path sees the old site or the new one, and a process killed at
  any step leaves one of them whole. The old site, now under the staging name,
  is removed afterwards; a kill during that removal leaves a leftover that the
  next build deletes.

``site/`` stays a plain folder (no symlink), so nothing that serves, copies or
rsyncs it has to change.

Under ``--strict`` a build with warnings is not published: warnings are counted
from the first moment of the build (``on_config``), as MkDocs counts them, and
the verdict is taken before anything is published. MkDocs then aborts the
build; the old site stays.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import stat
import sys
import threading
from pathlib import Path
from typing import Callable

STAGING_MARK = ".xingguang-staging-"
RETIRED_MARK = ".xingguang-retired-"

PUBLISH_STEPS = ("built", "counted", "switched", "cleaned")
"""The steps of :meth:`StagedSite.commit`, in order, each reported to :data:`step_reached`:
``built`` (the staged site is complete, nothing published), ``counted`` (the strict verdict
is taken), ``switched`` (the new site is live, the old one is still on disk), ``cleaned``."""

step_reached: Callable[[str], None] = lambda step: None
"""Called at every step of publishing. It does nothing in a build; the interruption tests
replace it to kill the build at each step in turn and look at what is left."""

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class _WarningCounter(logging.Handler):
    """Counts warnings like MkDocs' own --strict counter, so a strict build
    that is about to be aborted does not replace the site first."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one system call (Linux ``renameat2``); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # a C library older than glibc 2.28
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # a file system without exchange
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def remove(path: Path) -> None:
    if path.is_symlink():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, ignore_errors=True)


class StagedSite:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.staging = self._beside(STAGING_MARK)
        self.counter = _WarningCounter()

    def _beside(self, mark: str) -> Path:
        return self.target.parent / f".{self.target.name}{mark}{os.getpid()}"

    def start_counting(self) -> None:
        """Count warnings from here on (call it first thing in the build, as MkDocs does)."""
        logging.getLogger("mkdocs").addHandler(self.counter)

    def begin(self) -> Path:
        """Clear leftovers of dead builds; return the folder to build into."""
        self.target.parent.mkdir(parents=True, exist_ok=True)
        for mark in (STAGING_MARK, RETIRED_MARK):
            for leftover in self.target.parent.glob(f".{self.target.name}{mark}*"):
                pid = leftover.name.rsplit("-", 1)[-1]
                if not pid.isdigit() or int(pid) == os.getpid() or not _process_alive(int(pid)):
                    remove(leftover)
        return self.staging

    def _stop_counting(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)

    def commit(self, strict: bool) -> bool:
        """Publish the staged build in one step; False (and nothing published) if strict mode will fail."""
        step_reached("built")
        self._stop_counting()
        if strict and self.counter.count:
            self.abandon()
            return False
        step_reached("counted")
        if self.target.is_dir() and not self.target.is_symlink():
            if exchange(self.staging, self.target):
                retired = self.staging
            else:
                # No atomic exchange here (not Linux, or a file system without it): two
                # renames, with a short moment without site/.
                retired = self._beside(RETIRED_MARK)
                os.replace(self.target, retired)
                os.replace(self.staging, self.target)
        else:
            retired = None
            if self.target.is_symlink() or self.target.exists():
                self.target.unlink()
            os.replace(self.staging, self.target)
        step_reached("switched")
        if retired is not None:
            remove(retired)
        step_reached("cleaned")
        return True

    def abandon(self) -> None:
        self._stop_counting()
        remove(self.staging)


class PreviewFolder:
    """The folder ``mkdocs serve`` builds into, emptied in one rename before each rebuild.

    MkDocs empties it entry by entry before every build; at ten years that is 700 folders of
    pages and thousands of photo files, up to two seconds of a preview rebuild when the disk
    is busy. Moved aside in one ``rename(2)``, the folder MkDocs finds is empty, and the old
    files are removed in the background while the site builds. (The preview server waits for
    the rebuild before it answers, so nobody sees the empty folder.)"""

    def __init__(self) -> None:
        self.removals: list[threading.Thread] = []
        self.swept = False

    def empty(self, folder: Path) -> None:
        if not self.swept:
            # A preview stopped by a signal (not Ctrl-C) had no time to finish its removals.
            self.swept = True
            for leftover in folder.parent.glob(f"*{RETIRED_MARK}*"):
                pid = leftover.name.rsplit(RETIRED_MARK, 1)[-1].split("-", 1)[0]
                if pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid)):
                    self._remove_in_background(leftover)
        if not folder.is_dir() or folder.is_symlink() or not any(folder.iterdir()):
            return
        self.removals = [removal for removal in self.removals if removal.is_alive()]
        aside = folder.with_name(f"{folder.name}{RETIRED_MARK}{os.getpid()}-{id(object())}")
        mode = stat.S_IMODE(folder.stat().st_mode)
        os.rename(folder, aside)
        folder.mkdir()
        os.chmod(folder, mode)
        self._remove_in_background(aside)

    def _remove_in_background(self, path: Path) -> None:
        removal = threading.Thread(target=remove, args=(path,), name="xingguang-preview-cleanup", daemon=True)
        removal.start()
        self.removals.append(removal)

    def finish(self) -> None:
        """When the preview stops: the last removals end before the process does."""
        for removal in self.removals:
            removal.join()
        self.removals = []
