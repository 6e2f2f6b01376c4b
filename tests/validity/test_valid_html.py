"""Every page the build writes passes the Nu HTML checker (vnu) without a single error.

The checker is vnu-jar from npm (tests/validity/package.json and its lock, which holds
no download address), installed with `npm ci --ignore-scripts` into .cache/vnu/ on first
use: its install script would download a Java of its own, and Debian's
default-jre-headless (scripts/system-packages.sh) is used instead. One JVM checks the
whole built site at once, because the checker takes seconds to start. The pages are
whatever the build makes (new page kinds are checked without a list to update).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REPO, BuildResult

pytestmark = pytest.mark.slow

PACKAGE = Path(__file__).resolve().parent
INSTALL = REPO / ".cache" / "vnu"
JAR = INSTALL / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    """The command that runs the checker, installed from the lock on first use."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run scripts/test.sh, which installs Debian's default-jre-headless")
    lock = (PACKAGE / "package-lock.json").read_text("utf-8")
    assert "http://" not in lock and "https://" not in lock, "the npm lock must hold no download address"
    installed_lock = INSTALL / "package-lock.json"
    if not JAR.is_file() or not installed_lock.is_file() or installed_lock.read_text("utf-8") != lock:
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("npm is missing: it installs the Nu HTML checker (vnu-jar) from tests/validity/package-lock.json")
        INSTALL.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(PACKAGE / name, INSTALL / name)
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=INSTALL, check=True,
                       capture_output=True, timeout=600)
    return [java, "-Xss8m", "-jar", str(JAR)]


def check_html(vnu: list[str], *folders: Path) -> list[dict[str, object]]:
    """The checker's errors (warnings left out) for every .html file under the folders."""
    completed = subprocess.run([*vnu, "--errors-only", "--format", "json", "--skip-non-html", *map(str, folders)],
                               capture_output=True, text=True, timeout=900)
    # vnu writes its report to stderr and exits 1 when it found errors.
    report = json.loads(completed.stderr)
    return [message for message in report["messages"] if message.get("type") != "info"]


def describe(messages: list[dict[str, object]], root: Path) -> str:
    """The errors per page, the way an engineer reads them: page, line, message, the markup."""
    by_page: dict[str, list[str]] = defaultdict(list)
    for message in messages:
        page = str(message.get("url", "")).removeprefix("file:").removeprefix(str(root) + "/")
        extract = str(message.get("extract", "")).strip().replace("\n", " ")[:160]
        by_page[page].append(f"  line {message.get('lastLine')}: {message['message']}\n      {extract}")
    return "\n".join(f"{page} ({len(lines)}):\n" + "\n".join(lines[:6]) for page, lines in sorted(by_page.items()))


def test_every_built_page_passes_the_nu_html_checker(demo_build: BuildResult, vnu: list[str]) -> None:
    assert demo_build.returncode == 0, demo_build.log
    pages = sorted(demo_build.site_dir.rglob("*.html"))
    # The demo's activities have galleries longer than one screen (photos that wait to load).
    assert len(pages) > 20 and any("data-xg-defer" in page.read_text("utf-8") for page in pages)
    errors = check_html(vnu, demo_build.site_dir)
    assert errors == [], f"{len(errors)} errors from the Nu HTML checker:\n" + describe(errors, demo_build.site_dir)


ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "list")
"""Attributes whose value names ids on the same page (space-separated for the aria- ones)."""


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
"""Elements without an end tag (and without text)."""


class _IdReferences(HTMLParser):
    """The page's ids with the text inside each, every (tag, attribute, id) an attribute refers
    to, and each <nav> landmark's aria-label or aria-labelledby."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}
        self.references: list[tuple[str, str, str]] = []
        self.navs: list[tuple[str, str]] = []  # ("label" | "labelledby", value)
        self._open: list[list[str | int]] = []  # [id, tag, depth] of elements whose text is being read
        self._toc_lists = 0  # depth inside a table of contents' list

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for entry in self._open:
            entry[2] = int(entry[2]) + (entry[1] == tag)
        if found.get("id"):
            self.texts.setdefault(str(found["id"]), "")
            if tag not in VOID_ELEMENTS:
                self._open.append([str(found["id"]), tag, 1])
        for name in ID_REFERENCES:
            self.references.extend((tag, name, ref) for ref in (found.get(name) or "").split())
        if tag == "ul" and (self._toc_lists or found.get("data-md-component") == "toc"):
            self._toc_lists += 1
        # Material writes the table of contents twice, for the phone's drawer and the wide
        # screen's sidebar; one of them is always display:none, so they are never both landmarks.
        in_toc = self._toc_lists > 0 or "md-nav--secondary" in (found.get("class") or "")
        if tag == "nav" and not in_toc:
            self.navs.append(("label", found["aria-label"] or "") if "aria-label" in found
                             else ("labelledby", found.get("aria-labelledby") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self._toc_lists:
            self._toc_lists -= 1
        for entry in self._open:
            entry[2] = int(entry[2]) - (entry[1] == tag)
        self._open = [entry for entry in self._open if int(entry[2]) > 0]

    def handle_data(self, data: str) -> None:
        for entry in self._open:
            self.texts[str(entry[0])] += data

    def nav_names(self) -> list[str]:
        return [value if how == "label" else " ".join(" ".join(self.texts.get(ref, "").split()) for ref in value.split())
                for how, value in self.navs]


@pytest.mark.parametrize("build", ["demo_build", "editors_build"])
def test_every_id_reference_names_an_id_on_the_page(build: str, request: pytest.FixtureRequest) -> None:
    """A label, a landmark's name, a control's target: a reference to nothing, or to an element with
    no text, is read out as nothing (axe: aria-valid-attr-value, landmark-unique). Material's nav
    sections with an index page did this, so every navigation landmark also has a name of its own."""
    result: BuildResult = request.getfixturevalue(build)
    assert result.returncode == 0, result.log
    problems: dict[str, list[str]] = {}
    checked = 0
    for page in sorted(result.site_dir.rglob("*.html")):
        parser = _IdReferences()
        parser.feed(page.read_text("utf-8"))
        checked += len(parser.references)
        found = [f"{tag} {name}={ref!r} names no id" for tag, name, ref in parser.references if ref not in parser.texts]
        found += [f"nav aria-labelledby={ref!r} names an element with no text" for how, refs in parser.navs
                  if how == "labelledby" for ref in refs.split() if ref in parser.texts and not parser.texts[ref].strip()]
        names = parser.nav_names()
        found += [f"{names.count(name)} navigation landmarks are named {name!r}" for name in sorted(set(names))
                  if names.count(name) > 1 or not name]
        if found:
            problems[str(page.relative_to(result.site_dir))] = found
    assert checked > 100, "no references found: the parser is looking at the wrong thing"
    assert problems == {}
