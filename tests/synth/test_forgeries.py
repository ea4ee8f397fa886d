"""Each forgery is different from the genuine document where its label says, and nowhere else.

Genuine and forged documents are rendered from the same seed, so every pixel difference is
the forgery's. For each (specimen, forgery):
- every changed pixel (any light) lies inside the zones of the features the label names
  (plus 1 mm for antialiasing);
- every labelled image feature shows a real change inside its zones under some light;
- labelled data features hold as data: the MRZ no longer validates (mrz_integrity), or the
  printed data no longer agree with the MRZ (data_consistency);
- the labels are features of the specimen, of the types the catalogue entry declares.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
import pytest

from docexam.mrz.parse import parse_mrz
from docexam.synth import forgeries
from docexam.synth.designs import DESIGNS, OTHER_SERIES, design
from docexam.synth.document import genuine_plan, render_plan
from docexam.synth.studio import make_document

K = 4.0  # px per mm: fast, still resolves 0.25 mm
SEED = 4242
TODAY = dt.date(2026, 11, 28)
CHANGED = 10  # grey levels: what counts as a changed pixel
DATA_TYPES = {"mrz_integrity", "data_consistency"}
NO_IMAGE = {"watermark"}  # needs transmitted light, which no rendered light shows

CASES = [
    (sid, fid)
    for sid in DESIGNS
    for fid in forgeries.applicable(design(sid), design(OTHER_SERIES[sid]))
]


@lru_cache(maxsize=8)
def _genuine(sid: str):
    return make_document(sid, seed=SEED, px_per_mm=K)


def _zone_mask(shape, zones, k, pad_mm=1.0):
    m = np.zeros(shape, bool)
    for x, y, w, h in zones:
        x0, y0 = max(0, int((x - pad_mm) * k)), max(0, int((y - pad_mm) * k))
        x1, y1 = int(np.ceil((x + w + pad_mm) * k)), int(np.ceil((y + h + pad_mm) * k))
        m[y0:y1, x0:x1] = True
    return m


def _diff(a, b):
    d = np.abs(a.astype(np.int16) - b.astype(np.int16))
    return d.max(-1) if d.ndim == 3 else d


def test_every_specimen_has_most_forgeries():
    for sid in DESIGNS:
        ok = forgeries.applicable(design(sid), design(OTHER_SERIES[sid]))
        assert len(ok) >= 10, (sid, ok)
    assert len(forgeries.CATALOGUE) >= 12
    assert {"photo_substitution", "series_mix", "counterfeit_reprint"} <= set(forgeries.IDS)


@pytest.mark.parametrize(("sid", "fid"), CASES)
def test_forgery_changes_exactly_what_its_label_says(sid, fid):
    genuine = _genuine(sid)
    forged = make_document(sid, seed=SEED, forgery=fid, px_per_mm=K)
    d = design(sid)
    labels = forged.plan.affected
    assert labels, "a forgery must break something"
    by_id = {f.id: f for f in d.features()}
    assert set(labels) <= set(by_id), set(labels) - set(by_id)
    entry = forgeries.forgery(fid)
    assert {by_id[i].type for i in labels} <= set(entry.breaks)

    for page in d.pages:
        g, f = genuine.images[page.side], forged.images[page.side]
        shape = g["white"].shape[:2]
        mine = [x for x in page.features if x.id in labels]
        allowed = _zone_mask(shape, [z for x in mine for z in x.zones], K)
        for light in g:
            changed = _diff(g[light], f[light]) > CHANGED
            stray = changed & ~allowed
            assert stray.sum() <= 2, f"{page.side}/{light}: {int(stray.sum())} px changed outside"
        for feat in mine:
            if feat.type in DATA_TYPES or feat.type in NO_IMAGE:
                continue
            inside = _zone_mask(shape, feat.zones, K, pad_mm=0.0)
            frac = max((((_diff(g[lt], f[lt]) > CHANGED) & inside).sum() / inside.sum())
                       for lt in g)  # fmt: skip
            assert frac > 0.002, f"{feat.id}: only {frac:.4%} of its zone changed"

    types = {by_id[i].type for i in labels}
    if "mrz_integrity" in types:
        assert not parse_mrz(list(forged.plan.mrz), today=TODAY).valid
        assert parse_mrz(list(genuine.plan.mrz), today=TODAY).valid
    if "data_consistency" in types:
        assert _viz_disagrees(forged), "labelled data_consistency but VIZ agrees with MRZ"
        assert not _viz_disagrees(genuine)


def _viz_disagrees(doc) -> bool:
    fields = parse_mrz(list(doc.plan.mrz), today=TODAY).fields
    pairs = {"birth": fields.birth_date, "expiry": fields.expiry_date, "until": fields.expiry_date}
    for pp in doc.plan.pages:
        for fid, mrz_date in pairs.items():
            printed = pp.ctx.viz.get(fid)
            if printed and mrz_date:
                printed_iso = dt.datetime.strptime(printed, "%d.%m.%Y").date().isoformat()
                if printed_iso != mrz_date:
                    return True
    # a spliced page moves the fields: the manifest zones no longer hold them
    return doc.plan.forgery == "series_mix"


def test_forgeries_are_reproducible():
    a = make_document("uto-passport-2015", seed=7, forgery="photo_substitution", px_per_mm=K)
    b = make_document("uto-passport-2015", seed=7, forgery="photo_substitution", px_per_mm=K)
    c = make_document("uto-passport-2015", seed=8, forgery="photo_substitution", px_per_mm=K)
    for light, img in a.images["data_page"].items():
        assert np.array_equal(img, b.images["data_page"][light])
    assert not np.array_equal(a.images["data_page"]["white"], c.images["data_page"]["white"])
    assert a.truth() == b.truth()


def test_not_applicable_is_reported():
    plan = genuine_plan(design("uto-visa-2018"), seed=1, px_per_mm=K)
    with pytest.raises(forgeries.NotApplicable, match="ghost"):
        forgeries.apply_forgery(plan, "ghost_image_mismatch", design("uto-passport-2015"))
    with pytest.raises(ValueError, match="forgery must be one of"):
        forgeries.forgery("nonsense")


def test_genuine_documents_are_valid_and_consistent():
    for sid in DESIGNS:
        doc = render_plan(genuine_plan(design(sid), seed=11, px_per_mm=K))
        assert parse_mrz(list(doc.plan.mrz), today=TODAY).valid
        assert not _viz_disagrees(doc)
        assert doc.plan.holder.issuing_state == "UTO"
