"""Run the article reader on a folder of articles with their truth files and say,
per article and in total, what it got right and how long it took.

Each `NAME.txt` with a `NAME.json` beside it is read; the truth file has the
format of ../shared/data/articles/*.json (vote_date, document, yes/no/abstain,
non_voting, against, abstaining, vetoed_by, published; optionally adopted and
non_voting_members). The members in favour are the truth's
only when its counts account for every seat: the members seated that day that it
does not list as against or abstaining. The document is right when it is the
truth's, or when the reader proposes none and the article names none (a reader
cannot know a symbol the text does not give).

Besides what it gets right, every fact the reader proposes that the truth
contradicts (a date, a document, a count, a veto, a member's position, the
outcome) is listed as "wrong", with the article; a fact left empty is a miss, not
a wrong fact. "Named positions" are the members the truth names against,
abstaining or not voting: the hard part of a report, where the targets are set.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resolutions.models import normalise_name
from resolutions.reader import Context, extract
from resolutions.rules import Position


def truth_positions(truth: dict, context: Context) -> dict[str, str]:
    """Every member's position that the truth file fixes."""
    return {**truth_named_positions(truth, context), **truth_inferred_positions(truth, context)}


def _code(name: str, context: Context) -> str:
    try:
        return context.names[normalise_name(name)]
    except KeyError as error:
        raise CommandError(f"unknown member name in a truth file: {name!r}") from error


def truth_named_positions(truth: dict, context: Context) -> dict[str, str]:
    """The members the truth names: against (or vetoing), abstaining, not voting."""
    vetoed = {_code(n, context) for n in truth.get("vetoed_by", [])}
    positions = {
        _code(n, context): Position.NON_VOTING.value for n in truth.get("non_voting_members", [])
    }
    positions.update({_code(n, context): Position.ABSTAIN.value for n in truth["abstaining"]})
    for name in truth.get("against", []):
        member = _code(name, context)
        positions[member] = Position.VETO.value if member in vetoed else Position.AGAINST.value
    return positions


def truth_inferred_positions(truth: dict, context: Context) -> dict[str, str]:
    """The members in favour, when the truth's counts account for every seat: those
    seated that day that it names in no other position."""
    named = truth_named_positions(truth, context)
    if not truth.get("vote_date") or truth.get("yes") is None:
        return {}
    if (truth.get("non_voting") or 0) != len(truth.get("non_voting_members", [])):
        return {}
    seated = context.seated(dt.date.fromisoformat(truth["vote_date"]))
    others = [c for c in seated if c not in named]
    return dict.fromkeys(others, Position.FOR.value) if len(others) == truth["yes"] else {}


def truth_outcome(truth: dict) -> str | None:
    if truth.get("adopted") is None:
        return None
    if truth["adopted"]:
        return "adopted"
    return "vetoed" if truth.get("vetoed_by") else "failed"


def names_document(text: str, document: str | None) -> bool:
    """Does the article name the truth's document (S/2017/315, S/RES/2118 (2013) or
    resolution 2118)? Where it does not, the right answer is no document."""
    if not document:
        return False
    if document.split(" (")[0] in text:
        return True
    number = re.fullmatch(r"S/RES/(\d+) \(\d{4}\)", document)
    return bool(number and re.search(rf"\b[Rr]esolution\s+{number[1]}\b", text))


def same_document(found: str | None, truth: str | None) -> bool:
    """S/RES/2118 (2013) is S/RES/2118 when a text gives no year."""
    if found == truth:
        return True
    return bool(found and truth and found.split(" (")[0] == truth.split(" (")[0])


COUNT_KEYS = {"for": "yes", "against": "no", "abstain": "abstain", "non_voting": "non_voting"}


def wrong_facts(found: dict, truth: dict, context: Context) -> list[str]:
    """Every fact the reader proposes that the truth contradicts, said in words. A
    fact left empty is a miss, not a wrong fact."""
    wrong = []
    if found["vote_date"] and truth.get("vote_date") and found["vote_date"] != truth["vote_date"]:
        wrong.append(f"date {found['vote_date']} (truth {truth['vote_date']})")
    document = truth.get("document")
    if found["document"] and not same_document(found["document"], document):
        wrong.append(f"document {found['document']} (truth {document or 'none'})")
    for key, truth_key in COUNT_KEYS.items():
        value, expected = (found["counts"] or {}).get(key), truth.get(truth_key)
        if value is not None and expected is not None and value != expected:
            wrong.append(f"count '{key}' {value} (truth {expected})")
    vetoes = {_code(n, context) for n in truth.get("vetoed_by", [])}
    for code in found["vetoed_by"]:
        if code not in vetoes:
            wrong.append(f"veto by {code} (truth: no veto by {code})")
    expected = truth_positions(truth, context)
    for code, position in sorted(found["positions"].items()):
        if code in expected and expected[code] != position:
            wrong.append(f"{code} '{position}' (truth '{expected[code]}')")
    outcome = truth_outcome(truth)
    if found["outcome"] and outcome and found["outcome"] != outcome:
        wrong.append(f"outcome {found['outcome']} (truth {outcome})")
    return wrong


def score(found: dict, truth: dict, context: Context, text: str = "") -> dict:
    counts = found["counts"] or {}
    expected = truth_positions(truth, context)
    named = truth_named_positions(truth, context)
    right = sum(1 for code, p in expected.items() if found["positions"].get(code) == p)
    wrong = sum(
        1 for code, p in found["positions"].items() if code in expected and expected[code] != p
    )
    vetoes = sorted(_code(n, context) for n in truth.get("vetoed_by", []))
    return {
        "date": found["vote_date"] == truth.get("vote_date"),
        "dated": bool(truth.get("published")),
        "date_when_published": bool(truth.get("published"))
        and found["vote_date"] == truth.get("vote_date"),
        "document": found["document"] == truth.get("document")
        or (found["document"] is None and not names_document(text, truth.get("document"))),
        "counts": (counts.get("for"), counts.get("against"), counts.get("abstain"))
        == (truth.get("yes"), truth.get("no"), truth.get("abstain")),
        "outcome": found["outcome"] == truth_outcome(truth),
        "positions": right,
        "positions_wrong": wrong,
        "positions_of": len(expected),
        "named": sum(1 for code, p in named.items() if found["positions"].get(code) == p),
        "named_of": len(named),
        "vetoes": found["vetoed_by"] == vetoes,
        "wrong_facts": wrong_facts(found, truth, context),
    }


TOTALS = (
    "date",
    "dated",
    "date_when_published",
    "document",
    "counts",
    "outcome",
    "vetoes",
    "positions",
    "positions_wrong",
    "positions_of",
    "named",
    "named_of",
)


class Command(BaseCommand):
    help = "Evaluate the article reader on a folder of *.txt articles with *.json truth files."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--json", action="store_true", help="Print the scores as JSON.")

    def handle(self, *args, folder: Path, json: bool = False, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        articles = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".json").exists())
        if not articles:
            raise CommandError(f"{folder} has no *.txt article with a *.json truth beside it.")
        context = Context.from_database()
        rows = []
        started = time.perf_counter()
        for path in articles:
            truth = _load_truth(path.with_suffix(".json"))
            text = path.read_text(encoding="utf-8")
            published = (
                dt.date.fromisoformat(truth["published"]) if truth.get("published") else None
            )
            began = time.perf_counter()
            found = extract(text, published, context).as_json()
            elapsed = time.perf_counter() - began
            rows.append(
                {"article": path.stem, **score(found, truth, context, text), "seconds": elapsed}
            )
        total_seconds = time.perf_counter() - started
        totals = {key: sum(int(r[key]) for r in rows) for key in TOTALS}
        totals["wrong"] = sum(len(r["wrong_facts"]) for r in rows)
        if json:
            import json as json_module

            self.stdout.write(
                json_module.dumps(
                    {
                        "articles": rows,
                        "totals": {**totals, "articles": len(rows), "seconds": total_seconds},
                    },
                    indent=2,
                )
            )
            return
        self._table(rows, totals, total_seconds)

    def _table(self, rows: list[dict], totals: dict, total_seconds: float) -> None:
        width = max(len(r["article"]) for r in rows)
        header = (
            f"{'article':<{width}}  date  document  counts  outcome  positions  named  "
            "vetoes  wrong  time"
        )
        self.stdout.write(header)
        for r in rows:
            self.stdout.write(
                f"{r['article']:<{width}}  {_mark(r['date']):<4}  {_mark(r['document']):<8}  "
                f"{_mark(r['counts']):<6}  {_mark(r['outcome']):<7}  "
                f"{r['positions']:>2}/{r['positions_of']:<2}{'':<4}  "
                f"{r['named']:>2}/{r['named_of']:<2}  {_mark(r['vetoes']):<6}  "
                f"{len(r['wrong_facts']):<5}  {r['seconds'] * 1000:.0f} ms"
            )
        n = len(rows)
        for r in rows:
            for fact in r["wrong_facts"]:
                self.stdout.write(f"wrong: {r['article']}: {fact}")
        self.stdout.write(
            f"{n} articles: date right {totals['date']} ({totals['date_when_published']} of "
            f"{totals['dated']} with a publication date), document right {totals['document']}, "
            f"counts right {totals['counts']}, outcome right {totals['outcome']}, "
            f"positions right {totals['positions']} of {totals['positions_of']} in the truth "
            f"({totals['positions_wrong']} placed wrongly), named positions right "
            f"{totals['named']} of {totals['named_of']}, vetoes right {totals['vetoes']}, "
            f"{totals['wrong']} wrong facts; {total_seconds:.2f} s in all."
        )


def _mark(ok: bool) -> str:
    return "yes" if ok else "no"


# The keys of a truth file that the scoring reads, with the values each may hold.
TRUTH_KEYS = {
    "vote_date": "a date (YYYY-MM-DD) or null",
    "published": "a date (YYYY-MM-DD) or null",
    "document": "a string or null",
    "yes": "a number or null",
    "no": "a number or null",
    "abstain": "a number or null",
    "non_voting": "a number or null",
    "against": "a list of member names",
    "abstaining": "a list of member names",
    "vetoed_by": "a list of member names",
}
# Keys a truth file may leave out.
OPTIONAL_KEYS = {"non_voting_members": "a list of member names", "adopted": "true, false or null"}


def _fits(key: str, value) -> bool:
    kind = TRUTH_KEYS.get(key) or OPTIONAL_KEYS[key]
    if kind.startswith("true"):
        return value is None or isinstance(value, bool)
    if kind.startswith("a list"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if value is None:
        return True
    if kind.startswith("a number"):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if not isinstance(value, str):
        return False
    if kind.startswith("a date"):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error


def _load_truth(path: Path) -> dict:
    """A truth file, checked: a JSON object with every key the scoring reads."""
    truth = _load_json(path)
    if not isinstance(truth, dict):
        raise CommandError(
            f"{path}: a truth file must be a JSON object, not {type(truth).__name__}."
        )
    missing = [key for key in TRUTH_KEYS if key not in truth]
    if missing:
        raise CommandError(f"{path}: the truth file lacks the keys {', '.join(missing)}.")
    wrong = [
        f"{key} must be {kind}"
        for key, kind in {**TRUTH_KEYS, **OPTIONAL_KEYS}.items()
        if key in truth and not _fits(key, truth[key])
    ]
    if wrong:
        raise CommandError(f"{path}: " + "; ".join(wrong) + ".")
    return truth
