"""Where a session's cases come from: the studio, a trainer's folder, the examination log.

Why planning apart from making: a plan (which specimen, which forgery, which seed and
capture) is cheap and checked in full before the first image is rendered, so a bad option
fails at once and not after minutes; making a case (``PlannedCase.make``) renders or reads
its images. Every source gives each case its answer: "genuine" or the forgery id, and the
affected feature ids (the studio knows them from applying the forgery to the plan).

Studio sessions: ``cases * forged_share`` cases (rounded half up) are forged; the forgery
kinds are dealt in shuffled rounds, so every chosen kind appears before any appears twice,
each on a specimen it applies to (specimens dealt in turn as well); genuine cases go round
the specimens the same way. Everything is drawn from ``seed`` (recorded in the key).
"""

from __future__ import annotations

import functools
import math
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from docexam.errors import TrainingError
from docexam.training.images import encode_jpeg, encode_png
from docexam.training.jsonio import GENUINE, LIGHTS
from docexam.training.package import SideImages

CAPTURES = ("scan", "camera", "phone", "mixed", "none")
MAX_CASES = 500
Made = tuple[SideImages, tuple[str, ...]]  # images, affected feature ids


@dataclass(frozen=True)
class StudioSource:
    """Cases rendered by the studio. ``specimens``/``forgeries`` empty: all (applicable).
    ``seed`` None: a random one (recorded in the key). ``jpeg_quality``: store lossless
    captures as JPEG of that quality (smaller packages); None keeps the capture's files.
    ``px_per_mm``: the rendering resolution (lower is faster: tests)."""

    cases: int = 20
    specimens: tuple[str, ...] = ()
    forged_share: float = 0.5
    forgeries: tuple[str, ...] = ()
    capture: str = "scan"
    seed: int | None = None
    jpeg_quality: int | None = None
    px_per_mm: float | None = None


@dataclass(frozen=True)
class PlannedCase:
    answer: str  # GENUINE or a forgery id
    specimen: str | None
    source: Mapping[str, Any]
    make: Callable[[], Made] = field(repr=False, compare=False)


def _bad(msg: str) -> TrainingError:
    return TrainingError(msg, code="BAD_SPEC")


def plan_studio(spec: StudioSource) -> tuple[list[PlannedCase], dict[str, Any]]:
    """The cases of a studio session and the build record for the key."""
    from docexam.synth import forgeries
    from docexam.synth.designs import DESIGNS, OTHER_SERIES, design

    if (
        isinstance(spec.cases, bool)
        or not isinstance(spec.cases, int)
        or not 1 <= spec.cases <= MAX_CASES
    ):
        raise _bad(f"cases must be a whole number from 1 to {MAX_CASES}, got {spec.cases!r}")
    if not 0.0 <= spec.forged_share <= 1.0:
        raise _bad(f"forged_share must be between 0 and 1, got {spec.forged_share!r}")
    if spec.capture not in CAPTURES:
        raise _bad(f"capture must be one of {', '.join(CAPTURES)}, got {spec.capture!r}")
    if spec.seed is not None and (not isinstance(spec.seed, int) or spec.seed < 0):
        raise _bad(f"seed must be a whole number >= 0, got {spec.seed!r}")
    q = spec.jpeg_quality
    if q is not None and (isinstance(q, bool) or not isinstance(q, int) or not 50 <= q <= 100):
        raise _bad(f"jpeg_quality must be a whole number from 50 to 100, got {q!r}")
    specimens = tuple(dict.fromkeys(spec.specimens)) or tuple(DESIGNS)
    for sid in specimens:
        if sid not in DESIGNS:
            raise _bad(f"unknown specimen {sid!r}; known: {', '.join(DESIGNS)}")
    for fid in spec.forgeries:
        if fid not in forgeries.BY_ID:
            raise _bad(f"unknown forgery {fid!r}; known: {', '.join(forgeries.IDS)}")
    chosen = tuple(dict.fromkeys(spec.forgeries)) or forgeries.IDS
    usable = {
        s: [f for f in forgeries.applicable(design(s), design(OTHER_SERIES[s])) if f in chosen]
        for s in specimens
    }
    kinds = [f for f in chosen if any(f in usable[s] for s in specimens)]
    missing = [f for f in chosen if f not in kinds]
    if spec.forgeries and missing:
        raise _bad(f"forgery {missing[0]} applies to none of the specimens {', '.join(specimens)}")
    seed = secrets.randbelow(2**31) if spec.seed is None else spec.seed
    rng = np.random.default_rng([seed, 0x7A1])
    n_forged = math.floor(spec.cases * spec.forged_share + 0.5)  # half up: 5 x 0.5 -> 3
    if n_forged and not kinds:
        raise _bad("no forgery applies to the chosen specimens")
    answers = _deal(rng, kinds, n_forged) + [GENUINE] * (spec.cases - n_forged)
    turn = {
        k: _cycle(rng, [s for s in specimens if k == GENUINE or k in usable[s]])
        for k in dict.fromkeys(answers)
    }
    plans = []
    for answer in answers:
        sid = next(turn[answer])
        doc_seed = int(rng.integers(1_000_000, 2**31))
        mode = (
            spec.capture
            if spec.capture != "mixed"
            else str(rng.choice(["scan", "camera", "phone"]))
        )
        forgery = None if answer == GENUINE else answer
        make = functools.partial(
            studio_images,
            sid,
            seed=doc_seed,
            forgery=forgery,
            capture=mode,
            jpeg_quality=q,
            px_per_mm=spec.px_per_mm,
        )
        plans.append(
            PlannedCase(answer, sid, {"kind": "studio", "seed": doc_seed, "capture": mode}, make)
        )
    build = {
        "source": "studio",
        "cases": spec.cases,
        "specimens": list(specimens),
        "forged_share": spec.forged_share,
        "forgeries": kinds,
        "capture": spec.capture,
        "seed": seed,
        "jpeg_quality": q,
        "px_per_mm": spec.px_per_mm,
    }
    return plans, build


def _deal(rng: np.random.Generator, kinds: Sequence[str], n: int) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        out += [kinds[i] for i in rng.permutation(len(kinds))]
    return out[:n]


def _cycle(rng: np.random.Generator, items: Sequence[str]) -> Iterator[str]:
    while True:
        yield from (items[i] for i in rng.permutation(len(items)))


def studio_images(
    specimen: str,
    *,
    seed: int,
    forgery: str | None,
    capture: str,
    jpeg_quality: int | None = None,
    px_per_mm: float | None = None,
) -> Made:
    """One studio document captured side by side: (side -> light -> (ext, bytes), affected)."""
    from docexam.synth.capture import simulate_capture
    from docexam.synth.document import DEFAULT_PX_PER_MM
    from docexam.synth.studio import make_document

    doc = make_document(
        specimen, seed=seed, forgery=forgery, px_per_mm=px_per_mm or DEFAULT_PX_PER_MM
    )
    out: dict[str, dict[str, tuple[str, bytes]]] = {}
    for i, (side, imgs) in enumerate(doc.images.items()):
        cap = simulate_capture(
            {k: v for k, v in imgs.items() if k in LIGHTS},
            px_per_mm=doc.plan.px_per_mm,
            mode=capture,
            seed=seed * 10 + i,
        )

        def one(light: str, cap: Any = cap) -> tuple[str, bytes]:
            if cap.params["lights"][light]["format"] == "jpeg":
                return cap.encoded[light]  # the device's own JPEG, as written
            if jpeg_quality is not None:
                return ".jpg", encode_jpeg(cap.images[light], jpeg_quality)
            return ".png", encode_png(cap.images[light])

        lights = [lt for lt in LIGHTS if lt in cap.images]
        with ThreadPoolExecutor(max_workers=len(lights)) as pool:  # OpenCV releases the GIL
            out[side] = dict(zip(lights, pool.map(one, lights), strict=True))
    return out, tuple(doc.plan.affected)
