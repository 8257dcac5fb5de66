"""Member names and capitals in a sentence (`NameIndex`), told apart from adjectives
("US-drafted", "the US ambassador") and places ("in Moscow")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .proposal import Context, Extraction
from .vocabulary import CAPITALS

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
        for key, code in names.items():
            # "Republic of the Congo" is also written "Republic of Congo"
            variant = key.replace(" of the ", " of ")
            if variant != key and variant not in names:
                self._add(variant.split(), (code,))
        for capital, codes in CAPITALS.items():
            self._add(capital.split(), codes, capital=True)

    def _add(self, tokens: list[str], codes: tuple[str, ...], capital: bool = False) -> None:
        if not tokens:
            return
        node = self.trie
        for token in tokens:
            node = node.setdefault(token, {})
        node.setdefault("\0", (codes, capital))

    def find(self, text: str) -> list[Mention]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is longer ("İ")
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


def resolve(mention: Mention, context: Context, result: Extraction) -> str | None:
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
