from __future__ import annotations

from pathlib import Path

import pytest

from xingguang.photos import PhotoOptions, PhotoPipeline

# Small widths keep the pixel tests fast; the chain (smaller from larger) is the same.
SMALL = PhotoOptions(widths=(40, 80, 160), concurrency=1)


@pytest.fixture
def pipeline(tmp_path: Path) -> PhotoPipeline:
    return PhotoPipeline(tmp_path / "cache", SMALL, url_prefix="assets/photos")


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    folder.mkdir()
    return folder
