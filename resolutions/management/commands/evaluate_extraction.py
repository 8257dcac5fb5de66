"""Run the article reader on a folder of articles with their truth files and say,
per article and in total, what it got right and how long it took.

Each `NAME.txt` with a `NAME.json` beside it is read; the truth file has the
format of ../shared/data/articles/*.json (vote_date, document, yes/no/abstain,
against, abstaining, vetoed_by, published). The members in favour are the truth's
only when its counts account for every seat: the members seated that day that it
does not list as against or abstaining. The document is right when it is the
truth's, or when the reader proposes none and the article names none (a reader
cannot know a symbol the text does not give).
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

    def code(name: str) -> str:
        try:
            return context.names[normalise_name(name)]
        except KeyError as error:
            raise CommandError(f"unknown member name in a truth file: {name!r}") from error

    vetoed = {code(n) for n in truth.get("vetoed_by", [])}
    positions = {code(n): Position.ABSTAIN.value for n in truth.get("abstaining", [])}
    for name in truth.get("against", []):
        member = code(name)
        positions[member] = Position.VETO.value if member in vetoed else Position.AGAINST.value
    if truth.get("vote_date") and truth.get("yes") is not None:
        seated = context.seated(dt.date.fromisoformat(truth["vote_date"]))
        others = [c for c in seated if c not in positions]
        if len(others) == truth["yes"] and not truth.get("non_voting"):
            positions.update(dict.fromkeys(others, Position.FOR.value))
    return positions


def names_document(text: str, document: str | None) -> bool:
    """Does the article name the truth's document (S/2017/315, S/RES/2118 (2013) or
    resolution 2118)? Where it does not, the right answer is no document."""
    if not document:
        return False
    if document.split(" (")[0] in text:
        return True
    number = re.fullmatch(r"S/RES/(\d+) \(\d{4}\)", document)
    return bool(number and re.search(rf"\b[Rr]esolution\s+{number[1]}\b", text))


def score(found: dict, truth: dict, context: Context, text: str = "") -> dict:
    counts = found["counts"] or {}
    expected = truth_positions(truth, context)
    right = sum(1 for code, p in expected.items() if found["positions"].get(code) == p)
    wrong = sum(
        1 for code, p in found["positions"].items() if code in expected and expected[code] != p
    )
    vetoes = sorted(context.names[normalise_name(n)] for n in truth.get("vetoed_by", []))
    return {
        "date": found["vote_date"] == truth.get("vote_date"),
        "document": found["document"] == truth.get("document")
        or (found["document"] is None and not names_document(text, truth.get("document"))),
        "counts": (counts.get("for"), counts.get("against"), counts.get("abstain"))
        == (truth.get("yes"), truth.get("no"), truth.get("abstain")),
        "positions": right,
        "positions_wrong": wrong,
        "positions_of": len(expected),
        "vetoes": found["vetoed_by"] == vetoes,
    }


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
        totals = {
            key: sum(int(r[key]) for r in rows)
            for key in (
                "date",
                "document",
                "counts",
                "vetoes",
                "positions",
                "positions_wrong",
                "positions_of",
            )
        }
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
        width = max(len(r["article"]) for r in rows)
        header = f"{'article':<{width}}  date  document  counts  positions  vetoes  time"
        self.stdout.write(header)
        for r in rows:
            self.stdout.write(
                f"{r['article']:<{width}}  {_mark(r['date']):<4}  {_mark(r['document']):<8}  "
                f"{_mark(r['counts']):<6}  {r['positions']:>2}/{r['positions_of']:<2}"
                f"{'':<4}  {_mark(r['vetoes']):<6}  {r['seconds'] * 1000:.0f} ms"
            )
        n = len(rows)
        self.stdout.write(
            f"{'total':<{width}}  {totals['date']}/{n}  {totals['document']}/{n}{'':<5}"
            f"{totals['counts']}/{n}{'':<3}{totals['positions']}/{totals['positions_of']}"
            f"{'':<3}{totals['vetoes']}/{n}{'':<3}{total_seconds:.2f} s"
        )
        self.stdout.write(
            f"{n} articles: date right {totals['date']}, document right {totals['document']}, "
            f"counts right {totals['counts']}, positions right {totals['positions']} of "
            f"{totals['positions_of']} in the truth ({totals['positions_wrong']} placed wrongly), "
            f"vetoes right {totals['vetoes']}; {total_seconds:.2f} s in all."
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


def _fits(key: str, value) -> bool:
    kind = TRUTH_KEYS[key]
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
        f"{key} must be {kind}" for key, kind in TRUTH_KEYS.items() if not _fits(key, truth[key])
    ]
    if wrong:
        raise CommandError(f"{path}: " + "; ".join(wrong) + ".")
    return truth
