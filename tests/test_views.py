"""The public pages: they render with the bundled data, filters combine and stay
in the URL, bad input is a 404 or a form error (never a 500), and every page runs
a fixed number of queries whatever the size of the record."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re

import pytest
from conftest import response_text
from django.urls import URLPattern, resolve
from factories import council, many_votes, member, resolution

from resolutions import urls as site_urls
from resolutions.models import Resolution, Vote
from resolutions.rules import Outcome, Position

REFERENCE_SLUG = "s-2017-315"

# One example URL per URL pattern of the public site (the smoke test checks that
# none is missing).
EXAMPLES = {
    "home": "/",
    "resolution_list": "/resolutions/",
    "resolution_list_csv": "/resolutions.csv",
    "resolution_list_json": "/resolutions.json",
    "resolution_detail": f"/resolutions/{REFERENCE_SLUG}/",
    "resolution_votes_csv": f"/resolutions/{REFERENCE_SLUG}/votes.csv",
    "member_list": "/members/",
    "member_list_csv": "/members.csv",
    "member_detail": "/members/rus/",
    "member_votes_csv": "/members/rus/votes.csv",
    "all_votes_csv": "/export/votes.csv",
    "topic_list": "/topics/",
    "topic_list_csv": "/topics.csv",
    "topic_detail": "/topics/middle-east-syria/",
    "feed_topic": "/feeds/topics/middle-east-syria.atom",
    "compare": "/compare/?a=USA&b=RUS",
    "compare_csv": "/compare.csv?a=USA&b=RUS",
    "agreement": "/agreement/",
    "agreement_csv": "/agreement.csv?year=2017",
    "alignment": "/alignment/",
    "alignment_csv": "/alignment.csv",
    "feed_votes": "/feeds/votes.atom",
    "feed_member": "/feeds/members/rus.atom",
    "about": "/about/",
    "methodology": "/methodology/",
    "glossary": "/glossary/",
    "search": "/search/?q=china",
    "report_vote": f"/resolutions/{REFERENCE_SLUG}/report/",
    "report_vote_sent": f"/resolutions/{REFERENCE_SLUG}/report/sent/",
    "report_member": "/members/rus/report/",
    "report_member_sent": "/members/rus/report/sent/",
}


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def slugs_linked(html: str) -> list[str]:
    """Vote pages linked from the table rows of a page."""
    tbody = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'href="/resolutions/([a-z0-9-]+)/"', tbody)


def test_every_url_pattern_has_an_example():
    names = {p.name for p in site_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(EXAMPLES)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_smoke_every_page_renders_with_the_bundled_data(client, name):
    response = client.get(EXAMPLES[name])
    assert response.status_code == 200, name
    text = body(response)
    if response["Content-Type"].startswith("text/html"):
        assert "<title>" in text and "</html>" in text
        # (A form's random CSRF token may hold the letters "cdn": not an address.)
        addresses = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
        assert "cdn" not in addresses.lower()


@pytest.mark.django_db
def test_home_says_what_the_site_holds_and_charts_vetoes(client):
    response = client.get("/")
    text = body(response)
    votes = Resolution.objects.count()
    vetoed = Resolution.objects.filter(outcome=Outcome.VETOED).count()
    assert f"<strong>{votes}</strong> votes on record" in text
    assert f"<strong>{vetoed}</strong> drafts vetoed" in text
    assert 'id="chart-vetoes"' in text and 'id="chart-vetoes-data"' in text
    first, last = (
        Resolution.objects.order_by("date")[0].date,
        Resolution.objects.latest("date").date,
    )
    assert f"{first.year}–{last.year}" in text
    # The latest votes come first.
    assert slugs_linked(text)[0] == Resolution.objects.order_by("-date")[0].slug


@pytest.mark.django_db
def test_home_vetoes_per_year_counted_by_the_database_equal_those_of_every_veto(client):
    from django.db.models.functions import ExtractYear

    from resolutions import stats

    vaa, vab, vac = council("V", permanent=2, elected=1)
    resolution(  # two vetoes of one draft: one draft, a veto each
        on=dt.date(2987, 1, 1),
        draft_symbol="S/2987/1",
        positions={Position.VETO: [vaa, vab], Position.FOR: [vac]},
        outcome=Outcome.VETOED,
    )
    resolution(  # a "veto" on a draft recorded as adopted: no veto cast
        on=dt.date(2987, 2, 1),
        draft_symbol="S/2987/2",
        positions={Position.VETO: [vab], Position.FOR: [vaa, vac]},
        outcome=Outcome.ADOPTED,
    )
    response = client.get("/")
    shown = response.context["vetoes"]
    every = stats.vetoes_per_year(
        Vote.objects.vetoes().values_list(
            ExtractYear("resolution__date"), "member_id", "member__short_name", "resolution_id"
        )
    )
    assert (shown.years, shown.members, shown.drafts) == (every.years, every.members, every.drafts)
    assert shown.by_member == every.by_member
    assert shown.drafts[2987] == 1
    assert shown.by_member[vaa.code] == {2987: 1} and shown.by_member[vab.code] == {2987: 1}


@pytest.mark.django_db
def test_home_figures_say_how_many_need_review_or_had_no_vote(client):
    resolution(
        on=dt.date(2986, 1, 1),
        draft_symbol="S/2986/1",
        positions={},
        outcome=Outcome.ADOPTED,
        adopted_without_vote=True,
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    text = " ".join(body(client.get("/")).split())
    votes = Resolution.objects.count()
    without_vote = Resolution.objects.filter(adopted_without_vote=True).count()
    review = Resolution.objects.needing_review().count()
    assert without_vote >= 1 and review >= 1
    assert (
        f"<strong>{votes}</strong> votes on record, of which {without_vote} adopted without a vote"
        in text
    )
    assert (
        f'<a href="/resolutions/?review_status=needs_review"><strong>{review}</strong>'
        f" record{'s' if review != 1 else ''} needing review</a>" in text
    )


@pytest.mark.django_db
def test_a_veto_recorded_on_an_adopted_draft_is_not_charted_as_a_draft_vetoed(client):
    usa = member("QVA", permanent=True)
    record = resolution(
        on=dt.date(2993, 1, 1),
        draft_symbol="S/2993/1",
        positions={Position.VETO: [usa]},
        outcome=Outcome.ADOPTED,
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    home = body(client.get("/"))
    assert '<th scope="row">2993</th>' not in home
    # The member's page still lists the contradictory record, marked.
    vetoes = body(client.get("/members/qva/")).split("<h2>Vetoes cast</h2>", 1)[1]
    item = vetoes.split("</li>", 1)[0]
    assert record.get_absolute_url() in item
    assert "(recorded as adopted)" in item and "Needs review" in item


@pytest.mark.django_db
def test_plotly_js_is_served_by_the_site(client):
    page = body(client.get(f"/resolutions/{REFERENCE_SLUG}/"))
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/vendor/plotly-cartesian.min.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    response = client.get("/static/vendor/plotly-cartesian.min.js")
    assert response.status_code == 200
    assert b"plotly" in b"".join(response.streaming_content)[:2000].lower()


@pytest.mark.django_db
def test_vote_page_explains_and_breaks_down_the_reference_case(client):
    text = body(client.get(f"/resolutions/{REFERENCE_SLUG}/"))
    assert "<title>S/2017/315: vetoed, 12 Apr 2017" in text
    assert "the Russian Federation, a permanent member, voted against" in text
    assert "S/PV.7922" in text and "The situation in the Middle East" in text
    veto_group = text.split('data-position="veto"', 1)[1].split("data-position=", 1)[0]
    assert "Russian Federation" in veto_group
    abstain_group = text.split('data-position="abstain"', 1)[1]
    for name in ("China", "Ethiopia", "Kazakhstan"):
        assert name in abstain_group
    assert "How the 15 members voted" in text
    assert "https://undocs.org/en/S/PV.7922" in text


@pytest.mark.django_db
def test_an_adopted_resolution_is_found_by_its_resolution_slug(client):
    adopted = Resolution.objects.filter(resolution_number__isnull=False).first()
    expected = re.sub(r"[^a-z0-9]+", "-", adopted.resolution_symbol.lower()).strip("-")
    assert adopted.get_absolute_url() == f"/resolutions/{expected}/"
    assert client.get(f"/resolutions/{expected}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/resolutions/no-such-vote/",
        "/resolutions/no-such-vote/votes.csv",
        "/members/zzz/",
        "/members/zzz/votes.csv",
        "/members/%E2%98%83/",
    ],
)
def test_unknown_slug_or_member_is_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_member_code_is_case_insensitive(client):
    lower, upper = client.get("/members/rus/"), client.get("/members/RUS/")
    assert lower.status_code == upper.status_code == 200
    assert "<title>Russian Federation: votes in the Security Council" in body(lower)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field",
    [
        ("year=abc", "year"),
        ("outcome=maybe", "outcome"),
        ("date_after=2017-13-45", "date"),
        ("member=XXX", "member"),
        ("position=yes", "position"),
        ("procedural=perhaps", "procedural"),
    ],
)
def test_an_invalid_filter_is_a_form_error_and_the_page_still_works(client, query, field):
    response = client.get(f"/resolutions/?{query}")
    assert response.status_code == 200
    assert field in response.context["filter"].form.errors
    text = body(response)
    assert 'class="errorlist' in text
    assert slugs_linked(text) == []  # nothing shown rather than unfiltered rows
    export = client.get(f"/resolutions.csv?{query}")
    assert export.status_code == 400
    assert field in body(export)


# Characters that read as digits without being ASCII ones: "²" passes
# str.isdigit() but int() refuses it, "٣" is an Arabic-Indic three, "½" is
# numeric. None may break a page; in a search they are text like any other.
NON_ASCII_DIGITS = ["²", "٣", "½"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=9999",
        "per_page=-5",
        "sort=nonsense",
        *(f"page={digit}" for digit in NON_ASCII_DIGITS),
        *(f"per_page={digit}" for digit in NON_ASCII_DIGITS),
    ],
)
def test_odd_table_parameters_do_not_break_the_list(client, query):
    response = client.get(f"/resolutions/?{query}")
    assert response.status_code == 200
    assert slugs_linked(body(response))


# Every page and export that takes search text (`q`).
SEARCHABLE = [
    "/resolutions/",
    "/resolutions.csv",
    "/resolutions.json",
    "/members/qoa/",
    "/members/QOA/votes.csv",
]


@pytest.mark.django_db
@pytest.mark.parametrize("text", [*NON_ASCII_DIGITS, "S/RES/٣", "99999999999999999999999"])
@pytest.mark.parametrize("url", SEARCHABLE)
def test_search_text_of_odd_digits_is_searched_as_text(client, url, text):
    voter = member("QOA", permanent=True)
    found = resolution(
        on=dt.date(2992, 1, 1),
        draft_symbol="S/2992/1",
        title=f"Paragraph {text} of the annex",
        positions={Position.FOR: [voter]},
        outcome=Outcome.FAILED,
    )
    other = resolution(
        on=dt.date(2992, 1, 2),
        draft_symbol="S/2992/2",
        title="Another draft",
        positions={Position.FOR: [voter]},
        outcome=Outcome.FAILED,
    )
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    text_shown = body(response)
    assert found.draft_symbol in text_shown
    assert other.draft_symbol not in text_shown


@pytest.mark.django_db
@pytest.mark.parametrize("digit", NON_ASCII_DIGITS)
@pytest.mark.parametrize("url", ["/resolutions/", "/members/rus/"])
def test_a_year_of_odd_digits_is_a_form_error(client, url, digit):
    response = client.get(url, {"year": digit})
    assert response.status_code == 200
    assert "year" in response.context["filter"].form.errors
    export = "/resolutions.csv" if url == "/resolutions/" else "/members/rus/votes.csv"
    assert client.get(export, {"year": digit}).status_code == 400


# The admin takes numbers from its URL and forms too (resolutions/admin/).


@pytest.mark.django_db
@pytest.mark.parametrize("decade", [*NON_ASCII_DIGITS, "0", "99999"])
def test_admin_list_with_an_odd_decade_is_not_an_error(admin_client, decade):
    response = admin_client.get("/admin/resolutions/resolution/", {"decade": decade})
    assert response.status_code in (200, 302)  # the admin drops a value it does not offer


@pytest.mark.django_db
@pytest.mark.parametrize("pk", NON_ASCII_DIGITS)
def test_admin_attach_article_to_an_odd_record_id_is_not_an_error(admin_client, pk):
    response = admin_client.post(
        "/admin/resolutions/resolution/add-from-article/", {"attach": pk, "article": "gone"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/resolutions/resolution/add-from-article/"


@pytest.mark.django_db
def test_member_record_with_an_invalid_filter_still_renders(client):
    response = client.get("/members/rus/?year=nineteen&position=maybe")
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == {"year", "position"}
    assert client.get("/members/rus/votes.csv?year=nineteen").status_code == 400


def expected_slugs(**vote_filter) -> set[str]:
    return set(Vote.objects.filter(**vote_filter).values_list("resolution__slug", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, position", [("CHN", Position.ABSTAIN), ("USA", Position.VETO), ("RUS", Position.VETO)]
)
def test_member_and_position_filter_together(client, code, position):
    expected = expected_slugs(member_id=code, position=position)
    assert expected  # the bundled data has such votes
    response = client.get(f"/resolutions/?member={code.lower()}&position={position}")
    text = body(response)
    assert set(slugs_linked(text)) == expected
    # The form shows the filter applied (the code typed in lower case is selected).
    assert f'<option value="{code}" selected>' in text


@pytest.mark.django_db
def test_filters_combine_and_the_export_holds_exactly_the_filtered_rows(client):
    query = "member=RUS&position=veto&date_after=2012-01-01&outcome=vetoed"
    expected = {
        slug
        for slug in expected_slugs(member_id="RUS", position=Position.VETO)
        if Resolution.objects.get(slug=slug).date.year >= 2012
    }
    table = slugs_linked(body(client.get(f"/resolutions/?{query}&sort=date")))
    assert set(table) == expected and len(table) == len(expected)
    rows = body(client.get(f"/resolutions.csv?{query}")).splitlines()[1:]
    exported = {
        re.sub(r"[^a-z0-9]+", "-", (row.split(",")[0] or row.split(",")[1]).lower()).strip("-")
        for row in rows
    }
    assert exported == expected
    data = json.loads(body(client.get(f"/resolutions.json?{query}")))
    assert len(data["results"]) == len(expected)
    assert all("RUS" in row["vetoed_by"] for row in data["results"])


@pytest.mark.django_db
def test_text_search_finds_titles_agenda_items_and_symbols(client):
    assert REFERENCE_SLUG in slugs_linked(body(client.get("/resolutions/?q=Khan+Shaykhun")))
    assert slugs_linked(body(client.get("/resolutions/?q=S/2017/315"))) == [REFERENCE_SLUG]
    adopted = Resolution.objects.filter(resolution_number__isnull=False).first()
    found = slugs_linked(body(client.get(f"/resolutions/?q=S/RES/{adopted.resolution_number}")))
    assert adopted.slug in found


@pytest.mark.django_db
def test_procedural_and_year_filters(client):
    procedural = set(Resolution.objects.filter(procedural=True).values_list("slug", flat=True))
    shown = set(slugs_linked(body(client.get("/resolutions/?procedural=yes"))))
    assert shown == procedural
    in_2017 = set(Resolution.objects.filter(date__year=2017).values_list("slug", flat=True))
    assert set(slugs_linked(body(client.get("/resolutions/?year=2017")))) == in_2017


@pytest.mark.django_db
def test_the_list_sorts_and_pages_fifty_at_a_time(client):
    members = council("P")
    many_votes(120, members)
    first_page = slugs_linked(body(client.get("/resolutions/")))
    assert len(first_page) == 50
    oldest = Resolution.objects.order_by("date", "pk")[0]
    assert slugs_linked(body(client.get("/resolutions/?sort=date")))[0] == oldest.slug
    total = Resolution.objects.count()
    last = (total - 1) // 50 + 1
    last_page = slugs_linked(body(client.get(f"/resolutions/?page={last}")))
    assert len(last_page) == total - 50 * (last - 1)
    everything = {
        slug
        for page in range(1, last + 1)
        for slug in slugs_linked(body(client.get(f"/resolutions/?page={page}&sort=-date")))
    }
    assert len(everything) == total


def row_of(html: str, slug: str) -> str:
    """The table row linking to a vote page."""
    match = re.search(
        rf'<tr[^>]*>(?:(?!</tr>).)*href="/resolutions/{slug}/"(?:(?!</tr>).)*</tr>', html, re.S
    )
    assert match, f"no row for {slug}"
    return match.group(0)


@pytest.mark.django_db
def test_a_tally_only_record_says_individual_votes_are_not_recorded(client):
    russia = member("QTA", permanent=True)
    member("QTB")
    record = resolution(
        on=dt.date(2996, 1, 1),
        draft_symbol="S/2996/1",
        positions={Position.VETO: [russia]},
        outcome=Outcome.VETOED,
        votes_recorded=False,
    )
    Resolution.objects.filter(pk=record.pk).update(votes_for=9, votes_against=1, votes_abstain=0)
    page = body(client.get(record.get_absolute_url()))
    assert "Individual votes not recorded." in page
    veto_group = page.split('data-position="veto"', 1)[1].split("data-position=", 1)[0]
    assert "QTA" in veto_group
    assert 'data-position="not_recorded"' in page and "QTB" in page
    row = row_of(body(client.get("/resolutions/?q=S/2996/1")), record.slug)
    assert "9-1-0" in row and "individual votes not recorded" in row
    # A record with every vote is not marked so.
    full = row_of(body(client.get("/resolutions/?q=S/2017/315")), REFERENCE_SLUG)
    assert "not recorded" not in full


@pytest.mark.django_db
def test_a_member_s_tally_only_votes_show_as_not_on_record_not_as_vetoes_alone(client):
    """Two tally-only votes while QTC sat: at one it vetoed (known), at the other its
    position is unknown. Its page counts one veto and one vote not on record, in
    the totals, the year's row and the chart; a vote after its term is not its."""
    permanent = member("QTC", permanent=True, start=dt.date(2997, 1, 1))
    permanent.terms.update(end=dt.date(2997, 12, 31))
    for number, positions in ((1, {Position.VETO: [permanent]}), (2, {})):
        resolution(
            on=dt.date(2997, 3, number),
            draft_symbol=f"S/2997/{number}",
            positions=positions,
            outcome=Outcome.VETOED if positions else Outcome.ADOPTED,
            votes_recorded=False,
        )
    resolution(on=dt.date(2998, 3, 1), draft_symbol="S/2998/1", positions={}, votes_recorded=False)
    page = body(client.get("/members/qtc/"))
    assert re.search(r"Not on record</span> 1 \(", page)
    row = re.search(r"<tr><th scope=\"row\">2997</th>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td[^>]*>(\d+)<", row) == ["0", "0", "1", "0", "0", "1", "0"]
    assert '<th scope="row">2998</th>' not in page
    chart = json.loads(re.search(r'id="chart-positions-data"[^>]*>(.*?)</script>', page, re.S)[1])
    band = next(t for t in chart["data"] if t["name"] == "Position not on record")
    assert band["x"] == [2997] and band["y"] == [1]
    api = client.get("/api/members/qtc/").json()["per_year"]
    assert [(y["year"], y["veto"], y["not_recorded"]) for y in api] == [(2997, 1, 1)]


@pytest.mark.django_db
def test_a_text_adopted_without_a_vote_shows_no_vote_breakdown(client):
    member("QWA", permanent=True)
    record = resolution(
        on=dt.date(2995, 1, 1),
        resolution_number=99995,
        positions={},
        outcome=Outcome.ADOPTED,
        adopted_without_vote=True,
    )
    Resolution.objects.filter(pk=record.pk).update(
        votes_for=None, votes_against=None, votes_abstain=None
    )
    page = body(client.get(record.get_absolute_url()))
    assert '<h2 id="vote">Adopted without a vote</h2>' in page
    assert "How the" not in page and 'id="chart-vote"' not in page
    assert "plotly-cartesian.min.js" not in page  # no chart, so no chart library
    assert "QWA" in page  # the members seated that day are still listed
    row = row_of(body(client.get("/resolutions/?q=S/RES/99995")), record.slug)
    assert "adopted without a vote" in row


@pytest.mark.django_db
def test_needs_review_is_marked_on_every_list_and_explained_on_the_vote_page(client):
    flagged_member = member("QRA", permanent=True)
    reasons = [f"reason number {n}" for n in range(1, 8)]
    record = resolution(
        on=dt.date(2997, 1, 1),
        draft_symbol="S/2997/1",
        positions={Position.FOR: [flagged_member]},
        outcome=Outcome.FAILED,
        review_status=Resolution.Review.NEEDS_REVIEW,
        review_reasons="\n".join(reasons),
    )
    page = body(client.get(record.get_absolute_url()))
    review = page.split('id="review"', 1)[1].split("</div>", 1)[0]
    assert "Needs review." in review and "<details>" in review  # many reasons: folded
    assert all(reason in review for reason in reasons)
    for url in ("/", "/resolutions/?q=S/2997/1", "/members/qra/"):
        row = row_of(body(client.get(url)), record.slug)
        assert f'href="{record.get_absolute_url()}#review"' in row and "Needs review" in row, url
    member_page = body(client.get("/members/qra/"))
    assert "1 of these votes belong to records marked" in member_page
    year_row = re.search(r'<th scope="row">2997</th>.*?</tr>', member_page).group(0)
    assert re.search(r"<td[^>]*>1</td></tr>$", year_row)


@pytest.mark.django_db
def test_a_vote_without_symbol_or_title_reads_by_meeting_and_agenda_item(client):
    a = member("QSA", permanent=True)
    record = resolution(
        on=dt.date(2994, 1, 1),
        positions={Position.FOR: [a]},
        outcome=Outcome.FAILED,
        title="",
        agenda_item="The situation in Xanadu",
        meeting="S/PV.99994",
    )
    row = row_of(body(client.get("/resolutions/?q=Xanadu")), record.slug)
    assert "Vote at S/PV.99994" in row and "The situation in Xanadu" in row
    page = body(client.get(record.get_absolute_url()))
    assert "<title>Vote at S/PV.99994: failed" in page
    assert "<h1>Vote at S/PV.99994: The situation in Xanadu</h1>" in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/resolutions/S-2017-315/", "/resolutions/S-2017-315/votes.csv"])
def test_a_slug_typed_in_capitals_is_redirected(client, path):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == path.lower()


@pytest.mark.django_db
def test_user_text_is_escaped(client):
    a, b = member("QXA", permanent=True), member("QXB")
    evil = resolution(
        on=dt.date(2999, 1, 1),
        draft_symbol="S/2999/1",
        title='<script>alert("x")</script>',
        positions={Position.FOR: [a, b]},
        outcome=Outcome.FAILED,
    )
    for url in (evil.get_absolute_url(), "/resolutions/", "/"):
        text = body(client.get(url))
        assert '<script>alert("x")</script>' not in text


@pytest.mark.django_db
def test_members_page_lists_council_members_with_counts(client):
    text = body(client.get("/members/"))
    assert "<title>Members of the Security Council since 1946" in text
    rus = re.search(r'<tr[^>]*>\s*<td[^>]*><a href="/members/rus/">.*?</tr>', text, re.S).group(0)
    vetoes = Vote.objects.filter(
        member_id="RUS", position=Position.VETO, resolution__outcome=Outcome.VETOED
    ).count()
    assert f">{vetoes}</td>" in rus
    assert "1991–present (permanent)" in rus


def member_row(html: str, code: str) -> list[str]:
    """The cells of a member's row on /members/."""
    row = re.search(rf'<tr[^>]*>\s*<td[^>]*><a href="/members/{code}/">.*?</tr>', html, re.S).group(
        0
    )
    return re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)


@pytest.mark.django_db
def test_member_shares_count_only_records_with_every_vote_recorded(client):
    """Of a tally-only record only the vetoes are stored: counting them as votes cast
    would make the member look as if it mostly voted against."""
    vetoer = member("QWA", "Tallyland", permanent=True)
    voter = member("QWB", "Votingland", permanent=True)
    others = [member(f"QW{letter}") for letter in "CDEFGHIJK"]
    for day in (1, 2):  # 9-1-0, vetoed by QWA; only the tally and the veto on record
        resolution(
            on=dt.date(2987, 1, day),
            draft_symbol=f"S/2987/{day}",
            positions={Position.VETO: [vetoer]},
            outcome=Outcome.VETOED,
            votes_recorded=False,
        )
    resolution(  # every vote on record: QWB votes for, QWA is absent from it
        on=dt.date(2987, 2, 1),
        draft_symbol="S/2987/3",
        positions={Position.FOR: [voter, *others[:8]], Position.ABSTAIN: others[8:]},
        outcome=Outcome.ADOPTED,
    )
    resolution(  # tally-only, QWB's veto recorded
        on=dt.date(2987, 3, 1),
        draft_symbol="S/2987/4",
        positions={Position.VETO: [voter]},
        outcome=Outcome.VETOED,
        votes_recorded=False,
    )

    page = body(client.get("/members/"))
    # Votes cast, for, against, abstain, did not vote, vetoes cast.
    assert member_row(page, "qwa")[3:] == ["0", "—", "—", "—", "0", "2"]
    assert member_row(page, "qwb")[3:] == ["1", "100%", "0%", "0%", "0", "1"]
    assert "only records whose individual votes are all on record" in page

    rows = {row["member_code"]: row for row in csv_rows(client.get("/members.csv"))}
    assert (rows["QWA"]["votes_cast"], rows["QWA"]["veto"]) == ("0", "2")
    assert (rows["QWB"]["votes_cast"], rows["QWB"]["for"], rows["QWB"]["veto"]) == ("1", "1", "1")


def home_vetoes_of(html: str, name: str) -> int:
    """A member's vetoes cast on the home page: its column of the table of drafts
    vetoed per year, summed."""
    table = html.split("<caption>Drafts vetoed per year, by permanent member</caption>", 1)[1]
    table = table.split("</table>", 1)[0]
    header = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table.split("</thead>", 1)[0])
    column = header.index(name) - 1  # the first header is the year's
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return sum(int(re.findall(r'<td class="num"[^>]*>(\d+)</td>', row)[column]) for row in rows)


@pytest.mark.django_db
def test_every_page_counts_the_same_vetoes(client):
    """A "veto" on a draft recorded as failed (flagged) is not a veto cast: the home
    page, the members list, its CSV and the member's page all count 2 here."""
    vetoer = member("QVB", "Vetoland", permanent=True)
    others = [member(f"QV{letter}") for letter in "CDEFGHIJK"]
    for day in (1, 2):  # two drafts recorded as vetoed: 9-1-0, vetoed by QVB
        resolution(
            on=dt.date(2988, 1, day),
            draft_symbol=f"S/2988/{day}",
            positions={Position.FOR: others, Position.VETO: [vetoer]},
            outcome=Outcome.VETOED,
        )
    flagged = resolution(  # 1-1-0: short of the votes, so no veto, whatever the source said
        on=dt.date(2989, 1, 1),
        draft_symbol="S/2989/1",
        positions={Position.FOR: others[:1], Position.VETO: [vetoer]},
        outcome=Outcome.FAILED,
        review_status=Resolution.Review.NEEDS_REVIEW,
        review_reasons="A veto on a draft short of the votes it needed",
    )
    vetoes_cast = 2

    assert home_vetoes_of(body(client.get("/")), "Vetoland") == vetoes_cast

    members = body(client.get("/members/"))
    row = re.search(r'<tr[^>]*>\s*<td[^>]*><a href="/members/qvb/">.*?</tr>', members, re.S)
    # The last column, "Vetoes cast".
    assert re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row.group(0))[-1] == str(vetoes_cast)

    rows = csv.DictReader(io.StringIO(body(client.get("/members.csv"))))
    csv_row = next(row for row in rows if row["member_code"] == "QVB")
    assert int(csv_row["veto"]) == vetoes_cast
    # The flagged vote is not lost: a negative vote, counted as against.
    assert int(csv_row["against"]) == 1
    assert int(csv_row["votes_cast"]) == 3

    page = body(client.get("/members/qvb/"))
    assert f'<span class="badge pos-veto">Veto</span> {vetoes_cast}' in page
    assert f"<strong>{vetoes_cast}</strong> vetoes cast" in page
    section = page.split("<h2>Vetoes cast</h2>", 1)[1].split("<h2", 1)[0]
    cast, not_cast = section.split('<ul class="contradicted-vetoes">', 1)
    assert cast.count("<li>") == vetoes_cast and flagged.get_absolute_url() not in cast
    # The contradictory record is still listed, apart and marked.
    assert flagged.get_absolute_url() in not_cast and "(recorded as failed" in not_cast
    assert "Needs review" in not_cast
    year_row = re.search(r'<th scope="row">2989</th>.*?</tr>', page).group(0)
    cells = [int(n) for n in re.findall(r"<td[^>]*>(\d+)</td>", year_row)]
    assert cells == [0, 1, 0, 0, 0, 0, 1]  # ... did not vote, not on record; flagged


def csv_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(response))))


@pytest.mark.django_db
def test_filters_and_exports_count_a_contradicted_veto_as_a_vote_against(client):
    """A "veto" on a draft recorded as failed (flagged) is found by position=against,
    not position=veto, and is not listed as vetoing it: as every page counts it."""
    vetoer = member("QVB", "Vetoland", permanent=True)
    others = [member(f"QV{letter}") for letter in "CDEFGHIJK"]
    vetoed = resolution(
        on=dt.date(2988, 1, 1),
        draft_symbol="S/2988/1",
        positions={Position.FOR: others, Position.VETO: [vetoer]},
        outcome=Outcome.VETOED,
    )
    flagged = resolution(
        on=dt.date(2989, 1, 1),
        draft_symbol="S/2989/1",
        positions={Position.FOR: others[:1], Position.VETO: [vetoer]},
        outcome=Outcome.FAILED,
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    against = resolution(
        on=dt.date(2989, 1, 2),
        draft_symbol="S/2989/2",
        positions={Position.FOR: others, Position.AGAINST: [vetoer]},
        outcome=Outcome.ADOPTED,
    )

    def symbols(url: str) -> set[str]:
        return {row["draft_symbol"] for row in csv_rows(client.get(url))}

    assert symbols("/resolutions.csv?member=qvb&position=veto") == {"S/2988/1"}
    assert symbols("/resolutions.csv?member=qvb&position=against") == {"S/2989/1", "S/2989/2"}
    assert symbols("/members/qvb/votes.csv?position=veto") == {"S/2988/1"}
    assert symbols("/members/qvb/votes.csv?position=against") == {"S/2989/1", "S/2989/2"}
    listed = body(client.get("/resolutions/?member=qvb&position=veto"))
    assert set(slugs_linked(listed)) == {vetoed.slug}
    page = client.get("/members/qvb/?position=against")
    assert page.context["table"].paginator.count == 2

    # vetoed_by lists vetoes cast only, in the exports and in the list.
    rows = {row["draft_symbol"]: row for row in csv_rows(client.get("/resolutions.csv"))}
    assert rows["S/2988/1"]["vetoed_by"] == "QVB"
    assert rows["S/2989/1"]["vetoed_by"] == ""
    records = {
        r["draft_symbol"]: r for r in json.loads(body(client.get("/resolutions.json")))["results"]
    }
    assert records["S/2989/1"]["vetoed_by"] == []
    listed = body(client.get("/resolutions/?q=S/298"))
    assert 'href="/members/qvb/"' not in row_of(listed, flagged.slug)
    assert 'href="/members/qvb/"' not in row_of(listed, against.slug)
    assert 'href="/members/qvb/"' in row_of(listed, vetoed.slug)


@pytest.mark.django_db
def test_member_page_lists_terms_vetoes_and_the_record(client):
    response = client.get("/members/rus/")
    text = body(response)
    assert "1991–present (permanent)" in text
    assert "Union of Soviet Socialist Republics" in text  # its predecessor, linked
    vetoed = Resolution.objects.filter(votes__member_id="RUS", votes__position=Position.VETO)
    vetoes_section = text.split("<h2>Vetoes cast</h2>", 1)[1].split("<h2", 1)[0]
    for record in vetoed:
        assert record.get_absolute_url() in vetoes_section
    assert response.context["table"].paginator.count == Vote.objects.filter(member_id="RUS").count()
    filtered = client.get("/members/rus/?position=veto")
    assert filtered.context["table"].paginator.count == vetoed.count()


# Query counts ---------------------------------------------------------------------

# (URL pattern, URL, queries): every page and download, filtered and not. A cached
# page (resolutions/pagecache.py) counts one query more, the record's version read
# first; its next answer, from the cache, that one alone (below).
PINNED = [
    ("home", "/", 5),
    ("resolution_list", "/resolutions/", 5),
    ("resolution_list", "/resolutions/?member=QAA&position=veto&year=2091&sort=-tally", 6),
    # The exports' votes, their vetoes, topics and sponsors (two reads more); streamed.
    # The whole record's exports read the record's version first: they are built once
    # per change, then answered from a file (tests/test_export_files.py).
    ("resolution_list_csv", "/resolutions.csv", 5),
    ("resolution_list_csv", "/resolutions.csv?member=QAA&position=veto", 5),
    ("resolution_list_json", "/resolutions.json", 5),
    # Its history: the record's, its votes' and its sources' versions (3 queries).
    # Its topics (one query).
    ("resolution_detail", "/resolutions/s-2091-1/", 9),
    ("resolution_votes_csv", "/resolutions/s-2091-1/votes.csv", 3),
    ("member_list", "/members/", 3),
    ("member_list_csv", "/members.csv", 3),
    ("member_detail", "/members/qaa/", 10),  # its votes counted from its kept figures
    ("member_detail", "/members/qaa/?position=veto&year=2091&page=2", 11),
    ("member_votes_csv", "/members/qaa/votes.csv", 3),
    ("all_votes_csv", "/export/votes.csv", 2),
    # The topic's per-year counts, its vetoed drafts and their vetoes, the table's
    # count, rows and vetoes.
    ("topic_list", "/topics/", 2),
    ("topic_list_csv", "/topics.csv", 2),
    ("topic_detail", "/topics/made-up-question/", 8),
    ("topic_detail", "/topics/made-up-question/?sort=-tally&page=2", 8),
    ("compare", "/compare/?a=QAA&b=QAB", 5),
    ("compare_csv", "/compare.csv?a=QAA&b=QAB", 3),
    ("agreement", "/agreement/?year=2091", 6),
    ("agreement_csv", "/agreement.csv?year=2091&members=QAA,QAB", 4),
    ("alignment", "/alignment/", 4),
    ("alignment_csv", "/alignment.csv", 3),
    ("feed_votes", "/feeds/votes.atom?member=QAA&position=veto", 5),
    ("feed_member", "/feeds/members/qaa.atom", 4),
    ("feed_topic", "/feeds/topics/made-up-question.atom", 4),
    ("about", "/about/", 0),
    ("methodology", "/methodology/", 0),
    ("glossary", "/glossary/", 2),
    ("search", "/search/?q=2091", 5),
    # Words: the members' spellings read, and the topics they name.
    ("search", "/search/?q=made-up+question", 7),
    ("report_vote", "/resolutions/s-2091-1/report/", 1),
    ("report_vote_sent", "/resolutions/s-2091-1/report/sent/", 1),
    ("report_member", "/members/qaa/report/", 1),
    ("report_member_sent", "/members/qaa/report/sent/", 1),
]
QUERIES = {url: count for _, url, count in PINNED}


def test_every_url_pattern_has_a_pinned_query_count():
    assert {name for name, _, _ in PINNED} == set(EXAMPLES)
    for name, url, _ in PINNED:
        assert resolve(url.split("?")[0]).url_name == name


@pytest.fixture
def hundreds_of_votes(db):
    members = council("Q")
    many_votes(300, members, topic="Made-up question")
    assert Resolution.objects.count() >= 300
    return members


@pytest.mark.parametrize("url", list(QUERIES))
def test_each_page_runs_a_fixed_number_of_queries(
    client, hundreds_of_votes, django_assert_num_queries, url
):
    with django_assert_num_queries(QUERIES[url]):
        response = client.get(url)
        body(response)
    assert response.status_code == 200
    cached = getattr(resolve(url.split("?")[0]).func, "page_cached", False)
    assert QUERIES[url] - cached <= 10  # the view's own, besides the version read
    if cached:
        with django_assert_num_queries(1):
            again = client.get(url)
        token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
        assert token.sub("", body(again)) == token.sub("", body(response))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/", "/resolutions/", "/members/", "/members/qaa/", "/topics/made-up-question/"]
)
def test_query_count_does_not_grow_with_the_record(client, django_assert_num_queries, url):
    members = council("Q")
    many_votes(3, members, topic="Made-up question")
    with django_assert_num_queries(QUERIES[url]):
        body(client.get(url))


@pytest.mark.django_db
def test_one_date_format_in_pages_and_iso_in_forms(client, admin_client):
    """'12 Apr 2017' on the vote page, in the lists and on member pages; ISO in the
    admin's date field, as in the CSVs. (The suggested citation spells the month out,
    as citations do.)"""
    for url in (f"/resolutions/{REFERENCE_SLUG}/", "/resolutions/?q=S/2017/315", "/members/rus/"):
        page = re.sub(r'<blockquote class="citation">.*?</blockquote>', "", body(client.get(url)))
        assert "12 Apr 2017" in page, url
        assert "12 April 2017" not in page and ">2017-04-12<" not in page, url
    record = Resolution.objects.get(slug=REFERENCE_SLUG)
    form = body(admin_client.get(f"/admin/resolutions/resolution/{record.pk}/change/"))
    assert re.search(r'name="date"[^>]*value="2017-04-12"|value="2017-04-12"[^>]*name="date"', form)


@pytest.mark.django_db
def test_the_filters_are_folded_and_say_how_many_are_set(client):
    page = body(client.get("/resolutions/?member=RUS&position=veto&date_after=2010-01-01"))
    assert re.search(r'<details class="fold filters-fold">\s*<summary>Filter these votes', page)
    assert "(3 filters set)" in page
    bare = body(client.get("/resolutions/"))
    assert "Filter these votes</summary>" in bare
    wrong = body(client.get("/resolutions/?year=abc"))
    assert '<details class="fold filters-fold" open>' in wrong


@pytest.mark.django_db
def test_chinas_seat_is_the_republic_of_chinas_on_votes_before_25_october_1971(client):
    # Resolution 84 (1950), bundled: China's seat, held by the Republic of China, for.
    old = Resolution.objects.get(resolution_number=84)
    text = body(client.get(old.get_absolute_url()))
    groups = text.split('aria-label="Members by position"', 1)[1].split("</ul>\n</li>", 1)[0]
    assert ">China (Republic of China)</a>" in groups
    data = text.split('id="chart-vote-data" type="application/json">', 1)[1]
    chart = json.dumps(json.loads(data.split("</script>", 1)[0]))
    assert "China (Republic of China)" in chart
    # Its votes CSV keeps the code the UN gives the seat throughout.
    rows = list(csv.DictReader(io.StringIO(body(client.get(f"{old.get_absolute_url()}votes.csv")))))
    assert "CHN" in {row["member_code"] for row in rows}
    # S/10771 (1972), vetoed by the People's Republic: China, with no other name.
    later = Resolution.objects.get(draft_symbol="S/10771")
    text = body(client.get(later.get_absolute_url()))
    assert ">China</a>" in text and "Republic of China" not in text


@pytest.mark.django_db
def test_the_vote_list_names_a_veto_of_the_republic_of_chinas_seat_as_it_was_held(client):
    china = Resolution.objects.get(draft_symbol="S/10771").votes.get(member_id="CHN").member
    resolution(
        on=dt.date(1955, 12, 13),
        draft_symbol="S/1955/9999",
        positions={Position.FOR: ["USA", "GBR", "FRA", "SUN"], Position.VETO: [china]},
        outcome=Outcome.VETOED,
    )
    text = body(client.get("/resolutions/?member=chn&position=veto&sort=date"))
    rows = text.split("<tbody", 1)[1].split("</tbody>", 1)[0].split("<tr")
    early = next(row for row in rows if "S/1955/9999" in row)
    late = next(row for row in rows if "S/10771" in row)
    assert ">China (Republic of China)</a>" in early
    assert ">China</a>" in late and "Republic of China" not in late


@pytest.mark.django_db
def test_chinas_member_page_says_once_who_held_its_seat_until_1971(client):
    text = html.unescape(" ".join(body(client.get("/members/chn/")).split()))
    sentence = "China's seat was held by the Republic of China until 25 October 1971"
    assert text.count(sentence) == 1
    assert "General Assembly resolution 2758 (XXVI)" in text
    assert "held by the" not in " ".join(body(client.get("/members/usa/")).split())


# A member's terms on the Council ---------------------------------------------------


def terms_chart(page: str) -> dict:
    data = re.search(
        r'<script id="chart-terms-data" type="application/json">(.*?)</script>', page, re.S
    )
    return json.loads(data.group(1))


def terms_table(page: str) -> list[list[str]]:
    table = re.search(r"<caption>Terms on the Council</caption>.*?</table>", page, re.S).group(0)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    ]


@pytest.mark.django_db
def test_the_russian_federations_terms_carry_on_from_the_ussrs_seat(client):
    page = body(client.get("/members/rus/"))
    rows = {
        row: opacity
        for t in terms_chart(page)["data"]
        for row, opacity in zip(t["y"], t["marker"]["opacity"], strict=True)
    }
    # Two members, two rows: the predecessor's seat paler, counted separately.
    assert rows == {"Soviet Union (predecessor)": 0.55, "Russia": 1}
    assert terms_table(page) == [
        ["Soviet Union (predecessor)", "1 Jan 1946", "23 Dec 1991", "permanent"],
        ["Russia", "24 Dec 1991", "present", "permanent"],
    ]
    assert re.search(
        r"<dt>On the Council</dt><dd><a href=\"#terms\">1 term</a>, 1991–present</dd>", page
    )
    ussr = body(client.get("/members/sun/"))
    assert [row[0] for row in terms_table(ussr)] == ["Soviet Union", "Russia (successor)"]


@pytest.mark.django_db
def test_an_elected_members_terms_are_each_a_bar_and_a_row(client):
    from resolutions.models import CouncilTerm

    terms = list(CouncilTerm.objects.filter(member="JPN").order_by("start"))
    page = body(client.get("/members/jpn/"))
    chart = terms_chart(page)
    assert [t["name"] for t in chart["data"]] == ["Elected term"]
    assert len(chart["data"][0]["base"]) == len(terms) == chart["layout"]["meta"]["terms"] > 5
    table = terms_table(page)
    assert len(table) == len(terms) and {row[3] for row in table} == {"elected"}
    assert table[0][1] == f"{terms[0].start.day} {terms[0].start:%b %Y}"
    summary = f"{len(terms)} terms</a>, {terms[0].start.year}–{terms[-1].end.year}"
    assert summary in page


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["rus", "sun", "jpn"])
def test_a_member_with_a_predecessor_or_successor_runs_the_pinned_queries(
    client, django_assert_max_num_queries, code
):
    """The terms of the member, its predecessor and successor read in one query (a
    member without a vote alone skips the read of those votes: at most, not exactly)."""
    with django_assert_max_num_queries(QUERIES["/members/qaa/"]):
        body(client.get(f"/members/{code}/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters",
    [
        {"member": "QAA"},
        {"member": "qaa", "position": "veto"},
        {"member": "QAA", "position": "against"},
        {"member": "QAA", "year": "2092"},
        {"member": "QAA", "review_status": "needs_review"},
        {"member": "QAA", "position": "against", "review_status": "needs_review"},
        {"member": "QAO", "position": "abstain", "review_status": "ok", "year": "2091"},
        {"member": "QAB", "position": "non_voting"},
        # Not counted from the member's years: the list counts its rows.
        {"member": "QAA", "outcome": "vetoed"},
        {"position": "veto", "year": "2091"},
    ],
)
def test_a_members_list_counts_and_shows_exactly_the_rows_of_its_export(client, filters):
    # The list filtered by member counts its votes from the years the database
    # keeps for the member where the filters allow: the count shown and every
    # page must be the export's rows, read from the votes themselves.
    members = council()
    many_votes(130, members)
    # A "veto" on a draft recorded as failed, flagged: a vote against.
    resolution(
        on=dt.date(2092, 3, 9),
        draft_symbol="S/2092/999",
        positions={Position.VETO: members[:1], Position.FOR: members[1:]},
        outcome=Outcome.FAILED,
        review_status=Resolution.Review.NEEDS_REVIEW,
    )
    rows = list(csv.DictReader(io.StringIO(response_text(client.get("/resolutions.csv", filters)))))
    expected = [f"s-{row['date'][:4]}-{row['draft_symbol'].rsplit('/', 1)[1]}" for row in rows]
    listed = []
    for page in range(1, max(1, -(-len(rows) // 50)) + 1):
        page_html = client.get("/resolutions/", {**filters, "page": page}).content.decode()
        count = re.search(r"<strong>([\d,]+)</strong> votes?\.", page_html)
        assert count is not None and int(count.group(1).replace(",", "")) == len(rows)
        listed += list(dict.fromkeys(re.findall(r'href="/resolutions/([a-z0-9-]+)/"', page_html)))
    assert listed == expected


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["symbols", "-symbols"])
def test_the_list_by_symbol_keeps_the_order_of_numbers_and_drafts(client, sort):
    # Sorted by symbol, the list reads its own index (models.SymbolOrder): its
    # rows must come in the order the database gives the number and the draft
    # symbol themselves, drafts without a number where it puts them.
    # (The bundled record: resolutions, and drafts with and without a symbol.)
    fields = ("resolution_number", "draft_symbol")
    expected = list(
        Resolution.objects.order_by(
            *(f"-{f}" if sort.startswith("-") else f for f in fields)
        ).values_list(*fields)
    )
    assert (None, "") in expected and expected[0] != expected[-1]
    keys = dict(Resolution.objects.values_list("slug", "resolution_number"))
    listed = []
    for page in range(1, -(-len(expected) // 50) + 1):
        html = client.get("/resolutions/", {"sort": sort, "page": page}).content.decode()
        listed += list(dict.fromkeys(re.findall(r'href="/resolutions/([a-z0-9-]+)/"', html)))
    drafts = dict(Resolution.objects.values_list("slug", "draft_symbol"))
    assert [(keys[slug], drafts[slug]) for slug in listed] == expected


@pytest.mark.django_db
def test_a_member_s_lists_are_its_latest_records_however_the_days_hold_them():
    """The vetoes cast, the contradicted "vetoes" and the votes alone, each cut to
    its latest `listed`, are the latest of the records themselves: several on a
    day, a veto at a tally-only vote, kinds mixed on a day."""
    from resolutions.members import member_figures

    members = council("Q")
    vetoer, others = members[0], members[1:]
    cast, contradicted, alone = [], [], []
    number = 0

    def vote(on: dt.date, positions: dict, **fields) -> Resolution:
        nonlocal number
        number += 1
        return resolution(on=on, draft_symbol=f"S/2990/{number}", positions=positions, **fields)

    for day, drafts in ((1, 3), (2, 1), (5, 2), (9, 1)):
        for _ in range(drafts):
            on = dt.date(2990, 1, day)
            cast.append(vote(on, {Position.FOR: others, Position.VETO: [vetoer]}))
    on = dt.date(2990, 1, 7)  # a veto whose record holds only the tally and the veto
    cast.append(vote(on, {Position.VETO: [vetoer]}, outcome=Outcome.VETOED, votes_recorded=False))
    for day in (2, 8, 8):  # a draft short of the votes: no veto, whatever the source said
        contradicted.append(
            vote(
                dt.date(2990, 1, day),
                {Position.FOR: others[:3], Position.VETO: [vetoer]},
                outcome=Outcome.FAILED,
                review_status=Resolution.Review.NEEDS_REVIEW,
            )
        )
    for day in (3, 3, 6, 9):
        alone.append(
            vote(dt.date(2990, 1, day), {Position.FOR: others, Position.ABSTAIN: [vetoer]})
        )
    # Each recorded veto is a vote alone too (no other member against).
    alone += [record for record in cast + contradicted if record.votes_recorded]
    by_date = lambda records: sorted(records, key=lambda r: (r.date, r.pk))  # noqa: E731
    cast, contradicted, alone = by_date(cast), by_date(contradicted), by_date(alone)[::-1]
    for listed in (1, 2, 3, 4, 6, None):
        figures = member_figures(vetoer, listed, with_majority=True)
        cut = slice(-listed if listed else None, None)
        assert figures.vetoes == cast[cut], listed
        assert figures.contradicted_vetoes == contradicted[cut], listed
        assert figures.contradicted == len(contradicted)
        assert figures.alone == alone[:listed], listed
        assert figures.isolation.alone_votes == len(alone)
        # The API's figures, read without the majority, list the same vetoes.
        assert member_figures(vetoer, listed).vetoes == cast[cut], listed
