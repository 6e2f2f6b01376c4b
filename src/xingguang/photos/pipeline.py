"""The photo pipeline as the build uses it: plan, encode, write to the site, prune.

    pipeline = PhotoPipeline(cache_dir, options, url_prefix="assets/photos")
    plans, problems = pipeline.plan_all(paths)      # headers only, every problem collected
    ...render pages from plans...
    problems += pipeline.encode(plans.values(), progress=ProgressLog(log.info))
    pipeline.write_site(plans.values(), site_dir)
    pipeline.prune(keep=plans.values())
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
import shutil
import stat as stat_module
import tempfile
import time
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from xingguang.photos import errors
from xingguang.photos.cache import CacheIndex, Fingerprint, locked, make_durable, read_index, write_index
from xingguang.photos.encode import (STOPPED_SUFFIX, EncodeJob, EncodeResult, OutputSpec, run_job, run_job_in_worker,
                                     start_worker)
from xingguang.photos.errors import PhotoError, PhotoWorkerDied
from xingguang.photos.masks import MaskBox
from xingguang.photos.options import PhotoOptions
from xingguang.photos.plan import PhotoOutput, PhotoPlan, plan_photo
from xingguang.photos.reading import SourceInfo, check_pixels, read_source_bytes, read_source_info

Progress = Callable[[int, int], None]
# Save the index at least this often during a long encode, so an interrupted
# build keeps its work...
SAVE_EVERY_SECONDS = 10.0
# ...but no more often than this many times the last save took: each save
# rewrites the whole index, so a fixed interval would make a long encode's
# saving cost grow with the square of the number of photos.
SAVE_COST_RATIO = 50
# Jobs handed to the pool ahead of the workers. A bounded window keeps the
# parent's bookkeeping per finished photo constant (waiting on every pending
# future at once costs O(pending) per photo, quadratic over a big batch).
JOBS_AHEAD_PER_WORKER = 4
# A temporary file older than this was left by a build that died; prune removes it.
STALE_TEMPORARY_SECONDS = 3600


class PhotoPipeline:
    """Turns source photos into published outputs through a cache in ``cache_dir``."""

    def __init__(self, cache_dir: Path, options: PhotoOptions | None = None, url_prefix: str = "assets/photos") -> None:
        self.cache_dir = Path(cache_dir)
        self.options = options or PhotoOptions()
        self.url_prefix = url_prefix.strip("/")
        self._index: CacheIndex | None = None

    def _current_index(self) -> CacheIndex:
        """The cache index, read again only when another process (or a prune) changed it."""
        if self._index is None or not self._index.is_current():
            self._index = CacheIndex.load(self.cache_dir)
        return self._index

    # --- planning -----------------------------------------------------------------
    def plan_all(self, sources: Iterable[Path], masks: Mapping[Path, tuple[MaskBox, ...]] | None = None,
                 ) -> tuple[dict[Path, PhotoPlan], list[PhotoError]]:
        """Plan every source from its headers; one :class:`PhotoError` per bad photo, none skipped.

        Unchanged sources (same path, size, mtime and inode as in the index) are
        planned from the index without reading them. ``masks`` gives the regions
        to cover in a source's every output.
        """
        masks = masks or {}
        plans: dict[Path, PhotoPlan] = {}
        problems: dict[Path, PhotoError] = {}
        with cycle_collector_paused():
            index = self._current_index()
            for source in map(Path, sources):
                if source in plans or source in problems:
                    continue
                try:
                    plans[source] = self._plan_one(source, index, masks.get(source, ()))
                except PhotoError as error:
                    problems[source] = error
        index.save()
        return plans, list(problems.values())

    def plan(self, source: Path) -> PhotoPlan:
        """One photo's plan; raises :class:`PhotoError`."""
        plans, problems = self.plan_all([source])
        if problems:
            raise problems[0]
        return plans[Path(source)]

    def _plan_one(self, source: Path, index: CacheIndex, masks: tuple[MaskBox, ...] = ()) -> PhotoPlan:
        key = os.path.abspath(source)
        try:
            stat = os.stat(source)
        except FileNotFoundError:
            raise PhotoError(source, "broken", errors.MISSING) from None
        except PermissionError:
            raise PhotoError(source, "broken", errors.NO_PERMISSION) from None
        if stat_module.S_ISDIR(stat.st_mode):
            raise PhotoError(source, "broken", errors.A_FOLDER)
        if stat.st_size == 0:
            raise PhotoError(source, "broken", errors.EMPTY)
        fingerprint = Fingerprint.of(stat)
        facts = index.lookup_source(key, fingerprint)
        if facts is not None:
            sha256, fmt, width, height, orientation = facts
            info = SourceInfo(fmt, width, height, orientation)
            check_pixels(source, (width, height), self.options.max_pixels, fmt, stat.st_size)
        else:
            data = read_source_bytes(source)
            sha256 = hashlib.sha256(data).hexdigest()
            info = read_source_info(source, data, self.options.max_pixels)
            index.remember_source(key, fingerprint, [sha256, info.format, info.stored_width,
                                                     info.stored_height, info.orientation])
        return plan_photo(source, sha256, info, self.options, self.cache_dir, self.url_prefix, masks)

    # --- encoding -----------------------------------------------------------------
    def encode(self, plans: Iterable[PhotoPlan], progress: Progress | None = None,
               verify: bool = False) -> list[PhotoError]:
        """Write every planned output missing from the cache; return the photos that failed.

        An output shared by several plans is encoded once. Outputs already in the
        cache are checked cheaply (recorded in the index, same size on disk);
        ``verify=True`` re-hashes their bytes too. A photo that fails to decode
        writes nothing and does not stop the others.
        """
        with cycle_collector_paused():
            index = self._current_index()
            jobs = self._jobs(plans, index, verify)
        total = len(jobs)
        if progress:
            progress(0, total)
        problems: list[PhotoError] = []
        next_save = time.monotonic() + SAVE_EVERY_SECONDS
        try:
            for done, result in enumerate(self._run(jobs), start=1):
                if result.error is not None:
                    problems.append(result.error)
                for output in result.written:
                    # Durable before the index lists it; one that vanished is encoded next time.
                    if make_durable(output.cache_file):
                        index.remember_output(output.name, output.size, output.digest)
                if progress:
                    progress(done, total)
                if time.monotonic() > next_save:
                    started = time.monotonic()
                    index.save()
                    finished = time.monotonic()
                    next_save = finished + max(SAVE_EVERY_SECONDS, SAVE_COST_RATIO * (finished - started))
        finally:
            index.save()
        return sorted(problems, key=lambda e: str(e.source))

    def _jobs(self, plans: Iterable[PhotoPlan], index: CacheIndex, verify: bool) -> list[EncodeJob]:
        jobs = []
        claimed: set[str] = set()
        quality = tuple(sorted(self.options.quality.items()))
        for plan in plans:
            todo = [o for o in plan.outputs
                    if o.name not in claimed and not index.has_output(o.name, o.cache_path, verify)]
            claimed.update(o.name for o in plan.outputs)
            if not todo:
                continue
            chain = tuple(sorted({(o.width, o.height) for o in plan.outputs}, reverse=True))
            specs = tuple(OutputSpec(o.format, o.width, o.height, o.cache_path) for o in todo)
            jobs.append(EncodeJob(str(plan.source), plan.source_sha256, plan.info.orientation, chain, specs,
                                  quality, self.options.max_pixels, plan.masks))
        return jobs

    def _run(self, jobs: list[EncodeJob]) -> Iterator[EncodeResult]:
        workers = min(worker_count(self.options.concurrency), len(jobs))
        if workers <= 1:
            yield from map(run_job, jobs)
            return
        # MkDocs' server runs threads, and fork() after threads can deadlock on a
        # lock some thread held; forkserver starts workers from a clean process.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["xingguang.photos.encode"])
        in_hand = tempfile.mkdtemp(prefix="xingguang-photos-")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker,
                                   initargs=(in_hand,))
        waiting = iter(jobs)
        pending: set[Future[EncodeResult]] = set()

        def hand_out(count: int) -> None:
            for job in itertools.islice(waiting, count):
                pending.add(pool.submit(run_job_in_worker, job))

        try:
            hand_out(workers * JOBS_AHEAD_PER_WORKER)
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                # Successes first: what finished is recorded even if the pool broke.
                for future in sorted(finished, key=lambda f: f.exception() is not None):
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        # A worker was killed (the out-of-memory killer, most often):
                        # the pool is unusable, the photos finished so far are kept.
                        pool.shutdown(wait=True, cancel_futures=True)
                        raise PhotoWorkerDied(clear_after_broken_pool(in_hand, jobs)) from None
                    hand_out(1)
                    yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            shutil.rmtree(in_hand, ignore_errors=True)

    # --- publishing -----------------------------------------------------------------
    def write_site(self, plans: Iterable[PhotoPlan], site_dir: Path) -> list[PhotoOutput]:
        """Put every planned output at ``site_dir/<url>``; return those missing from the cache.

        Files are hard-linked from the cache when it is on the same file system
        and copied otherwise. Only outputs are ever written: never a source.
        """
        missing = []
        seen: set[str] = set()
        for plan in plans:
            for output in plan.outputs:
                if output.url in seen:
                    continue
                seen.add(output.url)
                if not publish_file(output.cache_file, Path(site_dir) / output.url):
                    missing.append(output)
        return missing

    def prune(self, keep: Iterable[PhotoPlan]) -> int:
        """Delete cached outputs and index entries no plan in ``keep`` uses; return files removed."""
        keep = list(keep)
        names = {o.name for plan in keep for o in plan.outputs}
        sources = {os.path.abspath(plan.source) for plan in keep}
        removed = 0
        with locked(self.cache_dir):
            for folder in self.cache_dir.iterdir():
                if not folder.is_dir() or len(folder.name) != 2:
                    continue
                for file in folder.iterdir():
                    if file.name in names or (file.name.endswith(".tmp") and not is_stale(file)):
                        continue
                    file.unlink(missing_ok=True)
                    removed += 1
                if not any(folder.iterdir()):
                    folder.rmdir()
            old_sources, old_outputs = read_index(self.cache_dir)
            write_index(self.cache_dir,
                        {k: v for k, v in old_sources.items() if k in sources},
                        {k: v for k, v in old_outputs.items() if k in names})
        self._index = None
        return removed


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while planning, then restore it.

    Planning makes about twenty small objects per photo and no reference
    cycles, so the collector finds nothing; but as plans pile up it rescans all
    of them again and again: about a tenth of a warm build of 10,000 photos,
    and more per photo than at 1,000.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clear_after_broken_pool(in_hand: str, jobs: list[EncodeJob]) -> tuple[Path, ...]:
    """After a worker died: remove the temporary files its pool's workers left, and
    return the photos whose worker was killed (see encode.start_worker).

    Only files named with those workers' pids are removed: another build sharing
    the cache may be writing the same outputs.
    """
    by_source = {job.source: job for job in jobs}
    killed = set()
    for note in Path(in_hand).iterdir():
        pid = note.name.removesuffix(STOPPED_SUFFIX)
        try:
            source = note.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if note.name == pid:
            killed.add(Path(source))
        for spec in by_source[source].outputs if source in by_source else ():
            cache_file = Path(spec.cache_file)
            for temporary in cache_file.parent.glob(f".{cache_file.name}.{pid}.*.tmp"):
                temporary.unlink(missing_ok=True)
    return tuple(sorted(killed))


def worker_count(concurrency: int) -> int:
    if concurrency > 0:
        return concurrency
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def publish_file(cache_file: Path, destination: Path) -> bool:
    """Hard-link (or copy) one cached output into the site; False when it is not cached."""
    if not cache_file.is_file():
        return False
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        if os.path.samefile(cache_file, destination):
            return True
    except OSError:
        pass
    temporary = destination.with_name(f".{destination.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        os.link(cache_file, temporary)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(cache_file, temporary)
    os.replace(temporary, destination)
    return True


def is_stale(file: Path) -> bool:
    try:
        return time.time() - file.stat().st_mtime > STALE_TEMPORARY_SECONDS
    except OSError:
        return False
