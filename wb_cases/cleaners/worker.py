"""Clean one file; run only inside the sandbox (`wb_cases.services.sanitize`).

    python -m wb_cases.cleaners.worker KIND

Reads the file from stdin and writes one JSON line, then the cleaned file, to
stdout. The line is `{"codes": [...], "kind": "docx"}` when the file was
cleaned (or found clean), or `{"kept": "<reason>"}` with nothing after it when
the file must be kept as sent. Any crash is a non-zero exit, which the caller
reports as "could not be read".
"""

from __future__ import annotations

import json
import shutil
import signal
import sys

from .archive import Inflation
from .core import NotCleanedError
from .dispatch import ON_TMPFS, TMPFS, clean_bytes, clean_on_tmpfs

CHUNK = 1024 * 1024


def _header(**fields: object) -> None:
    sys.stdout.buffer.write(json.dumps(fields).encode() + b"\n")


def _on_tmpfs(kind: str) -> None:
    """Formats whose tools need to seek: stream stdin into the tmpfs, never all into memory."""
    source = TMPFS / f"in.{kind}"
    with open(source, "wb") as sink:
        shutil.copyfileobj(sys.stdin.buffer, sink, CHUNK)
    target, found, exact = clean_on_tmpfs(source, kind)
    source.unlink()
    _header(codes=found.codes(), kind=exact)
    with open(target, "rb") as cleaned:
        shutil.copyfileobj(cleaned, sys.stdout.buffer, CHUNK)


def _in_memory(kind: str) -> None:
    data = sys.stdin.buffer.read()
    cleaned, found, exact = clean_bytes(data, kind, 0, Inflation())
    del data
    _header(codes=found.codes(), kind=exact)
    sys.stdout.buffer.write(cleaned)


def main(argv: list[str]) -> int:
    kind = argv[0]
    # Writing past the tmpfs file limit is an error we handle, not a signal that kills us.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        if kind in ON_TMPFS:
            _on_tmpfs(kind)
        else:
            _in_memory(kind)
    except NotCleanedError as error:
        _header(kept=error.reason)
    except MemoryError:
        _header(kept="limit")
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
