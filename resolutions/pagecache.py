"""Public pages from Django's cache framework, never older than the last write.

A page is cached whole (its content and the headers its view set) under a key
made of the record's version, the day and the page's address. The version is a number in
the database (RecordVersion, one row) raised, in the same transaction, by every
SQL write to a table of the record: a database execute wrapper watches each
statement, so admin saves and deletes, imports' bulk writes, the bundled load,
restores and review actions raise it alike, whether or not they send signals.
Each request reads the version first (one query), then the page: a page cached
under an older version is never served again once a write has committed, on
every app server, whichever cache holds the pages (the process's own memory by
default, Redis when REDIS_URL is set: settings.CACHES).

Not cached: requests of signed-in users (editors see names and restore links),
methods other than GET and HEAD, answers other than 200, streamed answers. A page
carrying a form is cached with a random placeholder where its CSRF token goes,
replaced per request by the requester's own token. A page without a form keeps
its gzip bytes too, sent to readers who accept them (votetracker/compression.py).

A write that reaches the database around Django's cursor (psycopg's COPY, say)
calls `record_changed()` itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import URLPattern
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from votetracker.compression import accepts_gzip, compressible, gzipped, mark_gzipped

VERSION_TABLE = "resolutions_recordversion"
# Tables whose writes do not change a public page.
NOT_PUBLIC = {VERSION_TABLE, "resolutions_errorreport"}
WRITE = re.compile(
    r"""\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)
    \s+["`]?(\w+)""",
    re.IGNORECASE | re.VERBOSE,
)
# Read by every request (raw: the ORM's building of this one query was most of a
# cached page's cost).
READ_VERSION = "SELECT number FROM resolutions_recordversion WHERE id = 1"
RAISE_VERSION = (
    "INSERT INTO resolutions_recordversion (id, number) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET number = resolutions_recordversion.number + 1"
)
# The request attribute that tells the template context which CSRF placeholder to use.
PLACEHOLDER_ATTRIBUTE = "_page_cache_csrf_placeholder"

_record_tables: frozenset[str] | None = None
_migrating = False


def record_tables() -> frozenset[str]:
    """The tables of the record: the app's models and their history, but for the
    version itself and readers' error reports (shown to editors only)."""
    global _record_tables
    if _record_tables is None:
        models = apps.get_app_config("resolutions").get_models()
        _record_tables = frozenset(m._meta.db_table for m in models) - NOT_PUBLIC
    return _record_tables


def written_table(sql: object) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes to, else None."""
    match = WRITE.match(sql) if isinstance(sql, str) else None
    return match.group(1).lower() if match else None


def record_changed(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Raise the record's version, in the connection's current transaction."""
    with connection.cursor() as cursor:
        cursor.execute(RAISE_VERSION)


def watch_writes(execute, sql, params, many, context):
    """Execute wrapper: after a write to a table of the record, raise the version."""
    result = execute(sql, params, many, context)
    if not _migrating and written_table(sql) in record_tables():
        record_changed(context["connection"])
    return result


def watch(connection: BaseDatabaseWrapper, **kwargs) -> None:
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def _migration_started(**kwargs) -> None:
    # Migrations write before the version's table exists; nothing is cached then.
    global _migrating
    _migrating = True


def _migration_ended(**kwargs) -> None:
    global _migrating
    _migrating = False


def connect_signals() -> None:
    """Called by the app's ready(): watch every database connection."""
    connection_created.connect(watch, dispatch_uid="pagecache.watch")
    pre_migrate.connect(_migration_started, dispatch_uid="pagecache.pre_migrate")
    post_migrate.connect(_migration_ended, dispatch_uid="pagecache.post_migrate")


def record_version() -> int | None:
    """The record's version, or None before anything was written (not cached)."""
    with default_connection.cursor() as cursor:
        cursor.execute(READ_VERSION)
        row = cursor.fetchone()
    return row[0] if row else None


def page_key(request: HttpRequest, version: int, day: dt.date | None = None) -> str:
    """The page's key under the record's version and the day (`day`, default
    today): a page that draws up to today (a member's terms on its timeline, the
    current year) is drawn again on the next day."""
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{version}:{(day or timezone.localdate()).isoformat()}:{address}"


def csrf_placeholder(request: HttpRequest) -> dict[str, str]:
    """Context processor: the placeholder for {% csrf_token %} while a page is
    rendered for the cache (nothing otherwise)."""
    placeholder = getattr(request, PLACEHOLDER_ATTRIBUTE, None)
    return {"csrf_token": placeholder} if placeholder else {}


def _render(view: Callable, request: HttpRequest, args, kwargs) -> tuple[HttpResponse, dict | None]:
    """The view's answer, and what to cache of it (None: not cacheable)."""
    placeholder = secrets.token_hex(16)
    setattr(request, PLACEHOLDER_ATTRIBUTE, placeholder)
    try:
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)):
            response.render()  # a TemplateResponse (class-based views)
    finally:
        delattr(request, PLACEHOLDER_ATTRIBUTE)
    if response.streaming:
        return response, None
    has_form = placeholder.encode() in response.content
    entry = {
        "content": response.content,
        "headers": dict(response.items()),
        "placeholder": placeholder.encode() if has_form else None,
        # Compressed once, here: a page with a form (its CSRF token) never is.
        "gzip": gzipped(response.content) if not has_form and compressible(response) else None,
    }
    if response.status_code != 200 or response.cookies:
        response.content = _filled(request, entry)
        return response, None
    return response, entry


def _filled(request: HttpRequest, entry: dict) -> bytes:
    """The cached content with the requester's own CSRF token in its forms."""
    if not entry["placeholder"]:
        return entry["content"]
    return entry["content"].replace(entry["placeholder"], get_token(request).encode())


def _answer(request: HttpRequest, entry: dict) -> HttpResponse:
    if entry.get("gzip") and accepts_gzip(request):
        return mark_gzipped(HttpResponse(entry["gzip"], headers=entry["headers"]))
    response = HttpResponse(_filled(request, entry), headers=entry["headers"])
    if entry.get("gzip"):
        patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cached_page(view: Callable) -> Callable:
    """A view's answers from the cache for readers who are not signed in."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        version = record_version()
        if version is None:
            return view(request, *args, **kwargs)
        key = page_key(request, version)
        entry = cache.get(key)
        if entry is None:
            response, entry = _render(view, request, args, kwargs)
            if entry is None:
                return response
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        return _answer(request, entry)

    cached_view.page_cached = True
    return cached_view


def cached_patterns(
    urls: tuple[list, str, str], leave: frozenset[str] = frozenset()
) -> tuple[list, str, str]:
    """An include's URL patterns (patterns, app name, namespace: django-ninja's
    `api.urls`), each view's answers from the cache (cached_page) but those
    named in `leave`."""
    patterns, app_name, namespace = urls
    cached = [
        pattern
        if pattern.name in leave
        else URLPattern(
            pattern.pattern, cached_page(pattern.callback), pattern.default_args, pattern.name
        )
        for pattern in patterns
    ]
    return cached, app_name, namespace
