"""A small multilayer perceptron in numpy: inference for the reader, training for train.py.

numpy rather than cv2.ml (gone from OpenCV 5 wheels) or a deep-learning framework (a
large dependency for a 37-class problem on 560 pixels). Inference is two matrix products.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from docexam.errors import ModelError


@dataclass(frozen=True)
class Mlp:
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    mean: np.ndarray
    alphabet: str

    def logits(self, x: np.ndarray) -> np.ndarray:
        # One BLAS thread: for matrices this small, threads only wait for each other, and
        # on a busy two-core machine a threaded product was measured 10x slower.
        with _blas().limit(limits=1, user_api="blas"):
            h = (np.asarray(x, np.float32) - self.mean) @ self.w1 + self.b1
            np.maximum(h, 0.0, out=h)
            return h @ self.w2 + self.b2

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        z = self.logits(x)
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            w1=self.w1.astype(np.float16),
            b1=self.b1.astype(np.float32),
            w2=self.w2.astype(np.float16),
            b2=self.b2.astype(np.float32),
            mean=self.mean.astype(np.float32),
            alphabet=np.array(self.alphabet),
        )

    @classmethod
    def load(cls, path: Path) -> Mlp:
        try:
            with np.load(path, allow_pickle=False) as z:
                return cls(
                    w1=z["w1"].astype(np.float32),
                    b1=z["b1"].astype(np.float32),
                    w2=z["w2"].astype(np.float32),
                    b2=z["b2"].astype(np.float32),
                    mean=z["mean"].astype(np.float32),
                    alphabet=str(z["alphabet"]),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot load the OCR-B model {path}: {exc}") from exc


@functools.cache
def _blas() -> ThreadpoolController:
    """The process's BLAS libraries (found once; a handle, not application state)."""
    return ThreadpoolController()


def train_mlp(
    x: np.ndarray,
    y: np.ndarray,
    *,
    alphabet: str,
    hidden: int = 256,
    epochs: int = 12,
    batch: int = 256,
    lr: float = 2e-3,
    seed: int = 0,
    log=print,
) -> Mlp:
    """Adam on softmax cross-entropy with a step-decayed learning rate."""
    rng = np.random.default_rng(seed)
    x = np.asarray(x, np.float32)
    n, d = x.shape
    k = len(alphabet)
    mean = x.mean(axis=0)
    params = {
        "w1": (rng.standard_normal((d, hidden)) * np.sqrt(2.0 / d)).astype(np.float32),
        "b1": np.zeros(hidden, np.float32),
        "w2": (rng.standard_normal((hidden, k)) * np.sqrt(1.0 / hidden)).astype(np.float32),
        "b2": np.zeros(k, np.float32),
    }
    m = {key: np.zeros_like(v) for key, v in params.items()}
    v2 = {key: np.zeros_like(v) for key, v in params.items()}
    step = 0
    for epoch in range(epochs):
        rate = lr * (0.5 ** (epoch // 4))
        order = rng.permutation(n)
        loss_sum = 0.0
        correct = 0
        for start in range(0, n, batch):
            idx = order[start : start + batch]
            xb = x[idx] - mean
            yb = y[idx]
            h_pre = xb @ params["w1"] + params["b1"]
            h = np.maximum(h_pre, 0.0)
            z = h @ params["w2"] + params["b2"]
            z -= z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            rows = np.arange(idx.size)
            loss_sum += float(-np.log(p[rows, yb] + 1e-9).sum())
            correct += int((p.argmax(axis=1) == yb).sum())
            g = p
            g[rows, yb] -= 1.0
            g /= idx.size
            grads = {"w2": h.T @ g, "b2": g.sum(axis=0)}
            gh = (g @ params["w2"].T) * (h_pre > 0)
            grads["w1"] = xb.T @ gh + 1e-5 * params["w1"]
            grads["b1"] = gh.sum(axis=0)
            step += 1
            for key in params:
                m[key] = 0.9 * m[key] + 0.1 * grads[key]
                v2[key] = 0.999 * v2[key] + 0.001 * grads[key] ** 2
                mh = m[key] / (1 - 0.9**step)
                vh = v2[key] / (1 - 0.999**step)
                params[key] -= (rate * mh / (np.sqrt(vh) + 1e-8)).astype(np.float32)
        log(f"epoch {epoch + 1}/{epochs}: loss {loss_sum / n:.4f}, train acc {correct / n:.4%}")
    return Mlp(mean=mean, alphabet=alphabet, **params)
