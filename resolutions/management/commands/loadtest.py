"""`make loadtest`: the site under gunicorn as deployed, loaded by many clients over
a mix of pages, against the floor of the same server answering `/healthz`.

By default the record is every shared source imported into a temporary SQLite
database (as `make bench` does); `--on-configured` loads the configured database
(DATABASE_URL) as it is instead. The server runs with the production settings
(a throw-away secret key, static files collected into the temporary folder) and
votetracker/gunicorn.conf.py; each request says it came over HTTPS, as the load
balancer's would. Each page is asked for once (it must answer 200), then the mix
runs untimed for `--warmup-seconds` (each worker fills its own page cache; with
REDIS_URL set they share one), then the floor and the mix are timed
(resolutions/loadtest.py). Last, each page's first visit: the bytes a new
reader's browser receives for the page and the files it loads, compressed as the
server sends them."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resolutions import loadtest

from .bench import default_sources

PAGES = (
    "import json; from resolutions import pagebench; print(json.dumps(pagebench.default_pages()))"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = "Run gunicorn as deployed and a bounded load of clients over a page mix."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=50)
        parser.add_argument("--seconds", type=float, default=60, help="The page mix's length.")
        parser.add_argument("--floor-seconds", type=float, default=10)
        parser.add_argument(
            "--warmup-seconds",
            type=float,
            default=5,
            help="The mix run untimed first, so that every worker has its pages cached.",
        )
        parser.add_argument("--workers", type=int, default=2, help="gunicorn's workers.")
        parser.add_argument(
            "--on-configured",
            action="store_true",
            help="Load the configured database as it is (no import into a temporary one).",
        )

    def handle(
        self, *args, clients, seconds, floor_seconds, warmup_seconds, workers, on_configured,
        **options,
    ):  # fmt: skip
        if clients < 1 or seconds <= 0 or floor_seconds <= 0 or warmup_seconds < 0 or workers < 1:
            raise CommandError("--clients and --workers must be at least 1, the seconds above 0.")
        with tempfile.TemporaryDirectory() as folder:
            env = {
                **os.environ,
                "DJANGO_PRODUCTION": "1",
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "DJANGO_STATIC_ROOT": str(Path(folder) / "static"),
                "WEB_CONCURRENCY": str(workers),
            }
            if not on_configured:
                env["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'load.sqlite3'}"
                self.build_record(env)
            self.manage(env, "collectstatic", "--noinput", "-v0")
            urls = json.loads(self.manage(env, "shell", "-v0", "-c", PAGES).splitlines()[-1])
            port = free_port()
            log = (Path(folder) / "gunicorn.log").open("w+")
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "votetracker/gunicorn.conf.py",
                 "--bind", f"127.0.0.1:{port}", "votetracker.wsgi"],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log,
            )  # fmt: skip
            try:
                self.wait_until_up(server, port, log)
                failing = loadtest.failing("127.0.0.1", port, urls)
                if failing:
                    raise CommandError(f"pages failing before any load: {', '.join(failing)}")
                if warmup_seconds:
                    loadtest.load("127.0.0.1", port, urls, clients, warmup_seconds)
                floor = loadtest.load("127.0.0.1", port, ["/healthz"], clients, floor_seconds)
                mix = loadtest.load("127.0.0.1", port, urls, clients, seconds)
                visits = [loadtest.first_visit("127.0.0.1", port, url) for url in urls]
            finally:
                server.terminate()
                server.wait(timeout=60)
                log.close()
        for line in loadtest.report(floor, mix, clients):
            self.stdout.write(line)
        for visit in visits:
            self.stdout.write(visit.line())
        if mix.errors or floor.errors:
            raise CommandError(f"{mix.errors + floor.errors} request(s) failed under load.")

    def manage(self, env: dict[str, str], *arguments: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode:
            raise CommandError(f"manage.py {' '.join(arguments)} failed:\n{result.stderr}")
        return result.stdout

    def build_record(self, env: dict[str, str]) -> None:
        self.stdout.write("Importing every shared source into a temporary database...")
        self.manage(env, "migrate", "--noinput", "-v0")
        self.manage(env, "load_bundled", "-v0")
        sources = [str(path) for path in default_sources()]
        self.manage(env, "import_votes", "--no-progress", "--format", "auto", *sources)

    def wait_until_up(self, server: subprocess.Popen, port: int, log) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                log.seek(0)
                raise CommandError(f"gunicorn stopped:\n{log.read()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                    return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not answer /healthz within 60 s.")
