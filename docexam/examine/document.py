"""One document, several capture sets (a card's front and back): examined together.

Why: a TD1 card prints its personal data on the front and its MRZ on the back. Examined
one side at a time, the front's printed data can never be compared with the MRZ
(``MRZ_ON_OTHER_SIDE``), so an altered name on the front would pass. Here every side is
examined, then each side whose VIZ check waited for an MRZ is compared with the MRZ read on
another side of the same specimen, and the document gets one verdict: ``suspect`` when any
side is, else ``inconclusive`` when any side is, else ``consistent``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from docexam.examine.captureset import CaptureSet
from docexam.examine.checks.data import check_viz_matches_mrz
from docexam.examine.pipeline import Examination, examine
from docexam.examine.verdict import decide
from docexam.examine.viz import compare_with_mrz, read_fields
from docexam.specimens.library import Library

_ORDER = {"suspect": 2, "inconclusive": 1, "consistent": 0}


@dataclass(frozen=True, eq=False)
class DocumentExamination:
    verdict: str
    sides: tuple[tuple[str, Examination], ...]  # (capture set name, its examination)

    def to_dict(self) -> dict[str, Any]:
        reasons = [{"set": name, **r.to_dict()} for name, ex in self.sides for r in ex.reasons]
        reasons.sort(key=lambda r: -r["weight"])
        return {
            "verdict": self.verdict,
            "reasons": reasons,
            "sides": [{"set": name, **ex.to_dict()} for name, ex in self.sides],
            "elapsed_ms": round(sum(ex.elapsed_ms for _, ex in self.sides), 1),
        }


def examine_document(
    captures: Mapping[str, CaptureSet], library: Library, *, specimen_id: str | None = None,
    today: dt.date | None = None,
) -> DocumentExamination:  # fmt: skip
    """Examine every capture set of one document and cross-check its sides."""
    if not captures:
        raise ValueError("captures must hold at least one capture set")
    sides = [(name, examine(cs, library, specimen_id=specimen_id, today=today))
             for name, cs in captures.items()]  # fmt: skip
    sides = cross_check_sides(sides)
    verdict = max((ex.verdict for _, ex in sides), key=lambda v: _ORDER[v])
    return DocumentExamination(verdict, tuple(sides))


def cross_check_sides(
    sides: list[tuple[str, Examination]],
) -> list[tuple[str, Examination]]:
    """Each side's VIZ-MRZ check that waited for the MRZ of another side, run with it."""
    out = []
    for name, ex in sides:
        donor = _mrz_from_other_side(ex, [e for n, e in sides if n != name])
        out.append((name, _with_viz(ex, donor) if donor is not None else ex))
    return out


def _mrz_from_other_side(ex: Examination, others: list[Examination]):
    if ex.specimen is None or ex.page is None:
        return None
    waiting = any(f.code == "MRZ_ON_OTHER_SIDE" for f in ex.features)
    if not waiting:
        return None
    for o in others:
        if (o.specimen is not None and o.specimen.id == ex.specimen.id and o.mrz is not None
                and o.mrz.valid and o.mrz.parse is not None):  # fmt: skip
            return o.mrz.parse.fields
    return None


def _with_viz(ex: Examination, fields) -> Examination:
    page = ex.page
    assert page is not None
    readings = read_fields(ex.images["white"], page, px_per_mm=page.px_per_mm)
    comps = compare_with_mrz(readings, page, fields)
    by_id = {f.id: f for f in page.features}
    features = tuple(
        check_viz_matches_mrz(by_id[r.feature], comps) if r.code == "MRZ_ON_OTHER_SIDE" else r
        for r in ex.features
    )
    extra = [r for r in ex.reasons if r.feature is None]
    verdict, reasons, unchecked = decide(features, extra)
    return dataclasses.replace(ex, verdict=verdict, reasons=reasons, features=features,
                               unchecked=unchecked)  # fmt: skip
