"""Everything an editor can get wrong, checked once, the same way for
``xingguang check`` and for ``mkdocs build``/``serve``: the data, the photos'
files and headers, and the settings that only matter later (the display's
playlists). Whatever one of them reports, the other reports too, with the
same exit code under ``--strict``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from xingguang import messages
from xingguang.catalog import Catalog, check_catalog
from xingguang.display.slides import playlist_warnings
from xingguang.problems import DataProblems, Problem, Severity
from xingguang.site_photos import SitePhotos, check_photo_files

DATA_DIR_NAME = "site_data"


@dataclass
class CheckedSite:
    """A site whose data passed every check: ready to render."""

    catalog: Catalog
    photos: SitePhotos
    warnings: list[Problem]


PARSE_CACHE = Path(".cache") / "xingguang" / "parsed-data.pickle"
"""Under the project: the data files as parsed by the last build (see catalog.check_catalog)."""


def check_site(project_root: Path, today: datetime.date | None = None, *, keep_parsed: bool = False) -> CheckedSite:
    """Check ``project_root/site_data``; raise :class:`DataProblems` listing every error.

    ``keep_parsed``: read and write the parsed data files under ``.cache/`` (a build; the
    preview keeps them in memory, and a check from the command line stays read-only)."""
    checked = check_catalog(project_root / DATA_DIR_NAME, today=today,
                            parse_cache=project_root / PARSE_CACHE if keep_parsed else None)
    problems = checked.problems
    catalog = checked.catalog
    if catalog is None:
        # The photos' headers are read even so: a cut-off photo belongs in this list,
        # not in the next run's.
        problems.extend(check_photo_files(checked.photo_sources, project_root).items)
        raise DataProblems(problems)
    photos = SitePhotos(catalog, project_root)
    photos.plan()
    warnings = catalog.warnings + display_warnings(catalog)
    return CheckedSite(catalog, photos, warnings)


def display_warnings(catalog: Catalog) -> list[Problem]:
    """The corridor display's playlist warnings, known before anything is rendered."""
    if not catalog.site.display.enabled:
        return []
    return [Problem(messages.DISPLAY_PLAYLIST, "site_data/site.yml", text.removeprefix("site_data/site.yml ").strip(),
                    severity=Severity.WARNING)
            for text in playlist_warnings(catalog)]
