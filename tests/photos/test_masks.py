"""Masks (遮挡): the covered region carries no recoverable detail in any output, and the
masks are part of the output names."""

from __future__ import annotations

import base64
import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter

from xingguang.photos import PhotoOptions, PhotoPipeline
from xingguang.photos.masks import MaskBox, pixel_box
from xingguang.photos.preview import make_preview

from .drawing import save_jpeg, stored

FACE: MaskBox = (0.30, 0.20, 0.62, 0.70)  # {左: 30, 上: 20, 宽: 32, 高: 50}
NEAR_ZERO = 0.2
"""|correlation| of a covered region with the original below this: nothing of it is left."""
SAME = 0.9
"""Correlation of the uncovered rest with the original above this: the comparison is aligned."""


def detailed(width: int, height: int, seed: int = 7) -> Image.Image:
    """A picture with detail at every scale: blobs, strokes and texture, like a face in a crowd."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), (120, 110, 100))
    draw = ImageDraw.Draw(image)
    for _ in range(220):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(max(2, width // 40), max(3, width // 8))
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        else:
            draw.line((x, y, x + rng.randrange(-2 * r, 2 * r), y + rng.randrange(-2 * r, 2 * r)), fill=colour,
                      width=max(1, r // 3))
    return image.filter(ImageFilter.GaussianBlur(width / 400))


def grey_values(image: Image.Image, box: tuple[int, int, int, int]) -> list[float]:
    return [float(v) for v in image.convert("RGB").convert("L").crop(box).get_flattened_data()]


def correlation(a: list[float], b: list[float]) -> float:
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    da, db = [x - mean_a for x in a], [y - mean_b for y in b]
    norm = (sum(x * x for x in da) * sum(y * y for y in db)) ** 0.5
    return sum(x * y for x, y in zip(da, db)) / norm if norm else 0.0


def inside(box: MaskBox, size: tuple[int, int], inset: int) -> tuple[int, int, int, int]:
    """The covered pixels at ``size``, less ``inset`` pixels at each edge (resampling blends the rim)."""
    left, top, right, bottom = pixel_box(box, size)
    return left + inset, top + inset, right - inset, bottom - inset


def outside_rows(box: MaskBox, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """A strip of the picture well below the mask, for the aligned comparison."""
    _, _, _, bottom = pixel_box(box, size)
    return 0, min(size[1] - 2, bottom + 3), size[0], size[1]


def region_correlations(original: Image.Image, output: Image.Image, box: MaskBox) -> tuple[float, float]:
    """(inside the mask, outside it): the output against the original resized to the output's size."""
    reference = original.resize(output.size, Image.Resampling.LANCZOS)
    inset = max(1, output.width // 60)
    covered = inside(box, output.size, inset)
    rest = outside_rows(box, output.size)
    return (correlation(grey_values(output, covered), grey_values(reference, covered)),
            correlation(grey_values(output, rest), grey_values(reference, rest)))


@pytest.mark.parametrize("orientation", [1, 6])
def test_a_masked_region_is_uncorrelated_with_the_original_in_every_output(tmp_path: Path, orientation: int) -> None:
    upright = detailed(1200, 900)
    source = save_jpeg(tmp_path / f"o{orientation}.jpg", stored(upright, orientation), orientation=orientation)
    options = PhotoOptions(widths=(120, 480, 960), concurrency=1)
    masked = PhotoPipeline(tmp_path / "cache", options)
    plans, problems = masked.plan_all([source], {source: (FACE,)})
    assert problems == []
    plan = plans[source]
    assert masked.encode([plan]) == []
    assert len(plan.outputs) == 9
    for output in plan.outputs:
        with Image.open(output.cache_file) as image:
            within, rest = region_correlations(upright, image, FACE)
        assert abs(within) < NEAR_ZERO, (output.name, within)
        assert rest > SAME, (output.name, rest)

    # The same measure sees the face when nothing covers it: the test can fail.
    plain = PhotoPipeline(tmp_path / "plain-cache", options)
    plain_plan = plain.plan(source)
    assert plain.encode([plain_plan]) == []
    for output in plain_plan.outputs:
        with Image.open(output.cache_file) as image:
            within, _ = region_correlations(upright, image, FACE)
        assert within > SAME, (output.name, within)


def test_the_preview_and_average_colour_are_of_the_masked_picture(tmp_path: Path) -> None:
    upright = detailed(800, 800, seed=3)
    source = save_jpeg(tmp_path / "p.jpg", upright)
    wide: MaskBox = (0.0, 0.0, 0.75, 1.0)  # most of the picture, so its 16 pixels show the difference
    plain, masked = make_preview(source, 10**8), make_preview(source, 10**8, (wide,))
    assert plain is not None and masked is not None
    assert plain.data_uri != masked.data_uri and plain.colour != masked.colour

    def preview_image(uri: str) -> Image.Image:
        return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")

    small = preview_image(masked.data_uri)
    reference = upright.resize(small.size, Image.Resampling.BOX)
    covered = inside(wide, small.size, 1)
    assert abs(correlation(grey_values(small, covered), grey_values(reference, covered))) < 0.4
    unmasked = preview_image(plain.data_uri)
    assert correlation(grey_values(unmasked, covered), grey_values(reference, covered)) > SAME


def test_masks_are_part_of_the_output_names(tmp_path: Path) -> None:
    source = save_jpeg(tmp_path / "n.jpg", detailed(300, 200), metadata=False)
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(100, 200), concurrency=1))

    def names(*masks: MaskBox) -> set[str]:
        plans, _ = pipeline.plan_all([source], {source: masks} if masks else None)
        return {o.name for o in plans[source].outputs}

    unmasked, one, moved = names(), names(FACE), names((0.31, 0.2, 0.62, 0.7))
    assert unmasked.isdisjoint(one) and one.isdisjoint(moved) and unmasked.isdisjoint(moved)
    assert names(FACE) == one  # deterministic
    # Without masks nothing is renamed: the names are those of a pipeline that knows no masks.
    assert names() == {o.name for o in pipeline.plan(source).outputs}
