"""Our stylesheet and scripts are published minified; the sources keep their comments."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, BuildResult
from xingguang.theme_assets import minify_theme_assets

OURS = ["assets/stylesheets/xingguang.css", "assets/javascripts/xg-bootstrap.js", "assets/javascripts/gallery.js"]


def test_only_our_own_top_level_assets_are_minified(tmp_path: Path) -> None:
    theme, site = tmp_path / "overrides", tmp_path / "site"
    css = "/* why the gold */\n.a {\n  color: gold;\n}\n"
    js = "/* why */\n(function () {\n  var answer = 42; // the answer\n  window.answer = answer;\n})();\n"
    vendored = "/* licence */ var kept = 1;\n"
    for root in (theme, site):
        (root / "assets/stylesheets").mkdir(parents=True)
        (root / "assets/javascripts").mkdir(parents=True)
        (root / "assets/vendor").mkdir(parents=True)
        (root / "assets/stylesheets/ours.css").write_text(css, "utf-8")
        (root / "assets/javascripts/ours.js").write_text(js, "utf-8")
        (root / "assets/javascripts/lib.min.js").write_text(vendored, "utf-8")
        (root / "assets/vendor/lib.js").write_text(vendored, "utf-8")
    # Material's own bundle sits in the site only: not ours, not touched.
    (site / "assets/javascripts/bundle.js").write_text(vendored, "utf-8")

    done = minify_theme_assets(theme, site)

    assert done == ["assets/stylesheets/ours.css", "assets/javascripts/ours.js"]
    assert (site / "assets/stylesheets/ours.css").read_text("utf-8") == ".a{color:gold}"
    assert (site / "assets/javascripts/ours.js").read_text("utf-8") == "(function(){var answer=42;window.answer=answer;})();"
    for untouched in ("assets/javascripts/lib.min.js", "assets/vendor/lib.js", "assets/javascripts/bundle.js"):
        assert (site / untouched).read_text("utf-8") == vendored
    assert (theme / "assets/stylesheets/ours.css").read_text("utf-8") == css  # the source stays readable


@pytest.mark.slow
def test_the_built_site_ships_our_assets_minified_and_still_valid(demo_build: BuildResult) -> None:
    assert demo_build.returncode == 0, demo_build.log
    for path in OURS:
        source = (REPO / "overrides" / path).read_text("utf-8")
        published = (demo_build.site_dir / path).read_text("utf-8")
        assert "/*" in source and "/*" not in published, path
        assert len(published) < 0.75 * len(source), path
    node = shutil.which("node")
    if node is not None:  # the scripts still parse (the browser tests run them)
        subprocess.run([node, "--check", str(demo_build.site_dir / OURS[1])], check=True)
        module = (demo_build.site_dir / OURS[2]).read_text("utf-8")
        subprocess.run([node, "--input-type=module", "--check"], input=module, text=True, check=True)
