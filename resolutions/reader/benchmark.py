"""The reader's benchmark (`make bench`, `manage.py bench --reader`): a long report
pasted on one line, read in each of the shapes that have made readers slow, timed
against a floor measured in the same run.

The report is built from the articles in a folder (../shared/data/articles): every
article whose quotations are closed, its lines joined with spaces, repeated to the
size asked. The floor is one pass over the same text: every word looked up as a
member's name and every word of voting found. No test times anything; this prints.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from . import vocabulary
from .names import NameIndex
from .proposal import Context

SIZE = 160_000
TARGET_SECONDS = 2.0

# The same text written three ways: as pasted, as one endless sentence (no full stop
# the reader can split at), and with every quotation left open.
SHAPES = {
    "as written": lambda text: text,
    "one endless sentence": lambda text: re.sub(r"[.!?;]", ",", text),
    "quotations left open": lambda text: re.sub(r"[”\"](?=\W|$)", "", text),
}


def _balanced(text: str) -> bool:
    """Every quotation closed: the text reads as its writer meant it."""
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def one_line_report(folder: Path, size: int = SIZE) -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    texts = [text for text in texts if _balanced(text)]
    if not texts:
        raise FileNotFoundError(f"{folder}: no *.txt article to build the report from")
    line = " ".join(" ".join(texts).split())
    return ((line + " ") * (size // len(line) + 1))[:size]


def floor_seconds(text: str, context: Context) -> float:
    """One pass over the text: every word looked up as a member's name and every
    word of voting found, the least any reader of these reports does."""
    index = NameIndex(context.names)
    started = time.perf_counter()
    index.find(text)
    for _ in vocabulary.EVENT.finditer(text):
        pass
    return time.perf_counter() - started


def run(context: Context, folder: Path, size: int = SIZE) -> list[tuple[str, float, float]]:
    """(shape, seconds to read, floor seconds) for each shape of the report."""
    from . import extract

    report = one_line_report(folder, size)
    rows = []
    for shape, make in SHAPES.items():
        text = make(report)
        floor = floor_seconds(text, context)
        started = time.perf_counter()
        extract(text, None, context)
        rows.append((shape, time.perf_counter() - started, floor))
    return rows
