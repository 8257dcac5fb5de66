"""Reports in French (the UN's other working language; AFP writes in it): the words of
a vote as a `languages.Language`.

"La Russie et la Chine ont opposé mardi leur veto au projet de résolution, qui a
recueilli neuf voix pour, trois contre et trois abstentions" is read as "Russia and
China vetoed on Tuesday the draft resolution, which received nine votes in favour,
three against and three abstentions". The verbs are rendered with their auxiliaries
("aurait voté" is "would have voted", "n'a pas voté" "has not voted", "va voter"
"is going to vote"), their infinitives with "to", so that the English reader's
hedges and denials hold; a verb form this list does not know stays French, and
nothing is read from it.
"""

from __future__ import annotations

import re
import unicodedata

from .languages import ENGLISH, NAME, Language

# Words of French that Spanish, Portuguese and English do not have: small words,
# elisions ("l'", "d'", "qu'"), and the words of a vote (weekdays, "Conseil", "voté").
_TELLING = (
    r"des|du|et|est|une|au|aux|ont|qui|dans|pour|avec|sont|été|cette|ces|ils|elles|pas|leur|"
    r"leurs|selon|aussi|voix|contre|également|après|lors|l['’]|d['’]|qu['’]|n['’]|"
    r"s['’]|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|conseil|sécurité|résolution|"
    r"texte|voté|adopté|adoptée|rejeté|rejetée|abstenue?s?|unanimité"
)

# The members that have sat on the Council, by their French names (the UN's, and the
# press's where it writes another).
_NAMES: dict[str, tuple[str, ...]] = {
    "AGO": ("Angola",),
    "ALB": ("Albanie",),
    "ARE": ("Émirats arabes unis", "Émirats Arabes Unis", "Émirats"),
    "ARG": ("Argentine",),
    "AUS": ("Australie",),
    "AUT": ("Autriche",),
    "AZE": ("Azerbaïdjan",),
    "BDI": ("Burundi",),
    "BEL": ("Belgique",),
    "BEN": ("Bénin",),
    "BFA": ("Burkina Faso",),
    "BGD": ("Bangladesh",),
    "BGR": ("Bulgarie",),
    "BHR": ("Bahreïn",),
    "BIH": ("Bosnie-Herzégovine",),
    "BLR": ("Bélarus", "Biélorussie"),
    "BOL": ("Bolivie (État plurinational de)", "État plurinational de Bolivie", "Bolivie"),
    "BRA": ("Brésil",),
    "BWA": ("Botswana",),
    "CAN": ("Canada",),
    "CHE": ("Suisse",),
    "CHL": ("Chili",),
    "CHN": ("République populaire de Chine", "Chine"),
    "CIV": ("Côte d'Ivoire", "Côte d’Ivoire"),
    "CMR": ("Cameroun",),
    "COD": ("République démocratique du Congo", "RD Congo", "RDC"),
    "COG": ("République du Congo", "Congo-Brazzaville", "Congo"),
    "COL": ("Colombie",),
    "CPV": ("Cabo Verde", "Cap-Vert"),
    "CRI": ("Costa Rica",),
    "CSK": ("Tchécoslovaquie",),
    "CUB": ("Cuba",),
    "CZE": ("Tchéquie", "République tchèque"),
    "DDR": ("République démocratique allemande", "Allemagne de l'Est", "RDA"),
    "DEU": ("République fédérale d'Allemagne", "Allemagne de l'Ouest", "Allemagne", "RFA"),
    "DJI": ("Djibouti",),
    "DNK": ("Danemark",),
    "DOM": ("République dominicaine",),
    "DZA": ("Algérie",),
    "ECU": ("Équateur",),
    "EGY": ("Égypte",),
    "ESP": ("Espagne",),
    "EST": ("Estonie",),
    "ETH": ("Éthiopie",),
    "FIN": ("Finlande",),
    "FRA": ("France",),
    "GAB": ("Gabon",),
    "GBR": (
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Royaume-Uni",
        "Royaume Uni",
        "Grande-Bretagne",
    ),
    "GHA": ("Ghana",),
    "GIN": ("Guinée",),
    "GMB": ("Gambie",),
    "GNB": ("Guinée-Bissau",),
    "GNQ": ("Guinée équatoriale",),
    "GRC": ("Grèce",),
    "GTM": ("Guatemala",),
    "GUY": ("Guyana",),
    "HND": ("Honduras",),
    "HRV": ("Croatie",),
    "HUN": ("Hongrie",),
    "IDN": ("Indonésie",),
    "IND": ("Inde",),
    "IRL": ("Irlande",),
    "IRN": ("République islamique d'Iran", "Iran"),
    "IRQ": ("Iraq", "Irak"),
    "ITA": ("Italie",),
    "JAM": ("Jamaïque",),
    "JOR": ("Jordanie",),
    "JPN": ("Japon",),
    "KAZ": ("Kazakhstan",),
    "KEN": ("Kenya",),
    "KGZ": ("Kirghizistan",),
    "KOR": ("République de Corée", "Corée du Sud"),
    "KWT": ("Koweït",),
    "LBN": ("Liban",),
    "LBR": ("Libéria", "Liberia"),
    "LBY": ("Libye",),
    "LKA": ("Sri Lanka",),
    "LTU": ("Lituanie",),
    "LUX": ("Luxembourg",),
    "LVA": ("Lettonie",),
    "MAR": ("Maroc",),
    "MDG": ("Madagascar",),
    "MEX": ("Mexique",),
    "MLI": ("Mali",),
    "MLT": ("Malte",),
    "MOZ": ("Mozambique",),
    "MRT": ("Mauritanie",),
    "MUS": ("Maurice",),
    "MYS": ("Malaisie",),
    "NAM": ("Namibie",),
    "NER": ("Niger",),
    "NGA": ("Nigéria", "Nigeria"),
    "NIC": ("Nicaragua",),
    "NLD": ("Pays-Bas",),
    "NOR": ("Norvège",),
    "NPL": ("Népal",),
    "NZL": ("Nouvelle-Zélande",),
    "OMN": ("Oman",),
    "PAK": ("Pakistan",),
    "PAN": ("Panama",),
    "PER": ("Pérou",),
    "PHL": ("Philippines",),
    "POL": ("Pologne",),
    "PRT": ("Portugal",),
    "PRY": ("Paraguay",),
    "QAT": ("Qatar",),
    "ROU": ("Roumanie",),
    "RUS": ("Fédération de Russie", "Russie"),
    "RWA": ("Rwanda",),
    "SDN": ("Soudan",),
    "SEN": ("Sénégal",),
    "SGP": ("Singapour",),
    "SLE": ("Sierra Leone",),
    "SOM": ("Somalie",),
    "SUN": ("Union soviétique", "Union des républiques socialistes soviétiques", "URSS"),
    "SVK": ("Slovaquie",),
    "SVN": ("Slovénie",),
    "SWE": ("Suède",),
    "SYR": ("République arabe syrienne", "Syrie"),
    "TCD": ("Tchad",),
    "TGO": ("Togo",),
    "THA": ("Thaïlande",),
    "TTO": ("Trinité-et-Tobago",),
    "TUN": ("Tunisie",),
    "TUR": ("Türkiye", "Turquie"),
    "TZA": ("République-Unie de Tanzanie", "Tanzanie"),
    "UGA": ("Ouganda",),
    "UKR": ("Ukraine",),
    "URY": ("Uruguay",),
    "USA": ("États-Unis d'Amérique", "États-Unis", "USA"),
    "VCT": ("Saint-Vincent-et-les Grenadines", "Saint-Vincent-et-les-Grenadines"),
    "VEN": ("Venezuela", "Vénézuéla"),
    "VNM": ("Viet Nam", "Vietnam"),
    "YEM": ("Yémen",),
    "YUG": ("Yougoslavie",),
    "ZAF": ("Afrique du Sud",),
    "ZMB": ("Zambie",),
    "ZWE": ("Zimbabwe",),
}


def _plain_capital(name: str) -> str:
    """ "Etats-Unis" for "États-Unis": the press often leaves capitals unaccented."""
    first = unicodedata.normalize("NFD", name[0])[0]
    return first + name[1:]


MEMBER_NAMES = {
    code: tuple(dict.fromkeys(v for n in names for v in (n, _plain_capital(n))))
    for code, names in _NAMES.items()
}

# Capitals and seats of government for their governments, as in English.
_CAPITALS = {"Moscou": "Moscow", "Pékin": "Beijing", "Pekin": "Beijing", "Londres": "London",
             "Kremlin": "Kremlin", "Maison Blanche": "White House",
             "Maison-Blanche": "White House", "Élysée": "Élysée", "Elysée": "Élysée"}  # fmt: skip

# Places whose names hold a member's and are not that member.
_OTHERS = {"Soudan du Sud": "South Sudan", "Corée du Nord": "North Korea",
           "Irlande du Nord": "Northern Ireland", "Papouasie-Nouvelle-Guinée": "Papua New Guinea",
           "Nouvelle-Guinée": "New Guinea",
           "République populaire démocratique de Corée": "North Korea",
           "Guinée française": "French Guinea", "Congo belge": "Belgian Congo"}  # fmt: skip

# --- The words of a vote ---------------------------------------------------------------

_AP = "['’]"
_NUMBERS = {
    "zéro": "zero", "zero": "zero", "deux": "two", "trois": "three", "quatre": "four",
    "cinq": "five", "six": "six", "sept": "seven", "huit": "eight", "neuf": "nine", "dix": "ten",
    "onze": "eleven", "douze": "twelve", "treize": "thirteen", "quatorze": "fourteen",
    "quinze": "fifteen",
}  # fmt: skip
_NUMBER = r"(?:\d{1,2}|" + "|".join(_NUMBERS) + "|une?|aucune?)"
_MONTHS = {
    "janvier": "January", "février": "February", "fevrier": "February", "mars": "March",
    "avril": "April", "mai": "May", "juin": "June", "juillet": "July", "août": "August",
    "aout": "August", "septembre": "September", "octobre": "October",
    "novembre": "November", "décembre": "December", "decembre": "December",
}  # fmt: skip
_WEEKDAYS = {
    "lundi": "Monday", "mardi": "Tuesday", "mercredi": "Wednesday", "jeudi": "Thursday",
    "vendredi": "Friday", "samedi": "Saturday", "dimanche": "Sunday",
}  # fmt: skip
_MONTH = "(" + "|".join(_MONTHS) + ")"
_WEEKDAY = "(" + "|".join(_WEEKDAYS) + ")"
_PARTS_OF_DAY = {"soir": "evening", "matin": "morning", "après-midi": "afternoon"}


def _number(word: str) -> str:
    word = word.lower()
    if word.isdigit():
        return word
    if word in ("un", "une"):
        return "one"
    if word.startswith("aucun"):
        return "no"
    return _NUMBERS[word]


# The auxiliaries before a past participle: "a voté" is "voted", "aurait voté" "would
# have voted", "avait voté" "had voted". Anything else before the participle ("n'a
# pas voté") is not one of these, and is rendered word by word.
_AUX = {"a": "", "ont": "", "avait": "had ", "avaient": "had ", "aurait": "would have ",
        "auraient": "would have ", "aura": "will have ", "auront": "will have "}  # fmt: skip
_AUX_BE = {"est": "", "sont": "", "était": "had ", "étaient": "had ",
           "serait": "would have ", "seraient": "would have ", "sera": "will have ",
           "seront": "will have ", "étant": "having "}  # fmt: skip
_ADVERBS = {"également": "also", "aussi": "also", "déjà": "already", "finalement": "finally",
            "ensuite": "then", "alors": "then", "pourtant": "however", "encore": "again",
            "de nouveau": "again", "à nouveau": "again", "unanimement": "unanimously",
            "elle-même": "itself", "lui-même": "itself", "eux-mêmes": "themselves"}  # fmt: skip
_AUXILIARY = "(" + "|".join(sorted(_AUX, key=len, reverse=True)) + ")"
_AUXILIARY_BE = "(" + "|".join(sorted(_AUX_BE, key=len, reverse=True)) + ")"
_ADVERB = "(?:(" + "|".join(a.replace(" ", r"\s+") for a in _ADVERBS) + r")\s+)?"
_ADVERB_2 = _ADVERB  # a second place for one: "a ensuite été adopté", "a été ensuite adopté"
_WHEN = (
    rf"(?:({'|'.join(_WEEKDAYS)})(?:\s+({'|'.join(_PARTS_OF_DAY)}|dernier))?|hier(?:\s+soir)?|"
    rf"aujourd{_AP}hui)"
)


def _adverb(word: str | None) -> str:
    return _ADVERBS[re.sub(r"\s+", " ", word.lower())] + " " if word else ""


def _when(m: re.Match, weekday: int, part: int) -> str:
    """The time said inside a verb's phrase ("ont opposé mardi leur veto")."""
    if m[weekday]:
        day = _WEEKDAYS[m[weekday].lower()]
        if m[part] and m[part].lower() == "dernier":
            return f" last {day}"
        return f" on {day}" + (f" {_PARTS_OF_DAY[m[part].lower()]}" if m[part] else "")
    whole = m[0].lower()
    if "hier" in whole:
        return " last night" if re.search(r"hier\s+soir", whole) else " yesterday"
    if "aujourd" in whole:
        return " today"
    return ""


def _perfect(english: str, be: bool = False):
    """ "a voté", "se sont abstenus", "aurait opposé son veto": the auxiliary's tense
    and the participle's English (group 1 the auxiliary, group 2 an adverb)."""
    auxiliaries = _AUX_BE if be else _AUX

    def render(m: re.Match) -> str:
        return auxiliaries[m[1].lower()] + _adverb(m[2]) + english

    return render


# "a été adopté", "aurait été rejeté": the auxiliary's tense, in the passive
_PASSIVE = {"": "was", "had ": "had been", "would have ": "would have been",
            "will have ": "will have been"}  # fmt: skip


def _passive(english: str):
    """ "a été adopté", "aurait été rejeté": the passive in the auxiliary's tense
    (group 1 the auxiliary, group 2 or 3 an adverb)."""

    def render(m: re.Match) -> str:
        return f"{_PASSIVE[_AUX[m[1].lower()]]} {_adverb(m[2] or m[3])}{english}"

    return render


# "n'a pas", "ne sont plus", "n'avait jamais": the auxiliary, negated
_NEGATED = {"a": "has", "ont": "have", "avait": "had", "avaient": "had", "aurait": "would have",
            "auraient": "would have", "aura": "will have", "auront": "will have", "est": "has",
            "sont": "have", "était": "had", "étaient": "had", "serait": "would have",
            "seraient": "would have", "sera": "will have", "seront": "will have",
            "va": "is", "vont": "are", "peut": "can", "peuvent": "can", "pourrait": "could",
            "pourraient": "could", "doit": "must", "doivent": "must", "devrait": "should",
            "devraient": "should", "veut": "does", "veulent": "do"}  # fmt: skip
_NEGATION = {"pas": "not", "plus": "not", "guère": "not", "point": "not", "aucunement": "not",
             "nullement": "not", "jamais": "never"}  # fmt: skip

_POSITION = {"pour": "for", "contre": "against", "en faveur": "in favour"}
_FOR_THE_NTH_TIME = r"(?!\s+(?:la|une)\s+\S+\s+fois)"
_VOTE_POSITION = rf"(?:\s+(pour{_FOR_THE_NTH_TIME}|contre|en\s+faveur))?"


def _voted(prefix: str, m: re.Match, group: int) -> str:
    position = m[group]
    return prefix + (" " + _POSITION[re.sub(r"\s+", " ", position.lower())] if position else "")


_DRAFT = r"(projet\s+de\s+résolution|projet|texte|résolution|proposition)"
_DRAFT_EN = {"projet de résolution": "draft resolution", "projet": "draft", "texte": "text",
             "résolution": "resolution", "proposition": "proposal"}  # fmt: skip
_DRAFT_ADJECTIVE = {
    "concurrent": "rival", "concurrente": "rival", "rival": "rival", "rivale": "rival",
    "alternatif": "alternative", "alternative": "alternative", "précédent": "previous",
    "précédente": "previous", "antérieur": "earlier", "antérieure": "earlier",
    "distinct": "separate", "distincte": "separate", "séparé": "separate",
    "séparée": "separate", "similaire": "similar", "russe": "Russian", "chinois": "Chinese",
    "chinoise": "Chinese", "américain": "American", "américaine": "American",
    "britannique": "British", "français": "French", "française": "French",
    "soviétique": "Soviet", "occidental": "Western", "occidentale": "Western",
}  # fmt: skip
_OF_NATION = {"russe": "Russian", "chinois": "Chinese", "chinoise": "Chinese",
              "américain": "American", "américaine": "American", "britannique": "British",
              "français": "French", "française": "French", "soviétique": "Soviet"}  # fmt: skip
_ROLES = {"ambassadeur": "ambassador", "ambassadrice": "ambassador",
          "représentant": "representative", "représentante": "representative",
          "délégué": "delegate", "déléguée": "delegate", "délégation": "delegation",
          "émissaire": "envoy"}  # fmt: skip


def _with(m: re.Match, english: str) -> str:
    """ "avec l'abstention de": "with the abstention of"."""
    return ("with " if m[0].lower().startswith("avec") else "") + english


def _draft_en(word: str) -> str:
    return _DRAFT_EN[re.sub(r"\s+", " ", word.lower())]


# Before a member's name: "de la Russie" is "of Russia", "à la France" "to France"; in
# a list, "celles de la Russie, de la Chine et de la Bolivie" is "those of Russia,
# China and Bolivia" (the "de" said again before each name is not said in English).
_OF = rf"(?:de\s+la|de\s+l{_AP}|du|des|de|d{_AP})"
_BEFORE_NAME = rf"(?=\s*{NAME})"
_LIST_JOIN = r"(?:(?<=,\s)|(?<=\bet\s)|(?<=\bou\s)|(?<=\bni\s))"

_PHRASES: list[tuple[str, object]] = [
    # places that are not the member their name holds come first (see _OTHERS)
    # a term's end or start, not a day of the vote: "jusqu'au 15 novembre 2026"
    (rf"jusqu{_AP}(?:au|à\s+la|à\s+l{_AP}|à|en)", "until"),
    (r"à\s+compter\s+du|à\s+partir\s+du", "starting"),
    # dates: "le 28 février 2017", "mardi 28 février", "le 1er mars", "en février 2017"
    (
        rf"(?:le\s+)?(?:{_WEEKDAY}\s+)?(\d{{1,2}}|1er|premier)\s+{_MONTH}(?:\s+(\d{{4}}))?",
        lambda m: (
            "on "
            + (f"{_WEEKDAYS[m[1].lower()]} " if m[1] else "")
            + ("1" if not m[2].isdigit() else m[2])
            + f" {_MONTHS[m[3].lower()]}"
            + (f" {m[4]}" if m[4] else "")
        ),
    ),
    (rf"{_MONTH}\s+(\d{{4}})", lambda m: f"{_MONTHS[m[1].lower()]} {m[2]}"),
    (rf"(?:le\s+)?{_WEEKDAY}\s+dernier", lambda m: f"last {_WEEKDAYS[m[1].lower()]}"),
    (rf"(?:le\s+)?{_WEEKDAY}\s+prochain", lambda m: f"next {_WEEKDAYS[m[1].lower()]}"),
    (rf"ce\s+{_WEEKDAY}", lambda m: f"on {_WEEKDAYS[m[1].lower()]}"),
    (_WEEKDAY, lambda m: _WEEKDAYS[m[1].lower()]),
    (_MONTH, lambda m: _MONTHS[m[1].lower()]),
    (r"avant-hier", "two days earlier"),
    (r"hier\s+soir", "last night"),
    (r"hier", "yesterday"),
    (rf"aujourd{_AP}hui", "today"),
    (r"ce\s+matin", "this morning"),
    (r"cet\s+après-midi", "this afternoon"),
    (r"ce\s+soir", "this evening"),
    (rf"l{_AP}an\s+(?:dernier|passé)|l{_AP}année\s+(?:dernière|passée)", "last year"),
    (rf"l{_AP}année\s+précédente|l{_AP}an\s+précédent", "the previous year"),
    (r"le\s+mois\s+(?:dernier|passé)", "last month"),
    (r"le\s+mois\s+précédent", "the previous month"),
    (r"auparavant|précédemment|autrefois", "previously"),
    # "il y a deux ans": ago
    (
        r"il\s+y\s+a(?=\s+(?:[\w-]+\s+){0,2}?(?:jours?|semaines?|mois|ans|années?|décennies?)\b)",
        "ago",
    ),
    (r"la\s+semaine\s+(?:dernière|passée)", "last week"),
    (r"soir", "evening"),
    (r"matin", "morning"),
    # vetoes: "ont opposé (mardi) leur veto à", "a mis son veto", "a usé de son droit de veto"
    (
        rf"{_AUXILIARY}\s+{_ADVERB}(?:opposé|mis)\s+(?:{_WHEN}\s+)?(?:son|leur|un|le)\s+"
        r"(?:double\s+)?veto(?:\s+(à|au|aux|contre))?",
        lambda m: (
            _AUX[m[1].lower()]
            + _adverb(m[2])
            + "vetoed"
            + _when(m, 3, 4)
            + (" the" if m[5] and m[5].lower().startswith("au") else "")
        ),
    ),
    (
        rf"{_AUXILIARY}\s+{_ADVERB}(?:usé|fait\s+usage|fait\s+jouer)\s+(?:{_WHEN}\s+)?"
        r"(?:de\s+)?(?:son|leur)\s+droit\s+de\s+veto",
        lambda m: _AUX[m[1].lower()] + _adverb(m[2]) + "used its veto" + _when(m, 3, 4),
    ),
    (
        rf"{_AUXILIARY}\s+{_ADVERB}(?:exercé|utilisé)\s+(?:{_WHEN}\s+)?(?:son|leur)\s+"
        r"droit\s+de\s+veto",
        lambda m: _AUX[m[1].lower()] + _adverb(m[2]) + "used its veto" + _when(m, 3, 4),
    ),
    (r"opposera\s+(?:son|leur)\s+veto|opposeront\s+leur\s+veto", "will veto"),
    (r"opposerait\s+(?:son|leur)\s+veto|opposeraient\s+leur\s+veto", "would veto"),
    (r"(?:opposer|mettre)\s+(?:son|leur|un|le)\s+veto", "to veto"),
    (r"(?:user|faire\s+usage)\s+de\s+(?:son|leur)\s+droit\s+de\s+veto", "to use its veto"),
    (r"(?:en\s+)?opposant\s+(?:son|leur)\s+veto", "vetoing"),
    (r"oppose\s+son\s+veto", "vetoes"),
    (r"opposent\s+leur\s+veto", "veto"),
    (r"(?:opposé|mis)\s+(?:son|leur)\s+veto", "vetoed"),
    (r"veto\s+opposé\s+par", "veto cast by"),
    (
        rf"(?:le|un|au|du|son|leur)\s+(?:double\s+)?veto\s+{_OF}{_BEFORE_NAME}",
        "the veto by",
    ),
    (r"(?:droit|pouvoir)\s+de\s+veto", "veto power"),
    (r"v[eé]tos", "vetoes"),
    (r"véto", "veto"),
    # the others' noun before the member: "la menace d'un veto"
    (rf"(?:la|une)\s+menace\s+(?:de|d{_AP})", "the threat of"),
    (rf"{_AUXILIARY}\s+menacé\s+(?:de|d{_AP})", lambda m: _AUX[m[1].lower()] + "threatened"),
    (rf"menacent\s+(?:de|d{_AP})|menace\s+(?:de|d{_AP})", "threaten"),
    (r"menacée?s?", "threatened"),
    # positions: "a voté contre", "ont voté pour", "se sont abstenus", "n'a pas pris part"
    (
        rf"n{_AP}(?:a|ont)\s+pas\s+(?:pris\s+part|participé)(?:\s+au\s+(?:vote|scrutin))?",
        "did not take part in the vote",
    ),
    (
        rf"n{_AP}(?:a|ont)\s+pas\s+voté(?!\s+(?:pour|contre|en\s+faveur))",
        "did not vote",
    ),
    (
        rf"ne\s+(?:s{_AP}|se\s+)(?:est|sont)\s+pas\s+abstenue?s?",
        "did not abstain",
    ),
    (
        rf"(?-i:Ont)\s+voté\s+(pour|contre|en\s+faveur)(?=\s*:|\s+{NAME})",
        lambda m: _voted("Voting", m, 1) + " were",
    ),
    (
        rf"(?-i:Se)\s+sont\s+abstenus(?=\s*:|\s+{NAME})",
        "Abstaining were",
    ),
    (r"(?-i:Pour)(?=\s*:)", "In favour"),
    (r"(?-i:Contre)(?=\s*:)", "Against"),
    (
        r"(?:(?:le|la)\s+)?seule?\s+(?:pays|membre|délégation|nation)\s+(?:à|a)\s+"
        r"(?:avoir\s+voté|voter)\s+contre",
        "the only country to vote against",
    ),
    (
        rf"(?:(?:le|la)\s+)?seule?\s+(?:pays|membre|délégation|nation)\s+(?:à|a)\s+"
        rf"(?:s{_AP}abstenir|s{_AP}être\s+abstenue?)",
        "the only country to abstain",
    ),
    (
        rf"{_AUXILIARY}\s+{_ADVERB}voté{_VOTE_POSITION}",
        lambda m: _voted(_AUX[m[1].lower()] + _adverb(m[2]) + "voted", m, 3),
    ),
    (rf"(?:s{_AP}|se\s+){_AUXILIARY_BE}\s+{_ADVERB}abstenue?s?", _perfect("abstained", be=True)),
    (rf"(?:s{_AP}|se\s+){_AUXILIARY_BE}\s+{_ADVERB}opposée?s?", _perfect("opposed", be=True)),
    (rf"s{_AP}abstenir", "to abstain"),
    (rf"s{_AP}abstiendra|s{_AP}abstiendront", "will abstain"),
    (rf"s{_AP}abstiendrait|s{_AP}abstiendraient", "would abstain"),
    (rf"s{_AP}abstient", "abstains"),
    (rf"s{_AP}abstiennent", "abstain"),
    (rf"(?:en\s+)?s{_AP}abstenant", "abstaining"),
    (rf"s{_AP}oppose(?:nt)?", "opposes"),
    (rf"s{_AP}opposer", "to oppose"),
    (rf"voter{_VOTE_POSITION}", lambda m: _voted("to vote", m, 1)),
    (
        rf"votera{_VOTE_POSITION}|voteront{_VOTE_POSITION}",
        lambda m: _voted("will vote", m, 1 if m[1] else 2),
    ),  # fmt: skip
    (
        rf"voterait{_VOTE_POSITION}|voteraient{_VOTE_POSITION}",
        lambda m: _voted("would vote", m, 1 if m[1] else 2),
    ),  # fmt: skip
    (rf"(?:en\s+)?votant{_VOTE_POSITION}", lambda m: _voted("voting", m, 1)),
    (rf"voté{_VOTE_POSITION}", lambda m: _voted("voted", m, 1)),
    (rf"votent{_VOTE_POSITION}", lambda m: _voted("vote", m, 1)),
    (r"absente?s?", "absent"),
    (r"à\s+l['’]unanimité|unanimement", "unanimously"),
    (r"l['’]unanimité", "unanimity"),
    (r"unanimes?", "unanimous"),
    # the abstentions and votes of members, and counts
    (
        rf"(?:avec\s+)?l{_AP}abstention\s+{_OF}{_BEFORE_NAME}",
        lambda m: _with(m, "the abstention of"),
    ),  # fmt: skip
    (
        rf"(?:avec\s+)?les\s+abstentions\s+{_OF}{_BEFORE_NAME}",
        lambda m: _with(m, "the abstentions of"),
    ),  # fmt: skip
    (
        rf"(?:les|la|le)\s+(?:voix|votes?)\s+(?:contre|négatifs?|négatives?)\s+{_OF}{_BEFORE_NAME}",
        "the negative votes of",
    ),
    (
        rf"(?:les|la|le)\s+(?:voix|votes?)\s+(?:pour|favorables?|positifs?)\s+{_OF}{_BEFORE_NAME}",
        "the affirmative votes of",
    ),
    (rf"(?:celles?|ceux|celui)\s+{_OF}{_BEFORE_NAME}", "those of"),
    (rf",\s*dont\s+(?:celles?|ceux|celui)\s+{_OF}{_BEFORE_NAME}", ", including those of"),
    (
        rf",\s*dont(?=\s+(?:(?:la|le|les)\s+|l{_AP}\s*)?{NAME}\s*(?:[,.;)]|et\b|$))",
        ", including",
    ),
    (r"parmi\s+(?:lesquels|lesquelles|eux|elles)", "among them"),
    (
        r"(?:voix|votes)\s+contre(?=\s+(?:\d|zéro|zero|aucune?\b|une?\b|"
        + "|".join(_NUMBERS)
        + r"))",
        "votes to",
    ),
    (r"(?:voix|votes)\s+(?:pour|en\s+faveur)", "votes in favour"),
    (r"(?:voix|votes)\s+contre", "votes against"),
    (
        rf"({_NUMBER})\s+pour(?=\s*[,;.)]|\s+et\b|\s+contre\b|\s*$)",
        lambda m: f"{_number(m[1])} in favour",
    ),
    (r"(?:voix|votes)\s+(?:nécessaires|requises)", "votes needed"),
    (r"une?\s+seule?(?=\s+(?:voix|vote|abstention))", "a single"),
    (r"aucune?(?=\s+(?:voix|vote|abstention|veto)\b)", "no"),
    (r"une?(?=\s+(?:voix|vote|abstention|veto)\b)", "one"),
    (r"une?(?=\s+contre\s*(?:[,;.)]|et\b|$))", "one"),
    (rf"une?(?=\s+(?:s{_AP}est\s+abstenue?|a\s+voté|seule?\b))", "one"),
    (rf"seule?s?(?=\s+(?:(?:la|le|les)\s+|l{_AP}\s*)?{NAME})", "only"),
    (r"aucune?", "none"),
    (r"|".join(_NUMBERS), lambda m: _NUMBERS[m[0].lower()]),
    (r"voix", "votes"),
    (r"scrutin", "vote"),
    # support and opposition
    (
        rf"{_AUXILIARY}\s+(?:reçu|obtenu|recueilli)\s+(?:le\s+soutien|l{_AP}appui)\s+{_OF}",
        lambda m: _AUX[m[1].lower()] + "had the support of",
    ),
    (rf"(?:avec\s+)?(?:le\s+soutien|l{_AP}appui)\s+{_OF}", lambda m: _with(m, "the support of")),
    (rf"n{_AP}(?:a|ont|avait)\s+(?:recueilli|obtenu|reçu|réuni)\s+que", "received only"),
    (rf"n{_AP}(?:a|ont|avait)\s+pas\s+(?:recueilli|obtenu|reçu|réuni)", "failed to obtain"),
    (
        rf"{_AUXILIARY}\s+{_ADVERB}(?:recueilli|obtenu|reçu|réuni|rassemblé|récolté)",
        _perfect("received"),
    ),
    # "a soutenu que ...": argued that, not supported
    (
        rf"{_AUXILIARY}\s+{_ADVERB}(?:soutenu|appuyé)(?!\s+(?:que|qu{_AP}|sur)\b)",
        _perfect("supported"),
    ),
    (r"soutenue?s?\s+par", "supported by"),
    # what became of the draft
    (rf"{_AUXILIARY}\s+{_ADVERB}été\s+{_ADVERB_2}(?:adoptée?s?|approuvée?s?)", _passive("adopted")),
    (rf"{_AUXILIARY}\s+{_ADVERB}été\s+{_ADVERB_2}rejetée?s?", _passive("rejected")),
    (rf"{_AUXILIARY}\s+{_ADVERB}été\s+{_ADVERB_2}bloquée?s?", _passive("blocked")),
    (rf"{_AUXILIARY}\s+{_ADVERB}adopté", _perfect("adopted")),
    (rf"{_AUXILIARY}\s+{_ADVERB}approuvé", _perfect("approved")),
    (rf"{_AUXILIARY}\s+{_ADVERB}rejeté", _perfect("rejected")),
    (rf"{_AUXILIARY}\s+{_ADVERB}bloqué", _perfect("blocked")),
    (rf"{_AUXILIARY}\s+{_ADVERB}échoué", _perfect("failed")),
    (r"(?:est|sont)\s+adoptée?s?", "is adopted"),
    (r"(?:sera|seront)\s+adoptée?s?", "will be adopted"),
    (r"(?:serait|seraient)\s+adoptée?s?", "would be adopted"),
    (r"bloquée?s?\s+par", "blocked by"),
    (r"rejetée?s?\s+par", "rejected by"),
    (r"adoptée?s?|approuvée?s?", "adopted"),
    (r"rejetée?s?", "rejected"),
    (r"bloquée?s?", "blocked"),
    (r"adopter", "to adopt"),
    (r"rejeter", "to reject"),
    (r"bloquer", "to block"),
    (r"adopte", "adopts"),
    (r"adoptent", "adopt"),
    (r"rejette", "rejects"),
    (r"rejettent", "reject"),
    (r"échoué", "failed"),
    (rf"{_AUXILIARY}\s+(?:décidé|choisi)\s+(?:de|d{_AP})", lambda m: _AUX[m[1].lower()] + "chose"),
    # what others said: the English reader's clauses end at "said"
    (
        rf"{_AUXILIARY}\s+(?:déclaré|dit|affirmé|estimé|souligné|indiqué|expliqué|ajouté|"
        r"assuré|précisé|annoncé)",
        lambda m: _AUX[m[1].lower()] + "said",
    ),
    (r"selon", "according to"),
    # the Council and its texts
    (r"Conseil\s+de\s+sécurité", "Security Council"),
    (r"Assemblée\s+générale", "General Assembly"),
    (r"Nations\s+unies", "United Nations"),
    (rf"l{_AP}ONU", "the UN"),
    (r"ONU", "UN"),
    (r"Conseil", "Council"),
    (
        rf"(?:une?|l{_AP})\s*autre\s+{_DRAFT}",
        lambda m: ("the other " if m[0].lower().startswith("l") else "another ") + _draft_en(m[1]),
    ),  # fmt: skip
    (rf"une?\s+(?:second|seconde|deuxième)\s+{_DRAFT}", lambda m: f"a second {_draft_en(m[1])}"),
    (
        rf"(?:(le|la|un|une|l{_AP})\s*)?{_DRAFT}\s+(" + "|".join(_DRAFT_ADJECTIVE) + r")",
        lambda m: (
            ({"un": "a ", "une": "a "}.get((m[1] or "").lower(), "the " if m[1] else ""))
            + f"{_DRAFT_ADJECTIVE[m[3].lower()]} {_draft_en(m[2])}"
        ),
    ),
    (rf"(?:ce|cette|cet)\s+{_DRAFT}", lambda m: f"that {_draft_en(m[1])}"),
    (
        rf"(?:(l{_AP}|le|la)\s*)?(" + "|".join(_ROLES) + r")\s+(" + "|".join(_OF_NATION) + r")",
        lambda m: ("the " if m[1] else "") + f"{_OF_NATION[m[3].lower()]} {_ROLES[m[2].lower()]}",
    ),
    (r"projet\s+de\s+résolution", "draft resolution"),
    (r"projets\s+de\s+résolution", "draft resolutions"),
    (r"résolution", "resolution"),
    (r"résolutions", "resolutions"),
    (r"amendements?", "amendment"),
    (r"projet", "draft"),
    (r"texte", "text"),
    (r"proposition", "proposal"),
    (r"mesure", "measure"),
    (r"membres\s+permanents", "permanent members"),
    (r"membre\s+permanent", "permanent member"),
    (r"membres\s+non\s+permanents", "non-permanent members"),
    (r"membres\s+élus", "elected members"),
    (r"États\s+membres|Etats\s+membres", "member states"),
    (r"membres", "members"),
    (r"membre", "member"),
    (r"représentante?s", "representatives"),
    (r"représentante?", "representative"),
    (r"ambassadeur|ambassadrice", "ambassador"),
    (r"délégations", "delegations"),
    (r"délégation", "delegation"),
    (
        r"(?:le|ce|un|du|au)\s+pays",
        lambda m: (
            {"un": "a", "du": "of the", "au": "to the"}.get(m[0].split()[0].lower(), "the")
            + " country"
        ),
    ),  # fmt: skip
    (r"pays", "countries"),
    (r"tous\s+les\s+autres|toutes\s+les\s+autres", "all the other"),
    (
        r"(?:les|des)\s+autres(?=\s+(?:\d|membres|pays|délégations|États|Etats|"
        + "|".join(_NUMBERS)
        + r"))",
        "the other",
    ),  # fmt: skip
    (r"autres", "other"),
    (r"autre", "other"),
    (r"tous|toutes", "all"),
    (r"le\s+reste", "the rest"),
    # before a member's name: "de la Russie", "à la France", "la Chine"
    (rf"{_LIST_JOIN}{_OF}{_BEFORE_NAME}", ""),
    (rf"{_OF}{_BEFORE_NAME}", "of"),
    (rf"(?:à\s+la|à\s+l{_AP}|au|aux|à){_BEFORE_NAME}", "to"),
    (rf"(?:la|le|les|l{_AP}){_BEFORE_NAME}", ""),
    # negations and hedges: the English reader's own. "n'a pas voté", "n'a plus voté":
    # the auxiliary and "not" (the participle after it is rendered on its own)
    (
        rf"(?:n{_AP}|ne\s+)(?:(s{_AP}|se\s+))?({'|'.join(_NEGATED)})\s+({'|'.join(_NEGATION)})",
        lambda m: _NEGATED[m[2].lower()] + " " + _NEGATION[m[3].lower()],
    ),
    (r"ne\s+pas", "not"),
    (rf"n{_AP}|ne", ""),
    (r"pas|point", "not"),
    (r"jamais", "never"),
    (r"ni", "neither"),  # "ni la Russie ni la Chine n'ont voté contre": a denial
    (r"non", "not"),
    (r"sans", "without"),
    (r"si", "if"),
    (r"à\s+moins\s+que", "unless"),
    (r"plutôt\s+que", "rather than"),
    (r"au\s+lieu\s+de", "instead of"),
    (r"avant\s+de|avant", "before"),
    (r"après\s+avoir", "after having"),
    (r"après", "after"),
    (r"ayant", "having"),
    (r"avoir", "to have"),
    (r"lors\s+d(?:u|e\s+la|e\s+l['’]|e)", "during the"),
    (r"pendant", "during"),
    (r"depuis", "since"),
    (r"alors\s+que|tandis\s+que", "while"),
    (r"bien\s+que|quoique", "although"),
    (r"lorsque|quand", "when"),
    (r"parce\s+que|car", "because"),
    (r"mais", "but"),
    # auxiliaries and modals standing alone
    (r"a\s+été", "was"),
    (r"ont\s+été", "were"),
    (r"avait\s+été|avaient\s+été", "had been"),
    (r"aurait\s+été|auraient\s+été", "would have been"),
    (r"été", "been"),
    (r"aurait|auraient", "would have"),
    (r"avait|avaient", "had"),
    (r"aura|auront", "will have"),
    (r"serait|seraient", "would be"),
    (r"sera|seront", "will be"),
    (r"était", "was"),
    (r"étaient", "were"),
    (r"est", "is"),
    (r"sont", "are"),
    (r"va", "is going"),
    (r"vont", "are going"),
    (r"devrait|devraient|doit|doivent", "is expected"),
    (r"pourrait|pourraient|peut|peuvent", "could"),
    (r"veut|veulent|voulait|voulaient", "wants"),
    (r"a", "has"),
    (r"ont", "have"),
    # before an infinitive, "de" is English's "to" (the infinitive's own)
    (
        rf"(?:de|d{_AP})(?=\s*(?:s{_AP}abstenir|opposer|voter|adopter|rejeter|bloquer|mettre|user))",
        "",
    ),  # fmt: skip
    # the small words between the others
    (rf"de\s+la|de\s+l{_AP}|du", "of the"),
    (r"au|aux", "to the"),
    (rf"de|d{_AP}", "of"),
    (r"(?<=[,(])\s*qui", " which"),
    (r"qui", "who"),
    (rf"que|qu{_AP}", "that"),
    (r"le|la|les", "the"),
    (rf"l{_AP}", "the"),
    (r"un|une", "a"),
    (r"et", "and"),
    (r"ou", "or"),
    (r"avec", "with"),
    (r"par", "by"),
    (r"en\s+faveur", "in favour"),
    (r"en", "in"),
    (r"à", "to"),
    (r"son|sa|ses", "its"),
    (r"leur|leurs", "their"),
    (r"il|elle", "it"),
    (r"ils|elles", "they"),
    (r"aussi|également", "also"),
    (r"seulement|uniquement", "only"),
    (r"déjà", "already"),
    (r"contre", "against"),
]

FRENCH = Language(
    name="French",
    telling=_TELLING,
    members=MEMBER_NAMES,
    english=ENGLISH,
    capitals=_CAPITALS,
    others=_OTHERS,
    phrases=_PHRASES,
    least=3,
)
