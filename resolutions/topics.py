"""What a vote is about: its subject, its topics and its sponsors, as plain values
(no database). The importers, the bundled loader and the model use these, so
that each idea has one definition:

- `is_note`: the rule that tells a note about a draft ("as amended", "Oral
  amendment 2", "S/2016/959; S/2016/976") from a title;
- `subject_for`: the short subject of a vote, from its title or else its agenda
  item, never a symbol or a note;
- `topic_names` / `agenda_topics`: a source's topic, region and category as the
  site's topics (a few spellings of one topic made one; the library's agenda
  items of 1946-1993 through an explicit mapping);
- `sponsor_names`: the names in a "submitted by" cell;
- `curated_title`: the bundled titles of votes whose sources say too little.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

TOPIC, REGION, CATEGORY = "topic", "region", "category"
SUBJECT_LIMIT = 300

# Document symbols: S/RES/2334 (2016), S/2016/959, S/PV.7922, S/1894/Rev.1, and the
# addenda and corrigenda written after them (Add.1, Corr.1).
DOCUMENT = re.compile(
    r"\bS\s*/\s*(?:RES\s*/\s*\d+(?:\s*\(\s*\d{4}\s*\))?|PV\.\s*\d+|\d+(?:/\d+)*(?:/Rev\.\s*\d+)?)"
    r"|\b(?:Add|Corr|Rev)\.\s*\d+",
    re.IGNORECASE,
)
# Words that only say how a draft was put to the vote: what is left of a note
# once they (and its symbols and numbers) are taken out is nothing.
NOTE_WORDS = {
    *("add", "amended", "amendment", "amendments", "and", "as", "at", "by", "changes"),
    *("corr", "corrected", "correction", "corrections", "draft", "form", "in", "its"),
    *("made", "meeting", "mtg", "of", "oral", "orally", "para", "paragraph", "paragraphs"),
    *("particularly", "preambular", "operative", "pres", "president", "provisional"),
    *("preliminary", "question", "resolution", "rev", "revised", "revision", "tech"),
    *("technical", "text", "the", "to", "was", "with", "an", "a", "separate", "vote"),
}
# A note often opens with the words that say what part of a draft was voted on.
NOTE_START = re.compile(
    r"^\s*(?:and\b|&|as\s+(?:orally\s+)?(?:amended|corrected|revised)|oral(?:ly)?\s+"
    r"|amendments?\b|para(?:graph)?s?\b\.?|preambular|operative)",
    re.IGNORECASE,
)


def is_note(text: str) -> bool:
    """Whether `text` is a note about a draft rather than a title: it names a
    document by its symbol, opens as a note does ("as amended", "para. 4 of
    ..."), or holds nothing but the words of such notes and numbers."""
    text = " ".join(text.split())
    if not text:
        return True
    if DOCUMENT.search(text) or NOTE_START.match(text):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    return all(word in NOTE_WORDS for word in words)


def subject_for(title: str, agenda_item: str) -> str:
    """The short subject of a vote: its title when it is one (not a note), else
    its agenda item without the symbols of the documents it cites; "" when
    neither says anything."""
    title = " ".join(title.split())
    if title and not is_note(title):
        return shorten(title)
    agenda = DOCUMENT.sub("", agenda_item)
    agenda = re.sub(r"\(\s*(?:and|,|&|\s)*\)", "", agenda)
    agenda = " ".join(agenda.split()).strip(" ,;:-—")
    return shorten(agenda) if agenda and not is_note(agenda) else ""


def shorten(text: str, limit: int = SUBJECT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# One topic written several ways by a source -> the name the site uses.
TOPIC_ALIASES = {
    "middle east, inc. palestinian question": "Middle East, incl. the Palestinian question",
    "middle east, incl. the palestinian question": "Middle East, incl. the Palestinian question",
    "rep. of bosnia and herzegovina": "Bosnia and Herzegovina",
    "east timor": "Timor-Leste",
    "timor": "Timor-Leste",
    "fyr macedonia": "North Macedonia",
    "non-proliferation weapons of mass destruction": "Non-proliferation of weapons of mass "
    "destruction",
    "irmct": "IRMCT of the former Yugoslavia",
    "establishment of an irmct of the former yugoslavia": "IRMCT of the former Yugoslavia",
    "united nations peacekeeping": "United Nations peacekeeping operations",
    "threats to international peace and security caused by terrorist attacks": "Threats to "
    "peace and security caused by international terrorist acts",
    "agreement signed 4 april 1994 between chad and libya concerning modalities for "
    "implementing icj judgment of 3 feb 1994": "Chad and Libya (Aouzou Strip)",
    "the democratic republic of the congo": "Democratic Republic of the Congo",
    "consideration of appointment of secretary-general": "Appointment of the Secretary-General",
}
# Categories: the community table writes one category two ways each.
CATEGORY_ALIASES = {
    "country-specific": "Country/Region-specific",
    "thematic and other": "Thematic",
}
# Values that name no topic, region or category.
NO_TOPIC = {"", "other", "-", "none", "n/a"}


def clean_topic(name: str, kind: str = TOPIC) -> str:
    """A source's topic, region or category as the site names it ("" for none)."""
    name = " ".join(name.split()).strip(" .,;")
    key = name.lower()
    if key in NO_TOPIC:
        return ""
    aliases = CATEGORY_ALIASES if kind == CATEGORY else TOPIC_ALIASES if kind == TOPIC else {}
    return aliases.get(key, name)


def topic_names(topic: str = "", region: str = "", category: str = "") -> list[tuple[str, str]]:
    """(kind, name) of a source's topic, region and category, those it gives."""
    found = [
        (kind, clean_topic(value, kind))
        for kind, value in ((TOPIC, topic), (REGION, region), (CATEGORY, category))
    ]
    return [(kind, name) for kind, name in found if name]


# The library's agenda items (and a curated vote's title) -> the site's topic and
# region: an explicit mapping, first match wins, for the years the community
# table does not reach (1946-1993) and for records no table describes. The
# names are the community table's where it has the topic.
AGENDA_TOPICS: list[tuple[str, str, str]] = [
    (
        r"palestin|occupied arab territor|gaza",
        "Middle East, incl. the Palestinian question",
        "Middle East",
    ),
    (r"lebanon|lebanese|unifil", "Middle East (Lebanon)", "Middle East"),
    (r"syria|golan|undof", "Middle East (Syria)", "Middle East"),
    (r"yemen|red sea|houthi", "Middle East (Yemen)", "Middle East"),
    (r"iraq and kuwait|iraq-kuwait|kuwait", "Iraq and Kuwait", "Middle East"),
    (r"iran and iraq|iran-iraq", "Iran and Iraq", "Middle East"),
    (r"\biran\b|jcpoa", "Iran", "Middle East"),
    (r"suez|egyptian question", "Suez Canal", "Middle East"),
    (r"middle east", "Middle East", "Middle East"),
    (
        r"admission|membership in the united nations|application .* membership",
        "Admission of new members",
        "",
    ),
    (
        r"secretary-general of the united nations|appointment of the .*secretary-general",
        "Appointment of the Secretary-General",
        "",
    ),
    (r"international court of justice", "International Court of Justice", ""),
    (r"cyprus", "Cyprus", "Europe"),
    (r"yugoslav|bosnia|croatia|unprofor|macedonia|kosovo", "Former Yugoslavia", "Europe"),
    (r"greek|greece", "Greek question", "Europe"),
    (r"trieste", "Free Territory of Trieste", "Europe"),
    (r"hungary", "Hungary", "Europe"),
    (r"czechoslova", "Czechoslovakia", "Europe"),
    (r"spanish question", "Spanish question", "Europe"),
    (r"corfu", "Corfu Channel", "Europe"),
    (r"georgia|abkhaz", "Georgia", "Europe"),
    (r"nagorn|karabakh|azerbaijan|armenia", "Nagorno-Karabakh", "Europe"),
    (r"ukrain|crimea", "Ukraine", "Europe"),
    (r"falkland|malvinas", "Falkland Islands (Malvinas)", "Americas"),
    (r"central america|nicaragua|honduras|el salvador|guatemal", "Central America", "Americas"),
    (r"haiti", "Haiti", "Americas"),
    (r"panama", "Panama", "Americas"),
    (r"dominican republic", "Dominican Republic", "Americas"),
    (r"grenada", "Grenada", "Americas"),
    (r"cuba", "Cuba", "Americas"),
    (r"namibia|south west africa", "Namibia", "Africa"),
    (r"southern rhodesia|zimbabwe", "Southern Rhodesia", "Africa"),
    (r"south africa|apartheid|soweto", "South Africa", "Africa"),
    (
        r"portuguese administration|angola|mozambique|guinea-bissau|goa\b",
        "Angola and territories under Portuguese administration",
        "Africa",
    ),
    (r"congo|zaire", "Democratic Republic of the Congo", "Africa"),
    (r"western sahara", "Western Sahara", "Africa"),
    (r"somalia", "Somalia", "Africa"),
    (r"liberia", "Liberia", "Africa"),
    (r"rwanda", "Rwanda", "Africa"),
    (r"libya", "Libya", "Africa"),
    (r"abyei|south sudan", "Sudan and South Sudan", "Africa"),
    (r"sudan", "Sudan", "Africa"),
    (
        r"zambia|lesotho|botswana|benin|seychelles|senegal|guinea|tunisia|comoros|chad|africa",
        "Africa",
        "Africa",
    ),
    (r"korea", "Korea", "Asia"),
    (r"india|pakistan|kashmir|bangladesh", "India and Pakistan", "Asia"),
    (r"indonesia|netherlands and indonesia|west irian", "Indonesian question", "Asia"),
    (r"cambodia|kampuchea|viet[- ]?nam|laos|south-east asia|thailand", "South-East Asia", "Asia"),
    (r"afghanistan|taliban", "Afghanistan", "Asia"),
    (r"timor", "Timor-Leste", "Asia"),
    (r"china|taiwan|formosa", "China", "Asia"),
    (r"tajik", "Tajikistan (Tajik-Afghan border)", "Asia"),
    (
        r"armament|atomic|nuclear|non-proliferation|bacterial",
        "Disarmament and non-proliferation",
        "",
    ),
    (
        r"terroris|hijacking|hostage",
        "Threats to peace and security caused by international terrorist acts",
        "",
    ),
    (r"small arms", "Small arms", ""),
    (r"colombia", "Colombia", "Americas"),
    (r"peacebuilding", "Post-conflict peacebuilding", ""),
]
AGENDA_PATTERNS = [(re.compile(p, re.IGNORECASE), t, r) for p, t, r in AGENDA_TOPICS]


def agenda_topics(*texts: str) -> list[tuple[str, str]]:
    """(kind, name) of the topic and region the mapping gives the first of the
    texts (an agenda item, a title) that it knows; [] when it knows none."""
    for text in texts:
        for pattern, topic, region in AGENDA_PATTERNS:
            if text and pattern.search(text):
                return [(TOPIC, topic), *([(REGION, region)] if region else [])]
    return []


# Entries of a "submitted by" cell that are no member state.
NOT_SPONSORS = re.compile(
    r"^(?:president\??|-?none-?|e10|all council members|committee\b.*|)$", re.IGNORECASE
)


def sponsor_names(cell: str) -> list[str]:
    """The entries of a "submitted by" cell, in order, cleaned of the cell's noise
    (line breaks written as _x000D_, quotes, a leading "the", a closing full
    stop, a count in brackets) and of entries that name no state ("President",
    "-none-", a committee). An entry may still be two names ("Mexico and the
    United States") or half of one ("Costa", "Rica"): see `sponsor_codes`."""
    cell = cell.replace("_x000D_", " ").replace('"', " ")
    names = []
    for part in re.split(r"\s*,\s*", " ".join(cell.split())):
        part = re.sub(r"\s*\(\d+\)$", "", part.strip(" .;"))
        part = re.sub(r"^the\s+", "", part, flags=re.IGNORECASE)
        if part and not NOT_SPONSORS.match(part):
            names.append(part)
    return names


def sponsor_codes(names: list[str], resolve: Callable[[str], str | None]) -> list[str]:
    """The member codes of a cell's entries (`sponsor_names`), through `resolve`
    (a name in any known spelling -> code, or None): an entry it does not know
    is tried as two names joined by "and", then joined with the entry after it
    (a name the cell split in two). Names it cannot place are left out."""
    codes: list[str] = []
    index = 0
    while index < len(names):
        name = names[index]
        code = resolve(name)
        if code is None and index + 1 < len(names):
            code = resolve(f"{name} {names[index + 1]}")
            index += code is not None
        if code is None and " and " in name:
            halves = [resolve(re.sub(r"^the\s+", "", half)) for half in name.split(" and ")]
            codes += [half for half in halves if half and half not in codes]
        elif code is not None and code not in codes:
            codes.append(code)
        index += 1
    return codes


TITLES = Path(__file__).resolve().parent / "data" / "titles.csv"


@cache
def curated_titles(path: Path = TITLES) -> dict[str, str]:
    """The bundled titles written by hand from the documents themselves
    (resolutions/data/titles.csv) for votes whose sources give only a broad
    agenda item: symbol (S/RES/2720 (2023), S/2023/772) -> title. A title that
    is a note, or a row without symbol or title, is an error naming its line."""
    titles = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            symbol, title = (
                (row.get("symbol") or "").strip(),
                " ".join((row.get("title") or "").split()),
            )
            if not symbol or not title or is_note(title) or not (row.get("source") or "").strip():
                raise ValueError(f"{path}:{line}: a symbol, a title (not a note) and a source")
            titles[symbol] = shorten(title)
    return titles


def curated_title(*symbols: str) -> str:
    """The bundled title of the first of the vote's symbols that has one, or ""."""
    titles = curated_titles()
    return next((titles[s] for s in symbols if s and s in titles), "")
