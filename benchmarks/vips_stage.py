"""The photo benchmark's pyvips contender, run by benchmarks/photos.py with its own interpreter.

pyvips and pyvips-binary live in .cache/bench/pyvips/ (a virtualenv of the benchmark, not a
project dependency), so this file imports nothing from the project, nor Pillow. It does the
same job as the pipeline: for every photo, each width (never upscaled) in each format, with
the same quality and the encoder settings closest to the pipeline's, metadata stripped, the
EXIF orientation applied. Idiomatic libvips: ``thumbnail`` per width, which decodes a JPEG
at the smallest DCT scale that still covers the width (shrink-on-load) and orients it; or,
with ``"cascade": true`` in the job, ``thumbnail`` once to the largest width and every smaller
width resized (lanczos3) from the next larger one in memory: one decode a photo.
Parallelism is that of the other contenders: one libvips thread per process
(VIPS_CONCURRENCY=1, set by the caller) and one process per core.

    python vips_stage.py JOB.json   ->  prints {"seconds": …, "photos": …} on stdout
"""

from __future__ import annotations

import json
import resource
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import pyvips

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


def encode(image: pyvips.Image, fmt: str, quality: int) -> bytes:
    if fmt == "jpeg":
        # As the pipeline's Pillow settings: progressive, optimised Huffman tables, 4:2:0.
        return image.jpegsave_buffer(Q=quality, optimize_coding=True, interlace=True, subsample_mode="on",
                                     keep="none")
    if fmt == "webp":
        return image.webpsave_buffer(Q=quality, effort=4, keep="none")  # effort 4 = Pillow's method 4
    # AVIF at libavif speed 8 in the pipeline: libvips' effort runs the other way (0 fastest, 9 slowest).
    return image.heifsave_buffer(Q=quality, compression="av1", effort=1, subsample_mode="on", keep="none")


def one_photo(task: tuple[str, str, list[int], list[str], dict[str, int], bool]) -> None:
    source, out, widths, formats, quality, cascade = task
    stem = Path(source).stem
    header = pyvips.Image.new_from_file(source, access="sequential")
    sideways = header.get("orientation") in (5, 6, 7, 8) if header.get_typeof("orientation") else False
    own_width, own_height = (header.height, header.width) if sideways else (header.width, header.height)
    planned = [w for w in widths if w < own_width] + ([own_width] if own_width <= widths[-1] else [])
    image = None
    for width in reversed(planned):
        if cascade and image is not None:
            # Each smaller width from the next larger one, in memory: one decode a photo.
            height = max(1, round(width * own_height / own_width))  # as the pipeline's plan rounds it
            image = image.resize(width / image.width, vscale=height / image.height, kernel="lanczos3").copy_memory()
        else:
            # Rendered to memory once: the formats are encoded from the same pixels (a streamed
            # image would be decoded again for each, and a sequential JPEG read cannot rewind).
            image = pyvips.Image.thumbnail(source, width, height=10_000_000, size="down").copy_memory()
        for fmt in formats:
            (Path(out) / f"{stem}-{width}.{EXTENSIONS[fmt]}").write_bytes(encode(image, fmt, quality[fmt]))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    job = json.loads(Path(sys.argv[1]).read_text())
    Path(job["out"]).mkdir(parents=True, exist_ok=True)
    tasks = [(path, job["out"], job["widths"], job["formats"], job["quality"], job.get("cascade", False))
             for path in job["paths"]]
    # CPU as photos.py counts it for the other contenders: this process and the pool's workers
    # from here on, not the interpreter's start or the import of pyvips and libvips.
    start, start_cpu, start_children = time.perf_counter(), time.process_time(), children_cpu()
    with Pool(job["processes"]) as pool:
        for _ in pool.imap_unordered(one_photo, tasks):
            pass
    cpu = time.process_time() - start_cpu + children_cpu() - start_children
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": cpu, "photos": len(tasks),
                      "vips": f"{pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}"}))


if __name__ == "__main__":
    main()
