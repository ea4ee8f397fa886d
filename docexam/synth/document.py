"""Render document instances: a specimen design, a holder, optionally a forgery.

Why a plan step between design and pixels: a forgery is applied to the plan (the pages'
elements and drawing contexts), not to finished images, so it changes exactly what a forger
changes and nothing else, and the genuine document of the same seed is the same plan
without that change (the tests render both and compare them zone by zone).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from docexam.synth.design import Ctx, PageDesign, SpecimenDesign, page_shape, render_page
from docexam.synth.holder import Holder, make_holder, mrz_lines, specimen_holder, viz_values

DEFAULT_PX_PER_MM = 300 / 25.4
PostEdit = Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]]


@dataclass(frozen=True, eq=False)
class PagePlan:
    """One page about to be drawn; ``post`` edits the composed images (a splice)."""

    page: PageDesign
    ctx: Ctx
    post: tuple[PostEdit, ...] = ()


@dataclass(frozen=True, eq=False)
class Plan:
    design: SpecimenDesign
    holder: Holder
    mrz: tuple[str, ...]  # the MRZ as printed
    pages: tuple[PagePlan, ...]
    px_per_mm: float
    seed: int
    forgery: str | None = None
    affected: tuple[str, ...] = ()
    details: Mapping[str, Any] = field(default_factory=dict)

    def page_index(self, side: str) -> int:
        for i, p in enumerate(self.pages):
            if p.page.side == side:
                return i
        raise KeyError(side)


@dataclass(frozen=True, eq=False)
class RenderedDocument:
    """The images of every page under every light, and the truth about them."""

    plan: Plan
    images: Mapping[str, Mapping[str, np.ndarray]]  # side -> light -> image

    def truth(self) -> dict[str, Any]:
        p = self.plan
        return {
            "specimen": p.design.id,
            "seed": p.seed,
            "forgery": p.forgery,
            "affected_features": list(p.affected),
            "forgery_details": dict(p.details),
            "holder": p.holder.to_dict(),
            "mrz": list(p.mrz),
            "viz": {pp.page.side: dict(pp.ctx.viz) for pp in p.pages},
            "px_per_mm": round(p.px_per_mm, 4),
            "pages": [pp.page.side for pp in p.pages],
        }


def genuine_plan(
    design: SpecimenDesign,
    *,
    seed: int,
    px_per_mm: float = DEFAULT_PX_PER_MM,
    holder: Holder | None = None,
) -> Plan:
    """The plan of a genuine document of ``design`` for a holder drawn from ``seed``."""
    if px_per_mm <= 0:
        raise ValueError(f"px_per_mm must be positive, got {px_per_mm!r}")
    rng = np.random.default_rng([seed, 7])
    if holder is None:
        hi = design.issued_until or design.issued_from.replace(year=2026, month=9, day=1)
        holder = make_holder(
            rng,
            doc_code=design.doc_code,
            issuing_state=design.issuing_state,
            issued_from=design.issued_from,
            issued_until=hi,
            visa=design.kind == "visa",
        )
    lines = mrz_lines(holder, design.layout)
    viz = viz_values(holder)
    portrait_seed = int(rng.integers(0, 2**31))
    pages = tuple(
        PagePlan(
            page,
            Ctx(
                shape=page_shape(page, px_per_mm),
                px_per_mm=px_per_mm,
                page_mm=page.size_mm,
                layout=design.layout,
                holder=holder,
                mrz_lines=lines,
                viz={f.id: viz.get(f.id, "") for f in page.fields},
                portrait_seed=portrait_seed,
                ghost_seed=portrait_seed,
            ),
        )
        for page in design.pages
    )
    return Plan(design, holder, lines, pages, px_per_mm, seed)


def specimen_plan(design: SpecimenDesign, *, px_per_mm: float = DEFAULT_PX_PER_MM) -> Plan:
    """The reference specimen's plan: the fixed 'SPECIMEN' holder (ОБРАЗЕЦ)."""
    holder = specimen_holder(
        doc_code=design.doc_code,
        issuing_state=design.issuing_state,
        issue=design.issued_from,
        visa=design.kind == "visa",
    )
    return genuine_plan(design, seed=0, px_per_mm=px_per_mm, holder=holder)


def render_plan(plan: Plan) -> RenderedDocument:
    images: dict[str, dict[str, np.ndarray]] = {}
    for i, pp in enumerate(plan.pages):
        imgs = render_page(pp.page, pp.ctx, texture_seed=plan.seed * 7 + i)
        for edit in pp.post:
            imgs = edit(imgs)
        for img in imgs.values():
            img.setflags(write=False)
        images[pp.page.side] = imgs
    return RenderedDocument(plan, images)
