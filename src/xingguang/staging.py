"""Build into a staging folder and swap it in only when the whole build succeeded.

MkDocs empties ``site/`` before it builds, so a build that fails (or is killed)
half-way would leave a broken site for the web server to serve. Instead the
build writes to ``.site.xingguang-staging-<pid>`` beside it, and only a
complete build replaces ``site/``; a failed one leaves the previous site
exactly as it was. Leftovers of killed builds are removed by the next build.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

STAGING_MARK = ".xingguang-staging-"
RETIRED_MARK = ".xingguang-retired-"


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


class StagedSite:
    def __init__(self, target: Path) -> None:
        self.target = target
        self.staging = target.parent / f".{target.name}{STAGING_MARK}{os.getpid()}"
        self.counter = _WarningCounter()

    def begin(self) -> Path:
        """Clear leftovers of dead builds, start counting warnings; return the folder to build into."""
        self.target.parent.mkdir(parents=True, exist_ok=True)
        for mark in (STAGING_MARK, RETIRED_MARK):
            for leftover in self.target.parent.glob(f".{self.target.name}{mark}*"):
                pid = leftover.name.rsplit("-", 1)[-1]
                if not pid.isdigit() or int(pid) == os.getpid() or not _process_alive(int(pid)):
                    shutil.rmtree(leftover, ignore_errors=True)
        logging.getLogger("mkdocs").addHandler(self.counter)
        return self.staging

    def _stop_counting(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.counter)

    def commit(self, strict: bool) -> bool:
        """Replace the site with the staged build; False (and nothing replaced) if strict mode will fail."""
        self._stop_counting()
        if strict and self.counter.count:
            self.abandon()
            return False
        retired = self.target.parent / f".{self.target.name}{RETIRED_MARK}{os.getpid()}"
        if self.target.exists():
            os.replace(self.target, retired)
        os.replace(self.staging, self.target)
        shutil.rmtree(retired, ignore_errors=True)
        return True

    def abandon(self) -> None:
        self._stop_counting()
        shutil.rmtree(self.staging, ignore_errors=True)
