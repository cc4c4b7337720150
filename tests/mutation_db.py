"""A pytest plugin for `make mutation` only (`-p tests.mutation_db`).

mutmut runs the tests once per mutant, each in a fresh process: migrating a
test database each time would take a minute. The Makefile migrates one
template database (MUTATION_DB_TEMPLATE); every run here works on its own copy
(its process id in the name, so parallel runs never share one, and a test that
flushes the database spoils only its copy), reused as is (--reuse-db)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _copy() -> Path | None:
    template = os.environ.get("MUTATION_DB_TEMPLATE")
    return Path(f"{template}.{os.getpid()}") if template else None


def pytest_sessionstart(session):
    target = _copy()
    if target is None:
        return
    from django.conf import settings

    shutil.copyfile(os.environ["MUTATION_DB_TEMPLATE"], target)
    # The same dict the connection holds: the test database name changes for it too.
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(target)


def pytest_sessionfinish(session, exitstatus):
    target = _copy()
    if target is not None:  # with SQLite's write-ahead log beside it
        for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            path.unlink(missing_ok=True)
