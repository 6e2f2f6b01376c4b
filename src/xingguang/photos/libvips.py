"""libvips for the costliest step of a photo: decoding a big JPEG and reducing it to its largest output.

A phone's 12-megapixel JPEG becomes its 1600-wide output by a whole decode
(the shrink-on-load rule, for the detail at 1600) and one LANCZOS step. Pillow's
LANCZOS works one pixel at a time: decode and resize cost 182 ms of CPU a photo
in RGB, 134 ms with the luma and the colour decoded and resampled apart (recipe
6). libvips' ``reduce`` is vectorised and streams the decode through it: 56 ms,
at the quality of the pyvips contender of ``benchmarks/photos.py`` (it is the
same operation). The draft-decode cascade decodes at 1/2 instead (78 ms) and
loses detail at 1600.

Only this step uses libvips: the smaller widths are resampled by Pillow from
this image (small, so cheap), and the encoders are Pillow's, so outputs are
encoded exactly as before. Only YCbCr JPEGs come here; CMYK, grey, PNG, WebP
and HEIF sources keep Pillow's path, as does any JPEG libvips refuses.

libvips is asked to stop at its slightest warning. A refusal (or libvips
missing) returns ``None`` and the photo takes Pillow's path, which decides, as
before, whether the photo is damaged and what the editor is told.
"""

from __future__ import annotations

import logging
from functools import cache
from types import ModuleType

from PIL import Image


@cache
def _pyvips() -> ModuleType | None:
    """pyvips, set up for a photo worker; imported on first use, not at module import.

    libvips starts threads as it works. The photo workers are forked from a
    forkserver that preloads ``encode.py``; a process that forks after its
    threads started can deadlock in the child, so libvips is loaded only by the
    process that uses it.
    """
    try:
        import pyvips
    except (ImportError, OSError):  # no wheel for this platform: Pillow does it all
        return None
    # Parallelism comes from the process pool (one photo per core), and one
    # thread keeps the outputs byte-identical whatever the machine.
    pyvips.concurrency_set(1)
    # Each photo is decoded once: nothing to reuse, and its memory is freed at once.
    pyvips.cache_set_max(0)
    # pyvips passes libvips' warnings to this logger; a warning makes libvips
    # refuse the photo and Pillow's path decides, so its English text is noise.
    logger = logging.getLogger("pyvips")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    return pyvips


def decode_and_reduce(data: bytes, shrink: int, size: tuple[int, int]) -> Image.Image | None:
    """The JPEG in ``data`` decoded at 1/``shrink`` (DCT scaling) and LANCZOS-reduced to ``size``.

    An RGB Pillow image of exactly ``size`` (stored orientation, colours as in
    the file: the caller converts them to sRGB and turns the image upright), or
    ``None`` when libvips is missing or refuses the file.
    """
    pyvips = _pyvips()
    if pyvips is None:
        return None
    try:
        image = pyvips.Image.jpegload_buffer(data, shrink=shrink, fail_on="warning", access="sequential")
        if image.bands != 3 or image.format != "uchar":
            return None
        if (image.width, image.height) != size:
            # gap=0: one LANCZOS step, no box pre-shrink, as Pillow's resize of a JPEG.
            image = image.resize(size[0] / image.width, vscale=size[1] / image.height, kernel="lanczos3", gap=0)
        if (image.width, image.height) != size:  # a rounding libvips did otherwise
            return None
        pixels = image.write_to_memory()
    except pyvips.Error:
        return None
    return Image.frombytes("RGB", size, pixels)
