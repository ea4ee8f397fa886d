"""Multi-light capture simulation: one geometry for all lights, exact truth, stated ranges."""

from __future__ import annotations

import hashlib
import json
from functools import cache

import cv2
import numpy as np
import pytest

from docexam.synth.capture import CAPTURE_MODES, Capture, simulate_capture

K = 2.0  # page px per mm: a 100 x 70 mm page
PW, PH = 200, 140
DOT = (150.0, 40.0)  # page landmark (x, y), a gaussian bright spot
DOT_SIGMA = 2.0
CAMERA_MODES = ("scan", "camera", "phone")


def _dot(img: np.ndarray, peak: float) -> np.ndarray:
    """``img`` with a gaussian spot of ``peak`` added at DOT (exactly centred there)."""
    yy, xx = np.mgrid[0:PH, 0:PW].astype(np.float32)
    spot = peak * np.exp(-((xx - DOT[0]) ** 2 + (yy - DOT[1]) ** 2) / (2 * DOT_SIGMA**2))
    if img.ndim == 3:
        spot = spot[..., None]
    return np.clip(img.astype(np.float32) + spot, 0, 255).astype(np.uint8)


def make_pages() -> dict[str, np.ndarray]:
    """A small fictional page under three lights: paper with dark print, UV, IR."""
    # No narrow bright gaps between dark shapes: they would look like the spot to a blob filter.
    white = np.full((PH, PW, 3), (95, 100, 105), np.uint8)
    cv2.rectangle(white, (25, 20), (65, 85), (70, 50, 35), -1)  # photo
    cv2.rectangle(white, (95, 60), (130, 85), (60, 120, 150), -1)  # a printed colour patch
    cv2.rectangle(white, (70, 105), (190, 112), (20, 20, 20), -1)  # MRZ-like bar
    uv = np.full((PH, PW, 3), (55, 12, 35), np.uint8)
    cv2.rectangle(uv, (20, 90), (50, 120), (90, 150, 60), -1)  # a glowing emblem
    ir = np.full((PH, PW), 110, np.uint8)
    cv2.rectangle(ir, (70, 105), (190, 112), 20, -1)  # carbon ink stays dark in IR
    return {"white": _dot(white, 160), "uv365": _dot(uv, 200), "ir870": _dot(ir, 145)}


PAGES = make_pages()


@cache
def capture(mode: str, seed: int) -> Capture:
    return simulate_capture(PAGES, px_per_mm=K, mode=mode, seed=seed)


def _grey(img: np.ndarray) -> np.ndarray:
    return (img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)).astype(np.float32)


def _page_mask(c: Capture, shrink: float = 0.0) -> np.ndarray:
    """Pixels inside the page quad, optionally shrunk towards its centre by ``shrink``."""
    h, w = c.images["white"].shape[:2]
    q = c.page_quad()
    q = q + (q.mean(0) - q) * shrink
    m = np.zeros((h, w), np.uint8)
    cv2.fillConvexPoly(m, np.round(q).astype(np.int32), 1)
    return m.astype(bool)


def _locate_dot(c: Capture, light: str) -> np.ndarray:
    """Find the bright spot in the image without the homography.

    Coarse: the peak of a blob filter anywhere on the page, at a resolution where the spot is
    ~2.5 px wide (fast). Fine: at full resolution, the centroid of the spot above a plane
    fitted to the ring around it (so vignetting, ramps and glare do not pull it aside).
    """
    g = _grey(c.images[light])
    s = DOT_SIGMA * c.params["scale"]  # spot sigma in the capture
    f = max(1.0, s / 2.5)
    small = cv2.resize(g, None, fx=1 / f, fy=1 / f, interpolation=cv2.INTER_AREA)
    dog = cv2.GaussianBlur(small, (0, 0), s / f) - cv2.GaussianBlur(small, (0, 0), 4 * s / f)
    mask = cv2.resize(_page_mask(c, 0.15).astype(np.uint8), dog.shape[::-1],
                      interpolation=cv2.INTER_NEAREST)  # fmt: skip
    dog[mask == 0] = -np.inf
    y, x = np.unravel_index(int(np.argmax(dog)), dog.shape)
    x, y = (
        round((x + 0.5) * g.shape[1] / small.shape[1]),
        round((y + 0.5) * g.shape[0] / small.shape[0]),
    )
    rad = int(np.ceil(6 * s))
    crop = g[y - rad : y + rad + 1, x - rad : x + rad + 1]
    yy, xx = np.mgrid[-rad : rad + 1, -rad : rad + 1].astype(np.float32)
    d = np.hypot(xx, yy)
    ring = (d > 4 * s) & (d < 6 * s)
    a = np.c_[xx[ring], yy[ring], np.ones(int(ring.sum()))]
    cx, cy, c0 = np.linalg.lstsq(a, crop[ring], rcond=None)[0]
    w = np.clip(crop - (cx * xx + cy * yy + c0), 0, None) * (d < 3 * s)
    return np.array([(xx * w).sum() / w.sum() + x, (yy * w).sum() / w.sum() + y])


def _digest(c: Capture) -> str:
    h = hashlib.sha256()
    for light in sorted(c.encoded):
        ext, data = c.encoded[light]
        h.update(light.encode() + ext.encode() + data)
    return h.hexdigest()


@pytest.mark.parametrize("mode", CAPTURE_MODES)
def test_every_mode_returns_every_light_with_one_frame_size(mode: str) -> None:
    c = capture(mode, 1)
    assert c.mode == mode and set(c.images) == set(PAGES) == set(c.encoded)
    w, h = c.params["image_size"]
    for light, img in c.images.items():
        assert img.dtype == np.uint8 and img.shape[:2] == (h, w)
        assert img.ndim == (2 if light == "ir870" else 3)
        assert not img.flags.writeable
        assert c.encoded[light][0] in (".png", ".jpg")
    assert c.homography.shape == (3, 3)
    assert c.page_px_per_mm == K
    json.dumps(c.params)  # truth.json must be able to hold it
    assert set(c.params["lights"]) == set(PAGES)


def test_none_returns_the_pages_exactly() -> None:
    c = capture("none", 5)
    for light, page in PAGES.items():
        assert np.array_equal(c.images[light], page)
        assert c.encoded[light][0] == ".png"
    assert np.array_equal(c.homography, np.eye(3))
    assert np.allclose(c.page_quad(), [[-0.5, -0.5], [PW - 0.5, -0.5], [PW - 0.5, PH - 0.5],
                                       [-0.5, PH - 0.5]])  # fmt: skip


def test_infrared_page_given_in_colour_comes_back_grey() -> None:
    pages = {"white": PAGES["white"], "ir870": cv2.cvtColor(PAGES["ir870"], cv2.COLOR_GRAY2BGR)}
    c = simulate_capture(pages, px_per_mm=K, mode="none", seed=0)
    assert np.array_equal(c.images["ir870"], PAGES["ir870"])


@pytest.mark.parametrize("mode", CAPTURE_MODES[1:])
def test_same_seed_same_bytes_other_seed_other_bytes(mode: str) -> None:
    a = simulate_capture(PAGES, px_per_mm=K, mode=mode, seed=11)
    b = simulate_capture(PAGES, px_per_mm=K, mode=mode, seed=11)
    assert _digest(a) == _digest(b) and a.params == b.params
    assert np.array_equal(a.homography, b.homography)
    for light in PAGES:
        assert np.array_equal(a.images[light], b.images[light])
    other = capture(mode, 12)
    assert _digest(other) != _digest(a)
    assert not np.allclose(other.homography, a.homography)


def test_a_light_does_not_depend_on_which_other_lights_were_given() -> None:
    alone = simulate_capture({"ir870": PAGES["ir870"]}, px_per_mm=K, mode="phone", seed=3)
    assert alone.encoded["ir870"] == capture("phone", 3).encoded["ir870"]


# Phone seed 1 has motion blur, 7 and 11 are upside down (11 with motion blur too).
@pytest.mark.parametrize(
    ("mode", "seed"),
    [(m, s) for m in CAMERA_MODES for s in (1, 2, 3)] + [("phone", 7), ("phone", 11)],
)
def test_homography_maps_the_landmark_to_where_it_is_seen_under_every_light(
    mode: str, seed: int
) -> None:
    c = capture(mode, seed)
    expected = cv2.perspectiveTransform(np.array([[DOT]], np.float64), c.homography)[0, 0]
    found = {light: _locate_dot(c, light) for light in PAGES}
    for light, p in found.items():
        err = float(np.linalg.norm(p - expected))
        assert err < 2.0, f"{mode} seed {seed} {light}: landmark {err:.2f} px off"
    assert np.ptp(np.array(list(found.values())), axis=0).max() < 2.0


@pytest.mark.parametrize("mode", CAMERA_MODES)
def test_page_lies_inside_the_frame(mode: str) -> None:
    for seed in range(4):
        c = capture(mode, seed)
        w, h = c.params["image_size"]
        q = c.page_quad()
        assert (q >= 0).all() and (q[:, 0] <= w).all() and (q[:, 1] <= h).all()
        assert not np.allclose(q, [[0, 0], [w, 0], [w, h], [0, h]], atol=1)  # a real frame


def test_frame_sizes_follow_the_device() -> None:
    for seed in range(4):
        s = capture("scan", seed)
        q = s.page_quad()
        top = np.linalg.norm(q[1] - q[0])
        assert top == pytest.approx(PW * s.params["dpi"] / 25.4 / K, rel=1e-6)
        c = capture("camera", seed)
        sides = np.linalg.norm(c.page_quad() - np.roll(c.page_quad(), 1, 0), axis=1)
        assert 1500 < sides.max() < 2350
        p = capture("phone", seed)
        fw, fh = p.params["image_size"]
        assert 2000 <= max(fw, fh) <= 3000
        cover = np.ptp(p.page_quad()[:, 0]) / fw
        assert cover == pytest.approx(p.params["cover"], abs=0.002)
        assert 0.3 < cover <= 0.75


def test_scan_at_300_dpi_keeps_the_page_resolution() -> None:
    pages = {light: cv2.resize(img, None, fx=11.811 / K, fy=11.811 / K)
             for light, img in PAGES.items()}  # fmt: skip
    for seed in range(20):
        c = simulate_capture(pages, px_per_mm=11.811, mode="scan", seed=seed)
        if c.params["dpi"] == 300:
            assert c.params["scale"] == pytest.approx(1.0, abs=1e-3)
            return
    pytest.fail("no 300 dpi scan in 20 seeds (p=0.6 each)")


def test_glare_only_under_white_light() -> None:
    """A uniform page: the glare spot is a local bright bump in white, absent elsewhere."""
    flat = {"white": np.full((PH, PW, 3), 90, np.uint8),
            "uv365": np.full((PH, PW, 3), (60, 15, 40), np.uint8),
            "ir870": np.full((PH, PW), 90, np.uint8)}  # fmt: skip
    for seed in range(4):
        c = simulate_capture(flat, px_per_mm=K, mode="phone", seed=seed)
        lw = c.params["lights"]["white"]
        assert 0.3 <= lw["glare_strength"] <= 0.6
        assert "glare_strength" not in c.params["lights"]["uv365"]
        h, w = c.images["white"].shape[:2]
        yy, xx = np.mgrid[0:h, 0:w]
        d = np.hypot(xx - lw["glare_centre"][0], yy - lw["glare_centre"][1])
        rad = lw["glare_radius_px"]
        page = _page_mask(c, 0.05)
        core, ring = page & (d < rad / 3), page & (d > 1.5 * rad) & (d < 2.5 * rad)
        assert core.sum() > 50 and ring.sum() > 50
        bump = {lt: _grey(img)[core].mean() / _grey(img)[ring].mean()
                for lt, img in c.images.items()}  # fmt: skip
        assert bump["white"] > 1.3, bump
        assert bump["uv365"] < 1.1 and bump["ir870"] < 1.1, bump


def test_uv_and_ir_are_darker_and_noisier_than_white_on_the_phone() -> None:
    flat = {"white": np.full((PH, PW, 3), 150, np.uint8),
            "uv365": np.full((PH, PW, 3), 150, np.uint8),
            "ir870": np.full((PH, PW), 150, np.uint8)}  # fmt: skip
    c = simulate_capture(flat, px_per_mm=K, mode="phone", seed=4)
    page = _page_mask(c, 0.1)
    means = {lt: _grey(img)[page].mean() for lt, img in c.images.items()}
    assert means["uv365"] < means["white"] and means["ir870"] < means["white"]
    ln = {lt: c.params["lights"][lt]["noise_sigma"] for lt in flat}
    assert ln["uv365"] > ln["white"] and ln["ir870"] > ln["white"]


def test_encoded_bytes_decode_to_the_images() -> None:
    seen = set()
    for mode, seed in [("none", 0), ("camera", 0), ("phone", 0)] + [("scan", s) for s in range(8)]:
        c = capture(mode, seed)
        for light, (ext, data) in c.encoded.items():
            img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
            assert np.array_equal(img, c.images[light]), (mode, seed, light)
            fmt = c.params["lights"][light]["format"]
            assert ext == {"png": ".png", "jpeg": ".jpg"}[fmt]
            seen.add((mode, ext))
    assert {("scan", ".png"), ("scan", ".jpg"), ("none", ".png"), ("phone", ".jpg")} <= seen


def test_inputs_are_not_modified() -> None:
    pages = make_pages()
    before = {light: img.copy() for light, img in pages.items()}
    for mode in CAPTURE_MODES:
        c = simulate_capture(pages, px_per_mm=K, mode=mode, seed=2)
        assert all(not np.shares_memory(c.images[lt], pages[lt]) for lt in pages)
    for light, img in pages.items():
        assert np.array_equal(img, before[light]) and img.flags.writeable


@pytest.mark.parametrize(
    ("pages", "kwargs", "word"),
    [
        (PAGES, {"mode": "fax"}, "mode"),
        ({"white": PAGES["white"], "ir870": PAGES["ir870"][:-1]}, {}, "same height"),
        ({"white": PAGES["white"], "uv400": PAGES["uv365"]}, {}, "unknown light"),
        ({"white": PAGES["ir870"]}, {}, "BGR"),
        ({"white": PAGES["white"].astype(np.float32)}, {}, "uint8"),
        ({}, {}, "non-empty"),
        (PAGES, {"seed": -1}, "seed"),
        (PAGES, {"px_per_mm": 0}, "px_per_mm"),
    ],
)
def test_bad_arguments_raise_value_error_naming_them(pages, kwargs, word) -> None:
    args = {"px_per_mm": K, "mode": "scan", "seed": 0, **kwargs}
    with pytest.raises(ValueError, match=word):
        simulate_capture(pages, **args)
