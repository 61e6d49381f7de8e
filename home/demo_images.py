"""Calm abstract pictures for the demo site, drawn here with Pillow (no photos, no people).

The demo has no photographs of its own; these give the hero and image blocks something to
show (and the responsive-image markup something to resize). Each is made once, by title,
so loading the demo again changes nothing.
"""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

#: title -> (sky, hills, sun, seed, description)
PICTURES = {
    "Demo: morning hills": (
        (226, 236, 232),
        (31, 95, 107),
        (227, 166, 81),
        3,
        "Soft teal hills under a pale morning sky with a low warm sun",
    ),
    "Demo: quiet water": (
        (233, 238, 243),
        (52, 84, 120),
        (246, 241, 231),
        7,
        "Layered blue bands like still water at dusk",
    ),
    "Demo: two paths": (
        (242, 237, 226),
        (96, 128, 96),
        (200, 120, 80),
        11,
        "Two green slopes meeting in a valley under a sand-coloured sky",
    ),
}


def draw(sky, hills, sun, seed, size=(1600, 900)):
    """Layered hills under a sky with a sun: a few blurred shapes, different for each seed."""
    rng = random.Random(seed)
    width, height = size
    picture = PILImage.new("RGB", size, sky)
    pen = ImageDraw.Draw(picture)
    radius = height // 7
    x, y = rng.randint(width // 5, 4 * width // 5), rng.randint(height // 6, height // 3)
    pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=sun)
    for layer in range(4):
        shade = tuple(int(c + (255 - c) * (3 - layer) / 5) for c in hills)
        base = height * (0.5 + layer * 0.13)
        points = [(0, height)]
        for step in range(9):
            points.append((width * step / 8, base - rng.randint(0, height // 6)))
        points.append((width, height))
        pen.polygon(points, fill=shade)
    return picture.filter(ImageFilter.GaussianBlur(3))


def demo_image(title):
    """The demo picture called ``title``, drawn and saved the first time it is asked for."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    *colours, seed, description = PICTURES[title]
    buffer = io.BytesIO()
    draw(*colours, seed).save(buffer, format="JPEG", quality=82, optimize=True)
    slug = title.split(": ", 1)[1].replace(" ", "-")
    image = model(title=title, description=description)
    image.file = ImageFile(buffer, name=f"demo-{slug}.jpg")
    image.save()
    return image


def description(title):
    return PICTURES[title][-1]
