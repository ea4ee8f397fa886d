"""docs/mrz-json.md documents exactly the issue codes the parser can emit."""

from __future__ import annotations

import re
from pathlib import Path

from docexam.mrz.issues import ERROR_CODES, WARNING_CODES

DOC = Path(__file__).resolve().parents[2] / "docs" / "mrz-json.md"


def _table_codes(section: str) -> set[str]:
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z_]+)` \|", body, flags=re.MULTILINE))


def test_documented_errors_match_code() -> None:
    assert _table_codes("Errors") == ERROR_CODES


def test_documented_warnings_match_code() -> None:
    assert _table_codes("Warnings") == WARNING_CODES
