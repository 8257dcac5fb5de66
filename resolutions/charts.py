"""Charts: plain values in (from resolutions/stats.py), a plotly figure out, as
the plain data plotly's Python API would make of it (`Figure`: its traces and
layout as dicts, the `go.Figure(...).to_plotly_json()` of the same chart).

Embedded as JSON (`chart_spec`); static/js/charts.js draws them with the
plotly.js the site serves itself (resolutions/staticfiles.py). Every chart sits
beside a table holding the same numbers, and positions are told by label (legend,
bar text, hover) as well as by colour; a veto is also hatched, so it shows in
greyscale too.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
import plotly.io

from .agreement import Count, pair
from .forms import day_label
from .rules import Outcome
from .stats import (
    NOT_RECORDED,
    OUTCOME_ORDER,
    POSITION_LABELS,
    POSITION_ORDER,
    Seat,
    TermSpan,
    VetoesPerYear,
)

# Okabe-Ito based, distinguishable with the common colour-vision deficiencies.
POSITION_COLOURS = {
    "for": "#009E73",
    "against": "#D55E00",
    "veto": "#6B0000",
    "abstain": "#E69F00",
    "non_voting": "#A6A6A6",
    NOT_RECORDED: "#FFFFFF",
}
# An outcome in the colour of the position that decides it (site.css does the same).
OUTCOME_POSITIONS = {Outcome.ADOPTED: "for", Outcome.FAILED: "against", Outcome.VETOED: "veto"}
# The five permanent members, each its own colour in every chart (Okabe-Ito: apart
# for the common colour-vision deficiencies, no two blues); the USSR's seat keeps
# Russia's colour. Other members take the rest in turn.
PERMANENT_COLOURS = {
    "USA": "#0072B2",
    "RUS": "#D55E00",
    "SUN": "#D55E00",
    "CHN": "#F0E442",
    "GBR": "#009E73",
    "FRA": "#CC79A7",
}
MEMBER_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]


def member_colour(code: str, index: int = 0) -> str:
    """A member's colour: its own for a permanent member, else the `index`th of the
    others' (for a chart's `index`th member)."""
    return PERMANENT_COLOURS.get(code) or MEMBER_COLOURS[index % len(MEMBER_COLOURS)]


FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}
PERMANENT_MARK = "★"

# Plotly's graph objects check every property as it is set and expand a named
# template on every figure; even unchecked (_validate=False), making a go.Figure
# costs 0.6 ms and each trace more, most of a chart's cost and a few milliseconds
# of a page. The figures here are built from this module's literals and plain
# values, so they are written as the plain data plotly would make of them
# (`Figure`, `_trace`); tests/test_charts.py builds each chart with plotly's
# every check (go.Figure(figure)) and finds it accepted and the same.
# plotly.js knows no template by name, and the template's data (7 KB) is the same
# for every chart: it is a static file (static/js/chart-template.js, written by
# template_script(); a test keeps the two equal) that static/js/charts.js gives each
# chart, loaded once and kept by the browser, not written into every chart's data.
TEMPLATE = "plotly_white"
TEMPLATE_FILE = "js/chart-template.js"
# Named colour scales too are spelt out by plotly's checks: once, here.
CIVIDIS = json.loads(go.Heatmap(colorscale="Cividis").to_json())["colorscale"]


def template_data() -> dict[str, Any]:
    """The template's data, as plotly spells it out."""
    return json.loads(go.Figure(layout={"template": TEMPLATE}).to_json())["layout"]["template"]


def template_script() -> str:
    """The text of static/js/chart-template.js."""
    data = json.dumps(template_data(), sort_keys=True, separators=(",", ":"))
    return (
        f"// plotly's {TEMPLATE!r} template, the same for every chart (resolutions/charts.py,\n"
        "// template_script(), writes this file; tests/test_charts.py checks it).\n"
        f"window.chartTemplate = {data};\n"
    )


def _layout(**extra: Any) -> dict[str, Any]:
    return {
        "font": FONT,
        "margin": {"l": 10, "r": 10, "t": 40, "b": 40},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "traceorder": "normal",
        },
        **extra,
    }


# A figure as plotly's JSON holds it: {"data": [trace, ...], "layout": {...}}.
Figure = dict[str, Any]


def _trace(kind: str, **properties: Any) -> dict[str, Any]:
    """A trace of the given type ("bar", "scatter", "heatmap"), as plotly writes it."""
    return {**properties, "type": kind}


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> Figure:
    return {"data": traces, "layout": layout}


def _count_axis(title: str, highest: int) -> dict[str, Any]:
    """A y axis of whole counts: one tick per unit while the counts are small."""
    axis: dict[str, Any] = {"title": {"text": title}, "rangemode": "tozero", "tickformat": "d"}
    if highest <= 10:
        axis.update(tick0=0, dtick=1)
    return axis


def _position_marker(position: str) -> dict[str, Any]:
    marker: dict[str, Any] = {
        "color": POSITION_COLOURS[position],
        "line": {"color": "#333333", "width": 1},
    }
    if position == "veto":
        marker["pattern"] = {"shape": "x", "fgcolor": "#FFFFFF", "size": 8, "solidity": 0.3}
    return marker


def as_text(value: str) -> str:
    """A name as plotly text. Plotly reads a subset of HTML in labels, legends and
    hovers (<a href>, <b>, <br>, entities): escaped, a name holding `<a href=...>`
    is shown as written, never made a link."""
    return html.escape(value, quote=False)


def seat_label(seat: Seat) -> str:
    name = as_text(seat.name)
    return f"{PERMANENT_MARK} {name}" if seat.permanent else name


# Each position has its own marker shape as well as its colour, so the horseshoe
# reads in greyscale and for every colour vision.
POSITION_SYMBOLS = {
    "for": "circle",
    "against": "square",
    "veto": "x",
    "abstain": "diamond",
    "non_voting": "circle-open",
    NOT_RECORDED: "circle-open-dot",
}
HORSESHOE_ARC = (200.0, -20.0)  # degrees: from the left end of the table over the top


def horseshoe_places(count: int) -> list[tuple[float, float]]:
    """(x, y) of `count` seats spaced evenly round the Council's horseshoe table
    (an arc of 220 degrees open at the bottom), left end first."""
    first, last = HORSESHOE_ARC
    step = (last - first) / (count - 1) if count > 1 else 0
    return [
        (
            round(math.cos(math.radians(first + i * step)), 4),
            round(math.sin(math.radians(first + i * step)), 4),
        )
        for i in range(count)
    ]


def _label_side(x: float, y: float) -> str:
    """Where a seat's name goes: outside the table, away from its neighbours."""
    if abs(x) < 0.1:
        return "top center"
    vertical = "top" if y > 0.8 else "middle"
    return f"{vertical} {'left' if x < 0 else 'right'}"


def vote_breakdown(seats: Sequence[Seat], centre: str = "") -> Figure:
    """The vote drawn as the Council's horseshoe table: one marker per seat (15, or
    11 before 1966) in the given order, coloured and shaped by its position and
    named beside it; a permanent member starred and ringed, a veto labelled VETO.
    One trace per position, so the legend counts them. `centre`: a short text in
    the middle of the table (the outcome and tally). No <b> or <i> in the texts:
    plotly draws them with inline style attributes, which the site's CSP refuses."""
    traces = []
    places = dict(zip(range(len(seats)), horseshoe_places(len(seats)), strict=True))
    for position in (*POSITION_ORDER, NOT_RECORDED):
        group = [(i, seat) for i, seat in enumerate(seats) if seat.position == position]
        if not group:
            continue
        label = POSITION_LABELS[position]
        closed = not POSITION_SYMBOLS[position].startswith("circle-open")
        traces.append(
            _trace(
                "scatter",
                name=f"{label} ({len(group)})",
                mode="markers+text",
                x=[places[i][0] for i, _ in group],
                y=[places[i][1] for i, _ in group],
                text=[
                    seat_label(seat) + ("<br>VETO" if position == "veto" else "")
                    for _, seat in group
                ],
                customdata=[[as_text(seat.title), label] for _, seat in group],
                textposition=[_label_side(*places[i]) for i, _ in group],
                textfont={"size": 12},
                cliponaxis=False,
                marker={
                    "symbol": POSITION_SYMBOLS[position],
                    "size": [26 if seat.permanent else 20 for _, seat in group],
                    "color": POSITION_COLOURS[position] if closed else "#777777",
                    "line": {
                        "color": "#111111" if closed else "#777777",
                        "width": [3 if seat.permanent else 1 for _, seat in group],
                    },
                },
                hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            )
        )
    axis = {"visible": False, "fixedrange": True}
    key = {
        "text": f"{PERMANENT_MARK} permanent member (ringed)",
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 0,
        "yanchor": "top",
        "xanchor": "right",
        "showarrow": False,
        "font": {"size": 11},
    }
    middle = {"text": as_text(centre), "x": 0, "y": 0.05, "showarrow": False, "font": {"size": 15}}
    annotations = [middle, key] if centre else [key]
    layout = _layout(
        height=420,
        showlegend=True,
        xaxis={**axis, "range": [-2.7, 2.7]},
        yaxis={**axis, "range": [-0.75, 1.35]},
        margin={"l": 4, "r": 4, "t": 40, "b": 30},
        meta={"seats": len(seats)},
        annotations=annotations,
    )
    return _figure(traces, layout)


def vetoes_per_year_chart(counts: VetoesPerYear) -> Figure:
    """Drafts vetoed per year, stacked by permanent member."""
    traces = []
    for index, (code, name) in enumerate(counts.members):
        per_year = counts.by_member.get(code, {})
        traces.append(
            _trace(
                "bar",
                name=as_text(name),
                x=counts.years,
                y=[per_year.get(year, 0) for year in counts.years],
                marker={
                    "color": member_colour(code, index),
                    "line": {"color": "#333333", "width": 1},
                },
                # The name through the trace's own (escaped) name: put in the
                # template itself, a "%{...}" in it would be read as a variable.
                hovertemplate="%{fullData.name}, %{x}: %{y} draft(s) vetoed<extra></extra>",
            )
        )
    tallest = max(
        (sum(by_year.get(y, 0) for by_year in counts.by_member.values()) for y in counts.years),
        default=0,
    )
    return _stacked_per_year(traces, "Drafts vetoed", tallest)


def positions_per_year_chart(per_year: dict[int, dict[str, int]]) -> Figure:
    """A member's votes per year, stacked by position, with its votes whose
    position is not on record (tally-only votes) as a band of their own on top."""
    years = list(per_year)
    traces = []
    for position in (*POSITION_ORDER, NOT_RECORDED):
        if position == NOT_RECORDED and not any(per_year[y].get(position) for y in years):
            continue
        label = POSITION_LABELS[position]
        marker = _position_marker(position)
        if position == NOT_RECORDED:
            marker.update(color="#EEEEEE", pattern={"shape": "/", "fgcolor": "#777777"})
        traces.append(
            _trace(
                "bar",
                name="Position not on record" if position == NOT_RECORDED else label,
                x=years,
                y=[per_year[year].get(position, 0) for year in years],
                marker=marker,
                hovertemplate=f"%{{x}}: %{{y}} {label.lower()}<extra></extra>",
            )
        )
    tallest = max((sum(c.values()) for c in per_year.values()), default=0)
    return _stacked_per_year(traces, "Votes", tallest)


def outcomes_per_year_chart(per_year: dict[int, dict[str, int]]) -> Figure:
    """Votes per year stacked by outcome (adopted, failed, vetoed; stats.outcomes_per_year),
    each outcome in the colour of the position that decides it, a veto hatched."""
    years = list(per_year)
    traces = []
    for outcome in OUTCOME_ORDER:
        label = Outcome(outcome).label
        traces.append(
            _trace(
                "bar",
                name=label,
                x=years,
                y=[per_year[year][outcome] for year in years],
                marker=_position_marker(OUTCOME_POSITIONS[outcome]),
                hovertemplate=f"%{{x}}: %{{y}} {label.lower()}<extra></extra>",
            )
        )
    tallest = max((sum(c.values()) for c in per_year.values()), default=0)
    return _stacked_per_year(traces, "Votes", tallest)


def _stacked_per_year(traces: list, title: str, tallest: int) -> Figure:
    """Both per-year charts: bars stacked, years on the x axis."""
    layout = _layout(
        barmode="stack",
        height=380,
        xaxis={"title": {"text": "Year"}, "tickformat": "d"},
        yaxis=_count_axis(title, tallest),
    )
    return _figure(traces, layout)


# A member's terms: a permanent seat dark and hatched, an elected term light, so
# the two read apart in greyscale too; another member's row (a predecessor's or a
# successor's) drawn paler.
TERM_COLOURS = {True: "#0072B2", False: "#56B4E9"}
DAY_MS = 86_400_000


def terms_timeline(rows: Sequence[tuple[str, Sequence[TermSpan], bool]], until: dt.date) -> Figure:
    """A member's terms on the Council as a strip over the years: one row per
    (name, terms, own) in the given order, each term a bar from its first day to
    its last (a seat still held: to `until`), a permanent seat starred in the
    legend and hatched. A row not `own` (the member's predecessor or successor,
    counted separately) is drawn paler."""
    traces = []
    for permanent in (True, False):
        bars = [
            (name, term, own)
            for name, terms, own in rows
            for term in terms
            if term.permanent == permanent
        ]
        if not bars:
            continue
        kind = "permanent seat" if permanent else "elected term"
        marker: dict[str, Any] = {
            "color": TERM_COLOURS[permanent],
            "line": {"color": "#333333", "width": 1},
            "opacity": [1 if own else 0.55 for _, _, own in bars],
        }
        if permanent:
            marker["pattern"] = {"shape": "/", "fgcolor": "#FFFFFF", "size": 8, "solidity": 0.2}
        ends = [term.end or until for _, term, _ in bars]
        traces.append(
            _trace(
                "bar",
                name=f"{PERMANENT_MARK} Permanent seat" if permanent else "Elected term",
                orientation="h",
                y=[as_text(name) for name, _, _ in bars],
                base=[term.start.isoformat() for _, term, _ in bars],
                x=[
                    ((end - term.start).days + 1) * DAY_MS
                    for (_, term, _), end in zip(bars, ends, strict=True)
                ],
                customdata=[
                    [
                        as_text(name),
                        kind,
                        day_label(term.start),
                        "today" if term.end is None else day_label(term.end),
                    ]
                    for name, term, _ in bars
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]}, %{customdata[2]} to "
                "%{customdata[3]}<extra></extra>",
                marker=marker,
                width=0.6,
            )
        )
    starts = [term.start for _, terms, _ in rows for term in terms]
    ends = [term.end or until for _, terms, _ in rows for term in terms]
    first, last = min(starts, default=until), max(ends, default=until)
    layout = _layout(
        barmode="overlay",
        showlegend=True,
        height=110 + 44 * len(rows),
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        xaxis={
            "type": "date",
            "range": [f"{first.year - 1}-07-01", f"{last.year + 1}-07-01"],
            "tickformat": "%Y",
        },
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        meta={"terms": sum(len(terms) for _, terms, _ in rows)},
    )
    return _figure(traces, layout)


def _plain_day(value: object) -> str:
    if type(value) is dt.date:
        return value.isoformat()  # (as plotly writes a day)
    raise TypeError(f"not plain JSON: {type(value).__name__}")


def chart_spec(figure: Figure) -> dict[str, Any]:
    """The figure as plain JSON data, for the page's data block (chart_json), a copy
    of its own: without a template (charts.js gives each chart the site's,
    TEMPLATE_FILE). A figure holding anything but plain values (NaN, numbers of
    numpy) is left to plotly's encoder. tests/test_charts.py checks every chart
    equal to plotly's own checked build and encoding of it."""
    try:
        text = json.dumps(figure, default=_plain_day, allow_nan=False)
    except (TypeError, ValueError):
        text = plotly.io.json.to_json_plotly(figure)
    return json.loads(text)


# Reading votes together (resolutions/agreement.py) ---------------------------------


def _share_axis() -> dict[str, Any]:
    return {
        "title": {"text": "Voted the same way (% of votes)"},
        "range": [0, 105],
        "ticksuffix": "%",
        "fixedrange": True,
    }


def _years_with_gaps(per_year: dict[int, Count]) -> list[int]:
    """Every year from the first to the last, so a year without a vote in common
    breaks the line instead of joining its neighbours."""
    return list(range(min(per_year), max(per_year) + 1)) if per_year else []


def _share_trace(
    name: str,
    per_year: dict[int, Count],
    colour: str,
    break_at: float | None = None,
    dash: str | None = None,
    marker_size: int = 7,
) -> dict[str, Any]:
    """A line of shares per year. `break_at`: an x where the line is cut (a gap)."""
    years: list[float] = list(_years_with_gaps(per_year))
    if break_at is not None and years and years[0] < break_at < years[-1]:
        years = sorted([*years, break_at])
    counts = [per_year.get(year) for year in years]  # type: ignore[call-overload]
    return _trace(
        "scatter",
        name=as_text(name),
        x=years,
        y=[None if c is None or c.share is None else round(100 * c.share, 1) for c in counts],
        customdata=[[c.agree, c.votes] if c else [0, 0] for c in counts],
        mode="lines+markers",
        line={"color": colour, "width": 2, **({"dash": dash} if dash else {})},
        marker={"color": colour, "size": marker_size},
        connectgaps=False,
        hovertemplate=(
            "%{fullData.name}, %{x}: %{y:.0f}% (%{customdata[0]} of %{customdata[1]} votes)"
            "<extra></extra>"
        ),
    )


def agreement_line(per_year: dict[int, Count], name: str) -> Figure:
    """Two members' agreement per year, with its base in the hover."""
    layout = _layout(
        height=340,
        showlegend=False,
        xaxis={"title": {"text": "Year"}, "tickformat": "d"},
        yaxis=_share_axis(),
    )
    return _figure([_share_trace(name, per_year, MEMBER_COLOURS[0])], layout)


def agreement_heatmap(
    order: Sequence[str],
    names: dict[str, tuple[str, str]],
    counts: dict[tuple[str, str], Count],
    links: dict[tuple[str, str], str],
) -> Figure:
    """The agreement matrix in the given (clustered) order: each cell the share of
    votes two members cast the same way, written with its base; a click on a cell
    opens that pair's comparison (its URL in `customdata`). `names`: code ->
    (short name, full name)."""
    labels = [as_text(names[code][0]) for code in order]
    z, text, custom = [], [], []
    for row in order:
        z_row, text_row, custom_row = [], [], []
        for column in order:
            count = counts.get(pair(row, column)) if row != column else None
            share = None if count is None else count.share
            z_row.append(None if share is None else round(100 * share, 1))
            text_row.append("" if share is None else f"{100 * share:.0f}%<br>{count.votes}")
            hover = (
                ""
                if count is None
                else f"{as_text(names[row][1])} and {as_text(names[column][1])}: "
                + (
                    f"{count.agree} of {count.votes} votes the same way"
                    if count.votes
                    else "no vote in common"
                )
            )
            custom_row.append([links.get(pair(row, column), ""), hover])
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)
    heatmap = _trace(
        "heatmap",
        x=labels,
        y=labels,
        z=z,
        text=text,
        texttemplate="%{text}",
        textfont={"size": 10},
        customdata=custom,
        hovertemplate="%{customdata[1]}<extra></extra>",
        colorscale=CIVIDIS,
        zmin=0,
        zmax=100,
        colorbar={"title": {"text": "% same way"}, "ticksuffix": "%"},
        xgap=1,
        ygap=1,
    )
    side = max(320, 34 * len(order) + 160)
    layout = _layout(
        height=side,
        xaxis={"side": "top", "tickangle": -45, "fixedrange": True, "automargin": True},
        yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True},
        meta={"links": True},
    )
    return _figure([heatmap], layout)


# Paul Tol's "muted" qualitative scheme (colour-blind safe) with black: one colour
# per pair of permanent members, and a dash pattern as well so lines read apart
# in greyscale.
PAIR_COLOURS = [
    "#332288",
    "#CC6677",
    "#117733",
    "#DDCC77",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
    "#000000",
]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash"]


def alignment_chart(
    lines: Sequence[tuple[str, dict[int, Count], bool]],
    years: tuple[int, int],
    successor: tuple[float, str] | None = None,
) -> Figure:
    """Agreement per year of several pairs, one line each (its base in the hover),
    over `years` (first, last). `successor`: (x, text) of a break to mark, such as
    the USSR's seat passing to the Russian Federation; the lines flagged True
    (those of the successor) are cut there."""
    traces = []
    for index, (name, per_year, broken) in enumerate(lines):
        colour = PAIR_COLOURS[index % len(PAIR_COLOURS)]
        cut = successor[0] if successor and broken else None
        dash = DASHES[index % len(DASHES)]
        traces.append(_share_trace(name, per_year, colour, cut, dash, marker_size=5))
    first, last = years
    layout = _layout(
        height=520,
        xaxis={"title": {"text": "Year"}, "tickformat": "d", "range": [first - 0.5, last + 0.5]},
        yaxis=_share_axis(),
    )
    layout["legend"] = {**layout["legend"], "orientation": "h", "y": -0.2, "yanchor": "top"}
    if successor is not None:
        x, text = successor
        line = {"color": "#555555", "width": 1, "dash": "dot"}
        layout["shapes"] = [
            {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
             "line": line}
        ]  # fmt: skip
        layout["annotations"] = [
            {"x": x, "y": 104, "text": as_text(text), "showarrow": False, "xanchor": "left",
             "font": {"size": 11}}
        ]  # fmt: skip
    return _figure(traces, layout)
