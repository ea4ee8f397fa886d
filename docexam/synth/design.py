"""A specimen design as code: pages of inked elements, plus the manifest facts about them.

Why designs are code, not pictures: the reference images, every document instance and
every forgery are rendered from the same element list, so a forgery is a small, named
change to that list (drop an element, change its ink, draw it from another series) and
its effect is confined to the elements it touches. The manifest written next to the
reference images (zones, fields, features) comes from the same objects, so the images and
their description cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import numpy as np

from docexam.synth.compose import Layer, Paint, compose
from docexam.synth.holder import Holder
from docexam.synth.inks import Ink, Substrate

Rect = tuple[float, float, float, float]  # x, y, w, h in mm from the page's top-left


@dataclass(frozen=True, eq=False)
class Ctx:
    """What a drawing function may depend on besides the design itself."""

    shape: tuple[int, int]  # h, w pixels
    px_per_mm: float
    page_mm: tuple[float, float]
    layout: str
    holder: Holder
    mrz_lines: tuple[str, ...]
    viz: Mapping[str, str]  # field id -> printed value
    data_font: str = "sans"
    portrait_seed: int = 0
    ghost_seed: int = 0  # equals portrait_seed on a genuine document
    options: Mapping[str, Any] = field(default_factory=dict)  # forgery-specific knobs


Draw = Callable[[Ctx], "Paint | list[Paint]"]


@dataclass(frozen=True, eq=False)
class Element:
    """One printed thing in one ink. ``feature`` links it to the feature it realises."""

    id: str
    ink: Ink
    draw: Draw
    role: str
    feature: str | None = None


@dataclass(frozen=True)
class FieldDef:
    """A printed data field: label (drop-out ink) and value (personalisation ink)."""

    id: str
    label_en: str
    label_ru: str
    x: float
    y: float
    width: float
    value_cap: float = 2.0
    label_cap: float = 1.1
    mrz_field: str | None = None
    script: tuple[str, ...] = ("Latn",)

    def zone(self) -> Rect:
        return (self.x - 0.5, self.y - 0.5, self.width + 1.0, self.label_cap + self.value_cap + 2.2)


@dataclass(frozen=True)
class FeatureDef:
    """A security feature as the manifest describes it (texts default by type)."""

    id: str
    type: str
    name_en: str
    name_ru: str
    lights: tuple[str, ...]
    zones: tuple[Rect, ...]
    method: str
    tolerance: float | None
    texts: Mapping[str, str] = field(default_factory=dict)  # overrides of the type's texts


@dataclass(frozen=True, eq=False)
class PageDesign:
    side: str
    size_mm: tuple[float, float]
    substrate: Substrate
    elements: tuple[Element, ...]
    zones: Mapping[str, Rect]
    fields: tuple[FieldDef, ...]
    features: tuple[FeatureDef, ...]
    params: Any = None  # what the page was built from (designs/standard.PageParams)

    def feature(self, feature_id: str) -> FeatureDef:
        for f in self.features:
            if f.id == feature_id:
                return f
        raise KeyError(feature_id)

    def with_elements(self, elements: tuple[Element, ...]) -> PageDesign:
        return replace(self, elements=elements)


@dataclass(frozen=True, eq=False)
class SpecimenDesign:
    id: str
    name_en: str
    name_ru: str
    issuing_state: str
    kind: str
    layout: str
    series: str
    issued_from: date
    issued_until: date | None
    doc_code: str
    pages: tuple[PageDesign, ...]
    notes_en: str = ""
    notes_ru: str = ""

    def page(self, side: str) -> PageDesign:
        for p in self.pages:
            if p.side == side:
                return p
        raise KeyError(side)

    def features(self) -> tuple[FeatureDef, ...]:
        return tuple(f for p in self.pages for f in p.features)


def page_shape(page: PageDesign, px_per_mm: float) -> tuple[int, int]:
    w, h = page.size_mm
    return round(h * px_per_mm), round(w * px_per_mm)


def render_page(page: PageDesign, ctx: Ctx, *, texture_seed: int) -> dict[str, np.ndarray]:
    """Draw every element of ``page`` and compose it under white, UV 365 and IR 870."""
    layers: list[Layer] = []
    for el in page.elements:
        out = el.draw(ctx)
        for paint in out if isinstance(out, list) else [out]:
            layers.append(Layer(el.ink, paint))
    return compose(layers, page.substrate, shape=ctx.shape, texture_seed=texture_seed)
