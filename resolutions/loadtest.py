"""`make loadtest`: gunicorn as deployed (votetracker/gunicorn.conf.py, production
settings, behind a load balancer that says HTTPS) and a bounded load of clients
over a mix of pages, against the floor measured in the same run: the same clients
on `/healthz`, the cheapest answer through the same server and middleware.

Each client is a thread with one keep-alive connection that asks for the pages of
the mix in turn, each request timed from its sending to its last byte. Pure parts
(the percentiles, the report) are here; the command (`manage.py loadtest`) starts
the server and runs the phases."""

from __future__ import annotations

import gzip
import html
import http.client
import math
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# What a request says of itself behind the load balancer (SECURE_PROXY_SSL_HEADER).
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}


def percentile(values: Sequence[float], share: float) -> float:
    """The value under which `share` of the values fall (nearest rank), 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


@dataclass
class PageFigures:
    url: str
    times_ms: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.times_ms) + self.errors

    def p(self, share: float) -> float:
        return percentile(self.times_ms, share)


@dataclass
class Run:
    """The figures of one phase: per page, and the wall time it lasted."""

    seconds: float
    pages: dict[str, PageFigures]

    @property
    def times_ms(self) -> list[float]:
        return [t for page in self.pages.values() for t in page.times_ms]

    @property
    def requests(self) -> int:
        return sum(page.requests for page in self.pages.values())

    @property
    def errors(self) -> int:
        return sum(page.errors for page in self.pages.values())

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def p(self, share: float) -> float:
        return percentile(self.times_ms, share)


def load(host: str, port: int, urls: Sequence[str], clients: int, seconds: float) -> Run:
    """`clients` threads asking for `urls` in turn (each from its own place in the
    mix) for `seconds`. A request that fails, times out or answers other than 200 is
    an error of its page."""
    pages = {url: PageFigures(url) for url in urls}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(start: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        done: list[tuple[str, float | None]] = []
        index = start
        while time.perf_counter() < deadline:
            url = urls[index % len(urls)]
            index += 1
            began = time.perf_counter()
            try:
                connection.request("GET", url, headers={**HEADERS, "Host": host})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                ok = False
            done.append((url, (time.perf_counter() - began) * 1000 if ok else None))
        connection.close()
        with lock:
            for url, elapsed in done:
                if elapsed is None:
                    pages[url].errors += 1
                else:
                    pages[url].times_ms.append(elapsed)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Run(time.perf_counter() - started, pages)


def failing(host: str, port: int, urls: Sequence[str]) -> list[str]:
    """Each page asked for once (the first visit fills the page cache): those that
    do not answer 200."""
    connection = http.client.HTTPConnection(host, port, timeout=120)
    bad = []
    try:
        for url in urls:
            connection.request("GET", url, headers={**HEADERS, "Host": host})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                bad.append(f"{url} ({response.status})")
    finally:
        connection.close()
    return bad


# What a browser asks for on its own first visit: the page, then its stylesheets,
# scripts and icon, each compressed as the server offers (brotli over HTTPS).
FIRST_VISIT_HEADERS = {**HEADERS, "Accept-Encoding": "br, gzip"}
SCRIPT = re.compile(r'<script[^>]*\ssrc="(/[^"]+)"')
LINK = re.compile(r"<link\b[^>]*>")
# The links a browser loads by itself (not rel="alternate": feeds, other languages).
LOADED_RELS = {"stylesheet", "icon", "preload", "modulepreload"}


def assets(page: str) -> list[str]:
    """The site's own files a browser loads for the page, each once, in order."""
    found = SCRIPT.findall(page)
    for tag in LINK.findall(page):
        rel = re.search(r'\srel="([^"]+)"', tag)
        href = re.search(r'\shref="(/[^"]+)"', tag)
        if rel and href and LOADED_RELS & set(rel.group(1).split()):
            found.append(href.group(1))
    return list(dict.fromkeys(html.unescape(address) for address in found))


# A first visit's budget (issue: a chart page's first visit under 500 KB).
FIRST_VISIT_BUDGET_KB = 500


@dataclass
class FirstVisit:
    url: str
    sizes: dict[str, int]  # each address asked for -> bytes of its body on the wire

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def line(self) -> str:
        parts = ", ".join(
            f"{address.rsplit('/', 1)[-1] or address} {size / 1000:,.0f}"
            for address, size in sorted(self.sizes.items(), key=lambda item: -item[1])
        )
        verdict = "under" if self.total < FIRST_VISIT_BUDGET_KB * 1000 else "OVER"
        return (
            f"first visit to {self.url}: {self.total / 1000:,.0f} KB transferred "
            f"({verdict} {FIRST_VISIT_BUDGET_KB} KB; KB each: {parts})"
        )


def first_visit(host: str, port: int, url: str) -> FirstVisit:
    """The bytes a new reader's browser receives for the page and everything it loads
    (stylesheets, scripts, icon), as compressed as the server sends them."""
    connection = http.client.HTTPConnection(host, port, timeout=120)
    sizes: dict[str, int] = {}
    try:

        def fetch(address: str) -> bytes:
            connection.request("GET", address, headers={**FIRST_VISIT_HEADERS, "Host": host})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise OSError(f"{address} answered {response.status}")
            sizes[address] = len(body)
            encoding = response.getheader("Content-Encoding")
            return gzip.decompress(body) if encoding == "gzip" else body

        page = fetch(url)  # (pages are gzip at most; static files may be brotli)
        for asset in assets(page.decode("utf-8", "replace")):
            fetch(asset)
    finally:
        connection.close()
    return FirstVisit(url, sizes)


def report(floor: Run, mix: Run, clients: int) -> Iterable[str]:
    """The lines `make loadtest` prints: the floor, each page, the whole mix and its
    ratios to the floor."""
    yield (
        f"floor, /healthz with {clients} clients: {floor.per_second:,.0f} requests/s, "
        f"p50 {floor.p(0.5):.1f} ms, p99 {floor.p(0.99):.1f} ms, {floor.errors} errors"
    )
    yield f"{'page':<48}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    for page in mix.pages.values():
        yield (
            f"{page.url[:47]:<48}{page.requests:>9}{page.errors:>7}"
            f"{page.p(0.5):>9.1f}{page.p(0.95):>9.1f}{page.p(0.99):>9.1f}"
        )
    yield (
        f"page mix with {clients} clients for {mix.seconds:.0f} s: {mix.per_second:,.0f} "
        f"requests/s, p50 {mix.p(0.5):.1f} ms, p95 {mix.p(0.95):.1f} ms, "
        f"p99 {mix.p(0.99):.1f} ms, {mix.errors} errors"
    )
    if floor.per_second and floor.p(0.99):
        yield (
            f"ratios to the floor: requests/s {mix.per_second / floor.per_second:.2f}x, "
            f"p99 {mix.p(0.99) / floor.p(0.99):.1f}x"
        )
