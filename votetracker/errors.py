"""Error pages in the site's own layout (templates/404.html, 500.html, 503.html).
With the database unavailable, a page answers 503 "try again later" (with
Retry-After), not a bare 500."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 60


def unavailable(request: HttpRequest | None = None) -> HttpResponse:
    """The 503 page. Rendered without the request's context processors: they may
    read the session, which lives in the database."""
    page = loader.get_template("503.html").render({})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A view (or its template) that cannot reach the database answers 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError) and not _is_query_error(
            exception
        ):
            log.error("Database unavailable: %s", exception)
            return unavailable(request)
        return None


def _is_query_error(exception: Exception) -> bool:
    """SQLite reports a bad query (a pattern too complex, say) as OperationalError
    too: that is a bug to see as a 500, not the database being down."""
    text = str(exception).lower()
    return any(
        words in text for words in ("syntax error", "no such", "too complex", "has no column")
    )
