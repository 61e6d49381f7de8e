"""A backup restores into a fresh database and media directory, and the site serves from it.

Runs on whichever database the suite uses: pg_dump/pg_restore on PostgreSQL, SQLite's online
backup on SQLite. The restored site is served by a separate process, as after a real restore.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import make_article, make_blog, make_home

ROOT = Path(__file__).resolve().parent.parent
TITLE = "What to say when they come home late"


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture
def fresh_database(tmp_path):
    """The DATABASE_URL of a new, empty database of the suite's kind; dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"restore_{uuid.uuid4().hex[:12]}"
    settings = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = settings["USER"] or "postgres"
    yield f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_and_serves_a_page(
    tmp_path, settings, fresh_database
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "worksheet.txt").write_text("Notice one good moment.")
    article = make_article(parent=make_blog(make_home()), title=TITLE, body="Stay calm.")

    call_command("backup_site", str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").iterdir()
    assert {p.name for p in backup.iterdir()} >= {"manifest.json", "media.tar.gz"}

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(tmp_path / "restored-media"),
    }
    restored = _manage("restore_site", str(backup), env=env)
    assert restored.returncode == 0, restored.stderr

    serve = (
        "import django; django.setup(); from django.test import Client; "
        f"r = Client().get({article.url!r}); print(r.status_code); print(r.content.decode())"
    )
    served = subprocess.run(
        [sys.executable, "-c", serve], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert served.returncode == 0, served.stderr
    status, html = served.stdout.split("\n", 1)
    assert status == "200"
    assert TITLE in html
    restored_file = tmp_path / "restored-media" / "documents" / "worksheet.txt"
    assert restored_file.read_text() == "Notice one good moment."

    again = _manage("restore_site", str(backup), env=env)
    assert again.returncode != 0
    assert "--replace" in again.stderr


def test_a_directory_that_is_not_a_backup_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore_site", str(tmp_path))
