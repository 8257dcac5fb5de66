from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("resolutions/<slug:slug>/", views.resolution_detail, name="resolution_detail"),
    path("members/<str:code>/", views.member_detail, name="member_detail"),
]
