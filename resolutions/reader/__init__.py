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
  a photo caption is not a position in this vote; neither is what is said of an
  amendment or of another draft;
- a position goes to the members the phrase governs ("opposed by Russia and
  China"), not to every name nearby;
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

The stages, one module each, in the order `extract` runs them:
`sentences` (split, quotations and histories masked, other drafts and amendments
blanked), `dates`, `documents`, `era` (with no date, the Council's size from the
vote's time), `names` (members and capitals in a sentence), `counts` and
`positions` (what each sentence says, from the phrases of `cues`), `settling` (one
consistent proposal, over a `settlement`; the outcome and the vetoes judged in
`outcome`).
`vocabulary` holds the words they share; `reading` the working objects.

A report in French or Spanish is read by the same stages: `french` and `spanish`
are each a `languages.Language`, the words and names of a language over one engine
(telling the language, one pattern of its phrases and names, `translate` with where
each character stands), and its sentences keep the original text as evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import french, languages, spanish
from .counts import read_counts, read_seats
from .dates import LEAD, read_vote_date, time_mismatch
from .documents import read_document, read_procedural
from .era import fixed_by_the_text, read_era
from .languages import Language
from .names import NameIndex
from .positions import read_positions
from .proposal import Context, Evidence, Extraction
from .reading import Passage, Reading
from .sentences import Sentence, mask_other_draft_paragraphs, mask_other_drafts, split_sentences
from .settling import settle
from .sponsors import mask_drafts_of_other_sponsors
from .verdict import read_verdict
from .vocabulary import ASSEMBLY

__all__ = [
    "MAX_TEXT_CHARS",
    "Context",
    "Evidence",
    "Extraction",
    "NameIndex",
    "extract",
    "too_long",
]

# The longest text the reader takes: about 30,000 words, longer than any news report
# (a long UN press release is some 60,000 characters). A paste over it is refused
# with a clear message in the admin and on the command line.
MAX_TEXT_CHARS = 200_000

# The languages a report is told in, in this order (English when none): French first,
# for its telling words are not Spanish's, while some of Spanish's ("la", "de", "en",
# "que") are French too.
LANGUAGES: tuple[Language, ...] = (french.FRENCH, spanish.SPANISH)


def too_long(text: str) -> str | None:
    """Why the text is refused, or None when the reader takes it."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return (
        f"The text has {len(text):,} characters; the reader takes at most "
        f"{MAX_TEXT_CHARS:,} (about 30,000 words, longer than any news report). "
        "Give the report itself, without the rest of the page."
    )


def extract(
    text: str, published: dt.date | None, context: Context, vote_date: dt.date | None = None
) -> Extraction:
    """Propose the facts of the vote an article reports. Pure: same text, same answer.

    `vote_date`, when an editor knows it, is taken instead of reading it. A text
    longer than MAX_TEXT_CHARS raises ValueError (see `too_long`)."""
    refused = too_long(text)
    if refused:
        raise ValueError(refused)
    reading = Reading(text=text, context=context, result=Extraction(published=published))
    names = context.names
    language = language_of(text)
    if language is not None:
        name, translate, english_names = language
        rendered, where = translate(text)
        reading.sentences = split_sentences(rendered, (text, where))
        reading.result.warnings.append(
            f"The report is in {name}: its words of a vote are read as their English."
        )
        names = {**english_names(), **names}
    else:
        reading.sentences = split_sentences(text)
    reference = read_vote_date(reading, vote_date)
    mask_other_draft_paragraphs(reading.sentences, reading.result)
    read_document(reading.sentences, reading.result)
    read_procedural(reading.sentences, reading.result)
    read_era(reading, reference)
    seat_the_council(reading)
    reading.index = NameIndex(names)
    mask_drafts_of_other_sponsors(reading)
    for sentence in reading.sentences:
        read_sentence(reading, sentence)
    settle(reading)
    return reading.result


def language_of(text: str) -> tuple[str, Callable, Callable] | None:
    """(the language's name, its `translate`, its members' English names) for a report
    in one of `LANGUAGES`, None for one in English."""
    language = languages.language_of(text, LANGUAGES)
    if language is None:
        return None
    return language.name, language.translate, language.english_names


def seat_the_council(reading: Reading) -> None:
    """The members seated on the day of the vote, or, with no date, on every day of a
    window of the vote's time (see `era`) that had one Council, when the text itself
    fixes the vote to that Council (see `era.fixed_by_the_text`)."""
    result = reading.result
    if result.vote_date:
        result.council_day = result.vote_date
        result.seated = dict(reading.context.seated(result.vote_date))
        if not result.seated:
            result.warnings.append(
                f"No Council composition is known for {result.vote_date.isoformat()}."
            )
        return
    for earliest, latest, reason in result.era:
        first, last = reading.context.seated(earliest), reading.context.seated(latest)
        if first and first == last and fixed_by_the_text(reading, earliest, latest, last):
            result.seated, result.council_day = dict(last), latest
            result.warnings.append(
                f"Without the date of the vote, the Council is that of {earliest.isoformat()} "
                f"to {latest.isoformat()}, the same on each of those days: {reason}."
            )
            return


def read_sentence(reading: Reading, sentence: Sentence) -> None:
    """What one sentence says of this vote: counts, positions, the Council's size."""
    if ASSEMBLY.search(sentence.text) and not re.search(r"\bCouncil\b", sentence.text):
        return
    lead = LEAD.match(sentence.masked)
    if lead and time_mismatch(lead.group(1), reading.result):
        return  # "In October, ... vetoed ..., while ... abstained": all of it another time
    mask_other_drafts(sentence, reading.result)
    passage = Passage.of(reading, sentence)
    read_counts(passage)
    read_positions(passage)
    read_seats(passage)
    read_verdict(passage)
