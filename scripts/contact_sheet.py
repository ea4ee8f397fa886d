"""Contact sheet of the specimen library: every page under every light, one row per page.

Usage: .venv/bin/python scripts/contact_sheet.py [LIBRARY] [OUT.jpg]
(defaults: reference_specimens, docs/images/specimens.jpg). Used for the README.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

from docexam.specimens.library import load_library

CELL_H = 300


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "reference_specimens")
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/images/specimens.jpg")
    lib = load_library(root)
    rows = []
    for spec in lib:
        for page in spec.pages:
            cells = []
            for light in ("white", "uv365", "ir870"):
                img = cv2.imread(str(page.image_path(light)), cv2.IMREAD_COLOR)
                w = round(img.shape[1] * CELL_H / img.shape[0])
                cell = cv2.resize(img, (w, CELL_H), interpolation=cv2.INTER_AREA)
                cv2.putText(
                    cell,
                    f"{spec.id} {page.side} {light}",
                    (8, CELL_H - 10),
                    cv2.FONT_HERSHEY_SIMPLEX,
                    0.5,
                    (0, 0, 255),
                    1,
                    cv2.LINE_AA,
                )
                cells.append(cell)
            row = np.hstack(
                [np.pad(c, ((4, 4), (4, 4), (0, 0)), constant_values=255) for c in cells]
            )
            rows.append(row)
    width = max(r.shape[1] for r in rows)
    sheet = np.vstack(
        [np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0)), constant_values=255) for r in rows]
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out), sheet, [cv2.IMWRITE_JPEG_QUALITY, 85])
    print(out, sheet.shape[1], "x", sheet.shape[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
