"""Publishing is one atomic step: a build killed at any step of it, or refused by --strict,
leaves the old site or the new one, whole; a server serving site/ keeps answering throughout."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXED_TODAY, run_mkdocs_build
from test_interrupted_builds import tree_digest
from test_served_site import free_port, nginx_binary, render_config, wait_for_port
from xingguang.staging import PUBLISH_STEPS

pytestmark = pytest.mark.slow  # whole-site builds

# `mkdocs build` with xingguang.staging.step_reached replaced by a kill at one named step.
KILLED_AT_STEP = """
import os, signal, sys
import xingguang.staging
from mkdocs.__main__ import cli

def stop_at(step):
    if step == sys.argv[1]:
        os.kill(os.getpid(), signal.SIGKILL)

xingguang.staging.step_reached = stop_at
cli(sys.argv[2:], prog_name="mkdocs")
"""
OLD_TITLE, NEW_TITLE = "清明祭扫", "清明节祭扫烈士墓"


def retitle(project: Path) -> None:
    activity = project / "site_data" / "activities" / "2022-04-qingming.yml"
    text = activity.read_text("utf-8")
    assert OLD_TITLE in text
    activity.write_text(text.replace(OLD_TITLE, NEW_TITLE), "utf-8")


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.xingguang-*"))


def test_a_kill_at_every_step_of_publishing_leaves_the_old_site_or_the_new_one(base_project: Path,
                                                                              tmp_path: Path) -> None:
    old = run_mkdocs_build(base_project)
    assert old.returncode == 0, old.log
    old_digest = tree_digest(old.site_dir)
    kept = tmp_path / "old-site"
    shutil.copytree(old.site_dir, kept)
    retitle(base_project)
    new = run_mkdocs_build(base_project, site_dir=tmp_path / "new-site")
    assert new.returncode == 0, new.log
    new_digest = tree_digest(new.site_dir)
    assert new_digest != old_digest

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": FIXED_TODAY.isoformat()}
    site = old.site_dir
    for number, step in enumerate(PUBLISH_STEPS):
        shutil.rmtree(site)
        shutil.copytree(kept, site)  # the old site is live, as a web server would serve it
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_AT_STEP, step, "build", "-f", str(base_project / "mkdocs.yml"),
             "-d", str(site)], cwd=base_project, env=env, capture_output=True, text=True, timeout=600)
        assert killed.returncode == -signal.SIGKILL, f"the build never reached step {step!r}:\n{killed.stderr}"
        switched = number >= PUBLISH_STEPS.index("switched")
        assert tree_digest(site) == (new_digest if switched else old_digest), step
        # Before the switch the new site waits beside the old one; after it, the old one
        # waits to be removed (until the last step).
        assert bool(leftovers(base_project)) == (step != "cleaned"), (step, leftovers(base_project))

    # The next build clears what the killed ones left and publishes.
    again = run_mkdocs_build(base_project)
    assert again.returncode == 0, again.log
    assert tree_digest(site) == new_digest
    assert leftovers(base_project) == []


def test_strict_build_with_a_warning_publishes_nothing(base_project: Path) -> None:
    good = run_mkdocs_build(base_project)
    assert good.returncode == 0, good.log
    before = tree_digest(good.site_dir)
    retitle(base_project)
    # A stray file among the records is only a warning, found while the data is read.
    (base_project / "site_data" / "activities" / "会议记录.docx").write_bytes(b"PK\x03\x04")

    strict = run_mkdocs_build(base_project, "--strict")
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in strict.log
    assert "网站已更新" not in strict.log
    assert tree_digest(good.site_dir) == before
    assert leftovers(base_project) == []

    # Without --strict the same warning is printed and the site is published.
    relaxed = run_mkdocs_build(base_project)
    assert relaxed.returncode == 0, relaxed.log
    assert any("会议记录.docx" in line for line in relaxed.log_lines if line.startswith("WARNING"))
    assert NEW_TITLE in (good.site_dir / "activities" / "2022-04-qingming" / "index.html").read_text("utf-8")


def test_nginx_answers_every_request_while_a_rebuild_is_published(base_project: Path, tmp_path: Path) -> None:
    first = run_mkdocs_build(base_project)
    assert first.returncode == 0, first.log
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    port = free_port()
    conf = render_config(first.site_dir, port, prefix)
    server = subprocess.Popen([nginx_binary(), "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    statuses: list[int] = []
    titles: list[bool] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/activities/2022-04-qingming/", timeout=10) as page:
                    statuses.append(page.status)
                    titles.append(NEW_TITLE in page.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                statuses.append(error.code)

    try:
        wait_for_port(port, server, prefix / "error.log")
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        retitle(base_project)
        rebuilt = run_mkdocs_build(base_project)
        assert rebuilt.returncode == 0, rebuilt.log
        while not any(titles):  # the first answers from the new site
            assert poller.is_alive()
            time.sleep(0.05)
        stop.set()
        poller.join(timeout=30)
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=15)
    assert len(statuses) > 10 and set(statuses) == {200}, sorted(set(statuses))
    assert not titles[0] and titles[-1]
