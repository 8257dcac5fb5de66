"""Importers for the public sources of the record, one module per format.

Each format module has `detect(path, head) -> bool` (is this file mine?) and
`read(path) -> list[Entry]` (plain facts, no database). `reconcile/` merges the
entries of a file into the record. See the README ("Importing the historical
record") for where users fetch each source and in what order to load them.
"""

from __future__ import annotations

from pathlib import Path

from . import dhl_meetings, dhl_vetoes, votes_csv, voting_agent
from .base import Entry, SourceError

# The order files are loaded in when several are given: the library's pages first
# (their dates and meetings win), then the veto list, then the community table.
FORMATS = {
    "dhl-meetings": dhl_meetings,
    "dhl-vetoes": dhl_vetoes,
    "voting-agent": voting_agent,
    "csv": votes_csv,
}

__all__ = ["FORMATS", "Entry", "SourceError", "detect_format"]


def detect_format(path: Path) -> str | None:
    """The format of a file told from its content, or None if it is none of ours."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as error:
        raise SourceError(path, None, f"cannot be read: {error}") from error
    for name, module in FORMATS.items():
        if module.detect(path, head):
            return name
    return None
