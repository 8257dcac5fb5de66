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
def test_a_search_reads_one_kept_text_and_postgresql_its_trigram_index():
    """At a hundred times the record a search read every vote (1-3 s), then a UNION
    of six texts' and the topics' ids for each word (250-500 ms for "Middle
    East"). Now every word and name is a condition on one kept text of each vote
    (kept.RecordText: its texts and topics' names), read through its trigram
    index on PostgreSQL (migration 0024); the vote's id must be among those
    found. The planner is told to avoid reading whole tables, as it would on a
    large record."""
    found = Resolution.objects.filter(text_query("Syria chemical")).values("pk")
    sql, params = found.query.sql_with_params()
    # On PostgreSQL the ids are read first, once, then each vote by its key (AmongIds).
    among = "= ANY\\(ARRAY\\(" if connection.vendor == "postgresql" else "IN "
    assert re.match(
        rf'"resolutions_resolution"."id" {among}\(?\(?SELECT', sql.split(" WHERE ", 1)[1]
    )
    assert "resolutions_recordtext" in sql
    assert "UNION" not in sql and "resolutions_resolution_topics" not in sql
    if connection.vendor != "postgresql":
        return  # SQLite has no such index: it reads every text, with the same results
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "record_text_trgm" in plan, plan
    assert "Seq Scan on resolutions_recordtext " not in plan, plan


@pytest.mark.django_db
def test_a_phrase_is_found_within_one_text_or_name_never_across_two():
    members = council()
    split = resolution(
        on=dt.date(2093, 7, 1),
        draft_symbol="S/2093/70",
        title="Fisheries of the north",
        agenda_item="ern waters",
        positions={"for": members},
    )
    split.topics.set(Topic.ids_for({("topic", "Reef 100%_sure")}).values())
    assert split.slug not in found("northern")
    # Several words: each word in any of the texts or names.
    assert split.slug in found("north ern") & found("Fisheries Reef")
    # A LIKE's wildcards are looked for as they are written.
    assert split.slug in found("100%_sure")
    assert split.slug not in found("100_%sure") | found("Fish%s")
    # A topic renamed: its votes are found by its new name, no longer by the old.
    Topic.objects.filter(name="Reef 100%_sure").update(name="Atoll")
    assert split.slug in found("atoll")
    assert split.slug not in found("Reef")
