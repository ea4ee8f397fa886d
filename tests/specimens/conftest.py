"""Fixtures for the specimen tests: valid specimens in tmp_path, broken by each test."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from specimen_builders import card_manifest, passport_manifest, write_specimen


@pytest.fixture
def passport(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """A valid passport specimen folder in tmp_path/lib and (a copy of) its manifest."""
    manifest = passport_manifest()
    return write_specimen(tmp_path / "lib", manifest), copy.deepcopy(manifest)


@pytest.fixture
def library_root(tmp_path: Path) -> Path:
    """A library with two valid specimens: a passport and an identity card."""
    root = tmp_path / "lib"
    write_specimen(root, passport_manifest())
    write_specimen(root, card_manifest())
    return root


@pytest.fixture
def errors_in() -> Callable[..., list[tuple[str, str]]]:
    """(field, message) of every error in a problems tuple, for compact assertions."""

    def pick(problems: Any) -> list[tuple[str, str]]:
        return [(p.field, p.message) for p in problems if p.severity == "error"]

    return pick
