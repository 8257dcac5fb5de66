"""Public pages sent compressed (gzip), never a page that carries a CSRF token.

A page holding a secret beside text a reader can make it echo (a search term, say)
can leak the secret through the compressed length (BREACH). The only secret the
site's pages hold is the CSRF token, so a page that used one this request (one
with a form: a vote's or member's page with its error report, the admin's pages)
is sent as it is, and every other page, the larger part of the site, compressed.
Only HTML, Atom and JSON answers read whole are compressed here: downloads are
streamed files (CSV), and static files come compressed ahead of time from
whitenoise.

Cached pages keep their compressed bytes beside the plain ones, made once when
the page is stored (resolutions/pagecache.py), so a page from the cache is not
compressed again on each request.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

COMPRESSED_TYPES = ("text/html", "application/atom+xml", "application/json")
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# Below this a compressed answer is no smaller (GZipMiddleware's own threshold).
SMALLEST = 200


def carries_csrf_token(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this answer may hold a CSRF token: get_token was called for it, which
    flags the request and, once the CSRF middleware or a view's csrf_protect has
    answered, sets the token's cookie on the response. (With the token kept in the
    session there is no cookie to tell: then any request that has a token.)"""
    if settings.CSRF_USE_SESSIONS:
        return "CSRF_COOKIE" in request.META
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or settings.CSRF_COOKIE_NAME in response.cookies
    )


def compressible(response: HttpResponse) -> bool:
    """A whole (not streamed) answer of a compressed type, not already encoded."""
    return (
        not response.streaming
        and not response.has_header("Content-Encoding")
        and response.get("Content-Type", "").split(";")[0].strip() in COMPRESSED_TYPES
        and len(response.content) >= SMALLEST
    )


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("accept-encoding", "")))


def gzipped(content: bytes) -> bytes:
    """The content compressed as GZipMiddleware does (with its random padding)."""
    return compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)


def mark_gzipped(response: HttpResponse) -> HttpResponse:
    """Headers of an answer whose content is already gzip."""
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(response.content))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for pages without a CSRF token only."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if carries_csrf_token(request, response) or not compressible(response):
            return response
        return super().process_response(request, response)
