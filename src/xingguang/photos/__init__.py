"""Photo pipeline: plan outputs from headers, encode them once into a cache, publish.

Sources are JPEG, PNG, WebP or HEIC/HEIF (through pillow-heif). Each is published
as AVIF, WebP and JPEG at a few widths, turned upright, converted to sRGB and
stripped of every metadata block; outputs are named by content so an unchanged
photo is never encoded twice. See ``docs/performance.md`` for the measurements.
"""

from xingguang.photos.errors import PhotoError
from xingguang.photos.options import PhotoOptions
from xingguang.photos.pipeline import PhotoPipeline
from xingguang.photos.plan import PhotoOutput, PhotoPlan
from xingguang.photos.progress import ProgressLog, format_progress

__all__ = ["PhotoError", "PhotoOptions", "PhotoOutput", "PhotoPipeline", "PhotoPlan", "ProgressLog", "format_progress"]
