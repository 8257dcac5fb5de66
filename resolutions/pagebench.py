"""Page and export timings for `make bench`, against a floor measured in the same
run: a trivial view answered through the same middleware and test client.

Each page is timed uncached (the cache emptied before every request: the view's
own work) and cached (the answer from the cache), as the median of several
requests made in turns over the pages, with the floor's between the turns
(time_pages); exports are timed whole, their content read to the last byte. Times are
the process's CPU time (SQLite runs in the process): on a machine shared with
other work, the time spent waiting for a core is not counted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote_plus

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import include, path

FLOOR_URL = "/bench-floor/"


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path(FLOOR_URL.strip("/") + "/", trivial),
    path("", include("votetracker.urls")),
]


def default_pages(scale: int = 1) -> list[str]:
    """A page of each kind, on whatever record the database holds (`scale`: on
    the record grown to that many times its size, for the deep pages)."""
    from . import search
    from .kept import MemberYear
    from .models import MemberState, Resolution, Topic

    latest = Resolution.objects.order_by("-date", "-pk").first()
    # The member of the most vetoes: the longest of the members' pages.
    busiest = (
        MemberState.objects.filter(votes__position="veto")
        .annotate(vetoes=Count("votes"))
        .values_list("code", flat=True)
        .order_by("-vetoes", "code")
        .first()
    )
    # The two members of the most votes, compared (/compare/).
    most = list(
        MemberYear.objects.values("member")
        .annotate(votes=Sum("votes"))
        .order_by("-votes", "member")
        .values_list("member", flat=True)[:2]
    )
    member = (busiest or MemberState.objects.values_list("code", flat=True).first() or "").lower()
    # A page four fifths into the list (page 5,099 of 6,374 at 100 x the record).
    count = Resolution.objects.count()
    deep = max(2, count * scale * 4 // 5 // 50)
    # Several words with other names (the first such of search.ALSO_KNOWN_AS):
    # each reading of a query is looked for.
    words = quote_plus(next(name for name in search.ALSO_KNOWN_AS if " " in name))
    pages = ["/", "/resolutions/", "/resolutions/?page=2&sort=-date", f"/resolutions/?page={deep}"]
    # A position stored as it is counted, and one counted from the outcome too.
    pages += ["/resolutions/?position=for", "/resolutions/?position=against"]
    pages += [f"/resolutions/?q={words}", f"/search/?q={words}"]
    # A broad search: the name of several words of the region of the most votes
    # (the Middle East: a fifth of the record, 66,100 votes found at 100x).
    region = (
        Topic.objects.with_counts()
        .filter(kind=Topic.Kind.REGION, name__contains=" ")
        .order_by("-votes", "slug")
        .first()
    )
    if region is not None:
        broad = quote_plus(region.name)
        pages += [f"/resolutions/?q={broad}", f"/search/?q={broad}"]
        # Four fifths into what it finds (page 1,057 of 1,322 at 100x), and the API's.
        found = search.found(region.name).count
        pages += [
            f"/resolutions/?q={broad}&page={max(2, found * scale * 4 // 5 // 50)}",
            f"/api/votes/?q={broad}",
        ]
    pages.append("/members/")
    if member:
        pages += [f"/members/{member}/", f"/resolutions/?member={member.upper()}&position=veto"]
    if latest is not None:
        pages.append(latest.get_absolute_url())
    pages.append("/topics/")
    # The topic of the most votes: the longest of their pages.
    topic = Topic.objects.with_counts().order_by("-votes", "slug").first()
    if topic is not None:
        pages.append(topic.get_absolute_url())
    if len(most) == 2:
        pages.append(f"/compare/?a={most[0]}&b={most[1]}")
    pages += ["/agreement/", "/alignment/", "/glossary/", "/feeds/votes.atom"]
    # The API: a page of votes as deep as the list's, where the record holds it
    # already (past its end the API answers 404: not before a growth, nor on a
    # record of one page), and the busiest member.
    if (deep - 1) * 50 < count:
        pages.append(f"/api/votes/?page={deep}")
    if member:
        pages.append(f"/api/members/{member.upper()}/")
    return pages


EXPORTS = ["/resolutions.csv", "/resolutions.json", "/export/votes.csv", "/members.csv"]


@dataclass
class Timing:
    url: str
    uncached_ms: float
    cached_ms: float | None
    queries: int
    size: int


def _get(client: Client, url: str) -> tuple[float, int]:
    started = time.process_time()
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    elapsed = (time.process_time() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: answered {response.status_code}")
    return elapsed, len(content)


def _median(action: Callable[[], float], runs: int) -> float:
    return statistics.median(action() for _ in range(runs))


def _queries(client: Client, url: str) -> tuple[int, int]:
    """The queries of an uncached answer, and its size in bytes."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        _, size = _get(client, url)
    return len(queries.captured_queries), size  # (read before the next request resets it)


def floor_ms(client: Client, runs: int = 300) -> float:
    _get(client, FLOOR_URL)
    return _median(lambda: _get(client, FLOOR_URL)[0], runs)


def time_pages(client: Client, urls: list[str], runs: int) -> tuple[float, list[Timing]]:
    """The floor (ms) and each page's Timing, the pages timed in turns: each page
    once, uncached, then each again (`runs` turns; then as many turns of five
    requests from the cache), the floor's requests between the turns. A stretch
    of the machine's slowness (it is shared) falls on every page and the floor
    alike, not on one page's requests."""
    counted = {url: _queries(client, url) for url in urls}  # (each also made once)
    floors: list[float] = []
    uncached: dict[str, list[float]] = {url: [] for url in urls}
    cached: dict[str, list[float]] = {url: [] for url in urls}
    for _ in range(runs):
        floors.append(floor_ms(client, 30))
        for url in urls:
            cache.clear()
            uncached[url].append(_get(client, url)[0])
    for _ in range(runs):
        floors.append(floor_ms(client, 30))
        for url in urls:
            _get(client, url)  # (cached, if it was not)
            cached[url].extend(_get(client, url)[0] for _ in range(5))
    timings = [
        Timing(url, statistics.median(uncached[url]), statistics.median(cached[url]), *counted[url])
        for url in urls
    ]
    return statistics.median(floors), timings


def time_export(client: Client, url: str, runs: int) -> Timing:
    """Built each time (not answered from the file of the record's version:
    resolutions/exportfiles.py), and from the file."""

    def uncached() -> float:
        cache.clear()
        return _get(client, url)[0]

    with override_settings(EXPORT_DIR=""):
        queries, size = _queries(client, url)
        built = _median(uncached, runs)
    _get(client, url)
    kept = _median(lambda: _get(client, url)[0], runs)
    return Timing(url, built, kept, queries, size)


def run(pages: list[str] | None = None, runs: int = 9) -> Iterator[Timing | float]:
    """The floor (ms) first, then each page's and export's Timing."""
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        floor, timings = time_pages(client, pages or default_pages(), runs)
        yield floor
        yield from timings
        for url in EXPORTS:
            yield time_export(client, url, 2)
