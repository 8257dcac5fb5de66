"""Reading a news report of a Security Council vote: a proposal, never a record.

`extract(text, published, context)` reads an article and proposes the date of the
vote, the document, the counts, who voted how and who vetoed, each fact with the
sentence it came from. It is rule-based and deterministic: regular expressions over
the ways the press writes about votes ("Ten countries voted in favor", "adopted
13-0 with two abstentions", "vetoed by Russia and China", "Bolivia joined Russia in
voting no"), no network and no model.

What the press writes is read for what it is:
- positions come from sentences about this vote; a history ("China, which has
  vetoed six resolutions...", "the fourth time Russia had blocked..."), a forecast
  ("Russia is expected to veto"), a condition ("would have vetoed"), a quotation or
  a photo caption is not a position in this vote;
- a "veto" is checked with the Charter's rules (resolutions/rules.py): a permanent
  member's no on a substantive draft that had the votes; anything else called a
  veto is recorded as a vote against, with a warning;
- the members that the article does not name take the remaining position only when
  the counts and the Council's composition on the day leave no other possibility,
  and are marked as inferred;
- anything that does not fit (counts that do not add up to the seats, a member
  named in two positions, an elected member's "veto") becomes a warning.

The reader needs no database: member names and the Council's composition come in
a `Context` (`Context.from_database()` builds the real one).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import rules
from .rules import Outcome, Position

POSITIONS = (Position.FOR, Position.AGAINST, Position.ABSTAIN, Position.NON_VOTING)
COUNTED = (Position.FOR, Position.AGAINST, Position.ABSTAIN)

# Press metonyms: a capital for its government. The first code seated on the
# vote's date wins (Moscow is the USSR before 1992).
CAPITALS: dict[str, tuple[str, ...]] = {
    "moscow": ("RUS", "SUN"),
    "washington": ("USA",),
    "beijing": ("CHN",),
    "peking": ("CHN",),
    "london": ("GBR",),
    "paris": ("FRA",),
}


@dataclass(frozen=True)
class Context:
    """What the reader knows besides the article.

    `names`: every normalised name and spelling -> member code (as
    `MemberState.objects.name_index()` gives them, see `models.normalise_name`).
    `seated`: a date -> {code: permanent} for the members seated that day.
    `permanent`: codes that ever held a permanent seat (used when the date is unknown).
    `successors`: code -> successor code (SUN -> RUS), to read "Russia" in 1986 as
    the USSR's seat.
    `display`: code -> the name shown in warnings.
    """

    names: Mapping[str, str]
    seated: Callable[[dt.date], Mapping[str, bool]]
    permanent: frozenset[str] = frozenset()
    successors: Mapping[str, str] = field(default_factory=dict)
    display: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_database(cls) -> Context:
        from .models import CouncilTerm, MemberState, seated_on

        names = {k: v for k, v in MemberState.objects.name_index().items() if k != v.lower()}
        # A code is a name only where the press writes it so (USA, UAE...).
        for code, aliases in MemberState.objects.values_list("code", "aliases"):
            for alias in aliases:
                if alias == code:
                    names[code.lower()] = code
        members = MemberState.objects.values_list("code", "short_name", "successor_id")
        permanent = CouncilTerm.objects.filter(permanent=True).values_list("member_id", flat=True)
        return cls(
            names=names,
            seated=seated_on,
            permanent=frozenset(permanent),
            successors={code: successor for code, _, successor in members if successor},
            display={code: short for code, short, _ in members},
        )

    def name(self, code: str) -> str:
        return self.display.get(code, code)


@dataclass(frozen=True)
class Evidence:
    member: str
    position: str
    text: str
    inferred: bool = False

    def as_json(self) -> dict:
        data = {"member": self.member, "position": self.position, "text": self.text}
        if self.inferred:
            data["inferred"] = True
        return data


@dataclass
class Extraction:
    """What an article says about one vote, for an editor to check."""

    vote_date: dt.date | None = None
    published: dt.date | None = None
    date_evidence: str = ""
    draft_symbol: str = ""
    resolution_number: int | None = None
    resolution_year: int | None = None
    document_evidence: str = ""
    procedural: bool = False
    counts: dict[str, int | None] = field(default_factory=dict)
    count_evidence: dict[str, str] = field(default_factory=dict)
    positions: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    vetoed_by: list[str] = field(default_factory=list)
    outcome: str | None = None
    outcome_explanation: str = ""
    seated: dict[str, bool] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Council sizes the article states ("the 15-member Council", "the 10 elected
    # members"): with no date of the vote, they tell the 11-seat Council from the 15.
    stated_seats: set[int] = field(default_factory=set)

    @property
    def document(self) -> str | None:
        if self.resolution_number is not None:
            year = self.resolution_year or (self.vote_date.year if self.vote_date else None)
            return f"S/RES/{self.resolution_number}" + (f" ({year})" if year else "")
        return self.draft_symbol or None

    @property
    def tally(self) -> rules.Tally | None:
        values = [self.counts.get(p) for p in COUNTED]
        if any(v is None for v in values):
            return None
        return rules.Tally(*values)

    def quotes(self) -> list[str]:
        """The sentences the proposal rests on, in the article's order, once each."""
        seen: list[str] = []
        texts = [self.date_evidence, self.document_evidence, *self.count_evidence.values()]
        texts += [e.text for e in self.evidence.values() if not e.inferred]
        for text in texts:
            if text and text not in seen:
                seen.append(text)
        return seen

    def as_json(self) -> dict:
        counts = {p.value: self.counts.get(p) for p in POSITIONS}
        return {
            "vote_date": self.vote_date.isoformat() if self.vote_date else None,
            "published": self.published.isoformat() if self.published else None,
            "document": self.document,
            "draft_symbol": self.draft_symbol or None,
            "resolution_number": self.resolution_number,
            "procedural": self.procedural,
            "outcome": self.outcome,
            "counts": counts,
            "positions": {code: str(p) for code, p in sorted(self.positions.items())},
            "vetoed_by": list(self.vetoed_by),
            "evidence": [self.evidence[code].as_json() for code in sorted(self.evidence)],
            "count_evidence": [
                {"count": str(p), "value": self.counts.get(p), "text": text}
                for p, text in self.count_evidence.items()
            ],
            "date_evidence": self.date_evidence or None,
            "document_evidence": self.document_evidence or None,
            "warnings": list(self.warnings),
        }


# --- Text: sentences, quotations, captions --------------------------------------------

_SAME_LENGTH = str.maketrans(
    {"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "″": '"', "\u00a0": " "}
)
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt",
    "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "nos", "inc", "corp", "co", "ltd", "vs", "jr", "sr", "prof", "amb", "rev",
    "adm", "cmdr", "mt", "ft", "approx", "dept", "est",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]*[A-Z0-9])")
_CAPTION = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|picture|image|file)\b[^()]*|[A-Z][\w.' -]*/[\w.' -]+)\)\s*$"
    r"|getty\s+images|\bAP\s+Photo\b|^\s*(?:photo|image|caption)\s*:"
    r"|^[A-Z][A-Z .,'-]+ - [A-Z]+ \d{1,2}\s*:",
    re.I | re.M,
)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str  # the working copy: quotes straightened, same length as the original
    original: str
    headline: bool = False
    paragraph: int = 0  # sentences of one paragraph (one line of the text) share it
    masked: str = ""  # quotations, relative clauses and histories blanked out
    count_masked: str = ""  # quotations and histories blanked out ("which got 12 votes" stays)

    def __post_init__(self) -> None:
        if not self.masked:
            self.masked = self.text


_CONTINUED = re.compile(
    r"(?:[,;:\-–—(]|\b(?:and|or|the|a|an|of|to|in|on|by|with|for|from|that|which|while|as|at|"
    r"but|its|their|his|her|were|was|had|has|have|is|are|be|been|who|whose|than|into))[ \t]*"
    r"\r?\n[ \t]*(?=\S)"
    r"|(?<=[^\s.!?:\"')\]])[ \t]*\r?\n[ \t]*(?=[a-z])",
)


def _join_wrapped_lines(work: str) -> str:
    """A text wrapped by hand ("which would have\nimposed") reads as one paragraph:
    a line break inside a sentence becomes a space (same length, same offsets)."""

    def join(m: re.Match) -> str:
        line_start = work.rfind("\n", 0, m.start()) + 1
        after = work[m.end() : m.end() + 1]
        if m.start() - line_start < 50 and not after.islower():
            return m.group(0)  # a short line: a headline that happens to end on "on"
        return m.group(0).replace("\r", " ").replace("\n", " ")

    return _CONTINUED.sub(join, work)


def _split_sentences(text: str, work: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    offset = 0
    work = _join_wrapped_lines(work)
    for paragraph, line in enumerate(work.split("\n")):
        start_of_line = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if _CAPTION.search(line):
            continue
        # a headline (or a sub-headline): a short line with no full stop at its end
        headline = len(line.split()) <= 20 and not re.search(r"[.!?][\"')]*\s*$", line.strip())
        quoted = _quotation_mask(line)
        pieces: list[tuple[int, int]] = []
        begin = 0
        for match in _SENTENCE_END.finditer(line):
            if quoted[match.start()] == "\0" and line[match.start()] != '"':
                continue  # a full stop inside a quotation does not end the reported sentence
            before = re.search(r"(\S+)$", line[begin : match.start()])
            word = before.group(1).lstrip("\"'(-") if before else ""
            if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word) or word.lower() in _ABBREVIATIONS:
                continue
            pieces.append((begin, match.end()))
            begin = match.end()
        pieces.append((begin, len(line)))
        for a, b in pieces:
            chunk = line[a:b]
            if not chunk.strip():
                continue
            lead = len(chunk) - len(chunk.lstrip())
            a += lead
            b = a + len(chunk.strip())
            s = Sentence(
                index=len(sentences),
                start=start_of_line + a,
                end=start_of_line + b,
                text=line[a:b],
                original=" ".join(text[start_of_line + a : start_of_line + b].split()),
                headline=headline,
                paragraph=paragraph,
            )
            s.masked = _mask(s.text, quoted[a:b])
            s.count_masked = _mask(s.text, quoted[a:b], _HISTORY[2:3])
            sentences.append(s)
    return sentences


def _quotation_mask(line: str) -> str:
    """The line with every quoted stretch replaced by NUL characters. A quotation
    left open runs to the end of the paragraph, as the press writes long quotes."""
    chars = list(line)
    inside = False
    for i, ch in enumerate(line):
        if ch == '"':
            inside = not inside
            continue
        if inside:
            chars[i] = "\0"
    return "".join(chars)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "none": 0, "zero": 0, "no": 0, "nil": 0,
    "no one": 0, "nobody": 0, "a single": 1, "single": 1,
}  # fmt: skip
NUM = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|none|zero|nil|no\s+one|nobody|no|a\s+single)"
)
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
    r"|tenth|eleventh|twelfth|\w+teenth|twentieth|thirtieth|\w+-\w+(?:st|nd|rd|th))"
)
# Stretches that describe other votes or other times: blanked before reading positions.
_HISTORY = [
    # ", which has vetoed six resolutions on Syria," / "(which had been expected to abstain)"
    re.compile(r"(?:,|\s--|\s–|\s—)\s*(?:which|who|whose)\b[^,;()]*?(?=,|;|\s--|\s–|\s—|$)", re.I),
    re.compile(
        r"\(\s*(?:which|who|whose|that|as|although|though|after|before|despite|having|"
        r"when|while|since)\b[^()]*\)",
        re.I,
    ),
    # "the eighth time that Moscow has used its veto", "for the 12th time"
    re.compile(rf"\b(?:the|its|their|a)\s+{_ORDINAL}\s+time\b[^;]*", re.I),
    # ", backed by China," / ", drafted by France,": sponsors and allies, not voters
    re.compile(
        r",\s*(?:backed|supported|encouraged|urged|pressed|led|sponsored|co-sponsored|drafted|"
        r"proposed|introduced|put\s+forward|championed|written|penned|tabled|submitted)\s+by\b"
        r"[^,;]*(?=,)",
        re.I,
    ),
]
# "has vetoed 12 times", "on several occasions": the whole clause is a history.
_TIMES = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
    r"many|numerous|multiple|dozens\s+of)\s+(?:times|occasions)\b",
    re.I,
)


def _mask(text: str, quoted: str, patterns: list[re.Pattern] | None = None) -> str:
    chars = [" " if q == "\0" else c for c, q in zip(text, quoted, strict=True)]
    masked = "".join(chars)
    for pattern in _HISTORY if patterns is None else patterns:
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    for m in _TIMES.finditer(masked):
        start = max(masked.rfind(",", 0, m.start()), masked.rfind(";", 0, m.start())) + 1
        ends = [i for i in (masked.find(",", m.end()), masked.find(";", m.end())) if i != -1]
        end = min(ends) if ends else len(masked)
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked


# --- Member names ----------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9ôéü]+(?:'[a-z0-9ôéü]+)*|&")
_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
               "latin", "central", "new"}  # fmt: skip
_ROLE_NOUNS = {
    "ambassador", "ambassadors", "president", "secretary", "envoy", "minister", "ministers",
    "foreign", "congress", "senate", "official", "officials", "diplomat", "diplomats",
    "government", "delegation", "representative", "deputy", "forces", "troops", "military",
    "administration", "state", "mission", "spokesman", "spokeswoman", "counterpart",
    "embassy", "lawmakers", "leader", "leaders", "prime", "general", "media",
    "ally", "allies", "partner", "partners", "envoys", "counterparts", "negotiators",
    "army", "navy", "citizens", "nationals", "soldiers", "warships", "jets",
}  # fmt: skip
_PLACE_PREPOSITIONS = re.compile(
    r"\b(?:in|to|from|at|near|outside|via|into|toward|towards|visit|visited)\s+$", re.I
)


@dataclass
class Mention:
    start: int
    end: int
    codes: tuple[str, ...]
    adjectival: bool = False  # "US-drafted", "US Ambassador", "London-based"
    possessive: bool = False
    capital: bool = False


class NameIndex:
    """Find member names (and capitals) in text: longest match over tokens, as
    `models.normalise_name` splits names (case, accents' neighbours, punctuation)."""

    def __init__(self, names: Mapping[str, str]):
        self.trie: dict = {}
        for key, code in names.items():
            self._add(key.split(), (code,))
        for capital, codes in CAPITALS.items():
            self._add([capital], codes, capital=True)

    def _add(self, tokens: list[str], codes: tuple[str, ...], capital: bool = False) -> None:
        if not tokens:
            return
        node = self.trie
        for token in tokens:
            node = node.setdefault(token, {})
        node.setdefault("\0", (codes, capital))

    def find(self, text: str) -> list[Mention]:
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(lowered)]
        mentions: list[Mention] = []
        i = 0
        while i < len(tokens):
            match = self._match(tokens, i, text)
            if match is None:
                i += 1
                continue
            j, end, (codes, capital), possessive = match
            start = tokens[i][0]
            if text[end : end + 1] == "." and re.fullmatch(
                r"(?:[A-Za-z]\.)+[A-Za-z]", text[start:end]
            ):
                end += 1  # "U.S." ends with its full stop
            if i > 0 and self._after_direction(tokens[i - 1], text, start):
                i = j
                continue
            after = text[end : end + 40]
            before = text[max(0, start - 40) : start]
            adjectival = bool(re.match(r"-[A-Za-z]", after))
            next_word = re.match(r"\s+([A-Za-z]+)", after)
            if next_word and next_word.group(1).lower() in _ROLE_NOUNS and not possessive:
                adjectival = True
            if capital and (
                _PLACE_PREPOSITIONS.search(before)
                or (next_word and next_word.group(1)[0].isupper() and not possessive)
            ):
                adjectival = True  # "in Moscow", "Washington Post"
            mentions.append(Mention(start, end, codes, adjectival, possessive, capital))
            i = j
        return mentions

    def _match(self, tokens, i, text):
        node = self.trie
        best = None
        j = i
        while j < len(tokens):
            start, end, word = tokens[j]
            word = "and" if word == "&" else word
            if word in node:
                node = node[word]
                j += 1
                if "\0" in node:
                    best = (j, end, node["\0"], False)
                continue
            if word.endswith("'s") and word[:-2] in node and "\0" in node[word[:-2]]:
                best = (j + 1, end - 2, node[word[:-2]]["\0"], True)
            break
        if best is None:
            return None
        j_end, end, value, possessive = best
        first = text[tokens[i][0] : tokens[i][1]]
        span = text[tokens[i][0] : end]
        if not first[:1].isupper():
            return None
        single = j_end - i == 1
        if single and len(first.replace("'s", "")) <= 3 and not span.isupper():
            return None  # "us", "Us" are not the United States
        initials = not single and all(len(tok[2]) == 1 for tok in tokens[i:j_end])
        if initials and not span.replace(".", "").replace(" ", "").isupper():
            return None  # "u.s." in lower case is not the United States
        return best

    @staticmethod
    def _after_direction(previous, text, start) -> bool:
        p_start, p_end, p_token = previous
        gap = text[p_end:start]
        return (
            p_token in _DIRECTIONS
            and text[p_start : p_start + 1].isupper()
            and re.fullmatch(r"[ -]", gap) is not None
        )


# --- Cues: the phrases that say how a member voted --------------------------------------

SUBJECT = "subject"  # the members named before the phrase: "Bolivia voted against"
OBJECT = "object"  # the members named after it: "vetoed by Russia and China"
POSSESSIVE = "possessive"  # "the US's abstention"

VOTE = r"vot(?:e|es|ed|ing)"
_DRAFT_NOUN = r"(?:resolution|draft|text|measure|motion|proposal|bid|initiative|document|it)"
_DRAFT_OBJECT = (
    rf"(?:it\b|(?:(?:the|this|that|a|an|its|their)\s+)?(?:[\w.'-]+\s+){{0,4}}?{_DRAFT_NOUN}s?\b)"
)


@dataclass(frozen=True)
class CuePattern:
    regex: re.Pattern
    position: str
    kind: str
    veto: bool = False
    only: bool = False  # "the only negative vote": the count of that position is one


def _cue(pattern: str, position: str, kind: str = SUBJECT, **flags) -> CuePattern:
    return CuePattern(re.compile(pattern, re.I), position, kind, **flags)


# "Abstaining on Wednesday were ...": a short time or place between the phrase and "were"
_WHEN = r"(?:\s+(?:on|in|at)\s+(?:the\s+)?[A-Za-z']+(?:\s+(?:vote|meeting|session))?)?"

CUES: list[CuePattern] = [
    # members named after the phrase
    _cue(r"\bvetoed\s+(?:(?!by\b)[\w'-]+\s+){0,4}?by\b", Position.AGAINST, OBJECT, veto=True),
    _cue(r"\b(?:a|the|joint)\s+vetoe?s?\s+(?:cast\s+)?by\b", Position.AGAINST, OBJECT, veto=True),
    _cue(
        rf"\b{VOTE}\s+(?:in\s+favou?r|for|yes)(?:\s+of)?(?:\s+(?:the|it|this)\b[^,;:]{{0,50}}?)?"
        r"\s+(?:were|was)\b",
        Position.FOR,
        OBJECT,
    ),
    _cue(
        rf"\b{VOTE}\s+(?:against|no)(?:\s+(?:the|it|this)\b[^,;:]{{0,50}}?)?\s+(?:were|was)\b",
        Position.AGAINST,
        OBJECT,
    ),
    _cue(
        rf"\b(?:abstaining|abstentions?|abstained){_WHEN}\s+(?:were|was|came\s+from)\b",
        Position.ABSTAIN,
        OBJECT,
    ),
    _cue(rf"\b(?:against|opposed){_WHEN}\s+(?:were|was)\b", Position.AGAINST, OBJECT),
    _cue(rf"\bin\s+favou?r{_WHEN}\s+(?:were|was)\b", Position.FOR, OBJECT),
    _cue(r"(?:^|[.;:]\s*)(?:in\s+favou?r|voting\s+for|yes)\s*:", Position.FOR, OBJECT),
    _cue(r"(?:^|[.;:]\s*)(?:against|voting\s+against|no)\s*:", Position.AGAINST, OBJECT),
    _cue(
        r"(?:^|[.;:]\s*)(?:abstaining|abstentions?|abstained|abstain)\s*:", Position.ABSTAIN, OBJECT
    ),
    _cue(r"(?:^|[.;:]\s*)(?:not\s+voting|non-voting|absent)\s*:", Position.NON_VOTING, OBJECT),
    _cue(r"\b(?:the\s+)?abstentions?,?\s+(?:of|from|by)\b", Position.ABSTAIN, OBJECT),
    _cue(r"\b(?:the\s+)?abstainers?\s+(?:were|was|being)\b", Position.ABSTAIN, OBJECT),
    _cue(r"\bblocked\s+(?:(?!by\b)[\w'-]+\s+){0,3}?by\b", Position.AGAINST, OBJECT),
    _cue(r"\b(?:opposed|rejected)\s+by\b", Position.AGAINST, OBJECT),
    # the member's own noun: "the US's abstention", "Moscow's veto"
    _cue(r"^'s\s+(?:(?:lone|sole|only|single)\s+)?abstention", Position.ABSTAIN, POSSESSIVE),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:vetoe?s?|veto\s+power)\b(?!\s+(?:threat|right))",
        Position.AGAINST,
        POSSESSIVE,
        veto=True,
    ),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:no|negative|dissenting)\s+vote",
        Position.AGAINST,
        POSSESSIVE,
    ),
    _cue(
        r"^'s\s+(?:(?:lone|sole|only|single)\s+)?(?:yes|affirmative)\s+vote",
        Position.FOR,
        POSSESSIVE,
    ),
    # members named before the phrase
    _cue(
        r"\b(?:cast|casts|casting|used|uses|using|exercised|exercises|exercising|wielded|"
        r"wields|wielding|invoked|invokes|invoking|employed|deployed|slapped|issued|"
        r"raised|applied)\s+(?:(?:a|an|its|their|the|his|her|another|joint|double|"
        r"rare|first|second)\s+)*(?:[\w-]+\s+)?vetoe?s?\b(?:\s+(?:power|powers|right|rights))?",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        r"\bblock(?:ed|s|ing)?\b[^.;]{0,80}?\bwith\s+(?:a|its|their|his|her)\s+veto\b",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        r"\bveto(?:ed|es|ing)?\b(?!\s*(?:-|power|powers|right|rights|wielding|holder|holders|threat|threats|by\b))",
        Position.AGAINST,
        veto=True,
    ),
    _cue(
        rf"\b{VOTE}\s+(?:unanimously\s+)?(?:in\s+favou?r|for\b|yes\b|in\s+support|affirmatively|"
        r"to\s+(?:adopt|approve|pass|support|back|endorse))",
        Position.FOR,
    ),
    _cue(
        rf"\b(?:backed|backs|backing|supported|supports|supporting|endorsed|endorses|"
        rf"approved|approves)\s+{_DRAFT_OBJECT}",
        Position.FOR,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:affirmative|yes|positive)\s+votes?",
        Position.FOR,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:only|sole|lone|single)\s+"
        r"(?:negative|no|dissenting)\s+votes?",
        Position.AGAINST,
        only=True,
    ),
    _cue(
        r"\b(?:was|were|is|are)\s+the\s+(?:only|sole|lone|single)\s+(?:no|negative|dissenting)"
        r"\s+votes?\b|\b(?:was|were|is)\s+the\s+(?:only|sole|lone)\s+(?:dissenter|holdout|"
        r"(?:country|member|nation|state)\s+(?:to\s+vote\s+against|voting\s+against|against|"
        r"opposed))",
        Position.AGAINST,
        only=True,
    ),
    _cue(
        r"\bcast\s+(?:(?:a|an|their|its|the)\s+)?(?:negative|no|dissenting)\s+votes?",
        Position.AGAINST,
    ),
    _cue(rf"\b{VOTE}\s+(?:against|no\b|\"no\"|nay|negatively|down)", Position.AGAINST),
    _cue(
        rf"\b(?:opposed|opposes|opposing|rejected|rejects|rejecting)\s+{_DRAFT_OBJECT}",
        Position.AGAINST,
    ),
    _cue(rf"\b(?:blocked|blocks|blocking|block)\s+{_DRAFT_OBJECT}", Position.AGAINST),
    _cue(
        r"\b(?:was|were|is)\s+the\s+(?:only|sole|lone|single)\s+(?:abstention|abstainer|"
        r"(?:country|member|nation|state)\s+to\s+abstain)",
        Position.ABSTAIN,
        only=True,
    ),
    _cue(r"\babstain(?:ed|s|ing)?\b", Position.ABSTAIN),
    _cue(
        r"\b(?:cast|casts|registered|recorded)\s+(?:an\s+|their\s+|its\s+)?abstentions?",
        Position.ABSTAIN,
    ),
    _cue(
        r"\b(?:did\s+not|didn't|chose\s+not\s+to|declined\s+to)\s+(?:vote|participate|take\s+part)"
        r"|\b(?:was|were)\s+absent\b|\bnot\s+participating\b|\babsented\s+(?:itself|themselves)",
        Position.NON_VOTING,
    ),
]

_BOUNDARY = re.compile(
    r";|\s+while\s+|,\s*whereas\s+|,?\s+but\s+|,\s*although\s+|,\s*though\s+|\s+after\s+which\s+",
    re.I,
)
_EXTENSION = re.compile(
    r"(?:,\s*|\s+)(?:along\s+with|together\s+with|as\s+did|as\s+were|as\s+was|joined\s+by|"
    r"followed\s+by|including|among\s+them|such\s+as|like|namely|as\s+well\s+as|plus)\b"
    r"|\s*\(|\s*(?:--|–|—)\s*|\s*:\s*",
    re.I,
)
_LIST_GAP = re.compile(
    r"(?:[\s,()\-–—]|\band\b|\bor\b|\bthe\b|\bas\s+well\s+as\b|\balong\s+with\b|"
    r"\btogether\s+with\b|\b(?:(?:was|were)\s+)?joined(?:\s+by)?\b|\bplus\b|\bboth\b|\balso\b|"
    r"\bnor\b|\beither\b|"
    r"\bneither\b)*",
    re.I,
)
_GAP_BLOCK = re.compile(
    r"\b(?:said|says|say|told|tells|announced|argued|claimed|insisted|that|who|which|because|"
    r"when|after|before|while|if|whether|urged|urges|asked|asks|called|calls|accused|"
    r"accuses|warned|criticised|criticized|on\s+behalf)\b|[.:\"]",
    re.I,
)
_HEDGE_BEFORE = re.compile(
    r"(?:\b(?:would|will|could|can|might|may|should|must|shall|cannot|can't|won't|wouldn't|"
    r"couldn't|shouldn't|'d|'ll)\s+(?:(?:not|never|also|likely|have|still|probably|"
    r"certainly|again|then|be|been)\s+)*"
    r"|\b(?:not|never|n't|no)\s+(?:(?:yet|even|have|been)\s+)*"
    r"|\bhad\s+(?:(?:\w+ly|already|also|not)\s+)*"
    r"|\b(?:if|unless|whether|lest)\b[^,;]*"
    r"|\b(?:after|before|since|without|instead\s+of|rather\s+than|than|threat\s+of|"
    r"threatening|threatened|ahead\s+of)\s+(?:(?:a|an|the|being|having)\s+)*)$",
    re.I,
)
_INFINITIVE = re.compile(r"\b(\w+)\s+(?:(?:not|also|all)\s+)?to\s+$", re.I)
_REAL_INFINITIVE = {"voted", "decided", "chose", "opted", "moved", "proceeded", "went", "on",
                    "votes", "decides", "chooses", "opts", "elected"}  # fmt: skip
_COUNT_SUBJECT = re.compile(
    rf"(?:\b(?:the|all)\s+)?(?:\b(?:other|remaining)\s+)?\b({NUM})\s+"
    rf"(?:of\s+(?:the\s+)?(?:[\w.]+'s\s+)?(?:{NUM})\s+)?"
    r"(?:(?:other|remaining|council|security|member|non-permanent|permanent|elected|"
    r"western|african|arab|european|latin\s+american)\s+)*"
    r"(?:countries|members|nations|states|delegations|others|governments|council\s+members)\b",
    re.I,
)
_SUBGROUP = re.compile(
    r"\b(?:non-permanent|permanent|elected|western|african|arab|european|latin\s+american)\b",
    re.I,
)
_REST = re.compile(
    r"\b(?:the\s+)?(?:other|remaining)\s+(?:\w+\s+){0,3}?(?:members|countries|nations|states|"
    r"delegations|others)\b|\bthe\s+rest\b|\ball\s+(?:the\s+)?others\b|\beveryone\s+else\b"
    rf"|\b{NUM}\s+others\b",
    re.I,
)


@dataclass
class Cue:
    start: int
    end: int
    position: str
    kind: str
    veto: bool
    only: bool


@dataclass
class Claim:
    code: str
    position: str
    veto: bool
    sentence: Sentence


@dataclass
class CountClaim:
    position: str  # for / against / abstain / non_voting, or "veto" (how many vetoed)
    value: int
    sentence: Sentence


@dataclass
class RestClaim:
    position: str
    value: int | None
    sentence: Sentence


def _number(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.strip().lower())
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _find_cues(masked: str) -> list[Cue]:
    found: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for pattern in CUES:
        if pattern.kind == POSSESSIVE:
            continue
        for m in pattern.regex.finditer(masked):
            start, end = m.span()
            if any(start < b and a < end for a, b in taken):
                continue
            found.append(
                Cue(start, end, pattern.position, pattern.kind, pattern.veto, pattern.only)
            )
            taken.append((start, end))
    return sorted(found, key=lambda c: c.start)


def _not_a_cue(masked: str, cue: Cue) -> bool:
    """'the veto', 'a veto', 'no vetoes', 'the vetoed resolution': the noun, not the
    verb (the phrases 'cast a veto', 'used its veto' are cues of their own); 'was
    blocked', 'was vetoed' without 'by': a passive that names nobody."""
    if cue.kind == OBJECT:
        return False
    word = masked[cue.start : cue.end].lower()
    before = masked[max(0, cue.start - 30) : cue.start]
    if re.match(r"\w+ed\b", word) and re.search(
        r"\b(?:was|were|been|being|be|is|are|get|got|gets|getting)\s+(?:\w+ly\s+)?$", before, re.I
    ):
        return True
    if not word.startswith("veto"):
        return False
    if re.search(
        r"\b(?:a|an|the|its|their|his|her|no|any|another|this|that|of|with|one|two|three|"
        r"first|second|rare|joint|double|triple|possible|potential|\d+(?:st|nd|rd|th))\s+$",
        before,
        re.I,
    ):
        return True
    # passive without "by": nobody named
    return bool(
        re.search(
            r"\b(?:was|were|been|being|be|is|are|get|got|gets|getting)\s+(?:\w+ly\s+)?$",
            before,
            re.I,
        )
    )


def _hedged(masked: str, cue: Cue, floor: int) -> bool:
    before = masked[max(floor, cue.start - 80) : cue.start]
    hedge = _HEDGE_BEFORE.search(before)
    if hedge and not (
        hedge.group(0).lower().startswith("had")
        and re.search(r"\b(?:said|says|told|explained|noted|added|confirmed)\b", before, re.I)
    ):
        return True
    infinitive = _INFINITIVE.search(before)
    if infinitive and infinitive.group(1).lower() not in _REAL_INFINITIVE:
        return True  # "is expected to veto", "urged members to support"
    after = masked[cue.end : cue.end + 60]
    # "has vetoed six resolutions": a history
    return cue.veto and bool(
        re.match(
            r"\s+(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
            r"many|numerous|multiple|dozens\s+of|all)\s+(?:\w+\s+)?(?:resolutions|drafts|texts|"
            r"measures|times|proposals))",
            after,
            re.I,
        )
    )


# --- Dates -----------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_DATE_PATTERNS = [
    ("mdy", re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
    (
        "dmy",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\.?,?\s+(\d{{4}})\b"),
    ),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    (
        "md",
        re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})(?!\d)"),
    ),
    (
        "dm",
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?!\.?,?\s+\d{{4}})"),
    ),
    (
        "weekday",
        re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?\b"),
    ),
    (
        "relative",
        re.compile(
            r"\b(today|yesterday|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|"
            r"earlier\s+today)\b",
            re.I,
        ),
    ),
]
_EVENT = re.compile(
    r"\b(?:vot(?:e|ed|es|ing)|veto(?:ed|es|ing)?|adopt(?:ed|s|ion)?|pass(?:ed|es)?|"
    r"approv(?:ed|es|al)|reject(?:ed|s)?|fail(?:ed|s)?\s+to|block(?:ed|s)?|abstain(?:ed|s|ing)?|"
    r"abstentions?|endors(?:ed|es)|unanimous(?:ly)?)\b",
    re.I,
)
_OTHER_DRAFT = re.compile(
    r"\b(?:rival|competing|second|another|separate|alternative|earlier|previous|other|"
    r"counter)\s+(?:[\w.-]+\s+){0,2}?(?:draft|resolution|text|proposal|measure)s?\b",
    re.I,
)
_CLAUSE_OPENER = re.compile(r"\s(?:after|before|while|when|whereas|but|as|since)\s", re.I)
_COUNCIL = re.compile(r"\b(?:council|meeting|session)\b", re.I)
_ASSEMBLY = re.compile(r"\bAssembly\b")
_FUTURE = re.compile(
    r"\b(?:will|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|poised|likely|going)\s+to|"
    r"plans?\s+to|ahead\s+of\s+(?:a|the)\s+vote|later\s+(?:in\s+the\s+day|this\s+week|today))\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    day: dt.date
    kind: str
    text: str
    start: int


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dates_in(text: str, reference: dt.date | None) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(day: dt.date | None, kind: str, m: re.Match) -> None:
        if day is None or any(m.start() < b and a < m.end() for a, b in taken):
            return
        taken.append(m.span())
        found.append(DateMention(day, kind, m.group(0), m.start()))

    def near_year(month: int, day: int) -> dt.date | None:
        if reference is None:
            return None
        candidate = _safe_date(reference.year, month, day)
        if candidate and candidate > reference + dt.timedelta(days=1):
            candidate = _safe_date(reference.year - 1, month, day)
        return candidate

    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if kind == "mdy":
                add(_safe_date(int(m[3]), _MONTHS[m[1].lower()], int(m[2])), "explicit", m)
            elif kind == "dmy":
                add(_safe_date(int(m[3]), _MONTHS[m[2].lower()], int(m[1])), "explicit", m)
            elif kind == "iso":
                add(_safe_date(int(m[1]), int(m[2]), int(m[3])), "explicit", m)
            elif kind == "md":
                if m[1] == "May" and not re.match(r"\s*\d", text[m.end(1) :]):
                    continue
                add(near_year(_MONTHS[m[1].lower()], int(m[2])), "explicit", m)
            elif kind == "dm":
                add(near_year(_MONTHS[m[2].lower()], int(m[1])), "explicit", m)
            elif kind == "weekday" and reference is not None:
                weekday = _WEEKDAYS.index(m[1].lower())
                back = (reference.weekday() - weekday) % 7
                add(reference - dt.timedelta(days=back), "weekday", m)
            elif kind == "relative" and reference is not None:
                word = m[1].lower()
                back = 1 if word in {"yesterday", "last night"} else 0
                add(reference - dt.timedelta(days=back), "relative", m)
    return found


def _weekday_words(text: str) -> list[str]:
    return [m[1] for m in _DATE_PATTERNS[5][1].finditer(text)]


# --- Counts ----------------------------------------------------------------------------

_POSITION_WORD = (
    r"(in\s+favou?r|for|against|abstentions?|abstaining|abstained|abstain|yes(?:\s+votes?)?|"
    r"no\s+votes?|no|noes|nays|affirmative(?:\s+votes?)?|negative(?:\s+votes?)?|opposed|"
    r"in\s+opposition|not\s+voting|did\s+not\s+vote)"
)
_COUNT_PAIR = re.compile(
    rf"\b({NUM})\s+(?:(?:votes?|members?|countries|nations|states|delegations|others|"
    r"council\s+members)\s+)?(?:(?:were|was|voted|voting|cast|had)\s+)?"
    rf"{_POSITION_WORD}(?:\s+votes?)?(?![\w-])",
    re.I,
)
_TALLY = re.compile(
    r"(?<![\d/.:-])(\d{1,2})\s*[-–—]\s*(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?(?![\d/:]|\.\d|[-–—]\s*[a-z])"
    r"(?!\s*(?:years?|months?|weeks?|days?|hours?|minutes?|percent|per\s+cent|%|[ap]\.?m\b))",
)
_VOTES_TO = re.compile(
    r"\b(?:(?:vote|tally)(?:\s+(?:in|at|of|on)\s+[^,.;:\"]{1,60}?)?\s+(?:of|was|stood\s+at|ended)"
    rf"|by|votes?|voted|voting)\s+({NUM})\s+"
    rf"(?:votes?\s+)?(?:in\s+favou?r\s+)?to\s+({NUM})\b"
    r"(?!\s+(?:in\s+favou?r|for))",
    re.I,
)
_WON = re.compile(
    r"\b(?:won|wins|winning|received|receives|receiving|obtained|obtaining|garnered|"
    r"garnering|got|gets|getting|secured|securing|drew|mustered|attracted|gained|"
    r"collected|had|(?:adopted|passed|approved|carried)\s+(?:by|with))\s+(?:only\s+|just\s+|the\s+)?"
    rf"({NUM})\s+(?:affirmative\s+|yes\s+|positive\s+)?votes?\b(?!\s+(?:against|short))",
    re.I,
)
_SUPPORT_OF = re.compile(
    r"(?<!negative\s)(?<!dissenting\s)(?<!\bno\s)(?<!opposing\s)"  # "the negative votes of two"
    rf"\b(?:(?:support|backing|votes?)\s+(?:of|from)|(?:supported|backed|endorsed)\s+by)\s+"
    rf"({NUM})\s+(?:of\s+(?:the\s+)?(?:[\w.]+'s\s+)?(?:{NUM})\s+)?(?:\w+\s+)?"
    r"(?:members|countries|nations|states|delegations)\b",
    re.I,
)
_UNANIMOUS = re.compile(r"\bunanimous(?:ly)?\b|\bunanimity\b", re.I)
_NOT_UNANIMOUS = re.compile(
    r"\b(?:not|failed|fail|fails|without|lack|lacked|no|near|nearly|almost|short\s+of)\s+"
    r"(?:\w+\s+){0,2}$",
    re.I,
)
_NEEDED = re.compile(
    r"\b(?:needs?|needed|needing|requires?|required|requiring|threshold|minimum|at\s+least|"
    r"majority\s+of|short\s+of|instead\s+of|expected|hoped|hoping|would\s+have|"
    r"could\s+have)\b[^.;]{0,25}$",
    re.I,
)
_PROCEDURAL = re.compile(
    r"\bprocedural\s+(?:vote|votes|matter|matters|motion|decision|question)\b"
    r"|\bvote\s+on\s+(?:the\s+)?(?:provisional\s+)?agenda\b|\b(?:adopt|adoption\s+of)\s+the\s+"
    r"(?:provisional\s+)?agenda\b",
    re.I,
)
_SEATS = re.compile(r"\b(\d{2}|fifteen|eleven)[- ](?:member|nation|seat|country)\b", re.I)
# "the 10 non-permanent council members": five permanent members and these
_ELECTED_SEATS = re.compile(
    r"\b(6|10|six|ten)\s+(?:non-permanent|elected|rotating)\s+(?:council\s+)?members\b", re.I
)
# A day on each Council, for the rules when the vote's date is unknown.
_SIZE_DAY = {11: rules.ENLARGEMENT - dt.timedelta(days=1), 15: rules.ENLARGEMENT}


def _position_of(word: str) -> str | None:
    word = re.sub(r"\s+", " ", word.lower())
    if word.startswith(("in favo", "for", "yes", "affirmative")):
        return Position.FOR
    if word == "no" or word.startswith(
        ("against", "no ", "noes", "nays", "negative", "opposed", "in opp")
    ):
        return Position.AGAINST
    if word.startswith("abst"):
        return Position.ABSTAIN
    if word.startswith(("not voting", "did not")):
        return Position.NON_VOTING
    return None


# --- Documents -------------------------------------------------------------------------

_DRAFT = re.compile(r"\bS/(?:(\d{4})/)?(\d{1,5})(?:/Rev\.\s?\d+)?(?:/Corr\.\s?\d+)?(?![\w/])")
_RES_SYMBOL = re.compile(r"\bS/RES/(\d{1,4})\s*\((\d{4})\)")
_RES_NUMBER = re.compile(
    r"\b(?:[Rr]esolution|UNSCR|Res\.)\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?(\d{1,4})\b(?:\s*\((\d{4})\))?"
)
_ADOPTION = re.compile(
    r"\b(?:adopt(?:ed|s|ing)?|pass(?:ed|es|ing)?|approv(?:ed|es|ing)|unanimous(?:ly)?|"
    r"vot(?:e|ed|es|ing)|endors(?:ed|es|ing)|agreed)\b",
    re.I,
)
_OLD_REFERENCE = re.compile(
    r"\b(?:previous|earlier|prior|under|implement\w*|reaffirm\w*|recall\w*|cit\w+|"
    r"line\s+with|accordance\s+with|of|since|violat\w+|breach\w*|enforc\w+)\s+(?:\w+\s+){0,2}$",
    re.I,
)


# --- The reader ------------------------------------------------------------------------


def extract(
    text: str, published: dt.date | None, context: Context, vote_date: dt.date | None = None
) -> Extraction:
    """Propose the facts of the vote an article reports. Pure: same text, same answer.

    `vote_date`, when an editor knows it, is taken instead of reading it."""
    work = text.translate(_SAME_LENGTH).replace("''", '""')
    sentences = _split_sentences(text, work)
    result = Extraction(published=published)

    reference = published or _publication_stamp(sentences, result)
    if vote_date is None:
        _read_date(sentences, reference, published, result)
    else:
        result.vote_date = vote_date
    if result.vote_date:
        result.seated = dict(context.seated(result.vote_date))
        if not result.seated:
            result.warnings.append(
                f"No Council composition is known for {result.vote_date.isoformat()}."
            )
    _mask_other_draft_paragraphs(sentences, result)
    _read_document(sentences, result)
    result.procedural = any(_PROCEDURAL.search(s.masked) for s in sentences)

    index = NameIndex(context.names)
    claims: list[Claim] = []
    counts: list[CountClaim] = []
    rests: list[RestClaim] = []
    unanimous: list[Sentence] = []
    for sentence in sentences:
        _read_sentence(sentence, index, context, result, claims, counts, rests, unanimous)

    _settle(result, context, claims, counts, rests, unanimous)
    return result


def _publication_stamp(sentences: list[Sentence], result: Extraction) -> dt.date | None:
    """With no publication date given, a date line of the article (its stamp or
    dateline) serves to resolve "on Tuesday", with a warning."""
    for sentence in sentences[:12]:
        words = sentence.text.split()
        if len(words) > 12 and not re.match(r"^[A-Z][A-Z .,']+,", sentence.text):
            continue
        for mention in _dates_in(sentence.text, None):
            if mention.kind == "explicit":
                result.warnings.append(
                    "No publication date was given: weekdays are read against the date "
                    f"line '{mention.text}' ({mention.day.isoformat()})."
                )
                return mention.day
    return None


def _read_date(
    sentences: list[Sentence],
    reference: dt.date | None,
    published: dt.date | None,
    result: Extraction,
) -> None:
    tiers: list[list[tuple[DateMention, Sentence]]] = [[], []]
    unresolved: list[str] = []
    for sentence in sentences:
        if _ASSEMBLY.search(sentence.text) or _FUTURE.search(sentence.masked):
            continue
        event = _EVENT.search(sentence.masked)
        council = _COUNCIL.search(sentence.text)
        if not (event or council):
            continue
        tier = 0 if event else 1
        # "UNITED NATIONS, Oct. 30 -- ... tonight": the dateline's day is the reporter's
        own = [m.day for m in _dates_in(sentence.text, reference) if m.kind == "explicit"]
        own = [d for d in own if reference is None or d <= reference]
        mentions = _dates_in(sentence.text, own[0] if own else reference)
        if any(m.kind != "explicit" for m in mentions):
            # "WASHINGTON, Feb 21 -- ... on Tuesday": the dateline is the reporter's day
            mentions = [m for m in mentions if not _is_dateline(sentence.text, m)]
        for mention in mentions:
            if reference and mention.day > reference + dt.timedelta(days=1):
                continue
            tiers[tier].append((mention, sentence))
        if reference is None and tier == 0:
            unresolved += _weekday_words(sentence.text)
            unresolved += [m.group(0) for m in _DATE_PATTERNS[6][1].finditer(sentence.text)]
    if published:
        # a report is news: a date within a week of it comes before an older one
        # ("resolution 1970, adopted on 26 February" in a report of 17 March)
        week = published - dt.timedelta(days=7)
        tiers = [[c for c in t if c[0].day >= week] for t in tiers] + [
            [c for c in t if c[0].day < week] for t in tiers
        ]
    for candidates in tiers:
        if not candidates:
            continue
        votes = Counter(m.day for m, _ in candidates)
        best = max(votes.values())
        chosen = next(m for m, _ in candidates if votes[m.day] == best)
        sentence = next(s for m, s in candidates if m is chosen)
        result.vote_date = chosen.day
        result.date_evidence = sentence.original
        others = sorted({m.day for m, _ in candidates} - {chosen.day})
        if others:
            result.warnings.append(
                "The article gives several dates for the vote ("
                + ", ".join(d.isoformat() for d in [chosen.day, *others])
                + f"); {chosen.day.isoformat()} was taken."
            )
        if published and chosen.day < published - dt.timedelta(days=7):
            result.warnings.append(
                f"The vote date {chosen.day.isoformat()} is more than a week before the "
                f"publication date {published.isoformat()}."
            )
        return
    if unresolved:
        result.warnings.append(
            f"The vote is dated '{unresolved[0]}' but the publication date is unknown: "
            "give it to resolve the date."
        )
    else:
        result.warnings.append("No date of the vote in the article.")


def _is_dateline(text: str, mention: DateMention) -> bool:
    """A date at the head of a report, before its dash: "UNITED NATIONS, March 4 --"."""
    after = text[mention.start + len(mention.text) :]
    return (
        mention.kind == "explicit"
        and mention.start < 60
        and re.match(r"\s*(?:\([^()]{1,30}\)\s*)?(?:--|–|—|-\s|:)", after) is not None
    )


def _read_document(sentences: list[Sentence], result: Extraction) -> None:
    drafts: list[tuple[str, Sentence]] = []
    numbers: list[tuple[int, int | None, Sentence]] = []
    vote_year = result.vote_date.year if result.vote_date else None
    for sentence in sentences:
        text = sentence.text
        for m in _RES_SYMBOL.finditer(text):
            numbers.append((int(m[1]), int(m[2]), sentence))
        for m in _DRAFT.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            if re.search(r"\b(?:letter|report|note|statement)s?\s+(?:\w+\s+)?$", before, re.I):
                continue
            if m[1] and vote_year and abs(int(m[1]) - vote_year) > 1:
                continue
            drafts.append((m.group(0).replace(" ", ""), sentence))
        if _ASSEMBLY.search(text) or not _ADOPTION.search(sentence.masked):
            continue
        for m in _RES_NUMBER.finditer(text):
            number, year = int(m[1]), int(m[2]) if m[2] else None
            if _OLD_REFERENCE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            if (
                year is None
                and 1940 < number < 2100
                and re.search(rf"\b{number}\s+resolution", text)
            ):
                continue
            numbers.append((number, year, sentence))
    numbers = [(n, y, s) for n, y, s in numbers if y is None or vote_year is None or y == vote_year]
    if drafts:
        result.draft_symbol, sentence = drafts[0]
        result.document_evidence = sentence.original
        others = sorted({d for d, _ in drafts} - {result.draft_symbol})
        if others:
            result.warnings.append(
                "The article names several documents ("
                + ", ".join([result.draft_symbol, *others])
                + f"); {result.draft_symbol} was taken."
            )
    if numbers:
        result.resolution_number, result.resolution_year = numbers[0][0], numbers[0][1]
        if not result.document_evidence:
            result.document_evidence = numbers[0][2].original
        others = sorted({n for n, _, _ in numbers} - {result.resolution_number})
        if others:
            result.warnings.append(
                "The article names several resolutions ("
                + ", ".join(str(n) for n in [result.resolution_number, *others])
                + f"); {result.resolution_number} was taken."
            )
    if not drafts and not numbers:
        result.warnings.append("no document symbol in the article")


# A sentence's opening adverbial of time, which sets the time of all its clauses:
# "In October,", "Last year,", "Two years ago,", "In 2011,".
_LEAD = re.compile(
    r"^\s*((?:in|on|last|earlier|back|since|two|three|four|five|several|a|one)\b[^,;]{0,40}?),",
    re.I,
)


_DOCUMENT_NUMBER = re.compile(
    r"\b(?:[Rr]esolutions?|UNSCR|Res\.)\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?\d{1,4}\b(?:\s*\(\d{4}\))?"
    r"|\bS/[\w./()]+"
)


def _time_mismatch(window: str, result: Extraction) -> bool:
    """Does this stretch speak of another time than the vote's?"""
    # a document's number is not a year: "resolution 1973 (2011)", "S/2017/315"
    window = _DOCUMENT_NUMBER.sub(lambda m: " " * len(m.group(0)), window)
    if not (result.vote_date and str(result.vote_date.year) in window) and re.search(
        r"\b(?:last|previous|past)\s+(?:year|month|week|decade|time)\b|\bpreviously\b|"
        r"\bin\s+the\s+past\b|\bso\s+far\b|\bearlier\s+this\s+(?:year|month)\b|\bago\b|"
        r"\bsince\s+(?:the|\d{4})\b|\bin\s+(?:19|20)\d\d\b",
        window,
        re.I,
    ):
        return True
    day = result.vote_date
    if day is None:
        return False
    for m in re.finditer(rf"\b(?i:in|on|of|since|last)\s+({_MONTH})\b", window):
        if _MONTHS[m[1].lower()] != day.month:
            return True
    for m in re.finditer(r"\b(?:19|20)\d\d\b", window):
        if int(m.group(0)) not in (day.year, day.year - 1) and not re.search(
            r"\d{4}\s*-\s*member", window
        ):
            return True
    for weekday in _weekday_words(window):
        if _WEEKDAYS.index(weekday.lower()) != day.weekday() and result.published:
            return True
    return False


def _resolve(mention: Mention, context: Context, result: Extraction) -> str | None:
    seated = result.seated
    codes = list(mention.codes)
    if not seated:
        return codes[0]
    for code in codes:
        if code in seated:
            return code
    for code in codes:
        for old, new in context.successors.items():
            if new == code and old in seated:
                return old  # "Russia" for the USSR's seat
            if old == code and new in seated:
                return new
    return codes[0]


def _read_sentence(
    sentence: Sentence,
    index: NameIndex,
    context: Context,
    result: Extraction,
    claims: list[Claim],
    counts: list[CountClaim],
    rests: list[RestClaim],
    unanimous: list[Sentence],
) -> None:
    masked = sentence.masked
    if _ASSEMBLY.search(sentence.text) and not re.search(r"\bCouncil\b", sentence.text):
        return
    lead = _LEAD.match(sentence.masked)
    if lead and _time_mismatch(lead.group(1), result):
        return  # "In October, ... vetoed ..., while ... abstained": all of it another time
    masked = _mask_other_drafts(sentence, result)
    mentions = index.find(masked)
    consumed: set[int] = set()
    boundaries = [(m.start(), m.end()) for m in _BOUNDARY.finditer(masked)]

    def clause_end(position: int) -> int:
        ends = [a for a, _ in boundaries if a >= position]
        return min(ends) if ends else len(masked)

    def clause_start(position: int) -> int:
        starts = [b for _, b in boundaries if b <= position]
        return max(starts) if starts else 0

    def claim(m: Mention, position: str, veto: bool) -> None:
        key = id(m)
        if key in consumed or m.adjectival:
            return
        consumed.add(key)
        code = _resolve(m, context, result)
        if code:
            claims.append(Claim(code, position, veto, sentence))

    # 1. Counts: "11 votes in favor", "10-2-3", "by 12 votes to 2", "won nine votes".
    cmasked = sentence.count_masked
    for m in _COUNT_PAIR.finditer(cmasked):
        position = _position_of(m[2])
        value = _number(m[1])
        if position is None or value is None:
            continue
        before = cmasked[max(0, m.start() - 60) : m.start()]
        if _NEEDED.search(before) or re.search(r"\bof\s+(?:the\s+)?(?:[\w.]+'s\s+)?$", before):
            continue  # "twelve of the council's 15 members voted": 15 is the whole
        if m[2].lower() == "for" and not re.search(
            r"\bagainst\b|\bvot(?:e|es|ed|ing)\s+for", cmasked[m.start() : m.end() + 60], re.I
        ):
            continue
        if _time_mismatch(cmasked[clause_start(m.start()) : clause_end(m.end())], result):
            continue
        counts.append(CountClaim(position, value, sentence))
        # "eight votes in favor (Russia, China, ...)"
        after = cmasked[m.end() :]
        paren = re.match(r"\s*\(([^()]*)\)", after)
        if paren:
            lo, hi = m.end() + paren.start(1), m.end() + paren.end(1)
            for mention in mentions:
                if lo <= mention.start and mention.end <= hi:
                    claim(mention, position, False)
    for m in _TALLY.finditer(cmasked):
        numbers = [int(g) for g in m.groups() if g is not None]
        context_words = cmasked[max(0, m.start() - 80) : m.end() + 40]
        if sum(numbers) > 15 or not re.search(
            r"\b(?:vot|adopt|pass|approv|reject|fail|tally|margin|veto|resolution|draft)",
            context_words,
            re.I,
        ):
            continue
        if re.search(r"\b(?:score|scored|won|beat|defeated)\s*$", cmasked[: m.start()], re.I):
            continue
        for position, value in zip(COUNTED, numbers, strict=False):
            counts.append(CountClaim(position, value, sentence))
    for m in _VOTES_TO.finditer(cmasked):
        if _NEEDED.search(cmasked[max(0, m.start() - 60) : m.start()]):
            continue
        first, second = _number(m[1]), _number(m[2])
        if first is not None and second is not None and first + second <= 15:
            counts.append(CountClaim(Position.FOR, first, sentence))
            counts.append(CountClaim(Position.AGAINST, second, sentence))
    for pattern in (_WON, _SUPPORT_OF):
        for m in pattern.finditer(cmasked):
            value = _number(m[1])
            if value is None or _NEEDED.search(cmasked[max(0, m.start() - 60) : m.start()]):
                continue
            if _time_mismatch(cmasked[clause_start(m.start()) : clause_end(m.end())], result):
                continue
            counts.append(CountClaim(Position.FOR, value, sentence))
    for m in _UNANIMOUS.finditer(cmasked):
        if _NOT_UNANIMOUS.search(cmasked[max(0, m.start() - 30) : m.start()]):
            continue
        if _time_mismatch(cmasked[clause_start(m.start()) : clause_end(m.end())], result):
            continue  # "resolution 1970, adopted unanimously in February"
        if _EVENT.search(cmasked) or re.search(r"\b(?:backing|support)\b", cmasked, re.I):
            unanimous.append(sentence)
            break

    # 2. Positions: each phrase with the members it governs.
    cues = [c for c in _find_cues(masked) if not _not_a_cue(masked, c)]
    for mention in mentions:
        if not mention.possessive:
            continue
        after = masked[mention.end :]
        for pattern in CUES:
            if pattern.kind == POSSESSIVE and pattern.regex.match(after):
                if not _hedged(
                    masked, Cue(mention.start, mention.start, "", "", pattern.veto, False), 0
                ):
                    claim(mention, pattern.position, pattern.veto)
                break
    for i, cue in enumerate(cues):
        floor = max(cues[i - 1].end if i else 0, clause_start(cue.start))
        ceiling = min(cues[i + 1].start if i + 1 < len(cues) else len(masked), clause_end(cue.end))
        if _hedged(masked, cue, floor):
            continue
        comma = masked.find(",", cue.end)
        window_end = ceiling if comma == -1 else min(ceiling, comma)
        group: list[Mention] = []
        if cue.kind == OBJECT:
            group = _group_after(masked, mentions, consumed, cue.end, ceiling)
            window = masked[cue.start : ceiling]
        else:
            gerund = bool(re.match(r"\w+ing\b", masked[cue.start : cue.end]))
            group = _group_before(masked, mentions, consumed, floor, cue.start, gerund)
            window = masked[min([floor, *(m.start for m in group)]) : window_end]
            first = min((m.start for m in group), default=cue.start)
            if re.search(r"\b(?:neither|not\s+even|not)\s+(?:the\s+)?$", masked[floor:first], re.I):
                continue  # "Neither China nor Kazakhstan voted against": a denial
        if _time_mismatch(window, result):
            continue
        if cue.kind != OBJECT:
            group += _extension_after(masked, mentions, consumed, cue.end, ceiling)
            segment = masked[floor : cue.start]
            subject = _COUNT_SUBJECT.search(segment)
            if (
                subject
                and _number(subject[1]) is not None
                and not _NEEDED.search(
                    masked[max(0, floor + subject.start() - 60) : floor + subject.start()]
                )
                # "the five permanent members all voted yes": a part of the Council,
                # not the count of a position (only permanent members veto, though)
                and (cue.veto or not _SUBGROUP.search(subject.group(0)))
            ):
                counts.append(
                    CountClaim("veto" if cue.veto else cue.position, _number(subject[1]), sentence)
                )
            rest = _REST.search(segment)
            if rest:
                number = re.match(rf"({NUM})\s+others", rest.group(0), re.I)
                value = _number(number[1]) if number else (_number(subject[1]) if subject else None)
                rests.append(RestClaim(cue.position, value, sentence))
        if cue.only:
            counts.append(CountClaim(cue.position, 1, sentence))
        for mention in group:
            claim(mention, cue.position, cue.veto)

    # 3. "the 15-member Council"
    for m in _ELECTED_SEATS.finditer(masked):
        result.stated_seats.add(5 + _number(m[1]))
    for m in _SEATS.finditer(masked):
        stated = _number(m[1])
        if stated in _SIZE_DAY:
            result.stated_seats.add(stated)
        if result.vote_date and stated and stated != rules.seats(result.vote_date):
            result.warnings.append(
                f"The article speaks of a {stated}-member Council; on "
                f"{result.vote_date.isoformat()} it had {rules.seats(result.vote_date)} seats."
            )


def _mask_other_draft_paragraphs(sentences: list[Sentence], result: Extraction) -> None:
    """A sentence whose subject is another draft ("A rival Russian draft then failed
    ...") is about that vote, and so is the rest of its paragraph ("Only four
    countries voted for it"): blank them all, and say so."""
    about_other: int | None = None
    for sentence in sentences:
        if sentence.headline:
            continue
        if about_other is not None and sentence.paragraph != about_other:
            about_other = None
        opening = _OTHER_DRAFT.search(sentence.masked)
        if opening and re.fullmatch(
            r"\W*(?:(?:then|later|and|but|meanwhile|earlier|a|an|the|[\w.-]+'s|[A-Z][\w.-]*)\s+){0,3}",
            sentence.masked[: opening.start()],
        ):
            about_other = sentence.paragraph
        if about_other is None:
            continue
        if _EVENT.search(sentence.masked) or _COUNT_PAIR.search(sentence.count_masked):
            note = "The article also reports another vote, not read: " + sentence.original
            if note not in result.warnings:
                result.warnings.append(note)
        sentence.masked = " " * len(sentence.masked)
        sentence.count_masked = " " * len(sentence.count_masked)


# An amendment is voted on apart from the draft it would amend: its counts, its
# supporters and its failure are not the draft's.
_AMENDMENT = re.compile(r"\bamendments?\b", re.I)
# Where a clause about an amendment gives way to one about the draft itself:
# "Russia's amendment failed, and the resolution was then adopted 13-0-2".
_BACK_TO_THE_DRAFT = re.compile(
    r";|,\s*(?:(?:and|but|then|before|after|while)\s+)*(?:the|a|its)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:resolution|draft|text|measure|council)\b",
    re.I,
)

_AMENDMENT_PHRASE = re.compile(
    r"\b(?:with|including|despite|without|over)\s+(?:[\w'.-]+\s+){0,3}$", re.I
)


def _mask_amendments(sentence: Sentence, result: Extraction) -> None:
    """Blank what a sentence says of an amendment, from the clause that names it to
    the end of the sentence or the return to the draft ("The vote for the amendment
    had seven in favour, and seven against"), in both masks, and say so."""
    while (m := _AMENDMENT.search(sentence.masked)) is not None:
        text = sentence.masked
        starts = [text.rfind(";", 0, m.start())]
        starts += [k.start() for k in _CLAUSE_OPENER.finditer(text, 0, m.start())]
        # "adopted 13-0-2 with an amendment by Russia": only the phrase is the amendment's
        phrase = _AMENDMENT_PHRASE.search(text, 0, m.start())
        starts += [phrase.start()] if phrase else []
        start = max([0, *starts])
        back = _BACK_TO_THE_DRAFT.search(text, m.end())
        end = back.start() if back else len(text)
        clause = text[start:end]
        if _EVENT.search(clause) or _COUNT_PAIR.search(sentence.count_masked[start:end]):
            note = "The article also reports a vote on an amendment, not read: " + (
                sentence.original
            )
            if note not in result.warnings:
                result.warnings.append(note)
        blank = " " * (end - start)
        sentence.masked = text[:start] + blank + text[end:]
        sentence.count_masked = sentence.count_masked[:start] + blank + sentence.count_masked[end:]


def _mask_other_drafts(sentence: Sentence, result: Extraction) -> str:
    """Blank the clauses about another draft ("a rival Russian text failed"), in both
    masks, and say so: those votes are not this one."""
    _mask_amendments(sentence, result)
    for m in _OTHER_DRAFT.finditer(sentence.masked):
        text = sentence.masked
        starts = [text.rfind(ch, 0, m.start()) for ch in ",;("]
        starts += [k.start() for k in _CLAUSE_OPENER.finditer(text, 0, m.start())]
        start = max([0, *starts])
        ends = [i for i in (text.find(ch, m.end()) for ch in ",;)") if i != -1]
        end = min(ends) if ends else len(text)
        clause = text[start:end]
        if _EVENT.search(clause) or _COUNT_PAIR.search(clause):
            note = "The article also reports another vote, not read: " + sentence.original
            if note not in result.warnings:
                result.warnings.append(note)
        blank = " " * (end - start)
        sentence.masked = text[:start] + blank + text[end:]
        sentence.count_masked = sentence.count_masked[:start] + blank + sentence.count_masked[end:]
    return sentence.masked


def _group_before(
    masked: str,
    mentions: list[Mention],
    consumed: set[int],
    floor: int,
    cue_start: int,
    gerund: bool = False,
) -> list[Mention]:
    """The members named just before a phrase: "China, Russia and Bolivia voted no",
    "with China and India abstaining", "Russia was joined by China in vetoing"."""
    candidates = [
        m for m in mentions if floor <= m.start and m.end <= cue_start and id(m) not in consumed
    ]
    group: list[Mention] = []
    limit = cue_start
    for m in reversed(candidates):
        gap = masked[m.end : limit]
        if not group:
            if m.adjectival:
                if m.capital or _GAP_BLOCK.search(gap):
                    break
                continue
            words = re.findall(r"[A-Za-z']+", gap)
            if len(words) > 12 or _GAP_BLOCK.search(gap):
                break
        elif not _LIST_GAP.fullmatch(gap):
            break
        if m.adjectival:
            break
        preposition = re.search(
            r"\b(?:to|of|for|from|against|on|about|at|in|into|by|over|than|with|between|"
            r"toward|towards|behind|despite|under)\s+(?:the\s+)?$",
            masked[max(floor, m.start - 20) : m.start],
            re.I,
        )
        if gerund and preposition and preposition.group(0).lower().startswith("with"):
            preposition = None  # "with the United States abstaining"
        if preposition and not re.search(
            r"\b(?:(?:along|together)\s+with|joined\s+by)\s+(?:the\s+)?$",
            masked[max(floor, m.start - 25) : m.start],
            re.I,
        ):
            break
        group.append(m)
        limit = m.start
    return group


def _possible_sizes(
    result: Extraction, counts: Mapping[str, int | None], named: int
) -> tuple[int, ...]:
    """The Council sizes the vote can have been held on: the date's, or, with no date,
    those of 11 and 15 seats that the stated sizes and the votes counted or named fit."""
    if result.vote_date:
        return (rules.seats(result.vote_date),)
    sizes = tuple(_SIZE_DAY)
    if len(result.stated_seats) == 1:
        sizes = tuple(n for n in sizes if n in result.stated_seats) or sizes
    votes = max(sum(counts[p] or 0 for p in COUNTED), named)
    return tuple(n for n in sizes if n >= votes) or sizes[-1:]


# Between a phrase and the first member it governs: "vetoed by the permanent member
# Russia", "in favour were the delegations of France and Japan".
_LEAD_GAP = re.compile(
    r"(?:[\s,:(]|\bthe\b|\bboth\b|\beither\b|\bpermanent\b|\belected\b|\bmembers?\b|"
    r"\bcouncil\b|\b(?:delegations?|representatives?|ambassadors?|envoys?)\s+of\b)*",
    re.I,
)


def _group_after(
    masked: str, mentions: list[Mention], consumed: set[int], cue_end: int, ceiling: int
) -> list[Mention]:
    """The members a phrase names after it: the list that follows it at once
    ("opposed by Russia, China and Algeria"), not every name later in the clause
    ("..., maintains reports despite concerns about US strikes in Yemen")."""
    group: list[Mention] = []
    limit = cue_end
    for m in mentions:
        if m.start < limit or m.end > ceiling:
            continue
        gap = masked[limit : m.start]
        if not (_LEAD_GAP if not group else _LIST_GAP).fullmatch(gap):
            break
        if id(m) not in consumed and not m.adjectival:
            group.append(m)
        limit = m.end
    return group


def _extension_after(
    masked: str, mentions: list[Mention], consumed: set[int], cue_end: int, ceiling: int
) -> list[Mention]:
    """Members joined to a phrase after it: "abstained, along with Ethiopia and
    Kazakhstan", "backed the measure, including France", "abstained (France, ...)"."""
    after_members = [m for m in mentions if cue_end <= m.start and m.end <= ceiling]
    if not after_members:
        return []
    m = _EXTENSION.search(masked, cue_end, ceiling)
    if m is None:
        return []
    between = [x for x in after_members if x.start < m.start()]
    if any(not x.adjectival for x in between):
        return []
    end = ceiling
    opener = m.group(0).strip()
    if opener.startswith("("):
        close = masked.find(")", m.end(), ceiling)
        end = close if close != -1 else ceiling
    elif opener in {"--", "–", "—"}:
        close = re.search(r"--|–|—", masked[m.end() : ceiling])
        end = m.end() + close.start() if close else ceiling
    return [
        x for x in after_members if m.end() <= x.start and x.end <= end and id(x) not in consumed
    ]


def _settle(
    result: Extraction,
    context: Context,
    claims: list[Claim],
    count_claims: list[CountClaim],
    rests: list[RestClaim],
    unanimous: list[Sentence],
) -> None:
    """From what the sentences say to one consistent proposal, or warnings."""
    day = result.vote_date
    seated = result.seated
    permanent = {c for c, p in seated.items() if p} if seated else set(context.permanent)
    name = context.name

    # Positions named in the article.
    by_member: dict[str, list[Claim]] = {}
    for c in claims:
        by_member.setdefault(c.code, []).append(c)
    named: dict[str, str] = {}
    veto_said: set[str] = set()
    for code, member_claims in by_member.items():
        if seated and code not in seated:
            result.warnings.append(
                f"{name(code)} is named ('{member_claims[0].position}') but did not sit on the "
                f"Council on {day.isoformat()}: left out."
            )
            continue
        kinds = Counter(c.position for c in member_claims)
        if len(kinds) > 1:
            described = " and ".join(f"'{p}'" for p in kinds)
            result.warnings.append(
                f"{name(code)} is named in two positions ({described}): left for the editor."
            )
            continue
        position = member_claims[0].position
        named[code] = position
        if any(c.veto for c in member_claims):
            veto_said.add(code)
        ranked = sorted(member_claims, key=lambda c: (not c.veto, c.sentence.headline))
        best = ranked[0]
        result.evidence[code] = Evidence(code, position, best.sentence.original)

    # Counts stated in the article.
    counts: dict[str, int | None] = dict.fromkeys(POSITIONS)
    stated: dict[str, list[CountClaim]] = {}
    for c in count_claims:
        stated.setdefault(c.position, []).append(c)
    for position, options in stated.items():
        if position == "veto":
            continue
        values = Counter(c.value for c in options)
        value = options[0].value
        if len(values) > 1:
            result.warnings.append(
                f"The article gives several counts '{position}' ("
                + ", ".join(str(v) for v in values)
                + f"); {value} was taken."
            )
        counts[position] = value
        result.count_evidence[position] = next(
            c for c in options if c.value == value
        ).sentence.original

    # The Council's size: the date's, or, with no date, every size the article allows
    # (11 seats before 1966, 15 from 1966). A value that differs between them is left
    # open, never guessed.
    sizes = _possible_sizes(result, counts, len(named))
    seat_count = sizes[0] if len(sizes) == 1 else None
    seats_text = str(seat_count) if seat_count else " or ".join(str(n) for n in sizes)
    unanimous_open = False  # "unanimous" with the number of seats unknown
    if unanimous:
        if any(counts[p] for p in (Position.AGAINST, Position.ABSTAIN)):
            result.warnings.append(
                "The article says 'unanimous' but also gives votes against or abstentions."
            )
        elif counts[Position.FOR] not in (None, *sizes):
            # the stated count is the more precise fact: keep it, do not overwrite it
            result.warnings.append(
                f"The article says 'unanimous' but counts {counts[Position.FOR]} 'for' "
                f"of {seats_text} seats."
            )
        else:
            if counts[Position.FOR] is None and seat_count is None:
                unanimous_open = True
                result.warnings.append(
                    "Without the date of the vote, the Council's size is unknown "
                    f"({seats_text} seats): the number of votes in favour is left open."
                )
            for position, value in (
                (Position.FOR, counts[Position.FOR] or seat_count),
                (Position.AGAINST, 0),
                (Position.ABSTAIN, 0),
            ):
                if value is None:
                    continue
                counts[position] = value
                result.count_evidence.setdefault(position, unanimous[0].original)
    if not day:
        result.warnings.append(
            "Without the date of the vote, the Council's composition is unknown: "
            "the members not named are left out."
        )

    # Elected members cannot veto: say so and read it as a vote against.
    for code in sorted(veto_said):
        if permanent and code not in permanent:
            result.warnings.append(
                f"{name(code)} is said to have vetoed, but it is not a permanent member: "
                "read as a vote against."
            )
            veto_said.discard(code)

    # Complete the counts from the members named, when the seats leave no doubt.
    named_count = Counter(named.values())
    known = [p for p in COUNTED if counts[p] is not None]
    unknown = [p for p in COUNTED if counts[p] is None]
    if unknown and known:
        filled = sum(counts[p] for p in known) + sum(named_count[p] for p in unknown)
        # "The Soviet Union was absent": a member named as not voting holds a seat too
        filled += named_count[Position.NON_VOTING]
        if seat_count is not None and filled == seat_count:
            for p in unknown:
                counts[p] = named_count[p]
                result.count_evidence[p] = "counted from the members the article names"
    elif unknown and seat_count is not None and len(named) == (len(seated) or seat_count):
        for p in COUNTED:
            counts[p] = named_count[p]
            result.count_evidence[p] = "counted from the members the article names"

    # The members not named: the remaining position, when only one is possible.
    unnamed = [code for code in seated if code not in named and code not in by_member]
    inferred: dict[str, str] = {}
    explicit_rest = {r.position for r in rests}
    if seated and unnamed:
        tally_known = all(counts[p] is not None for p in COUNTED)
        if tally_known:
            non_voting = seat_count - sum(counts[p] for p in COUNTED)
            remaining = {
                p: (counts[p] if p != Position.NON_VOTING else non_voting) - named_count[p]
                for p in POSITIONS
            }
            open_positions = [p for p, n in remaining.items() if n > 0]
            if len(open_positions) == 1 and remaining[open_positions[0]] == len(unnamed):
                for code in unnamed:
                    inferred[code] = open_positions[0]
            elif open_positions:
                result.warnings.append(
                    "The positions of "
                    + ", ".join(name(c) for c in sorted(unnamed))
                    + " are not given: "
                    + ", ".join(f"{remaining[p]} '{p}'" for p in open_positions)
                    + " remain."
                )
        elif len(explicit_rest) == 1:
            (position,) = explicit_rest
            value = next((r.value for r in rests if r.value is not None), None)
            if value is None or value == len(unnamed):
                for code in unnamed:
                    inferred[code] = position
                if counts[position] is None:
                    counts[position] = named_count[position] + len(unnamed)
                    result.count_evidence[position] = next(r.sentence.original for r in rests)
                known = [p for p in COUNTED if counts[p] is not None]
                if len(known) == 2:
                    (missing,) = [p for p in COUNTED if counts[p] is None]
                    if named_count[missing] + sum(counts[p] for p in known) == seat_count:
                        counts[missing] = named_count[missing]
        elif unnamed:
            result.warnings.append(
                "The positions of "
                + ", ".join(name(c) for c in sorted(unnamed))
                + " are not given."
            )
    for code, position in inferred.items():
        result.evidence[code] = Evidence(
            code,
            position,
            f"inferred from the counts and the Council's composition on {day.isoformat()}",
            inferred=True,
        )

    # Counts: check against the seats.
    if all(counts[p] is not None for p in COUNTED):
        cast = sum(counts[p] for p in COUNTED)
        if cast > max(sizes):
            result.warnings.append(
                f"The counts {counts[Position.FOR]}-{counts[Position.AGAINST]}-"
                f"{counts[Position.ABSTAIN]} add up to {cast}, more than the {seats_text} seats."
            )
        elif seat_count is None:
            result.warnings.append(
                f"The counts add up to {cast}; without the date of the vote the Council's "
                f"size is unknown ({seats_text} seats): the members not voting are left open."
            )
        else:
            counts[Position.NON_VOTING] = seat_count - cast
            if cast < seat_count and not named_count[Position.NON_VOTING]:
                result.warnings.append(
                    f"The counts add up to {cast} of {seat_count} seats: "
                    f"{seat_count - cast} did not vote, or a count is missing."
                )
    for position in COUNTED:
        if counts[position] is not None and named_count[position] > counts[position]:
            result.warnings.append(
                f"{named_count[position]} members are named as '{position}' but the count "
                f"is {counts[position]}."
            )
    vetoes_stated = [c.value for c in count_claims if c.position == "veto"]
    if vetoes_stated and veto_said and vetoes_stated[0] != len(veto_said):
        result.warnings.append(
            f"The article speaks of {vetoes_stated[0]} vetoes but names {len(veto_said)}."
        )
    elif unanimous_open:
        counts[Position.NON_VOTING] = 0  # every member voted in favour, on either Council
    result.counts = counts

    # Vetoes and the outcome, by the Charter's rules: on the Council of the date, or,
    # with no date, on each Council size the article allows, kept where they agree.
    named_positions = {**named, **inferred}
    negative_permanent = [
        c for c, p in named_positions.items() if p == Position.AGAINST and c in permanent
    ]

    def judge(size: int) -> tuple[dict[str, str], set[Outcome], str]:
        """Positions (vetoes named), the outcomes possible and, when decided from
        every member's vote, the explanation, on a Council of `size` seats."""
        on = day or _SIZE_DAY[size]
        positions = dict(named_positions)
        tally = result.tally
        if tally is None and unanimous_open:
            tally = rules.Tally(size, 0, 0)
        yes = tally.yes if tally is not None else counts[Position.FOR]
        if tally is not None:
            if day is not None and seated and len(positions) == len(seated):
                decision = rules.decide_votes(
                    positions,
                    seated,
                    on=day,
                    procedural=result.procedural,
                    tally=tally,
                    names=context.display,
                )
                positions = rules.classify_negative_votes(
                    positions, permanent, on=day, procedural=result.procedural
                )
                return positions, {decision.outcome}, decision.explanation
            vetoable = rules.could_be_vetoed(tally.yes, on=on, procedural=result.procedural)
            # every no is named: each permanent member's no is a veto (counted once,
            # before the first one is turned into a veto)
            all_noes_named = tally.against == len(
                [c for c, p in positions.items() if p == Position.AGAINST]
            )
            for code in negative_permanent:
                if vetoable and (code in veto_said or all_noes_named):
                    positions[code] = Position.VETO
            known_vetoes = [c for c, p in positions.items() if p == Position.VETO]
            possible = rules.possible_outcomes(
                tally=tally, known_vetoes=known_vetoes, on=on, procedural=result.procedural
            )
            return positions, set(possible), ""
        vetoable = rules.could_be_vetoed(yes, on=on, procedural=result.procedural)
        for code in negative_permanent:
            if code in veto_said and vetoable:
                positions[code] = Position.VETO
        if yes is not None and yes < rules.required_votes(on):
            return positions, {Outcome.FAILED}, ""
        if any(p == Position.VETO for p in positions.values()):
            return positions, {Outcome.VETOED}, ""
        return positions, set(), ""  # unknown

    judged = {size: judge(size) for size in sizes}
    if len(sizes) == 1:
        positions, possible, explanation = judged[sizes[0]]
        if len(possible) == 1:
            result.outcome = str(next(iter(possible)))
            result.outcome_explanation = explanation
        elif len(possible) > 1:
            result.warnings.append(
                "The outcome depends on who voted against: "
                + " or ".join(sorted(str(o) for o in possible))
                + "."
            )
    else:
        # a position kept only when both Councils give it; else the vote as stated
        positions = {
            code: position
            if all(judged[n][0].get(code) == position for n in sizes)
            else named_positions[code]
            for code, position in judged[sizes[0]][0].items()
        }
        answers = [judged[n][1] for n in sizes]
        if all(len(a) == 1 for a in answers) and all(a == answers[0] for a in answers):
            result.outcome = str(next(iter(answers[0])))
        elif any(a != answers[0] for a in answers):
            result.warnings.append(
                "Without the date of the vote, the Council's size is unknown: the outcome is "
                "left open ("
                + "; ".join(
                    f"{' or '.join(sorted(str(o) for o in judged[n][1])) or 'unknown'} on {n} seats"
                    for n in sizes
                )
                + ")."
            )
        elif len(answers[0]) > 1:
            result.warnings.append(
                "The outcome depends on who voted against: "
                + " or ".join(sorted(str(o) for o in answers[0]))
                + "."
            )
    yes = counts[Position.FOR]
    needed = {rules.required_votes(day or _SIZE_DAY[n]) for n in sizes}
    for code in sorted(veto_said):
        if positions.get(code) == Position.AGAINST:
            reason = (
                "no veto applies to a procedural vote"
                if result.procedural
                else f"the draft had {yes} votes in favour, short of the "
                f"{' or '.join(str(n) for n in sorted(needed))} needed"
                if yes is not None and yes < max(needed)
                else "the rules do not make it a veto"
            )
            result.warnings.append(
                f"{name(code)}'s no is described as a veto, but {reason}: recorded as against."
            )
    if result.resolution_number is not None and result.outcome not in (None, str(Outcome.ADOPTED)):
        result.warnings.append(
            f"Resolution {result.resolution_number} is named, but the vote was "
            f"{result.outcome}: the number is left out."
        )
        result.resolution_number = None
    result.positions = positions
    for code, position in positions.items():
        if code in result.evidence and result.evidence[code].position != position:
            old = result.evidence[code]
            result.evidence[code] = Evidence(code, position, old.text, old.inferred)
    result.vetoed_by = sorted(c for c, p in positions.items() if p == Position.VETO)
    if not result.vote_date and not result.warnings:
        result.warnings.append("No date of the vote in the article.")
