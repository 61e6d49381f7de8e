"""Draw the site's favicon and touch icons from the logo's shapes (run again after a change).

The logo is hand-written SVG (static/img/logo.svg and templates/includes/logo.svg); browsers
that want bitmaps (/favicon.ico, iOS's home-screen icon) get these drawings of the same
shapes: a teal ground, a cream arc sheltering a warm dot, a line under both.

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "static" / "img"
GROUND, ARC, DOT = (31, 95, 107), (246, 241, 231), (227, 166, 81)


def draw(size):
    """The 48-unit logo at ``size`` pixels, drawn 4x larger and scaled down for smooth edges."""
    scale = size * 4 / 48
    big = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    pen = ImageDraw.Draw(big)

    def at(*units):
        return [round(u * scale) for u in units]

    pen.rounded_rectangle(at(0, 0, 48, 48), radius=round(12 * scale), fill=GROUND)
    pen.arc(at(11, 18, 37, 44), start=180, end=360, fill=ARC, width=round(5 * scale))
    pen.ellipse(at(18.5, 24.5, 29.5, 35.5), fill=DOT)
    pen.line(at(12, 38, 36, 38), fill=ARC, width=round(3 * scale))
    return big.resize((size, size), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    draw(64).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw(180).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)


if __name__ == "__main__":
    main()
