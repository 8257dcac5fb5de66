"""plotly.js, served by the site itself: the cartesian bundle, kept in the repository.

The charts are built with plotly's Python API (resolutions/charts.py) and drawn in
the browser by plotly.js of the same release. The full bundle that ships inside
the Python package (4.8 MB, 1.1 MB compressed) carries maps, 3D and a dozen
other families of charts the site never draws; the site's charts are bars,
scatter and heatmaps, all in plotly's own "cartesian" bundle
(`plotly.js-cartesian-dist-min` on npm, 1.5 MB, 410 KB as brotli), kept at
`static/vendor/plotly-cartesian.min.js` (static/vendor/README.md says where it
comes from). Two checks keep it right: the system check below refuses a bundle
whose release is not the Python package's (an upgrade of plotly needs the bundle
of the same release), and tests/test_charts.py checks that every kind of trace the
site's pages draw is one the bundle registers. No page loads anything from a CDN.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import plotly.offline
from django.core.checks import Error, register

STATIC_PATH = "vendor/plotly-cartesian.min.js"
BUNDLE = Path(__file__).resolve().parent.parent / "static" / STATIC_PATH
# The bundle's first lines: "plotly.js (cartesian - minified) v4.1.1".
RELEASE = re.compile(r"plotly\.js \([^)]*\) v(\d+\.\d+\.\d+)")
# Each kind of trace the bundle registers: `moduleType:"trace",name:"bar"`.
TRACE = re.compile(r'moduleType:"trace",name:"(\w+)"')


def bundle_release(bundle: Path = BUNDLE) -> str | None:
    with bundle.open(encoding="utf-8") as text:
        match = RELEASE.search(text.read(400))
    return match.group(1) if match else None


def bundle_traces(bundle: Path = BUNDLE) -> set[str]:
    return set(TRACE.findall(bundle.read_text(encoding="utf-8")))


def bundle_problems(bundle: Path, wanted: str) -> list[Error]:
    """What is wrong with the bundle: missing, or not of plotly.js `wanted`."""
    if not bundle.is_file():
        return [Error(f"plotly.js is missing: {bundle}", id="votetracker.E010")]
    found = bundle_release(bundle)
    if found != wanted:
        return [
            Error(
                f"{bundle.name} is plotly.js {found or '(release unknown)'}, but the installed "
                f"plotly package draws for plotly.js {wanted}",
                hint=f"npm pack plotly.js-cartesian-dist-min@{wanted} and copy its "
                f"plotly-cartesian.min.js to static/{STATIC_PATH} (static/vendor/README.md).",
                id="votetracker.E011",
            )
        ]
    return []


@register()
def check_bundle(app_configs=None, **kwargs) -> list[Error]:
    """The bundle is there and of the Python package's own plotly.js release."""
    return bundle_problems(BUNDLE, plotly.offline.get_plotlyjs_version())


EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
# plotly.js may add fixed stylesheets of its own as <style> elements at load (the
# full bundle: that of the map library it bundles): `e.textContent='<css>'` after
# creating it.
FIXED_STYLE = re.compile(
    r"""createElement\("style"\);e\.id="[0-9a-f]+",e\.textContent='([^'\\]*)'"""
)


def plotly_style_hashes(bundle: Path = BUNDLE) -> list[str]:
    """The CSP sources plotly.js needs for its styles and no more: the hash of the
    empty <style> element it creates and fills through the CSSOM (insertRule, which
    the policy does not govern), and the hash of each fixed stylesheet the bundle
    injects, read from the bundle itself so that an update keeps them right. Any
    other <style> stays blocked."""
    text = bundle.read_text(encoding="utf-8") if bundle.is_file() else ""
    hashes = [EMPTY_STYLE_HASH]
    for css in FIXED_STYLE.findall(text):
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes
