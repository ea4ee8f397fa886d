"""One logged case as a report that travels alone: the model both renderers read, the HTML.

Why from ``CaseRecord.to_dict()`` and not from the database: a report is made from what the
log returns (or from an imported case file), so what is printed is what the log holds; the
entries' hashes and the chain's hash are printed on it, so a paper report can be matched to
the log (``docexam log show ID`` prints the same hashes). Why HTML with images inlined as
data URIs: the referred-case expert receives one file and opens it offline. Why the PDF is
another module (``case_report_pdf``): it needs reportlab and a font, the HTML needs neither;
both read the case through the helpers here, so the two cannot disagree on what a case
shows. Images are recognised by their bytes, never by a file name: the log stores captures
as they were handed in (JPEG, PNG, TIFF) and evidence as JPEG.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from docexam.errors import InputError

STATUS_COLOUR = {
    "pass": "#1b7f3b",
    "fail": "#b3261e",
    "inconclusive": "#8a6d00",
    "not_checked": "#666666",
}
VERDICT_COLOUR = {"consistent": "#1b7f3b", "suspect": "#b3261e", "inconclusive": "#8a6d00"}
EVIDENCE_ORDER = ("questioned", "reference", "heatmap")
_MIME = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}


# --- what both renderers share ------------------------------------------------------------
def sides(exam: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """One document examination has ``sides`` (a card's front and back); one set has not."""
    if "sides" in exam:
        return [(str(s.get("set", "")), s) for s in exam["sides"]]
    return [("", exam)]


def image_bytes(img: Mapping[str, Any]) -> tuple[bytes | None, str]:
    """The stored image's bytes when they still match the logged hash, else why not."""
    path = img.get("path")
    if not path:
        return None, "not available (purged or not stored)"
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None, "missing from the image store"
    if img.get("sha256") and hashlib.sha256(data).hexdigest() != img["sha256"]:
        return None, "CHANGED since it was logged: not shown"
    return data, ""


def groups(case: Mapping[str, Any]) -> tuple[list[Mapping], dict[str, dict[str, Mapping]]]:
    """Capture images in log order; evidence by ``<set>/<feature>`` (or ``<feature>``)."""
    captures, evidence = [], {}
    for img in case.get("images") or []:
        parts = str(img["role"]).split("/")
        if parts[0] == "evidence" and len(parts) >= 3:
            evidence.setdefault("/".join(parts[1:-1]), {})[parts[-1]] = img
        else:
            captures.append(img)
    return captures, evidence


def evidence_key(side: str, feature: str) -> str:
    """The key of :func:`groups`' evidence for a feature of a side ("" for one set)."""
    return f"{side}/{feature}" if side else feature


def chain_hash(case: Mapping[str, Any]) -> str:
    """The hash of the case's newest entry: it seals every earlier entry of the log."""
    entries = case.get("entries") or []
    return str(entries[-1]["hash"]) if entries else ""


def entry_summary(entry: Mapping[str, Any]) -> str:
    """An entry's payload in one line; the examination itself is shown above, not here."""
    payload = dict(entry.get("payload") or {})
    if isinstance(payload.get("examination"), Mapping):
        payload["verdict"] = payload.pop("examination").get("verdict")
    parts = []
    for key, value in payload.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        if text not in ("", "null", "{}", "[]"):
            parts.append(f"{key}: {text if len(text) <= 160 else text[:157] + '...'}")
    return "; ".join(parts)


def header_rows(case: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the report's head; empty values are left out, not printed blank."""
    s = case.get("summary") or {}
    name = " ".join(x for x in (s.get("surname"), s.get("given_names")) if x)
    rows = [
        ("Case", case["id"]),
        ("Time (UTC)", case.get("time", "")),
        ("Station", case.get("station", "")),
        ("Officer", case.get("officer", "")),
        ("Document", " ".join(x for x in (s.get("document_number"), s.get("issuing_state")) if x)),
        ("Holder", " ".join(x for x in (name, s.get("nationality")) if x)),
        ("Specimen", s.get("specimen") or ""),
    ]
    return [(k, str(v)) for k, v in rows if v]


def decision_line(case: Mapping[str, Any]) -> str:
    """The current decision in one line (after corrections, as the log computed it)."""
    d = case.get("decision")
    if not d:
        return "no decision recorded"
    note = f" ({d['note']})" if d.get("note") else ""
    return f"{d['decision'].upper()}{note}: {d.get('officer', '')}, {d.get('time', '')}"


def purge_line(case: Mapping[str, Any]) -> str:
    """Why a purged case shows no examination: the tombstone's time and author."""
    purge = next((e for e in case.get("entries") or [] if e.get("kind") == "purge"), None)
    who = f" on {purge.get('time', '')} by {purge.get('actor', '')}" if purge else ""
    return (
        f"The examination's personal data and images were purged{who} (retention period). "
        "The entries below remain as the log's record that the case existed."
    )


def decode_image(data: bytes) -> np.ndarray:
    """Stored bytes -> BGR pixels (whatever the format: the store keeps no file names)."""
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        raise InputError("a stored image cannot be decoded", code="IMAGE_CORRUPT")
    return img


def encode_image(img: np.ndarray, ext: str) -> bytes:
    """Pixels -> ``.png`` or ``.jpg`` (quality 85) bytes for embedding in a report."""
    ok, buf = cv2.imencode(ext, img, [cv2.IMWRITE_JPEG_QUALITY, 85] if ext == ".jpg" else [])
    if not ok:
        raise InputError(f"cannot encode an image as {ext}")
    return buf.tobytes()


# --- HTML ---------------------------------------------------------------------------------
def _data_uri(img: Mapping[str, Any], width: int) -> str:
    data, why = image_bytes(img)
    role = html.escape(str(img.get("role", "")))
    if data is None:
        return f'<div class="missing">{role}: {html.escape(why)}</div>'
    mime = next((m for magic, m in _MIME.items() if data.startswith(magic)), None)
    if mime is None:  # TIFF, BMP...: browsers cannot show them, so they are converted
        data, mime = encode_image(decode_image(data), ".png"), "image/png"
    b64 = base64.b64encode(data).decode("ascii")
    return f'<img src="data:{mime};base64,{b64}" width="{width}" alt="{role}" title="{role}">'


def case_html(case: Mapping[str, Any], *, chain_head: str | None = None) -> str:
    """The case as one HTML document (every image inlined)."""
    e = html.escape
    head = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in header_rows(case))
    body = [f"<h1>Examination log: case {e(case['id'])}</h1><table>{head}</table>"]
    exam = case.get("examination")
    if case.get("purged") or exam is None:
        body.append(
            f'<p class="verdict" style="color:#666"><b>PURGED</b></p><p>{e(purge_line(case))}</p>'
        )
    else:
        colour = VERDICT_COLOUR.get(exam["verdict"], "#000")
        reasons = "".join(
            f"<li><b>{e(r['code'])}</b> {e(r.get('set') or '')} {e(r.get('feature') or '')}: "
            f"{e(r.get('message', ''))}<br><i>{e(r.get('message_ru', ''))}</i></li>"
            for r in exam.get("reasons", [])
        )
        body.append(
            f'<p class="verdict" style="color:{colour}"><b>{e(exam["verdict"].upper())}'
            f"</b></p><h2>Reasons</h2><ol>{reasons}</ol>"
            f"<p><b>Decision:</b> {e(decision_line(case))}</p>"
        )
        captures, evidence = groups(case)
        figs = "".join(
            f"<figure>{_data_uri(i, 420)}<figcaption>{e(i['role'])}</figcaption></figure>"
            for i in captures
        )
        body.append(f"<h2>Captured images</h2>{figs or '<p>none stored</p>'}")
        for name, side in sides(exam):
            body.append(_html_side(name, side, evidence))
    rows = "".join(
        f"<tr><td>{en['seq']}</td><td>{e(en['kind'])}</td><td>{e(en.get('time', ''))}</td>"
        f"<td>{e(en.get('actor', ''))}</td><td>{e(entry_summary(en))}</td>"
        f"<td><code>{e(en['hash'])}</code></td></tr>"
        for en in case.get("entries") or []
    )
    body.append(
        "<h2>Log entries</h2><table><tr><th>#</th><th>kind</th><th>time (UTC)</th>"
        f"<th>by</th><th>what</th><th>hash</th></tr>{rows}</table>"
    )
    seal = chain_head or chain_hash(case)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>docexam case {e(case["id"])}</title>
<style>body{{font-family:sans-serif;margin:2em}} td,th{{border:1px solid #ccc;padding:4px;
vertical-align:top;text-align:left}} table{{border-collapse:collapse}} .verdict{{font-size:2em}}
figure{{display:inline-block;margin:4px}} .missing{{color:#b3261e}} code{{font-size:.8em}}
</style></head><body>{"".join(body)}
<footer><hr>Chain hash (newest entry of this case): <code>{e(seal)}</code></footer>
</body></html>"""


def _html_side(name: str, side: Mapping[str, Any], evidence: dict) -> str:
    e = html.escape
    spec = side.get("specimen") or {}
    mrz = "<br>".join(e(x) for x in (side.get("mrz") or {}).get("lines", []))
    rows = []
    for f in side.get("features", []):
        ev = evidence.get(evidence_key(name, f["id"]), {})
        imgs = "".join(_data_uri(ev[k], 150) for k in EVIDENCE_ORDER if k in ev)
        score = "" if f.get("score") is None else f"{f['score']:.3f}"
        thr = "" if f.get("threshold") is None else f"{f['threshold']:g}"
        rows.append(
            f"<tr><td>{e(f['id'])}</td><td>{e(f.get('type', ''))}</td>"
            f'<td>{e(f.get("light") or "")}</td><td style="color:'
            f'{STATUS_COLOUR.get(f["status"], "#000")}"><b>{e(f["status"])}</b></td>'
            f"<td>{score}</td><td>{thr}</td><td>{e(f.get('code') or '')}</td>"
            f"<td>{e(f.get('message', ''))}<br><i>{e(f.get('message_ru', ''))}</i></td>"
            f"<td>{imgs}</td></tr>"
        )
    title = f"Side {e(name)}: {e(side['verdict'].upper())}" if name else "Checks"
    return (
        f"<h2>{title}</h2><p>Specimen: {e(spec.get('id') or 'none')} "
        f"{e(spec.get('side') or '')}</p><p>MRZ:<br><code>{mrz or 'none read'}</code></p>"
        "<table><tr><th>feature</th><th>type</th><th>light</th><th>status</th><th>score"
        "</th><th>threshold</th><th>code</th><th>message</th><th>evidence (questioned, "
        f"reference, difference)</th></tr>{''.join(rows)}</table>"
    )


def write_case_report(case: Mapping[str, Any], out: Path, *, chain_head: str | None = None) -> Path:
    """Write ``out`` as HTML or PDF, chosen by its suffix; returns ``out``.

    The PDF module is imported only for a PDF: an HTML report needs neither reportlab nor
    the font.
    """
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        data = case_html(case, chain_head=chain_head).encode("utf-8")
    elif suffix == ".pdf":
        from docexam.examlog.case_report_pdf import case_pdf

        data = case_pdf(case, chain_head=chain_head)
    else:
        raise InputError(f"{out}: the report file must end in .pdf or .html")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
    return out
