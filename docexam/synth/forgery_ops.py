"""How each forgery changes a document plan (see synth/forgeries.py for the catalogue).

Each operation returns a new plan with the change applied, the ids of the features the
change breaks, and details for truth.json. Operations never touch what the forger would
not touch: a photo substitution changes the portrait area, a UV-print omission only the UV
elements. Raises ``NotApplicable`` when the specimen lacks what the forgery needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import numpy as np

from docexam.mrz.checkdigit import compute_check_digit as cd
from docexam.synth import inks
from docexam.synth.compose import Paint
from docexam.synth.design import Ctx, Element, SpecimenDesign
from docexam.synth.designs import elements as el
from docexam.synth.document import PagePlan, Plan
from docexam.synth.holder import mrz_lines, viz_values

Result = tuple[Plan, tuple[str, ...], dict[str, Any]]


class NotApplicable(ValueError):
    """The forgery needs something the specimen does not have (e.g. a ghost image)."""


def _page_with(plan: Plan, pred: Callable[[PagePlan], bool], what: str) -> int:
    for i, pp in enumerate(plan.pages):
        if pred(pp):
            return i
    raise NotApplicable(f"specimen {plan.design.id} has no {what}")


def _has_element(eid: str) -> Callable[[PagePlan], bool]:
    return lambda pp: any(e.id == eid for e in pp.page.elements)


def _set_page(plan: Plan, i: int, pp: PagePlan) -> Plan:
    pages = list(plan.pages)
    pages[i] = pp
    return replace(plan, pages=tuple(pages))


def _map_elements(pp: PagePlan, fn: Callable[[Element], Element | None]) -> PagePlan:
    out = tuple(e2 for e in pp.page.elements if (e2 := fn(e)) is not None)
    return replace(pp, page=pp.page.with_elements(out))


def _ids(pp: PagePlan, types: Iterable[str]) -> list[str]:
    wanted = set(types)
    return [f.id for f in pp.page.features if f.type in wanted]


def _feature_id(pp: PagePlan, base: str) -> list[str]:
    return [f.id for f in pp.page.features if f.id == base or f.id.endswith("_" + base)]


# --- portrait --------------------------------------------------------------------------------
def photo_substitution(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    i = _page_with(plan, _has_element("portrait"), "printed portrait")
    pp = plan.pages[i]
    zone = pp.page.zones["portrait"]
    new_seed = int(rng.integers(0, 2**31))
    photo_ink = inks.Ink("photographic paper", (0, 0, 0), (245, 225, 205), 0.3, security=False)

    def pasted(ctx: Ctx) -> list[Paint]:
        k = ctx.px_per_mm
        x0, y0, x1, y1 = el.px_rect(zone, k)
        face = el._face(x1 - x0, y1 - y0, ctx.options["photo_seed"])
        edge = np.zeros((y1 - y0, x1 - x0), np.float32)  # the cut edge's shadow
        t = max(1, round(0.15 * k))
        edge[:t, :], edge[-t:, :], edge[:, :t], edge[:, -t:] = 0.8, 0.8, 0.8, 0.8
        dark = np.full_like(face, 70.0)
        return [
            Paint(np.ones(face.shape[:2], np.float32), (x0, y0), colour=face,
                  uv_colour=np.full_like(face, 215.0)),
            Paint(edge, (x0, y0), colour=dark, uv_colour=np.zeros_like(face)),
        ]  # fmt: skip

    def cut_overprint(e: Element) -> Element:
        def draw(ctx: Ctx, orig=e.draw) -> Paint:
            p = orig(ctx)
            return replace(p, mask=el.clip_outside(p.mask, zone, ctx.px_per_mm, p.origin))

        return replace(e, draw=draw)

    def fn(e: Element) -> Element:
        if e.id == "portrait":
            return Element("pasted_photo", photo_ink, pasted, "portrait", e.feature)
        if e.id == "uv_overprint":
            return cut_overprint(e)
        return e

    pp = _map_elements(pp, fn)
    pp = replace(pp, ctx=replace(pp.ctx, options={**pp.ctx.options, "photo_seed": new_seed}))
    affected = _feature_id(pp, "printed_portrait") + _feature_id(pp, "uv_overprint")
    affected += [f.id for p in plan.pages for f in p.page.features if f.type == "ghost_image"]
    return _set_page(plan, i, pp), tuple(affected), {"photo_seed": new_seed}


def ghost_image_mismatch(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    i = _page_with(plan, _has_element("ghost"), "ghost image")
    pp = plan.pages[i]
    seed = int(rng.integers(0, 2**31))
    pp = replace(pp, ctx=replace(pp.ctx, ghost_seed=seed))
    return _set_page(plan, i, pp), tuple(_ids(pp, ["ghost_image"])), {"ghost_seed": seed}


# --- data -----------------------------------------------------------------------------------
_EXPIRY = {"TD1": (1, 8), "TD2": (1, 21), "TD3": (1, 21), "MRVA": (1, 21), "MRVB": (1, 21)}


def _consistency_ids(plan: Plan, mrz_fields: set[str]) -> list[str]:
    out = []
    for pp in plan.pages:
        if any(f.mrz_field in mrz_fields for f in pp.page.fields):
            out += _ids(pp, ["data_consistency"])
    return out


def _altered_mrz(plan: Plan, years: int, *, recompute: bool) -> tuple[tuple[str, ...], int]:
    """The MRZ with the expiry date moved by ``years``; which line changed."""
    if recompute:
        holder = replace(plan.holder, expiry=plan.holder.expiry + timedelta(days=365 * years))
        new = mrz_lines(holder, plan.design.layout)
    else:
        row, col = _EXPIRY[plan.design.layout]
        line = plan.mrz[row]
        yy = (int(line[col : col + 2]) + years) % 100
        new_line = line[:col] + f"{yy:02d}" + line[col + 2 :]
        new = tuple(new_line if r == row else x for r, x in enumerate(plan.mrz))
    changed = [r for r in range(len(new)) if new[r] != plan.mrz[r]]
    return new, changed[0]


def _with_mrz(plan: Plan, lines: tuple[str, ...]) -> Plan:
    pages = tuple(replace(pp, ctx=replace(pp.ctx, mrz_lines=lines)) for pp in plan.pages)
    return replace(plan, pages=pages, mrz=lines)


def mrz_altered(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    i = _page_with(plan, _has_element("mrz"), "MRZ")
    years = int(rng.integers(3, 9))
    lines, _ = _altered_mrz(plan, years, recompute=False)
    if cd(lines[_EXPIRY[plan.design.layout][0]][_EXPIRY[plan.design.layout][1] :][:6]) == cd(
        plan.mrz[_EXPIRY[plan.design.layout][0]][_EXPIRY[plan.design.layout][1] :][:6]
    ):
        years += 1  # the rare change that keeps the check digit: move one more year
        lines, _ = _altered_mrz(plan, years, recompute=False)
    new = _with_mrz(plan, lines)
    affected = _ids(plan.pages[i], ["mrz_integrity"]) + _consistency_ids(plan, {"expiry_date"})
    return new, tuple(affected), {"field": "expiry_date", "years_added": years,
                                  "original_mrz": list(plan.mrz)}  # fmt: skip


def mrz_altered_recomputed(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    i = _page_with(plan, _has_element("mrz"), "MRZ")
    years = int(rng.integers(3, 9))
    lines, row = _altered_mrz(plan, years, recompute=True)
    new = _with_mrz(plan, lines)
    pp = new.pages[i]
    mrz_el = next(e for e in pp.page.elements if e.id == "mrz")
    rows = tuple(range(len(lines)))

    def draw_rows(which: tuple[int, ...]) -> Callable[[Ctx], Paint]:
        from docexam.synth.textdraw import mrz_paint

        return lambda ctx: mrz_paint(ctx.mrz_lines, layout=ctx.layout, page_mm=ctx.page_mm,
                                     px_per_mm=ctx.px_per_mm, only_lines=which)  # fmt: skip

    kept = tuple(r for r in rows if r != row)
    elements: list[Element] = []
    for e in pp.page.elements:
        if e.id == "mrz":
            elements.append(replace(mrz_el, draw=draw_rows(kept)))
            elements.append(Element("mrz_reprinted", inks.ordinary(mrz_el.ink), draw_rows((row,)),
                                    "mrz", mrz_el.feature))  # fmt: skip
        else:
            elements.append(e)
    pp = replace(pp, page=pp.page.with_elements(tuple(elements)))
    affected = _ids(pp, ["ir_absorbing_ink"])
    affected = [a for a in affected if a.endswith("mrz_b900")]
    affected += _consistency_ids(plan, {"expiry_date"})
    details = {"field": "expiry_date", "years_added": years, "reprinted_line": row + 1,
               "original_mrz": list(plan.mrz)}  # fmt: skip
    return _set_page(new, i, pp), tuple(affected), details


def viz_altered(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    i = _page_with(plan, lambda pp: "birth" in pp.ctx.viz, "printed date of birth")
    pp = plan.pages[i]
    years = int(rng.integers(2, 12)) * (1 if rng.random() < 0.5 else -1)
    birth = plan.holder.birth.replace(year=plan.holder.birth.year + years)
    if birth.month == 2 and birth.day == 29:
        birth = birth.replace(day=28)
    value = viz_values(replace(plan.holder, birth=birth))["birth"]
    viz = {**pp.ctx.viz, "birth": value}
    pp = replace(pp, ctx=replace(pp.ctx, viz=viz))
    affected = _ids(pp, ["data_consistency"])
    details = {"field": "birth", "printed": value, "genuine": plan.pages[i].ctx.viz["birth"]}
    return _set_page(plan, i, pp), tuple(affected), details


def viz_font_wrong(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    affected: list[str] = []
    for i, pp in enumerate(plan.pages):
        if pp.page.fields:
            plan = _set_page(plan, i, replace(pp, ctx=replace(pp.ctx, data_font="serif")))
            affected += _ids(pp, ["typeface"])
    if not affected:
        raise NotApplicable(f"specimen {plan.design.id} has no printed data fields")
    return plan, tuple(affected), {"font": "serif (DejaVu Serif)", "genuine_font": "sans"}


# --- inks and paper ------------------------------------------------------------------------
def ir_dropout_replaced(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    affected: list[str] = []
    for i, pp in enumerate(plan.pages):

        def fn(e: Element) -> Element:
            if e.role in ("label", "header") and e.ink.ir_absorb == 0.0 and e.ink.colour:
                ink = replace(e.ink, name=e.ink.name + " (ordinary)", ir_absorb=0.8,
                              security=False)  # fmt: skip
                return replace(e, ink=ink)
            return e

        plan = _set_page(plan, i, _map_elements(pp, fn))
        affected += _ids(pp, ["ir_dropout_ink"])
    return plan, tuple(affected), {"elements": ["title", "subtitle", "labels"]}


def uv_print_missing(plan: Plan, other: SpecimenDesign, rng: np.random.Generator) -> Result:
    affected: list[str] = []
    removed: list[str] = []
    for i, pp in enumerate(plan.pages):
        uv = [e for e in pp.page.elements if e.role == "uv"]
        if not uv:
            continue
        plan = _set_page(plan, i, _map_elements(pp, lambda e: None if e.role == "uv" else e))
        for e in uv:
            affected += _feature_id(pp, e.feature or "")
            removed.append(e.id)
    if not affected:
        raise NotApplicable(f"specimen {plan.design.id} has no UV print")
    return plan, tuple(affected), {"removed": removed}
