"""Peak memory and time for one 200 MP phone photo through the photo pipeline.

    .venv/bin/python benchmarks/big_photo.py

The photo is benchmarks/camera_photos.py's large_phone_photo(): a real photograph as a
16,320 × 12,240 JPEG (the 200 MP mode of recent Xiaomi and Samsung phones), made once
and cached under .cache/bench/. Each measurement runs in a fresh process and reports
that process's peak resident memory (VmHWM) and its wall and CPU time:

- ours: PhotoPipeline with the default options in one process (concurrency=1): plan,
  preview, and every output (5 widths × AVIF, WebP, JPEG); the JPEG is decoded at a
  reduced DCT scale (src/xingguang/photos/reading.py: jpeg_shrink), by libvips since recipe 7;
- naive: Pillow decoding the whole photo (Image.open + load), what a decoder without
  draft mode needs before it can even start resizing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from camera_photos import large_phone_photo  # noqa: E402

CHILD = r"""
import json, os, resource, sys, time
from pathlib import Path
mode, source, cache = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
started, cpu = time.monotonic(), time.process_time()
if mode == "ours":
    from xingguang.photos import PhotoOptions, PhotoPipeline
    from xingguang.photos.preview import make_preview
    options = PhotoOptions(concurrency=1)
    pipeline = PhotoPipeline(cache, options)
    plans, problems = pipeline.plan_all([source])
    assert not problems, problems
    assert make_preview(source, options.max_pixels) is not None
    errors = pipeline.encode(plans.values())
    assert not errors, errors
    outputs = len(plans[source].outputs)
else:
    from PIL import Image
    Image.MAX_IMAGE_PIXELS = None
    with Image.open(source) as image:
        image.load()
    outputs = 0
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"peak_mb": peak_kb / 1024, "wall_s": time.monotonic() - started,
                  "cpu_s": time.process_time() - cpu, "outputs": outputs}))
"""


def measure(mode: str, source: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="xg-big-") as cache:
        result = subprocess.run([sys.executable, "-c", CHILD, mode, str(source), cache], capture_output=True,
                                text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{mode} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    started = time.monotonic()
    source = large_phone_photo()
    print(f"photo: {source.relative_to(ROOT)} ({source.stat().st_size / 1e6:.1f} MB; "
          f"made or found in {time.monotonic() - started:.0f} s)", flush=True)
    load = os.getloadavg()
    rows = {mode: measure(mode, source) for mode in ("ours", "naive")}
    end_load = os.getloadavg()
    print("| 200 MP JPEG（16320×12240） | 峰值内存 | 墙上时间 | CPU 时间 | 输出文件 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    labels = {"ours": "我们的流水线（1 个进程，默认输出）", "naive": "Pillow 整张解码（只解码，不缩放不编码）"}
    for mode, row in rows.items():
        print(f"| {labels[mode]} | {row['peak_mb']:.0f} MB | {row['wall_s']:.1f} s | {row['cpu_s']:.1f} s | "
              f"{int(row['outputs'])} |")
    print(f"\n负载（1 / 5 / 15 分钟）：开始 {' / '.join(f'{v:.1f}' for v in load)}，"
          f"结束 {' / '.join(f'{v:.1f}' for v in end_load)}")


if __name__ == "__main__":
    main()
