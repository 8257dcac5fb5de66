"""import_votes on the real shared sources (../shared/data/external): the "done
when" of the historical record. Everything is imported once for the module."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from conftest import require_shared, response_text
from django.core.management import call_command
from django.db import connection

from resolutions import reviews, topics
from resolutions.management.commands import bench, import_votes
from resolutions.models import MemberState, Resolution, Vote, normalise_name
from resolutions.rules import Outcome, Position

pytestmark = [pytest.mark.shared]


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """All shared sources imported once; the imported records removed afterwards
    and the bundled ones restored, so that other modules see the bundled data."""
    external = require_shared("data", "external")
    pages = external / "dhl-scact-html"
    community = external / "voting-agent-sc-votes" / "sc_voting_2025-07-03.csv"
    sources = [
        str(pages),
        str(community),
        str(external / "wpdl-vetoes"),
        str(external / "recent-votes"),
    ]
    out = io.StringIO()
    with django_db_blocker.unblock():
        call_command("import_votes", *sources, "--no-progress", stdout=out)
        again = io.StringIO()
        call_command("import_votes", *sources, "--no-progress", stdout=again, verbosity=2)
        yield {"first": out.getvalue(), "second": again.getvalue(), "external": external}
        Resolution.objects.filter(origin=Resolution.Origin.IMPORT).delete()
        Resolution.objects.filter(origin=Resolution.Origin.BUNDLED).delete()
        call_command("load_bundled", verbosity=0, stdout=io.StringIO())


def page_votes(pages) -> list[tuple[str, str, str | None, str]]:
    """Every vote in the library's meeting pages, read with plain regular
    expressions (not the importer's parser): (kind, symbol, tally, page)."""
    found = []
    for page in sorted(pages.glob("scact*_table_en.html")):
        if "veto" in page.name:
            continue
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8-sig", errors="replace"))
        text = " ".join(text.split())
        for match in re.finditer(r"S/RES/\s*(\d+)\s*\(\d{4}\)\s*(\d{1,2}-\d{1,2}-\d{1,2})?", text):
            found.append(("resolution", match.group(1), match.group(2), page.name))
        for match in re.finditer(
            r"(S/\d{4}/\d+|S/\d{3,5}(?:/Rev\.\d)?)\s*(?:\([^)]*\)\s*)?"
            r"(vetoed by [A-Za-z ,]+?|not adopted)\s*(\d{1,2}-\d{1,2}-\d{1,2})",
            text,
        ):
            kind = "vetoed" if match.group(2).startswith("vetoed") else "failed"
            found.append((kind, match.group(1), match.group(3), page.name))
    return found


@pytest.mark.django_db
def test_every_library_vote_is_present_with_outcome_and_tally(imported):
    changed = [
        line
        for line in imported["second"].splitlines()
        if line.startswith("  changed:")
        or ("votes read" in line and " 0 created, 0 updated" not in line)
    ]
    assert changed == []
    assert "Nothing changed." in imported["second"]
    assert "0 records created, 0 updated" in imported["second"]
    votes = page_votes(imported["external"] / "dhl-scact-html")
    assert len(votes) > 2700
    by_number = {
        r.resolution_number: r for r in Resolution.objects.filter(resolution_number__isnull=False)
    }
    by_draft: dict[str, list[Resolution]] = {}
    for resolution in Resolution.objects.all():
        # Drafts voted together are stored under the first symbol, the others in the
        # draft's note.
        for symbol in {resolution.draft_symbol, *re.findall(r"S/[\d/]+", resolution.draft_note)}:
            by_draft.setdefault(symbol, []).append(resolution)
    # The pages give these numbers to two votes each: the other vote is 666 and 695
    # (settled by the dates of the numbers around them).
    duplicated = {663, 701}
    missing = []
    for kind, symbol, tally, page in votes:
        if kind == "resolution":
            record = by_number.get(int(symbol))
            if record is None or record.outcome != Outcome.ADOPTED:
                missing.append((symbol, page))
            elif tally and str(record.tally) != tally and int(symbol) not in duplicated:
                missing.append((symbol, page, tally, str(record.tally)))
            continue
        records = by_draft.get(symbol, [])
        # A page's tally with the votes against and the abstentions the wrong way
        # round is settled for the members' votes (S/2022/431), and says so.
        if not any(str(r.tally) == tally for r in records) and not any(
            r.needs_review or f"gives {tally};" in r.settled for r in records
        ):
            missing.append((symbol, page, kind, tally))
    assert missing == [], missing[:5]
    for number, other, tallies in ((663, 666, ("15-0-0", "13-2-0")), (701, 695, ("15-0-0",) * 2)):
        assert (str(by_number[number].tally), str(by_number[other].tally)) == tallies
        assert not by_number[number].needs_review and not by_number[other].needs_review
    written = Resolution.objects.get(meeting="S/PV.8823")  # a tally without a symbol, 2021
    assert (str(written.tally), written.outcome, written.needs_review) == ("2-0-13", "failed", True)


@pytest.mark.django_db
def test_per_member_positions_1994_to_may_2025(imported):
    recorded = Resolution.objects.filter(votes_recorded=True, adopted_without_vote=False)
    years = Counter(recorded.filter(date__year__gte=1994).values_list("date__year", flat=True))
    # A fault of the community table: most of its 1995 votes list members of
    # other years (S/RES/1024 (1995): Guyana, Japan, Malta, Switzerland...) with
    # votes that contradict the library's tallies (China abstaining on a 15-0-0
    # resolution): those rows are left out, the records keep their tallies, and
    # a unanimous tally gives every member's vote (the seats of the day).
    assert all(years[year] >= 20 for year in range(1994, 2025)), years
    resolution_1024 = Resolution.objects.get(resolution_number=1024)
    assert (str(resolution_1024.tally), resolution_1024.needs_review) == ("15-0-0", False)
    assert set(resolution_1024.votes.values_list("position", flat=True)) == {Position.FOR}
    assert resolution_1024.votes.count() == 15
    assert "another vote's and are left out" in resolution_1024.settled
    resolution_975 = Resolution.objects.get(resolution_number=975)  # 14-0-1: who abstained?
    assert (str(resolution_975.tally), resolution_975.votes_recorded) == ("14-0-1", False)
    assert not resolution_975.votes.exists() and not resolution_975.needs_review
    resolution_979 = Resolution.objects.get(resolution_number=979)  # without a vote
    assert resolution_979.adopted_without_vote and not resolution_979.needs_review
    assert recorded.filter(date__year=2025, date__month=5).exists()
    full = [
        r
        for r in recorded.filter(date__gte="1994-01-01").prefetch_related("votes")
        if len(r.votes.all()) == 15
    ]
    assert len(full) > 1800
    # Dates of the community table were corrected from the library's pages.
    assert "swapped dates corrected" in imported["first"]
    resolution_893 = Resolution.objects.get(resolution_number=893)
    assert resolution_893.date.isoformat() == "1994-01-06"
    assert resolution_893.votes.count() == 15


@pytest.mark.django_db
def test_reference_case(imported):
    record = Resolution.objects.get(draft_symbol="S/2017/315")
    assert record.date.isoformat() == "2017-04-12"
    assert record.meeting == "S/PV.7922"
    assert record.outcome == Outcome.VETOED
    positions = dict(record.votes.values_list("member__short_name", "position"))
    assert len(positions) == 15
    expected = {
        **dict.fromkeys(
            ["Egypt", "France", "Italy", "Japan", "Senegal", "Sweden", "Ukraine"],
            Position.FOR,
        ),
        **dict.fromkeys(["United Kingdom", "United States", "Uruguay"], Position.FOR),
        "Bolivia": Position.AGAINST,
        "Russia": Position.VETO,
        **dict.fromkeys(["China", "Ethiopia", "Kazakhstan"], Position.ABSTAIN),
    }
    assert positions == expected


# Differences between the vetoes on record and the veto list that no review flag
# explains, each with its explanation.
EXPLAINED = {
    ("S/2022/538", "2022-07-08"): "vetoed after the saved veto list was scraped (May 2022)",
    ("S/18087/Rev.1", "1986-05-23"): (
        "the veto list writes S/18087/Rev.1 where the meeting page writes S/18087: one record, "
        "flagged 'draft symbol mismatch'"
    ),
}


@pytest.mark.django_db
def test_vetoes_per_permanent_member_agree_with_the_veto_list(imported):
    """Vetoes per permanent member from the record equal the veto list's, but for
    votes whose record is flagged for review (the sources disagree, and the record
    says how) and the explained differences above."""
    page = imported["external"] / "dhl-scact-html" / "scact_veto_table_en.html"
    text = page.read_text(encoding="utf-8", errors="replace").replace("</br>", "<br>")
    codes = {
        "USSR": "SUN",
        "Russian Federation": "RUS",
        "USA": "USA",
        "UK": "GBR",
        "France": "FRA",
        "China": "CHN",
    }
    listed: dict[tuple[str, str], list[str]] = {}
    months = "January February March April May June July August September October November December"
    dates: dict[str, set[str]] = {}
    for symbol, meeting, day in Resolution.objects.values_list("draft_symbol", "meeting", "date"):
        dates.setdefault(symbol or meeting, set()).add(day.isoformat())
    for row in re.findall(r"<tr><td>(.*?)</tr>", text, re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", "<td>" + row.replace("<br>", " | "), re.S)
        ]
        first, last, month, year = re.match(
            r"(\d+)(?:\s*[-/+]\s*(\d+))?\s+([A-Za-z]+)\.?\s+(\d+)", cells[0]
        ).groups()
        year = int(year) + (1900 if int(year) < 100 else 0)
        number = next(i for i, m in enumerate(months.split(), 1) if m.startswith(month[:3]))
        symbol = re.match(r"S/[\w./]+", cells[1])
        key = symbol.group(0) if symbol and not symbol.group(0).startswith("S/PV") else ""
        key = key or re.match(r"S/PV\.\d+", cells[2]).group(0)
        # A meeting of several days ('7-9 January 1980'): the vote is on one of them.
        days = [f"{year}-{number:02d}-{d:02d}" for d in range(int(first), int(last or first) + 1)]
        date = next((d for d in days if d in dates.get(key, ())), days[0])
        members = [codes[m.strip()] for m in re.split(r"[|,]", cells[-1]) if m.strip()]
        listed.setdefault((key, date), []).extend(members)
    recorded: dict[tuple[str, str], list[str]] = {}
    flagged: dict[tuple[str, str], bool] = {}
    for vote in Vote.objects.filter(
        position=Position.VETO, resolution__date__lte="2022-07-31"
    ).select_related("resolution"):
        record = vote.resolution
        key = (record.draft_symbol or record.meeting, record.date.isoformat())
        recorded.setdefault(key, []).append(vote.member_id)
    for record in Resolution.objects.filter(date__lte="2022-07-31"):
        for key in [
            (record.draft_symbol, record.date.isoformat()),
            (record.meeting, record.date.isoformat()),
        ]:
            flagged[key] = flagged.get(key, False) or record.needs_review
    differences = {
        key
        for key in set(listed) | set(recorded)
        if sorted(listed.get(key, [])) != sorted(recorded.get(key, []))
    }
    unexplained = {key for key in differences if not flagged.get(key) and key not in EXPLAINED}
    assert unexplained == set()
    assert set(EXPLAINED) <= differences
    # Per member, the counts agree once the differences are set aside.
    agree = set(listed) - differences
    per_member_listed = Counter(m for key in agree for m in listed[key])
    per_member_recorded = Counter(m for key in agree for m in recorded.get(key, []))
    assert per_member_listed == per_member_recorded
    assert per_member_listed["SUN"] > 80 and per_member_listed["USA"] > 70
    assert len(differences) < 30


@pytest.mark.django_db
def test_no_stored_position_contradicts_the_library_and_no_vote_is_stored_twice(imported):
    """The community table's faults reach no stored vote: no member's position
    that the library's tally rules out, no second record of a vote it lists twice."""
    contradicting = []
    for record in Resolution.objects.filter(votes_for__isnull=False).prefetch_related("votes"):
        counted = Counter(
            "against" if v.position == Position.VETO else v.position for v in record.votes.all()
        )
        tally = record.tally
        if (
            counted[Position.FOR] > tally.yes
            or counted[Position.AGAINST] > tally.against
            or counted[Position.ABSTAIN] > tally.abstain
        ):
            contradicting.append(str(record))
    assert contradicting == []
    # S/1995/394 (listed twice by the table, once as adopted) is one vote.
    assert Resolution.objects.filter(meeting="S/PV.3538").count() == 1
    # S/2020/667: the table also gives the symbol to a failed vote; the 13-2-0 veto stands.
    record = Resolution.objects.get(draft_symbol="S/2020/667")
    positions = dict(record.votes.values_list("member_id", "position"))
    assert positions["RUS"] == positions["CHN"] == Position.VETO
    assert sum(p == Position.FOR for p in positions.values()) == 13
    # Resolution 2487 (2019) is the table's draft S/2019/725 (same meeting, swapped date).
    assert not Resolution.objects.filter(draft_symbol="S/2019/725", resolution_number=None).exists()


def test_bench_imports_every_library_page_the_veto_list_and_the_community_table_once():
    external = require_shared("data", "external")
    sources = bench.default_sources(external)
    files = import_votes.Command(stdout=io.StringIO()).files("auto", sources)
    formats = Counter(fmt for fmt, _ in files)
    in_folder = import_votes.Command(stdout=io.StringIO()).files(
        "auto", [external / "dhl-scact-html"]
    )
    pages = [path for fmt, path in in_folder if fmt == "dhl-meetings"]
    assert formats["dhl-meetings"] == len(pages) > 70
    assert formats["dhl-vetoes"] == 1
    assert formats["wpdl-vetoes"] == 1
    community = [path.name for fmt, path in files if fmt == "voting-agent"]
    assert community == ["sc_voting_2025-07-03.xlsx"]
    researched = sorted(path.name for fmt, path in files if fmt == "researched")
    assert researched == sorted(p.name for p in (external / "recent-votes").rglob("*.json"))
    assert len(researched) > 40


@pytest.mark.django_db
def test_agreement_matrix_of_2017_matches_counts_from_the_votes_export(imported, client):
    """/agreement.csv for 2017 against a count made here from /export/votes.csv:
    per vote, its rows; a vote with fewer rows than the Council's 15 seats holds
    only part of its votes (a tally-only record) and is left out; a pair agrees
    when both voted and took the same side (a veto is a vote against)."""
    import csv
    from collections import defaultdict
    from itertools import combinations

    export = client.get("/export/votes.csv")
    text = b"".join(export.streaming_content).decode("utf-8")
    by_vote: dict[tuple, dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        if row["date"].startswith("2017-"):
            key = (row["resolution_symbol"], row["draft_symbol"], row["date"], row["meeting"])
            by_vote[key][row["member_code"]] = row["position"]
    side = {"for": "for", "against": "no", "veto": "no", "abstain": "abstain"}
    expected: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    whole = [positions for positions in by_vote.values() if len(positions) == 15]
    assert len(whole) > 50  # the Council voted about 60 times in 2017
    for positions in whole:
        voted = sorted(code for code, position in positions.items() if position in side)
        for a, b in combinations(voted, 2):
            expected[(a, b)][0] += 1
            expected[(a, b)][1] += side[positions[a]] == side[positions[b]]

    response = client.get("/agreement.csv?year=2017")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    found = {
        (row["member_a"], row["member_b"]): [int(row["votes"]), int(row["agree"])]
        for row in rows
        if int(row["votes"])
    }
    assert found == dict(expected)
    # Every pair of the 2017 Council is a row, with a share beside its base.
    assert len(rows) == 15 * 14 // 2
    usa_rus = next(r for r in rows if (r["member_a"], r["member_b"]) == ("RUS", "USA"))
    share = int(usa_rus["agree"]) / int(usa_rus["votes"])
    assert float(usa_rus["share"]) == pytest.approx(share, abs=5e-5)  # four places


# The confirmed errors of issue 8, each held on the real sources.


@pytest.mark.django_db
def test_no_phantom_vetoes_of_s_5407_and_s_11400(imported):
    for symbol, meeting, day in (
        ("S/5407", "S/PV.1063", "1963-09-03"),
        ("S/11400", "S/PV.1788", "1974-07-31"),
    ):
        record = Resolution.objects.get(draft_symbol=symbol)
        assert (record.meeting, record.date.isoformat(), record.outcome) == (
            meeting,
            day,
            Outcome.VETOED,
        )
        assert list(record.votes.values_list("member_id", "position")) == [("SUN", Position.VETO)]
        assert "copy" in record.settled
    # One vote at each meeting where the copies were: S/5425/Rev.1, S/11543.
    assert list(Resolution.objects.filter(meeting="S/PV.1069").values_list("draft_symbol")) == [
        ("S/5425/Rev.1",)
    ]
    assert list(Resolution.objects.filter(meeting="S/PV.1808").values_list("draft_symbol")) == [
        ("S/11543",)
    ]
    assert not Resolution.objects.filter(meeting="S/PV.1063", draft_symbol="").exists()


@pytest.mark.django_db
def test_resolution_numbers_663_666_695_are_on_their_votes(imported):
    number = dict(
        Resolution.objects.filter(resolution_number__in=[663, 666, 695, 701]).values_list(
            "resolution_number", "date"
        )
    )
    assert {n: str(d) for n, d in number.items()} == {
        663: "1990-08-14",
        666: "1990-09-13",
        695: "1991-05-30",
        701: "1991-07-31",
    }


@pytest.mark.django_db
def test_resolution_425_is_not_merged_with_1425(imported):
    resolution_425 = Resolution.objects.get(resolution_number=425)
    assert resolution_425.date.isoformat() == "1978-03-19"
    assert resolution_425.draft_symbol == "" and resolution_425.votes.count() == 0
    resolution_1425 = Resolution.objects.get(resolution_number=1425)
    assert (resolution_1425.date.isoformat(), resolution_1425.draft_symbol) == (
        "2002-07-22",
        "S/2002/799",
    )
    assert resolution_1425.votes.count() == 15


@pytest.mark.django_db
def test_s_5134_is_vetoed_by_the_ussr(imported):
    record = Resolution.objects.get(draft_symbol="S/5134")
    assert record.outcome == Outcome.VETOED and not record.needs_review
    assert list(record.votes.values_list("member_id", "position")) == [("SUN", Position.VETO)]


@pytest.mark.django_db
def test_resolutions_1987_and_2311_were_adopted_without_a_vote(imported):
    for number in (1987, 2311):
        record = Resolution.objects.get(resolution_number=number)
        assert record.adopted_without_vote and record.tally is None
        assert record.votes.count() == 0 and not record.needs_review


@pytest.mark.django_db
def test_wrong_year_and_shared_draft_symbols_are_left_out(imported):
    drafts = dict(
        Resolution.objects.filter(resolution_number__in=[1048, 1516, 1697, 1684, 1685]).values_list(
            "resolution_number", "draft_symbol"
        )
    )
    assert drafts == {1048: "", 1516: "", 1697: "", 1684: "", 1685: ""}
    assert not Resolution.objects.filter(draft_symbol="S/2006/372").exists()


@pytest.mark.django_db
def test_resolution_2781_is_9_0_6_with_its_six_abstentions(imported):
    record = Resolution.objects.get(resolution_number=2781)
    assert (record.date.isoformat(), str(record.tally)) == ("2025-05-30", "9-0-6")
    abstained = set(
        record.votes.filter(position=Position.ABSTAIN).values_list("member_id", flat=True)
    )
    assert abstained == {"CHN", "DZA", "PAK", "RUS", "SLE", "SOM"}
    assert not record.needs_review


@pytest.mark.django_db
def test_resolution_numbers_run_without_gap_or_duplicate_and_in_date_order(imported):
    out = io.StringIO()
    call_command("data_quality", stdout=out)
    text = out.getvalue()
    # Resolution 2775 (2025) is in none of the shared sources; 2792 and 2807 are
    # known only by their numbers, and the UNAMA vote of 16 March 2026 (probably
    # 2818) has no number in its only source (recent-votes/SOURCE.txt): gaps,
    # never invented records.
    assert "numbers missing: 2775, 2792, 2807, 2818\n" in text
    assert "given to" not in text and "before S/RES/" not in text


@pytest.mark.django_db
def test_the_tally_settles_members_a_source_lists_twice_or_lacks(imported):
    # Resolution 2441 (2018), 13-0-2: the table lists the Russian Federation twice
    # with two votes; the tally leaves it only the abstention.
    record = Resolution.objects.get(resolution_number=2441)
    positions = dict(record.votes.values_list("member_id", "position"))
    assert (len(positions), positions["RUS"], record.needs_review) == (15, Position.ABSTAIN, False)
    # S/2020/1054, 5-0-10: Russia and Viet Nam twice each; both voted for.
    record = Resolution.objects.get(draft_symbol="S/2020/1054")
    positions = dict(record.votes.values_list("member_id", "position"))
    assert (positions["RUS"], positions["VNM"], record.needs_review) == (
        Position.FOR,
        Position.FOR,
        False,
    )
    # S/1999/328, 3-12-0 and short of the votes: the five members the table lacks
    # (it lists three states not on the Council instead) voted against.
    record = Resolution.objects.get(draft_symbol="S/1999/328")
    positions = dict(record.votes.values_list("member_id", "position"))
    assert len(positions) == 15 and not record.needs_review
    assert Counter(positions.values()) == {Position.FOR: 3, Position.AGAINST: 12}
    # The curated S/2020/797: the table's Russian Federation twice is its fault.
    assert not Resolution.objects.get(draft_symbol="S/2020/797").needs_review
    # Resolution 2602 (2021), 13-0-2: Tunisia twice and China missing leave one
    # in favour and one abstention: who is which, the tally does not say.
    assert Resolution.objects.get(resolution_number=2602).needs_review


# The researched records of June 2025 to April 2026 (recent-votes/).


def researched_files(external) -> list[tuple[str, dict]]:
    return [
        (path.name, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted((external / "recent-votes").rglob("*.json"))
    ]


def record_of(data: dict) -> Resolution:
    """The record of a researched file's vote: by its number, else its draft,
    else its meeting or day (no two such votes share one in the folder)."""
    if data["resolution_number"]:
        return Resolution.objects.get(resolution_number=data["resolution_number"])
    if data["draft_symbol"]:
        return Resolution.objects.get(draft_symbol=data["draft_symbol"])
    same = Resolution.objects.filter(
        date=data["vote_date"], draft_symbol="", resolution_number=None
    )
    if data["meeting"]:
        same = same.filter(meeting=data["meeting"])
    return same.get()


@pytest.mark.django_db
def test_the_record_runs_to_the_last_researched_vote(imported):
    out = io.StringIO()
    call_command("data_quality", stdout=out)
    last = max(data["vote_date"] for _, data in researched_files(imported["external"]))
    assert last == "2026-04-14"
    assert f"Last vote on record: {last}\n" in out.getvalue()


@pytest.mark.django_db
def test_every_researched_vote_is_on_record_with_its_reports_and_positions(imported):
    files = researched_files(imported["external"])
    assert len(files) > 40
    codes = MemberState.objects.name_index()
    for name, data in files:
        vote = record_of(data)
        assert vote.date.isoformat() == data["vote_date"], name
        assert vote.title == " ".join(data["subject"].split()), name
        cited = set(vote.sources.values_list("url", "quote"))
        assert {(s["url"], s["quote"].strip()) for s in data["sources"]} <= cited, name
        positions = dict(vote.votes.values_list("member_id", "position"))
        if data["yes"] is None:
            assert (vote.tally, positions) == (None, {}), name
            continue
        assert (vote.votes_for, vote.votes_against, vote.votes_abstain) == (
            data["yes"],
            data["no"],
            data["abstain"],
        ), name
        assert len(positions) == 15, name
        named = {
            **{codes[normalise_name(n)]: Position.AGAINST for n in data["against"]},
            **{codes[normalise_name(n)]: Position.ABSTAIN for n in data["abstaining"]},
            **{codes[normalise_name(n)]: Position.NON_VOTING for n in data["not_voting"]},
        }
        vetoed = {codes[normalise_name(n)] for n in data["vetoed_by"]}
        named.update(dict.fromkeys(vetoed, Position.VETO))
        assert {c: p for c, p in positions.items() if p != Position.FOR} == named, name


@pytest.mark.django_db
def test_researched_vetoes_and_failed_drafts(imported):
    gaza = Resolution.objects.get(meeting="S/PV.10000")  # 18 September 2025
    assert (gaza.outcome, str(gaza.tally)) == (Outcome.VETOED, "14-1-0")
    assert list(gaza.votes.exclude(position=Position.FOR).values_list("member_id", "position")) == [
        ("USA", Position.VETO)
    ]
    hormuz = Resolution.objects.get(date="2026-04-07")
    vetoes = set(hormuz.votes.filter(position=Position.VETO).values_list("member_id", flat=True))
    assert (hormuz.outcome, vetoes, hormuz.needs_review) == (Outcome.VETOED, {"CHN", "RUS"}, True)
    # 4-9-2: three permanent members voted no, but a draft short of nine votes
    # failed without a veto.
    iran = Resolution.objects.get(meeting="S/PV.10001")
    assert iran.outcome == Outcome.FAILED
    assert not iran.votes.filter(position=Position.VETO).exists()
    assert iran.votes.filter(position=Position.AGAINST).count() == 9


@pytest.mark.django_db
def test_researched_records_of_less_than_high_confidence_or_one_report_need_review(imported):
    for name, data in researched_files(imported["external"]):
        vote = record_of(data)
        categories = reviews.categories(vote.review_reasons)
        assert ("confidence" in categories) == (data["confidence"] != "high"), name
        assert ("single source" in categories) == (len(data["sources"]) == 1), name
        if data["confidence"] != "high" or len(data["sources"]) == 1:
            assert vote.needs_review, name


@pytest.mark.django_db
@pytest.mark.parametrize("code, last_year", [("SUN", 1991), ("USA", 1993)])
def test_a_permanent_member_s_years_of_tally_only_votes_are_not_vetoes_only(
    imported, client, code, last_year
):
    """Before 1994 most records hold only the tally (and who vetoed). On the USSR's
    and the United States' pages each year's bar counts every vote the Council
    took that year, its position "not on record" where the record does not hold
    it, so a year is never drawn as its vetoes alone."""
    import json

    page = client.get(f"/members/{code.lower()}/").content.decode()
    data = re.search(r'id="chart-positions-data"[^>]*>(.*?)</script>', page, re.S)[1]
    bars: Counter = Counter()
    bands: dict[str, dict[int, int]] = {}
    for trace in json.loads(data)["data"]:
        bands[trace["name"]] = dict(zip(trace["x"], trace["y"], strict=True))
        bars.update(bands[trace["name"]])
    votes = Counter(
        Resolution.objects.filter(date__year__lt=last_year, adopted_without_vote=False)
        .values_list("date__year", flat=True)
        .order_by()
    )
    for year in range(1946, last_year):
        assert bars[year] == votes[year], year
    assert sum(bands["Position not on record"].values()) > 0.5 * sum(votes.values())


# The two veto lists and the record (the library's veto list, the second list of
# wpdl-vetoes/, the vetoes on record up to the second list's end), read here with
# plain regular expressions and the csv module. A vote is keyed by its draft symbol,
# else by its meeting and day (the second list gives a meeting of several days as
# its last day: the symbol is the key where there is one).

CODES = {
    "USSR": "SUN",
    "Russian Federation": "RUS",
    "Russia": "RUS",
    "USA": "USA",
    "UK": "GBR",
    "France": "FRA",
    "China": "CHN",
}
MONTHS = "January February March April May June July August September October November December"


def veto_key(symbol, meeting, day: str) -> str:
    return symbol.group(0) if symbol else f"{meeting.group(0)} {day}"


def library_veto_list(external) -> dict[str, list[str]]:
    page = external / "dhl-scact-html" / "scact_veto_table_en.html"
    text = page.read_text(encoding="utf-8", errors="replace").replace("</br>", "<br>")
    found: dict[str, list[str]] = {}
    for row in re.findall(r"<tr><td>(.*?)</tr>", text, re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<td[^>]*>(.*?)</td>", "<td>" + row.replace("<br>", " | "), re.S)
        ]
        day, month, year = re.match(
            r"(\d+)(?:\s*[-/+]\s*\d+)?\s+([A-Za-z]+)\.?\s+(\d+)", cells[0]
        ).groups()
        year = int(year) + (1900 if int(year) < 100 else 0)
        number = next(i for i, m in enumerate(MONTHS.split(), 1) if m.startswith(month[:3]))
        key = veto_key(
            re.match(r"S/(?!PV)[\w./]+", cells[1]),
            re.search(r"S/PV\.\d+", cells[2]),
            f"{year}-{number:02d}-{int(day):02d}",
        )
        members = [CODES[m.strip()] for m in re.split(r"[|,]", cells[-1]) if m.strip()]
        found.setdefault(key, []).extend(members)
    return found


def second_veto_list(external) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    path = external / "wpdl-vetoes" / "unsc_vetoes_1946_sept2022.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            month, day, year = row["date"].split("/")
            key = veto_key(
                re.match(r"S/(?!PV)[\w.]+(?:/[\w.]+)*", row["draft"]),
                re.search(r"S/PV\.\d+", row["meeting_record"]),
                f"{year}-{int(month):02d}-{int(day):02d}",
            )
            vetoing = [row[c] for c in ("member_veto1", "member_veto2", "member_veto3")]
            found.setdefault(key, []).extend(CODES[name] for name in vetoing if name)
    return found


def vetoes_on_record(until: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for vote in Vote.objects.filter(
        position=Position.VETO, resolution__date__lte=until
    ).select_related("resolution"):
        record = vote.resolution
        key = record.draft_symbol or f"{record.meeting} {record.date.isoformat()}"
        found.setdefault(key, []).append(vote.member_id)
    return found


# Every veto on which the library's veto list, the second list and the record do
# not agree: (library's list, second list, record), each with why.
VETOES_EXPLAINED = {
    "S/PV.49 1946-06-26": (
        ["FRA", "SUN", "SUN", "SUN"],
        ["SUN", "SUN", "SUN"],
        ["FRA", "SUN", "SUN", "SUN"],
        "France and the USSR on the preliminary question of the Spanish question in the "
        "library's list, the USSR alone in the second list (a 2022 scrape of it) and on the "
        "library's page: the record follows the library's list of vetoes",
    ),
    "S/552": (
        ["SUN", "SUN"],
        ["SUN", "SUN"],
        ["SUN"],
        "both lists give S/552 to the USSR's two vetoes at S/PV.202 (the draft and the "
        "preliminary question); the library's page gives it to one, the other is on record "
        "by its meeting (next row)",
    ),
    "S/PV.202 1947-09-15": ([], [], ["SUN"], "the second of the two vetoes above"),
    "S/18087/Rev.1": (
        ["GBR", "USA"],
        ["GBR", "USA"],
        [],
        "the lists write S/18087/Rev.1 where the library's page writes S/18087 (next row): one "
        "vote, flagged 'draft symbol mismatch'",
    ),
    "S/18087": ([], [], ["GBR", "USA"], "the vote above, by the library's page's symbol"),
    "S/1996/952": (
        [],
        [],
        ["USA"],
        "the United States' veto of 19 November 1996 of the draft recommending the "
        "Secretary-General's reappointment: real (the library's page of 1996), in neither list",
    ),
    "S/2022/538": (
        [],
        ["RUS"],
        ["RUS"],
        "vetoed on 8 July 2022, after the saved library list and its page of 2022",
    ),
}


@pytest.mark.django_db
def test_the_two_veto_lists_and_the_record_agree_on_every_veto_but_those_explained(imported):
    external = imported["external"]
    library, second = library_veto_list(external), second_veto_list(external)
    recorded = vetoes_on_record("2022-09-15")  # the end of the second list
    differences = {
        key: (
            sorted(library.get(key, [])),
            sorted(second.get(key, [])),
            sorted(recorded.get(key, [])),
        )
        for key in set(library) | set(second) | set(recorded)
        if not sorted(library.get(key, []))
        == sorted(second.get(key, []))
        == sorted(recorded.get(key, []))
    }
    assert differences == {key: value[:3] for key, value in VETOES_EXPLAINED.items()}
    assert len(library) > 190 and len(second) > 190
    france = Resolution.objects.get(meeting="S/PV.49", votes__member_id="FRA")
    assert "the record follows the veto list" in france.settled
    assert "veto mismatch" not in reviews.categories(france.review_reasons)


@pytest.mark.django_db
def test_every_record_has_a_subject_or_a_topic_and_no_note_is_a_title(imported):
    undescribed = list(
        Resolution.objects.filter(subject="", topics__isnull=True).values_list("slug", flat=True)
    )
    assert undescribed == []
    notes = [r.title for r in Resolution.objects.exclude(title="") if topics.is_note(r.title)]
    assert notes == []
    # Subjects are never a symbol or a note.
    subjects = Resolution.objects.values_list("subject", flat=True)
    assert [s for s in subjects if s and topics.is_note(s)] == []
    # The community table's columns: resolution 2720 (2023) was submitted by the
    # United Arab Emirates; its region and category are the table's.
    gaza = Resolution.objects.get(resolution_number=2720)
    assert list(gaza.sponsors.values_list("code", flat=True)) == ["ARE"]
    assert {(t.kind, t.name) for t in gaza.topics.all()} >= {
        ("region", "Middle East"),
        ("category", "Country/Region-specific"),
    }
    # Resolution 893 (1994) was submitted by the President (no member).
    rwanda = Resolution.objects.get(resolution_number=893)
    assert not rwanda.sponsors.exists()
    assert ("topic", "Rwanda") in {(t.kind, t.name) for t in rwanda.topics.all()}


def found_by_list(client, query: str) -> set[str]:
    """The votes /resolutions.json lists for `q` (the list's own filter)."""
    response = client.get("/resolutions.json", {"q": query})
    assert response.status_code == 200
    results = json.loads(response_text(response))["results"]
    return {r["resolution_symbol"] or r["draft_symbol"] for r in results}


@pytest.mark.django_db
def test_search_finds_what_a_reader_means_on_the_full_record(imported, client):
    gaza = found_by_list(client, "Gaza")
    # Every vote whose texts or sources speak of Gaza.
    spoken = set()
    for record in Resolution.objects.prefetch_related("sources"):
        texts = [record.title, record.subject, record.agenda_item, record.draft_note]
        texts += [t for s in record.sources.all() for t in (s.title, s.quote)]
        if any("gaza" in text.lower() for text in texts):
            spoken.add(record.symbol)
    assert spoken <= gaza
    assert {"S/RES/2728 (2024)", "S/2023/970", "S/2025/353", "S/RES/2803 (2025)"} <= gaza
    # A vote no source at hand says was about Gaza (the community table gives
    # resolution 2720 (2023) the Middle East's agenda item only) carries no title
    # written from memory: its subject is its agenda item.
    unsaid = Resolution.objects.get(resolution_number=2720)
    assert unsaid.title == "" and "gaza" not in unsaid.subject.lower()
    assert unsaid.subject.startswith("The situation in the Middle East")
    # The researched records get their topics from their subjects.
    recent = Resolution.objects.get(resolution_number=2803)
    assert recent.topics.filter(name="Middle East, incl. the Palestinian question").exists()
    # Votes of other places are not among them.
    assert "S/2017/315" not in gaza
    for query in ("2334", "resolution 2334", "S/RES/2334 (2016)", "Resolution 2334"):
        assert "S/RES/2334 (2016)" in found_by_list(client, query), query
    assert found_by_list(client, "S/RES/2334 (2016)") == {"S/RES/2334 (2016)"}
    assert found_by_list(client, "S/2017/315") == {"S/2017/315"}
    assert "S/2017/315" in found_by_list(client, "Syria")
    korea = found_by_list(client, "North Korea")
    assert "S/2022/431" in korea and "S/2022/431" in found_by_list(client, "DPRK")


@pytest.mark.django_db
def test_votes_at_meetings_of_several_days_carry_their_day_or_say_it_is_uncertain(imported):
    # The vote that closed a meeting the library gives as a range of days was
    # taken on its last day; any other vote at it is flagged "date uncertain".
    closing = {
        ("resolution_number", 462): "1980-01-09",
        ("resolution_number", 289): "1970-11-23",
        ("resolution_number", 1402): "2002-03-30",
        ("draft_symbol", "S/13735"): "1980-01-13",
        ("draft_symbol", "S/16077/Rev.1"): "1983-10-28",
        ("draft_symbol", "S/4567/Rev.1"): "1960-12-04",
        ("draft_symbol", "S/2001/270"): "2001-03-28",
        ("draft_symbol", "S/2001/1199"): "2001-12-15",
    }
    for (field, value), day in closing.items():
        record = Resolution.objects.get(**{field: value})
        assert (record.date.isoformat(), record.needs_review) == (day, False), value
        assert "closed the meeting" in record.settled
    earlier = Resolution.objects.get(draft_symbol="S/13729")  # before 462, at S/PV.2190
    assert earlier.needs_review and "date uncertain" in earlier.review_reasons


@pytest.mark.django_db
def test_what_stays_flagged_is_few_and_said_in_plain_english(imported):
    flagged = Resolution.objects.filter(review_status=Resolution.Review.NEEDS_REVIEW)
    assert flagged.count() < 60
    for record in flagged:
        reasons = record.public_review_reasons
        assert reasons, record
        for reason in reasons:
            assert not re.search(r"\.(csv|html|xlsx|json)\b|:\d+\]|rules/", reason), reason
            assert reason.endswith((".", ")")), reason
    # S/2022/431: the library's 13-0-2 is the members' 13-2-0 with the votes
    # against and the abstentions the wrong way round.
    record = Resolution.objects.get(draft_symbol="S/2022/431")
    assert (str(record.tally), record.needs_review) == ("13-2-0", False)
    assert "the wrong way round" in record.settled
    # Resolution 591 (1986): 'adopted by consensus' on the library's page.
    assert Resolution.objects.get(resolution_number=591).adopted_without_vote


@pytest.mark.django_db
def test_resolutions_adopted_over_the_ussrs_vote_against_are_procedural(imported):
    # 120 (1956), 132 (1959), 157 (1960) and 462 (1980): the library gives their
    # tallies, its veto list no veto of them; their meeting records give the USSR's
    # vote against (resolutions/data/procedural.csv).
    veto_list = (imported["external"] / "dhl-scact-html" / "scact_veto_table_en.html").read_text(
        encoding="utf-8-sig", errors="replace"
    )
    meetings = {120: "S/PV.754", 132: "S/PV.848", 157: "S/PV.906", 462: "S/PV.2190"}
    for number, meeting in meetings.items():
        record = Resolution.objects.get(resolution_number=number)
        assert record.procedural and record.outcome == Outcome.ADOPTED, number
        assert not record.needs_review, record.review_reasons
        assert not record.votes.filter(position=Position.VETO).exists()
        assert f"S/RES/{number} (" not in veto_list
        assert record.meeting == meeting
        assert f"meeting record {meeting} gives it" in record.settled
        assert record.sources.filter(url=f"https://undocs.org/en/{meeting}").exists()
        decision = record.decision({}, {}, {})
        assert decision.outcome == Outcome.ADOPTED and not decision.vetoed_by


@pytest.mark.django_db
@pytest.mark.postgresql  # COPY is PostgreSQL's
def test_the_whole_record_by_copy_is_the_same_bytes_as_written_by_python(imported):
    from resolutions import exports, pgexport

    votes = Vote.objects.all()
    copied = b"".join(pgexport.csv_blocks(votes))
    assert copied == b"".join(exports.vote_blocks(votes))
    assert copied.count(b"\r\n") == votes.count() + 1 > 29_000


ROUND_TRIP_EXPORT = (
    "import sys; from resolutions.exports import votes_csv; from resolutions.models import Vote; "
    "sys.stdout.buffer.write(votes_csv(Vote.objects.all(), 'votes.csv').content)"
)


@pytest.mark.django_db
def test_the_whole_record_survives_the_votes_csv_round_trip(imported, tmp_path):
    """Export the whole imported record, import it into an empty (SQLite) database,
    export again: the same members' votes, compared as data, and as bytes where the
    record was exported from SQLite too."""
    import os
    import subprocess
    import sys

    from conftest import PROJECT

    from resolutions.exports import votes_csv

    before = votes_csv(Vote.objects.all(), "votes.csv").content
    path = tmp_path / "votes.csv"
    path.write_bytes(before)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}

    def manage(*arguments: str) -> bytes:
        done = subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env,
            capture_output=True, timeout=900,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode()
        return done.stdout

    manage("migrate", "--noinput", "-v0")
    manage("load_bundled", "-v0")  # the member states and terms (and the curated votes)
    manage(
        "shell",
        "-v0",
        "-c",
        "from resolutions.models import Resolution as R; R.objects.all().delete()",
    )
    manage("import_votes", "--no-progress", "--format", "csv", str(path))
    after = manage("shell", "-v0", "-c", ROUND_TRIP_EXPORT)

    def data(content: bytes) -> Counter:
        return Counter(tuple(row.items()) for row in csv.DictReader(io.StringIO(content.decode())))

    assert sum(data(before).values()) == Vote.objects.count() > 29_000
    assert data(after) == data(before)
    if connection.vendor == "sqlite":
        # The same bytes, row order included, from the same kind of database. (From
        # PostgreSQL into SQLite the rows are the same but ties sort differently:
        # empty resolution numbers and accented names order by each one's rules.)
        assert after == before


def sent_bytes(address: str, kept: dict[str, int]) -> int:
    """A static file's bytes as the deployed server sends it to a browser accepting
    brotli: its .br copy (whitenoise's compression at collectstatic), where that is
    smaller, else the file itself."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from whitenoise.compress import Compressor

    if address not in kept:
        name = address.removeprefix("/").removeprefix(settings.STATIC_URL.strip("/") + "/")
        data = open(finders.find(name), "rb").read()  # noqa: PTH123, SIM115
        kept[address] = min(len(data), len(Compressor.compress_brotli(data)))
    return kept[address]


@pytest.mark.django_db
def test_every_member_page_s_first_visit_is_under_500_kb(imported, client):
    """A new reader's first visit to any member's page, the member of the most votes
    too: the page (sent uncompressed: it carries its report form's CSRF token) and
    every file it loads (plotly.js above all) stay under the budget."""
    from resolutions import loadtest

    kept: dict[str, int] = {}
    largest = (0, "")
    for code in MemberState.objects.values_list("code", flat=True):
        response = client.get(f"/members/{code.lower()}/", HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200 and not response.has_header("Content-Encoding")
        page = response.content
        files = loadtest.assets(page.decode())
        total = len(page) + sum(sent_bytes(address, kept) for address in files)
        largest = max(largest, (total, code))
    assert any("plotly" in address for address in kept)  # (the pages with charts load it)
    assert largest[0] < loadtest.FIRST_VISIT_BUDGET_KB * 1000, largest
