"""Demo content pages under the home page: About us, How we write and review, Contact.

Created once when missing (never re-saved, so an editor's changes survive a re-run) and shown
in the menus, so a new user sees the page-tree navigation working.
"""

import json
import uuid
from pathlib import Path

from home.demo_images import demo_image
from home.models import HomePage
from pages.models import ContentPage

DATA = Path(__file__).resolve().parent / "demo" / "pages.json"
BLOCK_NAMESPACE = uuid.UUID("3a0c9e1b-7f5d-4b8a-9c2e-6d4f1a8b0e73")


def body(slug, blocks):
    """StreamField data with stable block ids, so reloading the demo changes nothing."""
    return [
        {"type": kind, "value": value, "id": str(uuid.uuid5(BLOCK_NAMESPACE, f"{slug}:{index}"))}
        for index, (kind, value) in enumerate(blocks)
    ]


def load_demo(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("No home page yet: the content pages were skipped.")
        return
    for data in json.loads(DATA.read_text(encoding="utf-8")):
        if ContentPage.objects.child_of(home).filter(slug=data["slug"]).exists():
            continue
        blocks = data["body"]
        if data.get("picture"):
            # An image block after the first paragraph, with a picture drawn for the demo.
            image = {"image": demo_image(data["picture"]).pk, "alt_text": "", "caption": ""}
            blocks = [blocks[0], ["image", image], *blocks[1:]]
        page = ContentPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            body=body(data["slug"], blocks),
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
