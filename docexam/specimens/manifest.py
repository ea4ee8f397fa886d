"""A loaded specimen as immutable values (the manifest of docs/specimen-format.md).

Everything is a frozen dataclass holding tuples and ``FrozenMap``s, so a specimen can be
shared between threads, cached and compared without anyone changing it underneath. These
classes trust their input: ``validate.parse_manifest`` is the only way a manifest on disk
becomes a ``Specimen``, and it checks every field first. ``to_dict`` writes the manifest
back (image names relative to the specimen's folder), so ``docexam specimens show ID
--json`` prints a manifest that can be saved as a new ``specimen.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from docexam.errors import SpecimenError
from docexam.specimens.vocabulary import FORMAT, FORMAT_VERSION

__all__ = ["Check", "Feature", "Field", "FrozenMap", "Page", "Specimen", "Text", "Zone"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only, hashable mapping that keeps insertion order (the manifest's order).

    ``MappingProxyType`` is read-only but not hashable, which would make every dataclass
    holding one unhashable; a frozen dataclass should be usable as a dict key or in a set.
    Equality is a mapping's (order-insensitive), and so is the hash.
    """

    __slots__ = ("_data",)

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        self._data: dict[K, V] = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


@dataclass(frozen=True)
class Text:
    """A text shown to users, in both UI languages (both always present)."""

    en: str
    ru: str

    def get(self, language: str) -> str:
        """The text in ``language`` ("en" or "ru"), English for any other language."""
        return self.ru if language == "ru" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "ru": self.ru}


@dataclass(frozen=True)
class Zone:
    """A rectangle in millimetres from the page's top-left corner (x right, y down)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def to_px(self, px_per_mm: float) -> tuple[int, int, int, int]:
        """``(x0, y0, x1, y1)`` pixel bounds (end exclusive) at ``px_per_mm``, for slicing.

        Edges are rounded independently so that adjacent zones share their boundary pixel
        instead of overlapping or leaving a gap; callers clip to the image themselves (a
        zone may overhang the page by the 0.5 mm rounding tolerance).
        """
        return (
            round(self.x * px_per_mm),
            round(self.y * px_per_mm),
            round(self.right * px_per_mm),
            round(self.bottom * px_per_mm),
        )

    def intersects(self, other: Zone) -> bool:
        """True when the two rectangles share some area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def to_dict(self) -> dict[str, float]:
        return {"x": self.x, "y": self.y, "w": self.w, "h": self.h}


@dataclass(frozen=True)
class Field:
    """A printed data field of the visual inspection zone (VIZ)."""

    id: str
    label: FrozenMap[str, str]
    language: tuple[str, ...]
    script: tuple[str, ...]
    zone: Zone
    mrz_field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": dict(self.label),
            "language": list(self.language),
            "script": list(self.script),
            "zone": self.zone.to_dict(),
        }
        if self.mrz_field is not None:
            out["mrz_field"] = self.mrz_field
        return out


@dataclass(frozen=True)
class Check:
    """How a feature is checked: machine method and threshold, and what an officer does."""

    method: str
    tolerance: float | None
    instructions: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "tolerance": self.tolerance,
            "instructions": self.instructions.to_dict(),
        }


@dataclass(frozen=True)
class Feature:
    """A security feature on one page, checked under ``lights`` in ``zones``."""

    id: str
    name: Text
    type: str
    lights: tuple[str, ...]
    zones: tuple[Zone, ...]
    check: Check
    genuine: Text
    forgery_signs: Text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name.to_dict(),
            "type": self.type,
            "lights": list(self.lights),
            "zones": [z.to_dict() for z in self.zones],
            "check": self.check.to_dict(),
            "genuine": self.genuine.to_dict(),
            "forgery_signs": self.forgery_signs.to_dict(),
        }


@dataclass(frozen=True)
class Page:
    """One side or page: its size, its images per light source, zones, fields, features."""

    side: str
    size_mm: tuple[float, float]
    px_per_mm: float
    images: FrozenMap[str, Path]  # light -> absolute path
    zones: FrozenMap[str, Zone]
    fields: tuple[Field, ...]
    features: tuple[Feature, ...]

    @property
    def lights(self) -> tuple[str, ...]:
        return tuple(self.images)

    @property
    def size_px(self) -> tuple[int, int]:
        """The nominal image size ``(width, height)`` the images should have."""
        return round(self.size_mm[0] * self.px_per_mm), round(self.size_mm[1] * self.px_per_mm)

    def image_path(self, light: str) -> Path:
        """The image under ``light``; SpecimenError (LIGHT_NOT_AVAILABLE) when there is none."""
        try:
            return self.images[light]
        except KeyError:
            raise SpecimenError(
                f"the {self.side} page has no image under {light!r} "
                f"(it has: {', '.join(self.images)})",
                code="LIGHT_NOT_AVAILABLE",
            ) from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "side": self.side,
            "size_mm": list(self.size_mm),
            "px_per_mm": self.px_per_mm,
            "images": {light: path.name for light, path in self.images.items()},
            "zones": {name: zone.to_dict() for name, zone in self.zones.items()},
            "fields": [f.to_dict() for f in self.fields],
            "features": [f.to_dict() for f in self.features],
        }


@dataclass(frozen=True)
class Specimen:
    """A reference specimen: one document type and series, with its folder on disk."""

    id: str
    name: Text
    issuing_state: str
    kind: str
    layout: str
    series: str
    issued_from: dt.date
    issued_until: dt.date | None
    fictional: bool
    notes: Text | None
    pages: tuple[Page, ...]
    folder: Path
    manifest_path: Path

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(p.side for p in self.pages)

    @property
    def lights(self) -> tuple[str, ...]:
        """Every light source with an image on some page, in first-seen order."""
        return tuple(dict.fromkeys(light for p in self.pages for light in p.images))

    @property
    def features(self) -> tuple[Feature, ...]:
        """The features of all pages, page by page."""
        return tuple(f for p in self.pages for f in p.features)

    def page(self, side: str) -> Page:
        """The page ``side``; SpecimenError (PAGE_NOT_FOUND) naming the sides it has."""
        for p in self.pages:
            if p.side == side:
                return p
        raise SpecimenError(
            f"specimen {self.id!r} has no {side!r} page (it has: {', '.join(self.sides)})",
            code="PAGE_NOT_FOUND",
        )

    def feature(self, feature_id: str) -> Feature:
        """The feature ``feature_id`` on any page; SpecimenError (FEATURE_NOT_FOUND)."""
        for f in self.features:
            if f.id == feature_id:
                return f
        raise SpecimenError(
            f"specimen {self.id!r} has no feature {feature_id!r}", code="FEATURE_NOT_FOUND"
        )

    def page_of(self, feature_id: str) -> Page:
        """The page that carries feature ``feature_id`` (its images are the ones to compare)."""
        for p in self.pages:
            if any(f.id == feature_id for f in p.features):
                return p
        raise SpecimenError(
            f"specimen {self.id!r} has no feature {feature_id!r}", code="FEATURE_NOT_FOUND"
        )

    def to_dict(self) -> dict[str, Any]:
        """The manifest as JSON-ready data; saved as specimen.json it loads back equal."""
        out: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "name": self.name.to_dict(),
            "issuing_state": self.issuing_state,
            "kind": self.kind,
            "layout": self.layout,
            "series": self.series,
            "issued_from": self.issued_from.isoformat(),
            "issued_until": None if self.issued_until is None else self.issued_until.isoformat(),
            "fictional": self.fictional,
        }
        if self.notes is not None:
            out["notes"] = self.notes.to_dict()
        out["pages"] = [p.to_dict() for p in self.pages]
        return out
