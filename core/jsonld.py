"""JSON-LD for a page's ``<script type="application/ld+json">``, safe to put in HTML."""

import json


def dumps(data):
    """The JSON text, with "<" escaped so it can never close the script element it sits in."""
    return json.dumps(data).replace("<", "\\u003c")
