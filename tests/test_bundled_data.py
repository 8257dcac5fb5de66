"""The bundled data files (resolutions/data/) checked against themselves and
against independent reference data in ../shared/data/external.

No database is needed: the files are read directly, so these tests also run
with `pytest -p no:django`. The reference files are read in place, never copied
into the project. Where a reference is wrong, the fault is listed here by name
with the reason it is the reference's fault; a real difference in our data is
fixed in our data, never excused here.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import require_shared

from resolutions import bundled, rules

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "resolutions" / "data"

ENLARGEMENT = dt.date(1966, 1, 1)  # 15 seats from this day (GA res. 1991 A (XVIII))
FIRST_DAY = dt.date(1946, 1, 1)
LAST_CHECKED_DAY = dt.date(2026, 12, 31)
POSITIONS = ("for", "against", "veto", "abstain", "non_voting")
OUTCOMES = ("adopted", "failed", "vetoed")

shared = pytest.mark.shared


# --------------------------------------------------------------------------- helpers


def external(*parts: str) -> Path:
    """A path under ../shared/data/external, or skip (fail in CI) when absent."""
    return require_shared("data", "external", *parts)


def normalise(name: str) -> str:
    """Key for matching names (as resolutions.models.normalise_name does)."""
    name = name.replace("\xa0", " ").lower().replace("’", "'").replace("&", "and")
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^a-z0-9ôéü']+", " ", name).strip()


def date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@cache
def members() -> dict[str, dict]:
    with (DATA / "members.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = {}
    for row in rows:
        row["aliases"] = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        assert row["code"] not in result, f"member {row['code']} listed twice"
        result[row["code"]] = row
    return result


@cache
def terms() -> list[dict]:
    with (DATA / "terms.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["start"] = date(row["start"])
        row["end"] = date(row["end"]) if row["end"].strip() else None
        row["permanent"] = row["permanent"].strip().lower() in {"1", "true", "yes"}
    return rows


@cache
def votes() -> list[dict]:
    return json.loads((DATA / "votes.json").read_text(encoding="utf-8"))


def seated_on(day: dt.date) -> dict[str, bool]:
    """Member code -> permanent, for every member seated on `day`."""
    return {
        t["code"]: t["permanent"]
        for t in terms()
        if t["start"] <= day and (t["end"] is None or t["end"] >= day)
    }


def seated_in_year(year: int) -> set[str]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {
        t["code"] for t in terms() if t["start"] <= last and (t["end"] is None or t["end"] >= first)
    }


def label(vote: dict) -> str:
    if vote.get("resolution_number"):
        symbol = f"S/RES/{vote['resolution_number']} ({vote['date'][:4]})"
    else:
        symbol = vote["draft_symbol"] or f"procedural vote at {vote['meeting']}"
    return f"{symbol} of {vote['date']}"


def name_index() -> dict[str, str]:
    """Every name and spelling we hold (normalised) -> member code."""
    index = {}
    for code, member in members().items():
        for each in (code, member["name"], member["short_name"], *member["aliases"]):
            index.setdefault(normalise(each), code)
    return index


def find_vote(*, draft: str = "", resolution: int | None = None) -> dict:
    for vote in votes():
        if (draft and vote["draft_symbol"] == draft) or (
            resolution is not None and vote["resolution_number"] == resolution
        ):
            return vote
    raise AssertionError(f"no bundled vote for {draft or resolution}")


# ------------------------------------------------------------- internal consistency


def test_members_are_well_formed():
    problems = []
    names = Counter(m["name"] for m in members().values())
    for code, member in members().items():
        if not re.fullmatch(r"[A-Z]{3}", code):
            problems.append(f"{code}: not a three-letter code")
        if not member["name"].strip() or not member["short_name"].strip():
            problems.append(f"{code}: name or short name missing")
        if names[member["name"]] > 1:
            problems.append(f"{code}: UN name {member['name']!r} is not unique")
        if member["successor"] and member["successor"] not in members():
            problems.append(f"{code}: unknown successor {member['successor']}")
    assert not problems, "\n".join(problems)
    assert members()["SUN"]["successor"] == "RUS"
    assert members()["RUS"]["name"] == "Russian Federation"
    assert members()["BOL"]["name"] == "Bolivia (Plurinational State of)"
    assert members()["CHN"]["name"] == "China"
    assert {"Republic of China", "Republic of China (Taiwan)"} <= set(members()["CHN"]["aliases"])
    for code in ("SUN", "YUG", "CSK", "DDR"):
        assert code in members(), f"dissolved state {code} is its own member state"
    assert "Zaire" in members()["COD"]["aliases"]
    assert "Upper Volta" in members()["BFA"]["aliases"]
    assert "Turkey" in members()["TUR"]["aliases"]


def test_every_member_sat_on_the_council():
    idle = sorted(set(members()) - {t["code"] for t in terms()})
    assert not idle, f"members that never held a term: {idle}"


def test_aliases_are_unambiguous():
    """No name, short name, alias or code (compared case-insensitively, as the
    name index does) points to two members."""
    owners: dict[str, set[str]] = defaultdict(set)
    for code, member in members().items():
        for each in (code, member["name"], member["short_name"], *member["aliases"]):
            owners[normalise(each)].add(code)
    clashes = {key: sorted(codes) for key, codes in owners.items() if len(codes) > 1}
    assert not clashes, f"names shared by several members: {clashes}"
    # The usual traps stay with one member each.
    index = name_index()
    assert index["congo"] == "COG"
    assert index["zaire"] == "COD"
    assert index["korea"] == "KOR"
    assert index["guinea"] == "GIN"
    assert index["russia"] == "RUS"
    assert index["ussr"] == "SUN"
    assert index["britain"] == "GBR"
    assert index["u s"] == "USA"


def test_term_rows_are_well_formed():
    problems = []
    for line, term in enumerate(terms(), start=2):
        where = f"terms.csv:{line} ({term['code']})"
        if term["code"] not in members():
            problems.append(f"{where}: unknown member code")
        if term["end"] is not None and term["end"] < term["start"]:
            problems.append(f"{where}: ends before it starts")
        if not term["permanent"]:
            # Elected terms run 1 January to 31 December (one or two years).
            if (term["start"].month, term["start"].day) != (1, 1):
                problems.append(f"{where}: an elected term starts on 1 January")
            if term["end"] is None or (term["end"].month, term["end"].day) != (12, 31):
                problems.append(f"{where}: an elected term ends on 31 December")
            elif term["end"].year - term["start"].year not in (0, 1):
                problems.append(f"{where}: an elected term lasts one or two years")
    assert not problems, "\n".join(problems)


def test_no_member_holds_overlapping_terms():
    by_member = defaultdict(list)
    for term in terms():
        by_member[term["code"]].append(term)
    problems = []
    for code, held in by_member.items():
        held.sort(key=lambda t: t["start"])
        for before, after in zip(held, held[1:], strict=False):
            if before["end"] is None or before["end"] >= after["start"]:
                problems.append(
                    f"{code}: {before['start']}..{before['end']} overlaps {after['start']}"
                )
    assert not problems, "\n".join(problems)


def test_elected_members_are_not_reelected_at_once():
    """A retiring member cannot be re-elected at once (Charter, Article 23(2))."""
    problems = []
    by_member = defaultdict(list)
    for term in terms():
        if not term["permanent"]:
            by_member[term["code"]].append(term)
    for code, held in by_member.items():
        held.sort(key=lambda t: t["start"])
        for before, after in zip(held, held[1:], strict=False):
            # Split terms and the one-year terms of 1946 and 1966 were short:
            # only a full two-year term bars re-election.
            consecutive = after["start"] == before["end"] + dt.timedelta(days=1)
            if consecutive and before["end"].year - before["start"].year == 1:
                problems.append(f"{code} re-elected at once in {after['start'].year}")
    assert not problems, "\n".join(problems)


def test_every_day_has_the_right_number_of_seats():
    """11 seats before 1966, 15 from 1966, 5 of them permanent, on every day
    from 1946 to 2026: the count only changes where a term starts or ends, so
    those days (and the first day of each year and mid-year) cover them all."""
    days = {FIRST_DAY}
    for term in terms():
        days.add(term["start"])
        if term["end"] is not None:
            days.add(term["end"])
            days.add(term["end"] + dt.timedelta(days=1))
    for year in range(1946, 2027):
        days |= {dt.date(year, 1, 1), dt.date(year, 7, 1), dt.date(year, 12, 31)}
    problems = []
    for day in sorted(d for d in days if FIRST_DAY <= d <= LAST_CHECKED_DAY):
        on = seated_on(day)
        permanent = sorted(code for code, is_permanent in on.items() if is_permanent)
        if len(on) != rules.seats(day):
            problems.append(f"{day}: {len(on)} seats, not {rules.seats(day)}: {sorted(on)}")
        expected = ["CHN", "FRA", "GBR", "SUN" if day < dt.date(1991, 12, 24) else "RUS", "USA"]
        if permanent != sorted(expected):
            problems.append(f"{day}: permanent members {permanent}")
    assert not problems, "\n".join(problems)


def test_permanent_seats():
    permanent = {t["code"]: t for t in terms() if t["permanent"]}
    assert set(permanent) == {"CHN", "FRA", "GBR", "USA", "SUN", "RUS"}
    for code in ("CHN", "FRA", "GBR", "USA"):
        assert (permanent[code]["start"], permanent[code]["end"]) == (FIRST_DAY, None)
    assert (permanent["SUN"]["start"], permanent["SUN"]["end"]) == (
        FIRST_DAY,
        dt.date(1991, 12, 23),
    )
    assert (permanent["RUS"]["start"], permanent["RUS"]["end"]) == (dt.date(1991, 12, 24), None)


def test_known_terms():
    """Terms the DOMAIN names: the split Italy/Netherlands seat, the one-year
    terms of the first Council (1946) and of the first enlarged Council (1966)."""
    held = {(t["code"], t["start"].year, t["end"].year) for t in terms() if not t["permanent"]}
    for term in [
        ("ITA", 2017, 2017),
        ("NLD", 2018, 2018),
        ("EGY", 1946, 1946),
        ("MEX", 1946, 1946),
        ("NLD", 1946, 1946),
        ("NZL", 1966, 1966),
        ("UGA", 1966, 1966),
        ("YUG", 1956, 1956),
        ("PHL", 1957, 1957),
        ("POL", 1960, 1960),
        ("TUR", 1961, 1961),
        ("LBR", 1961, 1961),
        ("IRL", 1962, 1962),
        ("ROU", 1962, 1962),
        ("PHL", 1963, 1963),
        ("CSK", 1964, 1964),
        ("MYS", 1965, 1965),
    ]:
        assert term in held, f"missing term {term}"


def test_votes_are_well_formed():
    problems = []
    for vote in votes():
        where = label(vote)
        if vote["outcome"] not in OUTCOMES:
            problems.append(f"{where}: outcome {vote['outcome']!r}")
        if set(vote["positions"]) != set(POSITIONS):
            problems.append(f"{where}: positions keys {sorted(vote['positions'])}")
        symbol = vote["draft_symbol"]
        if symbol and not re.fullmatch(r"S/(\d{4}/)?\d+(/Rev\.\d+)?", symbol):
            problems.append(f"{where}: draft symbol {symbol!r}")
        if not symbol and not vote["resolution_number"] and not vote["procedural"]:
            problems.append(f"{where}: neither a draft symbol nor a resolution number")
        if not re.fullmatch(r"S/PV\.\d+( \(Resumption \d\))?|S/2020/\d+", vote["meeting"]):
            # A meeting record, or in 2020 the letter recording a vote in writing.
            problems.append(f"{where}: meeting {vote['meeting']!r}")
        records = [s for s in vote["sources"] if s["kind"] == "meeting_record"]
        wanted = "https://undocs.org/en/" + quote(vote["meeting"], safe="/.()")
        if not any(s["url"] == wanted for s in records):
            problems.append(f"{where}: no meeting_record source with url {wanted}")
        if not vote["title"] or not vote["agenda_item"]:
            problems.append(f"{where}: title or agenda item missing")
    assert not problems, "\n".join(problems)


def test_vote_positions_cover_exactly_the_members_seated():
    problems = []
    for vote in votes():
        where = label(vote)
        listed = [code for position in POSITIONS for code in vote["positions"][position]]
        for code, count in Counter(listed).items():
            if count > 1:
                problems.append(f"{where}: {code} listed {count} times")
        for code in listed:
            if code not in members():
                problems.append(f"{where}: unknown member {code}")
        seated = set(seated_on(date(vote["date"])))
        if set(listed) != seated:
            problems.append(
                f"{where}: not seated {sorted(set(listed) - seated)}, "
                f"seated but missing {sorted(seated - set(listed))}"
            )
        if len(seated) != rules.seats(date(vote["date"])):
            problems.append(f"{where}: {len(seated)} seats on the day")
    assert not problems, "\n".join(problems)


def test_vote_tallies_and_outcomes_follow_the_charter():
    """Each bundled vote, checked by the same rules the admin and importers use."""
    names = {code: member["name"] for code, member in members().items()}
    problems = []
    for vote in votes():
        record = rules.Record(
            on=date(vote["date"]),
            procedural=vote["procedural"],
            outcome=vote["outcome"],
            resolution_number=vote["resolution_number"],
            tally=rules.Tally(*vote["tally"]),
            votes=[(c, p) for p, codes in vote["positions"].items() for c in codes],
        )
        for problem in rules.check_record(record, seated_on(record.on), names):
            problems.append(f"{label(vote)}: {problem.message}")
    assert not problems, "\n".join(problems)


def test_votes_cover_the_decades_and_both_council_sizes():
    assert len(votes()) >= 32
    decades = Counter(int(v["date"][:3]) * 10 for v in votes())
    assert set(range(1950, 2030, 10)) <= set(decades), f"decades covered: {sorted(decades)}"
    assert sum(1 for v in votes() if date(v["date"]) < ENLARGEMENT) >= 3
    assert any(v["date"] >= "2024-01-01" for v in votes())
    assert any(v["procedural"] for v in votes())
    assert any(v["positions"]["non_voting"] for v in votes())
    assert sum(1 for v in votes() if v["tally"] == [rules.seats(date(v["date"])), 0, 0]) >= 3
    assert len({(v["date"], v["draft_symbol"], v["resolution_number"]) for v in votes()}) == len(
        votes()
    )


def test_reference_case_as_the_domain_states_it():
    vote = find_vote(draft="S/2017/315")
    assert vote["date"] == "2017-04-12"
    assert vote["meeting"] == "S/PV.7922"
    assert vote["outcome"] == "vetoed"
    assert vote["resolution_number"] is None
    assert vote["procedural"] is False
    assert vote["tally"] == [10, 2, 3]
    assert vote["positions"] == {
        "for": sorted(["EGY", "FRA", "ITA", "JPN", "SEN", "SWE", "UKR", "GBR", "USA", "URY"]),
        "against": ["BOL"],
        "veto": ["RUS"],
        "abstain": ["CHN", "ETH", "KAZ"],
        "non_voting": [],
    }
    assert any(s["url"] == "https://undocs.org/en/S/PV.7922" for s in vote["sources"])


@pytest.mark.parametrize(
    ("draft", "resolution", "on", "tally", "outcome", "vetoed_by", "against", "abstain"),
    [
        ("", 2504, "2020-01-10", [11, 0, 4], "adopted", [], [], ["CHN", "GBR", "RUS", "USA"]),
        ("", 2220, "2015-05-22", [9, 0, 6], "adopted", [], [], None),
        ("S/2011/24", None, "2011-02-18", [14, 1, 0], "vetoed", ["USA"], [], []),
        ("S/2024/312", None, "2024-04-18", [12, 1, 2], "vetoed", ["USA"], [], ["CHE", "GBR"]),
        (
            "S/18016/Rev.1",
            None,
            "1986-04-21",
            [9, 5, 1],
            "vetoed",
            ["FRA", "GBR", "USA"],
            ["AUS", "DNK"],
            ["VEN"],
        ),
        ("S/2014/348", None, "2014-05-22", [13, 2, 0], "vetoed", ["CHN", "RUS"], [], []),
        ("S/2022/431", None, "2022-05-26", [13, 2, 0], "vetoed", ["CHN", "RUS"], [], []),
        (
            "S/2014/916",
            None,
            "2014-12-30",
            [8, 2, 5],
            "failed",
            [],
            ["AUS", "USA"],
            ["GBR", "KOR", "LTU", "NGA", "RWA"],
        ),
        (
            "S/2018/322",
            None,
            "2018-04-10",
            [5, 4, 6],
            "failed",
            [],
            ["FRA", "GBR", "POL", "USA"],
            ["CIV", "GNQ", "KWT", "NLD", "PER", "SWE"],
        ),
        ("S/2018/321", None, "2018-04-10", [12, 2, 1], "vetoed", ["RUS"], ["BOL"], ["CHN"]),
        ("S/2020/797", None, "2020-08-14", [2, 2, 11], "failed", [], ["CHN", "RUS"], None),
        ("S/8761", None, "1968-08-22", [10, 2, 3], "vetoed", ["SUN"], ["HUN"], None),
        ("", 502, "1982-04-03", [10, 1, 4], "adopted", [], ["PAN"], ["CHN", "ESP", "POL", "SUN"]),
        ("", 2231, "2015-07-20", [15, 0, 0], "adopted", [], [], []),
        ("", 2334, "2016-12-23", [14, 0, 1], "adopted", [], [], ["USA"]),
        ("", 2728, "2024-03-25", [14, 0, 1], "adopted", [], [], ["USA"]),
        ("", 84, "1950-07-07", [7, 0, 3], "adopted", [], [], ["EGY", "IND", "YUG"]),
    ],
)
def test_required_votes(draft, resolution, on, tally, outcome, vetoed_by, against, abstain):
    vote = find_vote(draft=draft, resolution=resolution)
    assert vote["date"] == on
    assert vote["tally"] == tally
    assert vote["outcome"] == outcome
    assert vote["positions"]["veto"] == sorted(vetoed_by)
    assert vote["positions"]["against"] == sorted(against)
    if abstain is not None:
        assert vote["positions"]["abstain"] == sorted(abstain)


def test_procedural_vote_on_the_dprk_agenda():
    (vote,) = [v for v in votes() if v["meeting"] == "S/PV.7353"]
    assert vote["date"] == "2014-12-22"
    assert (vote["draft_symbol"], vote["resolution_number"]) == ("", None)
    assert vote["procedural"] is True
    assert vote["outcome"] == "adopted"
    assert vote["tally"] == [11, 2, 2]
    assert vote["positions"]["against"] == ["CHN", "RUS"]
    assert vote["positions"]["veto"] == []
    assert vote["positions"]["abstain"] == ["NGA", "TCD"]


def test_russia_absent_in_1950_is_non_voting():
    vote = find_vote(resolution=84)
    assert vote["positions"]["non_voting"] == ["SUN"]
    assert len(seated_on(date(vote["date"]))) == 11


# ----------------------------------------------- terms vs unsc-api-membership (years)

# The reference lists the Council per year from Wikipedia. Its own faults, each
# mapped or listed here with the reason:
# - It names the Republic of China "TWN" (1946-1970); the UN records the seat as
#   China throughout, and so do we (CHN).
# - It puts a mid-year change of a permanent seat on its start year only (its
#   SOURCE.txt says so): 1971 shows only the People's Republic (same code for us),
#   and 1991 shows the Russian Federation only, dropping the USSR, which held the
#   seat until 23 December 1991.
# - It codes West Germany (1977-78, 1987-88) DEU, as we do: the Federal Republic
#   is the same UN member as Germany, so nothing to map.
# - 2027: the members elected in June 2026 (Austria, Kyrgyzstan, Portugal,
#   Trinidad and Tobago, Zimbabwe) are compared with the reference like any other
#   year; we were not sure of that election's result beyond the candidacies, so the
#   reference's 2027 year is the check on it.
MEMBERSHIP_CODE_MAP = {"TWN": "CHN"}
MEMBERSHIP_REFERENCE_FAULTS = {
    # year: (seated per our terms but missing from the reference, the reverse)
    1991: ({"SUN"}, set()),
}


@shared
def test_terms_match_the_yearly_membership_reference():
    folder = external("unsc-api-membership", "years")
    differences = []
    for year in range(1946, 2028):
        data = json.loads((folder / f"{year}.json").read_text(encoding="utf-8"))
        reference = {MEMBERSHIP_CODE_MAP.get(m["iso3"], m["iso3"]) for m in data["members"]}
        permanent = {
            MEMBERSHIP_CODE_MAP.get(m["iso3"], m["iso3"]) for m in data["members"] if m["permanent"]
        }
        ours = seated_in_year(year)
        found = (ours - reference, reference - ours)
        if found != MEMBERSHIP_REFERENCE_FAULTS.get(year, (set(), set())):
            differences.append(
                f"{year}: ours only {sorted(found[0])}, reference only {sorted(found[1])}"
            )
        ours_permanent = {t["code"] for t in terms() if t["permanent"]} & ours
        if permanent - ours_permanent:
            differences.append(
                f"{year}: reference's permanent {sorted(permanent - ours_permanent)}"
            )
    assert not differences, "terms.csv differs from unsc-api-membership:\n" + "\n".join(differences)


# -------------------------------------------- votes vs the Voting-Agent table (1994+)

VOTING_AGENT = ("voting-agent-sc-votes", "sc_voting_2025-07-03.csv")
# Misspelt member names in the table (not spellings anyone uses, so not aliases).
VOTING_AGENT_TYPOS = {"Ethipia": "ETH"}
# Genuine faults of the table on bundled votes: (vote, member) -> why.
VOTING_AGENT_FAULTS = {
    ("S/2020/797", "RUS"): (
        "the Russian Federation is listed twice, as No and as Abstain (16 rows for a "
        "15-member Council); the vote was 2-2-11, Russia and China against"
    ),
}
# Votes the table gets wrong as a whole (by resolution number): named, not compared
# member by member.
VOTING_AGENT_VOTE_FAULTS = {
    2781: (
        "six rows only, each 'Yes', for the six members that abstained (S/PV.9928: "
        "adopted 9-0-6); the table also gives it the draft of resolution 2779"
    ),
}


def _voting_agent_resolution(row: dict) -> int | None:
    for text in (row["Resolution"], row["Draft"]):
        text = text.replace("\xa0", " ").strip()
        found = re.search(r"S/RES/(\d+)", text) or re.fullmatch(
            r"(?:Resolution\s+)?(\d+)\s*\(\d{4}\)", text
        )
        if found:
            return int(found.group(1))
    return None


def _voting_agent_draft(row: dict) -> str:
    for text in (row["Draft"], row["Resolution"]):
        text = text.replace("\xa0", " ").strip()
        if "amendment" in text.lower():
            return ""
        found = re.fullmatch(r"(S/\d{4}/\d+(?:/Rev\.\d+)?)", text)
        if found:
            return found.group(1)
    return ""


@shared
def test_votes_match_the_voting_agent_table():
    path = external(*VOTING_AGENT)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    index = name_index()
    by_resolution, by_draft = defaultdict(list), defaultdict(list)
    for row in rows:
        number, draft = _voting_agent_resolution(row), _voting_agent_draft(row)
        if number:
            by_resolution[number].append(row)
        elif draft:
            by_draft[draft].append(row)
    differences, seen_faults = [], set()
    compared = 0
    for vote in votes():
        if vote["date"] < "1994-01-01":
            continue
        if vote["resolution_number"]:
            matched = by_resolution.get(vote["resolution_number"], [])
        else:
            matched = by_draft.get(vote["draft_symbol"], []) if vote["draft_symbol"] else []
        if not matched or vote["resolution_number"] in VOTING_AGENT_VOTE_FAULTS:
            continue
        compared += 1
        key = vote["draft_symbol"] or str(vote["resolution_number"])
        ours = {code: position for position in POSITIONS for code in vote["positions"][position]}
        theirs: dict[str, set[str]] = defaultdict(set)
        for row in matched:
            name = row["Member State"].strip()
            code = VOTING_AGENT_TYPOS.get(name) or index.get(normalise(name))
            if code is None:
                differences.append(f"{label(vote)}: unknown member name {name!r} in the table")
                continue
            theirs[code].add(
                {"Yes": "for", "No": "against", "Abstain": "abstain"}.get(row["Vote"], "non_voting")
            )
        day = date(vote["date"])
        their_days = {row["Date,"] for row in matched}
        swapped = dt.date(day.year, day.day, day.month).isoformat() if day.day <= 12 else ""
        for their_day in their_days:
            # Day and month swapped before 2023: a known fault (SOURCE.txt).
            if their_day != vote["date"] and not (day.year < 2023 and their_day == swapped):
                differences.append(f"{label(vote)}: the table dates it {their_day}")
        for code in sorted(set(ours) | set(theirs)):
            our = ours.get(code)
            # Their "No" by a permanent member on a vetoed draft is our veto.
            our_as_theirs = "against" if our == "veto" else our
            their = theirs.get(code, set())
            if their == {our_as_theirs}:
                continue
            if (key, code) in VOTING_AGENT_FAULTS:
                seen_faults.add((key, code))
                continue
            differences.append(
                f"{label(vote)}: {code} is {our or 'absent'} here, "
                f"{' and '.join(sorted(their)) or 'missing'} in the table"
            )
        # An adopted resolution's draft symbol, where we give one, is the table's.
        drafts = {_voting_agent_draft(row) for row in matched} - {""}
        if vote["resolution_number"] and vote["draft_symbol"] and drafts != {vote["draft_symbol"]}:
            differences.append(f"{label(vote)}: draft {vote['draft_symbol']}, table {drafts}")
    stale = set(VOTING_AGENT_FAULTS) - seen_faults
    assert compared >= 20, f"only {compared} bundled votes found in the table"
    differences += [
        f"documented fault no longer seen (remove it): {fault}" for fault in sorted(stale)
    ]
    assert not differences, "votes.json differs from the Voting-Agent table:\n" + "\n".join(
        differences
    )


# ------------------------------------- votes vs the UN library's yearly meeting pages

DHL_FOLDER = "dhl-scact-html"
DHL_LAST_DAY = "2022-07-31"
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
# Genuine faults of the pages on bundled votes: symbol -> why.
DHL_FAULTS = {
    "S/2022/431": (
        "tally",
        (13, 0, 2),
        "the 2022 page reads 13-0-2; China and the Russian Federation voted against "
        "(vetoed), 13-2-0, as its own words 'vetoed by China, Russian Federation' say",
    ),
    "S/RES/338 (1973)": (
        "date",
        "21 October",
        "the page gives the day the 1747th meeting opened (21 October, 10 p.m.); the "
        "resolution was adopted after midnight and is dated 22 October 1973",
    ),
}


def _dhl_rows(year: int) -> list[tuple[str, str]]:
    """(date text, row text) for each row of a year's pages, in page order."""
    names = [f"scact{year}_table_en.html"]
    if year == 2020:
        names.append("scact2020_covid_table_en.html")  # votes in writing
    result = []
    for name in names:
        text = external(DHL_FOLDER, name).read_text(encoding="utf-8", errors="replace")
        current = ""
        for chunk in re.split(r"<tr[^>]*>", text, flags=re.IGNORECASE)[1:]:
            chunk = re.split(r"</tr>", chunk, flags=re.IGNORECASE)[0]
            cells = re.split(r"<td[^>]*>", chunk, flags=re.IGNORECASE)[1:]
            cells = [
                html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", c))).strip()
                for c in cells
            ]
            for cell in cells:
                if re.fullmatch(r"\d{1,2} [A-Z][a-z]+", cell):
                    current = cell
                    break
            # A row without a date continues the row above (rowspan).
            result.append((current, " ".join(cells)))
    return result


def _dhl_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a page's date cell such as "12 April" or "08 November"."""
    found = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+)", text)
    if not found or found.group(2) not in MONTHS:
        return None
    return MONTHS[found.group(2)], int(found.group(1))


def _dhl_symbol_pattern(vote: dict) -> str:
    if vote["resolution_number"]:
        return rf"S/RES/{vote['resolution_number']}\s*\({vote['date'][:4]}\)"
    return re.escape(vote["draft_symbol"]) + r"(?![\d]|/Rev)"


@shared
def test_votes_match_the_un_library_meeting_pages():
    differences, seen_faults = [], set()
    for vote in votes():
        if vote["date"] > DHL_LAST_DAY or not (vote["resolution_number"] or vote["draft_symbol"]):
            continue
        day = date(vote["date"])
        symbol = (
            f"S/RES/{vote['resolution_number']} ({day.year})"
            if vote["resolution_number"]
            else vote["draft_symbol"]
        )
        hits = []
        for when, text in _dhl_rows(day.year):
            for found in re.finditer(_dhl_symbol_pattern(vote), text):
                rest = text[found.end() :]
                following = re.search(r"S/", rest)
                window = rest[: following.start()] if following else rest
                tally = re.search(r"(\d+)\s*-\s*(\d+)\s*-\s*(\d+)", window)
                hits.append((when, tuple(map(int, tally.groups())) if tally else None))
        if not hits:
            differences.append(f"{label(vote)}: {symbol} not on the {day.year} page")
            continue
        fault = DHL_FAULTS.get(symbol)
        ok_tally = any(t == tuple(vote["tally"]) for _, t in hits)
        ok_date = any(_dhl_day(w) == (day.month, day.day) for w, _ in hits)
        if not ok_tally:
            if fault and fault[0] == "tally" and any(t == fault[1] for _, t in hits):
                seen_faults.add(symbol)
            else:
                differences.append(
                    f"{label(vote)}: tally {vote['tally']}, page {[t for _, t in hits]}"
                )
        if not ok_date:
            if fault and fault[0] == "date" and any(w == fault[1] for w, _ in hits):
                seen_faults.add(symbol)
            else:
                differences.append(f"{label(vote)}: the page dates it {[w for w, _ in hits]}")
    stale = set(DHL_FAULTS) - seen_faults
    differences += [
        f"documented fault no longer seen (remove it): {fault}" for fault in sorted(stale)
    ]
    assert not differences, "votes.json differs from the UN library pages:\n" + "\n".join(
        differences
    )


# ----------------------------------------------- vetoes vs the WPDL veto list (to 2022)

WPDL = ("wpdl-vetoes", "unsc_vetoes_1946_sept2022.csv")
WPDL_NAMES = {
    "USSR": "SUN",
    "Russia": "RUS",
    "China": "CHN",
    "France": "FRA",
    "UK": "GBR",
    "USA": "USA",
}
# Genuine faults of the list on bundled votes: draft -> why.
WPDL_FAULTS = {
    "S/13729": (
        "1980-01-09",
        "the list dates the Afghanistan veto 9 January 1980; it was cast at the 2190th "
        "meeting on 7 January 1980 (the UN library's 1980 page agrees)",
    ),
}


@shared
def test_vetoes_match_the_wpdl_veto_list():
    path = external(*WPDL)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    differences, seen_faults = [], set()
    for vote in votes():
        if vote["outcome"] != "vetoed" or vote["date"] > "2022-09-15":
            continue
        matched = [
            row
            for row in rows
            if re.sub(r"\s*\(as amended\)", "", row["draft"]).strip() == vote["draft_symbol"]
        ]
        if not matched:
            differences.append(f"{label(vote)}: not in the veto list")
            continue
        for row in matched:
            vetoers = {
                WPDL_NAMES.get(row[k].strip(), row[k].strip())
                for k in ("member_veto1", "member_veto2", "member_veto3")
                if row[k].strip()
            }
            if vetoers != set(vote["positions"]["veto"]):
                differences.append(f"{label(vote)}: the list's vetoes {sorted(vetoers)}")
            month, day, year = map(int, row["date"].split("/"))
            their_day = dt.date(year, month, day).isoformat()
            if their_day != vote["date"]:
                fault = WPDL_FAULTS.get(vote["draft_symbol"])
                if fault and fault[0] == their_day:
                    seen_faults.add(vote["draft_symbol"])
                else:
                    differences.append(f"{label(vote)}: the list dates it {their_day}")
            if row["meeting_record"].strip() != vote["meeting"]:
                differences.append(f"{label(vote)}: the list's meeting {row['meeting_record']}")
    stale = set(WPDL_FAULTS) - seen_faults
    differences += [
        f"documented fault no longer seen (remove it): {fault}" for fault in sorted(stale)
    ]
    assert not differences, "votes.json differs from the veto list:\n" + "\n".join(differences)


def test_the_procedural_votes_file_names_each_resolution_its_member_and_source(tmp_path):
    rows = bundled.procedural_votes()
    assert {(r.number, r.year, r.meeting, r.against) for r in rows.values()} == {
        (120, 1956, "S/PV.754", ("SUN",)),
        (132, 1959, "S/PV.848", ("SUN",)),
        (157, 1960, "S/PV.906", ("SUN",)),
        (462, 1980, "S/PV.2190", ("SUN",)),
    }
    assert all(r.source == f"https://undocs.org/en/{r.meeting}" for r in rows.values())
    bad = tmp_path / "procedural.csv"
    bad.write_text(
        "resolution,meeting,against,decision,source\n"
        "S/RES/120 (1956),S/PV.754,,calls a session,https://undocs.org/en/S/PV.754\n",
        encoding="utf-8",
    )
    with pytest.raises(bundled.BundledDataError, match=r"procedural.csv:2:"):
        bundled.procedural_votes(bad)
