"""Finding votes as a reader means them, and /search/, the header's search box.

`text_query` is the one definition of what a query finds (the `q` filter of
/resolutions/ and its exports, a member's record, the API and /search/):

- a resolution number in any usual form: "2334", "resolution 2334", "res. 2334",
  "S/RES/2334", "S/RES/2334 (2016)" (the year, when given, must be the vote's);
- a draft symbol: "S/2017/315", "s/2017/315";
- otherwise words: the whole query, or each of its words, in the vote's title,
  subject, agenda item, draft symbol, note on the draft, meeting or the name of one
  of its topics; a place or state by another of its names ("North Korea", "DPRK"
  and "Democratic People's Republic of Korea"; "Britain" and "United Kingdom"),
  through ALSO_KNOWN_AS and the member states' own spellings.

Member states are found by code, name or any known spelling and listed first
when the query names one; then the topics whose name holds the query or each of
its words (`find_topics`), each linked to its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .kept import RecordText
from .models import MemberState, Resolution, Topic, normalise_name
from .tables import ResolutionTable, in_total_order

VOTES_SHOWN = 50
# The longest text searched for: longer is refused with its error (SQLite cannot
# match a LIKE pattern over 50,000 bytes, and no title is near this long).
MAX_TEXT_QUERY = 200

# ASCII digits only: `\d` also takes superscripts ("²") and other scripts' digits.
RESOLUTION_NUMBER = re.compile(
    r"^(?:(?:UN\s+|Security\s+Council\s+)*res(?:olution)?\.?\s*(?:no\.?\s*)?)?"
    r"(?:S\s*/\s*RES\s*/\s*)?([0-9]{1,6})(?:\s*\(\s*([0-9]{4})\s*\))?$",
    re.IGNORECASE,
)
RESOLUTION_SYMBOL = re.compile(r"S\s*/\s*RES\s*/\s*([0-9]+)", re.IGNORECASE)
DRAFT_SYMBOL = re.compile(r"^S\s*/\s*([0-9]{4}\s*/\s*)?[0-9]+(?:\s*/\s*Rev\.\s*[0-9]+)?$", re.I)
# The texts a query's words are looked for in, with the topics' names: kept in one
# text of each vote by the database (kept.RecordText, migration 0024).
TEXT_FIELDS = ("title", "subject", "agenda_item", "draft_symbol", "draft_note", "meeting")
# Words too common to look for on their own.
STOPWORDS = {"the", "of", "in", "on", "and", "a", "an", "to", "for", "by", "at", "with", "vote"}
# Places and states by the other names readers and the sources use (lower case
# -> names to look for as well). Member states' own spellings come from the
# bundled members.csv (MemberState.aliases) and need no entry here.
ALSO_KNOWN_AS = {
    "north korea": ["Democratic People's Republic of Korea", "DPRK"],
    "dprk": ["Democratic People's Republic of Korea", "North Korea"],
    "democratic people's republic of korea": ["DPRK", "North Korea"],
    "south korea": ["Republic of Korea"],
    "palestine": ["Palestinian"],
    "burma": ["Myanmar"],
    "ivory coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "drc": ["Democratic Republic of the Congo"],
    "east timor": ["Timor-Leste", "Timor"],
    "kampuchea": ["Cambodia"],
}
Names = dict[str, list[str]]


def spellings(phrase: str) -> list[str]:
    """The phrase, with a typographic apostrophe for a straight one (the sources
    write both: "People’s")."""
    if "'" in phrase:
        return [phrase, phrase.replace("'", "’")]
    return [phrase]


def member_names() -> Names:
    """Every member state's spellings (normalised) -> its UN and short names (one
    query)."""
    names: Names = {}
    for name, short_name, aliases in MemberState.objects.values_list(
        "name", "short_name", "aliases"
    ):
        for each in (name, short_name, *aliases):
            names.setdefault(normalise_name(each), [name, short_name])
    return names


def also_known_as(phrase: str, members: Names) -> list[str]:
    """The phrase and the other names of the place or state it names."""
    names = [phrase, *ALSO_KNOWN_AS.get(phrase.lower().replace("’", "'"), [])]
    names += members.get(normalise_name(phrase), [])
    return list(dict.fromkeys(names))


class HoldsText(Lookup):
    """`lhs` (a kept.RecordText's text, in capitals) holds the phrase: what
    `icontains` finds in any of the texts it joins, as Django writes it on each
    database (PostgreSQL: `LIKE UPPER(pattern)`, the text being UPPER already, so
    that its trigram index answers; SQLite: its LIKE, case-insensitive in ASCII,
    whose UPPER changes ASCII letters only)."""

    lookup_name = "holds_text"
    prepare_rhs = False

    def pattern(self, connection) -> str:
        return f"%{connection.ops.prep_for_like_query(self.rhs)}%"

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} LIKE %s ESCAPE '\\'", (*params, self.pattern(connection))

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} LIKE UPPER(%s)", (*params, self.pattern(connection))


def phrase_match(phrase: str) -> Q:
    """The kept texts (kept.RecordText) that hold the phrase, in any spelling: a
    vote one of whose texts (TEXT_FIELDS) or topics' names holds it."""
    held = Q()
    for spelled in spellings(phrase):
        held |= Q(HoldsText(F("text"), spelled))
    return held


def texts_holding(condition: Q) -> QuerySet:
    """The ids of the votes whose kept text meets `condition` (one query, one index)."""
    return RecordText.objects.filter(condition).order_by().values("resolution_id")


def phrase_ids(phrase: str) -> list[QuerySet]:
    """The ids of the votes that hold the phrase in one of their texts or one of
    their topics' names (one query of the kept texts: kept.RecordText)."""
    return [texts_holding(phrase_match(phrase))]


def any_of(ids: list[QuerySet]) -> QuerySet:
    """The ids in any of the queries, as one UNION."""
    return ids[0].union(*ids[1:]) if len(ids) > 1 else ids[0]


def number_ids(value: str) -> list[QuerySet] | None:
    """The ids of the votes a resolution number in a usual form finds, or None if
    the value is not one."""
    match = RESOLUTION_NUMBER.fullmatch(value)
    if match is None:
        return None
    numbered = Resolution.objects.filter(resolution_number=int(match.group(1)))
    if match.group(2):
        numbered = numbered.filter(date__year=int(match.group(2)))
    ids = [numbered.order_by().values("pk")]
    if value.isdigit():
        # A bare number is also part of a symbol: S/PV.2334, S/2334.
        ids += phrase_ids(value)
    return ids


def text_ids(value: str) -> list[QuerySet]:
    """The queries of ids whose union is what a query finds (the module's docstring)."""
    numbered = number_ids(value)
    if numbered is not None:
        return numbered
    if DRAFT_SYMBOL.fullmatch(value):
        symbol = re.sub(r"\s+", "", value).upper().replace("REV.", "Rev.")
        exact = Resolution.objects.filter(draft_symbol__iexact=symbol).order_by().values("pk")
        return [exact, *phrase_ids(symbol)]
    symbol = RESOLUTION_SYMBOL.search(value)
    if symbol:
        number = int(symbol.group(1))
        return [Resolution.objects.filter(resolution_number=number).order_by().values("pk")]
    members = member_names()
    words = [w for w in re.findall(r"[\w'’-]+", value) if len(w) > 2 and w.lower() not in STOPWORDS]
    if len(words) < 2:
        return names_ids(also_known_as(value, members))
    # Every word, each by any of its names, in one kept text: one condition on
    # one column and its index (the INTERSECT of each word's UNION over six texts
    # and the topics' names took 250-500 ms for "Middle East" at 100x). The votes
    # that hold the whole query hold each of its words: the query itself is not
    # looked for apart (its other names are).
    others = [name for name in also_known_as(value, members) if name != value]
    every_word = Q()
    for word in words:
        every_word &= names_match(also_known_as(word, members))
    return [texts_holding(names_match(others) | every_word)]


def names_match(names: list[str]) -> Q:
    """The kept texts that hold one of the names (phrase_match), a name that
    holds another left out: every vote that holds it holds the other ("Republic
    of Korea" and "Korea"). Compared in ASCII only, where the databases'
    case-insensitive matches are Python's. No name: nothing (never everything)."""
    kept = [name for at, name in enumerate(names) if not holds_another(names, at)]
    held = Q(pk__in=[])
    for name in kept:
        held |= phrase_match(name)
    return held


def names_ids(names: list[str]) -> list[QuerySet]:
    """The query of ids of the votes that hold one of the names (names_match)."""
    return [texts_holding(names_match(names))]


def holds_another(names: list[str], at: int) -> bool:
    """Whether names[at] holds another of the names (of two the same but for
    case, the later holds the earlier)."""
    name = names[at].lower()
    return names[at].isascii() and any(
        other.isascii() and other.lower() in name and (other.lower() != name or before < at)
        for before, other in enumerate(names)
        if before != at
    )


class AmongIds(Lookup):
    """`lhs IN (subquery)`; on PostgreSQL `lhs = ANY(ARRAY(subquery))`: the ids are
    read first, once, and each vote then fetched by its key. (For an IN, PostgreSQL
    joined the found ids with every vote read in turn: at 100x, ?q=Syria read all
    318,700 votes to list 50 of 13,500, 239 ms, against 107.)"""

    lookup_name = "among_ids"

    def as_sql(self, compiler, connection, template="%s IN %s"):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return template % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def text_query(value: str, prefix: str = "") -> Q:
    """The votes a query finds (see the module's docstring), as one condition: the
    vote's id among the UNION of the ids each reading finds (AmongIds), each part
    read through its own index; `prefix` reaches the vote from another model
    (`resolution__`)."""
    ids = any_of(text_ids(" ".join(value.split())))
    return Q(AmongIds(F(f"{prefix}pk"), ids))


class AmongValues(Lookup):
    """`lhs IN (the ids given)`; on PostgreSQL `lhs = ANY(%s)`, the ids passed as
    one array. Never an empty result assumed: the query runs (a page's queries
    are as many whatever it finds)."""

    lookup_name = "among_values"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        marks = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs} IN ({marks})", (*params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", (*params, list(self.rhs))


# The most votes a query's ids are read for at once (found), and passed to the list.
FOUND_AT_ONCE = 10_000


@dataclass
class Found:
    """How many votes a query finds, and the condition that lists them; `texts`:
    the kept texts of those votes, one each (kept.RecordText, with its day),
    where past FOUND_AT_ONCE what it finds is read from them alone, for the days
    that hold them."""

    count: int
    condition: Q
    texts: QuerySet | None = None


def found(value: str) -> Found:
    """The votes a query finds, counted and their ids read in one query (the ids
    text_ids finds, read once, not joined with the votes): the list is then of
    those ids (AmongValues), not the ids read again. Past FOUND_AT_ONCE, the
    votes whose kept text holds the query, each asked in the list's order
    (Exists: a page of the Middle East's 66,100 votes at 100x, 2.5 ms, against
    160 ms for the ids read again); a page deep in that list is read between
    the days that hold it, its `texts` counted by day (ResolutionFilter.kept_spans:
    page 400 230-310 ms -> 155-175). Fewer votes found need no days: the deep
    page's ids are read at its offset among theirs (tables.deep_slice), where
    counting them by day took a scan of the texts as long as this one's. In the
    place of a list's COUNT: as many queries."""
    ids = text_ids(" ".join(value.split()))
    sql, params = any_of(ids).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT found.*, COUNT(*) OVER () FROM ({sql}) found LIMIT %s",  # noqa: S608
            [*params, FOUND_AT_ONCE],
        )
        rows = cursor.fetchall()
    count = rows[0][1] if rows else 0
    if count <= FOUND_AT_ONCE:
        return Found(count, Q(AmongValues(F("pk"), [pk for pk, _ in rows])))
    if len(ids) == 1 and ids[0].model is RecordText:
        texts = ids[0]
        return Found(count, Q(Exists(texts.filter(resolution_id=OuterRef("pk")))), texts)
    return Found(count, text_query(value))


def member_codes(query: str) -> tuple[set[str], set[str]]:
    """(codes the query names exactly, codes one of whose names contains it),
    through every known name and spelling (one query)."""
    wanted = normalise_name(query)
    exact, partial = set(), set()
    if not wanted:
        return exact, partial
    for name, code in MemberState.objects.name_index().items():
        if name == wanted:
            exact.add(code)
        elif len(wanted) >= 3 and wanted in name:
            partial.add(code)
    return exact, partial - exact


def find_members(query: str) -> list[MemberState]:
    exact, partial = member_codes(query)
    if not exact and not partial:
        return []
    rank = Case(When(code__in=exact, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(
        MemberState.objects.sat_on_council()
        .filter(code__in=exact | partial)
        .annotate(rank=rank)
        .order_by("rank", "name")
    )


TOPICS_SHOWN = 10


def find_topics(query: str) -> list[Topic]:
    """The topics, regions and categories whose name holds the query, or each of
    its words (not a symbol or a number, nor the commonest words), most votes
    first (one query; none for a symbol or a resolution number)."""
    if RESOLUTION_NUMBER.match(query) or DRAFT_SYMBOL.match(query):
        return []
    words = [
        word
        for word in re.findall(r"[^\W\d_]+", query.lower())
        if len(word) > 1 and word not in STOPWORDS
    ]
    if not words:
        return []
    every_word = Q()
    for word in words:
        every_word &= Q(name__icontains=word)
    found = Topic.objects.filter(Q(name__icontains=query) | every_word).with_counts()
    return list(found.order_by("-votes", "name")[:TOPICS_SHOWN])


def refusal(query: str) -> str:
    """Why a query is not searched for ("" when it is)."""
    if len(query) > MAX_TEXT_QUERY:
        return (
            f"The search is {len(query):,} characters long: at most {MAX_TEXT_QUERY} "
            "are searched for. Shorten it."
        )
    if "\x00" in query:
        return "The search holds a null character: type it again without it."
    return ""


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())
    context: dict = {"search_query": query, "members": [], "table": None, "count": 0}
    refused = refusal(query)
    if refused:
        context.update(search_query="", error=refused)
        return render(request, "resolutions/search.html", context, status=400)
    if query:
        matching = found(query)
        votes = Resolution.objects.with_tallies().filter(matching.condition)
        context["count"] = matching.count
        # The first of the list's page with the same search (its total order).
        context["table"] = ResolutionTable(in_total_order(votes)[:VOTES_SHOWN], orderable=False)
        context["members"] = find_members(query)
        context["topics"] = find_topics(query)
    return render(request, "resolutions/search.html", context)
