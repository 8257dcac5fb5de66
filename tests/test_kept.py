"""Figures kept by the database (resolutions/kept.py, migrations 0011, 0012, 0017,
0018 and 0022): after every kind of write to the votes, to a record or to its
topics, each member's votes per year equal the same count over every vote, the
ballots of each day equal the recorded votes read one by one (together.ballots),
each topic's votes per day and outcome, and its vetoes cast by each member,
equal those of its votes counted one by one, and the records of each day by
outcome, adoption without a vote, review and whether a veto or a vote against
is among their positions equal the records read one by one (and the home page's
totals and drafts vetoed per year, read from them, the same counts over every
record)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractYear
from factories import council, many_votes, resolution

from resolutions import kept
from resolutions.kept import DayBallot, DayRecords, MemberYear, RecordText, TopicDay, TopicVetoes
from resolutions.members import council_terms
from resolutions.models import MemberState, Resolution, Topic, Vote
from resolutions.rules import Outcome, Position
from resolutions.together import ballots

pytestmark = pytest.mark.django_db


def years_now() -> Counter:
    """(member, year, counted position, needs review) -> votes, over every vote."""
    rows = (
        Vote.objects.with_counted_position()
        .values_list(
            "member_id",
            ExtractYear("resolution__date"),
            "counted_position",
            "resolution__review_status",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return Counter(
        {
            (code, year, p, review == Resolution.Review.NEEDS_REVIEW): n
            for code, year, p, review, n in rows
        }
    )


def years_kept() -> Counter:
    rows = MemberYear.objects.filter(votes__gt=0).values_list(
        "member_id", "year", "position", "flagged", "votes"
    )
    assert not MemberYear.objects.filter(votes__lt=0).exists()
    return Counter({(code, year, p, flagged): n for code, year, p, flagged, n in rows})


def days_now() -> Counter:
    """(day, positions) -> how many recorded votes, each vote read."""
    return Counter((b.on, frozenset(b.positions.items())) for b in ballots(Vote.objects.all()))


def days_kept() -> Counter:
    found: Counter = Counter()
    for ballot in kept.day_ballots():
        found[(ballot.on, frozenset(ballot.positions.items()))] += ballot.times
    return found


def tally_only_now(member) -> dict[int, int]:
    rows = (
        Resolution.objects.tally_only_while_seated(member)
        .values_list(ExtractYear("date"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return dict(sorted(rows))


def terms_of(member) -> list:
    return council_terms(member).get(member.code, [])


def tally_only_vetoes_now(member) -> list[tuple[dt.date, int]]:
    """The days of the member's vetoes at tally-only votes, each vote read."""
    rows = (
        Vote.objects.filter(
            member=member,
            position=Position.VETO,
            resolution__votes_recorded=False,
            resolution__adopted_without_vote=False,
        )
        .values_list("resolution__date")
        .annotate(n=Count("pk"))
        .order_by("resolution__date")
    )
    return list(rows)


def topic_days_now() -> Counter:
    """(topic, day, outcome) -> votes, each vote's topics read."""
    found: Counter = Counter()
    for record in Resolution.objects.prefetch_related("topics"):
        for topic in record.topics.all():
            found[(topic.pk, record.date, record.outcome)] += 1
    return found


def topic_days_kept() -> Counter:
    rows = TopicDay.objects.values_list("topic_id", "date", "outcome", "votes")
    # No row for a day without a vote, and never a count below one.
    assert not TopicDay.objects.filter(votes__lt=1).exists()
    return Counter({(topic, on, outcome): n for topic, on, outcome, n in rows})


def topic_vetoes_now() -> Counter:
    """(topic, member) -> vetoes cast (Vote.objects.vetoes()), each vote's topics read."""
    found: Counter = Counter()
    for vote in Vote.objects.vetoes().prefetch_related("resolution__topics"):
        for topic in vote.resolution.topics.all():
            found[(topic.pk, vote.member_id)] += 1
    return found


def topic_vetoes_kept() -> Counter:
    assert not TopicVetoes.objects.filter(vetoes__lt=1).exists()
    rows = TopicVetoes.objects.values_list("topic_id", "member_id", "vetoes")
    return Counter({(topic, code): n for topic, code, n in rows})


def day_records_now() -> Counter:
    """(day, outcome, without a vote, needs review, a veto among its positions, a
    vote against among them) -> records, each record and its votes read."""
    held = defaultdict(set)
    for record, position in Vote.objects.values_list("resolution_id", "position"):
        held[record].add(position)
    return Counter(
        (on, outcome, without, review == Resolution.Review.NEEDS_REVIEW)
        + (Position.VETO in held[pk], Position.AGAINST in held[pk])
        for pk, on, outcome, without, review in Resolution.objects.values_list(
            "pk", "date", "outcome", "adopted_without_vote", "review_status"
        )
    )


def day_records_kept() -> Counter:
    assert not DayRecords.objects.filter(records__lt=1).exists()
    rows = DayRecords.objects.values_list(
        "date", "outcome", "without_vote", "flagged", "veto", "against", "records"
    )
    return Counter({tuple(row[:-1]): row[-1] for row in rows})


def totals_now() -> dict:
    """The home page's totals, counted over every record."""
    return Resolution.objects.aggregate(
        votes=Count("pk"),
        adopted=Count("pk", filter=Q(outcome=Outcome.ADOPTED)),
        failed=Count("pk", filter=Q(outcome=Outcome.FAILED)),
        vetoed=Count("pk", filter=Q(outcome=Outcome.VETOED)),
        without_vote=Count("pk", filter=Q(adopted_without_vote=True)),
        needs_review=Count("pk", filter=Q(review_status=Resolution.Review.NEEDS_REVIEW)),
        first=Min("date"),
        last=Max("date"),
    )


def vetoed_drafts_now() -> dict[int, int]:
    """Year -> drafts with a veto cast, each once, over every vote."""
    rows = (
        Vote.objects.vetoes()
        .values_list(ExtractYear("resolution__date"))
        .annotate(n=Count("resolution_id", distinct=True))
        .order_by()
    )
    return dict(rows)


TEXT_FIELDS = ("title", "subject", "agenda_item", "draft_symbol", "draft_note", "meeting")


def texts_now() -> dict:
    """Record -> its texts, one a line, then its topics' names (in no set
    order: sorted here), each record and its topics read; in no set case (the
    databases' UPPER differ outside ASCII: casefolded here); and its day."""
    found = {}
    for record in Resolution.objects.prefetch_related("topics"):
        fields = "\n".join(getattr(record, name) for name in TEXT_FIELDS)
        names = sorted(topic.name.casefold() for topic in record.topics.all())
        found[record.pk] = (fields.casefold(), names, record.date)
    return found


def texts_kept() -> dict:
    found = {}
    for record, text, day in RecordText.objects.values_list("resolution_id", "text", "date"):
        # The six texts, then the names; a text may hold a line break itself.
        parts = text.casefold().split("\n")
        fields = Resolution.objects.filter(pk=record).values_list(*TEXT_FIELDS).get()
        lines = sum(field.count("\n") + 1 for field in fields)
        kept_names = sorted(part for part in parts[lines:] if part)
        found[record] = ("\n".join(parts[:lines]), kept_names, day)
    return found


def check(*members) -> None:
    assert texts_kept() == texts_now()
    assert years_kept() == years_now()
    assert day_records_kept() == day_records_now()
    assert kept.record_totals() == totals_now()
    kept_drafts = kept.vetoed_drafts_per_year().values_list("year", "drafts")
    assert dict(kept_drafts) == vetoed_drafts_now()
    assert days_kept() == days_now()
    assert topic_days_kept() == topic_days_now()
    assert topic_vetoes_kept() == topic_vetoes_now()
    for state in members:
        tally_only = kept.tally_only_of(state, terms_of(state))
        assert tally_only.not_recorded == tally_only_now(state), state.code
        assert tally_only.vetoes == tally_only_vetoes_now(state), state.code


def test_kept_figures_follow_every_write_to_votes_and_records():
    waa, wab, wac, wad = council("W", permanent=1, elected=3)
    check()  # the bundled record, counted by the migration and the loads since
    vetoed = resolution(
        on=dt.date(2977, 1, 1),
        draft_symbol="S/2977/1",
        positions={Position.VETO: [waa], Position.FOR: [wab], Position.ABSTAIN: [wac]},
        outcome=Outcome.VETOED,
    )
    # Two votes of one day with the same positions: one kept row, twice.
    same = [
        resolution(
            on=dt.date(2977, 2, 1),
            draft_symbol=f"S/2977/{n}",
            positions={Position.FOR: [waa, wab], Position.NON_VOTING: [wac]},
        )
        for n in (2, 3)
    ]
    check()
    assert [b.times for b in kept.day_ballots(dt.date(2977, 2, 1), dt.date(2977, 2, 1))] == [2]
    assert MemberYear.objects.filter(member=waa, year=2977, position=Position.VETO).values(
        "votes"
    ).get() == {"votes": 1}
    # A vote added, changed by save() and by a bulk update, moved to another record.
    Vote.objects.create(resolution=same[0], member=wad, position=Position.AGAINST)
    check()
    vote = Vote.objects.get(resolution=same[0], member=wab)
    vote.position = Position.ABSTAIN
    vote.save()
    check()
    Vote.objects.filter(resolution=same[1]).update(position=Position.AGAINST)
    check()
    Vote.objects.filter(resolution=same[1], member=wad).update(resolution=vetoed)
    Vote.objects.filter(resolution=same[0], member=wad).update(resolution=same[1])
    check()
    # The record's outcome, date, review status and whether its votes are on record.
    vetoed.outcome = Outcome.FAILED
    vetoed.save()
    check()
    Resolution.objects.filter(pk=vetoed.pk).update(outcome=Outcome.VETOED, date=dt.date(2976, 5, 5))
    check()
    Resolution.objects.filter(pk=same[0].pk).update(review_status=Resolution.Review.NEEDS_REVIEW)
    Resolution.objects.filter(pk=same[1].pk).update(votes_recorded=False)
    check()
    Resolution.objects.filter(pk=same[1].pk).update(votes_recorded=True)
    check()
    # Tally-only records (only the vetoes stored, or nothing): each member seated
    # sat through them without its position on record, but for the one vetoing.
    only_tally = resolution(
        on=dt.date(2977, 4, 1),
        draft_symbol="S/2977/4",
        positions={Position.VETO: [waa]},
        outcome=Outcome.VETOED,
        votes_recorded=False,
    )
    nothing = resolution(
        on=dt.date(2977, 4, 1), draft_symbol="S/2977/5", positions={}, votes_recorded=False
    )
    check(waa, wab, wac)
    assert kept.tally_only_of(waa, terms_of(waa)).not_recorded == {2977: 1}
    assert kept.tally_only_of(waa, terms_of(waa)).vetoes == [(dt.date(2977, 4, 1), 1)]
    assert kept.tally_only_of(wab, terms_of(wab)).not_recorded[2977] == 2
    Resolution.objects.filter(pk=nothing.pk).update(adopted_without_vote=True)
    Resolution.objects.filter(pk=only_tally.pk).update(date=dt.date(2978, 1, 1))
    check(waa, wab, wac)
    Vote.objects.create(resolution=only_tally, member=wab, position=Position.FOR)
    Resolution.objects.filter(pk=nothing.pk).update(adopted_without_vote=False)
    check(waa, wab, wac)
    Resolution.objects.filter(pk=only_tally.pk).update(votes_recorded=True)
    check(waa, wab, wac)
    nothing.delete()
    only_tally.delete()
    check(waa, wab, wac)
    # Votes removed one by one, in bulk, and with their record.
    Vote.objects.filter(resolution=vetoed, member=wac).delete()
    check()
    Vote.objects.filter(resolution=same[0]).delete()
    check()
    same[1].delete()
    vetoed.delete()
    check()
    assert not kept.day_ballots(dt.date(2976, 1, 1), dt.date(2977, 12, 31))


def test_kept_figures_of_votes_written_in_bulk():
    members = council("X", permanent=5, elected=10)
    many_votes(60, members, start_year=2981)
    # Every member that sat, over the bundled record and these.
    check(*MemberState.objects.filter(terms__isnull=False).distinct())
    Vote.objects.filter(member__in=members[:3], resolution__date__year=2981).update(
        position=Position.ABSTAIN
    )
    check()
    Vote.objects.filter(member=members[4]).delete()
    check()


def test_a_ballots_text_is_written_back_from_its_positions_and_read_for_two_members():
    """The split votes of a comparison are found by their kept text
    (together.splits_on_page): written from the positions, it is the text the
    database keeps, for every day's ballot; and the days' ballots of two members
    are those where both have a position."""
    members = council("X", permanent=5, elected=10)
    many_votes(30, members, start_year=2981)
    rows = DayBallot.objects.values_list("ballot", flat=True)
    assert rows and all(kept.ballot_text(kept.positions(text)) == text for text in rows)
    Vote.objects.filter(member=members[0], resolution__date__month=1).delete()
    both = kept.day_ballots(members=("XAA", "XAB"))
    assert both and all({"XAA", "XAB"} <= set(ballot.positions) for ballot in both)
    every = [b for b in kept.day_ballots() if {"XAA", "XAB"} <= set(b.positions)]
    assert both == every


def test_taking_away_a_figure_whose_row_is_gone_writes_no_row():
    """Emptying the kept tables before the votes (as a flush does, in no set
    order) leaves them empty: a vote or ballot taken away whose row is not there
    changes nothing, never writes a row of -1."""
    members = council("Y", permanent=5, elected=10)
    many_votes(4, members, start_year=2983, topic="Emptied question")
    resolution(
        on=dt.date(2984, 3, 1),
        draft_symbol="S/2984/1",
        positions={Position.AGAINST: members[5:6]},
        votes_recorded=False,
    )
    MemberYear.objects.all().delete()
    kept.DayBallot.objects.all().delete()
    kept.DayTallyOnly.objects.all().delete()
    TopicDay.objects.all().delete()
    TopicVetoes.objects.all().delete()
    DayRecords.objects.all().delete()
    made = Resolution.objects.filter(date__year__gte=2983)
    made.update(review_status=Resolution.Review.NEEDS_REVIEW)
    Vote.objects.filter(member__in=members[:2]).update(position=Position.ABSTAIN)
    Vote.objects.filter(resolution__in=made).delete()
    made.delete()
    # What was added after the emptying was taken away again: every row at none.
    assert not MemberYear.objects.exclude(votes=0).exists()
    assert not kept.DayBallot.objects.exclude(times=0).exists()
    assert not kept.DayTallyOnly.objects.exclude(times=0).exists()
    assert not TopicDay.objects.exists()
    assert not TopicVetoes.objects.exists()
    assert not DayRecords.objects.exists()


def test_a_record_s_topics_taken_away_after_the_record_write_no_text():
    """Emptying the records before their links to topics (as a flush does, in no
    set order, the database's own checks of the links deferred): taking the links
    away, or renaming a topic, writes no text for a record that is gone (a text of
    none, which the kept texts refuse), and leaves the other records' texts right."""
    from django.db import connection

    members = council("V", permanent=1, elected=2)
    many_votes(3, members, start_year=2985, topic="Flushed question")
    gone, *kept_records = Resolution.objects.filter(date__year=2985).order_by("pk")
    topic = Topic.objects.get(name="Flushed question")
    # What else refers to it goes first (the database checks those links at the
    # test's end).
    gone.votes.all().delete()
    gone.sources.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM resolutions_resolution WHERE id = %s", [gone.pk])
        topic.name = "Renamed question"
        topic.save()
        cursor.execute(
            "DELETE FROM resolutions_resolution_topics WHERE resolution_id = %s", [gone.pk]
        )
    texts = dict(RecordText.objects.values_list("resolution_id", "text"))
    assert texts[gone.pk] is not None
    for record in kept_records:
        assert texts[record.pk].endswith("\nRENAMED QUESTION")
        assert texts[record.pk].startswith(record.title.upper())
    # The gone record's own kept rows go with it (as their cascades do).
    RecordText.objects.filter(resolution_id=gone.pk).delete()
    kept.RecordBallot.objects.filter(resolution_id=gone.pk).delete()


def test_kept_topic_days_follow_every_write_to_topics_and_records():
    waa, wab, wac = council("W", permanent=1, elected=2)
    ids = Topic.ids_for({("topic", "Reef"), ("region", "Open sea"), ("category", "Shoals")})
    reef, sea, shoals = (
        ids[k] for k in [("topic", "Reef"), ("region", "Open sea"), ("category", "Shoals")]
    )
    first, second, third = (
        resolution(
            on=dt.date(2979, 3, day),
            draft_symbol=f"S/2979/{n}",
            positions={Position.FOR: [waa, wab, wac]},
        )
        for n, day in enumerate((1, 1, 2), start=1)
    )
    # Topics given one by one, several at once, and in bulk.
    first.topics.add(reef)
    second.topics.add(reef, sea)
    Resolution.topics.through.objects.bulk_create(
        [Resolution.topics.through(resolution=third, topic_id=t) for t in (reef, shoals)]
    )
    check()
    assert TopicDay.objects.get(topic_id=reef, date=dt.date(2979, 3, 1)).votes == 2
    # Taken off one by one, all at once, and given again.
    second.topics.remove(reef)
    check()
    third.topics.clear()
    check()
    third.topics.set([sea, shoals])
    check()
    # A link moved to another record or topic.
    Resolution.topics.through.objects.filter(resolution=second, topic_id=sea).update(
        resolution=first
    )
    Resolution.topics.through.objects.filter(resolution=third, topic_id=shoals).update(
        topic_id=reef
    )
    check()
    # The record's outcome and day, by save() and by update(); a save changing
    # neither.
    first.outcome = Outcome.FAILED
    first.save()
    check()
    first.date = dt.date(2979, 3, 3)
    first.save()
    check()
    Resolution.objects.filter(pk=third.pk).update(date=dt.date(2979, 3, 1), outcome=Outcome.VETOED)
    check()
    second.title = "Another title"
    second.save()
    check()
    # The texts the search reads: changed by update(), a topic renamed.
    Resolution.objects.filter(pk=third.pk).update(agenda_item="Reef shoals", draft_note="Rev.1")
    Topic.objects.filter(pk=reef).update(name="Coral reef")
    check()
    assert RecordText.objects.get(resolution=third).text.startswith(
        "\n".join(Resolution.objects.filter(pk=third.pk).values_list(*TEXT_FIELDS).get()).upper()
    )
    # The importer's way: a record's topics deleted and written anew in bulk.
    Resolution.topics.through.objects.filter(resolution__in=[first, third]).delete()
    Resolution.topics.through.objects.bulk_create(
        [
            Resolution.topics.through(resolution=record, topic_id=t)
            for record in (first, third)
            for t in (reef, sea)
        ]
    )
    check()
    # A record deleted with its topics; a topic deleted with its links.
    first.delete()
    check()
    Topic.objects.filter(pk=sea).delete()
    check()
    third.delete()
    second.delete()
    check()
    assert not TopicDay.objects.filter(topic_id__in=[reef, shoals]).exists()


def test_kept_topic_vetoes_follow_every_write_to_vetoes_records_and_topics():
    waa, wab, wac, wad = council("V", permanent=2, elected=2)
    ids = Topic.ids_for({("topic", "Strait"), ("region", "Narrows")})
    strait, narrows = ids[("topic", "Strait")], ids[("region", "Narrows")]
    one, two = (
        resolution(
            on=dt.date(2987, 5, n),
            draft_symbol=f"S/2987/{n}",
            positions={Position.VETO: [waa], Position.FOR: [wab, wac, wad]},
            outcome=Outcome.VETOED,
        )
        for n in (1, 2)
    )
    # Topics given to drafts already vetoed, one by one and in bulk.
    one.topics.add(strait, narrows)
    Resolution.topics.through.objects.bulk_create(
        [Resolution.topics.through(resolution=two, topic_id=strait)]
    )
    check()
    assert TopicVetoes.objects.get(topic_id=strait, member=waa).vetoes == 2
    # A veto added, changed by save() and by update(), moved, and deleted.
    Vote.objects.filter(resolution=one, member=wab).update(position=Position.VETO)
    check()
    vote = Vote.objects.get(resolution=two, member=waa)
    vote.position = Position.AGAINST
    vote.save()
    check()
    Vote.objects.filter(resolution=two, member=wab).delete()
    Vote.objects.filter(resolution=one, member=wab).update(resolution=two)
    check()
    Vote.objects.create(resolution=one, member=wab, position=Position.VETO)
    check()
    Vote.objects.filter(resolution=two, member=wab).delete()
    check()
    # A veto on a draft recorded otherwise is no veto cast: the outcome changed
    # from vetoed and back, by save() and by update(); a change that is no change.
    one.outcome = Outcome.FAILED
    one.save()
    check()
    Resolution.objects.filter(pk=one.pk).update(outcome=Outcome.VETOED)
    check()
    Resolution.objects.filter(pk=two.pk).update(outcome=Outcome.ADOPTED)
    Resolution.objects.filter(pk=two.pk).update(outcome=Outcome.ADOPTED, date=dt.date(2987, 6, 1))
    check()
    # Topics taken off, moved and written anew; a record, a topic deleted.
    one.topics.remove(narrows)
    check()
    Resolution.topics.through.objects.filter(resolution=one).update(topic_id=narrows)
    check()
    Resolution.topics.through.objects.filter(resolution=one).delete()
    one.topics.set([strait, narrows])
    check()
    Topic.objects.filter(pk=narrows).delete()
    check()
    one.delete()
    check()
    two.delete()
    check()
    assert not TopicVetoes.objects.filter(member__in=[waa, wab]).exists()
