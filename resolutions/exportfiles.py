"""The whole record's exports, built once per change of the record.

`/export/votes.csv`, and `/resolutions.csv` and `.json` without filters, are the
same bytes for every reader until the record changes. The first request after a
change streams the export as before and writes it, as it goes, to a file named
for the record's version (pagecache.record_version); once the whole export has
been sent, the file is put in place (a download cut short leaves no file). Later
requests get that file, read from disk a block at a time (KeptFile), with its
length. Every write raises the version, so the next request builds anew; the
files of older versions are then removed. Each app server keeps its own files, in
settings.EXPORT_DIR (`exports/` in the project by default, readable by this
user only; empty: no files, every request builds its export)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponse, StreamingHttpResponse

from . import pagecache


class KeptFile(FileResponse):
    """An export's file, read a block of 64 KiB at a time: Django's 4 KiB made
    of a 3.2 MB export 800 blocks, each passed through the server's and the
    middleware's iterators (through the test client, 2.7 ms against 0.9). Under
    gunicorn the file goes by its wsgi.file_wrapper (sendfile) whatever the
    size; the memory a download holds stays one block."""

    block_size = 64 * 1024


def database_key() -> str:
    """One database's files apart from another's (several sites, or the tests,
    on one machine)."""
    config = connection.settings_dict
    identity = f"{connection.vendor}:{config['NAME']}:{config.get('HOST')}:{config.get('PORT')}"
    return hashlib.sha256(identity.encode()).hexdigest()[:12]


def built_once(
    filename: str,
    content_type: str,
    build: Callable[[], StreamingHttpResponse],
    *,
    attachment: bool = True,
) -> HttpResponse:
    """The export of this version of the record from its file, or built by
    `build()` and kept as it is sent. From the file it has the built answer's
    type and, where `attachment`, its download name."""
    if not settings.EXPORT_DIR:
        return build()
    version = pagecache.record_version()
    if version is None:
        return build()
    folder = Path(settings.EXPORT_DIR)
    prefix = f"{database_key()}-"
    path = folder / f"{prefix}{version}-{filename}"
    try:
        handle = path.open("rb")
    except OSError:  # not built yet for this version (or not readable: built anew)
        pass
    else:
        return KeptFile(
            handle, content_type=content_type, as_attachment=attachment, filename=filename
        )
    response = build()
    older = f"{prefix}*-{filename}"
    response.streaming_content = kept(response.streaming_content, path, older)
    return response


def kept(chunks: Iterable[bytes], path: Path, older: str) -> Iterator[bytes]:
    """The chunks, written to a file as they pass; the file takes `path` once the
    last chunk has passed, and the other files matching `older` (the same export
    of other versions) go. A folder that cannot be written (read-only, full) only
    means nothing is kept: the download itself goes on whole."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".building-", delete=False)  # noqa: SIM115
    except OSError:
        yield from chunks
        return
    keeping = True
    try:
        for chunk in chunks:
            if keeping:
                try:
                    handle.write(chunk)
                except OSError:
                    keeping = False
            yield chunk
    except BaseException:  # an error, or the reader gone (GeneratorExit)
        handle.close()
        os.unlink(handle.name)
        raise
    handle.close()
    if keeping:
        try:
            os.replace(handle.name, path)
        except OSError:
            keeping = False
    if not keeping:
        Path(handle.name).unlink(missing_ok=True)
        return
    for other in folder.glob(older):
        if other != path:
            other.unlink(missing_ok=True)
