from django.contrib import admin
from django.urls import include, path

from resolutions.api import api

admin.site.site_header = "UN Security Council vote tracker: editors"
admin.site.site_title = "Vote tracker admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("resolutions.urls")),
]
