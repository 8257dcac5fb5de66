"""Importers for the public sources of the record, one module per format.

Each format module has `detect(path, head) -> bool` (is this file mine?) and
`read(path) -> list[Entry]` (plain facts, no database). `reconcile/` merges the
entries of a file into the record. See the README ("Importing the historical
record") for where users fetch each source and in what order to load them.
"""

from __future__ import annotations

from pathlib import Path

from . import dhl_meetings, dhl_vetoes, researched, votes_csv, voting_agent, wpdl_vetoes
from .base import Entry, SourceError

# The order files are loaded in when several are given: the library's pages first
# (their dates and meetings win), then the veto list, the second veto list (wpdl),
# the community table, then records researched from public reports (one JSON file
# per vote).
FORMATS = {
    "dhl-meetings": dhl_meetings,
    "dhl-vetoes": dhl_vetoes,
    "wpdl-vetoes": wpdl_vetoes,
    "voting-agent": voting_agent,
    "researched": researched,
    "csv": votes_csv,
}

__all__ = ["FORMATS", "Entry", "SourceError", "detect_format", "is_format"]


def head_of(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error


def detect_format(path: Path) -> str | None:
    """The format of a file told from its content, or None if it is none of ours."""
    head = head_of(path)
    for name, module in FORMATS.items():
        if module.detect(path, head):
            return name
    return None


def is_format(path: Path, name: str) -> bool:
    """Whether a file is of the format `name`, told from its content."""
    return FORMATS[name].detect(path, head_of(path))
