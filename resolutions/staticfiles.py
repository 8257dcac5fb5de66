"""plotly.js, served by the site itself from the installed plotly package.

The charts are built with plotly's Python API (resolutions/charts.py); the browser
needs the plotly.js bundle of the same release. Rather than copying a 5 MB file
into the repository (where it would drift from the pinned Python package), this
finder exposes the bundle that ships inside the package as the static file
`vendor/plotly.min.js`: `runserver`, whitenoise and `collectstatic` all see it,
and no page ever loads anything from a CDN.
"""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"
NAME = "plotly.min.js"
STATIC_PATH = f"{PREFIX}/{NAME}"
BUNDLE = Path(plotly.__file__).resolve().parent / "package_data" / NAME


class PlotlyJsFinder(BaseFinder):
    def check(self, **kwargs) -> list[Error]:
        if not BUNDLE.is_file():
            return [Error(f"plotly.js is missing from the plotly package: {BUNDLE}")]
        return []

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        if path == STATIC_PATH and BUNDLE.is_file():
            return [str(BUNDLE)] if find_all else str(BUNDLE)
        return [] if find_all else ""

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=BUNDLE.parent)
        storage.prefix = PREFIX
        yield NAME, storage
