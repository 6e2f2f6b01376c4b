#!/usr/bin/env python3
"""Draw the demo photos of the 星光 Xingguang site into site_data/photos/.

We have no real photos of 西乡县城北小学 (and must not invent real people), so
every demo image is a flat illustration drawn here with Pillow: sky and sun,
the school with its red flag, children as rounded silhouettes, stages, the
Qingming monument, certificates, corridors -- and a short Chinese caption on
each image so the demo is readable.

The output is deterministic (random.Random(name) per image, fixed JPEG
settings), so running the script twice gives byte-identical files.

Activity and corridor photos imitate real phone files, because the site's
photo pipeline has to cope with them: fake camera EXIF (Make "DemoPhone",
Model "Xingguang Demo"), a GPS IFD near Xixiang county, and about a third of
the activity photos are stored sideways with EXIF Orientation 6 or 8.

Usage (from the repository root):
    .venv/bin/python scripts/make_demo_photos.py
Needs the Debian package fonts-noto-cjk for the Chinese text.
"""

from __future__ import annotations

import io
import math
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "site_data" / "photos"

SS = 2  # supersampling: scenes are drawn at 2x and scaled down (smooth edges)
SOFTEN = 0.6
QUALITY_STEPS = tuple(range(80, 59, -2))  # 80 first; lower only if over budget
MAX_TOTAL = 4_000_000  # "under 4 MB", counted in decimal megabytes to be safe

# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

FONT_DIRS = [
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
]


def _find_font_file(name: str) -> Path | None:
    for d in FONT_DIRS:
        if (d / name).is_file():
            return d / name
    if shutil.which("fc-list"):
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            path = line.split(":")[0].strip()
            if path.endswith(name):
                return Path(path)
    return None


def _sc_index(path: Path) -> int:
    """Index of the Simplified Chinese face inside a Noto CJK .ttc."""
    for i in range(10):
        try:
            family = ImageFont.truetype(str(path), 12, index=i).getname()[0]
        except OSError:
            break
        if family.endswith(" SC"):
            return i
    return 0


class Fonts:
    def __init__(self) -> None:
        regular = _find_font_file("NotoSansCJK-Regular.ttc")
        if regular is None:
            sys.exit(
                "make_demo_photos: 找不到中文字体 NotoSansCJK-Regular.ttc。\n"
                "  The Noto CJK font is missing. Install it with:\n"
                "    sudo apt-get install fonts-noto-cjk\n"
                "  (check with: fc-list :lang=zh)"
            )
        bold = _find_font_file("NotoSansCJK-Bold.ttc") or regular
        serif = _find_font_file("NotoSerifCJK-Bold.ttc") or bold
        self.files = {"sans": regular, "bold": bold, "serif": serif}
        self.index = {k: _sc_index(p) for k, p in self.files.items()}
        self.cache: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}

    def __call__(self, kind: str, size: float) -> ImageFont.FreeTypeFont:
        key = (kind, max(6, int(size)))
        if key not in self.cache:
            self.cache[key] = ImageFont.truetype(str(self.files[kind]), key[1], index=self.index[kind])
        return self.cache[key]


FONT: Fonts  # set in main()

# ---------------------------------------------------------------------------
# Colour and shape helpers
# ---------------------------------------------------------------------------

RED = (214, 40, 40)
DARK_RED = (160, 24, 30)
GOLD = (250, 200, 60)
DEEP_GOLD = (214, 160, 40)
WHITE = (255, 255, 255)
SKINS = [(246, 214, 186), (240, 200, 165), (232, 190, 150), (250, 222, 196)]
HAIRS = [(44, 36, 38), (58, 44, 40), (34, 30, 36), (72, 52, 44)]


def hexc(s: str) -> tuple[int, int, int]:
    s = s.lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def mix(a, b, t: float):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


def alpha(c, a: int):
    return (c[0], c[1], c[2], a)


def vgrad(img: Image.Image, box, top, bottom) -> None:
    x0, y0, x1, y1 = (int(v) for v in box)
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    mask = Image.linear_gradient("L").resize((w, h))
    part = Image.composite(Image.new("RGB", (w, h), bottom), Image.new("RGB", (w, h), top), mask)
    img.paste(part, (x0, y0))


def glow(img: Image.Image, cx, cy, r, color, strength=160) -> None:
    r = int(r)
    mask = ImageOps.invert(Image.radial_gradient("L")).resize((2 * r, 2 * r))
    mask = mask.point(lambda v: v * strength // 255)
    img.paste(Image.new("RGB", (2 * r, 2 * r), color), (int(cx - r), int(cy - r)), mask)


def star_points(cx, cy, r, rot=0.0, inner=0.382):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * inner
        a = math.radians(-90 + i * 36 + rot)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return pts


def star(d: ImageDraw.ImageDraw, cx, cy, r, fill, rot=0.0, outline=None, width=0):
    d.polygon(star_points(cx, cy, r, rot), fill=fill, outline=outline, width=int(width))


def scatter_stars(d, rng, box, n, colors, rmin, rmax, alpha_range=(90, 200)):
    x0, y0, x1, y1 = box
    for _ in range(n):
        c = rng.choice(colors)
        star(d, rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(rmin, rmax),
             alpha(c, rng.randint(*alpha_range)), rot=rng.uniform(-20, 20))


def circle(d, cx, cy, r, fill, outline=None, width=0):
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill, outline=outline, width=int(width))


def thick_line(d, pts, color, w):
    d.line(pts, fill=color, width=int(w), joint="curve")
    for x, y in (pts[0], pts[-1]):
        circle(d, x, y, w / 2, color)


def text_c(d, xy, text, font, fill, anchor="mm", **kw):
    d.text(xy, text, font=font, fill=fill, anchor=anchor, **kw)


def fit_font(kind, text, max_w, size):
    f = FONT(kind, size)
    while f.getlength(text) > max_w and size > 8:
        size *= 0.92
        f = FONT(kind, size)
    return f


def vtext(d, cx, y0, text, font, fill, step=1.1):
    size = font.size
    for i, ch in enumerate(text):
        d.text((cx, y0 + i * size * step), ch, font=font, fill=fill, anchor="mt")


def cloud(d, cx, cy, s, color=(255, 255, 255, 220)):
    for dx, dy, r in ((-0.9, 0.15, 0.55), (-0.35, -0.2, 0.75), (0.35, -0.05, 0.65), (0.95, 0.2, 0.5)):
        circle(d, cx + dx * s, cy + dy * s, r * s, color)
    d.rounded_rectangle((cx - 1.4 * s, cy + 0.05 * s, cx + 1.4 * s, cy + 0.7 * s), radius=0.32 * s, fill=color)


def sun(img, d, cx, cy, r, color=(255, 214, 90)):
    glow(img, cx, cy, r * 3.2, (255, 236, 170), 150)
    circle(d, cx, cy, r, color)


def round_tree(d, x, yb, h, greens, trunk=(120, 84, 56)):
    tw = h * 0.08
    d.rounded_rectangle((x - tw / 2, yb - h * 0.45, x + tw / 2, yb), radius=tw / 3, fill=trunk)
    r = h * 0.3
    circle(d, x - r * 0.55, yb - h * 0.52, r * 0.8, greens[0])
    circle(d, x + r * 0.55, yb - h * 0.55, r * 0.8, greens[0])
    circle(d, x, yb - h * 0.72, r, greens[1])
    circle(d, x - r * 0.3, yb - h * 0.8, r * 0.45, alpha(mix(greens[1], WHITE, 0.25), 150))


def pine(d, x, yb, h, greens, trunk=(96, 70, 50)):
    tw = h * 0.06
    d.rectangle((x - tw / 2, yb - h * 0.18, x + tw / 2, yb), fill=trunk)
    for i in range(4):
        t = i / 4
        wdt = h * (0.36 - 0.07 * i)
        top = yb - h * (0.45 + 0.17 * i) - h * 0.12
        bot = yb - h * (0.12 + 0.17 * i)
        col = greens[i % 2]
        d.polygon([(x, top), (x - wdt, bot), (x + wdt, bot)], fill=col)
    star_top = yb - h
    d.polygon([(x, star_top), (x - h * 0.08, yb - h * 0.8), (x + h * 0.08, yb - h * 0.8)], fill=greens[1])


def flag(d, x, ytop, ybot, fw, rng=None, wave=0.06, pole=(200, 200, 210)):
    pw = max(3, fw * 0.035)
    d.rectangle((x - pw / 2, ytop, x + pw / 2, ybot), fill=pole)
    circle(d, x, ytop, pw * 1.1, GOLD)
    fh = fw * 2 / 3
    top, bot = [], []
    n = 16
    for i in range(n + 1):
        t = i / n
        off = math.sin(t * math.pi * 1.6) * fw * wave * t
        top.append((x + pw / 2 + t * fw, ytop + pw + off))
        bot.append((x + pw / 2 + t * fw, ytop + pw + fh + off))
    d.polygon(top + bot[::-1], fill=RED)
    bx, by = x + pw / 2, ytop + pw
    star(d, bx + fw * 0.17, by + fh * 0.25, fh * 0.15, GOLD)
    for ang, (sx, sy) in zip((20, -5, 0, 25), ((0.34, 0.1), (0.4, 0.2), (0.4, 0.35), (0.34, 0.45))):
        off = math.sin(sx * math.pi * 1.6) * fw * wave * sx
        star(d, bx + fw * sx, by + fh * sy + off, fh * 0.05, GOLD, rot=ang)


# ---------------------------------------------------------------------------
# People (rounded silhouettes, no faces)
# ---------------------------------------------------------------------------


@dataclass
class Look:
    shirt: tuple
    pants: tuple
    hair: tuple
    skin: tuple
    scarf: bool = False
    long_hair: bool = False


def kid_look(rng, scarf=True, shirts=None):
    shirts = shirts or [(255, 255, 255), (250, 250, 245), (120, 170, 230), (255, 255, 255)]
    return Look(rng.choice(shirts), rng.choice([(40, 70, 140), (50, 80, 150), (60, 60, 90)]),
                rng.choice(HAIRS), rng.choice(SKINS), scarf, rng.random() < 0.5)


def adult_look(rng, shirts=None):
    shirts = shirts or [(60, 80, 120), (200, 70, 70), (90, 120, 100), (230, 230, 235), (110, 90, 140), (70, 110, 160)]
    return Look(rng.choice(shirts), rng.choice([(50, 50, 60), (40, 50, 80), (70, 60, 60)]),
                rng.choice(HAIRS), rng.choice(SKINS), False, rng.random() < 0.5)


def person(d, x, yb, h, look: Look, view="front", arms="down", prop=None, prop_color=None):
    """A rounded figure standing with feet at (x, yb), total height h."""
    r = h * 0.125
    hy = yb - h + r
    sw = h * 0.34  # shoulder width
    neck = hy + r * 0.95
    hip = yb - h * 0.36
    # long hair behind the head
    if look.long_hair and view == "front":
        d.rounded_rectangle((x - r * 1.08, hy - r * 0.2, x + r * 1.08, neck + r * 0.9), radius=r * 0.8, fill=look.hair)
    # legs
    lw = sw * 0.36
    d.rounded_rectangle((x - sw * 0.42, hip - r * 0.5, x - sw * 0.42 + lw, yb), radius=lw * 0.45, fill=look.pants)
    d.rounded_rectangle((x + sw * 0.42 - lw, hip - r * 0.5, x + sw * 0.42, yb), radius=lw * 0.45, fill=look.pants)
    # arms behind torso edges
    arm_w = sw * 0.24
    sl, sr = (x - sw / 2 + arm_w * 0.4, neck + r * 0.5), (x + sw / 2 - arm_w * 0.4, neck + r * 0.5)
    sleeve = mix(look.shirt, (0, 0, 0), 0.08)
    if arms == "down":
        thick_line(d, [sl, (sl[0] - arm_w * 0.25, hip + r * 0.2)], sleeve, arm_w)
        thick_line(d, [sr, (sr[0] + arm_w * 0.25, hip + r * 0.2)], sleeve, arm_w)
    elif arms == "up":
        thick_line(d, [sl, (sl[0] - sw * 0.35, hy - r * 1.2)], sleeve, arm_w)
        thick_line(d, [sr, (sr[0] + sw * 0.35, hy - r * 1.2)], sleeve, arm_w)
        circle(d, sl[0] - sw * 0.35, hy - r * 1.2, arm_w * 0.6, look.skin)
        circle(d, sr[0] + sw * 0.35, hy - r * 1.2, arm_w * 0.6, look.skin)
    elif arms == "salute":
        thick_line(d, [sl, (sl[0] - arm_w * 0.25, hip + r * 0.2)], sleeve, arm_w)
        thick_line(d, [sr, (sr[0] + sw * 0.05, hy - r * 1.5)], sleeve, arm_w)
        circle(d, sr[0] + sw * 0.05, hy - r * 1.5, arm_w * 0.6, look.skin)
    elif arms == "wave":
        thick_line(d, [sl, (sl[0] - arm_w * 0.25, hip + r * 0.2)], sleeve, arm_w)
        thick_line(d, [sr, (sr[0] + sw * 0.45, hy - r * 0.6)], sleeve, arm_w)
        circle(d, sr[0] + sw * 0.45, hy - r * 0.6, arm_w * 0.6, look.skin)
    # torso
    d.rounded_rectangle((x - sw / 2, neck, x + sw / 2, hip + r * 0.3), radius=sw * 0.38, fill=look.shirt)
    if look.scarf and view == "front":
        d.polygon([(x - sw * 0.3, neck + r * 0.1), (x + sw * 0.3, neck + r * 0.1), (x, neck + r * 1.4)], fill=RED)
        circle(d, x, neck + r * 0.35, r * 0.18, DARK_RED)
    if arms == "front" or prop:
        py = neck + r * 1.3
        pc = prop_color or RED
        if prop == "book":
            d.rounded_rectangle((x - sw * 0.42, py - r * 0.2, x + sw * 0.42, py + r * 1.1), radius=r * 0.1, fill=pc)
            d.line((x, py - r * 0.2, x, py + r * 1.1), fill=mix(pc, (0, 0, 0), 0.3), width=max(1, int(r * 0.08)))
        elif prop == "cert":
            d.rectangle((x - sw * 0.6, py - r * 0.3, x + sw * 0.6, py + r * 1.2), fill=pc)
            d.rectangle((x - sw * 0.5, py - r * 0.2, x + sw * 0.5, py + r * 1.1), outline=GOLD, width=max(1, int(r * 0.1)))
            star(d, x, py + r * 0.45, r * 0.4, GOLD)
        elif prop == "mic":
            d.line((x + sw * 0.1, py + r * 0.6, x + sw * 0.05, hy + r * 1.1), fill=(60, 60, 60), width=max(2, int(r * 0.18)))
            circle(d, x + sw * 0.05, hy + r * 1.1, r * 0.25, (40, 40, 40))
        elif prop == "lotus":
            lotus(d, x, py - r * 0.6, r * 1.3)
        for hx in (x - sw * 0.42, x + sw * 0.42):
            if prop != "mic":
                circle(d, hx, py + r * 0.45, sw * 0.13, look.skin)
    # head
    circle(d, x, hy, r, look.skin)
    if view == "front":
        d.chord((x - r * 1.06, hy - r * 1.1, x + r * 1.06, hy + r * 0.75), 180, 360, fill=look.hair)
        circle(d, x - r * 0.5, hy + r * 0.35, r * 0.16, (240, 150, 140, 120))
        circle(d, x + r * 0.5, hy + r * 0.35, r * 0.16, (240, 150, 140, 120))
    elif view == "back":
        circle(d, x, hy - r * 0.02, r * 1.03, look.hair)
    return (x, hy, r)


def audience_row(d, rng, y, n, h, x0, x1, looks=None, kids=True):
    """Back view of a row of seated people, heads at about y; bodies run off below."""
    step = (x1 - x0) / n
    for i in range(n):
        lk = (looks or (kid_look if kids else adult_look))(rng)
        x = x0 + step * (i + 0.5) + rng.uniform(-0.12, 0.12) * step
        person(d, x, y + h * 0.85 + rng.uniform(-0.03, 0.03) * h, h, lk, view="back", arms="down")


def lotus(d, cx, cy, s, petal=(248, 160, 190), light=(255, 214, 226)):
    for ang in (-60, -30, 30, 60):
        a = math.radians(ang - 90)
        px, py = cx + math.cos(a) * s * 0.35, cy + math.sin(a) * s * 0.35 + s * 0.2
        d.ellipse((px - s * 0.22, py - s * 0.45, px + s * 0.22, py + s * 0.25), fill=petal)
    d.ellipse((cx - s * 0.22, cy - s * 0.55, cx + s * 0.22, cy + s * 0.3), fill=light)
    d.chord((cx - s * 0.5, cy, cx + s * 0.5, cy + s * 0.5), 0, 180, fill=(90, 170, 110))


def lotus_leaf(d, cx, cy, s, color=(80, 160, 100)):
    d.ellipse((cx - s, cy - s * 0.4, cx + s, cy + s * 0.4), fill=color)
    d.line((cx, cy, cx + s * 0.9, cy - s * 0.1), fill=mix(color, WHITE, 0.3), width=max(2, int(s * 0.06)))


# ---------------------------------------------------------------------------
# Buildings, stages, rooms
# ---------------------------------------------------------------------------


def school_building(img, d, rng, box, wall, roof, window, lit=None, sign=True, dusk=False):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    shade = mix(wall, (0, 0, 0), 0.12)
    d.rectangle((x0, y0 + h * 0.12, x1, y1), fill=wall)
    # central tower
    tx0, tx1 = x0 + w * 0.41, x0 + w * 0.59
    d.rectangle((tx0, y0, tx1, y1), fill=mix(wall, WHITE, 0.15))
    d.polygon([(tx0 - w * 0.01, y0), (tx1 + w * 0.01, y0), ((tx0 + tx1) / 2, y0 - h * 0.14)], fill=roof)
    d.rectangle((x0 - w * 0.01, y0 + h * 0.1, x1 + w * 0.01, y0 + h * 0.15), fill=roof)
    star(d, (tx0 + tx1) / 2, y0 - h * 0.055, h * 0.045, GOLD)
    # windows
    floors, cols = 4, 5
    for side, (sx0, sx1) in enumerate(((x0 + w * 0.03, tx0 - w * 0.02), (tx1 + w * 0.02, x1 - w * 0.03))):
        cw = (sx1 - sx0) / cols
        fh = (y1 - (y0 + h * 0.2)) / floors
        for f in range(floors):
            for c in range(cols):
                wx, wy = sx0 + c * cw + cw * 0.18, y0 + h * 0.2 + f * fh + fh * 0.18
                col = window
                if lit and rng.random() < 0.55:
                    col = lit
                d.rectangle((wx, wy, wx + cw * 0.64, wy + fh * 0.5), fill=col)
                d.line((wx, wy + fh * 0.25, wx + cw * 0.64, wy + fh * 0.25), fill=shade, width=max(1, int(fh * 0.03)))
            d.line((sx0 - w * 0.02, y0 + h * 0.2 + f * fh + fh * 0.82, sx1 + w * 0.02, y0 + h * 0.2 + f * fh + fh * 0.82),
                   fill=shade, width=max(1, int(fh * 0.05)))
    # entrance
    ex0, ex1 = tx0 + w * 0.035, tx1 - w * 0.035
    d.rounded_rectangle((ex0, y1 - h * 0.22, ex1, y1 + 4), radius=w * 0.02, fill=mix(window, (0, 0, 0), 0.25) if not lit else lit)
    if sign:
        sy = y0 + h * 0.16
        d.rectangle((tx0 + w * 0.01, sy, tx1 - w * 0.01, sy + h * 0.09), fill=RED)
        f = fit_font("bold", "西乡县城北小学", (tx1 - tx0) * 0.86, h * 0.06)
        text_c(d, ((tx0 + tx1) / 2, sy + h * 0.045), "西乡县城北小学", f, GOLD)
    # tower windows
    for f in range(3):
        wy = y0 + h * (0.3 + f * 0.15)
        d.rectangle((tx0 + w * 0.04, wy, tx1 - w * 0.04, wy + h * 0.08), fill=lit or window)


def curtains(d, W, H, color, top_h, width_frac=0.16, folds=6):
    dark = mix(color, (0, 0, 0), 0.3)
    light = mix(color, WHITE, 0.12)
    cw = W * width_frac
    for side in (0, 1):
        for i in range(folds):
            fx = (i / folds) * cw
            x = fx if side == 0 else W - fx - cw / folds
            col = light if i % 2 == 0 else color
            d.rectangle((x, 0, x + cw / folds + 1, H * 0.9), fill=col)
        # tie-back bulge
        bx = cw if side == 0 else W - cw
        d.pieslice((bx - cw * 0.4, H * 0.05, bx + cw * 0.4, H * 0.95), 90 if side == 0 else 270,
                   270 if side == 0 else 90, fill=dark if False else None)
    # valance
    d.rectangle((0, 0, W, top_h), fill=dark)
    n = 14
    for i in range(n):
        x = W * i / n
        d.chord((x, top_h - W / n * 0.5, x + W / n, top_h + W / n * 0.5), 0, 180, fill=dark)
    d.line((0, top_h * 0.35, W, top_h * 0.35), fill=GOLD, width=max(2, int(top_h * 0.06)))


def stage_scene(img, d, rng, W, H, pal, banner, performers, flags=False, lotus_deco=False, audience=True):
    s = min(W, H)
    vgrad(img, (0, 0, W, H), pal["wall_top"], pal["wall_bottom"])
    floor_y = H * 0.74
    # backdrop
    bx0, bx1, by0, by1 = W * 0.14, W * 0.86, H * 0.1, floor_y
    vgrad(img, (bx0, by0, bx1, by1), pal["backdrop_top"], pal["backdrop_bottom"])
    scatter_stars(d, rng, (bx0, by0 + H * 0.15, bx1, by1 - H * 0.05), 18, [GOLD, WHITE], s * 0.008, s * 0.02, (60, 150))
    star(d, W * 0.5, by0 + H * 0.08, s * 0.045, GOLD)
    f = fit_font("bold", banner, W * 0.54, s * 0.07)
    text_c(d, (W * 0.5, by0 + H * 0.17), banner, f, pal.get("banner_text", GOLD))
    # stage floor
    vgrad(img, (0, floor_y, W, H * 0.86), pal["floor_top"], pal["floor_bottom"])
    d.rectangle((0, H * 0.86, W, H), fill=mix(pal["floor_bottom"], (0, 0, 0), 0.35))
    d.line((0, floor_y, W, floor_y), fill=mix(pal["floor_top"], WHITE, 0.3), width=max(2, int(H * 0.005)))
    # spotlights
    for sx in (0.3, 0.7):
        d.polygon([(W * sx - W * 0.02, 0), (W * sx + W * 0.02, 0), (W * (sx + (0.5 - sx) * 0.5) + W * 0.16, floor_y + H * 0.05),
                   (W * (sx + (0.5 - sx) * 0.5) - W * 0.16, floor_y + H * 0.05)], fill=(255, 250, 220, 36))
    if flags:
        for fx in (0.19, 0.74):
            flag(d, W * fx, H * 0.34, floor_y + H * 0.02, s * 0.12)
    if lotus_deco:
        for i in range(7):
            lx = W * (0.12 + i * 0.127)
            lotus_leaf(d, lx + s * 0.03, floor_y + H * 0.05, s * 0.07)
            lotus(d, lx, floor_y + H * 0.01, s * 0.07)
    performers(d, floor_y + H * 0.035)
    curtains(d, W, H, pal["curtain"], H * 0.08)
    if audience:
        audience_row(d, rng, H * 0.93, 9, s * 0.3, -W * 0.02, W * 1.02)


def room_wall(img, d, W, H, top, bottom, floor_y, floor_top, floor_bottom):
    vgrad(img, (0, 0, W, floor_y), top, bottom)
    vgrad(img, (0, floor_y, W, H), floor_top, floor_bottom)
    d.rectangle((0, floor_y - H * 0.012, W, floor_y), fill=mix(bottom, (0, 0, 0), 0.25))


def frame_painting(img, d, rng, box, frame=(140, 100, 60), mat=(250, 246, 236)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    fw = min(w, h) * 0.07
    d.rectangle((x0 + fw * 0.5, y0 + fw * 0.7, x1 + fw * 0.5, y1 + fw * 0.7), fill=(0, 0, 0, 50))
    d.rectangle(box, fill=frame)
    d.rectangle((x0 + fw, y0 + fw, x1 - fw, y1 - fw), fill=mat)
    ix0, iy0, ix1, iy1 = x0 + fw * 1.8, y0 + fw * 1.8, x1 - fw * 1.8, y1 - fw * 1.8
    kind = rng.choice(["landscape", "flower", "stars", "house", "sea"])
    sky = rng.choice([(150, 200, 240), (255, 220, 180), (190, 170, 230), (170, 220, 210)])
    vgrad(img, (ix0, iy0, ix1, iy1), mix(sky, WHITE, 0.3), sky)
    iw, ih = ix1 - ix0, iy1 - iy0
    g = rng.choice([(110, 180, 90), (90, 160, 110), (150, 190, 80)])
    if kind in ("landscape", "house"):
        d.ellipse((ix0 - iw * 0.2, iy0 + ih * 0.55, ix0 + iw * 0.7, iy1 + ih * 0.4), fill=g)
        d.ellipse((ix0 + iw * 0.3, iy0 + ih * 0.6, ix1 + iw * 0.3, iy1 + ih * 0.4), fill=mix(g, (0, 0, 0), 0.15))
        circle(d, ix0 + iw * 0.78, iy0 + ih * 0.25, min(iw, ih) * 0.12, (255, 190, 70))
        if kind == "house":
            hx, hy = ix0 + iw * 0.3, iy0 + ih * 0.55
            d.rectangle((hx, hy, hx + iw * 0.28, hy + ih * 0.25), fill=(240, 120, 90))
            d.polygon([(hx - iw * 0.04, hy), (hx + iw * 0.32, hy), (hx + iw * 0.14, hy - ih * 0.18)], fill=(170, 60, 60))
    elif kind == "flower":
        for _ in range(5):
            fx, fy = rng.uniform(ix0 + iw * 0.15, ix1 - iw * 0.15), rng.uniform(iy0 + ih * 0.3, iy1 - ih * 0.2)
            d.line((fx, fy, fx, iy1), fill=(80, 150, 80), width=max(1, int(iw * 0.02)))
            pc = rng.choice([(240, 90, 110), (250, 180, 60), (200, 110, 220), (250, 130, 80)])
            for k in range(5):
                a = k * 72
                circle(d, fx + math.cos(math.radians(a)) * iw * 0.05, fy + math.sin(math.radians(a)) * iw * 0.05, iw * 0.045, pc)
            circle(d, fx, fy, iw * 0.03, (255, 230, 120))
    elif kind == "stars":
        d.rectangle((ix0, iy0, ix1, iy1), fill=(40, 50, 110))
        for _ in range(7):
            star(d, rng.uniform(ix0 + iw * 0.1, ix1 - iw * 0.1), rng.uniform(iy0 + ih * 0.1, iy1 - ih * 0.1),
                 min(iw, ih) * rng.uniform(0.05, 0.12), GOLD)
        circle(d, ix0 + iw * 0.25, iy0 + ih * 0.25, min(iw, ih) * 0.1, (250, 240, 200))
    else:
        d.rectangle((ix0, iy0 + ih * 0.6, ix1, iy1), fill=(70, 140, 200))
        for k in range(3):
            yy = iy0 + ih * (0.68 + k * 0.1)
            d.arc((ix0 + iw * 0.1, yy - ih * 0.05, ix0 + iw * 0.4, yy + ih * 0.05), 0, 180, fill=WHITE, width=max(1, int(ih * 0.015)))
        d.polygon([(ix0 + iw * 0.5, iy0 + ih * 0.62), (ix0 + iw * 0.75, iy0 + ih * 0.62), (ix0 + iw * 0.7, iy0 + ih * 0.7),
                   (ix0 + iw * 0.55, iy0 + ih * 0.7)], fill=(200, 80, 60))
        d.polygon([(ix0 + iw * 0.62, iy0 + ih * 0.25), (ix0 + iw * 0.62, iy0 + ih * 0.6), (ix0 + iw * 0.8, iy0 + ih * 0.6)], fill=WHITE)


def calligraphy_scroll(d, box, text, paper=(246, 238, 214), ink=(40, 30, 30)):
    x0, y0, x1, y1 = box
    w = x1 - x0
    d.rectangle((x0 - w * 0.08, y0 - w * 0.06, x1 + w * 0.08, y0 + w * 0.04), fill=(120, 80, 50))
    d.rectangle((x0 - w * 0.08, y1 - w * 0.04, x1 + w * 0.08, y1 + w * 0.06), fill=(120, 80, 50))
    d.rectangle((x0, y0, x1, y1), fill=paper)
    d.rectangle((x0 + w * 0.08, y0 + w * 0.1, x1 - w * 0.08, y1 - w * 0.1), outline=(200, 180, 140), width=max(1, int(w * 0.02)))
    n = len(text)
    size = min(w * 0.6, (y1 - y0 - w * 0.5) / (n * 1.15))
    vtext(d, (x0 + x1) / 2, y0 + w * 0.25, text, FONT("serif", size), ink, step=1.15)
    d.rectangle((x1 - w * 0.3, y1 - w * 0.45, x1 - w * 0.16, y1 - w * 0.31), fill=RED)


def bust(d, cx, cy, s, look: Look, bg=None, hair_style="short"):
    """Head-and-shoulders silhouette centred at (cx, cy) (centre of the head), scale s = head radius."""
    r = s
    if hair_style == "long":
        d.rounded_rectangle((cx - r * 1.18, cy - r * 0.6, cx + r * 1.18, cy + r * 2.1), radius=r * 0.9, fill=look.hair)
    # shoulders
    d.rounded_rectangle((cx - r * 2.6, cy + r * 1.55, cx + r * 2.6, cy + r * 5.5), radius=r * 1.3, fill=look.shirt)
    # collar / neck
    d.rounded_rectangle((cx - r * 0.42, cy + r * 0.6, cx + r * 0.42, cy + r * 1.8), radius=r * 0.3, fill=mix(look.skin, (0, 0, 0), 0.06))
    d.polygon([(cx - r * 0.75, cy + r * 1.5), (cx, cy + r * 2.35), (cx + r * 0.75, cy + r * 1.5)], fill=mix(look.skin, (0, 0, 0), 0.06))
    d.polygon([(cx - r * 0.8, cy + r * 1.45), (cx - r * 0.05, cy + r * 2.4), (cx - r * 0.5, cy + r * 2.5), (cx - r * 1.0, cy + r * 1.6)], fill=WHITE)
    d.polygon([(cx + r * 0.8, cy + r * 1.45), (cx + r * 0.05, cy + r * 2.4), (cx + r * 0.5, cy + r * 2.5), (cx + r * 1.0, cy + r * 1.6)], fill=WHITE)
    d.ellipse((cx - r * 0.95, cy - r * 1.1, cx + r * 0.95, cy + r * 1.05), fill=look.skin)
    if hair_style == "short":
        d.chord((cx - r * 1.02, cy - r * 1.22, cx + r * 1.02, cy + r * 0.55), 175, 365, fill=look.hair)
    elif hair_style == "side":
        d.chord((cx - r * 1.02, cy - r * 1.22, cx + r * 1.02, cy + r * 0.6), 170, 370, fill=look.hair)
        d.pieslice((cx - r * 1.2, cy - r * 1.2, cx + r * 0.4, cy + r * 0.2), 180, 300, fill=look.hair)
    elif hair_style == "long":
        d.chord((cx - r * 1.05, cy - r * 1.25, cx + r * 1.05, cy + r * 0.5), 170, 370, fill=look.hair)
        d.pieslice((cx - r * 1.05, cy - r * 1.2, cx + r * 0.3, cy + r * 0.6), 170, 290, fill=look.hair)
    elif hair_style == "bun":
        circle(d, cx, cy - r * 1.15, r * 0.45, look.hair)
        d.chord((cx - r * 1.02, cy - r * 1.18, cx + r * 1.02, cy + r * 0.45), 175, 365, fill=look.hair)
    elif hair_style == "bald":
        d.chord((cx - r * 1.0, cy - r * 1.12, cx + r * 1.0, cy + r * 0.2), 200, 340, fill=look.hair)
    circle(d, cx - r * 0.48, cy + r * 0.35, r * 0.15, (240, 150, 140, 110))
    circle(d, cx + r * 0.48, cy + r * 0.35, r * 0.15, (240, 150, 140, 110))


# ---------------------------------------------------------------------------
# One-point perspective corridor: flat wall textures warped onto the walls
# ---------------------------------------------------------------------------


def _solve(a, b):
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] for i in range(n)]


def warp_onto(canvas: Image.Image, tex: Image.Image, quad) -> None:
    """Paste tex so that its corners (tl, tr, br, bl) land on quad."""
    tw, th = tex.size
    src = [(0, 0), (tw, 0), (tw, th), (0, th)]
    a, b = [], []
    for (X, Y), (u, v) in zip(quad, src):
        a.append([X, Y, 1, 0, 0, 0, -X * u, -Y * u]); b.append(u)
        a.append([0, 0, 0, X, Y, 1, -X * v, -Y * v]); b.append(v)
    coeffs = _solve(a, b)
    warped = tex.convert("RGBA").transform(canvas.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    canvas.paste(warped, (0, 0), warped)


class Corridor:
    def __init__(self, W, H, vx=0.5, vy=0.44, far=3.4):
        self.W, self.H = W, H
        self.vx, self.vy = W * vx, H * vy
        self.F = max(self.vx, W - self.vx) + W * 0.04
        self.hf = (H * 1.03 - self.vy) / self.F
        self.hc = (self.vy + H * 0.03) / self.F
        self.z0, self.z1 = 1.0, far

    def P(self, X, Y, z):
        return (self.vx + self.F * X / z, self.vy - self.F * Y / z)

    def wall_aspect(self):
        return (self.z1 - self.z0) / (self.hc + self.hf)

    def draw(self, img, d, rng, left_tex, right_tex, wall, floor, ceiling, end_draw=None):
        W, H, P = self.W, self.H, self.P
        hc, hf, z0, z1 = self.hc, -self.hf, self.z0, self.z1
        vgrad(img, (0, 0, W, H), ceiling, wall)
        # floor
        fl = [P(-1, hf, z0), P(1, hf, z0), P(1, hf, z1), P(-1, hf, z1)]
        d.polygon(fl, fill=floor)
        for i in range(9):
            X = -1 + i * 0.25
            d.line((P(X, hf, z0), P(X, hf, z1)), fill=mix(floor, (0, 0, 0), 0.12), width=max(1, int(W * 0.002)))
        z = z0
        while z < z1:
            d.line((P(-1, hf, z), P(1, hf, z)), fill=mix(floor, (0, 0, 0), 0.12), width=max(1, int(W * 0.002)))
            z += 0.25 * z * 0.5 + 0.08
        # ceiling with lights
        d.polygon([P(-1, hc, z0), P(1, hc, z0), P(1, hc, z1), P(-1, hc, z1)], fill=ceiling)
        for z in (1.3, 1.8, 2.4, 3.0):
            if z < z1:
                q = [P(-0.3, hc, z), P(0.3, hc, z), P(0.3, hc, z + 0.15), P(-0.3, hc, z + 0.15)]
                d.polygon(q, fill=(255, 252, 236))
        # end wall
        ex0, ey0 = P(-1, hc, z1)
        ex1, ey1 = P(1, hf, z1)
        vgrad(img, (ex0, ey0, ex1, ey1), mix(wall, WHITE, 0.2), wall)
        if end_draw:
            end_draw(d, (ex0, ey0, ex1, ey1))
        # walls
        warp_onto(img, left_tex, [P(-1, hc, z0), P(-1, hc, z1), P(-1, hf, z1), P(-1, hf, z0)])
        warp_onto(img, right_tex, [P(1, hc, z1), P(1, hc, z0), P(1, hf, z0), P(1, hf, z1)])

    def person_at(self, d, X, z, height_frac, look, view="back", **kw):
        x, yb = self.P(X, -self.hf, z)
        h = self.F * (self.hc + self.hf) * height_frac / z
        person(d, x, yb, h, look, view=view, **kw)


def window_end(d, box, sky=(170, 215, 245)):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    d.rectangle((x0 + w * 0.2, y0 + h * 0.18, x1 - w * 0.2, y0 + h * 0.62), fill=sky)
    d.rectangle((x0 + w * 0.2, y0 + h * 0.18, x1 - w * 0.2, y0 + h * 0.62), outline=WHITE, width=max(2, int(w * 0.02)))
    d.line(((x0 + x1) / 2, y0 + h * 0.18, (x0 + x1) / 2, y0 + h * 0.62), fill=WHITE, width=max(2, int(w * 0.02)))
    circle(d, x0 + w * 0.35, y0 + h * 0.55, w * 0.1, (120, 190, 110))
    circle(d, x1 - w * 0.3, y0 + h * 0.57, w * 0.08, (100, 170, 100))


def new_tex(aspect, th=900, color=(246, 240, 228)):
    tw = int(th * aspect)
    tex = Image.new("RGB", (tw, th), color)
    return tex, ImageDraw.Draw(tex, "RGBA")


def tex_wainscot(d, tw, th, color):
    d.rectangle((0, th * 0.82, tw, th), fill=color)
    d.line((0, th * 0.82, tw, th * 0.82), fill=mix(color, WHITE, 0.3), width=int(th * 0.01))


def bookshelf_tex(rng, aspect, title=None):
    tex, d = new_tex(aspect, color=(248, 238, 220))
    tw, th = tex.size
    wood, dark = (176, 122, 74), (130, 86, 50)
    d.rectangle((0, th * 0.18, tw, th * 0.98), fill=dark)
    shelves = 5
    for s in range(shelves):
        y0 = th * 0.2 + s * th * 0.156
        y1 = y0 + th * 0.156
        d.rectangle((0, y1 - th * 0.02, tw, y1), fill=wood)
        x = 6
        while x < tw - 10:
            bw = rng.uniform(th * 0.035, th * 0.06)
            bh = rng.uniform(0.7, 0.92) * (y1 - y0 - th * 0.02)
            col = rng.choice([(220, 80, 70), (70, 130, 200), (240, 190, 70), (90, 170, 120), (160, 100, 180),
                              (240, 140, 80), (80, 90, 150), (230, 230, 220)])
            if rng.random() < 0.06:
                x += bw * 2
                continue
            d.rectangle((x, y1 - th * 0.02 - bh, x + bw, y1 - th * 0.02), fill=col)
            x += bw + 2
    for k in range(0, int(aspect) + 2):
        px = k * th * 0.9
        d.rectangle((px, th * 0.18, px + th * 0.03, th * 0.98), fill=wood)
    if title:
        f = FONT("bold", th * 0.07)
        tx = tw * 0.2
        d.rounded_rectangle((tx, th * 0.04, tx + f.getlength(title) + th * 0.14, th * 0.14), radius=th * 0.03, fill=(230, 110, 60))
        star(d, tx + th * 0.06, th * 0.09, th * 0.035, GOLD)
        d.text((tx + th * 0.11, th * 0.09), title, font=f, fill=WHITE, anchor="lm")
    return tex


def paintings_tex(rng, aspect, title=None, wall=(250, 244, 232)):
    tex, d = new_tex(aspect, color=wall)
    tw, th = tex.size
    tex_wainscot(d, tw, th, (200, 160, 120))
    d.line((0, th * 0.17, tw, th * 0.17), fill=(150, 120, 90), width=int(th * 0.008))
    x = th * 0.15
    while x < tw - th * 0.5:
        pw = rng.uniform(0.35, 0.55) * th
        ph = rng.uniform(0.35, 0.5) * th
        y0 = th * 0.25 + rng.uniform(0, 0.1) * th
        if rng.random() < 0.3:
            calligraphy_scroll(d, (x, y0 - th * 0.04, x + th * 0.16, y0 + th * 0.48), rng.choice(["书香致远", "星光璀璨", "勤学善思", "天天向上"]))
            x += th * 0.28
            continue
        frame_painting(tex, d, rng, (x, y0, x + pw, y0 + ph), frame=rng.choice([(140, 100, 60), (60, 60, 70), (200, 160, 90)]))
        d.rectangle((x + pw * 0.3, y0 + ph + th * 0.03, x + pw * 0.7, y0 + ph + th * 0.07), fill=(255, 255, 255))
        x += pw + th * 0.16
    if title:
        f = FONT("bold", th * 0.065)
        d.text((th * 0.3, th * 0.09), title, font=f, fill=(180, 60, 50), anchor="lm")
        star(d, th * 0.2, th * 0.09, th * 0.04, (240, 170, 40))
    return tex


def portrait_row_tex(rng, aspect, names, title=None, wall=(238, 242, 248), accent=(40, 80, 150)):
    tex, d = new_tex(aspect, color=wall)
    tw, th = tex.size
    tex_wainscot(d, tw, th, mix(accent, WHITE, 0.35))
    d.rectangle((0, th * 0.16, tw, th * 0.18), fill=accent)
    step = (tw - th * 0.2) / len(names)
    for i, name in enumerate(names):
        x0 = th * 0.2 + i * step
        fw, fh = th * 0.38, th * 0.48
        y0 = th * 0.24
        d.rectangle((x0 + 8, y0 + 10, x0 + fw + 8, y0 + fh + 10), fill=(0, 0, 0, 40))
        d.rectangle((x0, y0, x0 + fw, y0 + fh), fill=(120, 90, 60))
        vgrad(tex, (x0 + fw * 0.08, y0 + fw * 0.08, x0 + fw * 0.92, y0 + fh - fw * 0.08),
              mix(accent, WHITE, 0.75), mix(accent, WHITE, 0.45))
        lk = Look((50, 55, 70), (0, 0, 0), (60, 60, 66), (120, 125, 140))
        bd = ImageDraw.Draw(tex, "RGBA")
        inner = Image.new("RGB", (int(fw * 0.84), int(fh - fw * 0.16)), (0, 0, 0))
        vgrad(inner, (0, 0) + inner.size, mix(accent, WHITE, 0.75), mix(accent, WHITE, 0.45))
        idr = ImageDraw.Draw(inner, "RGBA")
        iw, ih = inner.size
        bust(idr, iw / 2, ih * 0.38, iw * 0.17, Look((60, 66, 82), (0, 0, 0), (70, 72, 80), (150, 156, 170)),
             hair_style=rng.choice(["short", "side", "bald"]))
        tex.paste(inner, (int(x0 + fw * 0.08), int(y0 + fw * 0.08)))
        d.rectangle((x0 + fw * 0.05, y0 + fh + th * 0.03, x0 + fw * 0.95, y0 + fh + th * 0.1), fill=accent)
        f = fit_font("bold", name, fw * 0.8, th * 0.05)
        d.text((x0 + fw / 2, y0 + fh + th * 0.065), name, font=f, fill=WHITE, anchor="mm")
    if title:
        f = FONT("bold", th * 0.07)
        d.text((th * 0.25, th * 0.085), title, font=f, fill=accent, anchor="lm")
    return tex


def boards_tex(rng, aspect, heads, wall=(244, 240, 234), accent=(40, 120, 100)):
    tex, d = new_tex(aspect, color=wall)
    tw, th = tex.size
    tex_wainscot(d, tw, th, (170, 150, 130))
    step = (tw - th * 0.1) / len(heads)
    for i, head in enumerate(heads):
        x0 = th * 0.1 + i * step
        x1 = x0 + step - th * 0.12
        y0, y1 = th * 0.14, th * 0.72
        d.rectangle((x0 + 8, y0 + 10, x1 + 8, y1 + 10), fill=(0, 0, 0, 40))
        d.rectangle((x0, y0, x1, y1), fill=WHITE)
        d.rectangle((x0, y0, x1, y0 + th * 0.1), fill=accent)
        f = fit_font("bold", head, (x1 - x0) * 0.85, th * 0.06)
        d.text(((x0 + x1) / 2, y0 + th * 0.05), head, font=f, fill=WHITE, anchor="mm")
        # pictures and text lines
        px1 = x0 + (x1 - x0) * 0.45
        vgrad(tex, (x0 + th * 0.03, y0 + th * 0.14, px1, y0 + th * 0.36), (200, 225, 245), (150, 200, 160))
        lotus(d, (x0 + px1) / 2, y0 + th * 0.3, th * 0.1)
        for k in range(7):
            ly = y0 + th * (0.15 + k * 0.04)
            d.rounded_rectangle((px1 + th * 0.03, ly, max(px1 + th * 0.06, x1 - th * 0.03 - rng.uniform(0, th * 0.1)), ly + th * 0.015), radius=4,
                                fill=(190, 190, 195))
        for k in range(4):
            ly = y0 + th * (0.42 + k * 0.035)
            d.rounded_rectangle((x0 + th * 0.03, ly, max(x0 + th * 0.06, x1 - th * 0.03 - rng.uniform(0, th * 0.15)), ly + th * 0.014), radius=4,
                                fill=(200, 200, 205))
        star(d, x1 - th * 0.05, y1 - th * 0.05, th * 0.03, (230, 80, 60))
    return tex


# ---------------------------------------------------------------------------
# Scenes. Each takes (img, d, rng, W, H) on the supersampled canvas.
# ---------------------------------------------------------------------------


def outdoor_sky(img, d, rng, W, H, top, bottom, horizon, sun_at=None, clouds=3):
    vgrad(img, (0, 0, W, horizon + 2), top, bottom)
    s = min(W, H)
    if sun_at:
        sun(img, d, W * sun_at[0], H * sun_at[1], s * 0.06)
    for _ in range(clouds):
        cloud(d, rng.uniform(0.1, 0.9) * W, rng.uniform(0.08, 0.3) * H, s * rng.uniform(0.04, 0.07))


def scene_choir(img, d, rng, W, H, pal):
    def perf(d, fy):
        s = min(W, H)
        for row, (n, yoff, hh) in enumerate(((7, -0.07, 0.26), (6, 0.0, 0.28))):
            for i in range(n):
                x = W * (0.24 + (0.52 / (n - 1)) * i) + (W * 0.04 if row == 0 else 0)
                x = W * 0.22 + (W * 0.56) * (i + (0.5 if row == 0 else 0.25)) / n
                person(d, x, fy + H * yoff, s * hh, kid_look(rng), arms="front" if row else "down", prop="book" if row else None,
                       prop_color=RED)
    stage_scene(img, d, rng, W, H, pal, "喜迎二十大 讴歌新时代", perf, flags=True)


def scene_teachers_recite(img, d, rng, W, H, pal):
    def perf(d, fy):
        s = min(W, H)
        n = 5
        for i in range(n):
            x = W * 0.26 + W * 0.48 * i / (n - 1)
            person(d, x, fy + H * 0.01, s * 0.36, adult_look(rng, [(40, 50, 80), (180, 40, 50), (240, 240, 240), (40, 50, 80)]),
                   arms="front", prop="book", prop_color=RED)
    stage_scene(img, d, rng, W, H, pal, "诗朗诵 · 强国复兴有我", perf, flags=True)


def scene_exhibition(img, d, rng, W, H, pal, title="喜迎二十大 · 学生绘画展"):
    s = min(W, H)
    floor_y = H * 0.76
    room_wall(img, d, W, H, pal["wall_top"], pal["wall_bottom"], floor_y, (214, 190, 160), (180, 150, 120))
    d.rectangle((W * 0.08, H * 0.05, W * 0.92, H * 0.14), fill=RED)
    f = fit_font("bold", title, W * 0.7, s * 0.06)
    text_c(d, (W * 0.5, H * 0.095), title, f, GOLD)
    star(d, W * 0.12, H * 0.095, s * 0.028, GOLD)
    star(d, W * 0.88, H * 0.095, s * 0.028, GOLD)
    cols = 4 if W > H else 3
    rows = 2
    cw = W * 0.84 / cols
    for r in range(rows):
        for c in range(cols):
            x0 = W * 0.08 + c * cw + cw * 0.1
            y0 = H * (0.19 + r * 0.27)
            frame_painting(img, d, rng, (x0, y0, x0 + cw * 0.8, y0 + H * 0.22), frame=rng.choice([(140, 100, 60), (70, 70, 80), (200, 160, 90)]))
    for i in range(4 if W > H else 3):
        x = W * (0.14 + i * (0.72 / (3 if W > H else 2))) + rng.uniform(-W * 0.03, W * 0.03)
        person(d, x, H * 1.02, s * rng.uniform(0.38, 0.44), kid_look(rng), view="back")
    scatter_stars(d, rng, (0, 0, W, H * 0.05), 6, [GOLD], s * 0.008, s * 0.015)


def scene_meeting(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    floor_y = H * 0.62
    room_wall(img, d, W, H, pal["wall_top"], pal["wall_bottom"], floor_y, (190, 150, 120), (140, 100, 80))
    # screen
    sw = W * (0.62, 0.7, 0.48)[variant]
    sh = sw * 9 / 16
    sx0, sy0 = W / 2 - sw / 2, H * 0.07
    sh = min(sh, H * 0.46)
    d.rectangle((sx0 - s * 0.012, sy0 - s * 0.012, sx0 + sw + s * 0.012, sy0 + sh + s * 0.012), fill=(30, 30, 36))
    vgrad(img, (sx0, sy0, sx0 + sw, sy0 + sh), (210, 40, 40), (150, 20, 30))
    glow(img, sx0 + sw / 2, sy0 + sh * 0.45, sh * 0.5, (255, 200, 120), 110)
    star(d, sx0 + sw / 2, sy0 + sh * 0.32, sh * 0.15, GOLD)
    for k in range(-2, 3):
        if k:
            star(d, sx0 + sw / 2 + k * sw * 0.12, sy0 + sh * 0.28 + abs(k) * sh * 0.04, sh * 0.05, GOLD)
    f = fit_font("bold", "中国共产党第二十次全国代表大会", sw * 0.8, sh * 0.09)
    text_c(d, (sx0 + sw / 2, sy0 + sh * 0.62), "中国共产党第二十次全国代表大会", f, GOLD)
    f2 = FONT("sans", sh * 0.06)
    text_c(d, (sx0 + sw / 2, sy0 + sh * 0.77), "开幕会 · 直播", f2, (255, 230, 200))
    if variant == 2:
        d.rectangle((0, sy0 + sh + H * 0.03, W, sy0 + sh + H * 0.09), fill=RED)
        f3 = fit_font("bold", "认真学习宣传贯彻党的二十大精神", W * 0.8, H * 0.045)
        text_c(d, (W / 2, sy0 + sh + H * 0.06), "认真学习宣传贯彻党的二十大精神", f3, GOLD)
    # side flags
    for fx in (0.06, 0.86):
        if variant != 1:
            flag(d, W * fx, H * 0.16, floor_y, s * 0.1)
    # rows of teachers from behind, with desks
    rows = [(0.66, 0.17, 9), (0.76, 0.2, 8), (0.9, 0.25, 7)]
    if variant == 1:
        rows = [(0.7, 0.2, 7), (0.88, 0.27, 6)]
    for ry, hh, n in rows:
        for i in range(n):
            x = W * (i + 0.5) / n + rng.uniform(-0.015, 0.015) * W
            person(d, x, H * ry + s * hh * 0.6, s * hh, adult_look(rng), view="back")
        d.rectangle((0, H * ry + s * hh * 0.12, W, H * ry + s * hh * 0.2), fill=(170, 110, 70))
        d.rectangle((0, H * ry + s * hh * 0.2, W, H * ry + s * hh * 0.26), fill=(130, 80, 50))
        for i in range(n):
            x = W * (i + 0.5) / n
            d.rectangle((x - s * 0.03, H * ry + s * hh * 0.125, x + s * 0.03, H * ry + s * hh * 0.17), fill=(250, 250, 245))


def monument(img, d, W, H, cx, base_y, mh, text="革命烈士永垂不朽"):
    mw = mh * 0.16
    d.rectangle((cx - mw * 2.6, base_y - mh * 0.06, cx + mw * 2.6, base_y), fill=(190, 190, 186))
    d.rectangle((cx - mw * 2.0, base_y - mh * 0.12, cx + mw * 2.0, base_y - mh * 0.06), fill=(205, 205, 200))
    d.rectangle((cx - mw * 1.3, base_y - mh * 0.2, cx + mw * 1.3, base_y - mh * 0.12), fill=(215, 215, 210))
    top = base_y - mh
    d.polygon([(cx - mw * 0.75, base_y - mh * 0.2), (cx + mw * 0.75, base_y - mh * 0.2), (cx + mw * 0.55, top + mh * 0.08),
               (cx, top), (cx - mw * 0.55, top + mh * 0.08)], fill=(236, 234, 228))
    d.polygon([(cx, top), (cx + mw * 0.55, top + mh * 0.08), (cx + mw * 0.75, base_y - mh * 0.2), (cx + mw * 0.2, base_y - mh * 0.2)],
              fill=(218, 216, 210))
    star(d, cx, top + mh * 0.1, mw * 0.3, RED)
    n = len(text)
    size = mh * 0.6 / (n * 1.1)
    vtext(d, cx, top + mh * 0.17, text, FONT("serif", size), (190, 150, 50), step=1.08)


def wreath(d, cx, cy, r, ribbon=True):
    circle(d, cx, cy, r, (50, 120, 70))
    circle(d, cx, cy, r * 0.55, (0, 0, 0, 0))
    for k in range(16):
        a = math.radians(k * 22.5)
        col = WHITE if k % 2 else (250, 230, 120)
        circle(d, cx + math.cos(a) * r * 0.78, cy + math.sin(a) * r * 0.78, r * 0.16, col)
    circle(d, cx, cy, r * 0.5, (240, 240, 236))
    text_c(d, (cx, cy), "奠", FONT("serif", r * 0.55), (40, 40, 40))
    if ribbon:
        d.polygon([(cx - r * 0.3, cy + r * 0.8), (cx - r * 0.5, cy + r * 2.0), (cx - r * 0.2, cy + r * 1.9)], fill=WHITE)
        d.polygon([(cx + r * 0.3, cy + r * 0.8), (cx + r * 0.5, cy + r * 2.0), (cx + r * 0.2, cy + r * 1.9)], fill=WHITE)
    d.line((cx - r * 0.4, cy + r * 1.0, cx - r * 0.6, cy + r * 2.2), fill=(100, 80, 60), width=max(2, int(r * 0.06)))
    d.line((cx + r * 0.4, cy + r * 1.0, cx + r * 0.6, cy + r * 2.2), fill=(100, 80, 60), width=max(2, int(r * 0.06)))


def scene_memorial(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    ground = H * (0.7 if variant != 2 else 0.66)
    outdoor_sky(img, d, rng, W, H, pal["sky_top"], pal["sky_bottom"], ground, None, clouds=3)
    # hills
    d.ellipse((-W * 0.3, ground - H * 0.12, W * 0.6, ground + H * 0.2), fill=(150, 190, 160))
    d.ellipse((W * 0.4, ground - H * 0.1, W * 1.3, ground + H * 0.2), fill=(140, 180, 150))
    vgrad(img, (0, ground, W, H), (200, 196, 186), (170, 166, 156))
    # steps
    for k in range(3):
        y = ground + H * 0.02 + k * H * 0.035
        d.line((0, y, W, y), fill=(150, 146, 138), width=max(2, int(H * 0.004)))
    mh = H * (0.6 if H > W else 0.55)
    if variant == 1:
        mh = H * 0.75
    cx = W * 0.5 if variant != 1 else W * 0.62
    greens = [(40, 100, 60), (60, 130, 80)]
    for px in (0.08, 0.2, 0.8, 0.92) if variant != 1 else (0.1, 0.3, 0.92):
        pine(d, W * px, ground + H * 0.03, H * rng.uniform(0.42, 0.5), greens)
    monument(img, d, W, H, cx, ground + H * 0.02, mh)
    wr = s * (0.05 if variant != 1 else 0.085)
    for k in (-1, 1):
        wreath(d, cx + k * mh * 0.26, ground - wr * 0.6, wr)
    if variant == 1:
        wreath(d, cx - mh * 0.6, ground + wr * 0.6, wr * 1.1)
    # young pioneers
    if variant == 0:
        for row, (y, hh, n) in enumerate(((0.86, 0.2, 9), (0.99, 0.24, 8))):
            for i in range(n):
                x = W * (i + 0.5 + (0.3 if row else 0)) / n
                person(d, x, H * y, s * hh, kid_look(rng, shirts=[WHITE]), view="back")
        flag_team(d, W * 0.1, H * 0.62, H * 0.99, s * 0.12)
    elif variant == 1:
        for i, x in enumerate((0.18, 0.32)):
            person(d, W * x, H * 0.97, s * 0.42, kid_look(rng, shirts=[WHITE]), view="front", arms="salute")
    else:
        n = 6 if W > H else 4
        for i in range(n):
            x = W * (i + 0.5) / n
            person(d, x, H * 0.98, s * 0.34, kid_look(rng, shirts=[WHITE]), view="front", arms="salute")


def flag_team(d, x, ytop, ybot, fw):
    pw = fw * 0.04
    d.rectangle((x - pw / 2, ytop, x + pw / 2, ybot), fill=(200, 200, 200))
    d.polygon([(x, ytop), (x + fw, ytop + fw * 0.04), (x + fw, ytop + fw * 0.66), (x, ytop + fw * 0.66)], fill=RED)
    star(d, x + fw * 0.5, ytop + fw * 0.33, fw * 0.14, GOLD)


def scene_story(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    floor_y = H * 0.7
    room_wall(img, d, W, H, pal["wall_top"], pal["wall_bottom"], floor_y, (200, 170, 140), (160, 130, 100))
    # banner
    d.rectangle((W * 0.1, H * 0.06, W * 0.9, H * 0.15), fill=RED)
    f = fit_font("bold", "讲红色故事 承时代重任", W * 0.7, s * 0.06)
    text_c(d, (W / 2, H * 0.105), "讲红色故事 承时代重任", f, GOLD)
    # blackboard / screen with red star picture
    bx0, bx1 = W * 0.25, W * 0.75
    d.rectangle((bx0, H * 0.2, bx1, H * 0.48), fill=(50, 90, 70))
    d.rectangle((bx0, H * 0.2, bx1, H * 0.48), outline=(150, 110, 70), width=max(3, int(s * 0.01)))
    star(d, bx0 + (bx1 - bx0) * 0.85, H * 0.34, s * 0.06, RED)
    f2 = fit_font("bold", "小小宣讲员", (bx1 - bx0) * 0.4, s * 0.045)
    text_c(d, (bx0 + (bx1 - bx0) * 0.58, H * 0.3), "小小宣讲员", f2, WHITE)
    text_c(d, (bx0 + (bx1 - bx0) * 0.58, H * 0.39), "红色故事会", f2, (250, 220, 120))
    # platform
    d.rectangle((W * 0.12, floor_y - H * 0.04, W * 0.88, floor_y + H * 0.02), fill=(170, 60, 50))
    speaker_x = W * (0.3 if variant != 1 else 0.25)
    person(d, speaker_x, floor_y - H * 0.03, s * 0.36, kid_look(rng, shirts=[WHITE]), arms="wave" if variant == 0 else "front",
           prop="mic" if variant == 0 else "book")
    if variant == 1:
        # a teacher listening at the side
        person(d, W * 0.84, floor_y - H * 0.03, s * 0.44, adult_look(rng), arms="down")
    # listeners
    audience_row(d, rng, H * 0.8, 7, s * 0.28, W * 0.02, W * 0.98)
    audience_row(d, rng, H * 0.93, 6, s * 0.34, -W * 0.02, W * 1.02)


def star_cake(d, cx, cy, s):
    d.rounded_rectangle((cx - s * 1.1, cy, cx + s * 1.1, cy + s * 0.7), radius=s * 0.15, fill=(250, 236, 220))
    d.rectangle((cx - s * 1.1, cy + s * 0.25, cx + s * 1.1, cy + s * 0.35), fill=(240, 120, 130))
    d.ellipse((cx - s * 1.1, cy - s * 0.15, cx + s * 1.1, cy + s * 0.15), fill=(255, 246, 236))
    star(d, cx, cy - s * 0.55, s * 0.6, GOLD, outline=DEEP_GOLD, width=int(s * 0.04))
    for k in (-0.7, 0.7):
        d.rectangle((cx + k * s - s * 0.04, cy - s * 0.35, cx + k * s + s * 0.04, cy - s * 0.02), fill=(120, 170, 230))
        d.ellipse((cx + k * s - s * 0.05, cy - s * 0.5, cx + k * s + s * 0.05, cy - s * 0.34), fill=(255, 170, 60))


def book_stack(d, rng, x, yb, w, n):
    y = yb
    for _ in range(n):
        bh = w * rng.uniform(0.12, 0.18)
        off = rng.uniform(-0.06, 0.06) * w
        col = rng.choice([(220, 80, 70), (70, 130, 200), (240, 190, 70), (90, 170, 120), (160, 100, 180)])
        d.rectangle((x + off, y - bh, x + off + w, y), fill=col)
        d.rectangle((x + off + w * 0.04, y - bh * 0.75, x + off + w * 0.96, y - bh * 0.3), fill=(250, 250, 240))
        y -= bh


def scene_ceremony(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    floor_y = H * 0.64
    room_wall(img, d, W, H, pal["wall_top"], pal["wall_bottom"], floor_y, (200, 170, 140), (170, 140, 110))
    d.rectangle((W * 0.06, H * 0.06, W * 0.94, H * 0.16), fill=RED)
    f = fit_font("bold", "政治生日 · 赠书共享", W * 0.75, s * 0.065)
    text_c(d, (W / 2, H * 0.11), "政治生日 · 赠书共享", f, GOLD)
    # party-flag-like red panel with stars
    d.rounded_rectangle((W * 0.35, H * 0.2, W * 0.65, H * 0.4), radius=s * 0.02, fill=(200, 35, 40))
    star(d, W * 0.5, H * 0.3, s * 0.07, GOLD)
    scatter_stars(d, rng, (W * 0.05, H * 0.18, W * 0.3, H * 0.45), 6, [GOLD, (255, 160, 160)], s * 0.012, s * 0.025)
    scatter_stars(d, rng, (W * 0.7, H * 0.18, W * 0.95, H * 0.45), 6, [GOLD, (255, 160, 160)], s * 0.012, s * 0.025)
    # people behind the table
    n = 5 if W > H else 3
    for i in range(n):
        x = W * (i + 0.5) / n
        person(d, x, H * 0.78, s * 0.46, adult_look(rng), arms="front" if variant != 2 else "down",
               prop="book" if variant != 2 else None, prop_color=rng.choice([(70, 130, 200), (220, 80, 70), (90, 170, 120)]))
    # table
    ty = H * 0.66
    d.rectangle((W * 0.02, ty, W * 0.98, H * 0.95), fill=(196, 30, 36))
    d.rectangle((W * 0.02, ty, W * 0.98, ty + H * 0.03), fill=(220, 60, 60))
    for k in range(12):
        x = W * (0.02 + k * 0.08)
        d.line((x, ty + H * 0.03, x + W * 0.01, H * 0.95), fill=(170, 24, 30), width=max(2, int(W * 0.003)))
    star_cake(d, W * 0.5, ty - s * 0.1, s * 0.1)
    book_stack(d, rng, W * 0.12, ty + 2, s * 0.16, 5)
    book_stack(d, rng, W * 0.74, ty + 2, s * 0.16, 4)
    if variant == 2:
        for k in range(3):
            x = W * (0.25 + k * 0.25)
            d.rectangle((x - s * 0.06, ty - s * 0.02, x + s * 0.06, ty + s * 0.05), fill=(250, 246, 230))
    d.rectangle((0, H * 0.95, W, H), fill=(120, 90, 70))


def scene_playground(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    horizon = H * 0.5
    outdoor_sky(img, d, rng, W, H, pal["sky_top"], pal["sky_bottom"], horizon, (0.85, 0.14), clouds=3)
    school_building(img, d, rng, (W * 0.15, H * 0.2, W * 0.85, horizon), (246, 236, 220), (200, 80, 60), (150, 200, 235))
    flag(d, W * 0.08, H * 0.12, horizon + H * 0.05, s * 0.12)
    for x in (0.02, 0.92, 0.98):
        round_tree(d, W * x, horizon + H * 0.02, H * 0.22, [(90, 160, 90), (110, 180, 100)])
    vgrad(img, (0, horizon, W, H), (120, 190, 110), (90, 160, 90))
    # track
    d.rectangle((0, horizon + H * 0.03, W, horizon + H * 0.14), fill=(210, 100, 70))
    for k in range(4):
        y = horizon + H * (0.04 + k * 0.03)
        d.line((0, y, W, y), fill=(250, 240, 230), width=max(2, int(H * 0.003)))
    by = H * 0.37
    d.rectangle((W * 0.22, by, W * 0.78, by + s * 0.07), fill=RED)
    f = fit_font("bold", "明星家庭 星爸星妈", W * 0.5, s * 0.05)
    text_c(d, (W / 2, by + s * 0.035), "明星家庭 星爸星妈", f, GOLD)
    fams = 4 if W > H else 2
    if variant == 2:
        fams = 3 if W > H else 2
    for i in range(fams):
        cx = W * (i + 0.5) / fams
        base = H * 0.97
        ah = s * (0.5 if variant != 1 else 0.55)
        person(d, cx - s * 0.08, base, ah, adult_look(rng), arms="down")
        person(d, cx + s * 0.12, base - H * 0.01, ah * 0.95, adult_look(rng), arms="down")
        person(d, cx + s * 0.02, base + H * 0.01, ah * 0.68, kid_look(rng), arms="front", prop="cert")
    scatter_stars(d, rng, (0, 0, W, H * 0.45), 14, [GOLD, (255, 140, 120), WHITE], s * 0.01, s * 0.022)


def scene_lotus_stage(img, d, rng, W, H, pal, variant=0):
    def perf(d, fy):
        s = min(W, H)
        n = 5 if W > H else 3
        for i in range(n):
            x = W * 0.28 + W * 0.44 * i / max(1, n - 1)
            lk = kid_look(rng, scarf=False, shirts=[(250, 190, 210), (255, 255, 255), (200, 230, 200)])
            person(d, x, fy + (H * 0.02 if i % 2 else 0), s * (0.3 if variant != 1 else 0.34), lk,
                   arms="up" if (i + variant) % 2 else "front", prop=None if (i + variant) % 2 else "lotus")
    title = "《爱“廉”说》" if variant != 2 else "莲·廉 —— 出淤泥而不染"
    stage_scene(img, d, rng, W, H, pal, title, perf, lotus_deco=True)


def scene_inspection(img, d, rng, W, H, pal, variant=0):
    c = Corridor(W, H, vx=0.46 if variant == 0 else 0.56, vy=0.44)
    asp = c.wall_aspect()
    lt = boards_tex(rng, asp, ["清廉学校建设", "廉洁文化进校园", "党风廉政"], accent=(30, 110, 90))
    rt = boards_tex(rng, asp, ["廉洁从教", "清风校园", "家校共廉"], accent=(170, 50, 50))
    c.draw(img, d, rng, lt, rt, (240, 236, 226), (200, 196, 188), (250, 250, 246), window_end)
    looks = [adult_look(rng, [(40, 50, 70), (60, 60, 70), (230, 230, 235), (50, 70, 110)]) for _ in range(5)]
    spots = [(-0.72, 1.9), (-0.5, 2.2), (0.6, 1.6), (0.3, 1.3), (-0.2, 1.15)]
    if variant == 1:
        spots = [(-0.7, 1.4), (-0.45, 1.55), (0.65, 2.3), (0.1, 1.1)]
    for (X, z), lk in sorted(zip(spots, looks), key=lambda t: -t[0][1]):
        c.person_at(d, X, z, 0.58, lk, view="back", arms="down")


def scene_planting(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    horizon = H * 0.52
    outdoor_sky(img, d, rng, W, H, pal["sky_top"], pal["sky_bottom"], horizon, (0.8, 0.16), clouds=3)
    d.ellipse((-W * 0.4, horizon - H * 0.15, W * 0.5, horizon + H * 0.25), fill=(130, 190, 120))
    d.ellipse((W * 0.3, horizon - H * 0.12, W * 1.4, horizon + H * 0.25), fill=(110, 175, 110))
    vgrad(img, (0, horizon + H * 0.05, W, H), (150, 200, 110), (110, 170, 90))
    for k in range(5):
        round_tree(d, W * (0.05 + k * 0.22), horizon + H * 0.06, H * rng.uniform(0.18, 0.24), [(80, 150, 80), (100, 175, 95)])
    # sign
    sx = W * 0.14
    d.rectangle((sx - s * 0.006, H * 0.56, sx + s * 0.006, H * 0.74), fill=(120, 84, 56))
    d.rounded_rectangle((sx - s * 0.12, H * 0.53, sx + s * 0.12, H * 0.63), radius=s * 0.01, fill=(250, 245, 230), outline=(120, 84, 56), width=4)
    f = fit_font("bold", "五知五行", s * 0.2, s * 0.04)
    text_c(d, (sx, H * 0.565), "五知五行", f, (40, 120, 60))
    text_c(d, (sx, H * 0.605), "知行合一", f, (200, 60, 50))
    n = 3 if W > H else 2
    for i in range(n):
        x = W * (0.35 + i * (0.55 / n))
        yb = H * (0.8 + 0.06 * (i % 2))
        # soil mound and sapling
        d.ellipse((x - s * 0.08, yb - s * 0.02, x + s * 0.08, yb + s * 0.03), fill=(140, 100, 70))
        d.line((x, yb, x, yb - s * 0.18), fill=(120, 84, 56), width=max(3, int(s * 0.008)))
        for a, dy in ((-40, 0.14), (30, 0.11), (-20, 0.18), (45, 0.16)):
            lx = x + math.cos(math.radians(a)) * s * 0.03 * (1 if a > 0 else -1)
            d.ellipse((lx - s * 0.025, yb - s * dy - s * 0.012, lx + s * 0.025, yb - s * dy + s * 0.012), fill=(70, 160, 70))
        person(d, x - s * 0.13, yb + s * 0.02, s * 0.3, kid_look(rng), arms="front" if variant == 2 else "down")
        # shovel
        d.line((x - s * 0.2, yb - s * 0.18, x - s * 0.1, yb), fill=(140, 100, 60), width=max(3, int(s * 0.008)))
        d.polygon([(x - s * 0.11, yb - s * 0.02), (x - s * 0.07, yb - s * 0.03), (x - s * 0.08, yb + s * 0.03)], fill=(150, 150, 160))
        person(d, x + s * 0.13, yb + s * 0.01, s * 0.29, kid_look(rng), arms="up" if variant == 1 else "down")
        # watering can
        cx, cy = x + s * 0.06, yb - s * 0.02
        d.rounded_rectangle((cx, cy - s * 0.04, cx + s * 0.05, cy), radius=s * 0.01, fill=(60, 140, 210))
        d.line((cx, cy - s * 0.03, cx - s * 0.03, cy - s * 0.06), fill=(60, 140, 210), width=max(3, int(s * 0.008)))
    if variant != 0:
        person(d, W * 0.9, H * 0.96, s * 0.46, adult_look(rng), arms="wave")


def scene_classroom(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    floor_y = H * 0.6
    room_wall(img, d, W, H, pal["wall_top"], pal["wall_bottom"], floor_y, (210, 180, 140), (180, 150, 110))
    # window with evening sky
    wx0, wx1 = W * 0.02, W * 0.2
    vgrad(img, (wx0, H * 0.12, wx1, H * 0.45), (250, 190, 120), (250, 220, 170))
    d.rectangle((wx0, H * 0.12, wx1, H * 0.45), outline=WHITE, width=max(3, int(s * 0.01)))
    d.line(((wx0 + wx1) / 2, H * 0.12, (wx0 + wx1) / 2, H * 0.45), fill=WHITE, width=max(3, int(s * 0.01)))
    # blackboard
    bx0, bx1 = W * 0.26, W * 0.8
    d.rectangle((bx0, H * 0.1, bx1, H * 0.44), fill=(46, 86, 66))
    d.rectangle((bx0, H * 0.1, bx1, H * 0.44), outline=(150, 110, 70), width=max(3, int(s * 0.012)))
    f = fit_font("bold", "课后延时服务", (bx1 - bx0) * 0.6, s * 0.06)
    text_c(d, ((bx0 + bx1) / 2, H * 0.18), "课后延时服务", f, (250, 250, 240))
    f2 = FONT("sans", s * 0.035)
    lines = ["作业辅导 · 阅读 · 书法", "科学小实验 · 合唱"] if variant != 1 else ["今天的作业：", "语文 数学 练习册"]
    for k, ln in enumerate(lines):
        text_c(d, ((bx0 + bx1) / 2, H * (0.27 + k * 0.07)), ln, f2, (230, 240, 220))
    star(d, bx0 + W * 0.05, H * 0.18, s * 0.03, (250, 230, 120))
    star(d, bx1 - W * 0.05, H * 0.18, s * 0.03, (250, 230, 120))
    # clock
    circle(d, W * 0.9, H * 0.16, s * 0.045, WHITE, outline=(80, 80, 80), width=int(s * 0.006))
    d.line((W * 0.9, H * 0.16, W * 0.9, H * 0.16 - s * 0.03), fill=(40, 40, 40), width=max(2, int(s * 0.005)))
    d.line((W * 0.9, H * 0.16, W * 0.9 + s * 0.022, H * 0.16 + s * 0.01), fill=(40, 40, 40), width=max(2, int(s * 0.005)))
    # 党员先锋岗 sign
    px, py = W * 0.9, H * 0.32
    d.rounded_rectangle((px - s * 0.09, py - s * 0.06, px + s * 0.09, py + s * 0.06), radius=s * 0.01, fill=RED, outline=GOLD, width=int(s * 0.005))
    star(d, px, py - s * 0.03, s * 0.018, GOLD)
    text_c(d, (px, py + s * 0.015), "党员先锋岗", fit_font("bold", "党员先锋岗", s * 0.16, s * 0.03), GOLD)
    # rows of desks with children
    rows = [(0.7, 0.2, 5), (0.85, 0.26, 4)] if W > H else [(0.7, 0.2, 3), (0.85, 0.26, 3)]
    teacher_drawn = False
    for ri, (ry, hh, n) in enumerate(rows):
        for i in range(n):
            x = W * (i + 0.5) / n
            person(d, x, H * ry + s * hh * 0.55, s * hh, kid_look(rng), view="back")
        if ri == 0 and not teacher_drawn:
            tx = W * 0.7
            person(d, tx, H * ry + s * 0.2, s * 0.5, adult_look(rng, [(180, 40, 50), (60, 80, 130)]), view="front", arms="front",
                   prop="book", prop_color=(70, 130, 200))
            teacher_drawn = True
        top = H * ry + s * hh * 0.1
        d.rectangle((0, top, W, top + s * hh * 0.09), fill=(200, 150, 90))
        d.rectangle((0, top + s * hh * 0.09, W, top + s * hh * 0.5), fill=(160, 110, 60))  # desk front hides the legs
        for i in range(n):
            x = W * (i + 0.5) / n
            d.rectangle((x - s * 0.04, top + s * 0.004, x + s * 0.04, top + s * hh * 0.07), fill=(250, 250, 244))


# --- corridors ----------------------------------------------------------


def sign_end(title, color):
    def draw(d, box):
        x0, y0, x1, y1 = box
        w = x1 - x0
        window_end(d, box)
        f = fit_font("bold", title, w * 0.8, w * 0.12)
        d.rounded_rectangle((x0 + w * 0.05, y0 + w * 0.02, x1 - w * 0.05, y0 + w * 0.17), radius=w * 0.03, fill=color)
        text_c(d, ((x0 + x1) / 2, y0 + w * 0.095), title, f, WHITE)
    return draw


def scene_dushuba(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    if variant == 0:
        c = Corridor(W, H, vx=0.5, vy=0.45)
        asp = c.wall_aspect()
        c.draw(img, d, rng, bookshelf_tex(rng, asp, "星星读书吧"), bookshelf_tex(rng, asp, "书香伴成长"),
               (250, 236, 214), (214, 170, 120), (255, 248, 236), sign_end("星星读书吧", (230, 110, 60)))
        c.person_at(d, -0.45, 2.0, 0.45, kid_look(rng), view="back", arms="front")
        c.person_at(d, 0.5, 1.6, 0.45, kid_look(rng), view="front", arms="front", prop="book", prop_color=(70, 130, 200))
        return
    floor_y = H * 0.72
    room_wall(img, d, W, H, (252, 240, 220), (246, 226, 196), floor_y, (220, 180, 130), (190, 150, 100))
    shelf = bookshelf_tex(rng, W / (floor_y * 1.0), "星星读书吧 · 共读时光").resize((int(W), int(floor_y)))
    img.paste(shelf, (0, 0))
    # rug and cushions
    d.ellipse((W * 0.08, H * 0.76, W * 0.92, H * 1.05), fill=(240, 170, 110))
    d.ellipse((W * 0.14, H * 0.8, W * 0.86, H * 1.0), fill=(250, 200, 140))
    n = 4 if W > H else 3
    for i in range(n):
        x = W * (i + 0.5) / n
        yb = H * (0.94 + 0.03 * (i % 2))
        circle(d, x, yb, s * 0.07, rng.choice([(120, 170, 230), (240, 120, 120), (140, 200, 140)]))
        person(d, x, yb, s * 0.32, kid_look(rng), arms="front", prop="book",
               prop_color=rng.choice([(70, 130, 200), (220, 80, 70), (240, 190, 70), (90, 170, 120)]))
    scatter_stars(d, rng, (0, 0, W, H * 0.15), 8, [GOLD, (255, 150, 120)], s * 0.01, s * 0.02)


def scene_shuhualang(img, d, rng, W, H, pal, variant=0):
    if variant == 0:
        c = Corridor(W, H, vx=0.54, vy=0.45)
        asp = c.wall_aspect()
        c.draw(img, d, rng, paintings_tex(rng, asp, "星星书画廊"), paintings_tex(rng, asp, "童心绘彩"),
               (250, 244, 232), (190, 160, 130), (255, 252, 244), sign_end("星星书画廊", (180, 60, 50)))
        c.person_at(d, -0.55, 1.7, 0.45, kid_look(rng), view="back")
        c.person_at(d, -0.35, 1.75, 0.44, kid_look(rng), view="back")
        return
    scene_exhibition(img, d, rng, W, H, {"wall_top": (252, 248, 238), "wall_bottom": (240, 232, 214)}, "星星书画廊 · 学生作品")
    s = min(W, H)
    for k, (x, txt) in enumerate(((0.03, "书香致远"), (0.91, "星光璀璨"))):
        calligraphy_scroll(d, (W * x, H * 0.2, W * x + W * 0.06, H * 0.66), txt)


def telescope(d, x, yb, h):
    col = (60, 70, 100)
    for dx in (-0.25, 0, 0.25):
        d.line((x, yb - h * 0.55, x + dx * h, yb), fill=(90, 90, 100), width=max(3, int(h * 0.025)))
    d.polygon([(x - h * 0.28, yb - h * 0.5), (x + h * 0.32, yb - h * 0.95), (x + h * 0.38, yb - h * 0.86), (x - h * 0.22, yb - h * 0.42)], fill=col)
    d.polygon([(x + h * 0.3, yb - h * 0.97), (x + h * 0.4, yb - h * 1.04), (x + h * 0.46, yb - h * 0.92), (x + h * 0.36, yb - h * 0.85)], fill=(200, 200, 210))
    circle(d, x, yb - h * 0.55, h * 0.04, (200, 160, 60))


def globe(d, x, yb, h):
    r = h * 0.35
    cy = yb - h * 0.6
    d.rectangle((x - h * 0.2, yb - h * 0.06, x + h * 0.2, yb), fill=(150, 110, 70))
    d.line((x, yb - h * 0.06, x, cy + r), fill=(150, 110, 70), width=max(3, int(h * 0.04)))
    circle(d, x, cy, r, (90, 160, 220))
    d.ellipse((x - r * 0.6, cy - r * 0.6, x + r * 0.1, cy + r * 0.1), fill=(110, 180, 100))
    d.ellipse((x + r * 0.1, cy - r * 0.1, x + r * 0.6, cy + r * 0.6), fill=(110, 180, 100))
    d.arc((x - r * 1.15, cy - r * 1.15, x + r * 1.15, cy + r * 1.15), 100, 300, fill=(200, 160, 60), width=max(3, int(h * 0.03)))


def microscope(d, x, yb, h):
    col = (230, 232, 238)
    d.rounded_rectangle((x - h * 0.25, yb - h * 0.08, x + h * 0.25, yb), radius=h * 0.03, fill=(70, 80, 100))
    d.rounded_rectangle((x + h * 0.05, yb - h * 0.7, x + h * 0.18, yb - h * 0.05), radius=h * 0.05, fill=(70, 80, 100))
    d.rectangle((x - h * 0.25, yb - h * 0.4, x + h * 0.12, yb - h * 0.35), fill=(70, 80, 100))
    d.polygon([(x - h * 0.12, yb - h * 0.95), (x, yb - h * 1.0), (x + h * 0.02, yb - h * 0.45), (x - h * 0.1, yb - h * 0.45)], fill=col)
    d.rectangle((x - h * 0.15, yb - h * 1.05, x + h * 0.03, yb - h * 0.97), fill=(70, 80, 100))


def solar_poster(img, d, box):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    vgrad(img, box, (30, 40, 100), (60, 40, 120))
    sun_r = h * 0.18
    circle(d, x0 + w * 0.08, (y0 + y1) / 2, sun_r, (255, 190, 70))
    cols = [(180, 180, 180), (230, 180, 110), (80, 150, 230), (220, 100, 70), (220, 170, 120), (230, 210, 150)]
    for i, col in enumerate(cols):
        px = x0 + w * (0.25 + i * 0.13)
        circle(d, px, (y0 + y1) / 2, h * (0.05 + 0.02 * (i % 3)), col)
        if i == 5:
            d.ellipse((px - h * 0.14, (y0 + y1) / 2 - h * 0.03, px + h * 0.14, (y0 + y1) / 2 + h * 0.03), outline=(250, 230, 180), width=3)
    for k in range(12):
        star(d, x0 + w * ((k * 0.37) % 1), y0 + h * ((k * 0.61) % 1), h * 0.03, (255, 255, 220, 180))


def scene_kejijiao(img, d, rng, W, H, pal, variant=0):
    s = min(W, H)
    floor_y = H * 0.74
    room_wall(img, d, W, H, (226, 238, 250), (206, 224, 244), floor_y, (180, 190, 210), (150, 160, 185))
    title = "星星科技角" if variant == 0 else "星星科技角 · 小实验"
    d.rounded_rectangle((W * 0.05, H * 0.05, W * 0.05 + FONT("bold", s * 0.06).getlength(title) + s * 0.15, H * 0.05 + s * 0.1),
                        radius=s * 0.02, fill=(40, 90, 170))
    star(d, W * 0.05 + s * 0.06, H * 0.05 + s * 0.05, s * 0.03, GOLD)
    d.text((W * 0.05 + s * 0.11, H * 0.05 + s * 0.05), title, font=FONT("bold", s * 0.06), fill=WHITE, anchor="lm")
    solar_poster(img, d, (W * 0.45, H * 0.06, W * 0.95, H * 0.3))
    # star chart
    d.rectangle((W * 0.06, H * 0.22, W * 0.34, H * 0.46), fill=(20, 30, 70))
    pts = [(0.1, 0.3), (0.2, 0.25), (0.28, 0.32), (0.36, 0.3), (0.45, 0.5), (0.55, 0.45), (0.62, 0.6)]
    P = [(W * 0.06 + W * 0.28 * px, H * 0.22 + H * 0.24 * py) for px, py in pts]
    d.line(P, fill=(200, 210, 255, 160), width=3)
    for p in P:
        star(d, p[0], p[1], s * 0.014, GOLD)
    f = FONT("sans", s * 0.028)
    text_c(d, (W * 0.2, H * 0.43), "北斗七星", f, (220, 230, 255))
    # table
    ty = H * 0.62
    d.rectangle((W * 0.04, ty, W * 0.96, ty + H * 0.03), fill=(200, 150, 100))
    d.rectangle((W * 0.08, ty + H * 0.03, W * 0.1, floor_y + H * 0.1), fill=(160, 110, 70))
    d.rectangle((W * 0.9, ty + H * 0.03, W * 0.92, floor_y + H * 0.1), fill=(160, 110, 70))
    if variant == 0:
        telescope(d, W * 0.2, ty, s * 0.34)
        globe(d, W * 0.5, ty, s * 0.3)
        microscope(d, W * 0.76, ty, s * 0.24)
        person(d, W * 0.64, H * 1.05, s * 0.42, kid_look(rng), view="back")
    else:
        for k, col in enumerate([(90, 180, 240), (240, 120, 150), (130, 210, 120), (250, 200, 80)]):
            x = W * (0.22 + k * 0.17)
            fh = s * 0.14
            d.polygon([(x - fh * 0.12, ty - fh), (x + fh * 0.12, ty - fh), (x + fh * 0.12, ty - fh * 0.6), (x + fh * 0.4, ty),
                       (x - fh * 0.4, ty), (x - fh * 0.12, ty - fh * 0.6)], fill=(230, 240, 250, 200))
            d.polygon([(x - fh * 0.2, ty - fh * 0.35), (x + fh * 0.2, ty - fh * 0.35), (x + fh * 0.4, ty), (x - fh * 0.4, ty)], fill=col)
            for b in range(3):
                circle(d, x + rng.uniform(-fh * 0.1, fh * 0.1), ty - fh * (1.1 + b * 0.15), fh * 0.05, alpha(col, 150))
        n = 3 if W > H else 2
        for i in range(n):
            person(d, W * (0.2 + i * 0.6 / max(1, n - 1)), H * 1.02, s * 0.4, kid_look(rng), view="back")
        # magnifier
        circle(d, W * 0.82, ty - s * 0.12, s * 0.05, (220, 240, 255, 160), outline=(60, 60, 60), width=int(s * 0.01))
        d.line((W * 0.82 + s * 0.035, ty - s * 0.085, W * 0.82 + s * 0.09, ty - s * 0.03), fill=(60, 60, 60), width=int(s * 0.015))


SCIENTISTS = ["钱学森", "邓稼先", "袁隆平", "屠呦呦", "华罗庚", "李四光", "竺可桢", "詹天佑"]
EDUCATORS = ["孔子", "蔡元培", "陶行知", "叶圣陶", "晏阳初", "徐特立", "黄炎培", "张伯苓"]


def scene_gallery(img, d, rng, W, H, pal, names, title, accent, variant=0, focus=None, quote=None, subtitle=None):
    s = min(W, H)
    if variant == 0:
        c = Corridor(W, H, vx=0.48, vy=0.45, far=3.6)
        asp = c.wall_aspect()
        half = len(names) // 2
        c.draw(img, d, rng, portrait_row_tex(rng, asp, names[:half], title, accent=accent),
               portrait_row_tex(rng, asp, names[half:], None, accent=accent),
               (240, 244, 250), (200, 204, 214), (252, 252, 255), sign_end(title, accent))
        c.person_at(d, 0.45, 1.9, 0.45, kid_look(rng), view="back")
        c.person_at(d, 0.25, 2.1, 0.44, kid_look(rng), view="back")
        return
    floor_y = H * 0.8
    room_wall(img, d, W, H, (242, 244, 250), (228, 232, 242), floor_y, (200, 200, 210), (170, 170, 186))
    d.rectangle((0, H * 0.04, W, H * 0.11), fill=accent)
    f = fit_font("bold", title, W * 0.85, s * 0.055)
    text_c(d, (W / 2, H * 0.075), title, f, WHITE)
    fw = W * 0.56
    fh = fw * 1.3
    fx0, fy0 = W / 2 - fw / 2, H * 0.16
    d.rectangle((fx0 + s * 0.015, fy0 + s * 0.02, fx0 + fw + s * 0.015, fy0 + fh + s * 0.02), fill=(0, 0, 0, 50))
    d.rectangle((fx0, fy0, fx0 + fw, fy0 + fh), fill=(130, 96, 60))
    m = fw * 0.06
    vgrad(img, (fx0 + m, fy0 + m, fx0 + fw - m, fy0 + fh - m), mix(accent, WHITE, 0.8), mix(accent, WHITE, 0.5))
    scatter_stars(d, rng, (fx0 + m * 2, fy0 + m * 2, fx0 + fw - m * 2, fy0 + fh * 0.4), 5, [WHITE, GOLD], s * 0.01, s * 0.02)
    bust(d, W / 2, fy0 + fh * 0.4, fw * 0.13, Look((60, 66, 82), (0, 0, 0), (70, 72, 80), (150, 156, 170)), hair_style="side")
    # plaque
    py = fy0 + fh + s * 0.03
    d.rounded_rectangle((W * 0.12, py, W * 0.88, py + s * 0.24), radius=s * 0.015, fill=WHITE, outline=accent, width=int(s * 0.006))
    text_c(d, (W / 2, py + s * 0.055), focus + "  " + subtitle, fit_font("bold", focus + "  " + subtitle, W * 0.7, s * 0.05), accent)
    parts = [p + "，" for p in quote.split("，")]
    parts[-1] = parts[-1].rstrip("，")
    lines = [parts[0], "".join(parts[1:])] if len(quote) > 16 else [quote]
    fq = fit_font("serif", max(lines, key=len), W * 0.7, s * 0.04)
    for k, ln in enumerate(lines):
        text_c(d, (W / 2, py + s * (0.135 + 0.055 * k) + (s * 0.025 if len(lines) == 1 else 0)), ln, fq, (60, 60, 70))
    person(d, W * 0.08, H * 1.04, s * 0.36, kid_look(rng), view="back")


# --- portraits, certificates, campus ------------------------------------


TEACHER_STYLES = {
    "yang-xiaoxi": ("long", (255, 214, 200), (240, 150, 140), (200, 80, 90)),
    "ren-jing": ("bun", (208, 228, 250), (140, 180, 230), (70, 110, 170)),
    "dai-tingting": ("long", (255, 230, 190), (245, 190, 110), (210, 110, 70)),
    "li-wenshan": ("short", (210, 236, 214), (140, 200, 160), (60, 110, 90)),
    "wang-ting": ("side", (236, 220, 250), (190, 160, 230), (120, 90, 170)),
    "ke-changming": ("short", (220, 232, 240), (150, 180, 200), (50, 70, 100)),
    "wei-xiaojuan": ("long", (250, 222, 230), (230, 160, 180), (170, 60, 90)),
    "mei-xueyao": ("bun", (214, 240, 236), (140, 210, 200), (40, 120, 120)),
}


def draw_teacher(img, d, rng, W, H, slug, name):
    style, c1, c2, shirt = TEACHER_STYLES[slug]
    s = min(W, H)
    vgrad(img, (0, 0, W, H), mix(c1, WHITE, 0.3), c2)
    glow(img, W * 0.5, H * 0.42, s * 0.55, WHITE, 120)
    scatter_stars(d, rng, (0, 0, W, H * 0.55), 16, [WHITE, GOLD], s * 0.015, s * 0.04, (110, 210))
    for k in range(3):
        circle(d, rng.uniform(0, W), rng.uniform(0, H * 0.6), s * rng.uniform(0.06, 0.12), (255, 255, 255, 50))
    lk = Look(shirt, (0, 0, 0), rng.choice(HAIRS), rng.choice(SKINS))
    bust(d, W * 0.5, H * 0.44, s * 0.2, lk, hair_style=style)
    # red star pin
    star(d, W * 0.5 + s * 0.22, H * 0.44 + s * 0.2 * 2.9, s * 0.03, GOLD)
    # surname badge
    bx, by, br = W * 0.8, H * 0.13, s * 0.11
    circle(d, bx + s * 0.008, by + s * 0.01, br, (0, 0, 0, 40))
    circle(d, bx, by, br, WHITE)
    circle(d, bx, by, br * 0.86, shirt)
    text_c(d, (bx, by - br * 0.05), name[0], FONT("bold", br * 1.05), WHITE)


def draw_certificate(img, d, rng, W, H, title, lines, palette):
    s = min(W, H)
    vgrad(img, (0, 0, W, H), palette[0], palette[1])
    m = s * 0.07
    d.rectangle((m + s * 0.012, m + s * 0.016, W - m + s * 0.012, H - m + s * 0.016), fill=(0, 0, 0, 60))
    vgrad(img, (m, m, W - m, H - m), (255, 250, 236), (250, 240, 214))
    b = s * 0.035
    d.rectangle((m + b * 0.4, m + b * 0.4, W - m - b * 0.4, H - m - b * 0.4), outline=RED, width=int(b))
    d.rectangle((m + b * 1.7, m + b * 1.7, W - m - b * 1.7, H - m - b * 1.7), outline=DEEP_GOLD, width=max(2, int(b * 0.18)))
    for cx, cy in ((m + b * 1.7, m + b * 1.7), (W - m - b * 1.7, m + b * 1.7), (m + b * 1.7, H - m - b * 1.7), (W - m - b * 1.7, H - m - b * 1.7)):
        star(d, cx, cy, b * 0.9, GOLD, outline=DEEP_GOLD, width=2)
    # top star
    star(d, W / 2, H * 0.2, s * 0.055, GOLD, outline=DEEP_GOLD, width=int(s * 0.004))
    text_c(d, (W / 2, H * 0.33), "荣 誉 证 书", FONT("serif", s * 0.11), (200, 30, 36))
    f = fit_font("serif", title, W * 0.7, s * 0.065)
    text_c(d, (W / 2, H * 0.5), title, f, (60, 40, 30))
    f2 = FONT("sans", s * 0.038)
    for k, ln in enumerate(lines):
        text_c(d, (W / 2, H * (0.6 + k * 0.065)), ln, f2, (90, 70, 60))
    text_c(d, (W * 0.56, H * 0.79), "二〇二二年十二月", FONT("sans", s * 0.036), (90, 70, 60))
    # gold/red seal (illustrative, deliberately not a real seal)
    sx, sy, sr = W * 0.76, H * 0.74, s * 0.1
    circle(d, sx, sy, sr, (220, 40, 40, 150), outline=None)
    circle(d, sx, sy, sr * 0.86, (0, 0, 0, 0), outline=(255, 240, 220, 180), width=int(s * 0.006))
    star(d, sx, sy - sr * 0.08, sr * 0.38, (255, 215, 90, 230))
    text_c(d, (sx, sy + sr * 0.5), "示  例", FONT("bold", sr * 0.2), (255, 240, 220, 220))
    # ribbon medal on the left
    mx, my = W * 0.22, H * 0.74
    d.polygon([(mx - s * 0.05, my), (mx - s * 0.08, my + s * 0.16), (mx - s * 0.03, my + s * 0.13), (mx, my)], fill=RED)
    d.polygon([(mx + s * 0.05, my), (mx + s * 0.08, my + s * 0.16), (mx + s * 0.03, my + s * 0.13), (mx, my)], fill=DARK_RED)
    circle(d, mx, my, s * 0.07, GOLD, outline=DEEP_GOLD, width=int(s * 0.006))
    star(d, mx, my, s * 0.045, (255, 240, 170), outline=DEEP_GOLD, width=2)


def draw_campus(img, d, rng, W, H):
    s = min(W, H)
    horizon = H * 0.72
    vgrad(img, (0, 0, W, int(H * 0.45)), (40, 46, 110), (150, 90, 140))
    vgrad(img, (0, int(H * 0.45), W, horizon + 2), (150, 90, 140), (250, 170, 110))
    glow(img, W * 0.78, horizon, s * 0.5, (255, 190, 110), 170)
    circle(d, W * 0.78, horizon - s * 0.02, s * 0.07, (255, 200, 120))
    for _ in range(40):
        x, y = rng.uniform(0, W), rng.uniform(0, H * 0.4)
        if rng.random() < 0.3:
            star(d, x, y, s * rng.uniform(0.01, 0.022), (255, 240, 180, rng.randint(150, 230)))
        else:
            circle(d, x, y, s * rng.uniform(0.002, 0.005), (255, 255, 240, rng.randint(120, 220)))
    # seven-star "big dipper"
    dip = [(0.12, 0.14), (0.18, 0.12), (0.23, 0.15), (0.28, 0.17), (0.33, 0.26), (0.4, 0.24), (0.42, 0.14)]
    pts = [(W * x, H * y) for x, y in dip]
    d.line(pts, fill=(255, 240, 200, 90), width=max(2, int(s * 0.004)))
    for p in pts:
        star(d, p[0], p[1], s * 0.022, (255, 226, 120))
    # hills
    d.ellipse((-W * 0.3, horizon - H * 0.12, W * 0.5, horizon + H * 0.2), fill=(90, 80, 120))
    d.ellipse((W * 0.35, horizon - H * 0.1, W * 1.3, horizon + H * 0.2), fill=(100, 86, 126))
    school_building(img, d, rng, (W * 0.2, H * 0.3, W * 0.8, horizon), (236, 214, 200), (170, 70, 60), (120, 110, 150),
                    lit=(255, 214, 130))
    vgrad(img, (0, horizon, W, H), (70, 90, 80), (40, 56, 52))
    d.rectangle((0, horizon, W, horizon + H * 0.05), fill=(150, 110, 100))
    flag(d, W * 0.12, H * 0.22, horizon + H * 0.04, s * 0.16)
    for x in (0.04, 0.88, 0.96):
        round_tree(d, W * x, horizon + H * 0.06, H * 0.3, [(50, 90, 70), (60, 105, 80)], trunk=(70, 50, 40))
    # motto board
    d.rounded_rectangle((W * 0.3, H * 0.8, W * 0.7, H * 0.9), radius=s * 0.015, fill=(200, 36, 40))
    text_c(d, (W / 2, H * 0.85), "党建引领 七星育人", fit_font("bold", "党建引领 七星育人", W * 0.36, s * 0.055), GOLD)


# ---------------------------------------------------------------------------
# Caption band, EXIF, saving
# ---------------------------------------------------------------------------


def caption(img: Image.Image, text: str) -> None:
    W, H = img.size
    s = min(W, H)
    f = FONT("bold", s * 0.04)
    small = FONT("sans", s * 0.022)
    pad = s * 0.03
    tw = f.getlength(text)
    label = "示例插图"
    lw = small.getlength(label)
    bh = s * 0.085
    y0 = H - bh - s * 0.035
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    x1 = pad * 2.6 + tw + pad * 0.8 + lw + pad
    d.rounded_rectangle((-bh, y0, x1, y0 + bh), radius=bh / 2, fill=(20, 20, 30, 150))
    star(d, pad * 1.2, y0 + bh / 2, bh * 0.26, GOLD + (255,))
    d.text((pad * 2.2, y0 + bh / 2), text, font=f, fill=(255, 255, 255, 255), anchor="lm")
    d.text((pad * 2.2 + tw + pad * 0.8, y0 + bh / 2 + s * 0.004), label, font=small, fill=(255, 255, 255, 170), anchor="lm")
    img.paste(Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB"))


def dms(value: float):
    deg = int(value)
    minutes_f = (value - deg) * 60
    minutes = int(minutes_f)
    seconds = round((minutes_f - minutes) * 60, 2)
    return (float(deg), float(minutes), float(seconds))


def camera_exif(rng, when: str, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "DemoPhone"  # Make
    exif[0x0110] = "Xingguang Demo"  # Model
    exif[0x0112] = orientation  # Orientation
    exif[0x0131] = "Xingguang make_demo_photos.py"  # Software
    exif[0x0132] = when  # DateTime
    exif[0x8769] = {0x9003: when, 0x9004: when}  # DateTimeOriginal, DateTimeDigitized
    lat = 32.98 + rng.uniform(-0.002, 0.002)
    lon = 107.76 + rng.uniform(-0.002, 0.002)
    exif[0x8825] = {  # GPS IFD
        0: b"\x02\x02\x00\x00",
        1: "N", 2: dms(lat),
        3: "E", 4: dms(lon),
        5: b"\x00", 6: 505.0,
    }
    return exif.tobytes()


def thumbprint(im: Image.Image):
    return list(im.convert("L").resize((16, 12)).tobytes())


@dataclass
class Job:
    path: str
    caption: str
    size: tuple[int, int]
    draw: object  # callable(img, d, rng, W, H)
    phone: bool = False  # camera EXIF + GPS
    sideways: int = 0  # 0, 6 or 8
    when: str = "2022:10:16 10:00:00"


def draw_job(job: Job) -> tuple[Image.Image, random.Random]:
    """Draw the upright picture (supersampled, scaled down, captioned)."""
    rng = random.Random(job.path)
    W, H = job.size
    big = Image.new("RGB", (W * SS, H * SS), WHITE)
    d = ImageDraw.Draw(big, "RGBA")
    job.draw(big, d, rng, W * SS, H * SS)
    # A touch of softness, like a phone photo (and it keeps the JPEGs small).
    img = big.resize((W, H), Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(SOFTEN))
    caption(img, job.caption)
    return img, rng


def encode(job: Job, img: Image.Image, exif: bytes | None, quality: int) -> bytes:
    """JPEG bytes; phone photos get EXIF and maybe a sideways stored image, checked on re-open."""
    W, H = job.size
    kw = dict(quality=quality, optimize=True, progressive=False, subsampling="4:2:0")
    buf = io.BytesIO()
    if exif is None:
        img.save(buf, "JPEG", **kw)
        return buf.getvalue()
    stored = img
    if job.sideways == 6:  # stored turned 90 degrees counter-clockwise; viewer turns it clockwise
        stored = img.transpose(Image.Transpose.ROTATE_90)
    elif job.sideways == 8:  # stored turned clockwise; viewer turns it counter-clockwise
        stored = img.transpose(Image.Transpose.ROTATE_270)
    stored.save(buf, "JPEG", exif=exif, **kw)
    data = buf.getvalue()
    check = Image.open(io.BytesIO(data))
    if job.sideways and check.size != (H, W):
        raise SystemExit(f"{job.path}: the sideways file is not stored rotated ({check.size})")
    upright = ImageOps.exif_transpose(check)
    if upright.size != (W, H):
        raise SystemExit(f"{job.path}: EXIF orientation check failed: {upright.size} != {(W, H)}")
    diff = sum(abs(a - b) for a, b in zip(thumbprint(upright), thumbprint(img))) / (16 * 12)
    if diff > 12:
        raise SystemExit(f"{job.path}: the EXIF-rotated image does not match the drawing (mean diff {diff:.1f})")
    meta = check.getexif()
    if meta.get(0x010F) != "DemoPhone" or not meta.get_ifd(0x8825):
        raise SystemExit(f"{job.path}: camera EXIF or GPS missing after saving")
    return data


# ---------------------------------------------------------------------------
# The list of images
# ---------------------------------------------------------------------------

L, P, WIDE = (1600, 1200), (1200, 1600), (1600, 900)

PAL = {
    "xiying": dict(wall_top=(60, 20, 40), wall_bottom=(120, 40, 50), backdrop_top=(220, 50, 50), backdrop_bottom=(170, 20, 40),
                   floor_top=(190, 130, 80), floor_bottom=(140, 90, 60), curtain=(180, 30, 40), banner_text=GOLD),
    "teachers": dict(wall_top=(40, 30, 60), wall_bottom=(90, 50, 80), backdrop_top=(40, 90, 170), backdrop_bottom=(30, 50, 120),
                     floor_top=(180, 130, 90), floor_bottom=(130, 90, 60), curtain=(150, 30, 60), banner_text=(255, 230, 150)),
    "exhibit": dict(wall_top=(252, 246, 234), wall_bottom=(240, 228, 206)),
    "meeting": dict(wall_top=(236, 230, 220), wall_bottom=(214, 204, 190)),
    "qingming": dict(sky_top=(150, 190, 220), sky_bottom=(220, 234, 240)),
    "story": dict(wall_top=(255, 240, 220), wall_bottom=(245, 220, 190)),
    "ceremony": dict(wall_top=(255, 244, 236), wall_bottom=(246, 226, 214)),
    "family": dict(sky_top=(100, 170, 240), sky_bottom=(200, 230, 250)),
    "lotus": dict(wall_top=(20, 50, 60), wall_bottom=(40, 100, 100), backdrop_top=(90, 170, 160), backdrop_bottom=(40, 120, 120),
                  floor_top=(200, 160, 120), floor_bottom=(150, 110, 80), curtain=(40, 110, 90), banner_text=(255, 240, 250)),
    "planting": dict(sky_top=(120, 190, 240), sky_bottom=(220, 240, 230)),
    "class": dict(wall_top=(250, 246, 230), wall_bottom=(240, 232, 206)),
}


def S(fn, *args, **kw):
    def draw(img, d, rng, W, H):
        fn(img, d, rng, W, H, *args, **kw)
    return draw


def jobs() -> list[Job]:
    J: list[Job] = []
    for slug, name in [("yang-xiaoxi", "杨小玺"), ("ren-jing", "任静"), ("dai-tingting", "代婷婷"), ("li-wenshan", "李文山"),
                       ("wang-ting", "王婷"), ("ke-changming", "柯昌明"), ("wei-xiaojuan", "魏晓娟"), ("mei-xueyao", "梅雪瑶")]:
        J.append(Job(f"teachers/{slug}.jpg", name, (900, 1200),
                     (lambda slug, name: lambda img, d, rng, W, H: draw_teacher(img, d, rng, W, H, slug, name))(slug, name)))

    def cor(path, cap, size, draw):
        J.append(Job(f"corridors/{path}", cap, size, draw, phone=True, when="2022:11:08 15:20:00"))

    cor("dushuba-1.jpg", "星星读书吧", L, S(scene_dushuba, None, 0))
    cor("dushuba-2.jpg", "星星读书吧·共读时光", L, S(scene_dushuba, None, 1))
    cor("shuhualang-1.jpg", "星星书画廊", L, S(scene_shuhualang, None, 0))
    cor("shuhualang-2.jpg", "星星书画廊·学生作品", L, S(scene_shuhualang, None, 1))
    cor("kejijiao-1.jpg", "星星科技角", L, S(scene_kejijiao, None, 0))
    cor("kejijiao-2.jpg", "星星科技角·小实验", L, S(scene_kejijiao, None, 1))
    cor("kexuejia-1.jpg", "中国科学家长廊", L, S(scene_gallery, None, SCIENTISTS, "中国科学家长廊", (40, 80, 150), 0))
    cor("kexuejia-2.jpg", "中国科学家长廊·钱学森", P,
        S(scene_gallery, None, SCIENTISTS, "中国科学家长廊", (40, 80, 150), 1, focus="钱学森", subtitle="“中国航天之父”",
          quote="我的事业在中国，我的成就在中国，我的归宿在中国。"))
    cor("jiaoyujia-1.jpg", "中国教育家长廊", L, S(scene_gallery, None, EDUCATORS, "中国教育家长廊", (150, 60, 50), 0))
    cor("jiaoyujia-2.jpg", "中国教育家长廊·陶行知", P,
        S(scene_gallery, None, EDUCATORS, "中国教育家长廊", (150, 60, 50), 1, focus="陶行知", subtitle="人民教育家",
          quote="捧着一颗心来，不带半根草去。"))

    def act(folder, n, cap, size, draw, sideways=0, when="2022:10:12 09:30:00"):
        J.append(Job(f"activities/{folder}/{n:02d}.jpg", cap, size, draw, phone=True, sideways=sideways, when=when))

    t = "喜迎二十大 讴歌新时代"
    act("xiying-ershida", 1, t, L, S(scene_choir, PAL["xiying"]), when="2022:10:12 09:30:00")
    act("xiying-ershida", 2, t + "·绘画展", L, S(scene_exhibition, PAL["exhibit"]), sideways=6, when="2022:10:12 14:10:00")
    act("xiying-ershida", 3, t + "·教师诵读", P, S(scene_teachers_recite, PAL["teachers"]), when="2022:10:13 16:00:00")
    t = "收看二十大开幕会"
    act("ershida-kaimu", 1, t, WIDE, S(scene_meeting, PAL["meeting"], 0), when="2022:10:16 10:02:00")
    act("ershida-kaimu", 2, t, L, S(scene_meeting, PAL["meeting"], 1), when="2022:10:16 10:40:00")
    act("ershida-kaimu", 3, t + "·学习精神", L, S(scene_meeting, PAL["meeting"], 2), sideways=8, when="2022:10:16 11:30:00")
    t = "清明祭扫"
    act("qingming-jisao", 1, t, P, S(scene_memorial, PAL["qingming"], 0), sideways=6, when="2022:04:02 09:20:00")
    act("qingming-jisao", 2, t + "·敬献花圈", L, S(scene_memorial, PAL["qingming"], 1), when="2022:04:02 09:40:00")
    act("qingming-jisao", 3, t + "·少先队员敬礼", L, S(scene_memorial, PAL["qingming"], 2), when="2022:04:02 09:50:00")
    t = "讲红色故事 承时代重任"
    act("hongse-gushi", 1, t, L, S(scene_story, PAL["story"], 0), sideways=8, when="2022:06:24 15:00:00")
    act("hongse-gushi", 2, t, P, S(scene_story, PAL["story"], 1), when="2022:06:24 15:20:00")
    act("hongse-gushi", 3, t + "·小小宣讲员", L, S(scene_story, PAL["story"], 2), when="2022:06:24 15:45:00")
    t = "政治生日 赠书共享"
    act("zhengzhi-shengri", 1, t, L, S(scene_ceremony, PAL["ceremony"], 0), when="2022:07:01 09:00:00")
    act("zhengzhi-shengri", 2, t + "·赠书", L, S(scene_ceremony, PAL["ceremony"], 1), sideways=6, when="2022:07:01 09:20:00")
    act("zhengzhi-shengri", 3, t + "·重温誓词", P, S(scene_ceremony, PAL["ceremony"], 2), when="2022:07:01 09:40:00")
    t = "明星家庭 星爸星妈"
    act("mingxing-jiating", 1, t, WIDE, S(scene_playground, PAL["family"], 0), when="2022:06:01 10:00:00")
    act("mingxing-jiating", 2, t, P, S(scene_playground, PAL["family"], 1), when="2022:06:01 10:15:00")
    act("mingxing-jiating", 3, t + "·颁奖", L, S(scene_playground, PAL["family"], 2), sideways=8, when="2022:06:01 10:30:00")
    t = "《爱“廉”说》"
    act("ai-lian-shuo", 1, t, L, S(scene_lotus_stage, PAL["lotus"], 0), when="2022:09:20 14:30:00")
    act("ai-lian-shuo", 2, t, P, S(scene_lotus_stage, PAL["lotus"], 1), sideways=6, when="2022:09:20 14:45:00")
    act("ai-lian-shuo", 3, t + "·莲韵", L, S(scene_lotus_stage, PAL["lotus"], 2), when="2022:09:20 15:00:00")
    t = "清廉学校专项检查"
    act("qinglian-jiancha", 1, t, L, S(scene_inspection, None, 0), sideways=8, when="2022:11:22 10:00:00")
    act("qinglian-jiancha", 2, t, L, S(scene_inspection, None, 1), when="2022:11:22 10:20:00")
    act("qinglian-jiancha", 3, t + "·展板", P, S(scene_inspection, None, 1), when="2022:11:22 10:30:00")
    t = "五知五行 知行合一"
    act("wuzhi-wuxing", 1, t, L, S(scene_planting, PAL["planting"], 0), when="2022:03:12 09:30:00")
    act("wuzhi-wuxing", 2, t + "·植树", L, S(scene_planting, PAL["planting"], 1), sideways=6, when="2022:03:12 10:00:00")
    act("wuzhi-wuxing", 3, t + "·劳动实践", P, S(scene_planting, PAL["planting"], 2), when="2022:03:12 10:30:00")
    t = "课后延时服务"
    act("kehou-fuwu", 1, t, L, S(scene_classroom, PAL["class"], 0), when="2022:11:15 16:40:00")
    act("kehou-fuwu", 2, t, P, S(scene_classroom, PAL["class"], 1), when="2022:11:15 17:00:00")
    act("kehou-fuwu", 3, t + "·作业辅导", L, S(scene_classroom, PAL["class"], 2), sideways=8, when="2022:11:15 17:10:00")

    for slug, cap, title, lines, pal in [
        ("ai-lian-shuo", "《爱“廉”说》 县纪委二等奖", "《爱“廉”说》", ["荣获县纪委廉洁文化作品评选 二等奖", "特发此证，以资鼓励。"],
         ((120, 60, 50), (80, 40, 36))),
        ("qinglian-xuexiao", "清廉学校专项检查 获得赞誉", "清廉学校专项检查", ["西乡县城北小学 获得检查组赞誉", "特发此证，以资鼓励。"],
         ((60, 90, 80), (40, 60, 56))),
        ("guanxin-xiayidai", "全省关心下一代工作先进集体", "全省关心下一代工作先进集体", ["授予 西乡县城北小学", "特发此证，以资鼓励。"],
         ((50, 60, 100), (30, 36, 70))),
    ]:
        J.append(Job(f"honours/{slug}.jpg", cap, (1600, 1131),
                     (lambda title, lines, pal: lambda img, d, rng, W, H: draw_certificate(img, d, rng, W, H, title, lines, pal))(
                         title, lines, pal)))
    J.append(Job("school/campus.jpg", "西乡县城北小学", WIDE, draw_campus))
    return J


README = """\
# 演示照片（插图）

这里的图片**不是真实照片**，而是由 `scripts/make_demo_photos.py` 用代码画出的示意插图
（天空、校舍、红旗、星星、孩子的剪影……），只用来让演示网站看起来完整。

- 没有真实的人物、面孔或学生信息，也不涉及版权问题。
- 活动照片故意带有假的相机 EXIF（DemoPhone）和 GPS 信息，部分照片按手机的方式
  “横着存”并写了 EXIF 方向标记，用来检验网站的照片处理流程会不会去掉这些信息、摆正方向。

## 换成真实照片

把真实照片放到同样的位置、用同样的文件名即可（或在数据文件里改成新的文件名）。
发布含有学生的照片前，请先取得监护人同意。

## 重新生成

在项目根目录运行：

    .venv/bin/python scripts/make_demo_photos.py

需要 Pillow 和中文字体 Noto CJK（Debian 软件包 `fonts-noto-cjk`）。
每次运行生成的文件完全相同。
"""


def main() -> None:
    global FONT
    FONT = Fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    drawn = []
    for job in jobs():
        img, rng = draw_job(job)
        exif = camera_exif(rng, job.when, job.sideways or 1) if job.phone else None
        drawn.append((job, img, exif))
    # Quality 80 unless the 4 MB budget says otherwise: then step down for all.
    for quality in QUALITY_STEPS:
        blobs = [encode(job, img, exif, quality) for job, img, exif in drawn]
        total = sum(len(b) for b in blobs)
        if total <= MAX_TOTAL:
            break
        print(f"total {total / 1e6:.2f} MB at quality {quality} is over budget, trying lower", file=sys.stderr)
    else:
        sys.exit(f"make_demo_photos: total {total} bytes is over the 4 MB budget even at quality {quality}")
    for (job, img, exif), data in zip(drawn, blobs):
        out = OUT / job.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        tag = ""
        if job.phone:
            tag = "EXIF+GPS" + (f", orientation {job.sideways} (stored sideways)" if job.sideways else ", orientation 1")
        print(f"{str(out.relative_to(ROOT)):52s} {job.size[0]:>4d}x{job.size[1]:<5d} {len(data) / 1024:6.1f} KB  {tag}")
    (OUT / "README.md").write_text(README, encoding="utf-8")
    print(f"{len(drawn)} images, JPEG quality {quality}, total {total / 1e6:.2f} MB ({total} bytes, budget {MAX_TOTAL})")


if __name__ == "__main__":
    main()
