"""The charts carry their meaning in labels as well as colours."""

import datetime as dt

from test_stats import REFERENCE, REFERENCE_DAY, seated_2017

from resolutions.charts import (
    chart_spec,
    positions_per_year_chart,
    vetoes_per_year_chart,
    vote_breakdown,
)
from resolutions.stats import positions_per_year, seats_at_vote, vetoes_per_year

NAMES = {"RUS": "Russia", "CHN": "China", "BOL": "Bolivia"}


def reference_chart() -> dict:
    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=NAMES)
    return chart_spec(vote_breakdown(seats))


def test_every_seat_is_a_bar_and_each_position_is_named():
    traces = {trace["name"]: trace for trace in reference_chart()["data"]}
    assert set(traces) == {"For (10)", "Against (1)", "Veto (1)", "Abstain (3)"}
    assert sum(len(trace["y"]) for trace in traces.values()) == 15
    assert traces["Abstain (3)"]["text"] == ["Abstain"] * 3


def test_the_veto_is_labelled_hatched_and_its_member_starred():
    veto = next(t for t in reference_chart()["data"] if t["name"].startswith("Veto"))
    assert veto["y"] == ["★ Russia"]
    assert veto["text"] == ["VETO"]
    assert veto["marker"]["pattern"]["shape"] == "x"
    against = next(t for t in reference_chart()["data"] if t["name"].startswith("Against"))
    assert against["y"] == ["Bolivia"]  # an elected member: no star
    assert "pattern" not in against["marker"]


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


LINK = '<a href="https://example.org/">Evil & Co</a>'


def test_names_reach_plotly_as_text_not_html():
    # Plotly renders <a href>, <b> and entities in labels: a name is escaped so
    # that it is shown as written, never made a link.
    names = {**NAMES, "RUS": LINK}
    seats = seats_at_vote(on=REFERENCE_DAY, votes=REFERENCE, seated=seated_2017(), names=names)
    spec = chart_spec(vote_breakdown(seats))
    escaped = '&lt;a href="https://example.org/"&gt;Evil &amp; Co&lt;/a&gt;'
    veto = next(t for t in spec["data"] if t["name"].startswith("Veto"))
    assert veto["y"] == [f"★ {escaped}"]
    assert f"★ {escaped}" in spec["layout"]["yaxis"]["categoryarray"]
    assert not any("<a" in label for label in spec["layout"]["yaxis"]["categoryarray"])

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
