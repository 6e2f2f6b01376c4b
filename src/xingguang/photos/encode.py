"""Pixels: decode a photo once, small, and write all its outputs to the cache.

This module runs inside worker processes, so a job and its result are plain
picklable data. The recipe, in order (each step chosen for speed without
visible loss):

1. JPEG sources are decoded at a reduced DCT scale by libvips' rule: the
   strongest of 1/2, 1/4, 1/8 that still leaves a factor of two for the LANCZOS
   step after it (:func:`~xingguang.photos.reading.jpeg_shrink`). A 12-megapixel
   photo with a 1600-wide output is therefore decoded whole: decoding at 1/2
   (recipe 3) left the 1600-wide WebP 0.0013 SSIM below pyvips'
   (docs/performance.md). Outputs up to 960 wide alone would decode at 1/2, up
   to 480 at 1/4.
2. The largest output is resampled (LANCZOS) from that: for a YCbCr JPEG (every
   phone's) decoding and resampling are libvips' (:mod:`.libvips`, recipe 7), in
   less than half the CPU time Pillow needs for the same; other sources, and a JPEG
   libvips refuses, are Pillow's. Colours are then converted to sRGB from the
   embedded ICC profile (iPhones shoot Display P3) on this smaller image, and
   the EXIF orientation is applied by a lossless transpose.
3. Every smaller width is resampled (Pillow's LANCZOS) from the next larger one.
4. Each image is encoded with explicit settings and an empty ``info`` (Pillow
   would otherwise carry ICC, EXIF or XMP into AVIF), so outputs hold pixels
   only and are byte-identical from run to run.

Transparency: WebP and AVIF keep the alpha channel; JPEG is flattened on white.
A source whose alpha is fully opaque is treated as opaque.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import signal
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from xingguang.photos import errors, libvips
from xingguang.photos.cache import short_digest, write_atomic
from xingguang.photos.errors import PhotoError
from xingguang.photos.masks import MaskBox, apply_masks
from xingguang.photos.reading import DECODE_ERRORS, SIDEWAYS, jpeg_draft_request, jpeg_shrink, open_image

# ImageOps.exif_transpose's table, applied to our own orientation value.
TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
WHITE = (255, 255, 255)
# libaom's output depends on its thread count, so it is fixed: parallelism
# comes from the process pool. Speed 8 is about 7x faster than Pillow's default
# 6 for a few percent more bytes.
AVIF_SETTINGS = {"speed": 8, "max_threads": 1, "subsampling": "4:2:0", "codec": "auto", "range": "full"}
WEBP_SETTINGS = {"method": 4, "lossless": False, "exact": False}
JPEG_SETTINGS = {"progressive": True, "optimize": True, "subsampling": "4:2:0"}
# Pillow resamples non-JPEG sources with a cheap integer reduction first
# (``reducing_gap``); 3.0 is documented as indistinguishable from a full LANCZOS.
REDUCING_GAP = 3.0
SIXTEEN_BIT_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})


# glibc's malloc gives large freed blocks back to the kernel (mmapped chunks, and
# free memory above its trim threshold at the heap's top), so every photo's
# images, ~16 MB blocks in Pillow, were faulted in as fresh zeroed pages again:
# 16,000 page faults and 45 ms of system time a photo. A worker keeps this much
# instead (mallopt's M_TRIM_THRESHOLD and M_MMAP_THRESHOLD, in MB).
WORKER_TRIM_THRESHOLD_MB = 256
WORKER_MMAP_THRESHOLD_MB = 32
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3


def keep_freed_memory() -> None:
    """Let this worker process reuse freed image memory (glibc only; elsewhere nothing).

    The photo pool's workers call it when they start: they do nothing but
    encode, and exit after the build. The build process itself is left alone.
    """
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return
    mallopt(M_TRIM_THRESHOLD, WORKER_TRIM_THRESHOLD_MB << 20)
    mallopt(M_MMAP_THRESHOLD, WORKER_MMAP_THRESHOLD_MB << 20)


# Where this worker notes the photo in hand (set by start_worker; None in the build process).
_in_hand_dir: Path | None = None


def start_worker(in_hand_dir: str) -> None:
    """Set up a pool worker: allocator settings, and a note of the photo in hand.

    A worker killed outright (SIGKILL from the out-of-memory killer) cannot say
    which photo it was encoding, so while it works it keeps the photo's path in
    ``in_hand_dir/<pid>``. When one worker dies the pool stops the others with
    SIGTERM; they rename their note to ``<pid>.stopped`` first, so a plain note
    left behind names the photo whose worker was killed.
    """
    global _in_hand_dir
    _in_hand_dir = Path(in_hand_dir)
    keep_freed_memory()
    signal.signal(signal.SIGTERM, _stopped_by_the_pool)


def _stopped_by_the_pool(signum: int, frame: object) -> None:
    note = _note_in_hand()
    try:
        note.rename(note.with_name(note.name + STOPPED_SUFFIX))
    except OSError:
        pass  # between two photos: no note
    os._exit(128 + signum)


STOPPED_SUFFIX = ".stopped"


def _note_in_hand() -> Path:
    assert _in_hand_dir is not None
    return _in_hand_dir / str(os.getpid())


def run_job_in_worker(job: "EncodeJob") -> "EncodeResult":
    """:func:`run_job` in a pool worker, noting the photo in hand while it runs."""
    note = _note_in_hand()
    note.write_text(job.source, "utf-8")
    result = run_job(job)
    note.unlink()
    return result


@dataclass(frozen=True)
class OutputSpec:
    format: str
    width: int
    height: int
    cache_file: str


@dataclass(frozen=True)
class EncodeJob:
    """One photo's work: every width of its chain, and which outputs to write."""

    source: str
    source_sha256: str
    orientation: int
    chain: tuple[tuple[int, int], ...]  # display (width, height), largest first
    outputs: tuple[OutputSpec, ...]
    quality: tuple[tuple[str, int], ...]
    max_pixels: int
    masks: tuple[MaskBox, ...] = ()


@dataclass(frozen=True)
class WrittenOutput:
    cache_file: str
    size: int
    digest: str

    @property
    def name(self) -> str:
        return Path(self.cache_file).name


@dataclass(frozen=True)
class EncodeResult:
    source: str
    written: tuple[WrittenOutput, ...] = ()
    error: PhotoError | None = None


def run_job(job: EncodeJob) -> EncodeResult:
    """Encode one photo; a bad photo becomes ``EncodeResult.error`` and writes nothing."""
    try:
        image = decode(job)
    except PhotoError as error:
        return EncodeResult(job.source, error=error)
    # On the largest image, before the smaller widths are made from it: every output is covered.
    image = apply_masks(image, job.masks)
    quality = dict(job.quality)
    sizes = {}
    for width, height in job.chain:
        if sizes:
            # Each width from the next larger one: a 1600→960 LANCZOS costs a
            # tenth of a full-size one and looks the same.
            image = image.resize((width, height), Image.Resampling.LANCZOS)
        image.info = {}
        sizes[width] = image
    written = []
    for spec in job.outputs:
        data = encode_image(sizes[spec.width], spec.format, quality[spec.format])
        # No fsync here: the build process makes each output durable before the
        # index records it, while this worker encodes the next photo.
        write_atomic(Path(spec.cache_file), data, durable=False)
        written.append(WrittenOutput(spec.cache_file, len(data), short_digest(data)))
    return EncodeResult(job.source, tuple(written))


def decode(job: EncodeJob) -> Image.Image:
    """The largest output of the chain: oriented, sRGB, RGB or RGBA, empty info."""
    source = Path(job.source)
    try:
        data = source.read_bytes()
    except OSError:
        raise PhotoError(source, "broken", errors.MISSING) from None
    if hashlib.sha256(data).hexdigest() != job.source_sha256:
        raise PhotoError(source, "broken", errors.CHANGED)
    image = open_image(source, data, job.max_pixels)
    width, height = job.chain[0]
    stored = (height, width) if job.orientation in SIDEWAYS else (width, height)
    if image.format == "JPEG":
        # Scaled down while decoding: a 200 MP phone photo never sits whole in memory.
        shrink = jpeg_shrink(image.size, stored, job.max_pixels)
        reduced = libvips.decode_and_reduce(data, shrink, stored) if is_ycbcr(image) else None
        if reduced is not None:
            return upright_srgb(reduced, image.info.get("icc_profile"), job.orientation)
        image.draft(None, jpeg_draft_request(image.size, stored, job.max_pixels))
    try:
        image.load()
    except DECODE_ERRORS as error:
        message = str(error).lower()
        cut = isinstance(error, EOFError) or "truncated" in message or "premature" in message
        raise PhotoError(source, "broken", errors.TRUNCATED if cut else errors.DAMAGED) from None
    icc = image.info.get("icc_profile")
    is_jpeg = image.format == "JPEG"
    image = normalise_mode(image)
    if image.size != stored:
        gap = None if is_jpeg else REDUCING_GAP
        image = image.resize(stored, Image.Resampling.LANCZOS, reducing_gap=gap)
    return upright_srgb(image, icc, job.orientation)


def upright_srgb(image: Image.Image, icc: bytes | None, orientation: int) -> Image.Image:
    """Colours converted to sRGB and the EXIF orientation applied (a lossless transpose), info emptied."""
    image = to_srgb(image, icc)
    if orientation in TRANSPOSE:
        image = image.transpose(TRANSPOSE[orientation])
    image.info = {}
    return image


def is_ycbcr(image: Image.Image) -> bool:
    """Whether a JPEG's three components are YCbCr (libjpeg's own test), not RGB or CMYK."""
    if image.mode != "RGB" or len(getattr(image, "layer", ())) != 3:
        return False
    if "jfif" in image.info:
        return True
    if "adobe" in image.info:
        return image.info.get("adobe_transform") != 0
    return [component[0] for component in image.layer] != [ord("R"), ord("G"), ord("B")]


def normalise_mode(image: Image.Image) -> Image.Image:
    """RGB, RGBA, L or CMYK: the modes colour management and resizing take.

    Palette and grey images with a transparent colour gain alpha; 16-bit grey is
    scaled to 8 bits (Pillow's plain conversion would clip it to white); an
    alpha channel that is opaque everywhere is dropped.
    """
    mode = image.mode
    if mode in SIXTEEN_BIT_MODES:
        return image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if mode in ("P", "PA", "LA", "La", "RGBa") or (mode in ("L", "RGB") and "transparency" in image.info):
        image = image.convert("RGBA")
    elif mode == "1":
        image = image.convert("L")
    elif mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert("RGB")
    if image.mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    return image


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert from the embedded profile to sRGB; without a usable profile, assume sRGB."""
    out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    if icc:
        try:
            transform = srgb_transform(icc, image.mode, out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            transform = None  # a damaged or mismatched profile: fall back to the pixel values
        if transform is not None:
            return ImageCms.applyTransform(image, transform)
    return image if image.mode == out_mode else image.convert(out_mode)


@lru_cache(maxsize=16)
def srgb_transform(icc: bytes, in_mode: str, out_mode: str) -> ImageCms.ImageCmsTransform:
    # Most photos of one phone share a profile: build its transform once per worker.
    source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return ImageCms.buildTransform(source, SRGB, in_mode, out_mode, ImageCms.Intent.PERCEPTUAL)


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def encode_image(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        if image.mode == "RGBA":
            flat = Image.new("RGB", image.size, WHITE)
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        image.save(buffer, "JPEG", quality=quality, **JPEG_SETTINGS)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality, **WEBP_SETTINGS)
    elif fmt == "avif":
        image.save(buffer, "AVIF", quality=quality, **AVIF_SETTINGS)
    else:
        raise ValueError(f"unknown output format {fmt!r}")
    return buffer.getvalue()
