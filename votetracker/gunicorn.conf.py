"""gunicorn as deployed: `gunicorn -c votetracker/gunicorn.conf.py votetracker.wsgi`.

Threaded workers (gthread): a worker's main thread keeps answering gunicorn's
heartbeat while a thread streams a long download (`/export/votes.csv` of a large
record), so `timeout` stops only a worker that hangs, never a download in progress;
the threads let one slow download not block the other readers of that worker.
Settings come from the environment, as the site's own do (README: Deployment)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a worker may stay silent before it is restarted (not a request's limit).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (a leak, if ever, stays bounded).
# Not sooner: a new worker starts with an empty page cache (without REDIS_URL the
# cache is each process's own) and Django to load; at 5,000 each worker was
# replaced every 15-20 s under `make loadtest`, and the uncached pages that
# followed made its p99 several times the floor's.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# The load balancer's address: only it may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
