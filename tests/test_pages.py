"""The public's reading pages (about, methodology, glossary), the cite box and
document links of a vote, the header's search, and what every page tells a
link preview: title, meta description, Open Graph tags, canonical address."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from resolutions import glossary, rules
from resolutions.models import Resolution
from resolutions.rules import Position

BUNDLED = json.loads(
    (Path(rules.__file__).parent / "data" / "votes.json").read_text(encoding="utf-8")
)


class Head(HTMLParser):
    """The <title>, <meta> and <link> of a page, and its links."""

    def __init__(self):
        super().__init__()
        self.title, self.meta, self.links, self.hrefs = "", {}, {}, []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        elif tag == "link" and "rel" in attrs:
            self.links.setdefault(attrs["rel"], attrs.get("href"))
        elif tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Head()
    parser.feed(response.content.decode())
    return parser


def slug_of(record: dict) -> str:
    if record["resolution_number"]:
        year = record["date"][:4]
        return f"s-res-{record['resolution_number']}-{year}"
    if record["draft_symbol"]:
        return re.sub(r"[^a-z0-9]+", "-", record["draft_symbol"].lower()).strip("-")
    return re.sub(r"[^a-z0-9]+", "-", f"{record['meeting']} {record['date']}".lower()).strip("-")


def test_every_glossary_example_is_a_bundled_vote_that_shows_the_term():
    bundled = {slug_of(record): record for record in BUNDLED}
    for term in glossary.POSITIONS:
        record = bundled[term.example]
        assert record["positions"][term.anchor], term.anchor  # someone took that position
    vetoed = bundled["s-2011-612"]
    assert vetoed["outcome"] == "vetoed" and len(vetoed["positions"][Position.VETO]) == 2
    failed = bundled["s-2018-322"]
    assert failed["outcome"] == "failed" and {"FRA", "GBR", "USA"} <= set(
        failed["positions"][Position.AGAINST]
    )
    assert (
        bundled["s-res-2623-2022"]["procedural"]
        and "RUS" in (bundled["s-res-2623-2022"]["positions"][Position.AGAINST])
    )
    assert bundled["s-res-186-1964"]["date"] < rules.ENLARGEMENT.isoformat()
    assert bundled["s-2020-797"]["meeting"].startswith("S/2020/")
    for slug in glossary.example_slugs():
        assert slug in bundled, slug


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/glossary/", "/methodology/", "/about/"])
def test_every_link_of_the_reading_pages_resolves(client, url):
    page = head(client, url)
    internal = {href.split("#")[0] for href in page.hrefs if href.startswith("/")}
    assert internal
    for href in internal:
        response = client.get(href)
        assert response.status_code == 200, f"{url} links {href}: {response.status_code}"
        if response.streaming:
            # A streamed export holds its query (PostgreSQL: a COPY) on the connection
            # until it is read to its end: read it, as a reader's download is.
            assert b"".join(response.streaming_content), href


@pytest.mark.django_db
def test_the_glossary_links_an_example_for_every_position(client):
    html = client.get("/glossary/").content.decode()
    for term in glossary.POSITIONS + glossary.TERMS:
        entry = html.split(f'id="{term.anchor}"', 1)[1].split("</dd>", 1)[0]
        if term.example:
            assert f'href="/resolutions/{term.example}/"' in entry, term.anchor
        else:
            assert "The bundled votes" in term.meaning or term.list_query, term.anchor
    assert 'href="/resolutions/?review_status=needs_review"' in html


@pytest.mark.django_db
def test_the_methodology_states_the_rules_as_rules_py_applies_them(client):
    text = " ".join(client.get("/methodology/").content.decode().split())
    facts = glossary.facts()
    assert f"{facts['seats_before']} members until 1965" in text
    assert f"{facts['seats_after']} from 1 January 1966" in text
    assert (
        f"adopted with {facts['needed_after']} affirmative votes ({facts['needed_before']}" in text
    )
    for licence in ("MIT licence", "CC BY-SA 4.0", "UN terms of use", "No licence stated"):
        assert licence in text
    assert 'id="gaps"' in text and "Positions before 1994" in text
    assert 'id="cite"' in text
    # China's seat, said as the vote pages show it (models.EARLIER_HOLDERS).
    assert "China's seat was held by the Republic of China until 25 October 1971" in html.unescape(
        text
    )


@pytest.mark.django_db
def test_the_footer_links_the_reading_pages_not_the_readme(client):
    html = client.get("/").content.decode()
    footer = html.split("<footer>", 1)[1]
    for url in ("/about/", "/methodology/", "/glossary/", "/api/docs/", "/feeds/votes.atom"):
        assert f'href="{url}' in footer
    assert "README" not in footer


@pytest.mark.django_db
def test_a_vote_page_has_a_cite_box_and_links_its_documents(client):
    html = client.get("/resolutions/s-res-2118-2013/").content.decode()
    cite = html.split('id="cite"', 1)[1].split("</section>", 1)[0]
    assert 'href="http://testserver/resolutions/s-res-2118-2013/"' in cite
    assert "Resolution S/RES/2118 (2013) (draft S/2013/575), adopted on 27 September 2013" in cite
    assert "(S/PV.7038), 15 for, 0 against, 0 abstaining" in cite
    assert 'href="https://undocs.org/en/S/RES/2118(2013)"' in html
    assert 'href="https://undocs.org/en/S/2013/575"' in html
    vetoed = client.get("/resolutions/s-2017-315/").content.decode()
    assert "Draft resolution S/2017/315, vetoed on 12 April 2017" in vetoed


@pytest.mark.django_db
def test_a_vote_s_preview_says_outcome_and_tally(client):
    page = head(client, "/resolutions/s-2017-315/")
    description = page.meta["description"]
    assert description.startswith("S/2017/315: ")
    assert "Vetoed (10 for, 2 against, 3 abstaining)" in description
    assert "vetoed by Russian Federation" in description
    assert page.meta["og:description"] == description
    assert page.meta["og:title"].startswith("S/2017/315: vetoed, 12 Apr 2017")
    assert page.meta["og:type"] == "article"
    assert page.links["canonical"] == "http://testserver/resolutions/s-2017-315/"


@pytest.mark.django_db
def test_the_canonical_address_drops_the_query_and_the_capitals(client):
    page = head(client, "/resolutions/?year=2017&page=1")
    assert page.links["canonical"] == "http://testserver/resolutions/"
    assert client.get("/resolutions/S-2017-315/").status_code == 301


def crawl(client, start: str = "/", limit: int = 80) -> dict[str, Head]:
    """The site's HTML pages reachable from the home page (no downloads, no
    admin, no API), breadth first, up to `limit`."""
    seen: dict[str, Head] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen[url] = page = head(client, url)
        for href in page.hrefs:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver"):
                continue
            path = parts.path
            if re.search(r"\.(csv|json|atom)$", path) or path.startswith(("/admin", "/api")):
                continue
            if path not in seen and path not in queue:
                queue.append(path)
    return seen


@pytest.mark.django_db
def test_every_page_has_a_title_a_description_and_open_graph_tags(client):
    pages = crawl(client)
    paths = set(pages)
    for expected in ("/", "/resolutions/", "/members/", "/about/", "/methodology/", "/glossary/"):
        assert expected in paths
    assert any(p.startswith("/resolutions/s-") for p in paths)
    assert any(re.fullmatch(r"/members/[a-z]{3}/", p) for p in paths)
    # Pages no link leads to from the home page: the search and the report forms.
    for extra in ("/search/?q=china", "/resolutions/s-2017-315/report/", "/members/rus/report/"):
        pages[extra] = head(client, extra)
    titles = set()
    for url, page in pages.items():
        assert page.title.strip().endswith("UN Security Council vote tracker"), url
        for tag in ("description", "og:title", "og:description", "og:url", "og:type"):
            assert page.meta.get(tag, "").strip(), f"{url}: {tag}"
        assert page.meta["og:url"] == page.links["canonical"], url
        assert page.links["canonical"] == "http://testserver" + urlsplit(url).path, url
        assert page.links["icon"] == "/static/favicon.svg", url
        titles.add(page.title)
    assert len(titles) > len(pages) / 2  # titles say which page it is


@pytest.mark.django_db
def test_the_favicon_is_served(client):
    response = client.get("/static/favicon.svg")
    assert response.status_code == 200
    assert b"<svg" in b"".join(response.streaming_content)
    assert client.get("/favicon.ico")["Location"] == "/static/favicon.svg"


@pytest.mark.django_db
def test_search_lists_the_member_a_query_names_first(client):
    html = client.get("/search/?q=China").content.decode()
    assert html.index('id="members"') < html.index('id="votes"')
    members = html.split('id="members"', 1)[1].split("</ul>", 1)[0]
    assert members.index('href="/members/chn/"') == members.index("href=")
    for query, slug in [("FRA", "/members/fra/"), ("Britain", "/members/gbr/")]:
        assert f'href="{slug}"' in client.get(f"/search/?q={query}").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, slug",
    [
        ("S/2017/315", "s-2017-315"),
        ("S/RES/2118", "s-res-2118-2013"),
        ("2118", "s-res-2118-2013"),
        ("Khan Shaykhun", "s-2017-315"),
    ],
)
def test_search_finds_votes_by_symbol_number_and_words(client, query, slug):
    html = client.get("/search/", {"q": query}).content.decode()
    assert f'href="/resolutions/{slug}/"' in html.split('id="votes"', 1)[1]


@pytest.mark.django_db
def test_search_escapes_the_query_and_runs_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert Resolution.objects.exists()
