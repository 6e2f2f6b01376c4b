"""Upgrade guards: what we copy from or patch in mkdocs-material, checked against the installed original.

Our theme leans on Material in four ways, each of which an upgrade could break without
any error: whole copies of two partials (our changes inside), Material's inline scripts
moved into xg-bootstrap.js, blocks of base.html that overrides/main.html edits by text
(``super() | replace(...)``, lines filtered out) or copies, and Material's bundle and search
worker, whose requests xg-bootstrap.js holds back and whose segmenter search.py replaces.
Each original is recorded here by its SHA-256 as it was when our copy or patch was last
compared with it. When Material changes one, the test names it and says what to look at;
after porting the change, record the new value (``python tests/test_material_upstream.py``
prints them all).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

import material

MATERIAL = Path(material.__file__).parent / "templates"
REVIEWED_VERSION = "9.8.2"

COPIED_FILES = {
    "partials/header.html": (
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "overrides/partials/header.html is a whole copy of it (the school's name, the 字号 switch)"),
    "partials/search.html": (
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "overrides/partials/search.html is a whole copy of it (the dialog's name, the 没有找到 hint)"),
    "partials/javascripts/base.html": (
        "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
        "its inline script is part 1 'base' of overrides/assets/javascripts/xg-bootstrap.js"),
    "partials/javascripts/content.html": (
        "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
        "its inline script is part 1 'content' of overrides/assets/javascripts/xg-bootstrap.js"),
    "partials/javascripts/palette.html": (
        "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
        "its inline script is part 1 'palette' of overrides/assets/javascripts/xg-bootstrap.js"),
}
EDITED_BLOCKS = {
    "site_meta": ("26f3fa30991041e52860342b32b079b4c576cb769766e265537384d7a5d4643b",
                  "overrides/main.html drops its <link rel=\"icon\"> line and writes the favicon inline"),
    "styles": ("3e2f8b00a4426913f9c3c0e0b122f5d6222eecbdcdd8afb2c0d6ec2413a85dcb",
               "overrides/main.html drops the palette stylesheet line"),
    "site_nav": ("08b0b8418133d46ea078a7737f096bed62048ed4be5f9c1ba790b3cd3f498cbc",
                 "overrides/main.html copies it whole (hides an empty table of contents)"),
    "config": ("b84001acaa9dc3791d04b24d2533025797fbe59d71702bd25693fe05aac34ddf",
               "overrides/main.html replaces the search worker's address in it"),
    "scripts": ("66cc07f62fe03dd2b41d9d1f94be4f466246e551c41240f6a10f438cc53c3e90",
                "overrides/main.html turns its first <script src= (the bundle) into an inert data block"),
}
BUNDLES = {
    "assets/javascripts/bundle.*.min.js": (
        "bundle.a5f9d56c.min.js",
        "xg-bootstrap.js holds its XMLHttpRequest for search/search_index.json (part 3) and starts it "
        "after the first paint (part 5): run tests/browser/test_search.py and test_material_later.py"),
    "assets/javascripts/workers/search.*.min.js": (
        "search.a7633da7.min.js",
        "src/xingguang/search.py replaces its segment function (MATERIAL_SEGMENT) and "
        "search_assets/builder.js its lunr 2.3.9 Builder.add and createFieldVectors: "
        "run tests/browser/test_search_worker.py"),
}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def block(template: str, name: str) -> str:
    """The text of ``{% block name %}…{% endblock %}``, nested blocks included."""
    start = re.search(r"{%-?\s*block\s+" + re.escape(name) + r"\s*-?%}", template)
    assert start is not None, f"Material's base.html has no block {name!r} any more"
    depth, position = 1, start.end()
    for tag in re.finditer(r"{%-?\s*(block|endblock)\b[^%]*%}", template[position:]):
        depth += 1 if tag.group(1) == "block" else -1
        if depth == 0:
            return template[start.start():position + tag.end()]
    raise AssertionError(f"block {name!r} of Material's base.html never ends")


def upgrade_message(what: str, why: str) -> str:
    installed = importlib.metadata.version("mkdocs-material")
    return (f"Material's {what} changed upstream (mkdocs-material {installed}; last compared with "
            f"{REVIEWED_VERSION}). {why}: compare the two, carry Material's change over, then record the new "
            f"value in tests/test_material_upstream.py.")


def current_values() -> dict[str, str]:
    base = (MATERIAL / "base.html").read_text("utf-8")
    values = {path: sha256((MATERIAL / path).read_text("utf-8")) for path in COPIED_FILES}
    values.update({f"base.html#{name}": sha256(block(base, name)) for name in EDITED_BLOCKS})
    values.update({pattern: " ".join(sorted(p.name for p in MATERIAL.glob(pattern))) for pattern in BUNDLES})
    return values


@pytest.mark.parametrize("path", sorted(COPIED_FILES))
def test_copied_partials_are_unchanged_upstream(path: str) -> None:
    recorded, why = COPIED_FILES[path]
    assert sha256((MATERIAL / path).read_text("utf-8")) == recorded, upgrade_message(path, why)


@pytest.mark.parametrize("name", sorted(EDITED_BLOCKS))
def test_edited_blocks_of_base_html_are_unchanged_upstream(name: str) -> None:
    recorded, why = EDITED_BLOCKS[name]
    text = block((MATERIAL / "base.html").read_text("utf-8"), name)
    assert sha256(text) == recorded, upgrade_message(f"base.html block {name!r}", why)


@pytest.mark.parametrize("pattern", sorted(BUNDLES))
def test_patched_scripts_are_unchanged_upstream(pattern: str) -> None:
    recorded, why = BUNDLES[pattern]
    found = " ".join(sorted(p.name for p in MATERIAL.glob(pattern)))
    assert found == recorded, upgrade_message(f"{pattern} (now {found or 'missing'})", why)


def test_what_the_patches_rely_on_is_still_there() -> None:
    """Beyond the recorded values: the hooks our patches take hold of, by name."""
    bundle = next(MATERIAL.glob("assets/javascripts/bundle.*.min.js")).read_text("utf-8")
    assert "XMLHttpRequest" in bundle and "search_index.json" in bundle
    scripts = block((MATERIAL / "base.html").read_text("utf-8"), "scripts")
    assert scripts.count("<script src=") >= 1 and "bundle" in scripts.split("<script src=", 2)[1].split(">")[0]


if __name__ == "__main__":
    for key, value in current_values().items():
        print(f"{key}: {value}")
    sys.exit(0)
