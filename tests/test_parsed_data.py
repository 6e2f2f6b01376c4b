"""The parsed data files kept between runs (catalog.py's parse cache), without a whole-site build."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXED_TODAY, make_data_dir
from xingguang import catalog


def test_the_package_is_hashed_once_per_process(tmp_path: Path) -> None:
    """Reading the kept documents and writing them back both check the package's code version;
    hashing every module of the package is done once, not for each."""
    data_dir = make_data_dir(tmp_path)
    cache = tmp_path / "parsed-data.pickle"
    catalog._code_version.cache_clear()
    assert catalog.check_catalog(data_dir, today=FIXED_TODAY, parse_cache=cache).catalog is not None
    assert cache.is_file()
    # The next run (another process: the cache file is read again) after an edit reads and writes.
    catalog._parsed_read_from = None
    teacher = next((data_dir / "teachers").glob("*.yml"))
    teacher.write_text(teacher.read_text("utf-8") + "\n# 改过\n", "utf-8")
    assert catalog.check_catalog(data_dir, today=FIXED_TODAY, parse_cache=cache).catalog is not None
    assert catalog._code_version.cache_info().misses == 1
