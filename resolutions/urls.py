"""One resource, several formats at sibling URLs (README.md documents the CSV columns).

`cached()` pages are served from the cache to readers who are not signed in, and
never older than the last write (pagecache.py), each search as well as each
filter of a list (an address of its own). Not cached: the pages that read
nothing of the record (about, methodology), the error-report forms and their
confirmations, and the streamed exports (/resolutions.csv and .json, /export/votes.csv)."""

from django.urls import path

from . import feeds, pages, reports, search, together, topic_pages, views
from .pagecache import cached_page as cached

urlpatterns = [
    path("", cached(views.home), name="home"),
    path("resolutions/", cached(views.ResolutionList.as_view()), name="resolution_list"),
    path("resolutions.csv", views.resolution_export, {"format": "csv"}, name="resolution_list_csv"),
    path(
        "resolutions.json",
        views.resolution_export,
        {"format": "json"},
        name="resolution_list_json",
    ),
    path("resolutions/<slug:slug>/", cached(views.resolution_detail), name="resolution_detail"),
    path(
        "resolutions/<slug:slug>/votes.csv",
        cached(views.resolution_votes_csv),
        name="resolution_votes_csv",
    ),
    path("members/", cached(views.member_list), name="member_list"),
    path("members.csv", cached(views.member_list_csv), name="member_list_csv"),
    path("members/<str:code>/", cached(views.member_detail), name="member_detail"),
    path("members/<str:code>/votes.csv", cached(views.member_votes_csv), name="member_votes_csv"),
    path("export/votes.csv", views.all_votes_csv, name="all_votes_csv"),
    path("topics/", cached(topic_pages.topic_list), name="topic_list"),
    path("topics.csv", cached(topic_pages.topic_list_csv), name="topic_list_csv"),
    path("topics/<slug:slug>/", cached(topic_pages.topic_detail), name="topic_detail"),
    path("compare/", cached(together.compare), name="compare"),
    path("compare.csv", cached(together.compare_csv), name="compare_csv"),
    path("agreement/", cached(together.agreement_matrix), name="agreement"),
    path("agreement.csv", cached(together.agreement_csv), name="agreement_csv"),
    path("alignment/", cached(together.alignment), name="alignment"),
    path("alignment.csv", cached(together.alignment_csv), name="alignment_csv"),
    path("about/", pages.about, name="about"),
    path("methodology/", pages.methodology, name="methodology"),
    path("glossary/", cached(pages.glossary_page), name="glossary"),
    path("search/", cached(search.search), name="search"),
    path("resolutions/<slug:slug>/report/", reports.report_vote, name="report_vote"),
    path("resolutions/<slug:slug>/report/sent/", reports.report_vote_sent, name="report_vote_sent"),
    path("members/<str:code>/report/", reports.report_member, name="report_member"),
    path("members/<str:code>/report/sent/", reports.report_member_sent, name="report_member_sent"),
    path("feeds/votes.atom", cached(feeds.VoteFeed()), name="feed_votes"),
    path("feeds/members/<str:code>.atom", cached(feeds.MemberVoteFeed()), name="feed_member"),
    path("feeds/topics/<slug:slug>.atom", cached(feeds.TopicVoteFeed()), name="feed_topic"),
]
