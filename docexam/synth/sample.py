"""One call to get a synthetic, fully annotated MRZ capture from a seed.

Why: tests, the benchmark and the demo need the same fictional documents on every machine.
Everything is drawn from ``numpy.random.default_rng`` streams spawned from the seed (no
global RNG, no clock), so the same seed gives a byte-identical image. The seed drives four
independent streams (layout, MRZ data, page rendering, capture), so for one seed the
document content is the same at every level; only the capture differs.

Seed ranges: tuning uses 0..99_999; benchmark reports use 1_000_000 and up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

from docexam.synth.degrade import LEVELS, check_level, degrade, page_scale
from docexam.synth.mrzdata import LAYOUTS, random_record
from docexam.synth.render import render_page

_LAYOUT_P = np.array([0.25, 0.1, 0.4, 0.15, 0.1])  # TD1, TD2, TD3, MRVA, MRVB
_LEVEL_ID = {name: i for i, name in enumerate(LEVELS)}

__all__ = ["LAYOUTS", "LEVELS", "SyntheticSample", "make_mrz_sample"]


@dataclass(frozen=True, eq=False)
class SyntheticSample:
    """A generated capture and its truth.

    image: BGR uint8. lines: the MRZ as printed. mrz_quad: 4x2 float, corners TL, TR, BR, BL
    of the MRZ character grid in reading orientation (so an upside-down document has TL at
    the image's lower right). char_quads: (lines, chars, 4, 2) corners of every character
    cell (2.54 mm pitch x cap height). params: every random choice, JSON-serialisable.
    jpeg_bytes: for JPEG captures, the file the image was decoded from (see file_bytes).
    """

    image: np.ndarray
    lines: tuple[str, ...]
    layout: str
    level: str
    seed: int
    mrz_quad: np.ndarray
    params: dict[str, Any] = field(default_factory=dict)
    char_quads: np.ndarray | None = None
    jpeg_bytes: bytes | None = None

    def file_bytes(self) -> tuple[bytes, str]:
        """The capture as a file: (bytes, extension), whose decoding is exactly ``image``.

        JPEG captures return the very bytes they were decoded from (no second
        compression); lossless ones are PNG-encoded here, on demand, to keep generation fast.
        """
        if self.jpeg_bytes is not None:
            return self.jpeg_bytes, ".jpg"
        ok, buf = cv2.imencode(".png", self.image)
        if not ok:
            raise RuntimeError("OpenCV could not encode a PNG")
        return buf.tobytes(), ".png"


def make_mrz_sample(
    seed: int, *, level: str = "scan", layout: str | None = None
) -> SyntheticSample:
    """Generate the synthetic capture for ``seed`` at ``level`` ('scan', 'photo', 'hard').

    ``layout`` is one of 'TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', or None to draw one
    (TD3 40%, TD1 25%, MRV-A 15%, TD2 10%, MRV-B 10%). Raises ValueError naming the bad
    parameter for an unknown level or layout.
    """
    check_level(level)
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS} or None, got {layout!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative int, got {seed!r}")
    ss = np.random.SeedSequence(int(seed))
    r_layout, r_data, r_render, r_page = (np.random.default_rng(s) for s in ss.spawn(4))
    r_capture = np.random.default_rng(np.random.SeedSequence([int(seed), 7, _LEVEL_ID[level]]))
    if layout is None:
        layout = LAYOUTS[int(r_layout.choice(len(LAYOUTS), p=_LAYOUT_P))]
    record = random_record(r_data, layout)
    ch_mm = float(r_page.uniform(2.2, 2.4))
    params: dict[str, Any] = {"level": level, "layout": layout, "char_height_mm": round(ch_mm, 3)}
    params.update(page_scale(level, r_capture, ch_mm))
    page = render_page(record, params["px_per_mm"], r_render, char_height_mm=ch_mm)
    params["px_per_mm"] = round(params["px_per_mm"], 4)
    out = degrade(page, level, r_capture, params)
    return SyntheticSample(
        image=out.image,
        lines=record.lines,
        layout=layout,
        level=level,
        seed=int(seed),
        mrz_quad=out.mrz_quad,
        params=out.params,
        char_quads=out.char_quads,
        jpeg_bytes=out.jpeg_bytes,
    )
