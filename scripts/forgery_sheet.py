"""Forgery sheet: each forgery of one specimen under the light where it shows most.

Each cell is the forged page (same seed as the genuine one); red outlines mark where its
pixels differ from the genuine page. Usage:
.venv/bin/python scripts/forgery_sheet.py [SPECIMEN] [OUT.jpg]
(defaults: uto-passport-2015, docs/images/forgeries.jpg). Used for the README.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

from docexam.synth import forgeries
from docexam.synth.designs import OTHER_SERIES, design
from docexam.synth.studio import make_document

K = 6.0
CELL_W = 420


def main() -> int:
    sid = sys.argv[1] if len(sys.argv) > 1 else "uto-passport-2015"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/images/forgeries.jpg")
    genuine = make_document(sid, seed=1, px_per_mm=K)
    side = design(sid).pages[0].side
    cells = []
    for fid in forgeries.applicable(design(sid), design(OTHER_SERIES[sid])):
        forged = make_document(sid, seed=1, forgery=fid, px_per_mm=K)
        best, light = -1.0, "white"
        for lt, img in forged.images[side].items():
            d = np.abs(img.astype(int) - genuine.images[side][lt].astype(int))
            score = float((d.max(-1) if d.ndim == 3 else d).mean())
            if score > best:
                best, light = score, lt
        img = forged.images[side][light]
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else img.copy()
        d = np.abs(
            img.astype(int)
            - cv2.cvtColor(genuine.images[side][light], cv2.COLOR_GRAY2BGR).astype(int)
            if genuine.images[side][light].ndim == 2
            else np.abs(img.astype(int) - genuine.images[side][light].astype(int))
        )
        changed = (d.max(-1) > 12).astype(np.uint8) * 255
        changed = cv2.dilate(changed, np.ones((9, 9), np.uint8))
        contours, _ = cv2.findContours(changed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(img, contours, -1, (0, 0, 255), 2)
        h = round(img.shape[0] * CELL_W / img.shape[1])
        cell = cv2.resize(img, (CELL_W, h), interpolation=cv2.INTER_AREA)
        cell = np.vstack([cell, np.full((26, CELL_W, 3), 255, np.uint8)])
        cv2.putText(
            cell,
            f"{fid} ({light})",
            (6, h + 18),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.5,
            (0, 0, 0),
            1,
            cv2.LINE_AA,
        )
        cells.append(np.pad(cell, ((3, 3), (3, 3), (0, 0)), constant_values=255))
    cols = 4
    while len(cells) % cols:
        cells.append(np.full_like(cells[0], 255))
    rows = [np.hstack(cells[i : i + cols]) for i in range(0, len(cells), cols)]
    out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out), np.vstack(rows), [cv2.IMWRITE_JPEG_QUALITY, 85])
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
