"""Lighthouse on the built site, served as a real web server would, beside a plain mkdocs-material page.

Run from the repository root (about 10 minutes the first time, most of it encoding photos):

    .venv/bin/python benchmarks/pagespeed.py            # 3 Lighthouse runs per page, medians
    .venv/bin/python benchmarks/pagespeed.py --runs 5
    .venv/bin/python benchmarks/pagespeed.py --no-docs  # print only, leave docs/performance.md alone
    .venv/bin/python benchmarks/pagespeed.py --only 活动 --artifacts  # keep traces for lcp-graph.mjs

What it does:
1. Builds the demo site (the repository's site_data) plus two extra activities of 40 photos
   each, in .cache/bench/pagespeed/:
   - real photographs: 12 MP phone-like JPEGs made by benchmarks/camera_photos.py from
     freely licensed camera photographs in Debian packages (fetched with apt-get download,
     not committed); this is the page the targets are about;
   - drawn photos (1600×1200, benchmarks/photos.py's generator: shapes, texture and sensor
     noise; every third stored on its side), kept as a second row: they compress unlike
     photographs, which is how an earlier table looked better than real pages.
2. Builds a plain mkdocs-material project: `theme: material` and the 40 real photos as
   `![](...)` Markdown images, the original JPEGs, as a school would get from the theme alone.
3. Serves both with Debian's nginx on 127.0.0.1, `gzip on` for text (installed with apt-get
   when missing: the script must then run as root).
4. Runs Lighthouse 12.2.3 (benchmarks/lighthouse/, installed by `npm ci` from its lock) on the
   home page, a teacher page, both 40-photo activity pages and the plain page: mobile form
   factor, default simulated slow 4G, Debian's Chromium. The full-page screenshot is turned
   off: it enlarges the viewport to the whole page, which loads every lazy photo and would
   count bytes a visitor only fetches by scrolling.
5. Prints a table and writes it into docs/performance.md between the pagespeed markers.

Lighthouse's own LCP diagnostics fail on Chromium 156's traces; with --artifacts each
run's trace and network log are kept (about 6 MB a run) and
`node benchmarks/lighthouse/lcp-graph.mjs <folder>` prints what the simulated LCP was made of.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from camera_photos import phone_photos  # noqa: E402  (real photographs from Debian packages)
from photos import make_corpus as make_corpus_of  # noqa: E402  (the photo benchmark's generator)

BENCH = ROOT / ".cache" / "bench" / "pagespeed"
ARTIFACTS = BENCH / "artifacts"
LIGHTHOUSE_DIR = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
DOCS = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- pagespeed:start -->", "<!-- pagespeed:end -->"

PHOTO_COUNT = 40
DRAWN_SIZE = (1600, 1200)
ACTIVITY_ID = "2023-06-yundonghui"  # real photographs
DRAWN_ACTIVITY_ID = "2023-05-yishujie"  # drawn photos
REAL_LABEL, DRAWN_LABEL = "40 张真实照片的活动页", "40 张画出的照片的活动页"
PAGES = [  # (label, site, path)
    ("首页", "ours", ""),
    ("教师页（杨晓曦）", "ours", "teachers/yang-xiaoxi/"),
    (REAL_LABEL, "ours", f"activities/{ACTIVITY_ID}/"),
    (DRAWN_LABEL, "ours", f"activities/{DRAWN_ACTIVITY_ID}/"),
    ("朴素 Material：40 张真实照片", "plain", ""),
]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100,
           "lcp_s": 1.5, "tbt_ms": 100, "cls": 0.02, "kb": 300}


# --- the corpora and the two projects ----------------------------------------------------------
def make_real_corpus() -> list[Path]:
    """40 phone-like 12 MP JPEGs from real camera photographs (benchmarks/camera_photos.py)."""
    return phone_photos(PHOTO_COUNT)


def make_drawn_corpus() -> list[Path]:
    """The photo benchmark's generator at 1600×1200; every third photo stored on its side (EXIF 6)."""
    return make_corpus_of(BENCH / "corpus", PHOTO_COUNT, DRAWN_SIZE)


def activity_yaml(activity_id: str, title: str, date: str, folder: str, names: list[str]) -> str:
    lines = [
        f"编号: {activity_id}", f"标题: {title}", f"日期: {date}", "地点: 学校操场", "分类: 德育",
        "摘要: 全校师生参加春季田径运动会，四十张照片记录了赛场内外的精彩瞬间。",
        "正文: |",
        "  六月一日，学校在操场隆重举行春季田径运动会。开幕式上，各班方阵精神饱满地走过主席台，",
        "  少先队员们用整齐的步伐和响亮的口号展示了班级风采。",
        "",
        "  赛场上，同学们奋勇争先，老师们在场边加油助威，家长志愿者帮助维持秩序。",
        "照片:",
    ]
    for n, name in enumerate(names):
        lines += [f"  - 文件: photos/{folder}/{name}", f"    替代文本: 运动会赛场上的第 {n + 1} 个瞬间",
                  f"    说明: 运动会瞬间之{n + 1}", "    含学生: false"]
    return "\n".join(lines) + "\n"


def make_our_project(real: list[Path], drawn: list[Path]) -> Path:
    """The repository's project (config, hooks, docs, theme, data) plus the two 40-photo activities.

    The project folder keeps its .cache/ between runs, so photos are encoded once.
    """
    project = BENCH / "xingguang"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("hooks", "docs", "overrides", "site_data"):
        shutil.rmtree(project / name, ignore_errors=True)
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for activity_id, title, date, folder, corpus in (
        (ACTIVITY_ID, "2023 年春季田径运动会", "2023-06-01", "bench", real),
        (DRAWN_ACTIVITY_ID, "2023 年校园艺术节", "2023-05-12", "bench-drawn", drawn),
    ):
        photos = project / "site_data" / "photos" / folder
        photos.mkdir(parents=True)
        for path in corpus:
            shutil.copy2(path, photos / path.name)
        (project / "site_data" / "activities" / f"{activity_id}.yml").write_text(
            activity_yaml(activity_id, title, date, folder, [path.name for path in corpus]), "utf-8")
    return project


PLAIN_CONFIG = """site_name: 西乡县城北小学
theme:
  name: material
  language: zh
  # The theme's default loads Roboto from Google Fonts, which does not load in mainland
  # China; switched off so the comparison is about the photos, not a blocked host.
  font: false
"""


def make_plain_project(corpus: list[Path]) -> Path:
    """What a school gets from mkdocs-material alone: Markdown images, the original JPEGs (the real ones)."""
    project = BENCH / "plain"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs" / "photos").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, "utf-8")
    body = ["# 2023 年春季田径运动会", "", "全校师生参加春季田径运动会，四十张照片记录了赛场内外的精彩瞬间。", "",
            "六月一日，学校在操场隆重举行春季田径运动会。开幕式上，各班方阵精神饱满地走过主席台。", ""]
    for n, path in enumerate(corpus):
        shutil.copy2(path, project / "docs" / "photos" / path.name)
        body += [f"![运动会赛场上的第 {n + 1} 个瞬间](photos/{path.name})", ""]
    (project / "docs" / "index.md").write_text("\n".join(body), "utf-8")
    return project


def build(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                             "-d", str(site_dir)], cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mkdocs build of {project} failed:\n{result.stderr}{result.stdout}")
    print(f"built {project.name} in {time.monotonic() - started:.0f} s", flush=True)


# --- serving -----------------------------------------------------------------------------------
def find_nginx() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).is_file():
            return candidate
    if os.geteuid() != 0:
        sys.exit("nginx is missing: `sudo apt-get install nginx`, or run this script as root")
    print("installing Debian's nginx …", flush=True)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "nginx"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


NGINX_CONF = """{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;  # Debian's knows avif and webp
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  # What a school's host does: compress text (HTML always; these too). Photos are
  # already compressed and go out as they are.
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 256;
  gzip_vary on;
  gzip_types text/css text/javascript application/javascript application/json image/svg+xml application/xml;
{servers}
}}
"""
SERVER = """  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    error_page 404 /404.html;
  }}
"""


@contextmanager
def serve(sites: dict[str, Path]) -> Iterator[dict[str, str]]:
    """nginx serving each site on its own port; yields name -> base URL."""
    nginx = find_nginx()
    prefix = Path(tempfile.mkdtemp(prefix="xg-nginx-"))
    ports = {name: free_port() for name in sites}
    servers = "".join(SERVER.format(port=ports[name], root=root) for name, root in sites.items())
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the sites under .cache/
    (prefix / "nginx.conf").write_text(NGINX_CONF.format(user=user, prefix=prefix, servers=servers), "utf-8")
    process = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 10
        for port in ports.values():
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        sys.exit(f"nginx did not start: {(prefix / 'error.log').read_text() if (prefix / 'error.log').exists() else ''}")
                    time.sleep(0.1)
        yield {name: f"http://127.0.0.1:{port}/" for name, port in ports.items()}
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)


# --- Lighthouse --------------------------------------------------------------------------------
def ensure_lighthouse() -> None:
    lock = (LIGHTHOUSE_DIR / "package-lock.json").read_text("utf-8")
    if "http://" in lock or "https://" in lock:
        sys.exit("benchmarks/lighthouse/package-lock.json holds an address; regenerate it without one")
    if not LIGHTHOUSE.exists():
        print("installing Lighthouse from benchmarks/lighthouse/package-lock.json …", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=LIGHTHOUSE_DIR, check=True)


@dataclass
class Run:
    performance: int
    accessibility: int
    best_practices: int
    seo: int
    fcp_s: float
    lcp_s: float
    tbt_ms: float
    cls: float
    speed_index_s: float
    kb: float
    image_kb: float
    images: int
    failed_audits: list[str]
    benchmark_index: float  # Lighthouse's measure of this machine's CPU speed
    observed_fcp_s: float  # when the unthrottled Chromium really showed its first frame


def lighthouse(url: str, out: Path, artifacts: Path | None = None) -> Run:
    command = [
        "node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--disable-full-page-screenshot", f"--chrome-flags={CHROME_FLAGS}", "--locale=en-US",
    ]
    if artifacts is not None:
        command.append(f"-GA={artifacts}")  # gather and audit, keeping the trace and network log
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return read_report(out)


def read_report(out: Path) -> Run:
    """The figures we report, from one Lighthouse JSON report."""
    report = json.loads(out.read_text("utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"lighthouse: {report['runtimeError']}")
    audits, categories = report["audits"], report["categories"]
    requests = audits["network-requests"]["details"]["items"]
    # Photos only: not the inline previews (data: URIs) nor the theme's SVG logo and stars.
    images = [r for r in requests if r.get("resourceType") == "Image"
              and r["url"].split("?")[0].lower().endswith((".avif", ".webp", ".jpg", ".jpeg", ".png"))]
    failed = sorted({audit_id for category in ("accessibility", "best-practices", "seo")
                     for ref in categories[category]["auditRefs"]
                     if ref["weight"] > 0 and (audit_id := ref["id"]) in audits
                     and audits[audit_id]["score"] is not None and audits[audit_id]["score"] < 1})

    def score(name: str) -> int:
        return round(100 * (categories[name]["score"] or 0))

    return Run(
        performance=score("performance"), accessibility=score("accessibility"),
        best_practices=score("best-practices"), seo=score("seo"),
        fcp_s=audits["first-contentful-paint"]["numericValue"] / 1000,
        lcp_s=audits["largest-contentful-paint"]["numericValue"] / 1000,
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        speed_index_s=audits["speed-index"]["numericValue"] / 1000,
        kb=audits["total-byte-weight"]["numericValue"] / 1000,
        image_kb=sum(r.get("transferSize", 0) for r in images) / 1000,
        images=len(images), failed_audits=failed, benchmark_index=report["environment"]["benchmarkIndex"],
        observed_fcp_s=audits["metrics"]["details"]["items"][0]["observedFirstContentfulPaint"] / 1000,
    )


def median_run(runs: list[Run]) -> Run:
    def med(name: str) -> float:
        return statistics.median(getattr(r, name) for r in runs)

    return Run(
        performance=round(med("performance")), accessibility=round(med("accessibility")),
        best_practices=round(med("best_practices")), seo=round(med("seo")), fcp_s=med("fcp_s"),
        lcp_s=med("lcp_s"), tbt_ms=med("tbt_ms"), cls=med("cls"), speed_index_s=med("speed_index_s"),
        kb=med("kb"), image_kb=med("image_kb"), images=round(med("images")),
        failed_audits=sorted({a for r in runs for a in r.failed_audits}), benchmark_index=med("benchmark_index"),
        observed_fcp_s=med("observed_fcp_s"),
    )


# --- the report --------------------------------------------------------------------------------
def table(results: list[tuple[str, Run]], runs: int) -> str:
    lines = [
        f"| 页面（{runs} 次运行的中位数） | 性能 | 无障碍 | 最佳做法 | SEO | FCP | LCP | TBT | CLS | 速度指数 | "
        "首屏传输量 | 其中照片 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, r in results:
        lines.append(
            f"| {label} | {r.performance} | {r.accessibility} | {r.best_practices} | {r.seo} | {r.fcp_s:.1f} s | "
            f"{r.lcp_s:.1f} s | {r.tbt_ms:.0f} ms | {r.cls:.3f} | {r.speed_index_s:.1f} s | {r.kb:.0f} KB | "
            f"{r.image_kb:.0f} KB（{r.images} 张） |")
    return "\n".join(lines)


def verdicts(results: list[tuple[str, Run]]) -> list[tuple[str, str, bool]]:
    """(what, measured, met) for each target on our pages."""
    rows = []
    ours = [(label, r) for label, r in results if not label.startswith("朴素")]
    for label, r in ours:
        rows += [
            (f"{label}：性能 ≥ {TARGETS['performance']}", str(r.performance), r.performance >= TARGETS["performance"]),
            (f"{label}：无障碍、最佳做法、SEO 各 100", f"{r.accessibility} / {r.best_practices} / {r.seo}",
             min(r.accessibility, r.best_practices, r.seo) >= 100),
            (f"{label}：LCP ≤ {TARGETS['lcp_s']} s", f"{r.lcp_s:.2f} s", r.lcp_s <= TARGETS["lcp_s"]),
            (f"{label}：TBT ≤ {TARGETS['tbt_ms']} ms", f"{r.tbt_ms:.0f} ms", r.tbt_ms <= TARGETS["tbt_ms"]),
            (f"{label}：CLS ≤ {TARGETS['cls']}", f"{r.cls:.3f}", r.cls <= TARGETS["cls"]),
        ]
    for label in (REAL_LABEL, DRAWN_LABEL):
        activity = dict(ours).get(label)
        if activity:
            rows.append((f"{label}：首屏传输量 ≤ {TARGETS['kb']} KB", f"{activity.kb:.0f} KB",
                         activity.kb <= TARGETS["kb"]))
    return rows


def load_text(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.1f}" for value in load)


def report(results: list[tuple[str, Run]], runs: int, load: tuple[tuple[float, float, float], tuple[float, float, float]],
           each: dict[str, list[Run]] | None = None) -> str:
    index = statistics.median(r.benchmark_index for _, r in results)
    # The machine is shared: a loaded machine slows the unthrottled Chromium that
    # Lighthouse's simulation starts from, so the load travels with the numbers.
    lines = [table(results, runs), "",
             f"测量时：{os.cpu_count()} 核，平均负载（1 / 5 / 15 分钟）开始 {load_text(load[0])}，"
             f"结束 {load_text(load[1])}；Lighthouse 的 benchmarkIndex 中位数 {index:.0f}。"]
    if each:
        # The median hides how far single runs spread. Lighthouse simulates slow 4G
        # from what the real (unthrottled) Chromium did before its first frame, and
        # that frame sometimes comes about a second late: then every request and
        # script of the page load counts towards the simulated LCP.
        lines.append("每次运行的 LCP，括号里是不限速的 Chromium 实际画出第一帧的时间（按运行顺序）：" + "；".join(
            f"{label} " + " / ".join(f"{r.lcp_s:.2f}（{r.observed_fcp_s:.2f}）" for r in runs_) + " s"
            for label, runs_ in each.items()) + "。")
    lines += ["", "| 目标 | 测得 | 是否达到 |", "| --- | --- | --- |"]
    lines += [f"| {what} | {value} | {'达到' if met else '**未达到**'} |" for what, value, met in verdicts(results)]
    failed = [(label, r.failed_audits) for label, r in results if r.failed_audits]
    if failed:
        lines += ["", "未通过的无障碍 / 最佳做法 / SEO 检查项（Lighthouse 的 audit id）："]
        lines += [f"- {label}：{'、'.join(f'`{a}`' for a in audits)}" for label, audits in failed]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    docs = DOCS.read_text("utf-8")
    if MARK_START not in docs or MARK_END not in docs:
        sys.exit(f"{DOCS} lacks the {MARK_START} … {MARK_END} markers; the table is printed above")
    head, rest = docs.split(MARK_START, 1)
    _, tail = rest.split(MARK_END, 1)
    DOCS.write_text(f"{head}{MARK_START}\n{text}\n{MARK_END}{tail}", "utf-8")
    print(f"wrote the table into {DOCS.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--no-docs", action="store_true", help="print only; leave docs/performance.md alone")
    parser.add_argument("--only", metavar="TEXT", help="measure only the pages whose label contains TEXT")
    parser.add_argument("--artifacts", action="store_true",
                        help=f"keep each run's trace and network log in {ARTIFACTS.relative_to(ROOT)}/ "
                             "(about 6 MB a run) for benchmarks/lighthouse/lcp-graph.mjs")
    args = parser.parse_args()

    if not Path(CHROME).is_file():
        sys.exit(f"{CHROME} is missing: apt-get install chromium")
    ensure_lighthouse()
    real, drawn = make_real_corpus(), make_drawn_corpus()
    (BENCH / "reports").mkdir(parents=True, exist_ok=True)
    ours, plain = make_our_project(real, drawn), make_plain_project(real)
    build(ours, BENCH / "site-ours")
    build(plain, BENCH / "site-plain")

    results: list[tuple[str, Run]] = []
    each: dict[str, list[Run]] = {}
    load_before = os.getloadavg()
    with serve({"ours": BENCH / "site-ours", "plain": BENCH / "site-plain"}) as urls:
        for label, site, path in PAGES:
            if args.only and args.only not in label:
                continue
            runs = []
            for n in range(args.runs):
                name = f"{site}-{path.strip('/').replace('/', '-') or 'home'}-{n}"
                run = lighthouse(urls[site] + path, BENCH / "reports" / f"{name}.json",
                                 ARTIFACTS / name if args.artifacts else None)
                runs.append(run)
                print(f"  {label} #{n + 1}: performance {run.performance}, LCP {run.lcp_s:.2f} s, "
                      f"TBT {run.tbt_ms:.0f} ms, CLS {run.cls:.3f}, {run.kb:.0f} KB, "
                      f"load {load_text(os.getloadavg())}", flush=True)
            results.append((label, median_run(runs)))
            each[label] = runs

    text = report(results, args.runs, (load_before, os.getloadavg()), each)
    print()
    print(text)
    if not args.no_docs and not args.only:
        write_docs(text)


if __name__ == "__main__":
    main()
