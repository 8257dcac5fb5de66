"""`make loadtest`: gunicorn as deployed under a bounded load (resolutions/loadtest.py,
`manage.py loadtest`). Figures are the benchmark's to print, not a test's to
time; tests check what the figures are made of and that the deployed server
answers every page of the mix."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import PROJECT

from resolutions.loadtest import PageFigures, Run, assets, percentile, report


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(1, 101)]  # 1..100 ms
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.99) == 7
    assert percentile([], 0.5) == 0


def test_the_report_counts_errors_per_page_and_compares_with_the_floor():
    floor = Run(2.0, {"/healthz": PageFigures("/healthz", [1.0] * 2000)})
    mix = Run(
        4.0,
        {
            "/": PageFigures("/", [10.0] * 300, errors=2),
            "/members/": PageFigures("/members/", [30.0] * 98),
        },
    )
    lines = list(report(floor, mix, clients=50))
    assert lines[0].startswith("floor, /healthz with 50 clients: 1,000 requests/s")
    home = next(line for line in lines if line.startswith("/ "))
    assert home.split()[1:3] == ["302", "2"]  # requests, errors
    assert "page mix with 50 clients for 4 s: 100 requests/s" in lines[-2]
    assert "2 errors" in lines[-2]
    assert lines[-1] == "ratios to the floor: requests/s 0.10x, p99 30.0x"


def test_the_health_check_reads_no_database(client):
    # No database fixture: a query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_gunicorn_as_deployed_answers_every_page_of_the_mix_under_load(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'record.sqlite3'}"}

    def manage(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *arguments], cwd=PROJECT, env=env,
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    assert manage("migrate", "--noinput", "-v0").returncode == 0
    assert manage("load_bundled", "-v0").returncode == 0
    done = manage(
        "loadtest",
        "--on-configured",
        "--clients",
        "3",
        "--seconds",
        "2",
        "--floor-seconds",
        "1",
        "--warmup-seconds",
        "1",
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"^floor, /healthz with 3 clients: [\d,]+ requests/s", out, re.M)
    for page in ("/", "/resolutions/", "/members/", "/agreement/", "/feeds/votes.atom"):
        row = next(line for line in out.splitlines() if line.split()[:1] == [page])
        requests, errors = map(int, row.split()[1:3])
        assert requests > 0 and errors == 0, row
    assert re.search(r"page mix with 3 clients .*, 0 errors$", out, re.M)
    assert "ratios to the floor: requests/s" in out
    # Each page's first visit, page and files as the server sends them: the chart
    # pages load plotly.js (its cartesian bundle as brotli) and stay under 500 KB.
    visits = dict(re.findall(r"^first visit to (\S+): ([\d,]+) KB transferred", out, re.M))
    assert {"/", "/resolutions/", "/members/", "/agreement/"} <= set(visits)
    for page, kilobytes in visits.items():
        assert 0 < int(kilobytes.replace(",", "")) < 500, (page, kilobytes)
    chart_page = next(line for line in out.splitlines() if "plotly-cartesian" in line)
    assert "under 500 KB" in chart_page


def test_a_first_visit_loads_the_pages_styles_scripts_and_icon_not_its_feeds():
    page = """<html><head>
    <link rel="stylesheet" href="/static/site.css"><link rel="icon" href="/static/f.svg">
    <link rel="alternate" type="application/atom+xml" href="/feeds/votes.atom?a=1&amp;b=2">
    <link rel="canonical" href="/resolutions/">
    <script src="/static/plotly.js" defer></script><script src="/static/plotly.js"></script>
    </head><body><a href="/members/">Members</a><script>var x = 1;</script></body></html>"""
    assert assets(page) == ["/static/plotly.js", "/static/site.css", "/static/f.svg"]
