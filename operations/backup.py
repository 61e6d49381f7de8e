"""Backups of the whole site: the database and the media files, in one directory.

PostgreSQL is dumped with ``pg_dump --format=custom`` (restorable table by table with
``pg_restore``); SQLite is copied with its online backup API, which is safe while the site
runs. Media (images, documents) are a gzipped tar. A ``manifest.json`` records what is there,
so a restore can refuse a backup it does not understand instead of half-restoring it.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def _postgres_env(database):
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def _postgres_args(database):
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    return args + ["--dbname", database["NAME"]]


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip() or result.returncode}")


def back_up(destination):
    """Write a backup into a new directory under ``destination`` and return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(destination) / f"backup-{stamp}"
    target.mkdir(parents=True, exist_ok=False)
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target / POSTGRES_DUMP)]
            + _postgres_args(database),
            env=_postgres_env(database),
        )
        dump = POSTGRES_DUMP
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE_COPY) as copy:
            connection.connection.backup(copy)
        dump = SQLITE_COPY
    else:
        raise BackupError(f"Backups of a {connection.vendor} database are not supported.")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / MEDIA, "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname=".")
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(),
        "database": {"vendor": connection.vendor, "file": dump},
        "media": MEDIA,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return target


def _manifest(source):
    path = Path(source) / MANIFEST
    if not path.exists():
        raise BackupError(f"{source} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{source} was written by another version (format {manifest.get('format')})."
        )
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            f"{source} holds a {manifest['database']['vendor']} database; this site is "
            f"configured for {connection.vendor}. Point DATABASE_URL at the right kind."
        )
    return manifest


def _postgres_is_empty():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return cursor.fetchone()[0] == 0


def restore(source, replace=False):
    """Restore the backup in ``source`` into the configured database and MEDIA_ROOT.

    The target must be empty (a fresh database, a missing SQLite file) unless ``replace`` is
    given, so a mistyped DATABASE_URL cannot overwrite a live site.
    """
    manifest = _manifest(source)
    source = Path(source)
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        if not replace and not _postgres_is_empty():
            raise BackupError(
                f"The database {database['NAME']} is not empty. Restore into a fresh database, "
                "or pass --replace to overwrite it."
            )
        connection.close()
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]
        if replace:
            command += ["--clean", "--if-exists"]
        _run(
            command + _postgres_args(database) + [str(source / manifest["database"]["file"])],
            env=_postgres_env(database),
        )
    else:
        target = Path(database["NAME"])
        if target.exists() and target.stat().st_size and not replace:
            raise BackupError(
                f"{target} already exists. Restore to a new file, "
                "or pass --replace to overwrite it."
            )
        connection.close()
        shutil.copyfile(source / manifest["database"]["file"], target)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / manifest["media"], "r:gz") as archive:
        archive.extractall(media_root, filter="data")
    return manifest
