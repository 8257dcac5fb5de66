"""Shared fixtures.

The bundled data (member states, terms, curated votes) is loaded once into the
test database. Tests that read `../shared` skip with a reason where it is absent,
and fail instead when VOTETRACKER_REQUIRE_SHARED=1 (CI always has it).
"""

from __future__ import annotations

import gc
import io
import os
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


def response_text(response) -> str:
    """A response's body as text, streamed (the exports) or not."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail in CI) where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared reference data sits beside the project in CI"
        if os.environ.get("VOTETRACKER_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    """Each test starts with an empty cache: the record's version goes back with
    each test's rollback, so that a page cached by one test could otherwise be
    served to the next. The process's own cache is emptied; a shared one (REDIS_URL
    set) is given a key prefix of this test's own instead of being flushed."""
    from django.core.cache import cache

    config = settings.CACHES["default"]
    if config["BACKEND"].endswith("LocMemCache"):
        cache.clear()
    else:
        prefix = f"test-{uuid.uuid4().hex}"
        settings.CACHES = {"default": {**config, "KEY_PREFIX": prefix, "TIMEOUT": 300}}


@pytest.fixture(autouse=True)
def fresh_export_files(settings, tmp_path_factory):
    """Each test keeps the exports it builds in a folder of its own: the record's
    version goes back with each test's rollback, so that a file built by one test
    could otherwise be served to the next (resolutions/exportfiles.py)."""
    base = tmp_path_factory.getbasetemp() / "exports"
    settings.EXPORT_DIR = str(base / uuid.uuid4().hex)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_bundled", verbosity=0, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        end_other_sessions()


def end_other_sessions() -> None:
    """Ends the test database's other connections on PostgreSQL, before it is
    dropped. The live server answers each browser connection in a thread of its
    own, which keeps its database connection until the browser lets go; one let go
    after the server stopped was still there, and PostgreSQL refused to drop the
    database ("being accessed by other users")."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def bundled(transactional_db):
    """The bundled data, for tests that flush the database (live server).

    The votes go first at the end, while every table is whole: the flush that
    follows empties the tables in no set order, and a vote deleted after its
    member's figures were emptied would have its trigger write a figure for a
    member about to go (a foreign key broken at the flush's commit, now and then)."""
    call_command("load_bundled", verbosity=0, stdout=io.StringIO())
    yield
    from resolutions.models import Vote

    Vote.objects.all().delete()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A streamed export a test did not read to its end holds a server-side cursor
    (PostgreSQL) open in that test's transaction; collected later, its close would
    run, and fail, inside the next test's transaction. Collected here, it closes
    while its own transaction is still open. (A WSGI server closes every response
    at the end of its request, so the site itself has no such leftover.)"""
    gc.collect()
    yield


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgresql` check PostgreSQL's own features (COPY): they run
    in the suite on PostgreSQL and are deselected, said as such, on SQLite,
    where what they check does not exist."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    elsewhere = [item for item in items if item.get_closest_marker("postgresql")]
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
