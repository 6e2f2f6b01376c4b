import pytest

from xingguang.photos import PhotoOptions
from xingguang.photos.options import DEFAULT_QUALITY


def test_defaults_are_safe():
    options = PhotoOptions()
    assert options.widths == (240, 320, 480, 960, 1600)
    assert options.formats == ("avif", "webp", "jpeg")
    assert dict(options.quality) == dict(DEFAULT_QUALITY)
    assert options.concurrency == 0
    assert options.max_pixels == 100_000_000


def test_widths_are_sorted_and_deduplicated_and_quality_merged():
    options = PhotoOptions(widths=(960, 480, 960), quality={"webp": 70})
    assert options.widths == (480, 960)
    assert options.quality["webp"] == 70 and options.quality["jpeg"] == DEFAULT_QUALITY["jpeg"]
    assert hash(options) == hash(PhotoOptions(widths=(480, 960), quality={"webp": 70}))


@pytest.mark.parametrize("bad", [
    {"widths": ()}, {"widths": (0, 480)}, {"formats": ("gif",)}, {"formats": ("webp", "webp")},
    {"quality": {"jpeg": 0}}, {"quality": {"png": 80}}, {"concurrency": -1}, {"max_pixels": 0},
])
def test_invalid_options_are_refused(bad):
    with pytest.raises(ValueError):
        PhotoOptions(**bad)
