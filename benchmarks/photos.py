"""Benchmark of the photo pipeline against what a competent person would write instead.

Run from the repository root (takes several minutes on 2 cores):

    .venv/bin/python benchmarks/photos.py            # 12 real camera photographs as phone JPEGs
    .venv/bin/python benchmarks/photos.py --photos 24
    .venv/bin/python benchmarks/photos.py --drawn    # the drawn 4032x3024 corpus instead
    .venv/bin/python benchmarks/photos.py --scale-only   # just the scale part
    .venv/bin/python benchmarks/photos.py --scale    # also 1,000 and 10,000 small photos (~30 min on 2 cores)

The contenders do the same job on the same photos, each with one process per core:

- ours: the pipeline (benchmarks' cache, fsync of every output, as in a build; since recipe 7 it
  decodes a phone JPEG and reduces it to the largest width with libvips, the rest with Pillow);
- naive loop: full decode, orient, one LANCZOS resize from full size per width, every
  format from that one resize;
- Pillow draft-decode cascade: JPEG decoded at the smallest DCT scale that still covers the
  largest output, each width resized from the next larger one;
- pyvips: ``thumbnail`` per width (shrink-on-load), one libvips thread per process;
- pyvips cascade: ``thumbnail`` once to the largest width, each smaller width resized from the
  next larger one in memory (what the Pillow cascade does, in libvips: one decode a photo).

Two jobs: the full one (AVIF + WebP + JPEG x 240/320/480/960/1600) and WebP + JPEG alone.
Time is reported per photo as wall time at equal parallelism and as CPU time (user + system
of every process doing the work, the per-core measure that other jobs on a shared machine
barely change; the memory sampler's own CPU is not counted, see TreeMemory); ratios are
taken within one run; the load average is printed beside each stage. Quality: SSIM of each
contender's WebP at 960 (the headline), 480 and 1600 wide against a LANCZOS resize of the
full-size photo.

Everything it makes lives under .cache/bench/: the corpus (benchmarks/camera_photos.py
fetches the photographs from Debian packages), caches and outputs, pyvips and
pyvips-binary in their own virtualenv (the contender runs from there, apart from the project's
own copy of libvips), numpy (for SSIM only), sigal's virtualenv. Numbers are written to stdout; the latest are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageOps

from xingguang.photos import PhotoOptions, PhotoPipeline
from xingguang.photos.encode import AVIF_SETTINGS, JPEG_SETTINGS, WEBP_SETTINGS
from xingguang.photos.options import EXTENSIONS
from xingguang.photos.pipeline import worker_count
from xingguang.photos.plan import plan_widths, scaled_height

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".cache" / "bench"
OPTIONS = PhotoOptions()
JOBS = {"full": ("avif", "webp", "jpeg"), "webp+jpeg": ("webp", "jpeg")}
CONTENDERS = ("ours", "naive", "cascade", "pyvips", "pyvips-cascade")
LABELS = {"ours": "我们的流水线", "naive": "朴素循环（每个宽度缩放一次）", "cascade": "Pillow 草稿解码 + 逐级缩小",
          "pyvips": "pyvips（thumbnail，按需缩小解码）", "pyvips-cascade": "pyvips（thumbnail 一次 + 逐级缩小）"}
SETTINGS = {"avif": ("AVIF", AVIF_SETTINGS), "webp": ("WEBP", WEBP_SETTINGS), "jpeg": ("JPEG", JPEG_SETTINGS)}


# --- the corpus ------------------------------------------------------------------------------
def make_photo(seed: int, size: tuple[int, int], sideways: bool) -> bytes:
    """A phone-like photo: shapes and gradients, blurred, with sensor-like noise, GPS EXIF."""
    rng = random.Random(seed)
    width, height = size
    small = Image.new("RGB", (width // 8, height // 8), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(small)
    for _ in range(40):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        r = rng.randrange(4, small.width // 4)
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r // 2, x + r, y + r // 2), fill=colour)
    image = small.filter(ImageFilter.GaussianBlur(1)).resize(size, Image.Resampling.BICUBIC)
    # Texture at several scales (foliage, fabric, sensor noise), so that it
    # survives downscaling and the encoders work as hard as on real photos.
    for divisor, weight in ((8, 0.25), (3, 0.2), (1, 0.1)):
        noise = Image.effect_noise((width // divisor, height // divisor), 64).convert("RGB")
        image = Image.blend(image, noise.resize(size, Image.Resampling.BICUBIC), weight)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "BenchPhone", "BP-12"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (31.0, 14.0, float(seed % 60)), 3: "E", 4: (121.0, 28.0, 12.5)})
    if sideways:
        image = image.transpose(Image.Transpose.ROTATE_90)  # stored on its side
        exif[0x0112] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def make_corpus(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"photo{n:05d}.jpg"
        if not path.exists():
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(make_photo(n, size, sideways=n % 3 == 2))
            tmp.replace(path)
        paths.append(path)
    return paths


# --- memory ----------------------------------------------------------------------------------
class TreeMemory:
    """Peak of the summed RSS of this process and all its descendants (forkserver workers too),
    and the CPU time the work used (``cpu_seconds``: user + system).

    CPU time is the steadier measure of work on a shared machine: other jobs
    stretch wall time but barely change it. It is counted exactly, and without this
    sampler's own cost: this process's CPU time less the sampler thread's, plus the
    children it reaped (a ``Pool``'s workers), plus every descendant still alive at
    the end with the children *it* reaped (the pipeline's forkserver, which reaps the
    pipeline's workers). Reading /proc for every process on the machine twenty times
    a second costs 3-4 ms a time on a busy box; charged to the stage, it added CPU in
    proportion to the stage's wall time, and only to the Pillow contenders.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        self.interval = interval
        self._sampler_cpu = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._start_cpu = time.process_time()
        self._start_children = children_cpu()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        own = time.process_time() - self._start_cpu - self._sampler_cpu
        reaped = children_cpu() - self._start_children
        rss, pids = tree_rss()
        self.peak = max(self.peak, rss)
        alive = sum(filter(None, (process_ticks(pid, with_reaped=True) for pid in pids - {os.getpid()})))
        self.cpu_seconds = own + reaped + alive / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss()[0])
            time.sleep(self.interval)
        self._sampler_cpu = time.thread_time()


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_ticks(pid: int, with_reaped: bool = False) -> int | None:
    """User + system CPU time of one process (and of the children it reaped), in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # utime, stime, cutime, cstime: fields 14-17 of proc(5)
    return sum(int(f) for f in fields[11:15 if with_reaped else 13])


def tree_rss() -> tuple[int, set[int]]:
    """Summed RSS of this process and its descendants, and their pids."""
    parents, rss = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry)] = int(fields["PPid"])
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    mine = {os.getpid()}
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                changed = True
    return sum(rss.get(pid, 0) for pid in mine), mine


# --- stages (each in its own subprocess) --------------------------------------------------------
def stage_ours(paths: list[Path], work: Path, concurrency: int, formats: tuple[str, ...]) -> dict:
    pipeline = PhotoPipeline(work / "cache", PhotoOptions(formats=formats, concurrency=concurrency))
    start = time.perf_counter()
    plans, problems = pipeline.plan_all(paths)
    problems += pipeline.encode(plans.values())
    seconds = time.perf_counter() - start
    assert not problems, problems
    return {"seconds": seconds}


def oriented_outputs(image: Image.Image) -> list[tuple[int, int]]:
    return [(w, scaled_height(w, image.width, image.height)) for w in plan_widths(image.width, OPTIONS.widths)]


def save(image: Image.Image, fmt: str) -> bytes:
    pillow_format, settings = SETTINGS[fmt]
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, quality=OPTIONS.quality[fmt], **settings)
    return buffer.getvalue()


def naive_one(task: tuple[Path, Path, tuple[str, ...]]) -> None:
    """What a competent person writes first: full decode, orient, one LANCZOS resize per width."""
    path, out, formats = task
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    for size in oriented_outputs(image):
        resized = image.resize(size, Image.Resampling.LANCZOS)
        for fmt in formats:
            (out / f"{path.stem}-{size[0]}.{EXTENSIONS[fmt]}").write_bytes(save(resized, fmt))


def cascade_one(task: tuple[Path, Path, tuple[str, ...]]) -> None:
    """Pillow's own shortcuts: decode at the smallest DCT scale covering the largest output, then
    each width from the next larger one."""
    path, out, formats = task
    with Image.open(path) as image:
        sideways = image.getexif().get(0x0112) in (5, 6, 7, 8)
        sizes = oriented_outputs(Image.new("1", (image.height, image.width) if sideways else image.size))
        image.draft("RGB", sizes[-1][::-1] if sideways else sizes[-1])
        current = ImageOps.exif_transpose(image).convert("RGB")
    for size in reversed(sizes):
        current = current.resize(size, Image.Resampling.LANCZOS)
        for fmt in formats:
            (out / f"{path.stem}-{size[0]}.{EXTENSIONS[fmt]}").write_bytes(save(current, fmt))


def stage_pool(one, paths: list[Path], work: Path, processes: int, formats: tuple[str, ...]) -> dict:  # type: ignore[no-untyped-def]
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with Pool(processes) as pool:
        for _ in pool.imap_unordered(one, [(path, out, formats) for path in paths]):
            pass
    return {"seconds": time.perf_counter() - start}


def run_stage_here(args: argparse.Namespace) -> None:
    paths = [Path(p) for p in json.loads(Path(args.corpus).read_text())] if args.corpus.endswith(".json") \
        else sorted(Path(args.corpus).glob("*.jpg"))[: args.photos]
    work = Path(args.work)
    formats = tuple(args.formats.split(","))
    processes = args.concurrency or worker_count(0)
    with TreeMemory() as memory:
        if args.stage == "ours":
            result = stage_ours(paths, work, args.concurrency, formats)
        else:
            result = stage_pool(naive_one if args.stage == "naive" else cascade_one, paths, work, processes, formats)
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a subprocess
    # would report its parent's peak.
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    peak_build = int(status["VmHWM"].split()[0]) / 1024
    result.update(photos=len(paths), peak_build_mb=peak_build, peak_tree_mb=max(memory.peak / 2**20, peak_build),
                  cpu_seconds=memory.cpu_seconds)
    print(json.dumps(result))


def stage(name: str, corpus: Path, work: Path, photos: int, concurrency: int = 0,
          formats: tuple[str, ...] = OPTIONS.formats) -> dict:
    """One contender in a fresh process; CPU time is that of the process and all it started."""
    if name.startswith("pyvips"):
        return vips_stage(corpus, work, concurrency, formats, cascade=name == "pyvips-cascade")
    command = [sys.executable, __file__, "--stage", name, "--corpus", str(corpus), "--work", str(work),
               "--photos", str(photos), "--concurrency", str(concurrency), "--formats", ",".join(formats)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return with_rates(json.loads(output.strip().splitlines()[-1]))


def with_rates(result: dict) -> dict:
    """Per-photo rates. CPU time is what the stage measured around its work (``TreeMemory``,
    or the same accounting in vips_stage.py): the interpreter's start and imports are not
    counted for any contender, the pipeline's forkserver and workers are."""
    result["ms_per_photo"] = 1000 * result["seconds"] / result["photos"]
    result["cpu_ms_per_photo"] = 1000 * result["cpu_seconds"] / result["photos"]
    result["load"] = os.getloadavg()[0]
    return result


def uv() -> str:
    """uv on PATH, or the one scripts/bootstrap.sh installs into .cache/tools/."""
    return shutil.which("uv") or str(ROOT / ".cache" / "tools" / "bin" / "uv")


# --- pyvips, in its own virtualenv ----------------------------------------------------------------
VIPS_ENV = BENCH / "pyvips"


def vips_python() -> Path:
    python = VIPS_ENV / "bin" / "python"
    if not python.exists():
        subprocess.run([uv(), "venv", "-q", str(VIPS_ENV), "--python", "3.11"], check=True)
        subprocess.run([uv(), "pip", "install", "-q", "--python", str(python), "pyvips", "pyvips-binary"], check=True)
    return python


def vips_stage(corpus: Path, work: Path, concurrency: int, formats: tuple[str, ...], cascade: bool = False) -> dict:
    paths = json.loads(corpus.read_text()) if corpus.suffix == ".json" else sorted(map(str, corpus.glob("*.jpg")))
    job = work / "job.json"
    work.mkdir(parents=True, exist_ok=True)
    job.write_text(json.dumps({"paths": [str(p) for p in paths], "out": str(work / "out"),
                               "widths": list(OPTIONS.widths), "formats": list(formats),
                               "quality": dict(OPTIONS.quality), "processes": concurrency or worker_count(0),
                               "cascade": cascade}))
    # The same memory sampler as the other contenders' stages, though vips_stage.py counts its own
    # CPU: the sampler reads /proc for every process 20 times a second (2 ms each time here), CPU
    # that the stage's workers then lack, so without it pyvips alone had the cores to itself.
    with TreeMemory() as memory:
        output = subprocess.run([str(vips_python()), str(Path(__file__).with_name("vips_stage.py")), str(job)],
                                check=True, capture_output=True, text=True, env={**os.environ, "VIPS_CONCURRENCY": "1"})
    result = json.loads(output.stdout.strip().splitlines()[-1])
    result["peak_tree_mb"] = memory.peak / 2**20
    return with_rates(result)


# --- quality ------------------------------------------------------------------------------------
def ssim(a: Image.Image, b: Image.Image) -> float:
    """Mean SSIM of the luma (Wang et al. 2004: 11×11 Gaussian window, σ 1.5, valid region)."""
    sys.path.append(str(BENCH / "numpy"))
    import numpy as np

    x = np.asarray(a.convert("L"), dtype=np.float64)
    y = np.asarray(b.convert("L"), dtype=np.float64)
    taps = np.exp(-0.5 * (np.arange(11) - 5) ** 2 / 1.5**2)
    taps /= taps.sum()

    def blur(z):
        z = sum(t * z[:, k: z.shape[1] - 10 + k] for k, t in enumerate(taps))
        return sum(t * z[k: z.shape[0] - 10 + k, :] for k, t in enumerate(taps))

    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = blur(x), blur(y)
    vx, vy, cxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    return float((((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))).mean())


def ensure_numpy() -> None:
    target = BENCH / "numpy"
    if not (target / "numpy").is_dir():
        subprocess.run([uv(), "pip", "install", "-q", "--target", str(target), "numpy"], check=True)


SSIM_WIDTHS = (960, 480, 1600)  # 960 first: the headline figure, as in earlier runs


def webp_at(contender: str, work: Path, path: Path, formats: tuple[str, ...], width: int) -> Path:
    if contender == "ours":
        plan = PhotoPipeline(work / "cache", PhotoOptions(formats=formats)).plan(path)
        return plan.output_for("webp", width).cache_file
    return work / "out" / f"{path.stem}-{width}.webp"


def ssim_of(contender: str, work: Path, paths: list[Path], formats: tuple[str, ...],
            references: dict[Path, dict[int, Image.Image]]) -> dict[int, float]:
    """Mean SSIM of the contender's WebP at each of SSIM_WIDTHS against the references."""
    scores = defaultdict(list)
    for path in paths:
        for width, reference in references[path].items():
            with Image.open(webp_at(contender, work, path, formats, width)) as output:
                assert output.size == reference.size, (contender, path.name, output.size, reference.size)
                scores[width].append(ssim(output, reference))
    return {width: sum(values) / len(values) for width, values in scores.items()}


def references_at(paths: list[Path]) -> dict[Path, dict[int, Image.Image]]:
    """The photo decoded whole, oriented and resized once with LANCZOS to each of SSIM_WIDTHS."""
    references = {}
    for path in paths:
        with Image.open(path) as original:
            full = ImageOps.exif_transpose(original).convert("RGB")
        references[path] = {width: full.resize((width, scaled_height(width, full.width, full.height)),
                                               Image.Resampling.LANCZOS) for width in SSIM_WIDTHS}
    return references


def output_sizes(work: Path, paths: list[Path]) -> dict:
    pipeline = PhotoPipeline(work / "cache", OPTIONS)
    plans, _ = pipeline.plan_all(paths)
    sizes = defaultdict(list)
    for plan in plans.values():
        for o in plan.outputs:
            sizes[(o.format, o.width)].append(o.cache_file.stat().st_size)
    return {f"{fmt} {w}": sum(v) / len(v) for (fmt, w), v in sorted(sizes.items())}


# --- sigal ---------------------------------------------------------------------------------------
def sigal_report(corpus: Path, photos: int) -> dict | str:
    env = BENCH / "sigal"
    binary = env / "bin" / "sigal"
    try:
        if not binary.exists():
            subprocess.run([uv(), "venv", "-q", str(env), "--python", "3.11"], check=True)
            subprocess.run([uv(), "pip", "install", "-q", "--python", str(env / "bin" / "python"), "sigal"], check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        return f"sigal 未能安装：{error}"
    work = BENCH / "sigal-run"
    shutil.rmtree(work, ignore_errors=True)
    source = work / "source" / "album"
    source.mkdir(parents=True)
    for path in sorted(corpus.glob("*.jpg"))[:photos]:
        os.link(path, source / path.name)
    config = work / "sigal.conf.py"
    config.write_text(
        "img_size = (1600, 1200)\nthumb_size = (480, 360)\nautorotate_images = True\ncopy_exif_data = False\n"
        "keep_orig = False\nzip_gallery = False\njpg_options = {'quality': 82, 'optimize': True, 'progressive': True}\n"
    )
    start = time.perf_counter()
    subprocess.run([str(binary), "build", "-q", "-c", str(config), "-n", str(worker_count(0)),
                    str(work / "source"), str(work / "out")], check=True, capture_output=True)
    seconds = time.perf_counter() - start
    kinds = defaultdict(lambda: [0, 0])
    for file in (work / "out").rglob("*"):
        if file.is_file() and "static" not in file.parts:
            kind = ("thumbnail " if "thumbnails" in file.parts else "") + file.suffix
            kinds[kind][0] += 1
            kinds[kind][1] += file.stat().st_size
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    return {"version": version, "seconds": seconds, "ms_per_photo": 1000 * seconds / photos,
            "files": {k: {"count": c, "mean_kb": b / c / 1024} for k, (c, b) in sorted(kinds.items())}}


# --- the report ----------------------------------------------------------------------------------
def corpus_for(args: argparse.Namespace) -> tuple[Path, list[Path], str]:
    """The photos and a file listing them (what every contender reads), and what they are."""
    if not args.drawn:
        sys.path.insert(0, str(Path(__file__).parent))
        try:
            from camera_photos import phone_photos

            paths = phone_photos(args.photos)
            described = f"{len(paths)} 张真实相机照片（Debian 软件包里的摄影作品，做成 4032×3024 手机 JPEG，竖拍的带 Orientation 6）"
        except Exception as error:  # noqa: BLE001 - no network or no apt: say so and use the drawn corpus
            print(f"真实照片取不到（{error}），改用程序画的语料", flush=True)
            args.drawn = True
    if args.drawn:
        paths = make_corpus(BENCH / "corpus-4032x3024", args.photos, (4032, 3024))
        described = f"{len(paths)} 张程序画的 4032×3024 JPEG（三分之一 Orientation 6，全部带 GPS）"
    listing = BENCH / "corpus.json"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text(json.dumps([str(p) for p in paths]))
    return listing, paths, described


def main_benchmark(args: argparse.Namespace) -> None:
    cores = worker_count(0)
    listing, paths, described = corpus_for(args)
    ensure_numpy()
    print(f"语料：{described}；{cores} 核，每个参赛者 {cores} 个进程；开始时负载 {os.getloadavg()[0]:.1f}", flush=True)
    work = BENCH / "run"
    shutil.rmtree(work, ignore_errors=True)
    references = references_at(paths)
    for job, formats in JOBS.items():
        print(f"\n任务 {job}（{' + '.join(f.upper() for f in formats)} × {'/'.join(map(str, OPTIONS.widths))}）", flush=True)
        # Each contender twice, in order and then in reverse (A B C D D C B A), so that a change
        # in the machine's load during the run falls on all of them alike; the faster run counts.
        runs: dict[str, list[dict]] = defaultdict(list)
        for contender in (*CONTENDERS, *reversed(CONTENDERS)):
            folder = work / job / contender / str(len(runs[contender]))
            runs[contender].append(stage(contender, listing, folder, len(paths), 0, formats))
        results = {}
        for contender, pair in runs.items():
            results[contender] = min(pair, key=lambda r: r["seconds"])
            results[contender]["cpu_ms_per_photo"] = min(r["cpu_ms_per_photo"] for r in pair)
            results[contender]["ssim"] = ssim_of(contender, work / job / contender / "0", paths, formats, references)
        ours = results["ours"]
        print(f"  {'':<30} {'墙钟 ms/张':>10} {'CPU ms/张':>10} {'我们快几倍':>10} {'CPU 之比':>9}"
              f" {'SSIM 960':>9} {'480':>8} {'1600':>8} {'负载':>5}")
        for contender, r in results.items():
            print(f"  {LABELS[contender]:<30} {r['ms_per_photo']:10.0f} {r['cpu_ms_per_photo']:10.0f}"
                  f" {r['ms_per_photo'] / ours['ms_per_photo']:10.2f} {r['cpu_ms_per_photo'] / ours['cpu_ms_per_photo']:9.2f}"
                  f" {r['ssim'][960]:9.5f} {r['ssim'][480]:8.5f} {r['ssim'][1600]:8.5f} {r['load']:5.1f}", flush=True)
        if job == "full":
            warm = stage("ours", listing, work / job / "ours" / "0", len(paths), 0, formats)
            print(f"  缓存命中（无改动重建）：{warm['ms_per_photo']:.1f} ms/张，是冷构建的 "
                  f"{100 * warm['seconds'] / ours['seconds']:.2f} %", flush=True)
    print("\n“我们快几倍”= 对手的墙钟时间 ÷ 我们的（同样的进程数）；“CPU 之比”= 对手每张照片用的 CPU 时间 ÷ 我们的"
          "（每个核的效率，不受别的任务拖慢墙钟的影响）。大于 1 表示我们更快。")
    print("平均每个输出文件的大小（我们，完整任务）：")
    for key, size in output_sizes(work / "full" / "ours" / "0", paths).items():
        print(f"  {key:<12} {size / 1024:8.1f} KB")
    sigal = sigal_report(BENCH / "corpus-4032x3024", args.photos) if args.sigal else "跳过（加 --sigal 运行）"
    if isinstance(sigal, str):
        print(f"sigal：{sigal}")
    else:
        print(f"{sigal['version']}（{cores} 进程，1600×1200 JPEG + 缩略图）：{sigal['ms_per_photo']:.1f} ms/张")
    print(f"结束时负载 {os.getloadavg()[0]:.1f}")
    if args.scale:
        scale_benchmark()


WARM_REPEATS = 5


def scale_benchmark() -> None:
    """1,000 against 10,000 small photos: cold once each, warm (no change) the median of five.

    Growth is judged on wall time and on CPU time (the pipeline's work, steady
    on a shared machine); a ratio at or below 10 is linear or better, since a
    build also has fixed costs.
    """
    corpus = BENCH / "corpus-512x384"
    print("\n规模：512×384 小照片，默认输出（每张 6 个文件）", flush=True)
    make_corpus(corpus, 10_000, (512, 384))
    rows = {}
    for count in (1_000, 10_000):
        work = BENCH / f"scale-{count}"
        shutil.rmtree(work, ignore_errors=True)
        rows[count] = {"cold": stage("ours", corpus, work, count, 0)}
    warm_runs = {count: [] for count in rows}
    for _ in range(WARM_REPEATS):  # alternate, so a busy minute hits both sizes alike
        for count in rows:
            warm_runs[count].append(stage("ours", corpus, BENCH / f"scale-{count}", count, 0))
    for count, runs in warm_runs.items():
        rows[count]["warm"] = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    for count, row in rows.items():
        cold, warm = row["cold"], row["warm"]
        print(f"{count:6d} 张：冷 {cold['seconds']:7.1f} s（{cold['ms_per_photo']:.1f} ms/张，CPU {cold['cpu_seconds']:.1f} s）"
              f" · 热 {warm['seconds']:6.2f} s（CPU {warm['cpu_seconds']:.2f} s，{WARM_REPEATS} 次的中位数，"
              f"冷的 {100 * warm['seconds'] / cold['seconds']:.2f} %）· 峰值内存 构建进程 冷 {cold['peak_build_mb']:.0f} MB"
              f" 热 {warm['peak_build_mb']:.0f} MB · 含子进程 {cold['peak_tree_mb']:.0f} MB", flush=True)
    small, large = rows[1_000], rows[10_000]

    def ratio(phase: str, key: str) -> float:
        return large[phase][key] / small[phase][key]

    print(f"10,000 对 1,000 之比（线性为 10×）：冷 时间 {ratio('cold', 'seconds'):.2f}× · CPU {ratio('cold', 'cpu_seconds'):.2f}×"
          f"；热 时间 {ratio('warm', 'seconds'):.2f}× · CPU {ratio('warm', 'cpu_seconds'):.2f}×"
          f"；构建进程峰值内存 冷 {ratio('cold', 'peak_build_mb'):.2f}× · 热 {ratio('warm', 'peak_build_mb'):.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=12, help="how many 12-megapixel photos (default 12)")
    parser.add_argument("--drawn", action="store_true", help="the drawn corpus instead of camera photographs")
    parser.add_argument("--scale", action="store_true", help="also time 1,000 and 10,000 small photos")
    parser.add_argument("--scale-only", action="store_true", help="only the 1,000 / 10,000 photo comparison")
    parser.add_argument("--sigal", action="store_true", help="also install and run sigal (drawn corpus)")
    parser.add_argument("--stage", choices=("ours", "naive", "cascade"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--formats", default=",".join(OPTIONS.formats), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        run_stage_here(args)
    elif args.scale_only:
        scale_benchmark()
    else:
        main_benchmark(args)


if __name__ == "__main__":
    main()
