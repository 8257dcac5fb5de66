"""The article reader needs no loaded database: `extract_votes` and
`evaluate_extraction` run from a fresh clone before `make setup`, reading the
bundled members and terms (resolutions/data/), and read exactly as they do with
the record loaded."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest
from conftest import PROJECT, require_shared

from resolutions.reader import Context

DAYS = [dt.date(1946, 6, 26), dt.date(1965, 12, 31), dt.date(1966, 1, 1), dt.date(1971, 10, 26),
        dt.date(1991, 12, 24), dt.date(2017, 4, 12), dt.date(2026, 4, 14)]  # fmt: skip


def test_the_bundled_files_give_the_context_the_loaded_record_gives(db):
    bundled, loaded = Context.from_bundled(), Context.from_database()
    assert bundled.names == loaded.names
    assert bundled.names["russia"] == "RUS" and bundled.names["usa"] == "USA"
    assert bundled.permanent == loaded.permanent
    assert bundled.successors == loaded.successors == {"SUN": "RUS", **bundled.successors}
    assert bundled.display == loaded.display
    for day in DAYS:
        assert dict(bundled.seated(day)) == dict(loaded.seated(day)), day
    assert len(bundled.seated(dt.date(1965, 12, 31))) == 11
    assert len(bundled.seated(dt.date(2017, 4, 12))) == 15


def test_an_empty_database_falls_back_to_the_bundled_files(db):
    from resolutions.models import CouncilTerm, MemberState, Vote

    Vote.objects.all().delete()
    CouncilTerm.objects.all().delete()
    MemberState.objects.update(successor=None)
    assert Context.from_database().successors == Context.from_bundled().successors


def run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """manage.py on a database file that has no tables at all."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'never-migrated.sqlite3'}"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True,
        text=True, timeout=300,
    )  # fmt: skip


def test_extract_votes_reads_an_article_without_a_migrated_database(tmp_path):
    article = tmp_path / "report.txt"
    article.write_text(
        "UNITED NATIONS, April 12 - Russia vetoed a draft resolution on Syria on Wednesday. "
        "The vote was 10 in favour, with Russia and Bolivia voting against and China, "
        "Ethiopia and Kazakhstan abstaining.",
        encoding="utf-8",
    )
    done = run(tmp_path, "extract_votes", str(article), "--published", "2017-04-12", "--json")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["vetoed_by"] == ["RUS"]
    assert found["counts"] == {"for": 10, "against": 2, "abstain": 3, "non_voting": 0}
    assert found["positions"]["BOL"] == "against"
    assert found["positions"]["KAZ"] == "abstain"
    assert found["matched"] == []


@pytest.mark.shared
def test_evaluate_extraction_scores_the_same_without_a_migrated_database(tmp_path, db):
    from io import StringIO

    from django.core.management import call_command

    folder = require_shared("data", "articles")
    done = run(tmp_path, "evaluate_extraction", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    loaded = StringIO()
    call_command("evaluate_extraction", str(folder), json=True, stdout=loaded)

    def scores(text: str) -> list[dict]:
        rows = json.loads(text)["articles"]
        return [{k: v for k, v in row.items() if k != "seconds"} for row in rows]

    assert scores(done.stdout) == scores(loaded.getvalue())
