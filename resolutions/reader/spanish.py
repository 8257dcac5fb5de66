"""Reports in Spanish: the words of a vote as a `languages.Language`.

A report in Spanish ("El texto recibió 4 votos a favor, 2 en contra y 9
abstenciones", "se abstuvieron China y Rusia", "vetó", "por unanimidad") is read by
the same stages as one in English: its positions, numbers, verbs of adoption and
rejection, the Council's nouns, months and weekdays and the small words between
them are rendered in English, word for word, and every other word is left as it is
(see `languages`). Only the vocabulary is Spanish; what counts as a fact is the
English reader's.
"""

from __future__ import annotations

import re

from .languages import ENGLISH, Language, Rendering
from .spanish_names import CAPITALS, MEMBER_NAMES

# The small words that tell a report in Spanish, and the words of a vote.
_TELLING = (
    r"el|la|los|las|del|de|y|en|se|que|por|con|una|para|según|también|está|fue|sus|este|"
    r"esta|otros|votos|votó|hoy|ayer|sobre|ha|han|resolución|resoluciones|consejo|votación|"
    r"abstuvo|abstuvieron|vetó|aprobó|rechazó|miembros|países"
)
# Words of Spanish that Portuguese, which shares many small words with it, lacks.
_NOT_PORTUGUESE = r"el|los|del|y|una|con"


# --- The words of a vote ------------------------------------------------------------------

_NUMBERS = {
    "dos": "two", "tres": "three", "cuatro": "four", "cinco": "five", "seis": "six",
    "siete": "seven", "ocho": "eight", "nueve": "nine", "diez": "ten", "once": "eleven",
    "doce": "twelve", "trece": "thirteen", "catorce": "fourteen", "quince": "fifteen",
}  # fmt: skip
_MONTHS = {
    "enero": "January", "febrero": "February", "marzo": "March", "abril": "April",
    "mayo": "May", "junio": "June", "julio": "July", "agosto": "August",
    "septiembre": "September", "setiembre": "September", "octubre": "October",
    "noviembre": "November", "diciembre": "December",
}  # fmt: skip
_WEEKDAYS = {
    "lunes": "Monday", "martes": "Tuesday", "miércoles": "Wednesday", "miercoles": "Wednesday",
    "jueves": "Thursday", "viernes": "Friday", "sábado": "Saturday", "sabado": "Saturday",
    "domingo": "Sunday",
}  # fmt: skip
_NUMBER_WORD = r"(?:" + "|".join(_NUMBERS) + r")\b"
_MONTH = "(" + "|".join(_MONTHS) + ")"
_MONTHS_SHORT = {
    "ene": "January", "feb": "February", "mar": "March", "abr": "April", "may": "May",
    "jun": "June", "jul": "July", "ago": "August", "sep": "September", "sept": "September",
    "set": "September", "oct": "October", "nov": "November", "dic": "December",
}  # fmt: skip
_MONTH_SHORT = "(" + "|".join(sorted(_MONTHS_SHORT, key=len, reverse=True)) + ")"
_WEEKDAY = "(" + "|".join(_WEEKDAYS) + ")"
_DRAFT = r"(resoluci[oó]n|texto|borrador|proyecto\s+de\s+resoluci[oó]n|propuesta|iniciativa)"
_NATIONALITY = (
    r"(rus[oa]|estadounidense|norteamerican[oa]|chin[oa]|franc[eé]s|francesa|brit[aá]nic[oa]|"
    r"sovi[eé]tic[oa])"
)
_ADJECTIVE = {"rusa": "Russian", "ruso": "Russian", "estad": "American", "norte": "American",
              "chino": "Chinese", "china": "Chinese", "franc": "French", "britá": "British",
              "brita": "British", "sovié": "Soviet", "sovie": "Soviet"}  # fmt: skip
_DRAFT_EN = {"resolucion": "resolution", "resolución": "resolution", "texto": "text",
             "borrador": "draft", "propuesta": "proposal", "iniciativa": "initiative"}  # fmt: skip


def _draft_en(word: str) -> str:
    word = re.sub(r"\s+", " ", word.lower())
    return "draft resolution" if word.startswith("proyecto") else _DRAFT_EN[word]


_ORDINALS = {
    "primer": "first", "segund": "second", "tercer": "third", "cuart": "fourth",
    "quint": "fifth", "sext": "sixth", "séptim": "seventh", "septim": "seventh",
    "octav": "eighth", "noven": "ninth", "décim": "tenth", "decim": "tenth",
    "undécim": "eleventh", "undecim": "eleventh", "duodécim": "twelfth", "duodecim": "twelfth",
}  # fmt: skip
_ORDINAL_ES = (
    r"((?:d[eé]cimo|vig[eé]simo|trig[eé]simo|cuadrag[eé]simo)?\s*"
    r"(?:primer|segund|tercer|cuart|quint|sext|s[eé]ptim|octav|noven|d[eé]cim|und[eé]cim|"
    r"duod[eé]cim|vig[eé]sim|trig[eé]sim|cuadrag[eé]sim)[oa]?)"
)
_TENS = {"d": 10, "v": 20, "t": 30, "c": 40}
_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
          "seventh": 7, "eighth": 8, "ninth": 9}  # fmt: skip


def _ordinal_en(word: str) -> str:
    """ "octava" -> "eighth", "decimosexta" -> "16th", "vigésima" -> "20th"."""
    word = re.sub(r"\s+", "", word.lower())
    stem = re.sub(r"[oa]$", "", word)
    if stem in _ORDINALS:
        return _ORDINALS[stem]
    compound = re.match(r"(d[eé]cimo|vig[eé]simo|trig[eé]simo|cuadrag[eé]simo)(\w+?)[oa]?$", word)
    if compound:
        unit = _UNITS.get(_ORDINALS.get(compound[2], ""), 0)
        return _suffixed(_TENS[compound[1][0]] + unit)
    return _suffixed(_TENS.get(word[0], 20))  # "vigésima": the 20th


def _suffixed(n: int) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th") if n % 100 not in (11, 12, 13) else "th"
    return f"{n}{suffix}"


def _times(number: str, noun: str) -> str:
    english = {"veces": "times", "ocasiones": "occasions"}[noun.lower()]
    words = {"varias": "several", "muchas": "many", "numerosas": "numerous", "múltiples":
             "multiple", "multiples": "multiple"} | _NUMBERS  # fmt: skip
    word = number.lower()
    if word not in words and re.match(r"(?:dieci|veint|treint|cuarent|cincuent)", word):
        word = "many"  # "veintitrés veces": a number past fifteen
    return f"{words.get(word, word if word == 'many' else number)} {english}"


def _the(m: re.Match, kind: str) -> str:
    """ "el voto en contra de X" -> "the negative votes of X"; "voto en contra de X"
    (after "pese al") -> "negative votes of X"."""
    article = "the " if re.match(r"(?:el|los)\s", m[0], re.I) else ""
    return f"{article}{kind} votes of"


# A member named next: "de Estados Unidos", "de los Estados Unidos".
_NAME_AFTER = r"(?=\s+(?:(?:el|la|los|las)\s+)?(?-i:[A-ZÁÉÍÓÚÑ]))"

# A subject after its verb: a name, or a member's representative.
_SUBJECT_AFTER = (
    r"(?=\s+(?:(?:tambi[eé]n|adem[aá]s)\s+)?(?:(?:el|la|los|las)\s+)?"
    r"(?:(?-i:[A-ZÁÉÍÓÚÑ])|representante|delegad|embajador|delegaci))"
)

# (pattern, English): the first that matches at a place is taken, so the longer
# phrases come before the words they hold. Patterns are case-insensitive; English
# takes the capital of the Spanish word it stands for.
_PHRASES: list[tuple[str, Rendering]] = [
    # histories ("es la octava vez que Rusia vetó", "16 veces")
    (
        rf"(?:(?:la|su|por\s+la|por)\s+)?{_ORDINAL_ES}\s+vez",
        lambda m: f"the {_ordinal_en(m[1])} time",
    ),
    (r"(?:la|su|por\s+la|por)\s+(\d+)\s*[ªºa]\s+vez", lambda m: f"the {_suffixed(int(m[1]))} time"),
    (r"(\d+|[^\W\d_]+)\s+(veces|ocasiones)", lambda m: _times(m[1], m[2])),
    # dates: "11 de marzo de 2026", "el pasado 11 de marzo", "en marzo de 2026"
    (
        rf"(?:el\s+(?:pasado\s+)?)?(\d{{1,2}})\s+de\s+{_MONTH}(?:\s+de(?:l)?\s+(\d{{4}}))?",
        lambda m: f"on {m[1]} {_MONTHS[m[2].lower()]}" + (f" {m[3]}" if m[3] else ""),
    ),
    (rf"{_MONTH}\s+de(?:l)?\s+(\d{{4}})", lambda m: f"{_MONTHS[m[1].lower()]} {m[2]}"),
    # a dateline's "12 abr (EFE).-"
    (
        rf"(\d{{1,2}})\s+{_MONTH_SHORT}\.?(?=\s*[(,.-])",
        lambda m: f"{m[1]} {_MONTHS_SHORT[m[2].lower()]}",
    ),
    (
        rf"(?:el|este|esta)\s+(?:pasado\s+)?{_WEEKDAY}(?:\s+pasado)?",
        lambda m: f"on {_WEEKDAYS[m[1].lower()]}",
    ),
    (rf"(?:el\s+)?pr[oó]ximo\s+{_WEEKDAY}", lambda m: f"next {_WEEKDAYS[m[1].lower()]}"),
    (_WEEKDAY, lambda m: _WEEKDAYS[m[1].lower()]),
    (_MONTH, lambda m: _MONTHS[m[1].lower()]),
    (r"anoche", "last night"),
    (r"ayer", "yesterday"),
    (r"hoy", "today"),
    (r"el\s+año\s+pasado", "last year"),
    (r"el\s+mes\s+pasado", "last month"),
    (r"la\s+semana\s+pasada", "last week"),
    # what is denied, to come, or only possible: "no fue aprobado" (was not adopted),
    # "votará" (will vote), "vetaría" (would veto), "podría vetar" (could veto)
    (r"no\s+(?:fue|fueron|ha\s+sido|han\s+sido)\s+(?:aprobad|adoptad)[oa]s?", "was not adopted"),
    (r"no\s+(?:fue|fueron|ha\s+sido|han\s+sido)\s+rechazad[oa]s?", "was not rejected"),
    (r"no\s+(?:fue|fueron|ha\s+sido|han\s+sido)\s+vetad[oa]s?", "was not vetoed"),
    (r"no\s+(?:aprobó|adoptó|aprobaron|adoptaron)", "did not adopt"),
    (r"no\s+(?:rechazó|rechazaron)", "did not reject"),
    (r"no\s+(?:vetó|vetaron)", "did not veto"),
    (r"no\s+se\s+(?:abstuvo|abstuvieron)", "did not abstain"),
    (r"se\s+votará|se\s+votarán", "will be put to a vote"),
    (r"votará|votarán", "will vote"),
    (r"vetará|vetarán", "will veto"),
    (r"se\s+abstendrá|se\s+abstendrán", "will abstain"),
    (r"(?:aprobar|adoptar)(?:á|án)", "will adopt"),
    (r"rechazará|rechazarán", "will reject"),
    (r"(?:va|van)\s+a", "is going to"),
    (r"votar[ií]an?", "would vote"),
    (r"vetar[ií]an?", "would veto"),
    (r"se\s+habr[ií]an?\s+abstenido", "would have abstained"),
    (r"se\s+abstendr[ií]an?", "would abstain"),
    (r"(?:aprobar|adoptar)[ií]an?", "would adopt"),
    (r"rechazar[ií]an?", "would reject"),
    (r"habr[ií]an?", "would have"),
    (r"podr[ií]an?|pod[ií]an?", "could"),
    (r"deber[ií]an?|deb[ií]an?", "should"),
    (r"podrá|podrán", "will be able to"),
    (r"se\s+espera\s+que|se\s+prev[eé]\s+que", "it is expected that"),
    (r"\w+(?:rá|rán)", lambda m: f"will {m[0]}"),  # any verb in the future
    (r"votar", "to vote"),
    (r"vetar", "to veto"),
    (r"abstenerse", "to abstain"),
    (r"aprobar|adoptar", "to adopt"),
    (r"rechazar", "to reject"),
    # vetoes
    (
        r"(?:ejerció|usó|utilizó|interpuso|empleó)\s+(?:su|el)\s+"
        r"(?:derecho\s+(?:a|al|de)\s+)?veto",
        "cast its veto",
    ),
    (
        r"(?:ejercieron|usaron|utilizaron|interpusieron|emplearon)\s+(?:su|el)\s+"
        r"(?:derecho\s+(?:a|al|de)\s+)?veto",
        "cast their veto",
    ),
    (r"(?:derecho|poder)\s+(?:a|al|de)\s+veto", "veto power"),
    (r"vetó", "vetoed"),
    (r"vetaron", "vetoed"),
    (r"(?:fue|fueron)\s+vetad[oa]s?", "was vetoed"),
    (r"vetad[oa]s?", "vetoed"),
    (r"(?:el|un)\s+veto\s+de", "the veto by"),
    (r"vetos", "vetoes"),
    # positions
    (r"pese\s+al|a\s+pesar\s+del", "despite the"),
    (r"pese\s+a|a\s+pesar\s+de", "despite"),
    (rf"(?:(?:el|los)\s+)?votos?\s+en\s+contra\s+de{_NAME_AFTER}", lambda m: _the(m, "negative")),
    (rf"(?:(?:el|los)\s+)?votos?\s+a\s+favor\s+de{_NAME_AFTER}", lambda m: _the(m, "affirmative")),
    # "con el voto a favor de 13 países": that many in favour
    (rf"(?:(?:el|los)\s+)?votos?\s+a\s+favor\s+de(?=\s+(?:\d|{_NUMBER_WORD}))", "the support of"),
    # "el único voto en contra fue el de Estados Unidos"
    (r"votos?\s+en\s+contra\s+(?:fue|fueron)\s+(?:el|los)\s+de", "votes against came from"),
    (r"votos?\s+a\s+favor\s+(?:fue|fueron)\s+(?:el|los)\s+de", "votes in favour came from"),
    (r"abstenci[oó]n(?:es)?\s+(?:fue|fueron)\s+(?:la|las)\s+de", "abstentions came from"),
    (r"(?:el|la)\s+[uú]nic[oa](?=\s+(?:votos?|abstenci[oó]n)\b)", "the only"),
    (r"(?:apoyad|respaldad)[oa]s?\s+por", "supported by"),
    (r"votos?\s+a\s+favor", "votes in favour"),
    (r"votos\s+afirmativos", "affirmative votes"),
    (r"votos\s+negativos", "negative votes"),
    (r"votos?\s+en\s+contra", "votes against"),
    (r"votos?\s+contra", "votes to"),  # "por 13 votos contra 2"
    # the verb before its subject: "votaron en contra Estados Unidos y Japón", "se
    # abstuvieron Francia e Italia", "votó a favor el representante de Chile"
    (rf"vot(?:aron|ó)\s+en\s+contra{_SUBJECT_AFTER}", "voting against were"),
    (rf"vot(?:aron|ó)\s+a\s+favor{_SUBJECT_AFTER}", "voting in favour were"),
    (rf"se\s+(?:abstuvieron|abstuvo){_SUBJECT_AFTER}", "abstaining were"),
    (r"a\s+favor", "in favour"),
    (r"en\s+contra", "against"),
    (r"(?:con\s+)?la\s+abstenci[oó]n\s+de", "with the abstention of"),
    (r"(?:con\s+)?las\s+abstenciones\s+de", "with the abstentions of"),
    (r"abstenciones", "abstentions"),
    (r"abstenci[oó]n", "abstention"),
    (
        r"se\s+(?:abstuvo|abstuvieron|han\s+abstenido|ha\s+abstenido|abstiene|abstienen)",
        "abstained",
    ),
    (r"absteni[eé]ndose", "abstaining"),
    (r"(?:ha|han)\s+votado", "voted"),
    (r"votó", "voted"),
    (r"votaron", "voted"),
    (r"votando", "voting"),
    (r"votado", "voted"),
    (r"se\s+hab[ií]an?\s+abstenido", "had abstained"),
    (r"votaci[oó]n(?:es)?", "vote"),
    (r"votos", "votes"),
    (r"voto", "vote"),
    (r"no\s+participó|no\s+participaron", "did not take part"),
    (r"ausente", "absent"),
    (
        r"por\s+unanimidad|un[aá]nimemente|de\s+forma\s+un[aá]nime|de\s+manera\s+un[aá]nime",
        "unanimously",
    ),  # fmt: skip
    (r"un[aá]nime", "unanimous"),
    # "entre ellas las de Francia": some of those counted
    (
        r"(?:entre\s+(?:ellas|ellos|ellas,|ellos,)|incluid[oa]s)(?:\s+(?:las|los)\s+de)?",
        "including",
    ),  # fmt: skip
    # support
    (
        r"(?:contó\s+con|recibió|obtuvo|logró|consiguió|tuvo)\s+el\s+"
        r"(?:apoyo|respaldo)\s+de",
        "had the support of",
    ),
    (r"con\s+el\s+(?:apoyo|respaldo)\s+de", "with the support of"),
    (r"el\s+(?:apoyo|respaldo)\s+de", "the support of"),
    (r"(?:contó\s+con|recibió|obtuvo|logró|consiguió)", "received"),
    # what became of the draft
    (r"no\s+(?:logró|consiguió|obtuvo|alcanzó)", "failed to obtain"),
    (r"(?:se\s+)?(?:aprobó|adoptó)\s+(?:uno|otro|otra)\b", "adopted another draft"),
    (r"(?:fue|fueron|ha\s+sido|han\s+sido)\s+(?:aprobad|adoptad)[oa]s?", "was adopted"),
    (r"(?:fue|fueron|ha\s+sido|han\s+sido)\s+rechazad[oa]s?", "was rejected"),
    (r"(?:se\s+)?(?:aprobó|adoptó|aprobaron|adoptaron)", "adopted"),
    (r"(?:ha|han)\s+(?:aprobado|adoptado)", "has adopted"),
    (r"(?:aprobad|adoptad)[oa]s?", "adopted"),
    (r"(?:ha|han)\s+rechazado", "has rejected"),
    (r"(?:rechazó|rechazaron|rechazad[oa]s?)", "rejected"),
    (r"rechaza", "rejects"),
    (r"fracasó|no\s+prosperó", "failed"),
    (r"bloqueó|bloquearon", "blocked"),
    # the Council and its texts
    (r"Consejo\s+de\s+Seguridad", "Security Council"),
    (r"Asamblea\s+General", "General Assembly"),
    (r"Naciones\s+Unidas", "United Nations"),
    (r"ONU", "UN"),
    (r"Consejo", "Council"),
    (rf"(?:otr[oa]|segund[oa])\s+{_DRAFT}", lambda m: f"another {_draft_en(m[1])}"),
    # "el texto ruso": the Russian text, as English orders it (see `sponsors`)
    (
        rf"{_DRAFT}\s+{_NATIONALITY}(?:\s*-\s*{_NATIONALITY})?",
        lambda m: "-".join(_ADJECTIVE[a[:5]] for a in (m[2], m[3]) if a) + f" {_draft_en(m[1])}",
    ),
    # who put a draft forward: "presentado por Rusia"
    (r"(?:presentad|introducid)[oa]s?\s+por", "presented by"),
    (r"propuest[oa]s?\s+por", "proposed by"),
    (r"redactad[oa]s?\s+por", "drafted by"),
    (r"(?:co-?patrocinad|copresentad)[oa]s?\s+por", "co-sponsored by"),
    (r"(?:patrocinad|impulsad|promovid)[oa]s?\s+por", "sponsored by"),
    (r"presentaron|presentó|introdujeron|introdujo", "presented"),
    (r"propusieron|propuso", "proposed"),
    (r"redactaron|redactó", "drafted"),
    (r"copatrocinaron|copatrocinó", "co-sponsored"),
    (r"patrocinaron|patrocinó|impulsaron|impulsó|promovieron|promovió", "sponsored"),
    (
        rf"{_DRAFT}\s+(rival|alternativ[oa]|anterior|previ[oa]|competidor[a]?)",
        lambda m: f"{_RIVAL[m[2].lower()[:5]]} {_draft_en(m[1])}",
    ),
    (rf"(?:es[ae]|aquel|aquella)\s+{_DRAFT}", lambda m: f"that {_draft_en(m[1])}"),
    (rf"(?:est[ae])\s+{_DRAFT}", lambda m: f"this {_draft_en(m[1])}"),
    (r"proyecto\s+de\s+resoluci[oó]n", "draft resolution"),
    (r"resoluci[oó]n", "resolution"),
    (r"resoluciones", "resolutions"),
    (r"enmiendas?", "amendment"),
    (r"borrador", "draft"),
    (r"texto", "text"),
    (r"propuesta", "proposal"),
    (r"iniciativa", "initiative"),
    (r"documento", "document"),
    (r"medida", "measure"),
    (r"miembros", "members"),
    (r"miembro", "member"),
    (r"representantes", "representatives"),
    (r"representante", "representative"),
    (r"embajador(?:a)?", "ambassador"),
    (r"delegaci[oó]n", "delegation"),
    (r"pa[ií]s", "country"),
    (r"pa[ií]ses", "countries"),
    (r"delegaciones", "delegations"),
    (
        r"(?:l[oa]s\s+)?(?:otr[oa]s|dem[aá]s)(?=\s+(?:\d|\w+\s+miembros|miembros|pa[ií]ses))",
        "the other",
    ),
    (r"(?:el|la)\s+[uú]nic[oa]\s+(?:pa[ií]s|miembro|naci[oó]n|delegaci[oó]n)", "the only country"),
    (
        r"(?:el|la|los|las)\s+de(?=\s+(?:(?:el|la|los)\s+)?(?-i:[A-ZÁÉÍÓÚÑ]))",
        "those of",
    ),
    (r"el\s+resto", "the rest"),
    # numbers
    (r"ningun[oa]|ning[uú]n", "none"),
    (r"(?:un|una|uno)(?=\s+(?:votos?|abstenci[oó]n|vetos?)\b)", "one"),
    (r"uno", "one"),
    (r"|".join(_NUMBERS), lambda m: _NUMBERS[m[0].lower()]),
    # time, terms and joins
    (r"hab[ií]a|hab[ií]an", "had"),
    (r"hasta", "until"),
    (r"desde", "since"),
    (r"a\s+partir\s+de(?:l)?", "starting"),
    (r"al\s+igual\s+que", "as did"),
    (r"as[ií]\s+como|adem[aá]s\s+de", "as well as"),
    (r"junto\s+(?:con|a)", "along with"),
    (r"prorrogó|renovó|extendió|amplió", "extended"),
    (r"prorroga|renueva|extiende|amplía", "extends"),
    (r"mandato", "mandate"),
    (r"misi[oó]n", "mission"),
    (r"tras|despu[eé]s\s+de", "after"),
    (r"antes\s+de", "before"),
    # the small words between the others
    (r"de\s+l[oa]s", "of the"),
    (r"del", "of the"),
    (r"al", "to the"),
    (r"de", "of"),
    (r"(?<=[,(])\s*que", " which"),
    (r"que", "that"),
    (r"el|la|los|las", "the"),
    (r"un|una", "a"),
    (r"y|e", "and"),
    (r"o|u", "or"),
    (r"con", "with"),
    (r"sin", "without"),
    (r"por", "by"),
    (r"en", "in"),
    (r"a", "to"),
    (r"no", "not"),
    (r"fue", "was"),
    (r"fueron", "were"),
    (r"ha", "has"),
    (r"han", "have"),
    (r"su", "its"),
    (r"sus", "their"),
    (r"pero", "but"),
    (r"mientras", "while"),
    (r"aunque", "although"),
    (r"tambi[eé]n", "also"),
    (r"s[oó]lo|solamente|[uú]nicamente", "only"),
]
_RIVAL = {"rival": "rival", "alter": "alternative", "anter": "previous", "previ": "previous",
          "compe": "competing"}  # fmt: skip

SPANISH = Language(
    name="Spanish",
    telling=_TELLING,
    members=MEMBER_NAMES,
    english=ENGLISH,
    capitals=CAPITALS,
    phrases=_PHRASES,
    distinct=_NOT_PORTUGUESE,
    capital_letters="A-ZÁÉÍÓÚÑ",
)
is_spanish = SPANISH.tells
translate = SPANISH.translate
