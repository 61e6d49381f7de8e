"""The labelled search evaluation corpus: its file, and its topics and articles as pages.

The pages are built with the shared builders in ``tests.factories``.
"""

import json
from pathlib import Path

from tests.factories import make_article, make_blog, make_topics

EVAL_FILE = Path(__file__).parent / "data" / "search_eval.json"


def load_eval():
    return json.loads(EVAL_FILE.read_text())


def load_corpus(home=None, only=None):
    """Every topic and article (or the ``only`` slugs) of the evaluation file, by slug."""
    data = load_eval()
    make_topics(data["topics"])
    blog = make_blog(home)
    return {
        entry["slug"]: make_article(
            entry["title"],
            parent=blog,
            slug=entry["slug"],
            summary=entry["summary"],
            body=entry["body"],
            topics=entry["topics"],
        )
        for entry in data["articles"]
        if only is None or entry["slug"] in only
    }
