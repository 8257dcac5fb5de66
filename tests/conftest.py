"""Shared fixtures.

The bundled data (member states, terms, curated votes) is loaded once into the
test database. Tests that read `../shared` skip with a reason where it is absent,
and fail instead when VOTETRACKER_REQUIRE_SHARED=1 (CI always has it).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail in CI) where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared reference data sits beside the project in CI"
        if os.environ.get("VOTETRACKER_REQUIRE_SHARED") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_bundled", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def bundled(transactional_db):
    """The bundled data, for tests that flush the database (live server)."""
    call_command("load_bundled", verbosity=0, stdout=io.StringIO())
