"""The pages that read votes together: /compare/, /agreement/ and their CSV, on
records built here (in years the bundled data does not reach) and on the bundled
reference case."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from factories import council, member, resolution

from resolutions.models import Resolution
from resolutions.rules import Outcome, Position

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(response.content.decode("utf-8").split())


def rows_of(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def chart_data(html: str, data_id: str) -> dict:
    match = re.search(rf'<script id="{data_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, data_id
    return json.loads(match.group(1))


@pytest.fixture
def trio():
    """Three members over four votes of 2981-2982 and a tally-only one:
    XAA and XBB agree on 2 of 3 votes (the veto and the against agree); XCC
    does not vote on the last."""
    a = member("XAA", "Xanadu", permanent=True)
    b = member("XBB", "Xebia")
    c = member("XCC", "Xerxia")
    resolution(
        on=dt.date(2981, 2, 1),
        draft_symbol="S/2981/1",
        positions={Position.FOR: [a, b, c]},
    )
    resolution(
        on=dt.date(2981, 3, 1),
        draft_symbol="S/2981/2",
        positions={Position.VETO: [a], Position.AGAINST: [b], Position.FOR: [c]},
        outcome=Outcome.VETOED,
    )
    resolution(
        on=dt.date(2982, 1, 5),
        draft_symbol="S/2982/1",
        title="Split =on purpose",
        positions={Position.FOR: [a], Position.ABSTAIN: [b], Position.NON_VOTING: [c]},
    )
    # Tally-only: only the veto is stored; it must not count for any pair.
    tally_only = resolution(
        on=dt.date(2982, 6, 1),
        draft_symbol="S/2982/2",
        positions={Position.VETO: [a]},
        outcome=Outcome.VETOED,
        votes_recorded=False,
    )
    tally_only.votes.create(member=b, position=Position.AGAINST)
    return a, b, c


def test_compare_counts_per_year_and_lists_the_splits(client, trio):
    response = client.get("/compare/?a=xaa&b=XBB&date_after=2981-01-01")
    assert response.status_code == 200
    text = text_of(response)
    assert "<strong>2 of 3</strong> votes the same way (67%)" in text
    # The splits: only the abstention against the vote for, linked.
    splits = text.split('id="splits"', 1)[1]
    assert "Where they split (1)" in text
    assert '<a href="/resolutions/s-2982-1/">S/2982/1</a>' in splits
    assert "s-2981-2" not in splits and "s-2982-2" not in splits
    # The line: one point a year, with its base.
    figure = chart_data(response.content.decode(), "chart-agreement-data")
    line = figure["data"][0]
    assert line["x"] == [2981, 2982] and line["y"] == [100.0, 0.0]
    assert line["customdata"] == [[2, 2], [0, 1]]
    assert "How agreement is counted" in text


def test_compare_writes_each_split_and_year_as_a_row_of_its_cells_escaped(client, trio):
    """A split's row: its day, the vote linked with its title (markup shown as
    text, cut at 140 characters), a review badge, each member's position under
    its name; the table per year gives each year's base, agreements and share."""
    a, b, _ = trio
    a.short_name = "Xanadu & <b>Co</b>"
    a.save()
    long_title = "<i>Sanctions</i> " + "renewed again " * 12
    resolution(
        on=dt.date(2982, 9, 9),
        draft_symbol="S/2982/9",
        title=long_title,
        positions={Position.AGAINST: [a], Position.FOR: [b]},
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    html = client.get("/compare/?a=XAA&b=XBB&date_after=2981-01-01").content.decode()
    splits = html.split('id="splits"', 1)[1]
    assert "<i>" not in splits and "<b>Co" not in html
    row = re.search(r"<tr><td[^>]*><time[^>]*>[^<]*</time></td>.*?</tr>", splits, re.S).group(0)
    cut = long_title[:139].replace("<", "&lt;").replace(">", "&gt;") + "…"
    assert row == (
        '<tr><td data-label="Date" class="nowrap">'
        '<time datetime="2982-09-09">9 Sep 2982</time></td>'
        '<td data-label="Vote"><a href="/resolutions/s-2982-9/">S/2982/9</a>'
        f'<br><span class="muted small">{cut}</span>'
        ' <span class="badge review">Needs review</span></td>'
        '<td data-label="Xanadu &amp; &lt;b&gt;Co&lt;/b&gt;">'
        '<span class="badge pos-against">Against</span></td>'
        '<td data-label="Xebia"><span class="badge pos-for">For</span></td></tr>'
    )
    years = re.findall(r'<tr><th scope="row">(\d+)</th>(.*?)</tr>', html)
    cells = '<td class="num">{}</td><td class="num">{}</td><td class="num">{}% {}</td>'
    assert years == [
        ("2981", cells.format(2, 2, 100, '<span class="muted">of 2</span>')),
        ("2982", cells.format(2, 0, 0, '<span class="muted">of 2</span>')),
    ]


def split_rows(response) -> list[str]:
    """The symbols of the splits a comparison's page lists, in order."""
    splits = response.content.decode().split('id="splits"', 1)[1]
    return re.findall(r'<td data-label="Vote"><a href="[^"]+">([^<]+)</a>', splits)


def test_compare_lists_the_splits_a_page_at_a_time_latest_first(client, trio, monkeypatch):
    """Splits of several votes a day, cut by the pages' ends: every split once,
    latest first, whichever page it falls on; past the last page, a 400 naming it."""
    from resolutions import together

    a, b, c = trio
    for number in range(1, 4):
        resolution(
            on=dt.date(2983, 5, 2),
            draft_symbol=f"S/2983/{number}",
            positions={Position.FOR: [a, c], Position.AGAINST: [b]},
        )
    # The same day, a vote where they agree: not a split, though of a split's day.
    resolution(on=dt.date(2983, 5, 2), draft_symbol="S/2983/9", positions={Position.FOR: [a, b, c]})
    resolution(
        on=dt.date(2983, 7, 1),
        draft_symbol="S/2983/4",
        positions={Position.ABSTAIN: [a], Position.FOR: [b, c]},
    )
    monkeypatch.setattr(together, "SPLITS_SHOWN", 2)
    first = client.get("/compare/?a=XAA&b=XBB")
    assert "Where they split (5)" in text_of(first)
    assert "1 to 2 of 5" in text_of(first)
    pages = [split_rows(first)]
    pages += [split_rows(client.get(f"/compare/?a=XAA&b=XBB&page={n}")) for n in (2, 3)]
    assert pages == [
        ["S/2983/4", "S/2983/3"],
        ["S/2983/2", "S/2983/1"],
        ["S/2982/1"],
    ]
    assert 'href="?a=XAA&amp;b=XBB&amp;page=2#splits"' in first.content.decode()
    beyond = client.get("/compare/?a=XAA&b=XBB&page=4")
    assert beyond.status_code == 400
    assert "Page of the splits" in text_of(beyond) and "The splits fill 3 pages." in text_of(beyond)
    assert client.get("/compare/?a=XAA&b=XBB&page=none").status_code == 400
    # The CSV's link carries the comparison, not the page.
    assert (
        'compare.csv?a=XAA&amp;b=XBB"'
        in client.get("/compare/?a=XAA&b=XBB&page=2").content.decode()
    )


def test_compare_csv_has_one_row_per_year(client, trio):
    response = client.get("/compare.csv?a=XAA&b=XBB&date_after=2981-01-01")
    assert response.content.decode().splitlines()[0] == "year,votes,agree,share"
    assert rows_of(response) == [
        {"year": "2981", "votes": "2", "agree": "2", "share": "1.0000"},
        {"year": "2982", "votes": "1", "agree": "0", "share": "0.0000"},
    ]
    # Not voting is left out: XCC's non-vote of 2982 gives no row.
    rows = rows_of(client.get("/compare.csv?a=XAA&b=XCC&date_after=2981-01-01"))
    assert rows == [{"year": "2981", "votes": "2", "agree": "1", "share": "0.5000"}]


def test_compare_of_the_reference_case(client):
    response = client.get("/compare/?a=USA&b=RUS")
    text = text_of(response)
    assert '<a href="/resolutions/s-2017-315/">S/2017/315</a>' in text
    row = text.split('<a href="/resolutions/s-2017-315/">', 1)[1].split("</tr>", 1)[0]
    assert "pos-for" in row and "pos-veto" in row
    assert "12 Apr 2017" in text.split('<a href="/resolutions/s-2017-315/">', 1)[0][-200:]
    rows = {row["year"]: row for row in rows_of(client.get("/compare.csv?a=USA&b=RUS"))}
    year = rows["2017"]
    assert int(year["agree"]) < int(year["votes"])


@pytest.mark.parametrize(
    "query, field",
    [
        ("a=USA&b=USA", "b"),
        ("a=XXX&b=RUS", "a"),
        ("a=USA", "b"),
        ("a=USA&b=RUS&date_after=2017-13-01", "date_after"),
        ("a=USA&b=RUS&date_after=2018-01-01&date_before=2017-01-01", "date_before"),
    ],
)
def test_compare_with_bad_parameters_is_a_400_naming_the_field(client, query, field):
    page = client.get(f"/compare/?{query}")
    assert page.status_code == 400
    assert 'class="errorlist' in page.content.decode()
    download = client.get(f"/compare.csv?{query}")
    assert download.status_code == 400
    assert f"\n{field}: " in download.content.decode()


def test_agreement_matrix_of_built_records(client, trio):
    response = client.get("/agreement/?date_after=2981-01-01&members=XAA,XBB,XCC")
    assert response.status_code == 200
    html = response.content.decode()
    figure = chart_data(html, "chart-agreement-matrix-data")
    heatmap = figure["data"][0]
    assert heatmap["type"] == "heatmap"
    labels = heatmap["x"]
    assert sorted(labels) == ["Xanadu", "Xebia", "Xerxia"]
    # The cell of XAA and XBB: 2 of 3 (67%), linked to their comparison.
    i, j = labels.index("Xanadu"), labels.index("Xebia")
    assert heatmap["z"][i][j] == pytest.approx(66.7)
    link = heatmap["customdata"][i][j][0]
    assert link == "/compare/?a=XAA&b=XBB&date_after=2981-01-01"
    assert "2 of 3 votes the same way" in heatmap["customdata"][i][j][1]
    assert heatmap["z"][i][i] is None
    # The fallback table, folded, with the same figures and links.
    table = html.split('<details class="alt">', 1)[1].split("</details>", 1)[0]
    assert link.replace("&", "&amp;") in table
    rows = rows_of(client.get("/agreement.csv?date_after=2981-01-01&members=XAA,XBB,XCC"))
    assert rows == [
        {"member_a": "XAA", "member_b": "XBB", "votes": "3", "agree": "2", "share": "0.6667"},
        {"member_a": "XAA", "member_b": "XCC", "votes": "2", "agree": "1", "share": "0.5000"},
        {"member_a": "XBB", "member_b": "XCC", "votes": "2", "agree": "1", "share": "0.5000"},
    ]


def test_agreement_csv_header(client):
    response = client.get("/agreement.csv?year=2017")
    assert response.content.decode().splitlines()[0] == "member_a,member_b,votes,agree,share"


def test_the_matrix_shows_the_members_seated_in_the_period_by_default(client):
    response = client.get("/agreement/?year=2017")
    text = text_of(response)
    assert "Who votes with whom: 2017" in text
    rows = rows_of(client.get("/agreement.csv?year=2017"))
    codes = {row["member_a"] for row in rows} | {row["member_b"] for row in rows}
    # 2017's Council, with Italy (2017) and not the Netherlands (2018) of the split term.
    assert {"BOL", "CHN", "EGY", "ETH", "FRA", "GBR", "ITA", "JPN", "KAZ", "RUS"} <= codes
    assert {"SEN", "SWE", "UKR", "URY", "USA"} <= codes and "NLD" not in codes
    assert len(codes) == 15 and len(rows) == 15 * 14 // 2
    # The reference case: Russia and Bolivia together, Russia and China apart.
    pairs = {(row["member_a"], row["member_b"]): row for row in rows}
    assert int(pairs[("BOL", "RUS")]["agree"]) >= 1
    # The preset of the permanent members keeps the period.
    preset = re.search(r'<a href="\?([^"]+)" id="preset-permanent"', text).group(1)
    assert "year=2017" in preset and "members=CHN,FRA,RUS,GBR,USA" in preset


def test_a_council_composition_is_a_period(client):
    rows = rows_of(client.get("/agreement.csv?council=2018-05-01"))
    codes = {row["member_a"] for row in rows} | {row["member_b"] for row in rows}
    assert "NLD" in codes and "ITA" not in codes and len(codes) == 15
    page = text_of(client.get("/agreement/?council=2018-05-01"))
    assert "the Council of 1 Jan 2018 to 31 Dec 2018" in page


@pytest.mark.parametrize(
    "query, field",
    [
        ("year=2017&date_after=2017-01-01", "__all__"),
        ("members=USA,XXX", "members"),
        ("members=USA", "members"),
        ("year=1800", "year"),
        ("year=twenty", "year"),
        ("council=1900-01-01", "council"),
        ("date_after=2018-01-01&date_before=2017-01-01", "date_before"),
    ],
)
def test_agreement_with_bad_parameters_is_a_400_naming_the_field(client, query, field):
    page = client.get(f"/agreement/?{query}")
    assert page.status_code == 400
    assert "errorlist" in page.content.decode()
    download = client.get(f"/agreement.csv?{query}")
    assert download.status_code == 400
    assert f"\n{field}: " in download.content.decode()


def test_user_text_is_escaped_and_csv_is_neutral(client, trio):
    Resolution.objects.filter(draft_symbol="S/2982/1").update(title="<script>alert(1)</script>")
    text = client.get("/compare/?a=XAA&b=XBB").content.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


# Query counts: constant in the number of votes ---------------------------------------

PINNED = [
    ("/compare/?a=QAA&b=QAB", 5),
    ("/compare.csv?a=QAA&b=QAB", 3),
    ("/agreement/?date_after=2091-01-01", 6),
    ("/agreement/?year=2091&members=QAA,QAB,QAC", 6),
    ("/agreement/?council=2091-06-01", 7),
    ("/agreement.csv?date_after=2091-01-01", 4),
    ("/alignment/", 4),
    ("/alignment.csv", 3),
]


@pytest.mark.parametrize("votes", [5, 120])
@pytest.mark.parametrize("url, queries", PINNED)
def test_query_counts_do_not_grow_with_the_record(
    client, django_assert_num_queries, url, queries, votes
):
    from factories import many_votes

    members = council("Q")
    many_votes(votes, members)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200


# The permanent members year by year ---------------------------------------------------


def test_alignment_draws_each_pair_of_the_five_with_the_ussr_and_russia_as_one_line(client):
    response = client.get("/alignment/")
    assert response.status_code == 200
    html = response.content.decode()
    figure = chart_data(html, "chart-alignment-data")
    names = [trace["name"] for trace in figure["data"]]
    assert len(names) == 10  # each pair of the five once
    assert sum("Russia/Soviet Union" in name for name in names) == 4
    assert not any("Russia and Soviet Union" in name for name in names)
    # The break is marked (a line on 24 Dec 1991) and the Russia lines are cut there.
    (shape,) = figure["layout"]["shapes"]
    assert 1991.9 < shape["x0"] < 1992
    russia = next(t for t in figure["data"] if t["name"] == "Russia/Soviet Union and United States")
    cut = russia["x"].index(shape["x0"])
    assert russia["y"][cut] is None
    assert "24 Dec 1991" in text_of(response)
    assert 'id="successor"' in html


def test_alignment_csv_names_the_member_of_each_year_and_matches_compare(client):
    response = client.get("/alignment.csv")
    assert response.content.decode().splitlines()[0] == "year,member_a,member_b,votes,agree,share"
    rows = rows_of(response)
    for row in rows:
        pair = {row["member_a"], row["member_b"]}
        assert not {"SUN", "RUS"} <= pair
        if "SUN" in pair:
            assert int(row["year"]) <= 1991
        if "RUS" in pair:
            assert int(row["year"]) >= 1992
    assert any("SUN" in (r["member_a"], r["member_b"]) for r in rows)
    # The same figures as the comparison of the two (one definition of agreement).
    russia_usa = {r["year"]: r for r in rows if (r["member_a"], r["member_b"]) == ("RUS", "USA")}
    compared = {r["year"]: r for r in rows_of(client.get("/compare.csv?a=RUS&b=USA"))}
    assert {y: (r["votes"], r["agree"]) for y, r in russia_usa.items()} == {
        y: (r["votes"], r["agree"]) for y, r in compared.items()
    }


def test_alignment_is_linked_from_home_and_the_matrix(client):
    assert 'href="/alignment/"' in client.get("/").content.decode()
    assert 'href="/alignment/"' in client.get("/agreement/").content.decode()


# Isolation and division ----------------------------------------------------------------


def test_member_page_gives_its_share_with_the_majority_and_its_votes_alone(client):
    council_ = council("Y", permanent=1, elected=4)  # YAA permanent, YAB..YAE elected
    yaa, yab, yac, yad, yae = council_
    alone = resolution(
        on=dt.date(2983, 1, 1),
        draft_symbol="S/2983/1",
        positions={Position.VETO: [yaa], Position.FOR: [yab, yac, yad, yae]},
        outcome=Outcome.VETOED,
    )
    resolution(
        on=dt.date(2983, 2, 1),
        draft_symbol="S/2983/2",
        positions={Position.FOR: council_},
    )
    resolution(  # against with another: not alone, not with the majority
        on=dt.date(2983, 3, 1),
        draft_symbol="S/2983/3",
        positions={Position.AGAINST: [yaa, yab], Position.FOR: [yac, yad, yae]},
        outcome=Outcome.FAILED,
    )
    text = text_of(client.get("/members/yaa/"))
    assert "1 of 3 votes (33%) on the side of the largest group" in text
    section = text.split('<h2 id="alone">', 1)[1].split("<h2", 1)[0]
    assert alone.get_absolute_url() in section
    assert "s-2983-3" not in section and "s-2983-2" not in section
    assert "3 of 3 votes (100%)" in text_of(client.get("/members/yac/"))


def test_vote_page_gives_the_division_of_the_reference_case(client):
    text = text_of(client.get("/resolutions/s-2017-315/"))
    assert '<dd id="division">33% of the votes cast' in text  # 10-2-3: 5 of 15


def test_agreement_page_lists_who_votes_with_the_majority_and_the_most_divided(client, trio):
    html = client.get("/agreement/?date_after=2981-01-01&members=XAA,XBB,XCC").content.decode()
    table = " ".join(html.split('id="isolation-table"', 1)[1].split("</table>", 1)[0].split())
    rows = re.findall(r'<tr> <th scope="row"><a href="/members/(\w+)/">.*?</tr>', table)
    # Vote 1 unanimous; vote 2 against (XAA's veto, XBB) with XCC alone for;
    # vote 3 a tie (for, abstain), left out; the tally-only vote left out.
    assert rows[0] == "xcc"
    xcc = table.split('href="/members/xcc/"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="Votes">2<' in xcc and "1 (50%)" in xcc and "#alone" in xcc
    xaa = table.split('href="/members/xaa/"', 1)[1].split("</tr>", 1)[0]
    assert 'data-label="Votes">2<' in xaa and "2 (100%)" in xaa
    divided = html.split('id="divided-table"', 1)[1].split("</table>", 1)[0]
    first = divided.split("<tbody>", 1)[1]
    # By tally: S/2982/1 (1-0-1: 1 of 2 not on the largest side), then S/2981/2
    # (1-2-0: 1 of 3), then the unanimous S/2981/1.
    assert first.index("s-2982-1") < first.index("s-2981-2") < first.index("s-2981-1")


def test_ballots_kept_per_day_give_the_same_figures_as_every_ballot():
    """The alignment and agreement pages read the ballots the database keeps (one
    per day and set of positions, kept.DayBallot): the same agreement per pair and
    year, the same matrix and the same majority figures as every ballot read."""
    from resolutions import agreement, kept, together
    from resolutions.models import Vote

    council_ = council("T", permanent=3, elected=1)
    taa, tab, tac, tad = council_
    for number, (day, positions) in enumerate(
        [
            (dt.date(2976, 1, 1), {Position.FOR: council_}),
            (dt.date(2976, 1, 1), {Position.FOR: council_}),  # the same day and positions
            (dt.date(2976, 2, 1), {Position.FOR: council_}),
            (
                dt.date(2976, 3, 1),
                {Position.VETO: [taa], Position.AGAINST: [tab], Position.FOR: [tac, tad]},
            ),
            (dt.date(2977, 1, 1), {Position.ABSTAIN: [taa, tab], Position.NON_VOTING: [tac]}),
        ]
    ):
        resolution(on=day, draft_symbol=f"S/{day.year}/{number}", positions=positions)
    codes = [taa.code, tab.code, tac.code]

    def figures(ballots, codes=codes):
        lines = agreement.pairs_per_year(ballots, codes)
        return {
            key: {y: (c.votes, c.agree) for y, c in years.items()} for key, years in lines.items()
        }

    summed = figures(kept.day_ballots())
    assert summed == figures(together.ballots(Vote.objects.all()))
    assert summed[(taa.code, tab.code)] == {2976: (4, 4), 2977: (1, 1)}  # the veto is a no
    assert summed[(taa.code, tac.code)] == {2976: (4, 3)}
    day = dt.date(2976, 1, 1)
    assert [b.times for b in kept.day_ballots(day, day)] == [2]
    # A period's matrix and who votes with the majority, alike.
    every = together.ballots(Vote.objects.filter(resolution__date__year=2976))
    read = kept.day_ballots(dt.date(2976, 1, 1), dt.date(2976, 12, 31))
    members = [*codes, tad.code]

    def counts(matrix):
        return {key: (c.votes, c.agree) for key, c in matrix.items()}

    assert counts(agreement.matrix(read, members)) == counts(agreement.matrix(every, members))
    for code, counted in agreement.isolation_of_all(read, members).items():
        one_by_one = agreement.isolation(every, code)
        assert (counted.votes, counted.with_majority, counted.alone_votes) == (
            one_by_one.votes,
            one_by_one.with_majority,
            len(one_by_one.alone),
        )
    # The bundled record's permanent members alike.
    permanent = ["CHN", "FRA", "GBR", "RUS", "USA", "SUN"]
    every = together.ballots(Vote.objects.filter(member_id__in=permanent))
    assert figures(kept.day_ballots(), permanent) == figures(every, permanent)


def test_member_page_lists_its_latest_vetoes_and_votes_alone_and_says_how_many(client, monkeypatch):
    from resolutions import views

    monkeypatch.setattr(views, "LISTED", 2)
    zaa, zab, zac = council("Z", permanent=1, elected=2)
    records = [
        resolution(
            on=dt.date(2984, month, 1),
            draft_symbol=f"S/2984/{month}",
            positions={Position.VETO: [zaa], Position.FOR: [zab, zac]},
            outcome=Outcome.VETOED,
        )
        for month in (1, 2, 3)
    ]
    text = text_of(client.get("/members/zaa/"))
    vetoes = text.split('id="vetoes-cast"', 1)[1].split("<h2", 1)[0]
    assert "<strong>3</strong> vetoes cast: the latest 2 drafts" in vetoes
    assert 'href="?position=veto#record"' in vetoes
    listed = [r for r in records if r.get_absolute_url() in vetoes]
    assert listed == records[1:]  # the latest two, by date
    alone = text.split('<h2 id="alone">', 1)[1].split("<h2", 1)[0]
    assert "The latest 2 of its 3 votes alone." in alone
    assert [r for r in records if r.get_absolute_url() in alone] == records[1:]
    latest, before = (alone.index(r.get_absolute_url()) for r in records[:0:-1])
    assert latest < before  # latest first
    assert '<a href="#alone">3 alone</a>' in text
    # The voting record holds every veto.
    every = text_of(client.get("/members/zaa/?position=veto"))
    record = every.split('<h2 id="record">', 1)[1]
    assert all(r.get_absolute_url() in record for r in records)


def test_most_divided_ordered_by_the_database_as_the_rule_orders_them():
    from resolutions import agreement, together
    from resolutions.forms import Period

    members = council("S", permanent=1, elected=6)
    tallies = [(7, 0, 0), (4, 3, 0), (2, 2, 3), (5, 1, 1), (6, 0, 1), (3, 0, 4)]
    for number, (yes, no, abstain) in enumerate(tallies, start=1):
        resolution(
            on=dt.date(2975, number, 1),
            draft_symbol=f"S/2975/{number}",
            positions={
                Position.FOR: members[:yes],
                Position.AGAINST: members[yes : yes + no],
                Position.ABSTAIN: members[yes + no : yes + no + abstain],
            },
        )
    untallied = resolution(on=dt.date(2975, 9, 1), draft_symbol="S/2975/9", positions={})
    # No tally on record: never among them.
    Resolution.objects.filter(pk=untallied.pk).update(votes_for=None)
    period = Period(dt.date(2975, 1, 1), dt.date(2975, 12, 31), "2975")
    found = together.most_divided(period, count=4)
    by_rule = sorted(
        (
            (agreement.tally_division(r.votes_for, r.votes_against, r.votes_abstain), r)
            for r in Resolution.objects.filter(date__year=2975, votes_for__isnull=False)
        ),
        key=lambda pair: (-pair[0], -pair[1].date.toordinal()),
    )[:4]
    assert [(d.division, d.record) for d in found] == by_rule
    assert found[0].record.draft_symbol == "S/2975/3"  # 2-2-3: 4 of 7 not with the largest


def test_what_a_period_leaves_out_is_read_from_the_kept_days_as_counted_over_the_records(trio):
    """left_out reads the days' kept rows: the same counts as over the records
    themselves, for open and closed periods, after a record changes kind."""
    from resolutions.forms import Period
    from resolutions.together import kept_sums, left_out, span_of

    def counted(period: Period) -> dict:
        records = Resolution.objects.filter(**period.query())
        return {
            "tally_only": records.filter(votes_recorded=False, adopted_without_vote=False).count(),
            "without_vote": records.filter(adopted_without_vote=True).count(),
        }

    resolution(
        on=dt.date(2982, 6, 1),
        draft_symbol="S/2982/3",
        positions={},
        adopted_without_vote=True,
        votes_recorded=False,
    )
    periods = [
        Period(None, None, ""),
        Period(dt.date(2981, 1, 1), None, ""),
        Period(dt.date(2982, 1, 1), dt.date(2982, 12, 31), ""),
        Period(None, dt.date(2981, 12, 31), ""),
    ]
    assert left_out(periods[2]) == {"tally_only": 1, "without_vote": 1}
    Resolution.objects.filter(draft_symbol="S/2982/1").update(votes_recorded=False)
    for period in periods:
        assert left_out(period) == counted(period), period
    dates = Resolution.objects.values_list("date", flat=True)
    assert span_of(kept_sums({})) == {"first": min(dates), "last": max(dates)}
