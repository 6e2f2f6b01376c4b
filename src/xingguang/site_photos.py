"""The catalog's photos through the photo pipeline: plan, show, publish.

Planning happens while the data is checked (before MkDocs touches ``site/``),
so a broken photo stops the build with the editor's message and nothing
written. Encoding runs after the pages are rendered, into the cache; then the
outputs are copied into the site. Originals are never copied.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Sequence

from xingguang import messages
from xingguang.catalog import Catalog, PhotoSource, PhotoUse, display
from xingguang.photos import PhotoError, PhotoOptions, PhotoPipeline, PhotoPlan, ProgressLog
from xingguang.photos.errors import PhotoWorkerDied
from xingguang.photos.preview import Preview, previews_for, prune_previews
from xingguang.problems import DataProblems, Problem, ProblemList
from xingguang.records import Photo

CACHE_SUBDIR = Path(".cache") / "xingguang" / "photos"
URL_PREFIX = "assets/photos"
KIND_LABELS = {"site": "站点信息", "teacher": "教师", "corridor": "长廊", "activity": "活动", "honour": "荣誉"}


def photo_options(catalog: Catalog) -> PhotoOptions:
    settings = catalog.site.photo_settings
    return PhotoOptions(
        widths=tuple(settings.widths),
        quality={"avif": settings.quality.avif, "webp": settings.quality.webp, "jpeg": settings.quality.jpeg},
        concurrency=settings.concurrency,
    )


class SitePhotos:
    def __init__(self, catalog: Catalog, project_root: Path) -> None:
        self.catalog = catalog
        self.project_root = project_root
        self.pipeline = PhotoPipeline(project_root / CACHE_SUBDIR, photo_options(catalog), url_prefix=URL_PREFIX)
        self.plans: dict[Path, PhotoPlan] = {}
        self.previews: dict[str, Preview] = {}

    def plan(self) -> None:
        """Plan every published photo from its headers; raise DataProblems listing every bad one."""
        sources = sorted({use.source for use in self.catalog.photo_uses})
        masks = {source: tuple(mask.box for mask in self.catalog.masks_of(source)) for source in sources}
        self.plans, errors = self.pipeline.plan_all(sources, masks)
        if errors:
            raise DataProblems(self._problems(errors))
        self.previews = previews_for(list(self.plans.values()), self.pipeline.cache_dir, self.pipeline.options.max_pixels)

    def _problems(self, errors: list[PhotoError]) -> ProblemList:
        return photo_problems(errors, self.catalog.photo_uses, self.project_root)

    def view(self, photo: Photo) -> dict[str, Any] | None:
        """What a template needs to show a photo; urls are relative to the site root."""
        plan = self.plans.get(self.catalog.photo_source(photo))
        if plan is None:
            return None
        return {
            "width": plan.width,
            "height": plan.height,
            "src": plan.output_for("jpeg", 960).url if "jpeg" in plan.formats else plan.fallback.url,
            "full": plan.fallback.url,
            # The lightbox needs the size of what it shows (the largest output), not of the original.
            "full_width": plan.fallback.width,
            "full_height": plan.fallback.height,
            # For og:image: WeChat's link preview wants a JPEG of moderate size.
            "share": plan.output_for("jpeg", 960).url if "jpeg" in plan.formats else plan.fallback.url,
            "srcsets": {fmt: [(o.url, o.width) for o in plan.outputs_in(fmt)] for fmt in plan.formats},
            # Shown until the photo arrives: a blurred 16-pixel preview over its average colour.
            "placeholder": self.previews[plan.pixel_key].data_uri,
            "colour": self.previews[plan.pixel_key].colour,
        }

    def publish(self, site_dir: Path, log: Callable[[str], object]) -> None:
        """Encode what the cache lacks, copy outputs into the site, prune unused cache entries."""
        plans = list(self.plans.values())
        try:
            errors = self.pipeline.encode(plans, progress=ProgressLog(log))
        except PhotoWorkerDied as died:
            raise DataProblems(worker_died_problems(died, self.catalog.photo_uses, self.project_root)) from None
        if errors:
            raise DataProblems(self._problems(errors))
        self.pipeline.write_site(plans, site_dir)
        self.pipeline.prune(keep=plans)
        prune_previews(self.pipeline.cache_dir, {plan.pixel_key for plan in plans})


def photo_problems(errors: list[PhotoError], uses: Sequence[PhotoUse | PhotoSource], project_root: Path) -> ProblemList:
    """Bad photos as editors' problems, each saying which records use the photo."""
    users = used_by_labels(uses)
    problems = ProblemList()
    for error in errors:
        kind = {"format": messages.PHOTO_FORMAT, "too_large": messages.PHOTO_TOO_LARGE}.get(
            error.kind, messages.PHOTO_BROKEN)
        used_by = "、".join(users.get(error.source.resolve(), [])) or "（未知）"
        problems.add(Problem(
            kind, display(error.source, project_root), f"{error.detail}（用在：{used_by}）",
            kind.fix if kind is messages.PHOTO_TOO_LARGE
            else "重新从手机或相机导出这张照片，另存为 JPEG 后替换；或从记录里删去它。",
        ))
    return problems


def worker_died_problems(died: PhotoWorkerDied, uses: Sequence[PhotoUse | PhotoSource],
                         project_root: Path) -> ProblemList:
    """A killed photo worker as an editor's problem: the photo it had in hand, if known."""
    kind = messages.PHOTO_WORKER_KILLED
    problems = ProblemList()
    if not died.sources:  # killed between two photos
        problems.add(Problem(kind, "site_data/", kind.when, kind.fix))
    users = used_by_labels(uses)
    for source in died.sources:
        used_by = "、".join(users.get(source.resolve(), [])) or "（未知）"
        problems.add(Problem(kind, display(source, project_root), kind.say(used_by=used_by), kind.fix))
    return problems


def used_by_labels(uses: Sequence[PhotoUse | PhotoSource]) -> dict[Path, list[str]]:
    """Which records use each photo, as "活动 2022-04-qingming" labels."""
    users: dict[Path, list[str]] = defaultdict(list)
    for use in uses:
        label = f"{KIND_LABELS.get(use.owner_kind, use.owner_kind)} {use.owner_id}"
        if label not in users[use.source]:
            users[use.source].append(label)
    return users


def check_photo_files(uses: Sequence[PhotoUse | PhotoSource], project_root: Path) -> ProblemList:
    """Read the headers of photos whose records have errors elsewhere, so that a broken
    photo is reported in the same run as the record's other mistakes."""
    pipeline = PhotoPipeline(project_root / CACHE_SUBDIR, PhotoOptions(), url_prefix=URL_PREFIX)
    _plans, errors = pipeline.plan_all(sorted({use.source for use in uses}))
    return photo_problems(errors, uses, project_root)
