"""The v3 OpenAPI document, held against a snapshot so that every schema change is reviewed.

When a change to the API is intended, write the new document and commit it with the change:

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_openapi_snapshot.py

The diff of ``tests/snapshots/openapi-v3.json`` then shows reviewers what apps will see.
"""

import difflib
import json
import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "openapi-v3.json"


def _text(document):
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_v3_document_matches_its_snapshot(client, db):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    current = _text(response.json())
    if os.environ.get("UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(current)
    expected = SNAPSHOT.read_text()
    if current != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    current.splitlines(keepends=True),
                    "snapshot",
                    "current",
                )
            )[:200]
        )
        raise AssertionError(
            "The v3 OpenAPI document changed. If that is intended, run with "
            f"UPDATE_SNAPSHOTS=1 and commit the snapshot.\n{diff}"
        )
