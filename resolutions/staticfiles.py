"""plotly.js, served by the site itself from the installed plotly package.

The charts are built with plotly's Python API (resolutions/charts.py); the browser
needs the plotly.js bundle of the same release. Rather than copying a 5 MB file
into the repository (where it would drift from the pinned Python package), this
finder exposes the bundle that ships inside the package as the static file
`vendor/plotly.min.js`: `runserver`, whitenoise and `collectstatic` all see it,
and no page ever loads anything from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import re
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


EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
# plotly.js adds one fixed stylesheet of its own as a <style> element at load (that
# of the map library it bundles): `e.textContent='<css>'` after creating it.
FIXED_STYLE = re.compile(
    r"""createElement\("style"\);e\.id="[0-9a-f]+",e\.textContent='([^'\\]*)'"""
)


def plotly_style_hashes(bundle: Path = BUNDLE) -> list[str]:
    """The CSP sources plotly.js needs for its styles and no more: the hash of the
    empty <style> element it creates and fills through the CSSOM (insertRule, which
    the policy does not govern), and the hash of each fixed stylesheet the bundle
    injects, read from the installed bundle itself so that an upgrade keeps them
    right. Any other <style> stays blocked."""
    text = bundle.read_text(encoding="utf-8") if bundle.is_file() else ""
    hashes = [EMPTY_STYLE_HASH]
    for css in FIXED_STYLE.findall(text):
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes
