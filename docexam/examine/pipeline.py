"""The examination pipeline: capture set -> page -> MRZ -> specimen -> registration ->
feature checks -> verdict, each stage timed and its result kept.

Why one orchestrator with no logic of its own: each stage lives in its module and is
tested there; this file only decides what happens when a stage cannot go on (no document,
unknown type, capture unusable), so that every such case ends in a clear ``inconclusive``
with its reason instead of a guess.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import cv2
import numpy as np

from docexam.examine import identify as ident
from docexam.examine import register as reg
from docexam.examine.captureset import CaptureSet
from docexam.examine.checks.data import check_mrz_digits, check_viz_matches_mrz, read_surely
from docexam.examine.checks.registry import CheckInput, run_check
from docexam.examine.lights import LightAgreement, ir_agreement
from docexam.examine.page_keypoints import locate_by_design
from docexam.examine.page_quad import PageQuad, find_page, find_pages
from docexam.examine.quality import glare_mask, measure_quality
from docexam.examine.results import FeatureResult, Message, Quality
from docexam.examine.verdict import Reason, decide, reason
from docexam.examine.viz import compare_with_mrz, read_fields
from docexam.mrz.reader import MrzReading, read_mrz_image
from docexam.specimens.library import Library
from docexam.specimens.manifest import Feature, Page, Specimen


@dataclass(frozen=True, eq=False)
class Examination:
    verdict: str
    reasons: tuple[Reason, ...]
    identification: ident.Identification | None
    mrz: MrzReading | None
    features: tuple[FeatureResult, ...]
    quality: Quality | None
    registration: reg.Registration | None
    unchecked: tuple[str, ...]
    specimen: Specimen | None = None
    page: Page | None = None
    images: dict[str, np.ndarray] = field(default_factory=dict)  # registered page per light
    reference: dict[str, np.ndarray] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    elapsed_ms: float = 0.0
    lights: tuple[LightAgreement, ...] = ()  # do the other lights show this document?

    def to_dict(self) -> dict[str, Any]:
        ident_d = self.identification.to_dict() if self.identification else None
        spec = None
        if ident_d and ident_d["id"]:
            spec = {"id": ident_d["id"], "side": ident_d["side"], "score": ident_d["score"],
                    "margin": ident_d["margin"], "candidates": ident_d["candidates"]}  # fmt: skip
        return {
            "verdict": self.verdict,
            "reasons": [r.to_dict() for r in self.reasons],
            "specimen": spec,
            "identification": ident_d,
            "mrz": self.mrz.to_dict() if self.mrz is not None else None,
            "features": [f.to_dict() for f in self.features],
            "not_checked": list(self.unchecked),
            "quality": self.quality.to_dict() if self.quality else None,
            "registration": self.registration.to_dict() if self.registration else None,
            "lights": [a.to_dict() for a in self.lights],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


def _msg(en: str, ru: str) -> Message:
    return Message(en, ru)


class _Clock:
    def __init__(self) -> None:
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.laps: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = (now - self.last) * 1000
        self.last = now

    @property
    def total(self) -> float:
        return (time.perf_counter() - self.t0) * 1000


def examine(
    capture: CaptureSet,
    library: Library,
    *,
    specimen_id: str | None = None,
    today: dt.date | None = None,
) -> Examination:
    """Examine one capture set against the library (``specimen_id`` forces the specimen)."""
    today = today or dt.date.today()
    clock = _Clock()
    extra: list[Reason] = [
        reason(code, _msg(msg, _RU.get(code, msg)), None) for _, code, msg in capture.problems
    ]

    def stop(code: str, en: str, ru: str, **kw: Any) -> Examination:
        extra.append(reason(code, _msg(en, ru)))
        verdict, reasons, unchecked = decide([], extra)
        return Examination(verdict, reasons, kw.get("identification"), kw.get("mrz"), (),
                           kw.get("quality"), kw.get("registration"), unchecked,
                           timings_ms=clock.laps, elapsed_ms=clock.total)  # fmt: skip

    white = capture.images["white"]
    quad = find_page(white)
    clock.lap("page")
    mrz = read_mrz_image(white, today=today)
    clock.lap("mrz")
    fields = mrz.parse.fields if mrz.found and mrz.parse is not None else None
    layout = mrz.parse.format if mrz.found and mrz.parse is not None else None
    pages = ident.candidate_pages(
        library, layout=layout if mrz.valid else None,
        state=fields.issuing_state if mrz.valid and fields else None,
        code=fields.document_code if mrz.valid and fields else None, only=specimen_id,
    )  # fmt: skip
    quad, identification = _identify(white, quad, pages, forced=specimen_id is not None)
    clock.lap("identify")
    if quad is None or identification is None:
        return stop("NO_DOCUMENT", "No document was found in the white-light image.",
                    "На изображении в белом свете документ не найден.", mrz=mrz)  # fmt: skip
    if identification.best is None:
        return stop("UNKNOWN_DOCUMENT",
                    "The document matches no specimen in the library (best score "
                    f"{identification.candidates[0].score:.2f}) ." if identification.candidates
                    else "No specimen in the library has this document's type.",
                    "Документ не соответствует ни одному образцу в библиотеке.",
                    identification=identification, mrz=mrz)  # fmt: skip
    best = identification.best
    spec = library.get(best.specimen)
    page = spec.page(best.side)
    if "mrz" not in page.zones and mrz.found:
        # This side carries no MRZ: whatever the reader found is print that looks like one.
        mrz, fields = MrzReading(found=False, elapsed_ms=mrz.elapsed_ms), None
    k = page.px_per_mm
    size = (round(page.size_mm[0] * k), round(page.size_mm[1] * k))
    h_cap2page = ident.page_homography(quad.corners, size_px=size, rotation=best.rotation)
    # Only white light is cut out here (quality, registration); every light is resampled
    # once, straight from the capture, when the registration is known (reg.resample).
    white_page = cv2.warpPerspective(white, h_cap2page, size, flags=cv2.INTER_LINEAR,
                                     borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    quality = measure_quality(capture.images, quad, page_images={"white": white_page},
                              size_mm=page.size_mm, px_per_mm=k)  # fmt: skip
    clock.lap("normalise")
    if not quality.judgeable:
        blocking = ("CAPTURE_TOO_BLURRED", "CAPTURE_TOO_SMALL")
        code = next(p for p in quality.problems if p in blocking)
        return stop(code, _EN[code], _RU[code], identification=identification, mrz=mrz,
                    quality=quality)  # fmt: skip
    ref = _specimen_page(spec, page.side, size, _stamp(page))
    registration = reg.register(white_page, None, None, px_per_mm=k, prepared=ref.prepared)
    images, valid_m = reg.resample(capture.images, h_cap2page, registration,
                                   shape=(size[1], size[0]))  # fmt: skip
    err = reg.measure_error(images["white"], None, None, px_per_mm=k, prepared=ref.prepared)
    registration = reg.Registration(registration.homography, registration.converged,
                                    registration.correlation, *err)  # fmt: skip
    reference = dict(ref.images)
    clock.lap("register")
    if np.isfinite(registration.error_mm) and not registration.ok:
        return stop("REGISTRATION_FAILED",
                    f"The page could not be aligned with the specimen (estimated error "
                    f"{registration.error_mm:.1f} mm).",
                    f"Страницу не удалось совместить с образцом (оценка ошибки "
                    f"{registration.error_mm:.1f} мм).", identification=identification,
                    mrz=mrz, quality=quality, registration=registration)  # fmt: skip
    irs = [lt for lt in sorted(images) if lt.startswith("ir")]
    agreements = tuple(a for a in (ir_agreement(images, page=page, light=lt) for lt in irs) if a)
    for a in agreements:
        if a.mismatch:  # another document's image: its checks would judge the wrong thing
            images = {lt: img for lt, img in images.items() if lt != a.light}
            extra.append(reason("LIGHT_MISMATCH", _msg(
                f"The {a.light} image does not show this document (its print does not follow "
                f"the white-light image: agreement {a.agreement:.2f}); its checks were not "
                "run. Capture the document again under all lights.",
                f"Изображение {a.light} не соответствует этому документу (печать не совпадает "
                f"со снимком в белом свете: {a.agreement:.2f}); его проверки не выполнены. "
                "Сделайте снимки документа снова во всех светах.")))  # fmt: skip
    glare = glare_mask(images["white"], valid=valid_m, px_per_mm=k)
    inp = CheckInput(images, reference, {lt: valid_m for lt in images}, glare, page, k)
    mf = mrz.parse.fields if mrz.found and mrz.parse is not None else None
    mrz_sure = mrz.valid or read_surely(mrz)  # else its check says MRZ_UNCERTAIN
    needs_viz = mf is not None and any(f.check.method == "viz_matches_mrz" for f in page.features)
    # The printed fields are read by tesseract (other processes) while this thread runs
    # the image checks: the two together take little more than the longer of them.
    pool = ThreadPoolExecutor(max_workers=1) if needs_viz else None
    pending = pool.submit(read_fields, images["white"], page, px_per_mm=k) if pool else None

    def viz_check(feature: Feature) -> FeatureResult:
        comps = (compare_with_mrz(pending.result(), page, mf, mrz_sure=mrz_sure)
                 if pending and mf else None)  # fmt: skip
        if comps is None:
            return FeatureResult(feature.id, feature.type, "white", "not_checked", None, None,
                                 "MRZ_ON_OTHER_SIDE" if "mrz" not in page.zones
                                 else "MRZ_NOT_FOUND", _msg(
                                     "The printed data could not be compared with the MRZ: "
                                     "no MRZ was read from this side.",
                                     "Данные не сверены с МСЗ: МСЗ на этой стороне не "
                                     "считана."))  # fmt: skip
        return check_viz_matches_mrz(feature, comps)

    data_checks: dict[str, Callable[[Feature], FeatureResult]] = {
        "mrz_check_digits": lambda f: check_mrz_digits(f, mrz if mrz.found else None),
        "viz_matches_mrz": viz_check,
    }
    try:
        image_first = sorted(page.features, key=lambda f: f.check.method == "viz_matches_mrz")
        by_id = {f.id: run_check(f, inp, data_checks=data_checks) for f in image_first}
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    results = tuple(by_id[f.id] for f in page.features)
    clock.lap("checks")
    if (mrz.valid and fields is not None and fields.expiry_date
            and dt.date.fromisoformat(fields.expiry_date) < today):  # fmt: skip
        extra.append(reason("DOCUMENT_EXPIRED", _msg(
            f"The document expired on {fields.expiry_date}.",
            f"Срок действия документа истёк {fields.expiry_date}.")))  # fmt: skip
    verdict, reasons, unchecked = decide(results, extra)
    return Examination(verdict, reasons, identification, mrz, results, quality, registration,
                       unchecked, spec, page, images, reference, clock.laps,
                       clock.total, agreements)  # fmt: skip


RETRY_SCORE = 0.6  # below this, other outlines of the page are tried too


def _identify(
    white: np.ndarray, quad: PageQuad | None, pages: list, *, forced: bool
) -> tuple[PageQuad | None, ident.Identification | None]:
    """The outline and the identification that go together best.

    Why more than one outline: on a hard photo the best-ranked outline may take a corner
    from the clutter beside the page, and a light card on a light scanner lid may show no
    outline that passes the finder's gates. The specimens tell the right outline: when the
    first one identifies nothing convincingly, the finder's next outlines are tried and the
    one whose content matches a specimen best is kept (a wrong outline scores low on every
    specimen, so an unknown document stays unknown). When no outline identifies anything,
    the design's keypoints locate the page (``page_keypoints``)."""
    min_score = -1.0 if forced else ident.MIN_SCORE
    best = ident.identify(white, quad.corners, pages, min_score=min_score) if quad else None
    if best is not None and best.best is not None and best.best.score >= RETRY_SCORE:
        return quad, best
    for alt in find_pages(white, limit=5):
        if quad is not None and np.abs(alt.corners - quad.corners).max() < 3.0:
            continue
        other = ident.identify(white, alt.corners, pages, min_score=min_score)
        if other.best is not None and (best is None or _top(other) > _top(best)):
            quad, best = alt, other
    if best is None or best.best is None:  # no outline leads to a specimen: try the design
        alt = locate_by_design(white, pages)
        other = ident.identify(white, alt.corners, pages, min_score=min_score) if alt else None
        if other is not None and other.best is not None:
            quad, best = alt, other
    return quad, best  # (None, None) when no outline was found and none identified anything


def _top(identification: ident.Identification) -> float:
    return identification.candidates[0].score if identification.candidates else -2.0


@dataclass(frozen=True, eq=False)
class _SpecimenPage:
    """A specimen page's images (light -> read-only image) and the reference's share of
    registration (``reg.prepare``): the same for every document of the type."""

    images: Mapping[str, np.ndarray]
    prepared: reg.Prepared


def _stamp(page: Page) -> tuple[tuple[str, int, int], ...]:
    """The page's image files as (path, mtime, size): a re-rendered library is re-read."""
    out = []
    for light in sorted(page.images):
        path = page.image_path(light)
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


@lru_cache(maxsize=8)
def _specimen_page(
    spec: Specimen, side: str, size: tuple[int, int], stamp: tuple[tuple[str, int, int], ...]
) -> _SpecimenPage:
    """Why a cache (bounded, of immutable objects, keyed by the files' stamps): reading and
    preparing a specimen page costs more than registering a document on it, and a batch
    examines many documents of a few types. Eight pages hold the bundled library (about
    15 MB each at 300 dpi)."""
    page = spec.page(side)
    images = {}
    for light in page.images:
        path = str(page.image_path(light))
        flag = cv2.IMREAD_GRAYSCALE if light.startswith("ir") else cv2.IMREAD_COLOR
        img = cv2.imread(path, flag)
        if img is None:
            raise ValueError(f"cannot read the specimen image {path}")
        img.setflags(write=False)
        images[light] = img
    mask = ident.design_mask_full(spec, side, size)
    prepared = reg.prepare(images["white"], mask, px_per_mm=page.px_per_mm)
    return _SpecimenPage(MappingProxyType(images), prepared)


_EN = {
    "CAPTURE_TOO_BLURRED": "The capture is too blurred to judge the security features.",
    "CAPTURE_TOO_SMALL": "The document is too small in the capture to judge its features.",
}
_RU = {
    "CAPTURE_TOO_BLURRED": "Снимок слишком размыт для проверки защитных элементов.",
    "CAPTURE_TOO_SMALL": "Документ на снимке слишком мал для проверки защитных элементов.",
    "LIGHT_SIZE_MISMATCH": "Размер изображения в этом свете не совпадает с белым светом: "
    "проверки в этом свете не выполнены.",
}
