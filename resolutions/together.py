"""The pages that read votes together: /compare/ (two members), /agreement/ (the
matrix of a period) and their CSV downloads. The figures come from
resolutions/agreement.py (the one definition of agreement); each page reads the
votes it needs in one query, so the count of queries does not grow with the
record (pinned in tests/test_together.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import F, FloatField, Max, Min, Q, QuerySet, Sum, Value
from django.db.models.functions import Cast, Greatest, NullIf
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from . import agreement, charts, exports, kept
from .agreement import Ballot
from .filters import sat_on_council
from .forms import AgreementForm, CompareForm, Period, day_label
from .models import CouncilTerm, Resolution, Vote
from .tables import day_writer, esc, figure_rows, position_badge, value_text

COMPARE_COLUMNS = ["year", "votes", "agree", "share"]
AGREEMENT_COLUMNS = ["member_a", "member_b", "votes", "agree", "share"]


def ballots(votes: QuerySet[Vote]) -> list[Ballot]:
    """The votes of a queryset grouped into ballots, in date order (one query).
    Only records whose individual votes are all on record are read: a tally-only
    record is left out of every per-member figure (agreement.counted)."""
    rows = (
        votes.filter(resolution__votes_recorded=True)
        .order_by("resolution__date", "resolution_id")
        .values_list("resolution_id", "resolution__date", "member_id", "position")
    )
    grouped: dict[int, Ballot] = {}
    for key, on, code, position in rows:
        if key not in grouped:
            grouped[key] = Ballot(key, on, {})
        grouped[key].positions[code] = position  # type: ignore[index]
    return list(grouped.values())


def left_out(period: Period) -> dict:
    """How many votes of the period the figures cannot read: tally-only records
    (kept.DayTallyOnly) and texts adopted without a vote (kept.DayRecords); one
    query over the days' kept rows, as many whatever the record's size (where a
    count over the records read 318,700 of them at 100 times the record: 80 ms)."""
    return {kind: votes for kind, votes, _, _ in kept_sums(period.query())}


def span_of(sums: list[tuple[str, int, dt.date | None, dt.date | None]]) -> dict:
    """The first and latest days of kept_sums' rows: of every record, for an open
    period."""
    days = [(first, last) for _, _, first, last in sums if first]
    return {
        "first": min((first for first, _ in days), default=None),
        "last": max((last for _, last in days), default=None),
    }


def kept_sums(days: dict) -> list[tuple[str, int, dt.date | None, dt.date | None]]:
    """(kind, votes, first day, latest day) of the days' kept rows in `days`
    (Period.query): tally-only votes, and records adopted without a vote, with
    the days of every record (one UNION ALL of two rows)."""

    def row(kind: str, rows: QuerySet, total) -> QuerySet:
        return (
            rows.filter(**days)
            .order_by()
            .values(kind=Value(kind))
            .annotate(votes=total, first=Min("date"), last=Max("date"))
            .values_list("kind", "votes", "first", "last")
        )

    found = {kind: (kind, 0, None, None) for kind in ("tally_only", "without_vote")}
    tally_only = row("tally_only", kept.DayTallyOnly.objects.filter(times__gt=0), Sum("times"))
    records = kept.DayRecords.objects.filter(records__gt=0)
    without_vote = row("without_vote", records, Sum("records", filter=Q(without_vote=True)))
    for kind, votes, first, last in tally_only.union(without_vote, all=True):
        found[kind] = (kind, votes or 0, first, last)
    return list(found.values())


def share_text(share: float | None) -> str:
    """A share for a CSV cell: a fraction to four places; empty when no base."""
    return "" if share is None else f"{share:.4f}"


def share_cell(count: agreement.Count | None):
    """A table's cell of a share with its base ("87% of 15"), or a dash."""
    if not count:
        return "—"
    return mark_safe(f'{count.percent}% <span class="muted">of {count.votes}</span>')  # noqa: S308 (numbers)


def bad_request(form) -> HttpResponseBadRequest:
    lines = [f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()]
    return HttpResponseBadRequest(
        "Invalid parameters, nothing exported.\n" + "\n".join(lines) + "\n",
        content_type="text/plain; charset=utf-8",
    )


def compare_links(pairs: Iterable[tuple[str, str]], period: Period | None = None) -> dict:
    """Each pair's address of its comparison over the period (?a=&b=&date_after=
    &date_before=), the view's address and the period's part written once."""
    base = reverse("compare")
    days = (("date_after", period.start), ("date_before", period.end)) if period else ()
    tail = urlencode({name: day.isoformat() for name, day in days if day})
    return {
        (a, b): f"{base}?{urlencode({'a': a, 'b': b})}" + (f"&{tail}" if tail else "")
        for a, b in pairs
    }


# Two members ---------------------------------------------------------------------


def comparison(form: CompareForm) -> tuple[Period, agreement.Comparison]:
    data = form.cleaned_data
    a, b = data["a"], data["b"]
    after, before = data.get("date_after"), data.get("date_before")
    label = (
        f"{day_label(after) if after else 'the first vote'} to "
        f"{day_label(before) if before else 'the latest'}"
        if after or before
        else "every vote on record"
    )
    period = Period(after, before, label)
    # The days' kept ballots (kept.DayBallot): as many rows whatever the record's
    # size, where the two members' votes were 6,300 rows on the full record.
    read = kept.day_ballots(after, before, members=(a, b))
    return period, agreement.compare(read, a, b)


# The splits a comparison's page lists at a time, latest first.
SPLITS_SHOWN = 50


def splits_on_page(result: agreement.Comparison, page: int) -> list[tuple]:
    """The records of the page'th SPLITS_SHOWN splits, latest first, each with the
    two positions (one query). The days' ballots (result.splits, in date order)
    tell which days hold the page's splits; the records of those days whose kept
    ballot is one of those days' splits are read, and the page cut from them."""
    first = (page - 1) * SPLITS_SHOWN
    days: dict[dt.date, list[agreement.Ballot]] = {}
    for ballot in reversed(result.splits):
        days.setdefault(ballot.on, []).append(ballot)
    chosen, texts, before, seen = [], set(), 0, 0
    for day, split in days.items():
        votes = sum(ballot.times for ballot in split)
        if seen + votes > first:
            if not chosen:
                before = seen
            chosen.append(day)
            texts.update(kept.ballot_text(ballot.positions) for ballot in split)
        seen += votes
        if seen >= first + SPLITS_SHOWN:
            break
    if not chosen:
        return []
    # Any record of those days whose ballot is a split of one of them is a split
    # (whether two members split depends on the ballot alone), and each day's
    # splits are all among those ballots.
    records = (
        Resolution.objects.filter(date__in=chosen, votes_recorded=True, ballot__ballot__in=texts)
        .annotate(kept_ballot=F("ballot__ballot"))
        .order_by("-date", "-pk")
    )
    shown = list(records[first - before : first - before + SPLITS_SHOWN])
    rows = []
    for record in shown:
        held = kept.positions(record.kept_ballot)
        rows.append((record, held[result.a], held[result.b]))
    return rows


def split_rows(splits: Iterable[tuple], name_a: str, name_b: str) -> SafeString:
    """The splits' table rows (splits_on_page's), as the template's loop wrote them:
    the day, the vote linked to its page with its title cut to 140 characters and
    whether it needs review, and each member's position, every cell naming its
    column for a phone's cards. Written here, not by a template's loop (50 rows of
    a dozen lookups each: a fifth of the page's time)."""
    day = day_writer()
    label_a, label_b = esc(name_a), esc(name_b)
    rows = []
    for record, position_a, position_b in splits:
        vote = f'<a href="{esc(record.get_absolute_url())}">{esc(str(record))}</a>'
        if record.title:
            vote += (
                f'<br><span class="muted small">{esc(Truncator(record.title).chars(140))}</span>'
            )
        if record.needs_review:
            vote += ' <span class="badge review">Needs review</span>'
        rows.append(
            "<tr>"
            f'<td data-label="Date" class="nowrap"><time datetime="{record.date.isoformat()}">'
            f"{esc(day(record.date))}</time></td>"
            f'<td data-label="Vote">{vote}</td>'
            f'<td data-label="{label_a}">{position_badge(position_a)}</td>'
            f'<td data-label="{label_b}">{position_badge(position_b)}</td>'
            "</tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every part escaped)


def year_rows(per_year: dict[int, agreement.Count]) -> SafeString:
    """The rows of the table of agreement per year: the votes, those the same way
    and their share (of how many), as the template's loop wrote them."""
    rows = []
    for year, count in per_year.items():
        votes = value_text(count.votes)
        rows.append(
            f'<tr><th scope="row">{value_text(year)}</th><td class="num">{votes}</td>'
            f'<td class="num">{value_text(count.agree)}</td>'
            f'<td class="num">{value_text(count.percent)}% '
            f'<span class="muted">of {votes}</span></td></tr>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every part escaped)


def splits_pages(request: HttpRequest, page: int, pages: int, shown: int) -> dict:
    """The page of splits shown (`shown` of them), the number of pages, and the
    addresses of the pages before and after it (None at either end)."""

    def address(number: int) -> str | None:
        if not 1 <= number <= pages:
            return None
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}#splits"

    return {
        "number": page,
        "pages": pages,
        "first": (page - 1) * SPLITS_SHOWN + 1,
        "last": (page - 1) * SPLITS_SHOWN + shown,
        "previous": address(page - 1),
        "next": address(page + 1),
    }


@require_safe
def compare(request: HttpRequest) -> HttpResponse:
    known = known_members()
    form = CompareForm(request.GET or None, choices(known))
    context: dict = {"form": form}
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        period, result = comparison(form)
        names = {code: short for code, (short, _) in known.items()}
        pages = max(1, -(-result.split_votes // SPLITS_SHOWN))
        page = form.cleaned_data.get("page") or 1
        if page > pages:
            form.add_error("page", f"The splits fill {pages} page{'s' if pages > 1 else ''}.")
            return render(request, "resolutions/compare.html", {"form": form}, status=400)
        splits = splits_on_page(result, page)
        figures = request.GET.copy()
        figures.pop("page", None)
        context.update(
            result=result,
            name_a=known[result.a],
            name_b=known[result.b],
            period=period,
            left_out=left_out(period),
            splits=splits,
            year_rows=year_rows(result.per_year),
            split_rows=split_rows(splits, known[result.a][0], known[result.b][0]),
            splits_page=splits_pages(request, page, pages, len(splits)),
            chart=charts.chart_spec(
                charts.agreement_line(result.per_year, f"{names[result.a]} and {names[result.b]}")
            )
            if result.per_year
            else None,
            csv_query=figures.urlencode(),
        )
    return render(request, "resolutions/compare.html", context, status=status)


@require_safe
def compare_csv(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET, choices(known_members()))
    if not form.is_valid():
        return bad_request(form)
    _, result = comparison(form)
    rows = (
        [year, count.votes, count.agree, share_text(count.share)]
        for year, count in result.per_year.items()
    )
    filename = f"compare-{result.a.lower()}-{result.b.lower()}.csv"
    return exports.csv_response(filename, COMPARE_COLUMNS, rows)


# The matrix ------------------------------------------------------------------------


def latest_year() -> Period:
    """The default period: the latest year with a vote whose positions are on record."""
    last = Resolution.objects.filter(votes_recorded=True).aggregate(last=Max("date"))["last"]
    year = (last or dt.date.today()).year
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def seated_in(period: Period) -> list[tuple[str, str, str, bool]]:
    """(code, short name, name, permanent) of the members seated at some time in
    the period, permanent members first (one query)."""
    terms = CouncilTerm.objects.all()
    if period.end:
        terms = terms.filter(start__lte=period.end)
    if period.start:
        terms = terms.filter(Q(end__isnull=True) | Q(end__gte=period.start))
    rows = terms.values_list("member_id", "member__short_name", "member__name", "permanent")
    seated: dict[str, tuple[str, str, str, bool]] = {}
    for code, short, name, permanent in rows:
        if code not in seated or permanent:
            seated[code] = (code, short, name, permanent)
    return sorted(seated.values(), key=lambda row: (not row[3], row[1]))


def the_matrix(form: AgreementForm, known: dict[str, tuple[str, str]]) -> dict:
    """Everything the matrix page and its CSV show, for a valid form (`known`:
    see known_members); {} with a form error when the period cannot be read."""
    council = form.cleaned_data.get("council")
    composition = (
        list(CouncilTerm.objects.on(council).values_list("start", "end")) if council else []
    )
    if council and not composition:
        form.add_error("council", "No Council composition is on record for that day.")
        return {}
    period = form.period(composition)
    query = period_query(form)
    if period is None:
        period = latest_year()
        query = {"year": str(period.start.year)}
    seated = seated_in(period)
    # By default the members seated in the period (for a composition: its members).
    codes = form.cleaned_data["members"] or [code for code, *_ in seated]
    names = {code: known[code] for code in codes}
    # Every member's vote is read (not only those asked for): the majority of
    # each vote is the whole Council's; the ballots of a day with the same
    # positions as one (kept.DayBallot).
    read = kept.day_ballots(period.start, period.end)
    counts = agreement.matrix(read, codes)
    order = agreement.cluster_order(codes, counts)
    links = compare_links(counts, period)
    return {
        "period": period,
        "codes": codes,
        "order": order,
        "names": names,
        "counts": counts,
        "links": links,
        "permanent": [code for code, _, _, permanent in seated if permanent],
        "query": query,
        "isolation": agreement.isolation_of_all(read, codes),
    }


@dataclass(frozen=True)
class Divided:
    """A vote and how far it was from unanimous (agreement.division of its tally)."""

    record: Resolution
    division: float
    cast: int  # votes for, against and abstaining

    @property
    def percent(self) -> int:
        return round(100 * self.division)

    @property
    def not_with_largest(self) -> int:
        return round(self.division * self.cast)


def most_divided(period: Period, count: int = 10) -> list[Divided]:
    """The votes of the period furthest from unanimous by their official tally,
    latest first among equals (one query)."""
    # agreement.tally_division, ordered by the database (the period may hold
    # thousands of votes); each figure then taken from the rule itself.
    tally = [F("votes_for"), F("votes_against"), F("votes_abstain")]
    cast = tally[0] + tally[1] + tally[2]
    records = (
        Resolution.objects.filter(
            adopted_without_vote=False,
            votes_for__isnull=False,
            votes_against__isnull=False,
            votes_abstain__isnull=False,
            **period.query(),
        )
        .annotate(
            cast=cast,
            division=Cast(cast - Greatest(*tally), FloatField()) / NullIf(cast, Value(0)),
        )
        .filter(cast__gt=0)
        .order_by("-division", "-date", "-pk")[:count]
    )
    scored = []
    for record in records:
        counts = (record.votes_for, record.votes_against, record.votes_abstain)
        division = agreement.tally_division(*counts)
        if division is not None:
            scored.append(Divided(record, division, sum(counts)))
    return scored


def isolation_rows(result: dict) -> list[tuple[tuple, agreement.Isolation]]:
    """((code, short name, name), isolation) per member, least often with the
    majority first (members without a counted vote last)."""
    rows = [((code, *result["names"][code]), result["isolation"][code]) for code in result["codes"]]
    return sorted(
        rows,
        key=lambda row: (row[1].share_with_majority is None, row[1].share_with_majority or 0),
    )


def pair_rows(result: dict) -> list[tuple[tuple, tuple, agreement.Count, str]]:
    """Every pair in the matrix's clustered order: ((code, short name, name) of
    each member, count, link)."""
    order, names = result["order"], result["names"]
    rows = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            key = agreement.pair(a, b)
            rows.append(
                ((a, *names[a]), (b, *names[b]), result["counts"][key], result["links"][key])
            )
    return rows


def pair_table(pairs: list[tuple[tuple, tuple, agreement.Count, str]]) -> SafeString:
    """The rows of the matrix's table, one per pair (pair_rows): the pair linked
    to its comparison, its votes, votes the same way and share. Written here, not
    by a template's loop (105 pairs of 15 members)."""

    def member(code_names: tuple) -> str:
        _, short, name = code_names
        return f'<abbr title="{esc(name)}">{esc(short)}</abbr>'

    rows = (
        f'<tr><th scope="row"><a href="{esc(link)}">{member(a)} and {member(b)}</a></th>'
        f'<td class="num">{value_text(count.votes)}</td>'
        f'<td class="num">{value_text(count.agree)}</td>'
        f'<td class="num">{f"{value_text(count.percent)}%" if count.votes else "—"}</td></tr>'
        for a, b, count, link in pairs
    )
    return mark_safe("\n".join(rows))  # noqa: S308 (every part escaped)


def known_members() -> dict[str, tuple[str, str]]:
    """code -> (short name, name) of every member that sat on the Council."""
    rows = sat_on_council().values_list("code", "short_name", "name")
    return {code: (short, name) for code, short, name in rows}


def choices(known: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, name) of every member, by name, for a menu."""
    return sorted(((code, name) for code, (_, name) in known.items()), key=lambda c: c[1])


@require_safe
def agreement_matrix(request: HttpRequest) -> HttpResponse:
    known = known_members()
    form = AgreementForm(request.GET, known)  # no parameters: the defaults
    result = the_matrix(form, known) if form.is_valid() else {}
    context: dict = {"form": form, **result}
    if result:
        period = result["period"]
        pairs = pair_rows(result)
        context.update(
            left_out=left_out(period),
            pairs=pairs,
            pair_table=pair_table(pairs),
            members=[(code, *result["names"][code]) for code in result["order"]],
            isolation_rows=isolation_rows(result),
            divided=most_divided(period),
            chart=charts.chart_spec(
                charts.agreement_heatmap(
                    result["order"], result["names"], result["counts"], result["links"]
                )
            )
            if len(result["order"]) > 1
            else None,
            # Commas kept as they are: members=CHN,FRA,GBR,RUS,USA
            permanent_query=urlencode(
                {**result["query"], "members": ",".join(result["permanent"])}, safe=","
            ),
            csv_query=urlencode(
                {**result["query"], "members": ",".join(result["codes"])}, safe=","
            ),
            seated_query=urlencode(result["query"]),
        )
    return render(request, "resolutions/agreement.html", context, status=200 if result else 400)


def period_query(form: AgreementForm) -> dict[str, str]:
    """The period parameters of a valid form, as given."""
    return {
        name: str(value)
        for name in ("year", "date_after", "date_before", "council")
        if (value := form.cleaned_data.get(name)) is not None
    }


@require_safe
def agreement_csv(request: HttpRequest) -> HttpResponse:
    known = known_members()
    form = AgreementForm(request.GET, known)
    result = the_matrix(form, known) if form.is_valid() else {}
    if not result:
        return bad_request(form)
    rows = (
        [a, b, count.votes, count.agree, share_text(count.share)]
        for (a, b), count in sorted(result["counts"].items())
    )
    return exports.csv_response("agreement.csv", AGREEMENT_COLUMNS, rows)


# The permanent members year by year --------------------------------------------------

ALIGNMENT_COLUMNS = ["year", "member_a", "member_b", "votes", "agree", "share"]


@dataclass
class Permanent:
    """The permanent members as the alignment page draws them (one query): a
    predecessor is read as its successor when the seat passed on (SUN -> RUS)."""

    names: dict[str, tuple[str, str]]  # code -> (short name, name), predecessors too
    same: dict[str, str]  # predecessor -> successor
    taken: dict[str, dt.date]  # successor -> the day it took the seat

    @classmethod
    def read(cls) -> Permanent:
        rows = CouncilTerm.objects.filter(permanent=True).values_list(
            "member_id", "member__short_name", "member__name", "member__successor_id", "start"
        )
        names, successors, starts = {}, {}, {}
        for code, short, name, successor, start in rows:
            names[code] = (short, name)
            starts[code] = min(start, starts.get(code, start))
            if successor:
                successors[code] = successor
        same = {old: new for old, new in successors.items() if new in names}
        return cls(names, same, {new: starts[new] for new in same.values()})

    @property
    def lines(self) -> list[str]:
        """The codes drawn, by name (a predecessor drawn with its successor)."""
        return sorted((c for c in self.names if c not in self.same), key=lambda c: self.names[c])

    def label(self, code: str) -> str:
        before = [self.names[old][0] for old, new in self.same.items() if new == code]
        return "/".join([self.names[code][0], *before])

    def code_in(self, code: str, year: int) -> str:
        """The member that held the line's seat in a year (SUN for Russia before 1992)."""
        for old, new in self.same.items():
            if new == code and year < self.taken[new].year + (self.taken[new].month > 6):
                return old
        return code


def alignment_data() -> dict:
    permanent = Permanent.read()
    codes = permanent.lines
    # Every recorded vote, those of a year with the same positions read as one
    # (kept.DayBallot summed by year: as many rows whatever the record's size).
    per_pair = agreement.pairs_per_year(kept.year_ballots(), codes, permanent.same)
    lines = [
        (f"{permanent.label(a)} and {permanent.label(b)}", (a, b), per_year)
        for (a, b), per_year in per_pair.items()
    ]
    years = sorted({year for _, _, per_year in lines for year in per_year})
    return {"permanent": permanent, "lines": lines, "years": years}


@require_safe
def alignment(request: HttpRequest) -> HttpResponse:
    data = alignment_data()
    permanent = data["permanent"]
    # What the record leaves out, and its first and latest days (one query).
    sums = kept_sums({})
    left = {kind: votes for kind, votes, _, _ in sums}
    span = span_of(sums)
    chart = None
    if data["years"] and span["first"]:
        breaks = [
            (
                day.year + (day.timetuple().tm_yday - 1) / 365,
                f"{permanent.names[old][0]} → {permanent.names[new][0]}, {day_label(day)}",
            )
            for old, new in permanent.same.items()
            for day in [permanent.taken[new]]
        ]
        chart = charts.chart_spec(
            charts.alignment_chart(
                [
                    (name, per_year, bool(set(key) & set(permanent.same.values())))
                    for name, key, per_year in data["lines"]
                ],
                (span["first"].year, span["last"].year),
                breaks[0] if breaks else None,
            )
        )
    rows = figure_rows(
        (year, [(name, share_cell(per_year.get(year))) for name, _, per_year in data["lines"]])
        for year in data["years"]
    )
    successions = [
        (
            permanent.names[old][1],
            permanent.names[new][1],
            permanent.taken[new],
            permanent.label(new),
        )
        for old, new in permanent.same.items()
    ]
    return render(
        request,
        "resolutions/alignment.html",
        {
            **data,
            "chart": chart,
            "rows": rows,
            "successions": successions,
            "span": span,
            "left_out": left,
        },
    )


@require_safe
def alignment_csv(request: HttpRequest) -> HttpResponse:
    data = alignment_data()
    permanent = data["permanent"]

    def rows():
        for _, (a, b), per_year in data["lines"]:
            for year, count in per_year.items():
                yield [
                    year,
                    permanent.code_in(a, year),
                    permanent.code_in(b, year),
                    count.votes,
                    count.agree,
                    share_text(count.share),
                ]

    return exports.csv_response("alignment.csv", ALIGNMENT_COLUMNS, rows())
