"""Benchmark of the photo pipeline against a naive Pillow loop, the floor and sigal.

Run from the repository root (takes a few minutes on 2 cores):

    .venv/bin/python benchmarks/photos.py            # 24 phone-like photos
    .venv/bin/python benchmarks/photos.py --photos 96
    .venv/bin/python benchmarks/photos.py --scale-only   # just the scale part
    .venv/bin/python benchmarks/photos.py --scale    # also 1,000 and 10,000 small photos (~30 min on 2 cores)

Everything it makes lives under .cache/bench/: the generated corpus (4032×3024
JPEGs, a third stored sideways with EXIF Orientation 6, all with GPS EXIF),
the caches and outputs, sigal's own virtualenv and numpy (for SSIM only; neither
is a project dependency). Each measurement runs in a fresh subprocess so that
its time and peak memory are its own. Numbers are written to stdout; the
latest are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
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
    and the CPU time they used (``cpu_seconds``: user + system, summed over the tree).

    CPU time is the steadier measure of work on a shared machine: other jobs
    stretch wall time but barely change it. A worker's last 50 ms before it
    exits may be missed.
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        self.interval = interval
        self._cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._start_cpu = time.process_time()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()
        self._own_cpu = time.process_time() - self._start_cpu

    @property
    def cpu_seconds(self) -> float:
        """This process precisely, descendants at the kernel's clock-tick resolution."""
        return self._own_cpu + sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            time.sleep(self.interval)

    def _sample(self) -> None:
        rss, pids = tree_rss()
        self.peak = max(self.peak, rss)
        for pid in pids - {os.getpid()}:
            ticks = process_ticks(pid)
            if ticks is not None:
                self._cpu_ticks[pid] = max(ticks, self._cpu_ticks.get(pid, 0))


def process_ticks(pid: int) -> int | None:
    """User + system CPU time of one process, in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))


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
def stage_ours(paths: list[Path], work: Path, concurrency: int) -> dict:
    pipeline = PhotoPipeline(work / "cache", PhotoOptions(concurrency=concurrency))
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


def stage_naive(paths: list[Path], work: Path) -> dict:
    """What one would write first: full decode, exif_transpose, LANCZOS from full size every time."""
    out = work / "naive"
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
        for fmt in OPTIONS.formats:
            for size in oriented_outputs(image):
                data = save(image.resize(size, Image.Resampling.LANCZOS), fmt)
                (out / f"{path.stem}-{size[0]}.{EXTENSIONS[fmt]}").write_bytes(data)
    return {"seconds": time.perf_counter() - start}


def stage_floor(paths: list[Path], work: Path) -> dict:
    """Decode at draft scale and encode the same outputs, skipping every resize (one process)."""
    start = time.perf_counter()
    for path in paths:
        with Image.open(path) as image:
            sideways = image.getexif().get(0x0112) in (5, 6, 7, 8)
            display = (image.height, image.width) if sideways else image.size
            sizes = oriented_outputs(Image.new("1", display))
            largest = sizes[-1][::-1] if sideways else sizes[-1]
            image.draft("RGB", largest)
            image.load()
            for fmt in OPTIONS.formats:
                for size in sizes:
                    box = size[::-1] if sideways else size  # same pixel count, no resampling
                    save(image.crop((0, 0, *box)), fmt)
    return {"seconds": time.perf_counter() - start}


def run_stage_here(args: argparse.Namespace) -> None:
    paths = sorted(Path(args.corpus).glob("*.jpg"))[: args.photos]
    work = Path(args.work)
    with TreeMemory() as memory:
        if args.stage == "ours":
            result = stage_ours(paths, work, args.concurrency)
        elif args.stage == "naive":
            result = stage_naive(paths, work)
        else:
            result = stage_floor(paths, work)
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a subprocess
    # would report its parent's peak.
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    peak_build = int(status["VmHWM"].split()[0]) / 1024
    result.update(photos=len(paths), peak_build_mb=peak_build, peak_tree_mb=max(memory.peak / 2**20, peak_build),
                  cpu_seconds=memory.cpu_seconds)
    print(json.dumps(result))


def stage(name: str, corpus: Path, work: Path, photos: int, concurrency: int = 0) -> dict:
    command = [sys.executable, __file__, "--stage", name, "--corpus", str(corpus), "--work", str(work),
               "--photos", str(photos), "--concurrency", str(concurrency)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["ms_per_photo"] = 1000 * result["seconds"] / result["photos"]
    return result


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


def quality_report(paths: list[Path], work: Path) -> dict:
    pipeline = PhotoPipeline(work / "ours" / "cache", OPTIONS)
    plans, _ = pipeline.plan_all(paths)
    ours, naive = [], []
    for path in paths:
        with Image.open(path) as original:
            full = ImageOps.exif_transpose(original).convert("RGB")
        output = plans[path].output_for("webp", 960)
        reference = full.resize((output.width, output.height), Image.Resampling.LANCZOS)
        ours.append(ssim(Image.open(output.cache_file), reference))
        naive.append(ssim(Image.open(work / "naive" / "naive" / f"{path.stem}-960.webp"), reference))
    sizes = defaultdict(list)
    for plan in plans.values():
        for o in plan.outputs:
            sizes[(o.format, o.width)].append(o.cache_file.stat().st_size)
    return {"ssim_ours": sum(ours) / len(ours), "ssim_naive": sum(naive) / len(naive),
            "bytes": {f"{fmt} {w}": sum(v) / len(v) for (fmt, w), v in sorted(sizes.items())}}


# --- sigal ---------------------------------------------------------------------------------------
def sigal_report(corpus: Path, photos: int) -> dict | str:
    env = BENCH / "sigal"
    binary = env / "bin" / "sigal"
    try:
        if not binary.exists():
            subprocess.run(["uv", "venv", "-q", str(env), "--python", "3.11"], check=True)
            subprocess.run(["uv", "pip", "install", "-q", "--python", str(env / "bin" / "python"), "sigal"], check=True)
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
def main_benchmark(args: argparse.Namespace) -> None:
    cores = worker_count(0)
    corpus = BENCH / "corpus-4032x3024"
    print(f"语料：{args.photos} 张 4032×3024 JPEG（三分之一 Orientation 6，全部带 GPS），{cores} 核", flush=True)
    paths = make_corpus(corpus, args.photos, (4032, 3024))
    work = BENCH / "run"
    shutil.rmtree(work, ignore_errors=True)
    results = {
        "ours_1": stage("ours", corpus, work / "ours1", args.photos, 1),
        "ours_all": stage("ours", corpus, work / "ours", args.photos, 0),
    }
    results["warm"] = stage("ours", corpus, work / "ours", args.photos, 0)
    results["naive"] = stage("naive", corpus, work / "naive", args.photos)
    results["floor"] = stage("floor", corpus, work / "floor", args.photos)
    results["floor"]["ms_per_photo"] /= cores
    for name, label in (("ours_1", "我们，1 个进程"), ("ours_all", f"我们，{cores} 个进程"), ("naive", "朴素循环，1 个进程"),
                        ("floor", f"下限（草稿解码 + 编码，÷{cores}）"), ("warm", "我们，缓存命中（无改动重建）")):
        r = results[name]
        print(f"{label:<28} {r['ms_per_photo']:9.1f} ms/张   峰值内存 构建进程 {r['peak_build_mb']:.0f} MB"
              f" · 含子进程 {r['peak_tree_mb']:.0f} MB", flush=True)
    ours, naive, floor = (results[k]["ms_per_photo"] for k in ("ours_all", "naive", "floor"))
    print(f"比朴素循环快 {naive / ours:.2f} 倍（目标 ≥ 2.5）；是下限的 {ours / floor:.2f} 倍（目标 ≤ 1.25）")
    print(f"缓存命中耗时是冷构建的 {100 * results['warm']['seconds'] / results['ours_all']['seconds']:.2f} %（目标 ≤ 2 %）")
    quality = quality_report(paths, work)
    print(f"SSIM（960 宽 WebP 对全尺寸 LANCZOS 参考）：我们 {quality['ssim_ours']:.4f} · 朴素 {quality['ssim_naive']:.4f}"
          f" · 差 {quality['ssim_naive'] - quality['ssim_ours']:+.4f}（目标 ≤ 0.002）")
    print("平均每个输出文件的大小：")
    for key, size in quality["bytes"].items():
        print(f"  {key:<12} {size / 1024:8.1f} KB")
    sigal = sigal_report(corpus, args.photos) if not args.skip_sigal else "跳过（--skip-sigal）"
    if isinstance(sigal, str):
        print(f"sigal：{sigal}")
    else:
        print(f"{sigal['version']}（{cores} 进程，1600×1200 JPEG + 缩略图）：{sigal['ms_per_photo']:.1f} ms/张")
        for kind, info in sigal["files"].items():
            print(f"  {kind:<16} {info['count']:5d} 个 · 平均 {info['mean_kb']:.1f} KB")
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
    parser.add_argument("--photos", type=int, default=24, help="how many 12-megapixel photos (default 24)")
    parser.add_argument("--scale", action="store_true", help="also time 1,000 and 10,000 small photos")
    parser.add_argument("--scale-only", action="store_true", help="only the 1,000 / 10,000 photo comparison")
    parser.add_argument("--skip-sigal", action="store_true", help="do not install or run sigal")
    parser.add_argument("--stage", choices=("ours", "naive", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        run_stage_here(args)
    elif args.scale_only:
        scale_benchmark()
    else:
        main_benchmark(args)


if __name__ == "__main__":
    main()
