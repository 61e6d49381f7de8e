"""Demo content for membership: the /join/ page, the demo member's grant and a demo code.

The join page is created under the home page if missing (never re-saved). Only in DEBUG,
beside the demo logins: the demo member gets an open-ended grant, and a known access code
is created and printed so that a new user can try the way in.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from home.models import HomePage
from membership.models import AccessCode, JoinPage, Membership

DATA = Path(__file__).resolve().parent / "demo"
DEMO_MEMBER = "member"
DEMO_CODE = "CRAFTMEMBER"
BLOCK_NAMESPACE = uuid.UUID("0b8f7d4e-3c2a-4f1e-9d6b-5a4c3b2a1f0e")


def ensure_join_page(stdout):
    home = HomePage.objects.first()
    if home is None:
        stdout.write("No home page yet: the join page was skipped.")
        return None
    page = JoinPage.objects.first()
    if page is None:
        data = json.loads((DATA / "join.json").read_text(encoding="utf-8"))
        benefits = [
            {**block, "id": str(uuid.uuid5(BLOCK_NAMESPACE, str(index)))}
            for index, block in enumerate(data["benefits"])
        ]
        page = JoinPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            benefits=benefits,
            how_to_join=data["how_to_join"],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    return page


def ensure_demo_membership(stdout):
    if not settings.DEBUG:
        return
    member = get_user_model().objects.filter(username=DEMO_MEMBER).first()
    if member and not Membership.objects.filter(user=member).exists():
        Membership.objects.create(user=member, note="Demo member")
    code, _ = AccessCode.objects.get_or_create(
        code=DEMO_CODE, defaults={"max_uses": 1000, "note": "Demo code (DEBUG only)"}
    )
    stdout.write(f"Demo access code (enter it at /my/membership/): {code.code}")


def load_demo(stdout):
    ensure_join_page(stdout)
    ensure_demo_membership(stdout)
