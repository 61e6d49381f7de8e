"""Clinical review fields for demo pages: every demo article and unit has been reviewed.

Review dates are spread back from today, so the review-due report and the dashboard panel
show a few overdue and soon-due pages on a fresh demo site. A page already reviewed is
left alone, so loading the demo twice changes nothing.
"""

import datetime
import json

from django.utils import timezone

from articles.models import Author

#: Reviewers, in turn (author slugs from demo/authors.json).
REVIEWERS = ["priya-nair", "dana-reyes"]
SOURCE = {
    "type": "source",
    "value": {
        "title": "National Helpline: free, confidential treatment referral",
        "publisher": "SAMHSA",
        "url": "https://www.samhsa.gov/find-help/national-helpline",
        "accessed": "2026-09-01",
    },
}
#: Days between one demo page's review and the next one's.
SPREAD_DAYS = 37


def review_demo_pages(pages):
    """Stamp a review on each page not yet reviewed (a new published revision); returns how many."""
    reviewers = [Author.objects.filter(slug=slug).first() for slug in REVIEWERS]
    reviewers = [author for author in reviewers if author] or [None]
    today = timezone.localdate()
    stamped = 0
    for position, page in enumerate(pages):
        if page.last_reviewed:
            continue
        page = page.get_latest_revision_as_object()
        day = today - datetime.timedelta(days=30 + SPREAD_DAYS * position)
        page.stamp_review(reviewers[position % len(reviewers)], day)
        if not page.sources:
            page.sources = json.dumps([SOURCE])
        revision = page.save_revision()
        if page.live:
            revision.publish()
        stamped += 1
    return stamped
