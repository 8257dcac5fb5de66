"""What base.html needs on every page."""

from __future__ import annotations

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The page's canonical address: its path without the query string, on the
    host it was asked for (ALLOWED_HOSTS guards which)."""
    return {"canonical_url": request.build_absolute_uri(request.path)}
