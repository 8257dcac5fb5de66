from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from resolutions.api import api
from resolutions.pagecache import cached_patterns

admin.site.site_header = "UN Security Council vote tracker: editors"
admin.site.site_title = "Vote tracker admin"

# django-ninja's own views' names.
NOT_OF_THE_RECORD = frozenset({"openapi-json", "openapi-view", "api-root"})


def healthz(request):
    """The load balancer's liveness check: the process answers (no database read).
    Also the floor of `make loadtest`: the cheapest answer through the middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # The API's answers from the cache, as the pages' (resolutions/pagecache.py);
    # not its schema, docs and root, which read nothing of the record.
    path("api/", cached_patterns(api.urls, NOT_OF_THE_RECORD)),
    # Browsers ask for /favicon.ico on pages that name none (the admin's).
    # (static() at request time: production's hashed name is known only after collectstatic.)
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("", include("resolutions.urls")),
]
