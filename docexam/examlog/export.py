"""Export of search results as CSV or JSON Lines (one case summary per row).

Why a file written atomically: an export handed to an analyst must be complete or absent,
never cut off by a full disk half-way without anyone noticing.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path

from docexam.errors import LogError
from docexam.examlog.errmap import from_os
from docexam.examlog.types import CaseSummary

FORMATS = ("csv", "jsonl")


def write_rows(rows: Iterable[CaseSummary], fmt: str, out: Path) -> int:
    """Write ``rows`` to ``out``; return how many were written."""
    if fmt not in FORMATS:
        raise LogError(
            f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}", code="BAD_VALUE"
        )
    out = Path(out)
    tmp = out.with_name(f".{out.name}.tmp")
    n = 0
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            if fmt == "csv":
                w = csv.writer(f, lineterminator="\n")
                w.writerow(CaseSummary.columns())
                for s in rows:
                    d = s.to_dict()
                    d["reasons"] = " ".join(s.reasons)
                    w.writerow(["" if v is None else v for v in d.values()])
                    n += 1
            else:
                for s in rows:
                    f.write(json.dumps(s.to_dict(), ensure_ascii=False) + "\n")
                    n += 1
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        err = from_os(exc, out, "write the export")
        if err.code == "DB_UNWRITABLE":
            err.code = "WRITE_FAILED"
        raise err from exc
    return n
