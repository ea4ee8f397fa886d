"""Finding the page in a capture, cutting it out upright, and judging the capture.

The studio gives exact truth: ``Capture.page_quad()`` are the page's outer corners in the
capture (TL, TR, BR, BL of the page itself) and the flat render is what an ideal
normalisation returns. Documents are rendered at 8 px/mm (fast; the capture still has its
real frame size and resolution) with the studio's seed conventions (document seed s,
capture seed 10 s + page index, as ``write_document`` does).
"""

from __future__ import annotations

import time
from functools import cache

import cv2
import numpy as np
import pytest

from docexam.examine.page import (
    DEFAULT_ASPECTS,
    PageQuad,
    find_page,
    measure_quality,
    normalise,
    page_corners,
    page_homography,
)
from docexam.examine.quality import glare_mask, sharpness
from docexam.synth import clutter
from docexam.synth.capture import Capture, simulate_capture
from docexam.synth.studio import make_document

K = 8.0
SPECIMENS = {
    "uto-passport-2015": ((125.0, 88.0), ("data_page",)),
    "uto-passport-2021": ((125.0, 88.0), ("data_page",)),
    "uto-id-2019": ((85.6, 54.0), ("front", "back")),
    "uto-visa-2018": ((120.0, 80.0), ("front",)),
}
CASES = [(sid, side) for sid, (_, sides) in SPECIMENS.items() for side in sides]
SEEDS = {"scan": (0, 1, 2, 3), "camera": (0, 1, 2, 3), "phone": (0, 1, 2, 3, 4, 5)}
# Required share of (specimen, side, seed) cases found within the corner tolerance. Measured
# on seeds 0-29 when this was written: scan 95 % (the ID card 87 %: a white card on a white
# lid), camera 100 %, phone 87 % (passports 93 %, the visa 97 %, the ID card 77 %: a card on
# a sheet of paper of the same tone); seeds 0-5 happen to be hard ones for the card.
MIN_RATE = {"scan": 0.9, "camera": 0.95, "phone": 0.7}
TOL = {"scan": 0.01, "camera": 0.01, "phone": 0.02}  # of the page diagonal


@cache
def document(sid: str, seed: int) -> dict[str, dict[str, np.ndarray]]:
    return {
        side: dict(imgs) for side, imgs in make_document(sid, seed=seed, px_per_mm=K).images.items()
    }


@cache
def capture(
    sid: str, side: str, mode: str, seed: int, lights: tuple[str, ...] = ("white",)
) -> Capture:
    pages = document(sid, seed)[side]
    index = SPECIMENS[sid][1].index(side)
    return simulate_capture({lt: pages[lt] for lt in lights}, px_per_mm=K, mode=mode,
                            seed=seed * 10 + index)  # fmt: skip


def corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    """Largest corner distance, corners matched as a set (any cyclic order, either way)."""
    best = np.inf
    for f in (found, found[::-1]):
        for s in range(4):
            best = min(best, float(np.linalg.norm(np.roll(f, s, 0) - truth, axis=1).max()))
    return best


def rotation_for(quad: PageQuad, truth: np.ndarray, size_mm: tuple[float, float]) -> int:
    """The ``rotation`` that makes ``normalise`` put the document's own top-left first."""
    top_left = quad.corners[np.argmin(np.linalg.norm(quad.corners - truth[0], axis=1))]
    for rot in (0, 180, 90, 270):
        if np.array_equal(page_corners(quad, size_mm=size_mm, rotation=rot)[0], top_left):
            return rot
    raise AssertionError("no rotation puts the true top-left first")


def ncc(a: np.ndarray, b: np.ndarray) -> float:
    a = cv2.cvtColor(a, cv2.COLOR_BGR2GRAY).astype(np.float64) if a.ndim == 3 else a.astype(float)
    b = cv2.cvtColor(b, cv2.COLOR_BGR2GRAY).astype(np.float64) if b.ndim == 3 else b.astype(float)
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


# --- finding the page --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["scan", "camera", "phone"])
def test_find_page_matches_the_truth_on_studio_captures(mode):
    errors = {}
    seeds = SEEDS[mode]
    for sid, side in CASES:
        for seed in seeds:
            cap = capture(sid, side, mode, seed)
            truth = cap.page_quad()
            found = find_page(cap.images["white"])
            diag = float(np.linalg.norm(truth[0] - truth[2]))
            errors[sid, side, seed] = (
                np.inf if found is None else corner_error(found.corners, truth) / diag
            )
            if found is not None:
                assert not found.full_frame
                assert 0.0 <= found.score <= 1.0
    ok = {k: e <= TOL[mode] for k, e in errors.items()}
    rate = np.mean(list(ok.values()))
    assert rate >= MIN_RATE[mode], {k: round(e, 4) for k, e in errors.items() if not ok[k]}
    for sid, side in CASES:  # every specimen is found, in half its captures but phones
        need = 1 if mode == "phone" else len(seeds) // 2
        assert sum(ok[sid, side, s] for s in seeds) >= need, (sid, side, mode)
    assert np.median(list(errors.values())) < TOL[mode] / 4  # and found precisely


def test_corners_are_image_ordered_and_sub_pixel():
    cap = capture("uto-passport-2021", "data_page", "camera", 0)
    found = find_page(cap.images["white"])
    assert found is not None
    c = found.corners
    assert c.shape == (4, 2) and c.dtype == np.float64
    assert int(np.argmin(c.sum(1))) == 0  # starts nearest the image's top-left
    x, y = c[:, 0], c[:, 1]
    assert (x * np.roll(y, -1) - np.roll(x, -1) * y).sum() > 0  # clockwise on screen
    assert corner_error(c, cap.page_quad()) < 1.0  # pixels, in a ~2000 px frame
    assert found.aspect == pytest.approx(125 / 88, rel=0.03)


def test_upside_down_phone_photo():
    # Seeds whose phone pose is turned by 165-195 degrees (the studio's "upside down").
    for seed in range(40):
        cap = capture("uto-passport-2015", "data_page", "phone", seed)
        if abs(cap.params["rotation_deg"]) > 90:
            break
    else:
        pytest.skip("no upside-down pose among the seeds")
    found = find_page(cap.images["white"])
    truth = cap.page_quad()
    assert found is not None
    assert corner_error(found.corners, truth) / np.linalg.norm(truth[0] - truth[2]) < 0.02
    # The document's own top-left is not the image's: normalise needs rotation 180.
    assert rotation_for(found, truth, (125.0, 88.0)) == 180


def test_flat_page_is_the_full_frame():
    for sid, side in CASES:
        img = document(sid, 1)[side]["white"]
        found = find_page(img)
        assert found is not None and found.full_frame, (sid, side)
        h, w = img.shape[:2]
        assert np.allclose(found.corners, [[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5],
                                           [-0.5, h - 0.5]])  # fmt: skip


def _desk(seed: int) -> np.ndarray:
    rng = np.random.default_rng([77, seed])
    w = int(rng.uniform(2000, 3000))
    img, _ = clutter.desk(rng, w, int(w * 0.75))
    clutter.scatter(img, rng, float(rng.uniform(6, 12)), int(rng.integers(2, 7)))
    _, buf = cv2.imencode(
        ".jpg", cv2.GaussianBlur(img, (0, 0), 0.8), [cv2.IMWRITE_JPEG_QUALITY, 80]
    )
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


def test_no_page_in_blank_noise_or_desk_images():
    rng = np.random.default_rng(3)
    images = {
        "white": np.full((1200, 1600, 3), 240, np.uint8),
        "black": np.zeros((900, 1200, 3), np.uint8),
        "uniform noise": rng.integers(0, 256, (1000, 1500, 3), dtype=np.uint8),
        "grey noise": np.clip(rng.normal(128, 30, (1000, 1420, 3)), 0, 255).astype(np.uint8),
        "empty scanner": np.clip(rng.normal(240, 2, (1800, 2400, 3)), 0, 255).astype(np.uint8),
    }
    for seed in range(6):
        images[f"desk {seed}"] = _desk(seed)
    for name, img in images.items():
        assert find_page(img) is None, name


def test_find_page_is_fast_on_a_phone_photo():
    cap = capture("uto-visa-2018", "front", "phone", 1)
    img = cap.images["white"]
    find_page(img)
    best = np.inf
    for _ in range(3):
        t = time.perf_counter()
        find_page(img)
        best = min(best, time.perf_counter() - t)
    assert best < 0.25  # 60 ms budget on one core; generous for loaded CI machines


def test_find_page_checks_its_arguments_and_keeps_the_input():
    img = document("uto-id-2019", 0)["front"]["white"].copy()
    before = img.copy()
    find_page(img)
    assert np.array_equal(img, before)
    with pytest.raises(ValueError, match="white"):
        find_page(img.astype(np.float32))
    with pytest.raises(ValueError, match="white"):
        find_page(np.zeros((10, 10, 4), np.uint8))
    with pytest.raises(ValueError, match="expected_aspects"):
        find_page(img, expected_aspects=[1.5, -1.0])
    with pytest.raises(ValueError, match="expected_aspects"):
        find_page(img, expected_aspects=["wide"])
    find_page(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY))  # accepted (without colour cues)
    assert min(DEFAULT_ASPECTS) > 1.4 and max(DEFAULT_ASPECTS) < 1.6


# --- normalising -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["scan", "camera"])
def test_normalise_reproduces_the_flat_page(mode):
    sid, side, seed = "uto-passport-2021", "data_page", 2
    size_mm = SPECIMENS[sid][0]
    cap = capture(sid, side, mode, seed, ("white", "uv365", "ir870"))
    found = find_page(cap.images["white"])
    assert found is not None
    rot = rotation_for(found, cap.page_quad(), size_mm)
    page = normalise(cap.images, found, size_mm=size_mm, px_per_mm=K, rotation=rot)
    flat = document(sid, seed)[side]
    for light in ("white", "uv365", "ir870"):
        got = page.images[light]
        assert got.shape[:2] == flat["white"].shape[:2]
        assert got.ndim == (2 if light == "ir870" else 3)
        ref = flat[light]
        if ref.ndim != got.ndim:  # the studio may render infrared in three channels
            ref = cv2.cvtColor(ref, cv2.COLOR_BGR2GRAY)
        # UV is dim, vignetted and speckled by design; white and IR must match closely.
        assert ncc(got, ref) > (0.6 if light == "uv365" else 0.9), light
        assert page.valid[light].all()
    assert page.glare.sum() == 0
    assert page.size_mm == size_mm and page.px_per_mm == K
    # The homography is page -> capture: the page's outer corners land on the quad.
    h, w = flat["white"].shape[:2]
    edges = np.array([[[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]]])
    mapped = cv2.perspectiveTransform(edges, page.homography)[0]
    assert corner_error(mapped, found.corners) < 1e-6
    truth = cap.page_quad()
    assert corner_error(mapped, truth) < 0.01 * np.linalg.norm(truth[0] - truth[2])


def test_normalise_phone_photo_is_close_to_the_flat_page():
    sid, side, seed = "uto-visa-2018", "front", 1
    cap = capture(sid, side, "phone", seed)
    found = find_page(cap.images["white"])
    assert found is not None
    rot = rotation_for(found, cap.page_quad(), SPECIMENS[sid][0])
    page = normalise(cap.images, found, size_mm=SPECIMENS[sid][0], px_per_mm=K, rotation=rot)
    assert ncc(page.images["white"], document(sid, seed)[side]["white"]) > 0.75


def _quad(corners) -> PageQuad:
    c = np.asarray(corners, np.float64)
    return PageQuad(c, 1.0, 1.0, False)


def test_rotation_convention():
    land = _quad([[10, 20], [310, 20], [310, 220], [10, 220]])  # landscape as seen
    port = _quad([[10, 20], [210, 20], [210, 320], [10, 320]])  # portrait as seen
    size = (120.0, 80.0)
    c = land.corners
    assert np.array_equal(page_corners(land, size_mm=size), c)
    assert np.array_equal(page_corners(land, size_mm=size, rotation=180), np.roll(c, -2, 0))
    assert np.array_equal(page_corners(land, size_mm=size, rotation=90), np.roll(c, -3, 0))
    # A portrait quad for a landscape page is turned a quarter clockwise first: its left
    # side (corners[3] -> corners[0]) becomes the top.
    p = port.corners
    assert np.array_equal(page_corners(port, size_mm=size), np.roll(p, -3, 0))
    assert np.array_equal(page_corners(port, size_mm=size, rotation=180), np.roll(p, -1, 0))
    _, (w, h) = page_homography(port, size_mm=size, px_per_mm=2.0)
    assert (w, h) == (240, 160)
    _, (w, h) = page_homography(land, size_mm=size, px_per_mm=2.0, rotation=90)
    assert (w, h) == (160, 240)  # a quarter turn swaps width and height


def test_normalise_rotation_turns_the_page():
    img = document("uto-visa-2018", 0)["front"]
    quad = find_page(img["white"])
    assert quad is not None and quad.full_frame
    size = (120.0, 80.0)
    up = normalise(img, quad, size_mm=size, px_per_mm=K)
    down = normalise(img, quad, size_mm=size, px_per_mm=K, rotation=180)
    side = normalise(img, quad, size_mm=size, px_per_mm=K, rotation=90)
    assert ncc(up.images["white"], img["white"]) > 0.99
    assert ncc(down.images["white"], img["white"][::-1, ::-1]) > 0.99
    assert side.size_mm == (80.0, 120.0)
    assert ncc(side.images["white"], np.rot90(img["white"], -1)) > 0.99  # clockwise


def test_valid_mask_marks_pixels_outside_the_capture():
    img = document("uto-id-2019", 0)["front"]["white"]
    h, w = img.shape[:2]
    # The page's right third lies beyond the frame's right edge.
    quad = _quad([[-0.5, -0.5], [1.5 * w - 0.5, -0.5], [1.5 * w - 0.5, h - 0.5], [-0.5, h - 0.5]])
    page = normalise({"white": img}, quad, size_mm=(85.6, 54.0), px_per_mm=4.0)
    v = page.valid["white"]
    pw = v.shape[1]
    assert v[:, : int(0.6 * pw)].all() and not v[:, int(0.7 * pw) :].any()
    assert not page.images["white"][:, int(0.7 * pw) :].any()


def test_normalise_checks_its_arguments_and_keeps_the_inputs():
    imgs = {lt: im.copy() for lt, im in document("uto-id-2019", 0)["back"].items()}
    before = {lt: im.copy() for lt, im in imgs.items()}
    quad = find_page(imgs["white"])
    assert quad is not None
    corners = quad.corners.copy()
    normalise(imgs, quad, size_mm=(85.6, 54.0), px_per_mm=K)
    assert all(np.array_equal(imgs[lt], before[lt]) for lt in imgs)
    assert np.array_equal(quad.corners, corners)
    kw = {"size_mm": (85.6, 54.0), "px_per_mm": K}
    with pytest.raises(ValueError, match="rotation"):
        normalise(imgs, quad, **kw, rotation=45)
    with pytest.raises(ValueError, match="px_per_mm"):
        normalise(imgs, quad, size_mm=(85.6, 54.0), px_per_mm=0)
    with pytest.raises(ValueError, match="size_mm"):
        normalise(imgs, quad, size_mm=(85.6, -1), px_per_mm=K)
    with pytest.raises(ValueError, match="images"):
        normalise({}, quad, **kw)
    with pytest.raises(ValueError, match="images"):
        normalise({"white": imgs["white"], "ir870": imgs["ir870"][:10]}, quad, **kw)
    with pytest.raises(ValueError, match="quad"):
        normalise(imgs, "corners", **kw)  # type: ignore[arg-type]


# --- quality -----------------------------------------------------------------------------


def _full(img: np.ndarray) -> PageQuad:
    h, w = img.shape[:2]
    return _quad([[-0.5, -0.5], [w - 0.5, -0.5], [w - 0.5, h - 0.5], [-0.5, h - 0.5]])


def test_quality_of_a_sharp_flat_page():
    for sid, side in CASES:
        img = document(sid, 0)[side]
        page = normalise(img, _full(img["white"]), size_mm=SPECIMENS[sid][0], px_per_mm=K)
        q = page.quality
        assert q.sharpness > 0.9, (sid, side)
        assert q.glare == 0 and not page.glare.any()
        assert q.px_per_mm == pytest.approx(K, rel=0.01)
        assert q.problems == () and q.judgeable


def test_quality_of_studio_captures_is_judgeable():
    for mode in ("scan", "camera"):
        cap = capture("uto-passport-2015", "data_page", mode, 1)
        quad = _quad(cap.page_quad())
        q = measure_quality(cap.images, quad, size_mm=(125.0, 88.0), px_per_mm=K)
        assert q.sharpness > 0.8 and q.judgeable and q.problems == (), (mode, q)


def test_blurred_page_is_flagged():
    rng = np.random.default_rng(0)
    for sid, side in CASES:
        w = document(sid, 0)[side]["white"]
        blurred = cv2.GaussianBlur(w, (0, 0), 3.0).astype(np.float64)
        blurred = np.clip(blurred + rng.normal(0, 2, blurred.shape), 0, 255).astype(np.uint8)
        q = measure_quality({"white": blurred}, _full(blurred), size_mm=SPECIMENS[sid][0],
                            px_per_mm=K)  # fmt: skip
        assert q.sharpness < 0.3 and "CAPTURE_TOO_BLURRED" in q.problems, (sid, side)
        assert not q.judgeable
    assert sharpness(cv2.GaussianBlur(w, (0, 0), 1.0)) > sharpness(cv2.GaussianBlur(w, (0, 0), 2))


def test_tiny_page_is_flagged():
    w = document("uto-passport-2021", 0)["data_page"]["white"]
    small = cv2.resize(w, None, fx=3.0 / K, fy=3.0 / K, interpolation=cv2.INTER_AREA)
    q = measure_quality({"white": small}, _full(small), size_mm=(125.0, 88.0), px_per_mm=K)
    assert q.px_per_mm == pytest.approx(3.0, rel=0.02)
    assert "CAPTURE_TOO_SMALL" in q.problems and not q.judgeable


def test_phone_glare_is_found_in_white_light_only():
    found = 0
    for seed in range(12):
        cap = capture("uto-passport-2021", "data_page", "phone", seed, ("white", "uv365"))
        lw = cap.params["lights"]["white"]
        if lw["glare_strength"] < 0.5 or lw["gain"] > 0.95:
            continue  # a faint spot on bright paper is not lost information
        quad = _quad(cap.page_quad())
        page = normalise(cap.images, quad, size_mm=(125.0, 88.0), px_per_mm=K)
        assert page.quality.glare > 0, seed
        found += 1
        # The mask is a spot around where the studio put it.
        ys, xs = np.nonzero(page.glare)
        centre = cv2.perspectiveTransform(np.array([[lw["glare_centre"]]], np.float64),
                                          np.linalg.inv(page.homography))[0, 0]  # fmt: skip
        r = lw["glare_radius_px"] / np.sqrt(abs(np.linalg.det(page.homography[:2, :2]))) * 2
        assert np.hypot(xs.mean() - centre[0], ys.mean() - centre[1]) < max(r, 40)
        if found >= 2:
            break
    assert found >= 1


def test_glare_mask_ignores_white_paper_and_finds_a_saturated_spot():
    w = document("uto-id-2019", 0)["back"]["white"]
    assert not glare_mask(w, px_per_mm=K).any()
    spot = w.copy()
    cv2.circle(spot, (200, 200), 60, (255, 255, 255), -1)
    spot = cv2.GaussianBlur(spot, (0, 0), 2)
    g = glare_mask(spot, px_per_mm=K)
    assert g[200, 200] and g.mean() > 0.01 and not g[:, 500:].any()


def test_measure_quality_checks_its_arguments():
    w = document("uto-id-2019", 0)["back"]["white"]
    with pytest.raises(ValueError, match="quad"):
        measure_quality({"white": w}, "nowhere", size_mm=(85.6, 54.0), px_per_mm=K)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="px_per_mm"):
        measure_quality({"white": w}, _full(w), size_mm=(85.6, 54.0), px_per_mm=-1)
    with pytest.raises(ValueError, match="size_mm"):
        measure_quality({"white": w}, _full(w), size_mm=(85.6,), px_per_mm=K)  # type: ignore[arg-type]
