"""The OCR-B classifier pieces: cell geometry, the shipped model, and its training data."""

from __future__ import annotations

import numpy as np
import pytest

from docexam.errors import ModelError
from docexam.mrz.ocr.cells import ALPHABET, CELL_H, CELL_W, LineGrid, rectify_line, split_cells
from docexam.mrz.ocr.mlp import Mlp, train_mlp
from docexam.mrz.ocr.trainset import make_training_cells
from docexam.mrz.reader import MODEL_PATH, load_model


def test_rectify_line_shape_and_range() -> None:
    img = np.full((60, 400), 230, np.uint8)
    img[20:40, 10:390:20] = 20  # dark ticks
    grid = LineGrid(n=19, x0=20.0, pitch=20.0, y0=30.0, slope=0.0, char_height=20.0)
    strip = rectify_line(img, grid)
    assert strip.shape == (CELL_H, 19 * CELL_W)
    assert strip.dtype == np.float32
    assert strip.min() >= 0.0 and strip.max() <= 1.0
    assert split_cells(strip).shape == (19, CELL_H * CELL_W)


def test_rectify_line_rejects_a_degenerate_grid() -> None:
    img = np.zeros((10, 10), np.uint8)
    with pytest.raises(ValueError, match="grid"):
        rectify_line(img, LineGrid(n=0, x0=0, pitch=1, y0=0, slope=0, char_height=1))


def test_training_cells_are_deterministic() -> None:
    a = make_training_cells(3, seed=5)
    b = make_training_cells(3, seed=5)
    c = make_training_cells(3, seed=6)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    assert a[0].shape == (3 * 44, CELL_H * CELL_W)
    assert set(a[1].tolist()) <= set(range(len(ALPHABET)))


def test_shipped_model_reads_fresh_rendered_cells() -> None:
    # Cells from a seed the model was not trained on; clean enough lines should be read
    # almost perfectly. The full accuracy figure is printed by the training script.
    x, y = make_training_cells(40, seed=424242)
    acc = float((load_model().predict_proba(x).argmax(axis=1) == y).mean())
    assert acc > 0.9


def test_model_probabilities_are_distributions() -> None:
    x, _ = make_training_cells(2, seed=1)
    p = load_model().predict_proba(x)
    assert p.shape == (len(x), len(ALPHABET))
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-5)
    assert load_model(MODEL_PATH).alphabet == ALPHABET


def test_damaged_model_file_is_a_model_error(tmp_path) -> None:
    bad = tmp_path / "m.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match=r"m\.npz"):
        Mlp.load(bad)


def test_training_learns_a_separable_toy_problem(tmp_path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 8)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64)
    model = train_mlp(
        x, y, alphabet="AB", hidden=16, epochs=12, batch=16, lr=1e-2, log=lambda s: None
    )
    assert (model.predict_proba(x).argmax(axis=1) == y).mean() > 0.95
    path = tmp_path / "toy.npz"
    model.save(path)
    again = Mlp.load(path)
    assert again.alphabet == "AB"
    assert np.allclose(again.predict_proba(x), model.predict_proba(x), atol=1e-2)
