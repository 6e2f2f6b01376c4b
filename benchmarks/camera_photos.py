"""Real camera photographs for benchmarks and tests, fetched from Debian packages (never committed).

    from camera_photos import camera_photos, phone_photos, large_phone_photo
    camera_photos(10)          # the first 10 photographs as their packages ship them
    phone_photos(40)           # 40 phone-like 12 MP JPEGs made from them (cached)
    large_phone_photo()        # one 16,320 × 12,240 (200 MP) phone-like JPEG (cached)

Run it as a script to fetch the photographs and print what it has:
`.venv/bin/python benchmarks/camera_photos.py`.

Where the photographs come from (Debian 12 "bookworm"; `apt-get download` + `dpkg-deb -x`
into .cache/bench/camera-photos/, so nothing is installed on the system and no root is needed):

- ``lomiri-wallpapers-16.04`` (20.04.0-2, 15.8 MB): the Ubuntu 2018 Free Culture Showcase
  photographs, 2,056–5,312 px wide, as the photographers' cameras and phones took them.
  Licences per file in /usr/share/doc/lomiri-wallpapers-16.04/copyright: CC-BY-4.0 (Aitzol
  Berasategi, Trevor "Freespace", Jakub Mede), CC-BY-SA-4.0 (Sander Klootwijk, "Bolly", Peter
  Nerlich) and CC0-1.0 (Clemens Engelhardt). Two of its files are drawn or a pattern
  (umang, analogpattern) and are left out.
- ``lomiri-wallpapers-20.04`` (20.04.0-2, 11.4 MB): the one photograph in it, Lukas
  Baubkus's nuthatch (6,028 × 3,391, CC-BY-SA-3.0); the other three are drawn.
- ``mate-backgrounds`` (1.26.0-1, 46.6 MB): the 12 photographs under mate/nature/ (flowers,
  grass, leaves, water, a storm; 1,280–2,560 px wide), GPL-2+ per its copyright file.

That is 26 different photographs: outdoor scenes, people's things, animals and close-ups with
foliage, sky and bokeh, which compress as photographs do (unlike the drawn corpus of
benchmarks/photos.py). Nothing from them is published: the benchmark sites are built under
.cache/bench/ and thrown away.

The phone-like variants mimic what a teacher copies off a phone: 4,032 × 3,024 (12 MP) JPEGs at
quality 92 with Make/Model, DateTimeOriginal and GPS EXIF; portrait photographs are stored on
their side with EXIF Orientation 6, as phones store them. Asking for more than 26 gives further
crops of the same photographs (the other end of the frame, then mirrored), so 40 photos are 40
different pictures. Smaller originals are scaled up to 12 MP; their detail at thumbnail size
is the photograph's own.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "bench" / "camera-photos"
PHONE_SIZE = (4032, 3024)
LARGE_SIZE = (16320, 12240)  # the 200 MP mode of recent Xiaomi and Samsung phones
PHONE_QUALITY = 92


@dataclass(frozen=True)
class Package:
    name: str
    folder: str  # where its photographs are, inside the package
    photographs: tuple[str, ...]


PACKAGES = (
    Package("lomiri-wallpapers-16.04", "usr/share/backgrounds", (
        "Bridge_by_Sander_Klootwijk.jpg", "Dragonfly_by_Bolly.jpg", "Picture_0B_by_freespace.jpg",
        "Picture_1A_by_freespace.jpg", "Wine_by_Jakkub_Mede.jpg", "aitzgorri_by_Aitzol_Berasategi.jpg",
        "free_by_Peter_Nerlich.jpg", "friends_by_Aitzol_Berasategi.jpg", "greentock_by_Peter_Nerlich.jpg",
        "life_by_Aitzol_Berasategi.jpg", "picosdeeuropa_by_Aitzol_Berasategi.jpg",
        "seeding_by_Clements_Engelhardt.jpg", "sunset_by_Aitzol_Berasategi.jpg",
    )),
    Package("lomiri-wallpapers-20.04", "usr/share/backgrounds", ("Kleiber_by_Lukas_Baubkus.jpg",)),
    Package("mate-backgrounds", "usr/share/backgrounds/mate/nature", (
        "Aqua.jpg", "Blinds.jpg", "Dune.jpg", "FreshFlower.jpg", "Garden.jpg", "GreenMeadow.jpg", "LadyBird.jpg",
        "RainDrops.jpg", "Storm.jpg", "TwoWings.jpg", "Wood.jpg", "YellowFlower.jpg",
    )),
)
PHOTOGRAPH_COUNT = sum(len(package.photographs) for package in PACKAGES)


class CameraPhotosUnavailable(RuntimeError):
    """The Debian packages could not be fetched (no apt, or no package lists)."""


# --- fetching ----------------------------------------------------------------------------------
def _extracted(package: Package) -> Path:
    """The package's files under the cache, fetched and unpacked on first use."""
    target = CACHE / "packages" / package.name
    done = target / ".unpacked"
    if done.exists():
        return target
    downloads = CACHE / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for old in downloads.glob(f"{package.name}_*.deb"):
        old.unlink()
    _apt_download(package.name, downloads)
    (deb,) = downloads.glob(f"{package.name}_*.deb")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True)
    deb.unlink()  # the unpacked tree is what we keep
    done.write_text(deb.name, "utf-8")
    return target


def _apt_download(name: str, folder: Path) -> None:
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        raise CameraPhotosUnavailable("apt-get and dpkg-deb are needed to fetch the camera photographs (Debian)")

    def download() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["apt-get", "download", "-q", name], cwd=folder, capture_output=True, text=True)

    result = download()
    if result.returncode != 0 and os.geteuid() == 0:
        # A fresh machine may have no package lists yet.
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False)
        result = download()
    if result.returncode != 0:
        raise CameraPhotosUnavailable(f"apt-get download {name} failed (run `apt-get update` first?):\n"
                                      f"{result.stderr.strip()}")


def camera_photos(n: int = PHOTOGRAPH_COUNT) -> list[Path]:
    """The first ``n`` photographs (at most 26) as their Debian packages ship them, in a fixed order."""
    if not 0 <= n <= PHOTOGRAPH_COUNT:
        raise ValueError(f"there are {PHOTOGRAPH_COUNT} camera photographs; asked for {n} (phone_photos makes more)")
    paths = []
    for package in PACKAGES:
        root = _extracted(package) / package.folder
        for name in package.photographs:
            path = root / name
            if not path.is_file():
                raise CameraPhotosUnavailable(f"{package.name} no longer holds {package.folder}/{name}; "
                                              "update PACKAGES in benchmarks/camera_photos.py")
            paths.append(path)
    return paths[:n]


# --- phone-like variants -----------------------------------------------------------------------
def _crop_box(size: tuple[int, int], aspect: float, position: float) -> tuple[int, int, int, int]:
    """The largest box of ``aspect`` (width / height) in ``size``, slid to ``position`` (0 = start, 1 = end)."""
    width, height = size
    if width / height > aspect:
        box_width = round(height * aspect)
        left = round((width - box_width) * position)
        return left, 0, left + box_width, height
    box_height = round(width / aspect)
    top = round((height - box_height) * position)
    return 0, top, width, top + box_height


def _phone_exif(seed: int, sideways: bool) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Xiaomi", "Redmi Note 13 Pro"  # Make, Model
    exif[0x0112] = 6 if sideways else 1  # Orientation
    exif.get_ifd(0x8769)[0x9003] = f"2023:06:01 09:{seed % 60:02d}:00"  # DateTimeOriginal
    # Somewhere on a school's playground in Shaanxi: what must never be published.
    exif.get_ifd(0x8825).update({1: "N", 2: (32.0, 59.0, float(seed % 60)), 3: "E", 4: (107.0, 45.0, 21.5)})
    return exif


def render_phone_photo(source: Path, seed: int, size: tuple[int, int] = PHONE_SIZE, variant: int = 0) -> bytes:
    """``source`` as a phone would have stored it: ``size`` (landscape; portrait photos are stored
    sideways with Orientation 6), JPEG quality 92, camera and GPS EXIF.

    ``variant`` picks the crop: 0 the centre, 1 the start of the frame, 2 its end, 3 and up the
    same mirrored.
    """
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    portrait = image.height > image.width
    target = (size[1], size[0]) if portrait else size
    position = (0.5, 0.0, 1.0)[variant % 3]
    image = image.crop(_crop_box(image.size, target[0] / target[1], position))
    if variant >= 3:
        image = ImageOps.mirror(image)
    image = image.resize(target, Image.Resampling.LANCZOS)
    if portrait:
        image = image.transpose(Image.Transpose.ROTATE_90)  # the sensor's landscape pixels
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=PHONE_QUALITY, exif=_phone_exif(seed, portrait))
    return buffer.getvalue()


def _cached(path: Path, make: Callable[[], bytes]) -> Path:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(make())
        partial.replace(path)  # never a half-written photo under the real name
    return path


def phone_photos(n: int, size: tuple[int, int] = PHONE_SIZE) -> list[Path]:
    """``n`` phone-like JPEGs (default 12 MP) made from the camera photographs, cached under
    .cache/bench/camera-photos/phone-<w>x<h>/. Beyond 26 they are other crops of the same photographs."""
    sources = camera_photos()
    folder = CACHE / f"phone-{size[0]}x{size[1]}"
    paths = []
    for index in range(n):
        source = sources[index % len(sources)]
        variant = index // len(sources)
        path = folder / f"phone{index:03d}-{source.stem.split('_')[0].lower()}.jpg"
        paths.append(_cached(path, lambda: render_phone_photo(source, index, size, variant)))
    return paths


def large_phone_photo(size: tuple[int, int] = LARGE_SIZE) -> Path:
    """One phone-like JPEG of ``size`` (default 16,320 × 12,240 = 200 MP), from the sharpest photograph.

    Making it takes about 2 GB of memory and a minute, once; it is cached.
    """
    source = camera_photos()[12]  # seeding_by_Clements_Engelhardt.jpg, 5,312 × 2,988, CC0
    path = CACHE / f"large-{size[0]}x{size[1]}.jpg"
    return _cached(path, lambda: render_phone_photo(source, 0, size))


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    for package in PACKAGES:
        print(f"{package.name}: {len(package.photographs)} photographs")
    for path in phone_photos(count):
        with Image.open(path) as image:
            print(f"{path.relative_to(ROOT)}  {image.width}×{image.height}  {path.stat().st_size / 1e6:.1f} MB")
