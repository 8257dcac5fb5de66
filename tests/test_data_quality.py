"""`manage.py data_quality`: the state of the record, and --strict as a gate."""

import io

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import Resolution, Vote

pytestmark = pytest.mark.django_db


def report(*args) -> str:
    out = io.StringIO()
    call_command("data_quality", *args, stdout=out)
    return out.getvalue()


def test_the_bundled_record_passes_strict_with_votes_per_decade():
    text = report("--strict")
    bundled = Resolution.objects.count()
    total = next(line for line in text.splitlines() if line.startswith("total"))
    assert total.split()[1] == str(bundled)
    assert "2010s" in text and "1950s" in text
    assert "Records that break the rules without being flagged: 0" in text


def test_strict_fails_on_a_record_that_breaks_the_rules_unflagged():
    record = Resolution.objects.create(
        draft_symbol="S/2017/901",
        date="2017-04-20",
        votes_recorded=False,
        votes_for=10,
        votes_against=2,
        votes_abstain=3,
        outcome="adopted",  # 10-2-3 with Russia's veto on record: it was vetoed
    )
    Vote.objects.create(resolution=record, member_id="RUS", position="veto")
    with pytest.raises(CommandError, match="1 record"):
        report("--strict")
    assert "S/2017/901 (2017-04-20): The outcome is recorded as 'adopted'" in report()

    record.review_status = Resolution.Review.NEEDS_REVIEW
    record.review_reasons = "outcome mismatch: the press says adopted"
    record.save()
    text = report("--strict")
    assert "outcome mismatch: 1" in text
    assert "Records that break the rules without being flagged: 0" in text
