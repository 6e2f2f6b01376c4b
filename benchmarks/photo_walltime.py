"""Where the photo contenders' wall time goes: CPU split into user and system time, page
faults, context switches, and the pipeline's own phases, on the same job as benchmarks/photos.py.

Run from the repository root, under the team's benchmark lock:

    .venv/bin/python benchmarks/photo_walltime.py --photos 12
    ... --hogs 2     # the same beside two busy loops, each in a session of its own

Each contender runs in a fresh process, with one process and then one per core. Rusage is
exact: the stage stops the pipeline's forkserver before it reads RUSAGE_CHILDREN, so the
workers' time is reaped and counted; pyvips' pool workers are reaped by its own process.
``--hogs N`` starts N busy loops with ``setsid`` first: on Linux with autogroup scheduling
(``/proc/sys/kernel/sched_autogroup_enabled``) CPU is shared between sessions, not processes,
so a job with two processes gets about as much of the machine as one busy loop in another
session. That is what a shared machine does to the wall time of benchmarks/photos.py.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import photos as bench  # noqa: E402  (benchmarks/photos.py: the contenders and the corpus)

WORK = bench.BENCH / "walltime"
FIELDS = ("wall_ms", "cpu_ms", "user_ms", "sys_ms", "minflt", "nvcsw", "nivcsw")


def usage() -> dict[str, float]:
    mine, reaped = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"user": mine.ru_utime + reaped.ru_utime, "sys": mine.ru_stime + reaped.ru_stime,
            "minflt": mine.ru_minflt + reaped.ru_minflt, "nvcsw": mine.ru_nvcsw + reaped.ru_nvcsw,
            "nivcsw": mine.ru_nivcsw + reaped.ru_nivcsw}


def per_photo(before: dict, after: dict, wall: float, photos: int) -> dict[str, float]:
    delta = {key: after[key] - before[key] for key in before}
    return {"wall_ms": 1000 * wall / photos, "cpu_ms": 1000 * (delta["user"] + delta["sys"]) / photos,
            "user_ms": 1000 * delta["user"] / photos, "sys_ms": 1000 * delta["sys"] / photos,
            "minflt": delta["minflt"] / photos, "nvcsw": delta["nvcsw"] / photos, "nivcsw": delta["nivcsw"] / photos}


def run_stage(name: str, processes: int, photos: int, formats: tuple[str, ...]) -> dict:
    """In this (fresh) process: one contender, its rusage and, for ours, its phases."""
    import multiprocessing.forkserver as forkserver

    from xingguang.photos import PhotoOptions, PhotoPipeline

    paths = [Path(p) for p in json.loads((bench.BENCH / "corpus.json").read_text())][:photos]
    work = WORK / f"{name}-{processes}"
    shutil.rmtree(work, ignore_errors=True)
    (work / "out").mkdir(parents=True)
    for path in paths:
        path.read_bytes()  # in the page cache for every contender alike
    before, start, phases = usage(), time.perf_counter(), {}
    if name == "ours":
        pipeline = PhotoPipeline(work / "cache", PhotoOptions(formats=formats, concurrency=processes))
        plans, problems = pipeline.plan_all(paths)
        phases["planned_s"] = time.perf_counter() - start
        reported: list[float] = []
        problems += pipeline.encode(plans.values(), progress=lambda done, total: reported.append(time.perf_counter()))
        assert not problems, problems
        phases["first_photo_s"] = reported[1] - start
        phases["last_but_one_s"] = reported[-2] - start
        phases["last_photo_s"] = reported[-1] - start
    else:
        one = bench.naive_one if name == "naive" else bench.cascade_one
        with Pool(processes) as pool:
            for _ in pool.imap_unordered(one, [(path, work / "out", formats) for path in paths]):
                pass
    wall = time.perf_counter() - start
    if forkserver._forkserver._forkserver_pid is not None:
        forkserver._forkserver._stop()  # reaped: its workers' CPU is in RUSAGE_CHILDREN now
    return {**per_photo(before, usage(), wall, len(paths)), **phases}


def vips(processes: int, photos: int, formats: tuple[str, ...]) -> dict:
    """pyvips through benchmarks/vips_stage.py, measured from outside with wait4's rusage."""
    paths = json.loads((bench.BENCH / "corpus.json").read_text())[:photos]
    job = WORK / "vips-job.json"
    out = WORK / f"pyvips-{processes}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    job.write_text(json.dumps({"paths": paths, "out": str(out), "widths": list(bench.OPTIONS.widths),
                               "formats": list(formats), "quality": dict(bench.OPTIONS.quality),
                               "processes": processes}))
    for path in paths:
        Path(path).read_bytes()
    command = [str(bench.vips_python()), str(Path(__file__).with_name("vips_stage.py")), str(job)]
    before, start = usage(), time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, "VIPS_CONCURRENCY": "1"}, stdout=subprocess.PIPE)
    output = process.stdout.read()  # type: ignore[union-attr]
    process.wait()
    wall = time.perf_counter() - start
    assert process.returncode == 0, output
    # Interpreter start and the import of libvips are in here too (unlike photos.py): a few tens of ms.
    return per_photo(before, usage(), wall, len(paths))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--formats", default="avif,webp,jpeg")
    parser.add_argument("--hogs", type=int, default=0, help="busy loops in sessions of their own, beside the run")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.processes, args.photos, formats)))
        return
    bench.corpus_for(argparse.Namespace(drawn=False, photos=args.photos))
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
            for _ in range(args.hogs)]
    try:
        autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled")
        print(f"{args.photos} 张，{'+'.join(formats)}；忙循环 {args.hogs} 个（各自一个会话）；"
              f"autogroup={autogroup.read_text().strip() if autogroup.exists() else '?'}；负载 {os.getloadavg()[0]:.1f}")
        print(f"{'参赛者':<10}{'进程':>4}" + "".join(f"{f:>10}" for f in FIELDS) + "  阶段（秒）")
        for processes in (1, bench.worker_count(0)):
            for name in ("ours", "cascade", "pyvips"):
                if name == "pyvips":
                    row = vips(processes, args.photos, formats)
                else:
                    command = [sys.executable, __file__, "--stage", name, "--processes", str(processes),
                               "--photos", str(args.photos), "--formats", args.formats]
                    row = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                phases = {k: round(v, 2) for k, v in row.items() if k.endswith("_s")}
                print(f"{name:<10}{processes:>4}" + "".join(f"{row[f]:10.1f}" for f in FIELDS)
                      + f"  {phases or ''}  负载 {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()


if __name__ == "__main__":
    main()
