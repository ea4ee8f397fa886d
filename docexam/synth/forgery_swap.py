"""Forgeries that bring in foreign material: another series' print, ordinary inks and paper.

See synth/forgery_ops.py for the conventions (new plan, broken feature ids, details).
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from docexam.synth import inks
from docexam.synth.compose import Paint
from docexam.synth.design import Ctx, Element, SpecimenDesign
from docexam.synth.designs import elements as el
from docexam.synth.document import PagePlan, Plan, genuine_plan, render_plan
from docexam.synth.forgery_ops import NotApplicable, Result, _ids, _map_elements, _set_page

# Feature types a counterfeit on office paper with process inks breaks.
REPRINT_BREAKS = (
    "guilloche", "microprint", "rainbow_printing", "uv_fluorescent_print", "uv_fibres",
    "uv_dull_substrate", "ir_absorbing_ink", "printed_portrait", "optically_variable_element",
    "laser_perforation", "watermark",
)  # fmt: skip


def _other_page(other: SpecimenDesign, element_id: str):
    for page in other.pages:
        if any(e.id == element_id for e in page.elements):
            return page
    raise NotApplicable(f"specimen {other.id} has no element {element_id!r} to copy")


def uv_print_foreign(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    """The UV emblem of another series, printed where this series has its own."""
    src = _other_page(other, "uv_emblem")
    foreign = next(e for e in src.elements if e.id == "uv_emblem")
    for i, pp in enumerate(plan.pages):
        if pp.page.params is None or pp.page.params.emblem is None:
            continue
        ex, ey, er = pp.page.params.emblem
        new = el.emblem("uv_emblem", foreign.ink, feature="uv_emblem", centre_mm=(ex, ey),
                        radius_mm=er, variant=src.params.series)  # fmt: skip
        pp2 = _map_elements(pp, lambda e, new=new: new if e.id == "uv_emblem" else e)
        ids = [f.id for f in pp.page.features if f.id.endswith("uv_emblem")]
        details = {"from_specimen": other.id, "variant": src.params.series,
                   "ink": foreign.ink.name}  # fmt: skip
        return _set_page(plan, i, pp2), tuple(ids), details
    raise NotApplicable(f"specimen {plan.design.id} has no UV emblem")


def guilloche_foreign(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    """The background guilloche of another series (same inks, foreign line pattern)."""
    wave = other.pages[0].params.wave
    i = 0
    pp = plan.pages[i]
    own = pp.page.params
    w, h = own.size
    mrz = pp.page.zones.get("mrz")
    bg = (1.5, 1.5, w - 3.0, (mrz[1] - 2.5 if mrz else h - 3.0))
    ink_a = inks.guilloche_ink("background A", own.ink_a)
    ink_b = inks.guilloche_ink("background B", own.ink_b)
    new_a = el.waves("guilloche", ink_a, feature="guilloche", region=bg, line_mm=0.09, **wave)
    new_b = el.waves("guilloche_b", ink_b, feature="guilloche", region=bg, line_mm=0.07,
                     spacing_mm=wave["spacing_mm"] * 1.7,
                     amplitude_mm=wave["amplitude_mm"] * 1.5,
                     wavelength_mm=wave["wavelength_mm"] * 0.7,
                     phase=wave.get("phase", 0.0) + 2.0)  # fmt: skip
    swap = {"guilloche": new_a, "guilloche_b": new_b}
    pp2 = _map_elements(pp, lambda e: swap.get(e.id, e))
    ids = [f.id for f in pp.page.features if f.id.endswith("guilloche") and f.type == "guilloche"]
    return _set_page(plan, i, pp2), tuple(ids), {"from_specimen": other.id}


def series_mix(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    """Below the header, the page is spliced from a page of the other series."""
    if len(plan.design.pages) != 1 or other.pages[0].size_mm != plan.design.pages[0].size_mm:
        raise NotApplicable(
            f"specimen {plan.design.id} has no second series of the same page to mix with"
        )
    cut_mm = 14.0
    other_plan = genuine_plan(other, seed=plan.seed, px_per_mm=plan.px_per_mm,
                              holder=plan.holder)  # fmt: skip
    same_face = {"portrait_seed": plan.pages[0].ctx.portrait_seed,
                 "ghost_seed": plan.pages[0].ctx.ghost_seed}  # fmt: skip
    other_plan = replace(other_plan, pages=tuple(
        replace(pp, ctx=replace(pp.ctx, **same_face)) for pp in other_plan.pages))  # fmt: skip
    k = plan.px_per_mm
    cut = round(cut_mm * k)

    def splice(imgs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        foreign = render_plan(other_plan).images[other.pages[0].side]
        out = {}
        for light, img in imgs.items():
            mixed = np.array(img, copy=True)
            mixed[cut:] = foreign[light][cut:]
            out[light] = mixed
        return out

    pp = plan.pages[0]
    pp2 = replace(pp, post=(*pp.post, splice))
    keep = {"mrz_check_digits", "mrz_b900", "uv_dull"}
    ids = [
        f.id
        for f in pp.page.features
        if f.id not in keep and any(z[1] + z[3] > cut_mm for z in f.zones)
    ]
    return _set_page(plan, 0, pp2), tuple(ids), {"from_specimen": other.id, "cut_mm": cut_mm}


def _drift(colour: np.ndarray) -> np.ndarray:
    """Process-colour drift of a colour field: less saturated, warmer."""
    grey = colour.mean(-1, keepdims=True)
    out = colour + (grey - colour) * 0.3
    out = out * np.array([0.93, 0.96, 1.0], np.float32) + np.array([0, 4, 10], np.float32)
    return np.clip(out, 0, 255).astype(np.float32)


def _reprinted(e: Element) -> Element | None:
    if e.role in ("fibres", "uv"):
        return None  # no fibres in office paper; invisible UV inks cannot be bought
    ink = inks.ordinary(e.ink)

    def draw(ctx: Ctx, orig=e.draw, role=e.role) -> Paint | list[Paint]:
        out = orig(ctx)
        paints = out if isinstance(out, list) else [out]
        res = []
        for p in paints:
            if p.colour is not None:
                p = replace(p, colour=_drift(p.colour))
            if role == "microprint":  # a copy cannot hold 0.25 mm letters: they smear
                s = max(0.6, 0.09 * ctx.px_per_mm)
                pad = int(np.ceil(3 * s))
                m = cv2.GaussianBlur(np.pad(p.mask, pad), (0, 0), s)
                origin = (p.origin[0] - pad, p.origin[1] - pad)
                p = replace(p, mask=np.clip(m * 1.6, 0, 1), origin=origin)
            res.append(p)
        return res

    return replace(e, ink=ink, draw=draw)


def counterfeit_reprint(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    """The whole document printed on office paper with process inks."""
    ids: list[str] = []
    for i, pp in enumerate(plan.pages):
        pp2: PagePlan = _map_elements(pp, _reprinted)
        pp2 = replace(pp2, page=replace(pp2.page, substrate=inks.OFFICE_PAPER))
        plan = _set_page(plan, i, pp2)
        ids += _ids(pp, REPRINT_BREAKS)
    return plan, tuple(ids), {"substrate": inks.OFFICE_PAPER.name, "inks": "process (CMYK)"}
