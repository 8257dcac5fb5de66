"""import_votes --format researched on small JSON files written here (one vote
each, as the README documents the format): positions from the tally and the seats
of the day, sources with their quotes, review flags for doubtful records, and
errors naming the file, the line and the key."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from resolutions import reviews
from resolutions.importers import detect_format
from resolutions.models import Resolution, Source
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db

# The Council of 2025 (bundled terms): the five permanent members and Algeria,
# Denmark, Greece, Guyana, Pakistan, Panama, the Republic of Korea, Sierra Leone,
# Slovenia, Somalia.
DAY = "2025-10-01"


def record(**changes) -> dict:
    """A vote of the researched format: adopted 13-0-2, two abstentions named by
    one UN name and one alias, two reports cited."""
    data = {
        "vote_date": DAY,
        "document": "S/RES/2950 (2025)",
        "resolution_number": 2950,
        "draft_symbol": "S/2025/900",
        "meeting": "S/PV.10500",
        "subject": "A mission renewed for one year",
        "agenda_item": "The situation in a region",
        "adopted": True,
        "procedural": False,
        "yes": 13,
        "no": 0,
        "abstain": 2,
        "non_voting": 0,
        "against": [],
        "abstaining": ["Republic of Korea", "Russia"],
        "not_voting": [],
        "vetoed_by": [],
        "sources": [
            {
                "url": "https://press.un.org/en/2025/sc99999.doc.htm",
                "outlet": "UN Meetings Coverage",
                "published": DAY,
                "quote": "The Council adopted the text by 13 votes in favour to none "
                "against, with 2 abstentions.",
            },
            {
                "url": "https://news.example.org/council-renews-mission",
                "outlet": "A news agency",
                "published": None,
                "quote": "South Korea and Russia abstained.",
            },
        ],
        "confidence": "high",
        "notes": "Written for this test.",
    }
    data.update(changes)
    return data


def write(folder: Path, data: dict, name: str = "vote.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def run(*paths: Path, fmt: str = "researched") -> str:
    out = io.StringIO()
    call_command(
        "import_votes",
        "--format",
        fmt,
        *map(str, paths),
        "--no-progress",
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def refused(path: Path) -> str:
    before = Resolution.objects.count(), Source.objects.count()
    with pytest.raises(CommandError) as error:
        run(path)
    assert (Resolution.objects.count(), Source.objects.count()) == before
    return str(error.value)


def positions_of(resolution: Resolution) -> dict[str, str]:
    return dict(resolution.votes.values_list("member_id", "position"))


def test_a_record_is_stored_with_every_seated_members_vote_its_sources_and_subject(tmp_path):
    path = write(tmp_path, record())
    assert detect_format(path) == "researched"
    run(path)
    vote = Resolution.objects.get(resolution_number=2950)
    assert (vote.date, vote.meeting, vote.draft_symbol) == (
        dt.date(2025, 10, 1),
        "S/PV.10500",
        "S/2025/900",
    )
    assert (vote.title, vote.agenda_item) == (
        "A mission renewed for one year",
        "The situation in a region",
    )
    assert (vote.outcome, str(vote.tally), vote.votes_recorded) == (Outcome.ADOPTED, "13-0-2", True)
    positions = positions_of(vote)
    assert len(positions) == 15
    assert {c for c, p in positions.items() if p == Position.ABSTAIN} == {"KOR", "RUS"}
    assert {"USA", "CHN", "DZA", "SVN"} <= {c for c, p in positions.items() if p == Position.FOR}
    cited = set(vote.sources.exclude(url="").values_list("kind", "url", "outlet", "date", "quote"))
    assert cited == {
        (
            Source.Kind.PRESS_RELEASE,
            "https://press.un.org/en/2025/sc99999.doc.htm",
            "UN Meetings Coverage",
            dt.date(2025, 10, 1),
            "The Council adopted the text by 13 votes in favour to none against, with 2 "
            "abstentions.",
        ),
        (
            Source.Kind.NEWS,
            "https://news.example.org/council-renews-mission",
            "A news agency",
            None,
            "South Korea and Russia abstained.",
        ),
    }
    assert not vote.needs_review, vote.review_reasons
    again = run(path)
    assert "Nothing changed." in again
    assert vote.sources.count() == 3  # the two reports and the researched record itself


def test_a_report_added_to_the_file_is_added_to_the_record(tmp_path):
    data = record()
    path = write(tmp_path, data)
    run(path)
    data["sources"].append(
        {
            "url": "https://paper.example.org/renewal",
            "outlet": "A newspaper",
            "published": "2025-10-02",
            "quote": "The mission was renewed.",
        }
    )
    write(tmp_path, data)
    out = run(path)
    assert "1 updated" in out and "Nothing changed." not in out
    vote = Resolution.objects.get(resolution_number=2950)
    assert vote.sources.filter(url="https://paper.example.org/renewal").exists()
    assert "Nothing changed." in run(path)


def test_without_a_tally_the_lists_are_not_evidence(tmp_path):
    path = write(
        tmp_path,
        record(yes=None, no=None, abstain=None, non_voting=None),
    )
    run(path)
    vote = Resolution.objects.get(resolution_number=2950)
    assert vote.tally is None and positions_of(vote) == {}
    assert not vote.votes_recorded
    assert vote.needs_review
    reasons = reviews.parse_all(vote.review_reasons)
    unknown = [r for r in reasons if r.category == "tally unknown"]
    assert unknown and unknown[0].where.startswith("vote.json:")
    assert "The tally is not on record." in unknown[0].public()


def test_lists_that_contradict_the_tally_are_left_out_and_flagged(tmp_path):
    # 13-2-0 with one member named against: the rest "for" would make it 14-1-0.
    path = write(
        tmp_path,
        record(
            adopted=False,
            document=None,
            resolution_number=None,
            yes=13,
            no=2,
            abstain=0,
            against=["Slovenia"],
            abstaining=[],
        ),
    )
    run(path)
    vote = Resolution.objects.get(draft_symbol="S/2025/900")
    assert str(vote.tally) == "13-2-0"
    assert vote.needs_review and "tally mismatch" in reviews.categories(vote.review_reasons)
    assert positions_of(vote) == {}


def test_a_member_not_seated_that_day_is_flagged(tmp_path):
    path = write(tmp_path, record(abstaining=["Republic of Korea", "Japan"]))
    run(path)
    vote = Resolution.objects.get(resolution_number=2950)
    assert vote.needs_review
    assert {"not seated", "tally mismatch"} <= reviews.categories(vote.review_reasons)
    assert "JPN" not in positions_of(vote)


@pytest.mark.parametrize(
    ("confidence", "sources", "categories"),
    [
        ("medium", 2, {"confidence"}),
        ("low", 1, {"confidence", "single source"}),
        ("high", 1, {"single source"}),
    ],
)
def test_less_than_high_confidence_or_one_report_is_flagged(
    tmp_path, confidence, sources, categories
):
    data = record(confidence=confidence)
    data["sources"] = data["sources"][:sources]
    run(write(tmp_path, data))
    vote = Resolution.objects.get(resolution_number=2950)
    assert vote.needs_review
    reasons = reviews.parse_all(vote.review_reasons)
    assert {r.category for r in reasons} == categories
    for reason in reasons:
        assert reason.where.startswith("vote.json:")
        assert "vote.json" not in reason.public()
    if "single source" in categories:
        assert "Only one report supports this record." in " ".join(r.public() for r in reasons)


def test_a_veto_is_stored_when_the_rules_make_it_one(tmp_path):
    path = write(
        tmp_path,
        record(
            adopted=False,
            document="S/2025/900",
            resolution_number=None,
            yes=14,
            no=1,
            abstain=0,
            against=["United States of America"],
            abstaining=[],
            vetoed_by=["United States"],
        ),
    )
    run(path)
    vote = Resolution.objects.get(draft_symbol="S/2025/900")
    assert vote.outcome == Outcome.VETOED and not vote.needs_review, vote.review_reasons
    assert {c for c, p in positions_of(vote).items() if p != Position.FOR} == {"USA"}
    assert positions_of(vote)["USA"] == Position.VETO


def test_a_veto_of_a_draft_short_of_nine_votes_is_flagged(tmp_path):
    path = write(
        tmp_path,
        record(
            adopted=False,
            document=None,
            resolution_number=None,
            yes=4,
            no=9,
            abstain=2,
            against=[
                "France",
                "United Kingdom",
                "United States",
                "Denmark",
                "Greece",
                "Panama",
                "Sierra Leone",
                "Slovenia",
                "Somalia",
            ],  # fmt: skip
            abstaining=["Guyana", "Republic of Korea"],
            vetoed_by=["France"],
        ),
    )
    run(path)
    vote = Resolution.objects.get(draft_symbol="S/2025/900")
    assert vote.outcome == Outcome.FAILED and vote.needs_review
    assert "veto mismatch" in reviews.categories(vote.review_reasons)
    assert Position.VETO not in positions_of(vote).values()


def test_a_permanent_members_no_on_a_draft_with_the_votes_not_called_a_veto_is_flagged(tmp_path):
    path = write(
        tmp_path,
        record(
            adopted=False,
            document=None,
            resolution_number=None,
            yes=12,
            no=1,
            abstain=2,
            against=["China"],
            vetoed_by=[],
        ),
    )
    run(path)
    vote = Resolution.objects.get(draft_symbol="S/2025/900")
    assert vote.needs_review
    assert "rules/outcome" in reviews.categories(vote.review_reasons)


def test_an_unknown_key_is_refused_naming_the_file_line_and_key(tmp_path):
    data = record()
    data["draft_symbl"] = data.pop("draft_symbol")
    path = write(tmp_path, data)
    message = refused(path)
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if '"draft_symbl"' in text
    )
    assert f"vote.json:{line}: draft_symbl: not a key of the researched format" in message


def test_an_unknown_member_name_is_refused_naming_the_file_and_line(tmp_path):
    path = write(tmp_path, record(abstaining=["Republic of Koera", "Russia"]))
    message = refused(path)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "Koera" in text)
    assert f"vote.json:{line}: 'Republic of Koera' is no member state's name" in message


def test_a_missing_key_is_refused(tmp_path):
    data = record()
    del data["confidence"]
    assert "vote.json: missing key(s): confidence" in refused(write(tmp_path, data))


@pytest.mark.parametrize(
    ("changes", "key", "says"),
    [
        ({"vote_date": "2025-13-01"}, "vote_date", "is not a date"),
        ({"yes": 12}, "yes", "add up to 14, not 15"),
        ({"no": None}, "no", "the tally is four whole numbers or null"),
        ({"document": "S/RES/2951 (2025)"}, "document", "resolution_number is 2950"),
        ({"document": "S/RES/2950 (2024)"}, "document", "of another year"),
        ({"draft_symbol": "2025/900"}, "draft_symbol", "is not a draft symbol"),
        ({"meeting": "PV 10500"}, "meeting", "is not a meeting record"),
        ({"confidence": "certain"}, "confidence", "is not one of high, medium, low"),
        ({"sources": []}, "sources", "at least one source"),
        ({"adopted": "yes"}, "adopted", "is true or false"),
        ({"abstaining": "Russia"}, "abstaining", "is a list of member names"),
        ({"vetoed_by": ["Russia"]}, "vetoed_by", "an adopted draft was not vetoed"),
    ],
)
def test_a_bad_value_is_refused_naming_the_file_line_and_key(tmp_path, changes, key, says):
    path = write(tmp_path, record(**changes))
    message = refused(path)
    line = next(
        n
        for n, text in enumerate(path.read_text().splitlines(), 1)
        if text.startswith(f'  "{key}"')
    )
    assert f"vote.json:{line}: {key}: " in message and says in message


def test_a_bad_source_is_refused_naming_its_place(tmp_path):
    data = record()
    data["sources"][1]["published"] = "last week"
    path = write(tmp_path, data)
    message = refused(path)
    lines = [n for n, t in enumerate(path.read_text().splitlines(), 1) if '"published"' in t]
    assert f"vote.json:{lines[1]}: sources[1].published: " in message


def test_not_json_is_refused_with_its_line(tmp_path):
    path = tmp_path / "vote.json"
    path.write_text('{\n  "vote_date": "2025-10-01",\n  "subject": oops\n}\n', encoding="utf-8")
    assert "vote.json:3: not JSON" in refused(path)


def test_a_folder_is_read_whole_and_its_other_files_are_named_as_skipped(tmp_path):
    write(tmp_path, record(), "2025-10-01-one.json")
    write(
        tmp_path,
        record(
            vote_date="2025-10-02",
            document=None,
            resolution_number=2951,
            draft_symbol=None,
            meeting=None,
        ),
        "2025-10-02-two.json",
    )
    (tmp_path / "SOURCE.txt").write_text("Where the files come from.\n", encoding="utf-8")
    out = run(tmp_path)
    assert "SOURCE.txt: not a researched file" in out
    assert set(
        Resolution.objects.filter(date__gte=DAY).values_list("resolution_number", flat=True)
    ) == {
        2950,
        2951,
    }
    assert "Nothing changed." in run(tmp_path, fmt="auto")


def test_a_vote_without_any_symbol_is_found_again_by_its_day(tmp_path):
    path = write(
        tmp_path,
        record(
            adopted=False,
            document=None,
            resolution_number=None,
            draft_symbol=None,
            meeting=None,
            yes=5,
            no=0,
            abstain=10,
            abstaining=[
                "Denmark",
                "Greece",
                "Guyana",
                "Pakistan",
                "Panama",
                "Republic of Korea",
                "Sierra Leone",
                "Slovenia",
                "Somalia",
                "Algeria",
            ],  # fmt: skip
        ),
    )
    run(path)
    vote = Resolution.objects.get(date=DAY)
    assert (vote.outcome, vote.symbol, len(positions_of(vote))) == (Outcome.FAILED, "", 15)
    assert "Nothing changed." in run(path)
    assert Resolution.objects.filter(date=DAY).count() == 1


def test_a_member_in_two_lists_is_not_taken_for_a_vote_in_favour(tmp_path):
    # Slovenia both against and abstaining: the rest "for" would fit the tally
    # 14-0-1 only by counting Slovenia in favour, which the file never says.
    path = write(
        tmp_path,
        record(
            yes=14,
            no=0,
            abstain=1,
            against=["Slovenia"],
            abstaining=["Republic of Korea", "Slovenia"],
        ),
    )
    run(path)
    vote = Resolution.objects.get(resolution_number=2950)
    assert vote.needs_review and "member twice" in reviews.categories(vote.review_reasons)
    assert "SVN" not in positions_of(vote)
