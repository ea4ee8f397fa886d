"""The forgery catalogue: stable ids, descriptions, and what each one breaks.

Why a catalogue with stable ids: trainers' cases, the CLI (``--forgery ID``), benchmarks
and truth files all refer to forgeries by id, so an id never changes meaning. Each entry
names the feature *types* it breaks; the concrete feature ids of a rendered document (its
labels) come from applying it to a specimen and are written to truth.json.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from docexam.synth import forgery_ops as ops
from docexam.synth import forgery_swap as swap
from docexam.synth.design import SpecimenDesign
from docexam.synth.document import Plan

Apply = Callable[[Plan, SpecimenDesign, np.random.Generator], ops.Result]
NotApplicable = ops.NotApplicable


@dataclass(frozen=True)
class Forgery:
    id: str
    title: str
    description: str
    breaks: tuple[str, ...]  # feature types
    apply: Apply


CATALOGUE: tuple[Forgery, ...] = (
    Forgery("photo_substitution", "Photo substitution",
            "The holder's portrait replaced by a photograph glued on: another face, a cut edge, "
            "photographic paper that glows under UV, UV lines over the portrait missing; the "
            "ghost image still shows the original holder.",
            ("printed_portrait", "uv_fluorescent_print", "ghost_image"), ops.photo_substitution),
    Forgery("mrz_altered", "MRZ altered",
            "The expiry date in the MRZ moved by some years, check digits left as they were "
            "(the MRZ no longer validates and disagrees with the printed expiry date).",
            ("mrz_integrity", "data_consistency"), ops.mrz_altered),
    Forgery("mrz_altered_recomputed", "MRZ altered, check digits recomputed",
            "The MRZ line with the expiry date reprinted with a later date and correct check "
            "digits, in ordinary ink: it validates, but disagrees with the printed date and "
            "vanishes under IR.", ("ir_absorbing_ink", "data_consistency"),
            ops.mrz_altered_recomputed),
    Forgery("viz_altered", "Printed data altered",
            "The printed date of birth changed; the MRZ still carries the original.",
            ("data_consistency",), ops.viz_altered),
    Forgery("counterfeit_reprint", "Counterfeit reprint",
            "The whole document printed on office paper with process inks: the paper glows "
            "under UV, UV print and fibres are missing, the MRZ and data vanish under IR, "
            "microtext smears, colours shift.", swap.REPRINT_BREAKS, swap.counterfeit_reprint),
    Forgery("uv_print_missing", "UV print missing",
            "The UV-fluorescent print (emblem, lines) left out; white light looks genuine.",
            ("uv_fluorescent_print",), ops.uv_print_missing),
    Forgery("uv_print_foreign", "Foreign UV print",
            "The UV emblem of another series (other design and glow colour) printed in place "
            "of this series' emblem.", ("uv_fluorescent_print",), swap.uv_print_foreign),
    Forgery("ir_dropout_replaced", "IR drop-out ink replaced",
            "Title and labels printed with an ordinary ink that stays visible under IR where "
            "the genuine drop-out ink vanishes.", ("ir_dropout_ink",), ops.ir_dropout_replaced),
    Forgery("guilloche_foreign", "Foreign guilloche",
            "The background guilloche drawn from another series' line pattern.",
            ("guilloche",), swap.guilloche_foreign),
    Forgery("viz_font_wrong", "Wrong personalisation typeface",
            "The printed data set in a serif typeface instead of the document's sans-serif.",
            ("typeface",), ops.viz_font_wrong),
    Forgery("ghost_image_mismatch", "Ghost image mismatch",
            "The ghost image shows a different face from the portrait.",
            ("ghost_image",), ops.ghost_image_mismatch),
    Forgery("series_mix", "Series mix",
            "A page of this series whose body (below the header) is spliced from a page of "
            "the other series: the data, portrait, rosette and UV print sit where the other "
            "series puts them.",
            ("guilloche", "uv_fluorescent_print", "uv_fibres", "printed_portrait",
             "ghost_image", "data_consistency", "typeface", "ir_absorbing_ink",
             "ir_dropout_ink", "microprint", "rainbow_printing", "watermark",
             "optically_variable_element", "laser_perforation"),
            swap.series_mix),
)  # fmt: skip
BY_ID: dict[str, Forgery] = {f.id: f for f in CATALOGUE}
IDS: tuple[str, ...] = tuple(BY_ID)


def forgery(forgery_id: str) -> Forgery:
    if forgery_id not in BY_ID:
        raise ValueError(f"forgery must be one of {list(IDS)}, got {forgery_id!r}")
    return BY_ID[forgery_id]


def apply_forgery(plan: Plan, forgery_id: str, other: SpecimenDesign) -> Plan:
    """``plan`` with forgery ``forgery_id`` applied (deterministic in the plan's seed).

    Raises NotApplicable (a ValueError) when the specimen lacks what the forgery needs.
    """
    f = forgery(forgery_id)
    rng = np.random.default_rng([plan.seed, 1 + IDS.index(forgery_id)])
    new, affected, details = f.apply(plan, other, rng)
    return replace(new, forgery=forgery_id, affected=tuple(dict.fromkeys(affected)),
                   details=details)  # fmt: skip


def applicable(design: SpecimenDesign, other: SpecimenDesign) -> tuple[str, ...]:
    """The forgery ids that apply to ``design``."""
    from docexam.synth.document import genuine_plan

    plan = genuine_plan(design, seed=0, px_per_mm=1.0)
    ok = []
    for f in CATALOGUE:
        try:
            f.apply(plan, other, np.random.default_rng(0))
        except NotApplicable:
            continue
        ok.append(f.id)
    return tuple(ok)
