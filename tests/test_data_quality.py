"""`manage.py data_quality`: the state of the record, and --strict as a gate."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from resolutions.models import Resolution, Vote

pytestmark = pytest.mark.django_db


def report(*args) -> str:
    out = io.StringIO()
    call_command("data_quality", *args, stdout=out)
    return out.getvalue()


def strict_failure() -> str:
    with pytest.raises(CommandError) as failure:
        report("--strict")
    return str(failure.value)


def test_the_bundled_record_breaks_no_rule_but_is_a_sample_with_gaps_in_its_numbers():
    text = report()
    assert strict_failure() == "1 fault(s) in the numbering of resolutions."
    assert "numbers missing: 1-83, 85-" in text
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
    assert strict_failure().startswith("1 record(s) break the rules")
    assert "S/2017/901 (2017-04-20): The outcome is recorded as 'adopted'" in report()

    record.review_status = Resolution.Review.NEEDS_REVIEW
    record.review_reasons = "outcome mismatch: the press says adopted"
    record.save()
    assert "break the rules" not in strict_failure()
    text = report()
    assert "outcome mismatch: 1" in text
    assert "Records that break the rules without being flagged: 0" in text


def test_strict_fails_on_a_gap_or_a_number_dated_out_of_order():
    # (A number given twice cannot be stored: resolution numbers are unique.)
    Resolution.objects.all().delete()
    for number, day in ((1, "1946-01-25"), (2, "1946-01-30"), (4, "1946-01-29"), (5, "1946-02-04")):
        Resolution.objects.create(
            resolution_number=number, date=dt.date.fromisoformat(day), outcome="adopted",
            votes_recorded=False,
            votes_for=11, votes_against=0, votes_abstain=0, meeting=f"S/PV.{number}{day}",
        )  # fmt: skip
    text = report()
    assert "numbers missing: 3\n" in text
    assert "S/RES/4 is dated 1946-01-29, before S/RES/2 (1946-01-30)" in text
    assert strict_failure() == "2 fault(s) in the numbering of resolutions."
