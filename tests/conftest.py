"""Shared fixtures: real projects in temporary folders, built by real MkDocs."""

from __future__ import annotations

import datetime
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw

from xingguang.photos.cache import read_index, write_index
from xingguang.site_photos import CACHE_SUBDIR

if TYPE_CHECKING:
    # Playwright is imported by the browser fixtures when a browser test asks for them,
    # so the fast tier (-m "not slow") never pays for it.
    from playwright.sync_api import Browser, Playwright

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
BASE_DATA = CASES / "base" / "site_data"
BASE_PHOTOS = {"photos/zhang-san.jpg": (48, 64), "photos/qingming-1.jpg": (64, 48), "photos/qingming-2.jpg": (64, 40)}
CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (installed by scripts/test.sh); never `playwright install`."""
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    # As root, Chromium's own background traffic ends in refused connections
    # that show up as failed requests: switch it all off.
    "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
]
FIXED_TODAY = datetime.date(2026, 1, 1)
"""Consent expiry is checked against this day in tests, so results never depend on the calendar."""


def draw_photo(path: Path, size: tuple[int, int], seed: int = 0) -> None:
    """A small JPEG with coloured quadrants (orientation mistakes show up as swapped colours)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, (200, 30 + seed % 200, 40))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w // 2, 0, w, h // 2), fill=(30, 160, 60))
    draw.rectangle((0, h // 2, w // 2, h), fill=(40, 60, 200))
    image.save(path, "JPEG", quality=90)


def make_data_dir(target: Path, overlay: Path | None = None) -> Path:
    """site_data = the small base set, its photos drawn in code, then a case's overlay."""
    data_dir = target / "site_data"
    shutil.copytree(BASE_DATA, data_dir)
    for index, (name, size) in enumerate(sorted(BASE_PHOTOS.items())):
        draw_photo(data_dir / name, size, seed=index * 40)
    if overlay is not None and overlay.is_dir():
        shutil.copytree(overlay, data_dir, dirs_exist_ok=True)
    return data_dir


@dataclass
class BuildResult:
    returncode: int
    log: str
    site_dir: Path

    @property
    def log_lines(self) -> list[str]:
        return [line for line in self.log.splitlines() if line.strip()]


def make_project(target: Path, data_dir: Path | None = None) -> Path:
    """A buildable project: the repo's config, hooks, docs and theme, plus a site_data."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy2(REPO / name, target / name)
    for name in ("hooks", "docs", "overrides"):
        shutil.copytree(REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    if data_dir is None:
        shutil.copytree(REPO / "site_data", target / "site_data")
    elif data_dir != target / "site_data":
        shutil.copytree(data_dir, target / "site_data")
    return target


class SharedPhotoCache:
    """One photo cache for the whole session's builds, so a photo is encoded once, not once per build.

    Before a build the project's cache gets hard links to every output the session has encoded
    (outputs are named by a hash of the source bytes and the options that change them, so a
    link can only ever be the right output); after a successful build its new outputs are
    linked back. The cache writes by rename and prunes by unlink, so a project never changes
    a shared file in place. Builds that must encode (their log counts photos, or they are
    interrupted during photo work) pass ``fresh_photo_cache=True``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def lend_to(self, project: Path) -> None:
        self._link_outputs(self.folder, project / CACHE_SUBDIR)

    def take_from(self, project: Path) -> None:
        self._link_outputs(project / CACHE_SUBDIR, self.folder)

    @staticmethod
    def _link_outputs(source: Path, target: Path) -> None:
        _, outputs = read_index(source)
        if not outputs:
            return
        target_sources, target_outputs = read_index(target)
        linked = {}
        for name, entry in outputs.items():
            if name in target_outputs:
                continue
            file, copy = source / name[:2] / name, target / name[:2] / name
            if not file.is_file():
                continue
            copy.parent.mkdir(parents=True, exist_ok=True)
            if not copy.exists():
                os.link(file, copy)
            linked[name] = entry
        if linked:
            write_index(target, target_sources, {**target_outputs, **linked})


_shared_photo_cache: SharedPhotoCache | None = None


@pytest.fixture(scope="session", autouse=True)
def shared_photo_cache(tmp_path_factory: pytest.TempPathFactory) -> SharedPhotoCache:
    global _shared_photo_cache
    _shared_photo_cache = SharedPhotoCache(tmp_path_factory.mktemp("shared-photo-cache"))
    return _shared_photo_cache


_running_test: pytest.Item | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture, session ones included: a session fixture that builds is
    # charged to the first test that asks for it.
    global _running_test
    _running_test = item


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Chromium tests are never part of the fast tier.
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


def run_mkdocs_build(project: Path, *args: str, site_dir: Path | None = None,
                     fresh_photo_cache: bool = False, engine: str = "mkdocs",
                     env: dict[str, str] | None = None) -> BuildResult:
    """`mkdocs build` in a subprocess, exactly as an editor runs it; returns its log.

    The photo cache is shared with the session's other builds unless ``fresh_photo_cache``.
    ``engine="properdocs"`` builds with ProperDocs, MkDocs 1.x's continuation, instead.
    """
    if _running_test is not None and not _running_test.get_closest_marker("slow"):
        pytest.fail(f"{_running_test.nodeid} builds a whole site: mark it @pytest.mark.slow "
                    "(the fast tier, -m 'not slow', runs no builds)", pytrace=False)
    site_dir = site_dir or project / "site"
    shared = None if fresh_photo_cache else _shared_photo_cache
    if shared is not None:
        shared.lend_to(project)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat(),
           **(env or {})}
    completed = subprocess.run(
        [sys.executable, "-m", engine, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    if shared is not None and completed.returncode == 0:
        shared.take_from(project)
    return BuildResult(completed.returncode, completed.stderr + completed.stdout, site_dir)


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    make_data_dir(project)
    return make_project(project, project / "site_data")


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo site, built once per test session."""
    project = make_project(tmp_path_factory.mktemp("demo") / "project")
    return run_mkdocs_build(project)


@pytest.fixture(scope="session")
def editors_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The demo site with the editors' and operators' pages (mkdocs.yml's draft_docs), built once."""
    project = make_project(tmp_path_factory.mktemp("editors") / "project")
    return run_mkdocs_build(project, env={"XINGGUANG_EDITOR_PAGES": "1"})


def _load_grow_data():  # type: ignore[no-untyped-def]
    """benchmarks/grow_data.py is a script, not part of the package: load it by path."""
    spec = importlib.util.spec_from_file_location("grow_data", REPO / "benchmarks" / "grow_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["grow_data"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


grow_data = _load_grow_data()
"""The ten-year data generator: ``grow_data.grow_project(dest, years=10, ...)``."""


@pytest.fixture(scope="session")
def ten_year_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo grown into ten years (510 activities, 105 honours, 28 teachers), not built.
    Shared by the whole session: copy it before changing anything in it."""
    return grow_data.grow_project(tmp_path_factory.mktemp("ten-years") / "project")


@pytest.fixture(scope="session")
def ten_year_build(ten_year_project: Path) -> BuildResult:
    """The ten-year project built once per test session (about a minute on 2 cores)."""
    return run_mkdocs_build(ten_year_project)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The one Playwright driver of the session: a second sync driver cannot start while one runs,
    so every browser test folder takes its browser from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium on the session's one Playwright driver, shared by every browser test folder."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs Debian's chromium")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
