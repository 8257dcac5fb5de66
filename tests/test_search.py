"""What a query finds (resolutions/search.py, text_query): resolution numbers in
any usual form, draft symbols, words of the subject in any order, topics, and
places and states by their other names; on records of our own."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from factories import council, resolution

from resolutions.models import Resolution, Topic
from resolutions.search import text_query


def found(query: str) -> set[str]:
    return set(Resolution.objects.filter(text_query(query)).values_list("slug", flat=True))


@pytest.fixture
def votes(db):
    members = council()
    everyone = {"for": members}
    adopted = resolution(
        on=dt.date(2093, 3, 1),
        resolution_number=9876,
        draft_symbol="S/2093/41",
        title="Humanitarian corridors into the northern valley",
        positions=everyone,
    )
    korea = resolution(
        on=dt.date(2093, 4, 1),
        draft_symbol="S/2093/52",
        title="",
        agenda_item="Non-proliferation/Democratic People’s Republic of Korea",
        positions=everyone,
    )
    topical = resolution(
        on=dt.date(2093, 5, 1), draft_symbol="S/2093/60", title="", positions=everyone
    )
    topical.topics.set(Topic.ids_for({("topic", "Lagoon Republic")}).values())
    other = resolution(
        on=dt.date(2093, 6, 1),
        resolution_number=19876,
        draft_symbol="S/2093/98",
        title="Sanctions on the trade in charcoal",
        positions=everyone,
    )
    return {"adopted": adopted, "korea": korea, "topical": topical, "other": other}


@pytest.mark.parametrize(
    "query", ["9876", "resolution 9876", "Resolution 9876 (2093)", "res. 9876", "S/RES/9876"]
)
def test_a_resolution_number_in_any_usual_form(votes, query):
    assert votes["adopted"].slug in found(query)
    assert votes["other"].slug not in found(query)


def test_a_resolution_symbol_with_another_year_finds_nothing(votes):
    assert found("S/RES/9876 (2092)") == set()
    assert found("S/RES/9876 (2093)") == {votes["adopted"].slug}


def test_a_draft_symbol_finds_its_vote(votes):
    assert found("S/2093/52") == {votes["korea"].slug}
    assert found("s/2093/52") == {votes["korea"].slug}


def test_words_of_the_subject_in_any_order(votes):
    assert votes["adopted"].slug in found("valley corridors")
    assert votes["adopted"].slug in found("humanitarian corridors")
    assert votes["adopted"].slug not in found("valley charcoal")


def test_a_topic_by_its_name(votes):
    assert found("Lagoon Republic") == {votes["topical"].slug}


@pytest.mark.parametrize("query", ["North Korea", "DPRK", "Democratic People's Republic of Korea"])
def test_a_place_by_its_other_names_and_either_apostrophe(votes, query):
    assert votes["korea"].slug in found(query)


def test_a_member_state_by_another_of_its_spellings(votes):
    votes["other"].title = "Sanctions concerning the United Kingdom of Great Britain"
    votes["other"].save()
    assert votes["other"].slug in found("Britain")
    # "UK" is an alias of the United Kingdom in the bundled members.csv.
    assert votes["other"].slug in found("UK")


@pytest.mark.django_db
def test_a_search_is_one_union_of_ids_and_postgresql_reads_it_through_trigram_indexes():
    """At a hundred times the record a search read every vote (1-3 s). Now each
    reading of the query (the texts, the topics' names, each word) is a query of
    ids, all joined in one UNION that the vote's id must be in; on PostgreSQL each
    text's trigram index (migration 0014) answers its part. The planner is told to
    avoid reading whole tables, as it would on a large record."""
    found = Resolution.objects.filter(text_query("Syria chemical")).values("pk")
    sql, params = found.query.sql_with_params()
    # On PostgreSQL the ids are read first, once, then each vote by its key (AmongIds).
    among = "= ANY\\(ARRAY\\(" if connection.vendor == "postgresql" else "IN "
    assert re.match(
        rf'"resolutions_resolution"."id" {among}\(\(?SELECT', sql.split(" WHERE ", 1)[1]
    )
    assert "UNION" in sql
    if connection.vendor != "postgresql":
        return  # SQLite has no such index: it reads every vote, with the same results
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for field in ("title", "subject", "agenda_item", "draft_symbol", "draft_note", "meeting"):
        assert f"resolution_{field}_trgm" in plan, plan
    assert "Seq Scan on resolutions_resolution " not in plan, plan


@pytest.mark.django_db
def test_a_topics_votes_are_read_by_the_links_index_on_the_topic():
    """The topics whose names hold the query are found first (a few hundred
    names), and their votes then through the links' index on the topic: not every
    link read and its topic's name compared in turn."""
    found = Resolution.objects.filter(text_query("Lagoon Republic")).values("pk")
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
    links = "resolutions_resolution_topics"
    assert re.search(rf"(Index|SEARCH).*({links}|V0).*topic_id", plan, re.IGNORECASE), plan
