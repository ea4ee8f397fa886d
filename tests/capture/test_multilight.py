"""Multi-light capture sets from a studio document under white, UV and IR: a lamp rig the
officer switches by hand (a FrameSource whose lamp the prompt switches), a scanner (SANE's
test backend), and devices that deliver every light at once."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from docexam.capture.multilight import (
    from_device_set,
    guided_sequence,
    normalise_light,
    switch_prompt,
)
from docexam.capture.types import Frame, FrameSource
from docexam.errors import CaptureError, InputError
from docexam.imaging.load import load_image
from docexam.synth.studio import write_document


@pytest.fixture(scope="module")
def studio(tmp_path_factory) -> dict[str, Path]:
    """A passport data page as a scanner would capture it: light -> file."""
    out = tmp_path_factory.mktemp("studio")
    doc = write_document(out, "uto-passport-2021", seed=1_000_321, capture="scan")
    return {name.split(".")[1]: doc.folder / name for name in doc.files}


@pytest.fixture(scope="module")
def pixels(studio) -> dict[str, np.ndarray]:
    return {light: load_image(p).pixels for light, p in studio.items()}


class LampRig:
    """A camera over a document with a lamp the officer switches: a real FrameSource whose
    frames show the document under the lamp that is on. ``lag``: frames after a switch that
    still show the previous lamp (camera buffers, auto-exposure)."""

    def __init__(self, pixels: dict[str, np.ndarray], lag: int = 0) -> None:
        self.name = "lamp rig"
        self.pixels, self.lag = pixels, lag
        self.lamp, self.previous, self.since = "white", "white", 0
        self.index = 0
        self.closed = False

    def switch(self, light: str) -> None:
        self.previous, self.lamp, self.since = self.lamp, light, 0

    def read(self, timeout: float = 5.0) -> Frame | None:
        shown = self.previous if self.since < self.lag else self.lamp
        self.since += 1
        self.index += 1
        return Frame(self.pixels[shown], self.index - 1, time.monotonic(), self.name)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> LampRig:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def test_guided_sequence_prompts_for_each_lamp(pixels):
    rig = LampRig(pixels)
    assert isinstance(rig, FrameSource)
    asked = []

    def prompt(light):
        asked.append(switch_prompt(light))
        rig.switch(light)

    cs = guided_sequence(rig, prompt=prompt, name="desk")
    assert asked == ["Switch to white light and press Enter",
                     "Switch to UV 365 nm and press Enter",
                     "Switch to IR 870 nm and press Enter"]  # fmt: skip
    assert cs.name == "desk" and cs.lights == ("white", "uv365", "ir870") and not cs.problems
    assert np.array_equal(cs.images["uv365"], pixels["uv365"])
    assert cs.images["ir870"].ndim == 2  # from_images' rule: IR is grey
    assert np.array_equal(cs.images["ir870"], cv2.cvtColor(pixels["ir870"], cv2.COLOR_BGR2GRAY))


def test_frames_that_lag_behind_the_lamp_are_discarded(pixels):
    rig = LampRig(pixels, lag=2)
    cs = guided_sequence(rig, ("white", "uv"), prompt=rig.switch)
    assert np.array_equal(cs.images["uv365"], cs.images["white"])  # the old lamp's frame
    rig = LampRig(pixels, lag=2)
    cs = guided_sequence(rig, ("white", "uv"), prompt=rig.switch, discard=2)
    assert np.array_equal(cs.images["uv365"], pixels["uv365"])


def test_white_comes_first_and_is_required(pixels):
    rig = LampRig(pixels)
    order = []
    guided_sequence(rig, ("ir", "white"), prompt=lambda light: (order.append(light),
                                                               rig.switch(light)))  # fmt: skip
    assert order == ["white", "ir870"]
    with pytest.raises(InputError, match="white"):
        guided_sequence(rig, ("uv", "ir"), prompt=rig.switch)
    with pytest.raises(InputError, match="twice"):
        guided_sequence(rig, ("white", "uv", "uv365"), prompt=rig.switch)
    with pytest.raises(InputError, match="unknown light"):
        guided_sequence(rig, ("white", "x-ray"), prompt=rig.switch)


def test_a_callable_source_and_cancelling(pixels):
    shots = []

    def shoot(light):
        shots.append(light)
        return pixels[light]

    cs = guided_sequence(shoot, ("white", "ir870"), prompt=lambda _l: None)
    assert shots == ["white", "ir870"] and cs.lights == ("white", "ir870")

    def officer_cancels(light):
        if light == "uv365":
            raise CaptureError("the officer cancelled", code="CANCELLED")

    with pytest.raises(CaptureError) as ei:
        guided_sequence(shoot, prompt=officer_cancels)
    assert ei.value.code == "CANCELLED"
    cancel = threading.Event()
    with pytest.raises(CaptureError) as ei:
        guided_sequence(shoot, prompt=lambda _l: cancel.set(), cancel=cancel)
    assert ei.value.code == "CANCELLED"


def test_a_source_that_ends_is_device_lost(pixels):
    with pytest.raises(CaptureError) as ei:
        guided_sequence(lambda light: None if light == "ir870" else pixels[light],
                        prompt=lambda _l: None)  # fmt: skip
    assert ei.value.code == "DEVICE_LOST" and "ir870" in ei.value.message


@pytest.mark.skipif(shutil.which("scanimage") is None, reason="scanimage is not installed")
def test_guided_sequence_with_a_sane_scanner(tmp_path, monkeypatch):
    from docexam.capture.sane import ScannerSource

    (tmp_path / "dll.conf").write_text("test\n")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(tmp_path))
    with ScannerSource("test:0", resolution=50, mode="Color", timeout=30,
                       options=("--test-picture=Color pattern",)) as scanner:  # fmt: skip
        cs = guided_sequence(scanner, prompt=lambda _l: None, name="flatbed")
    assert cs.lights == ("white", "uv365", "ir870") and not cs.problems
    assert cs.images["white"].shape[:2] == cs.images["ir870"].shape


def test_from_device_set_mapping_paths_and_frames(studio, pixels):
    cs = from_device_set({"white": studio["white"], "UV": str(studio["uv365"]),
                          "ir": Frame(pixels["ir870"], 0, 0.0)}, name="reader")  # fmt: skip
    assert cs.lights == ("white", "uv365", "ir870") and cs.name == "reader"
    assert cs.paths == {"white": str(studio["white"]), "uv365": str(studio["uv365"])}
    assert np.array_equal(cs.images["white"], pixels["white"])
    with pytest.raises(InputError, match="two images"):
        from_device_set({"uv": pixels["uv365"], "uv365": pixels["uv365"],
                         "white": pixels["white"]})  # fmt: skip
    with pytest.raises(InputError, match="white"):
        from_device_set({"uv": pixels["uv365"]})


def test_from_device_set_sets_aside_a_light_of_another_size(pixels):
    small = cv2.resize(pixels["uv365"], None, fx=0.5, fy=0.5)
    cs = from_device_set({"white": pixels["white"], "uv": small})
    assert cs.lights == ("white",) and cs.problems[0][:2] == ("uv365", "LIGHT_SIZE_MISMATCH")


def test_from_device_set_folder(studio, tmp_path):
    cs = from_device_set(studio["white"].parent)
    assert cs.lights == ("white", "uv365", "ir870") and cs.name == "data_page"
    for light in ("white", "uv"):
        shutil.copy(studio["white"], tmp_path / f"front.{light}.png")
        shutil.copy(studio["white"], tmp_path / f"back.{light}.png")
    with pytest.raises(InputError, match="2 capture sets"):
        from_device_set(tmp_path)


def test_prompts_in_russian_and_light_names():
    assert switch_prompt("uv", "ru") == "Включите УФ 365 нм и нажмите Enter"
    assert normalise_light(" IR ") == "ir870"
    with pytest.raises(InputError):
        switch_prompt("green")
