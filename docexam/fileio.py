"""Writing a file whole or not at all.

Why one function: the studio's images, the training package's JSON and the expert's PDF
all must survive a full disk or a crash without leaving half a file under the real name
(a reader, a trainee's application or a watcher would take it for complete). Each caller
turns the OSError into its own error type and code; the mechanics live here once.
"""

from __future__ import annotations

from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through ``<name>.part`` and a rename; on OSError the
    partial file is removed and the error raised again."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
