"""The charts carry their meaning in labels as well as colours."""

import datetime as dt
import json
import re

import plotly.offline
import pytest
from django.conf import settings
from test_stats import REFERENCE, REFERENCE_DAY, seated_2017

from resolutions.charts import (
    TEMPLATE_FILE,
    chart_spec,
    outcomes_per_year_chart,
    positions_per_year_chart,
    template_data,
    template_script,
    vetoes_per_year_chart,
    vote_breakdown,
)
from resolutions.staticfiles import BUNDLE, bundle_problems, bundle_traces
from resolutions.stats import (
    TermSpan,
    outcomes_per_year,
    positions_per_year,
    seats_at_vote,
    vetoes_per_year,
)

NAMES = {"RUS": "Russia", "CHN": "China", "BOL": "Bolivia"}


def reference_chart() -> dict:
    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=NAMES)
    return chart_spec(vote_breakdown(seats))


def test_every_seat_is_a_place_at_the_horseshoe_and_each_position_is_named():
    traces = {trace["name"]: trace for trace in reference_chart()["data"]}
    assert set(traces) == {"For (10)", "Against (1)", "Veto (1)", "Abstain (3)"}
    places = [(x, y) for t in traces.values() for x, y in zip(t["x"], t["y"], strict=True)]
    assert len(set(places)) == 15  # fifteen seats, none on another
    # Round a table open at the bottom: every seat one unit from its centre.
    assert all(abs(x * x + y * y - 1) < 1e-3 for x, y in places)
    assert min(y for _, y in places) < 0 < max(y for _, y in places)
    shapes = {t["marker"]["symbol"] for t in traces.values()}
    assert len(shapes) == 4  # each position its own shape, not only its colour


def test_the_horseshoe_has_eleven_seats_before_1966():
    day = dt.date(1960, 6, 1)
    seated = {f"M{n:02}": n < 5 for n in range(11)}
    seats = seats_at_vote(on=day, votes=dict.fromkeys(seated, "for"), seated=seated, names={})
    spec = chart_spec(vote_breakdown(seats))
    assert sum(len(t["x"]) for t in spec["data"]) == 11
    assert spec["layout"]["meta"]["seats"] == 11


def test_the_veto_is_labelled_and_its_member_starred_and_ringed():
    spec = chart_spec(vote_breakdown(reference_seats(), centre="Vetoed 10-2-3"))
    veto = next(t for t in spec["data"] if t["name"].startswith("Veto"))
    assert veto["text"] == ["★ Russia<br>VETO"]
    assert veto["marker"]["line"]["width"] == [3]  # a permanent member, ringed
    against = next(t for t in spec["data"] if t["name"].startswith("Against"))
    assert against["text"] == ["Bolivia"]  # an elected member: no star
    assert against["marker"]["line"]["width"] == [1]
    assert any(a["text"] == "Vetoed 10-2-3" for a in spec["layout"]["annotations"])


def reference_seats():
    return seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=NAMES)


def test_the_chart_is_plain_json_for_the_page():
    spec = reference_chart()
    assert set(spec) >= {"data", "layout"}
    assert spec["layout"]["height"] > 15 * 20


def test_vetoes_chart_has_one_trace_per_member():
    counts = vetoes_per_year([(2014, "RUS", "Russia", 1), (2014, "CHN", "China", 1)])
    spec = chart_spec(vetoes_per_year_chart(counts))
    assert [trace["name"] for trace in spec["data"]] == ["China", "Russia"]
    assert spec["layout"]["barmode"] == "stack"


def test_the_permanent_members_keep_their_own_distinct_colours_in_every_chart():
    five = [(2014, code, code, n) for n, code in enumerate(["CHN", "FRA", "GBR", "RUS", "USA"])]
    colours = {t["name"]: t["marker"]["color"] for t in vetoes_chart(five)}
    assert len(set(colours.values())) == 5
    # China and the United States are no longer two blues.
    assert colours["CHN"].upper() not in {"#0072B2", "#56B4E9"}
    # The same member, the same colour, whatever else the chart holds.
    alone = {t["name"]: t["marker"]["color"] for t in vetoes_chart([(1950, "USA", "USA", 9)])}
    assert alone["USA"] == colours["USA"]
    ussr = vetoes_chart([(1950, "SUN", "SUN", 9)])
    assert ussr[0]["marker"]["color"] == colours["RUS"]


def vetoes_chart(rows):
    return chart_spec(vetoes_per_year_chart(vetoes_per_year(rows)))["data"]


def test_positions_chart_has_one_trace_per_position():
    spec = chart_spec(positions_per_year_chart(positions_per_year([(2017, "veto", 1)])))
    assert [trace["name"] for trace in spec["data"]] == [
        "For",
        "Against",
        "Veto",
        "Abstain",
        "Did not vote",
    ]
    assert dt.date(2017, 1, 1).year in spec["data"][2]["x"]


def test_the_outcomes_chart_stacks_adopted_failed_and_vetoed_each_year():
    rows = [(2019, "adopted", 3), (2017, "vetoed", 1), (2019, "vetoed", 2), (2017, "adopted", 1)]
    assert outcomes_per_year(rows) == {
        2017: {"adopted": 1, "failed": 0, "vetoed": 1},
        2019: {"adopted": 3, "failed": 0, "vetoed": 2},
    }
    spec = chart_spec(outcomes_per_year_chart(outcomes_per_year(rows)))
    assert spec["layout"]["barmode"] == "stack"
    traces = {trace["name"]: trace for trace in spec["data"]}
    assert list(traces) == ["Adopted", "Failed (not enough votes)", "Vetoed"]
    assert traces["Adopted"]["x"] == [2017, 2019] and traces["Adopted"]["y"] == [1, 3]
    assert traces["Vetoed"]["y"] == [1, 2] and traces["Failed (not enough votes)"]["y"] == [0, 0]
    # A veto reads in greyscale too: hatched.
    assert traces["Vetoed"]["marker"]["pattern"]["shape"] == "x"
    assert "pattern" not in traces["Adopted"]["marker"]


LINK = '<a href="https://example.org/">Evil & Co</a>'


def test_names_reach_plotly_as_text_not_html():
    # Plotly renders <a href>, <b> and entities in labels: a name is escaped so
    # that it is shown as written, never made a link.
    names = {**NAMES, "RUS": LINK}
    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=names)
    spec = chart_spec(vote_breakdown(seats))
    escaped = '&lt;a href="https://example.org/"&gt;Evil &amp; Co&lt;/a&gt;'
    veto = next(t for t in spec["data"] if t["name"].startswith("Veto"))
    assert veto["text"] == [f"★ {escaped}<br>VETO"]
    assert veto["customdata"][0][0] == escaped
    assert not any("<a" in text for t in spec["data"] for text in t["text"])

    counts = vetoes_per_year([(2014, "RUS", LINK, 1), (2014, "CHN", "China %{y}", 1)])
    traces = chart_spec(vetoes_per_year_chart(counts))["data"]
    assert {t["name"] for t in traces} == {escaped, "China %{y}"}
    assert all(LINK not in t["hovertemplate"] and "China" not in t["hovertemplate"] for t in traces)


def test_names_in_the_agreement_charts_are_text():
    from resolutions.agreement import Count
    from resolutions.charts import agreement_heatmap, agreement_line

    escaped = '&lt;a href="https://example.org/"&gt;Evil &amp; Co&lt;/a&gt;'
    line = chart_spec(agreement_line({2017: Count(3, 2)}, f"{LINK} and China"))["data"][0]
    assert line["name"] == f"{escaped} and China"
    assert "<a" not in line["hovertemplate"]
    names = {"RUS": (LINK, LINK), "CHN": ("China", "China")}
    heatmap = chart_spec(
        agreement_heatmap(["RUS", "CHN"], names, {("CHN", "RUS"): Count(3, 2)}, {})
    )
    trace = heatmap["data"][0]
    assert trace["x"] == [escaped, "China"] and trace["y"] == [escaped, "China"]
    hovers = [cell[1] for row in trace["customdata"] for cell in row]
    assert not any("<a" in hover for hover in hovers)
    assert f"{escaped} and China: 2 of 3 votes the same way" in hovers


def every_chart():
    """Each chart of the site, built from made-up values."""
    from resolutions import charts
    from resolutions.agreement import Count

    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=NAMES)
    per_year = {2001: Count(3, 2), 2003: Count(4, 4), 2004: Count(0, 0)}
    names = {"RUS": ("Russia", "Russia"), "CHN": ("China", "China"), "USA": ("US", "USA")}
    counts = {("CHN", "RUS"): Count(3, 2), ("RUS", "USA"): Count(5, 1)}
    return [
        charts.vote_breakdown(seats),
        charts.vetoes_per_year_chart(vetoes_per_year([(2014, "RUS", "Russia", 1)])),
        charts.positions_per_year_chart(positions_per_year([(2017, "veto", 1), (2019, "for", 2)])),
        charts.outcomes_per_year_chart(
            outcomes_per_year([(2017, "vetoed", 1), (2019, "failed", 2)])
        ),
        charts.agreement_line(per_year, "Russia and China"),
        charts.agreement_heatmap(["RUS", "CHN", "USA"], names, counts, {}),
        charts.alignment_chart(
            [("A and B", per_year, False), ("C and D", per_year, True)], (1990, 2005), (2002, "x")
        ),
        charts.terms_timeline(TIMELINE_ROWS, dt.date(2026, 12, 3)),
    ]


def test_each_chart_is_what_plotly_builds_from_it_with_every_check():
    """The charts are written as plain data, without plotly's graph objects and their
    checks (charts.py): built with them, each is accepted (an unknown or invalid
    property raises) and comes out the same."""
    import json

    import plotly.graph_objects as go

    from resolutions.charts import TEMPLATE

    for figure in every_chart():
        checked = go.Figure(figure)
        checked.update_layout(template=TEMPLATE)
        built = json.loads(checked.to_json())
        # The template is given to every chart by the browser, from one static file.
        assert built["layout"].pop("template") == template_data()
        assert chart_spec(figure) == built
        assert "template" not in chart_spec(figure)["layout"]


def test_the_static_template_file_is_the_template_the_charts_are_drawn_in():
    """static/js/chart-template.js holds plotly's template as plotly spells it out;
    after an upgrade of plotly, write charts.template_script() to it again."""
    written = (settings.BASE_DIR / "static" / TEMPLATE_FILE).read_text(encoding="utf-8")
    assert written == template_script()
    assert json.loads(written.split("window.chartTemplate = ", 1)[1].rstrip().rstrip(";")) == (
        template_data()
    )


# A seat passed on (the USSR's to the Russian Federation) and elected terms.
TIMELINE_ROWS = [
    (
        "Old State (predecessor)",
        [TermSpan(dt.date(1946, 1, 1), dt.date(1991, 12, 23), True)],
        False,
    ),
    ("New State", [TermSpan(dt.date(1991, 12, 24), None, True)], True),
    (
        "Elected <b>State</b>",
        [
            TermSpan(dt.date(2017, 1, 1), dt.date(2017, 12, 31), False),
            TermSpan(dt.date(2023, 1, 1), dt.date(2024, 12, 31), False),
        ],
        True,
    ),
]


def timeline_bars(spec: dict) -> list[tuple[str, str, dt.date, dt.date, float]]:
    """(trace, row, first day, last day, opacity) of each bar of a drawn timeline."""
    bars = []
    for trace in spec["data"]:
        for row, base, length, opacity in zip(
            trace["y"], trace["base"], trace["x"], trace["marker"]["opacity"], strict=True
        ):
            first = dt.date.fromisoformat(base)
            last = first + dt.timedelta(milliseconds=length) - dt.timedelta(days=1)
            bars.append((trace["name"], row, first, last, opacity))
    return bars


def test_a_members_terms_are_bars_from_their_first_day_to_their_last():
    from resolutions.charts import terms_timeline

    spec = chart_spec(terms_timeline(TIMELINE_ROWS, dt.date(2026, 12, 3)))
    bars = timeline_bars(spec)
    assert len(bars) == spec["layout"]["meta"]["terms"] == 4  # each term a bar
    by_start = {first: bar for bar in bars for first in [bar[2]]}
    old = by_start[dt.date(1946, 1, 1)]
    new = by_start[dt.date(1991, 12, 24)]
    # The seat passed on the day after the predecessor's last: no gap, no overlap.
    assert old[3] == dt.date(1991, 12, 23) and new[2] == old[3] + dt.timedelta(days=1)
    assert new[3] == dt.date(2026, 12, 3)  # a seat still held: drawn to today
    assert old[0] == new[0] == "★ Permanent seat"  # permanent seats starred, apart
    assert old[4] < new[4] == 1  # another member's row is paler
    assert by_start[dt.date(2017, 1, 1)][3] == dt.date(2017, 12, 31)  # a one-year term
    elected = {bar[0] for bar in bars if bar[1].startswith("Elected")}
    assert elected == {"Elected term"}
    # The hover names the term's kind and its days; a seat held reads "today".
    hovers = [c for t in spec["data"] for c in t["customdata"]]
    assert ["New State", "permanent seat", "24 Dec 1991", "today"] in hovers
    # Names are text: the row's <b> is shown as written.
    assert "Elected &lt;b&gt;State&lt;/b&gt;" in spec["data"][1]["y"]
    # The axis: years, from before the first term to after the last.
    axis = spec["layout"]["xaxis"]
    assert axis["type"] == "date" and axis["range"] == ["1945-07-01", "2027-07-01"]


CHART_DATA = re.compile(r'<script id="[\w-]+-data" type="application/json">(.*?)</script>', re.S)
CHART_PAGES = [
    "/",
    "/resolutions/s-2017-315/",
    "/members/rus/",
    "/agreement/",
    "/alignment/",
]


@pytest.mark.django_db
def test_every_kind_of_chart_the_pages_draw_is_in_the_served_plotly_bundle(client):
    """The site serves plotly's cartesian bundle, not the full one: a chart of a
    kind it lacks would stay blank in the browser."""
    drawn: set[str] = set()
    for url in CHART_PAGES:
        page = client.get(url).content.decode()
        specs = [json.loads(found) for found in CHART_DATA.findall(page)]
        assert specs, f"{url} draws no chart"
        drawn |= {trace.get("type", "scatter") for spec in specs for trace in spec["data"]}
    assert {"bar", "scatter", "heatmap"} <= drawn
    assert drawn <= bundle_traces(), sorted(drawn - bundle_traces())


def test_the_bundle_is_the_plotly_js_release_the_python_package_draws_for(tmp_path):
    assert bundle_problems(BUNDLE, plotly.offline.get_plotlyjs_version()) == []
    older = tmp_path / BUNDLE.name
    older.write_text("/**\n* plotly.js (cartesian - minified) v3.0.0\n*/\n")
    (problem,) = bundle_problems(older, "4.1.1")
    assert problem.id == "votetracker.E011"
    assert "is plotly.js 3.0.0" in problem.msg and "plotly.js 4.1.1" in problem.msg
    (missing,) = bundle_problems(tmp_path / "nowhere.js", "4.1.1")
    assert missing.id == "votetracker.E010"
