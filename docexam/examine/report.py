"""Write an examination to a folder: normalised images, evidence images, HTML report, JSON.

Why self-contained files: the expert who receives a referred case, or the trainer who
reviews a session, opens report.html in any browser, offline; every image it shows is a
file beside it, and result.json is the same object `docexam examine --json` prints.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import cv2
import numpy as np

from docexam.errors import InputError
from docexam.examine.pipeline import Examination

_STATUS_COLOUR = {"pass": "#1b7f3b", "fail": "#b3261e", "inconclusive": "#8a6d00",
                  "not_checked": "#666"}  # fmt: skip
_VERDICT_COLOUR = {"consistent": "#1b7f3b", "suspect": "#b3261e", "inconclusive": "#8a6d00"}


def _write_png(path: Path, img: np.ndarray) -> None:
    ok, buf = cv2.imencode(".png", img)
    if not ok:
        raise InputError(f"cannot encode {path.name}")
    try:
        path.write_bytes(buf.tobytes())
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _evidence_strip(q: np.ndarray, r: np.ndarray, hm: np.ndarray) -> np.ndarray:
    parts = []
    for img in (q, r, hm):
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) if img.ndim == 2 else img
        parts.append(np.pad(img, ((2, 2), (2, 2), (0, 0)), constant_values=255))
    h = max(p.shape[0] for p in parts)
    parts = [np.pad(p, ((0, h - p.shape[0]), (0, 0), (0, 0)), constant_values=255) for p in parts]
    return np.hstack(parts)


def write_report(exam: Examination, out: Path, *, title: str = "") -> Path:
    """Write the examination into ``out``; returns the report's path."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create {out}: {exc.strerror or exc}") from exc
    for light, img in exam.images.items():
        _write_png(out / f"normalised.{light}.png", img)
    rows = []
    for f in exam.features:
        ev_name = ""
        if f.evidence is not None:
            ev_name = f"evidence.{f.feature}.png"
            _write_png(out / ev_name, _evidence_strip(f.evidence.questioned,
                                                      f.evidence.reference,
                                                      f.evidence.heatmap))  # fmt: skip
        score = "" if f.score is None else f"{f.score:.3f}"
        thr = "" if f.threshold is None else f"{f.threshold:g}"
        img = f'<img src="{ev_name}" alt="evidence">' if ev_name else ""
        rows.append(
            f"<tr><td>{html.escape(f.feature)}</td><td>{html.escape(f.type)}</td>"
            f"<td>{html.escape(f.light or '')}</td>"
            f'<td style="color:{_STATUS_COLOUR[f.status]}"><b>{f.status}</b></td>'
            f"<td>{score}</td><td>{thr}</td><td>{html.escape(f.code or '')}</td>"
            f"<td>{html.escape(f.message.en)}<br><i>{html.escape(f.message.ru)}</i></td>"
            f"<td>{img}</td></tr>"
        )
    d = exam.to_dict()
    reasons = "".join(
        f"<li><b>{html.escape(r['code'])}</b> {html.escape(r['feature'] or '')}: "
        f"{html.escape(r['message'])}<br><i>{html.escape(r['message_ru'])}</i></li>"
        for r in d["reasons"]
    )
    spec = d["specimen"]
    spec_line = (f"{html.escape(spec['id'])} ({html.escape(spec['side'])}), score "
                 f"{spec['score']}, margin {spec['margin']}" if spec else "none")  # fmt: skip
    mrz = "<br>".join(html.escape(x) for x in (d["mrz"] or {}).get("lines", []))
    images = "".join(
        f'<figure><img src="normalised.{lt}.png" width="420"><figcaption>{lt}</figcaption></figure>'
        for lt in exam.images
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>docexam examination {html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:2em}} td,th{{border:1px solid #ccc;padding:4px;
vertical-align:top}} table{{border-collapse:collapse}} td img{{max-width:480px}}
figure{{display:inline-block;margin:4px}}</style></head><body>
<h1>Examination {html.escape(title)}</h1>
<p style="font-size:1.6em;color:{_VERDICT_COLOUR[exam.verdict]}"><b>{exam.verdict.upper()}</b></p>
<p>Specimen: {spec_line}</p><p>MRZ:<br><code>{mrz}</code></p>
<h2>Reasons</h2><ol>{reasons}</ol>
<p>Not checked or not judged: {html.escape(", ".join(d["not_checked"])) or "none"}</p>
<h2>Images (normalised to the specimen)</h2>{images}
<h2>Checks</h2><table><tr><th>feature</th><th>type</th><th>light</th><th>status</th>
<th>score</th><th>threshold</th><th>code</th><th>message</th><th>evidence (questioned,
reference, difference)</th></tr>{"".join(rows)}</table>
<p>Quality: {html.escape(json.dumps(d["quality"]))}<br>Registration:
{html.escape(json.dumps(d["registration"]))}<br>Elapsed {d["elapsed_ms"]} ms</p>
</body></html>"""
    path = out / "report.html"
    try:
        path.write_text(page, encoding="utf-8")
        (out / "result.json").write_text(json.dumps(d, ensure_ascii=False, indent=1) + "\n",
                                         encoding="utf-8")  # fmt: skip
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
