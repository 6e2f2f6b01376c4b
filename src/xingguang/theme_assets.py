"""Our theme's own stylesheets and scripts, minified in the built site.

overrides/assets/ keeps them readable, with comments that say why; a phone on a slow
connection needs none of that before its first paint (xingguang.css and
xg-bootstrap.js are both render-blocking). After MkDocs has copied the theme's files,
the copies in the site are replaced by minified ones (rcssmin, rjsmin). Vendored
libraries (assets/vendor/) are already minified and left alone. Off switch: set
``extra: {xingguang_minify: false}`` in mkdocs.yml to publish them as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import rcssmin
import rjsmin

MINIFY_SETTING = "xingguang_minify"

_MINIFIERS: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("assets/stylesheets", ".css", rcssmin.cssmin),
    ("assets/javascripts", ".js", rjsmin.jsmin),
)


def minify_theme_assets(custom_dir: Path, site_dir: Path) -> list[str]:
    """Minify, in ``site_dir``, each stylesheet and script that ``custom_dir`` has directly
    under assets/stylesheets/ and assets/javascripts/; returns their site paths."""
    done = []
    for folder, suffix, minify in _MINIFIERS:
        for source in sorted((custom_dir / folder).glob(f"*{suffix}")):
            if source.name.endswith(f".min{suffix}"):
                continue
            published = site_dir / folder / source.name
            if published.is_file():
                published.write_text(minify(published.read_text("utf-8")), "utf-8")
                done.append(f"{folder}/{source.name}")
    return done
