"""Sentences and masks: the text split into sentences (headlines, paragraphs and
captions told apart), quotations and histories blanked, and what is said of
another draft or of an amendment blanked too, with a warning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .proposal import Extraction
from .vocabulary import CLAUSE_OPENER, COUNT_PAIR, EVENT, ORDINAL, OTHER_DRAFT

# --- Text: sentences, quotations, captions --------------------------------------------

SAME_LENGTH = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "\u00a0": " ",
    }
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


_CAPTION_LENGTH = 600


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


def split_sentences(text: str, source: tuple[str, list[int]] | None = None) -> list[Sentence]:
    """The sentences of the text, each with its masks; headlines and paragraphs marked,
    photo captions left out. `source`, for a text rendered from another language (see
    `spanish.translate`), is the original and where each character stands in it: the
    sentences' evidence is the original's."""
    original, where = source if source else (text, None)
    work = text.translate(SAME_LENGTH).replace("''", '""')
    sentences: list[Sentence] = []
    offset = 0
    work = _join_wrapped_lines(work)
    for paragraph, line in enumerate(work.split("\n")):
        start_of_line = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if len(line) <= _CAPTION_LENGTH and _CAPTION.search(line):
            continue  # a caption is a line of its own, never a whole pasted report
        # a headline (or a sub-headline): a short line with no full stop at its end
        headline = len(line.split()) <= 20 and not re.search(r"[.!?][\"')]*\s*$", line.strip())
        quoted = _quotation_mask(line)
        pieces: list[tuple[int, int]] = []
        begin = 0
        for match in _SENTENCE_END.finditer(line):
            if quoted[match.start()] == "\0" and line[match.start()] != '"':
                continue  # a full stop inside a quotation does not end the reported sentence
            before = re.search(r"(\S+)$", line[max(begin, match.start() - 60) : match.start()])
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
                original=" ".join(
                    original[start_of_line + a : start_of_line + b].split()
                    if where is None
                    else original[where[start_of_line + a] : where[start_of_line + b]].split()
                ),
                headline=headline,
                paragraph=paragraph,
            )
            s.masked = _mask(s.text, quoted[a:b])
            s.count_masked = _mask(s.text, quoted[a:b], _HISTORY[2:3])
            sentences.append(s)
    return sentences


# A quotation in single quotes, as the British press writes them: opened before a
# letter, after a space or at the start; closed before a space or a stop (not "won't");
# three words at least (a word or two in quotes is the reporter's: Russia 'vetoes').
_SINGLE_QUOTED = re.compile(r"(?:^|(?<=[\s(\[]))'(?=[A-Za-z])([^'\n]{1,600}?)'(?=[\s,.;:!?)\]]|$)")


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
    for m in _SINGLE_QUOTED.finditer(line):
        if len(m[1].split()) >= 3 and "\0" not in chars[m.start() : m.end()]:
            chars[m.start(1) : m.end(1)] = "\0" * (m.end(1) - m.start(1))
    return "".join(chars)


# A relative clause that holds a member's position and nothing more: "Russia, which
# voted against, ...", "China, which abstained, ..." (no time, no other draft: this vote)
VOTE_CLAUSE = (
    r"\s+(?:also\s+)?(?:voted\s+(?:against|for|in\s+favou?r|no|yes)(?:\s+it)?|abstained|"
    r"vetoed\s+it|cast\s+(?:a|its|the)\s+veto)\s*"
)
_HISTORY = [
    # ", which has vetoed six resolutions on Syria," / "(which had been expected to abstain)";
    # not ", which abstained,": nothing but this vote's position (see VOTE_CLAUSE)
    re.compile(
        r"(?:,|\s--|\s–|\s—)\s*(?:which|who|whose)\b(?!"
        + VOTE_CLAUSE
        + r"(?:[,;.)]|\s--|\s–|\s—|$))[^,;()]*?(?=,|;|\s--|\s–|\s—|$)",
        re.I,
    ),
    re.compile(
        r"\(\s*(?:which|who|whose|that|as|although|though|after|before|despite|having|"
        r"when|while|since)\b[^()]*\)",
        re.I,
    ),
    # "the eighth time that Moscow has used its veto", "for the 12th time"
    re.compile(rf"\b(?:the|its|their|a)\s+{ORDINAL}\s+time\b[^;]*", re.I),
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


_QUOTED_RUN = re.compile("\0+")


def _mask(text: str, quoted: str, patterns: list[re.Pattern] | None = None) -> str:
    """The text with its quotations (NUL in `quoted`) and histories blanked."""
    parts, last = [], 0
    for run in _QUOTED_RUN.finditer(quoted):
        parts += [text[last : run.start()], " " * (run.end() - run.start())]
        last = run.end()
    masked = "".join([*parts, text[last:]])
    for pattern in _HISTORY if patterns is None else patterns:
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    for m in _TIMES.finditer(masked):
        start = max(masked.rfind(",", 0, m.start()), masked.rfind(";", 0, m.start())) + 1
        ends = [i for i in (masked.find(",", m.end()), masked.find(";", m.end())) if i != -1]
        end = min(ends) if ends else len(masked)
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked


# "That resolution", "That draft": the one just named, not this one ("this draft")
_THAT_DRAFT = re.compile(
    r"\W*(?:that|the\s+latter)\s+(?:draft\s+)?(?:resolution|draft|text|measure|proposal)\b", re.I
)


def mask_other_draft_paragraphs(sentences: list[Sentence], result: Extraction) -> None:
    """A sentence whose subject is another draft ("A rival Russian draft then failed
    ...") is about that vote, and so is the rest of its paragraph ("Only four
    countries voted for it"): blank them all, and say so."""
    about_other: int | None = None
    told_of_other = False  # the sentence before spoke of another draft
    for sentence in sentences:
        if sentence.headline:
            continue
        if about_other is not None and sentence.paragraph != about_other:
            about_other = None
        opening = OTHER_DRAFT.search(sentence.masked)
        if opening and re.fullmatch(
            # "Minutes earlier, a rival Russian draft failed": a time set off by a comma too
            r"\W*(?:(?:then|later|and|but|meanwhile|earlier|a|an|the|[\w.-]+'s|[A-Z][\w.-]*),?\s+){0,3}",
            sentence.masked[: opening.start()],
        ):
            about_other = sentence.paragraph
        elif told_of_other and _THAT_DRAFT.match(sentence.masked):
            # "A rival draft was put to the vote first. That text got two votes."
            about_other = sentence.paragraph
        told_of_other = opening is not None
        if about_other is None:
            continue
        if EVENT.search(sentence.masked) or COUNT_PAIR.search(sentence.count_masked):
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
    r";|,\s*(?:(?:and|but|then|before|after|while)\s+)*"
    # ", and then adopted the resolution 13-0-2", ", before approving the text"
    r"(?:(?:adopted|approved|passed|adopting|approving|passing)\s+)?"
    r"(?:the|a|its)\s+(?:[\w.-]+\s+){0,2}?(?:resolution|draft|text|measure|council)\b",
    re.I,
)

_AMENDMENT_PHRASE = re.compile(
    r"\b(?:with|including|despite|without|over)\s+(?:[\w'.-]+\s+){0,3}$", re.I
)


# A motion to put off the vote is voted on before the draft, apart from it: "a Russian
# motion to postpone the vote was rejected 4-9-2".
_MOTION = re.compile(
    r"\b(?:motion|proposal|request|bid|move|attempt|push)\s+(?:[\w.'-]+\s+){0,3}?to\s+"
    r"(?:postpone|delay|defer|adjourn|suspend|put\s+off|hold\s+off)\s+(?:the\s+|a\s+|its\s+)?"
    r"(?:vote|voting|meeting|decision|session|debate)\b|\bmotion\s+to\s+adjourn\b",
    re.I,
)


def _mask_motions(sentence: Sentence, result: Extraction) -> None:
    """Blank what a sentence says of a motion to put off the vote, as of an amendment,
    and of a procedural vote before or after it ("..., after China abstained on a
    procedural vote")."""
    while (m := _MOTION.search(sentence.masked)) is not None:
        blank_what_follows(
            sentence, m, result, "The article also reports a vote on a motion, not read: "
        )
    for m in _PROCEDURAL_BEFORE.finditer(sentence.masked):
        note = "The article also reports a procedural vote, not read: " + sentence.original
        if note not in result.warnings:
            result.warnings.append(note)
        blank = " " * (m.end() - m.start())
        sentence.masked = sentence.masked[: m.start()] + blank + sentence.masked[m.end() :]
        counted = sentence.count_masked
        sentence.count_masked = counted[: m.start()] + blank + counted[m.end() :]


_PROCEDURAL_BEFORE = re.compile(
    r"\b(?:after|before|following|ahead\s+of|prior\s+to)\s+[^,;]{0,80}?\bprocedural\s+"
    r"(?:vote|motion|ballot)\b[^,;]*",
    re.I,
)


def _mask_amendments(sentence: Sentence, result: Extraction) -> None:
    """Blank what a sentence says of an amendment, from the clause that names it to
    the end of the sentence or the return to the draft ("The vote for the amendment
    had seven in favour, and seven against"), in both masks, and say so."""
    while (m := _AMENDMENT.search(sentence.masked)) is not None:
        blank_what_follows(
            sentence, m, result, "The article also reports a vote on an amendment, not read: "
        )


def blank_what_follows(sentence: Sentence, m: re.Match, result: Extraction, note: str) -> None:
    """Blank the clause where `m` is, to the end of the sentence or the return to the
    draft itself, in both masks; say so (`note`) if a vote is told there."""
    text = sentence.masked
    starts = [text.rfind(";", 0, m.start())]
    starts += [k.start() for k in CLAUSE_OPENER.finditer(text, 0, m.start())]
    # "adopted 13-0-2 with an amendment by Russia": only the phrase is the amendment's
    phrase = _AMENDMENT_PHRASE.search(text, 0, m.start())
    starts += [phrase.start()] if phrase else []
    start = max([0, *starts])
    back = _BACK_TO_THE_DRAFT.search(text, m.end())
    end = back.start() if back else len(text)
    clause = text[start:end]
    told = EVENT.search(clause) or COUNT_PAIR.search(sentence.count_masked[start:end])
    if told and note + sentence.original not in result.warnings:
        result.warnings.append(note + sentence.original)
    blank = " " * (end - start)
    sentence.masked = text[:start] + blank + text[end:]
    sentence.count_masked = sentence.count_masked[:start] + blank + sentence.count_masked[end:]


_ABSOLUTE = re.compile(
    r",\s*(?:with|without|including|when|where|in\s+which|at\s+which|during\s+which)\b", re.I
)


def _clause_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(ch, start) for ch in ",;)") if i != -1]
    return min(ends) if ends else len(text)


def mask_other_drafts(sentence: Sentence, result: Extraction) -> str:
    """Blank the clauses about another draft ("a rival Russian text failed"), in both
    masks, and say so: those votes are not this one."""
    _mask_amendments(sentence, result)
    _mask_motions(sentence, result)
    openers = _Openers(sentence.masked)
    for m in OTHER_DRAFT.finditer(sentence.masked):
        text = sentence.masked
        starts = [text.rfind(ch, 0, m.start()) for ch in ",;("]
        starts += openers.last_before(m.start())
        start = max([0, *starts])
        end = _clause_end(text, m.end())
        # "..., with China and Russia abstaining", "..., when China abstained": that draft's
        while (phrase := _ABSOLUTE.match(text, end)) is not None:
            end = _clause_end(text, phrase.end())
        clause = text[start:end]
        if EVENT.search(clause) or COUNT_PAIR.search(clause):
            note = "The article also reports another vote, not read: " + sentence.original
            if note not in result.warnings:
                result.warnings.append(note)
        blank = " " * (end - start)
        sentence.masked = text[:start] + blank + text[end:]
        sentence.count_masked = sentence.count_masked[:start] + blank + sentence.count_masked[end:]
        openers.changed(sentence.masked, start)
    return sentence.masked


class _Openers:
    """The clause openers ("after", "while", ...) of a sentence, in the order a scan
    from its start finds them, found once and again only past where it was blanked
    (a report pasted as one sentence of many drafts is not scanned again for each)."""

    def __init__(self, text: str):
        self.text, self.found, self.scanned, self.done = text, [], 0, False

    def last_before(self, limit: int) -> list[int]:
        """The start of the last opener that ends by `limit`, as a list (empty: none);
        the same as the last of `CLAUSE_OPENER.finditer(text, 0, limit)`."""
        while not self.done and (not self.found or self.found[-1][0] < limit):
            m = CLAUSE_OPENER.search(self.text, self.scanned)
            if m is None:
                self.done = True
            else:
                self.found.append(m.span())
                self.scanned = m.end()
        ends = [a for a, b in self.found if b <= limit]
        return ends[-1:]

    def changed(self, text: str, at: int) -> None:
        """The text was blanked from `at` on: what was found before it stands."""
        self.text = text
        self.found = [(a, b) for a, b in self.found if b <= at]
        self.scanned = self.found[-1][1] if self.found else 0
        self.done = False
