"""Compile the Qt Linguist sources (``*.ts``) into the binary catalogues (``*.qm``).

Why this exists: ``*.qm`` files are build products and git-ignored, so a fresh checkout has
none. The application compiles them on start-up when they are missing or older than their
``.ts`` source (see :func:`ui.i18n.compiled_catalog`); this module is the part that needs no
Qt import, so it also runs from a shell or a packaging step::

    python -m ui.i18n.build              # compile every ui/i18n/*.ts that is stale
    python -m ui.i18n.build --force      # recompile all
    python -m ui.i18n.build --update     # first re-extract strings from ui/**.py (lupdate)

``--update`` runs, from the repository root, the equivalent of::

    pyside6-lupdate $(find ui -name '*.py') -locations none -no-obsolete -ts ui/i18n/docexam_ru.ts

which adds new ``self.tr()`` / ``QCoreApplication.translate()`` strings to the .ts as
``type="unfinished"`` and drops vanished ones; then translate them (Qt Linguist:
``pyside6-linguist ui/i18n/docexam_ru.ts``, or any editor) and remove the ``unfinished``
marks. ``tests/ui/test_ui_i18n.py`` fails while a translation is missing or unfinished.
(lupdate does not look for .py files in a directory, hence the explicit list.)
``-locations none`` keeps line numbers out of the .ts so diffs show only real text changes.

The tools: PySide6-Essentials ships ``lrelease`` and ``lupdate`` binaries inside the
``PySide6`` package directory (``pyside6-lrelease`` in the venv's ``bin`` is a Python
wrapper around them); a system Qt (``lrelease``, ``lrelease-qt6``) works as well.
``DOCEXAM_LRELEASE`` / ``DOCEXAM_LUPDATE`` override the search.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent
UI_DIR = I18N_DIR.parent
#: Languages with a catalogue besides English, the source language (see ui.language).
TRANSLATED_LANGUAGES = ("ru",)
_TIMEOUT_S = 60


class TranslationBuildError(RuntimeError):
    """The .qm could not be produced (no lrelease, or lrelease failed)."""


def _pyside_dir() -> Path | None:
    """Where the PySide6 package lives, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def find_tool(name: str) -> list[str] | None:
    """The command line that runs Qt's ``name`` tool ("lrelease"/"lupdate"), or None."""
    override = os.environ.get(f"DOCEXAM_{name.upper()}")
    if override:
        return [override]
    exe = ".exe" if sys.platform == "win32" else ""
    pyside = _pyside_dir()
    if pyside is not None:
        bundled = pyside / f"{name}{exe}"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return [str(bundled)]
    for candidate in (f"pyside6-{name}", name, f"{name}-qt6", f"/usr/lib/qt6/bin/{name}"):
        found = shutil.which(candidate)
        if found:
            return [found]
    return None


def ts_path(code: str) -> Path:
    """The translation source of language ``code``."""
    return I18N_DIR / f"docexam_{code}.ts"


def is_stale(ts: Path, qm: Path) -> bool:
    """True when ``qm`` is missing or older than its source ``ts``."""
    if not qm.exists():
        return True
    return ts.exists() and qm.stat().st_mtime < ts.stat().st_mtime


def compile_ts(ts: Path, qm: Path) -> Path:
    """Compile ``ts`` into ``qm`` atomically (readers never see a half-written file)."""
    tool = find_tool("lrelease")
    if tool is None:
        raise TranslationBuildError(
            "Qt's lrelease was not found (it ships with PySide6-Essentials as "
            "PySide6/lrelease; set DOCEXAM_LRELEASE to point at another one)"
        )
    qm.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=qm.stem + ".", suffix=".qm.tmp", dir=qm.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        proc = subprocess.run(
            [*tool, "-silent", str(ts), "-qm", str(tmp)],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
        if proc.returncode != 0 or tmp.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout).strip()
            raise TranslationBuildError(f"lrelease failed on {ts} ({proc.returncode}): {detail}")
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; other users of a shared install read it
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError) as exc:
        raise TranslationBuildError(f"could not run {tool[0]} on {ts}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return qm


def ensure_qm(ts: Path, out_dir: Path, *, force: bool = False) -> Path:
    """Return ``out_dir/<ts stem>.qm``, compiling it first when missing or stale."""
    qm = out_dir / (ts.stem + ".qm")
    if force or is_stale(ts, qm):
        compile_ts(ts, qm)
    return qm


def source_files() -> list[Path]:
    """Every Python file of the UI, i.e. every place a translatable string may live."""
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def update_ts(ts_files: list[Path]) -> None:
    """Re-extract translatable strings from ``ui/**.py`` into ``ts_files`` (lupdate)."""
    tool = find_tool("lupdate")
    if tool is None:
        raise TranslationBuildError("Qt's lupdate was not found (ships with PySide6-Essentials)")
    # lupdate does not scan directories for .py files: list them (sorted for stable output).
    cmd = [*tool, *map(str, source_files()), "-locations", "none", "-no-obsolete"]
    cmd += ["-ts", *map(str, ts_files)]
    subprocess.run(cmd, check=True, timeout=_TIMEOUT_S)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns a process exit status."""
    parser = argparse.ArgumentParser(description="Compile docexam's translations (.ts -> .qm).")
    parser.add_argument("--force", action="store_true", help="recompile even if up to date")
    parser.add_argument("--update", action="store_true", help="run lupdate on ui/ first")
    parser.add_argument("--out-dir", type=Path, default=I18N_DIR, help="where to write .qm")
    args = parser.parse_args(argv)
    ts_files = sorted({*I18N_DIR.glob("*.ts"), *(ts_path(code) for code in TRANSLATED_LANGUAGES)})
    try:
        if args.update:
            update_ts(ts_files)
        for ts in (ts for ts in ts_files if ts.exists()):
            qm = ensure_qm(ts, args.out_dir, force=args.force)
            print(f"{ts.name} -> {qm}")
    except (TranslationBuildError, subprocess.SubprocessError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
