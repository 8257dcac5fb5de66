"""One resource, several formats at sibling URLs (README.md documents the CSV columns)."""

from django.urls import path

from . import feeds, pages, reports, search, together, views

urlpatterns = [
    path("", views.home, name="home"),
    path("resolutions/", views.ResolutionList.as_view(), name="resolution_list"),
    path("resolutions.csv", views.resolution_export, {"format": "csv"}, name="resolution_list_csv"),
    path(
        "resolutions.json",
        views.resolution_export,
        {"format": "json"},
        name="resolution_list_json",
    ),
    path("resolutions/<slug:slug>/", views.resolution_detail, name="resolution_detail"),
    path(
        "resolutions/<slug:slug>/votes.csv",
        views.resolution_votes_csv,
        name="resolution_votes_csv",
    ),
    path("members/", views.member_list, name="member_list"),
    path("members.csv", views.member_list_csv, name="member_list_csv"),
    path("members/<str:code>/", views.member_detail, name="member_detail"),
    path("members/<str:code>/votes.csv", views.member_votes_csv, name="member_votes_csv"),
    path("export/votes.csv", views.all_votes_csv, name="all_votes_csv"),
    path("compare/", together.compare, name="compare"),
    path("compare.csv", together.compare_csv, name="compare_csv"),
    path("agreement/", together.agreement_matrix, name="agreement"),
    path("agreement.csv", together.agreement_csv, name="agreement_csv"),
    path("alignment/", together.alignment, name="alignment"),
    path("alignment.csv", together.alignment_csv, name="alignment_csv"),
    path("about/", pages.about, name="about"),
    path("methodology/", pages.methodology, name="methodology"),
    path("glossary/", pages.glossary_page, name="glossary"),
    path("search/", search.search, name="search"),
    path("resolutions/<slug:slug>/report/", reports.report_vote, name="report_vote"),
    path("resolutions/<slug:slug>/report/sent/", reports.report_vote_sent, name="report_vote_sent"),
    path("members/<str:code>/report/", reports.report_member, name="report_member"),
    path("members/<str:code>/report/sent/", reports.report_member_sent, name="report_member_sent"),
    path("feeds/votes.atom", feeds.VoteFeed(), name="feed_votes"),
    path("feeds/members/<str:code>.atom", feeds.MemberVoteFeed(), name="feed_member"),
]
