"""The specimen library: a folder with one sub-folder (holding specimen.json) per specimen.

Loading never stops at a bad specimen: it is skipped, its problems are kept in
``Library.problems`` and the others load, so one hand-edited manifest with a typo cannot
take the whole library down at a border post. A library that is not there at all is a
real fault and raises ``SpecimenError``.

The library's location is the only configuration read from the environment
(``DOCEXAM_SPECIMENS``, see ``default_library_root``); every function takes its root
explicitly, so tests and the UI can load any folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from docexam.errors import SpecimenError
from docexam.specimens.manifest import Specimen
from docexam.specimens.validate import MANIFEST_NAME, Problem, parse_manifest

__all__ = [
    "ENV_VAR",
    "Library",
    "default_library_root",
    "find_manifests",
    "load_library",
    "validate_path",
]

ENV_VAR = "DOCEXAM_SPECIMENS"


def default_library_root(environ: Mapping[str, str] | None = None) -> Path:
    """``$DOCEXAM_SPECIMENS`` when set (an agency's own library), else the repository's
    bundled ``reference_specimens/`` next to the ``docexam`` package."""
    env = os.environ if environ is None else environ
    configured = env.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parents[2] / "reference_specimens"


@dataclass(frozen=True)
class Library:
    """The specimens that loaded (sorted by id) and every problem met while loading.

    ``skipped`` names the folders whose manifests had errors, so ``get`` can say why a
    specimen the user can see on disk is not available.
    """

    root: Path
    specimens: tuple[Specimen, ...]
    problems: tuple[Problem, ...] = ()
    skipped: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Specimen]:
        return iter(self.specimens)

    def __len__(self) -> int:
        return len(self.specimens)

    def __contains__(self, specimen_id: object) -> bool:
        return any(s.id == specimen_id for s in self.specimens)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.specimens)

    def get(self, specimen_id: str) -> Specimen:
        """The specimen ``specimen_id``; SpecimenError (SPECIMEN_NOT_FOUND) otherwise."""
        for specimen in self.specimens:
            if specimen.id == specimen_id:
                return specimen
        if specimen_id in self.skipped:
            raise SpecimenError(
                f"specimen {specimen_id!r} has errors and was not loaded; see them with "
                f"'docexam specimens validate {self.root / specimen_id}'",
                code="SPECIMEN_NOT_FOUND",
            )
        known = ", ".join(self.ids) if self.specimens else "the library is empty"
        raise SpecimenError(
            f"no specimen {specimen_id!r} in {self.root} (known: {known})",
            code="SPECIMEN_NOT_FOUND",
        )


def load_library(root: Path) -> Library:
    """Load every specimen under ``root``; bad ones are skipped with their problems kept."""
    root = Path(root)
    folders = _specimen_folders(root)
    specimens: list[Specimen] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    for folder in folders:
        manifest = folder / MANIFEST_NAME
        if not manifest.is_file():
            problems.append(
                Problem(
                    folder, "(folder)", f"no {MANIFEST_NAME}: not a specimen, ignored", "warning"
                )
            )
            continue
        specimen, found = parse_manifest(manifest)
        problems.extend(found)
        if specimen is None:
            skipped.append(folder.name)
        else:
            specimens.append(specimen)
    specimens.sort(key=lambda s: s.id)
    return Library(root, tuple(specimens), tuple(problems), tuple(skipped))


def _specimen_folders(root: Path) -> tuple[Path, ...]:
    """The candidate specimen folders of a library (hidden folders such as .git excluded)."""
    if not root.exists():
        raise SpecimenError(
            f"specimen library {root} does not exist (set {ENV_VAR} or use --library)",
            code="LIBRARY_NOT_FOUND",
        )
    if not root.is_dir():
        raise SpecimenError(f"specimen library {root} is not a folder", code="LIBRARY_NOT_FOUND")
    if (root / MANIFEST_NAME).is_file():
        raise SpecimenError(
            f"{root} is one specimen's folder, not a library; the library is its parent "
            f"({root.absolute().parent})",
            code="NOT_A_LIBRARY",
        )
    try:
        entries = sorted(root.iterdir())
    except OSError as exc:
        raise SpecimenError(
            f"specimen library {root} cannot be read ({exc.strerror or exc})",
            code="LIBRARY_NOT_FOUND",
        ) from None
    return tuple(p for p in entries if p.is_dir() and not p.name.startswith("."))


def find_manifests(path: Path) -> tuple[Path, ...]:
    """The manifests ``validate_path(path)`` checks: a file itself, a specimen folder's
    specimen.json, or those of every specimen folder of a library."""
    path = Path(path)
    if path.is_file():
        return (path,)
    if (path / MANIFEST_NAME).is_file():
        return (path / MANIFEST_NAME,)
    return tuple(
        f / MANIFEST_NAME for f in _specimen_folders(path) if (f / MANIFEST_NAME).is_file()
    )


def validate_path(path: Path) -> tuple[Problem, ...]:
    """Every problem of a library folder, one specimen folder or one manifest file.

    Raises SpecimenError (PATH_NOT_FOUND) when there is nothing at ``path``.
    """
    path = Path(path)
    if not path.exists():
        raise SpecimenError(f"{path} does not exist", code="PATH_NOT_FOUND")
    if path.is_file() or (path / MANIFEST_NAME).is_file():
        manifest = path if path.is_file() else path / MANIFEST_NAME
        _, problems = parse_manifest(manifest)
        if manifest.name != MANIFEST_NAME:
            problems += (
                Problem(
                    manifest,
                    "(file)",
                    f"the library only reads manifests named {MANIFEST_NAME}",
                    "warning",
                ),
            )
        return problems
    library = load_library(path)
    if not library.specimens and not library.skipped:
        return (
            *library.problems,
            Problem(
                path,
                "(folder)",
                f"no specimens here (a specimen is a sub-folder holding {MANIFEST_NAME})",
                "warning",
            ),
        )
    return library.problems
