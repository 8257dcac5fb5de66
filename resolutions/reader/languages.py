"""Reports in another language than English: the words of a vote read as the English
reader knows them.

A `Language` is what the reader needs to know of one: the small words that tell a text
is written in it, the names it gives the members and their capitals, and its phrases
of a vote (positions, numbers, verbs of adoption, rejection and veto, the Council's
nouns, months and weekdays, the small words between them), each with its English.
`Language.translate` renders those phrases in English, word for word, and leaves every
other word as it is, so that the same stages read the text; it also gives, for each
character of its rendering, where it stands in the original, so that the evidence
stays the original sentence (see `sentences.split_sentences`).

Only the vocabulary is the language's; what counts as a fact is the English reader's.
A phrase the definition does not know is left as it is, and the English reader finds
nothing in it: when unsure, a definition leaves the words untranslated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

Rendering = str | Callable[[re.Match], str]

# What the English reader's counts are weighed against: its own small words.
_ENGLISH_WORDS = re.compile(
    r"\b(?:the|of|and|to|was|were|that|for|with|by|its|has|have|is|which)\b", re.I
)
_WORD_START = r"(?<![\w.])"
# a word ends before a letter only when elided ("l'", "d'", "qu'")
_ELIDED = "'’"
_WORD_END = rf"(?:(?<=[{_ELIDED}])|(?![\w]))"
# In a phrase's pattern, any member's name or capital (as the language writes it,
# with its capital letter): "celles de la Russie" is "those of" only before a name.
NAME = "<NAME>"

# The English name `translate` writes for each member that has sat on the Council, one
# the reader's name index knows.
ENGLISH: dict[str, str] = {
    "AGO": "Angola",
    "ALB": "Albania",
    "ARE": "United Arab Emirates",
    "ARG": "Argentina",
    "AUS": "Australia",
    "AUT": "Austria",
    "AZE": "Azerbaijan",
    "BDI": "Burundi",
    "BEL": "Belgium",
    "BEN": "Benin",
    "BFA": "Burkina Faso",
    "BGD": "Bangladesh",
    "BGR": "Bulgaria",
    "BHR": "Bahrain",
    "BIH": "Bosnia and Herzegovina",
    "BLR": "Belarus",
    "BOL": "Bolivia",
    "BRA": "Brazil",
    "BWA": "Botswana",
    "CAN": "Canada",
    "CHE": "Switzerland",
    "CHL": "Chile",
    "CHN": "China",
    "CIV": "Côte d'Ivoire",
    "CMR": "Cameroon",
    "COD": "Democratic Republic of the Congo",
    "COG": "Congo",
    "COL": "Colombia",
    "CPV": "Cabo Verde",
    "CRI": "Costa Rica",
    "CSK": "Czechoslovakia",
    "CUB": "Cuba",
    "CZE": "Czechia",
    "DDR": "German Democratic Republic",
    "DEU": "Germany",
    "DJI": "Djibouti",
    "DNK": "Denmark",
    "DOM": "Dominican Republic",
    "DZA": "Algeria",
    "ECU": "Ecuador",
    "EGY": "Egypt",
    "ESP": "Spain",
    "EST": "Estonia",
    "ETH": "Ethiopia",
    "FIN": "Finland",
    "FRA": "France",
    "GAB": "Gabon",
    "GBR": "United Kingdom",
    "GHA": "Ghana",
    "GIN": "Guinea",
    "GMB": "Gambia",
    "GNB": "Guinea-Bissau",
    "GNQ": "Equatorial Guinea",
    "GRC": "Greece",
    "GTM": "Guatemala",
    "GUY": "Guyana",
    "HND": "Honduras",
    "HRV": "Croatia",
    "HUN": "Hungary",
    "IDN": "Indonesia",
    "IND": "India",
    "IRL": "Ireland",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "ITA": "Italy",
    "JAM": "Jamaica",
    "JOR": "Jordan",
    "JPN": "Japan",
    "KAZ": "Kazakhstan",
    "KEN": "Kenya",
    "KGZ": "Kyrgyzstan",
    "KOR": "Republic of Korea",
    "KWT": "Kuwait",
    "LBN": "Lebanon",
    "LBR": "Liberia",
    "LBY": "Libya",
    "LKA": "Sri Lanka",
    "LTU": "Lithuania",
    "LUX": "Luxembourg",
    "LVA": "Latvia",
    "MAR": "Morocco",
    "MDG": "Madagascar",
    "MEX": "Mexico",
    "MLI": "Mali",
    "MLT": "Malta",
    "MOZ": "Mozambique",
    "MRT": "Mauritania",
    "MUS": "Mauritius",
    "MYS": "Malaysia",
    "NAM": "Namibia",
    "NER": "Niger",
    "NGA": "Nigeria",
    "NIC": "Nicaragua",
    "NLD": "Netherlands",
    "NOR": "Norway",
    "NPL": "Nepal",
    "NZL": "New Zealand",
    "OMN": "Oman",
    "PAK": "Pakistan",
    "PAN": "Panama",
    "PER": "Peru",
    "PHL": "Philippines",
    "POL": "Poland",
    "PRT": "Portugal",
    "PRY": "Paraguay",
    "QAT": "Qatar",
    "ROU": "Romania",
    "RUS": "Russia",
    "RWA": "Rwanda",
    "SDN": "Sudan",
    "SEN": "Senegal",
    "SGP": "Singapore",
    "SLE": "Sierra Leone",
    "SOM": "Somalia",
    "SUN": "Soviet Union",
    "SVK": "Slovakia",
    "SVN": "Slovenia",
    "SWE": "Sweden",
    "SYR": "Syria",
    "TCD": "Chad",
    "TGO": "Togo",
    "THA": "Thailand",
    "TTO": "Trinidad and Tobago",
    "TUN": "Tunisia",
    "TUR": "Türkiye",
    "TZA": "Tanzania",
    "UGA": "Uganda",
    "UKR": "Ukraine",
    "URY": "Uruguay",
    "USA": "United States",
    "VCT": "Saint Vincent and the Grenadines",
    "VEN": "Venezuela",
    "VNM": "Viet Nam",
    "YEM": "Yemen",
    "YUG": "Yugoslavia",
    "ZAF": "South Africa",
    "ZMB": "Zambia",
    "ZWE": "Zimbabwe",
}


@dataclass
class Language:
    """One language's words of a vote (see the module's docstring).

    `members`: code -> the names the language gives that member; `english`: code ->
    the English name `translate` writes for it; `capitals`: a capital or seat of
    government (as the language writes it) -> its English ("Moscow", "the Kremlin");
    `others`: places whose names hold a member's, each with its English;
    `phrases`: (pattern, English) where the first that matches at a place is taken,
    so longer phrases come before the words they hold. Patterns are
    case-insensitive; names keep their capital letter ("China" the member, "china"
    an adjective); the English takes the capital of the word it stands for."""

    name: str
    telling: str  # the small words that tell the language, as regex alternatives
    members: Mapping[str, Iterable[str]]
    english: Mapping[str, str]
    capitals: Mapping[str, str]
    phrases: list[tuple[str, Rendering]]
    # places whose names hold a member's name and are not that member ("South Sudan")
    others: Mapping[str, str] = field(default_factory=dict)
    # words of it a neighbour that shares many of its small words lacks, as regex
    # alternatives: a text is told this language only with one of them (Spanish's
    # "el", "y" against Portuguese)
    distinct: str = ""
    capital_letters: str = "A-ZÀ-ÖØ-Þ"
    least: int = 4  # the fewest telling words in a text told as this language
    _compiled: tuple | None = field(default=None, init=False, repr=False)

    # --- Telling the language ---------------------------------------------------------

    def tells(self, text: str) -> bool:
        """Is the text written in this language? Its telling words against English's,
        on the first 5,000 characters (a report is in one language)."""
        head = text[:5000]
        words = len(re.findall(rf"\b(?:{self.telling})\b", head, re.I))
        return bool(
            words >= self.least
            and words > 2 * len(_ENGLISH_WORDS.findall(head))
            and (not self.distinct or re.search(rf"\b(?:{self.distinct})\b", head, re.I))
        )

    # --- Names ------------------------------------------------------------------------

    def english_names(self) -> dict[str, str]:
        """Each member's English name that `translate` writes (as `models.normalise_name`
        keys it) -> its code, for the reader's name index."""
        from ..models import normalise_name

        return {normalise_name(english): code for code, english in self.english.items()}

    def _names(self) -> list[tuple[str, str]]:
        pairs = [(n, self.english[code]) for code, names in self.members.items() for n in names]
        places = [*pairs, *self.capitals.items(), *self.others.items()]
        return sorted(places, key=lambda pair: -len(pair[0]))

    # --- The compiled pattern ---------------------------------------------------------

    def _compile(self) -> tuple:
        """The alternatives (the names, then each phrase), each phrase alone (to render
        it), the characters each can start with, and the pattern that finds where one
        may start."""
        if self._compiled is not None:
            return self._compiled
        names = self._names()
        name_rendering = {name.lower(): english for name, english in names}
        any_name = self._names_pattern([name for name, _ in names], group="?:")
        patterns = [pattern.replace(NAME, any_name) for pattern, _ in self.phrases]
        alternatives = [self._names_pattern([name for name, _ in names])]
        alternatives += [f"({pattern})" for pattern in patterns]
        inner = [re.compile(pattern + _WORD_END, re.I) for pattern in patterns]
        firsts = [first_characters(part) for part in alternatives]
        if any(first is None for first in firsts):
            starts = re.compile(_WORD_START)
        else:
            chars = "".join(sorted(set().union(*firsts)))
            starts = re.compile(_WORD_START + "(?=[" + re.escape(chars) + "])", re.I)
        self._compiled = (alternatives, inner, firsts, starts, name_rendering, {})
        return self._compiled

    def _names_pattern(self, names: list[str], group: str = "") -> str:
        """The names (longest first), with their capital letter, as one group."""
        spelled = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
        return f"(?-i:(?=[{self.capital_letters}])({group}{spelled}))"

    def _pattern_for(self, char: str) -> tuple[re.Pattern, dict[int, int]] | None:
        """The alternatives that can start with `char` (case-folded), in their order, as
        one pattern, and which phrase each of its groups wraps (-1: the names)."""
        alternatives, inner, firsts, _, _, cache = self._compile()
        if char in cache:
            return cache[char]
        parts, group_of, number = [], {}, 1
        names = [n for n, _ in self._names() if n[0].casefold()[:1] == char]
        for i, (part, first) in enumerate(zip(alternatives, firsts, strict=True)):
            if i == 0 and names:
                part = self._names_pattern(names)  # only those that start with `char`
            if first is None or char in first and (i or names):
                parts.append(part)
                group_of[number] = i - 1
                number += 1 + (inner[i - 1].groups if i else re.compile(part).groups - 1)
        compiled = re.compile("(?:" + "|".join(parts) + ")" + _WORD_END, re.I) if parts else None
        cache[char] = (compiled, group_of) if compiled else None
        return cache[char]

    # --- Translating --------------------------------------------------------------------

    def translate(self, text: str) -> tuple[str, list[int]]:
        """The text with the words of a vote in English, and for each of its characters
        (and its end) the offset in `text` it stands for."""
        _, inner, _, starts, name_rendering, _ = self._compile()
        parts: list[str] = []
        where: list[int] = []
        last = 0
        for start in starts.finditer(text):
            at = start.start()
            found = self._pattern_for(text[at : at + 1].casefold()[:1]) if at >= last else None
            m = found[0].match(text, at) if found else None
            if m is None or not m[0]:
                continue
            parts.append(text[last:at])
            where.extend(range(last, at))
            english = self._render(m, text, found[1], inner, name_rendering)
            parts.append(english)
            where.extend([at] * len(english))
            last = m.end()
        parts.append(text[last:])
        where.extend(range(last, len(text) + 1))
        return "".join(parts), where

    def _render(self, m: re.Match, text: str, group_of, inner, name_rendering) -> str:
        # the group that closed last is the one that wraps the alternative matched
        i = group_of[m.lastindex]
        if i < 0:
            return name_rendering[re.sub(r"\s+", " ", m[0]).lower()]
        rendering = self.phrases[i][1]
        if callable(rendering):
            # the phrase alone, matched where it stands (its lookbehinds see the text)
            rendering = rendering(inner[i].match(text, m.start()))
        if m[0][:1].isupper() and rendering[:1].islower():
            rendering = rendering[0].upper() + rendering[1:]
        if m[0][-1] in _ELIDED and rendering and not rendering.endswith(" "):
            rendering += " "  # "l'Assemblée": "the Assembly"
        return rendering


# --- Where a phrase may start -----------------------------------------------------------
# A text is searched for the phrases only where one of them can start: each phrase's
# first characters are read from its pattern (with `re`'s own parser), and only the
# phrases that can start with the character there are tried, in their order. A
# pattern this cannot read is tried everywhere.

_SPACES = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_DIGITS = frozenset(c for c in map(chr, range(0x10000)) if re.fullmatch(r"\d", c))


def _folded(char: str) -> set[str]:
    return {c.casefold()[:1] for c in (char, char.lower(), char.upper())}


def first_characters(pattern: str) -> frozenset[str] | None:
    """The characters (case-folded) a match of `pattern` (case-insensitive) can start
    with, or None when it could start with any."""
    try:
        from re import _constants as sre
        from re import _parser as parser
    except ImportError:  # pragma: no cover - another Python's private modules
        return None
    try:
        first, empty = _first(parser.parse(pattern, re.I), sre)
    except Exception:  # noqa: BLE001 - a pattern the walk does not know: tried everywhere
        return None
    return None if first is None or empty else frozenset(first)


def _first(items, sre) -> tuple[set[str] | None, bool]:
    """(the first characters of a sequence of parsed items, whether it can match empty)."""
    found: set[str] = set()
    for op, av in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # takes no character
        if op is sre.LITERAL:
            return found | _folded(chr(av)), False
        if op is sre.IN:
            chars = _in(av, sre)
            return (None if chars is None else found | chars), False
        if op is sre.SUBPATTERN:
            chars, empty = _first(av[-1], sre)
        elif op is sre.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                more, more_empty = _first(branch, sre)
                if more is None:
                    return None, False
                chars |= more
                empty = empty or more_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars, empty = _first(av[2], sre)
            empty = empty or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        found |= chars
        if not empty:
            return found, False
    return found, True


def _in(items, sre) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars |= _folded(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 3000:
            for code in range(av[0], av[1] + 1):
                chars |= _folded(chr(code))
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars |= _SPACES
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars |= _DIGITS
        else:
            return None
    return chars


def language_of(text: str, languages: Iterable[Language]) -> Language | None:
    """The first of `languages` the text is told to be written in, or None."""
    return next((language for language in languages if language.tells(text)), None)
