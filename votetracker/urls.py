from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from resolutions.api import api

admin.site.site_header = "UN Security Council vote tracker: editors"
admin.site.site_title = "Vote tracker admin"


def healthz(request):
    """The load balancer's liveness check: the process answers (no database read).
    Also the floor of `make loadtest`: the cheapest answer through the middleware."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Browsers ask for /favicon.ico on pages that name none (the admin's).
    # (static() at request time: production's hashed name is known only after collectstatic.)
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("", include("resolutions.urls")),
]
