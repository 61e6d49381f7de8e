"""The machine a benchmark ran on, as one line for its report.

    describe("postgres://postgres@127.0.0.1:5432/bench")
    -> "8 cores, AMD EPYC 7B13, 31.4 GiB RAM, PostgreSQL, Python 3.12.3"

Every benchmark script prints this line, so their results can be compared.
"""

import os
import platform
from pathlib import Path

ENGINES = {
    "postgres": "PostgreSQL",
    "postgresql": "PostgreSQL",
    "postgis": "PostgreSQL",
    "pgsql": "PostgreSQL",
    "sqlite": "SQLite",
    "sqlite3": "SQLite",
    "spatialite": "SQLite",
    "mysql": "MySQL",
    "mariadb": "MariaDB",
    "oracle": "Oracle",
}


def cpu_model():
    """The CPU's model name from /proc/cpuinfo, else what the platform says."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ram():
    """Total memory from /proc/meminfo, e.g. ``"31.4 GiB"``, or ``"unknown"``."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def engine(database):
    """A readable database engine name.

    ``database`` is a Django connection (its vendor and server version), a database URL
    (its scheme: ``postgres://…`` is PostgreSQL) or a vendor name (``connection.vendor``).
    """
    vendor = getattr(database, "vendor", None)
    if vendor is not None:
        name = ENGINES.get(vendor, vendor)
        try:
            version = ".".join(str(part) for part in database.get_database_version())
        except Exception:  # noqa: BLE001 - the version is a nicety; never fail a report for it
            return name
        return f"{name} {version}"
    text = str(database)
    scheme = text.split("://", 1)[0] if "://" in text else text
    scheme = scheme.split("+", 1)[0].lower()  # e.g. postgresql+psycopg://
    return ENGINES.get(scheme, scheme)


def describe(database):
    """One line: cores, CPU model, RAM, database engine and Python version."""
    return (
        f"{os.cpu_count()} cores, {cpu_model()}, {ram()} RAM, {engine(database)}, "
        f"Python {platform.python_version()}"
    )
