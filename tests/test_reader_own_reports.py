"""The article reader on reports written for these tests (tests/reports/), none of
which any of its rules was written for: it proposes no fact the truth contradicts,
and the floors below hold what it reaches on them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

REPORTS = Path(__file__).parent / "reports"


@pytest.fixture
def report(db):
    out = io.StringIO()
    call_command("evaluate_extraction", str(REPORTS), json=True, stdout=out)
    return json.loads(out.getvalue())


def test_no_fact_proposed_is_false(report):
    wrong = {row["article"]: row["wrong_facts"] for row in report["articles"] if row["wrong_facts"]}
    assert wrong == {}
    assert report["totals"]["positions_wrong"] == 0


def test_what_the_reader_reaches_on_them(report):
    totals = report["totals"]
    assert totals["articles"] == len(list(REPORTS.glob("*.txt"))) == 55
    # Floors, not targets.
    assert totals["vetoes"] >= 55
    assert totals["outcome"] >= 54
    assert totals["counts"] >= 53
    assert totals["named"] >= 182
    assert totals["date"] >= 52
    assert totals["document"] >= 53
    assert totals["positions"] >= 740
