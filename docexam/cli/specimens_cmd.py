"""``docexam specimens``: list, show and validate the reference specimen library.

``validate`` is the tool for whoever writes a manifest by hand (docs/specimen-format.md):
one ``FILE: FIELD: severity: message`` line per problem, exit 0 without errors, 1 with.
``list`` and ``show`` load the library the way the examination does: a specimen with
errors is skipped with a warning on stderr, the others are still listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from docexam.specimens.library import (
    Library,
    default_library_root,
    find_manifests,
    load_library,
    validate_path,
)
from docexam.specimens.manifest import Feature, Page, Specimen, Zone
from docexam.specimens.validate import Problem
from docexam.specimens.vocabulary import CHECK_METHODS, FEATURE_TYPES, LIGHTS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "specimens",
        help="list, show and validate reference specimens",
        description=(
            "The reference specimen library (default: $DOCEXAM_SPECIMENS, else the bundled "
            "reference_specimens/). See docs/specimen-format.md."
        ),
    )
    actions = p.add_subparsers(dest="specimens_action", metavar="ACTION")
    actions.required = True

    lp = actions.add_parser("list", help="one line per specimen in the library")
    lp.add_argument("--json", action="store_true", help="print a JSON array of summaries")
    _library_option(lp)
    lp.set_defaults(run=run_list)

    sp = actions.add_parser("show", help="describe one specimen (or print its manifest)")
    sp.add_argument("id", metavar="ID", help="the specimen's id (its folder name)")
    sp.add_argument(
        "--json", action="store_true", help="print the manifest (savable as specimen.json)"
    )
    _library_option(sp)
    sp.set_defaults(run=run_show)

    vp = actions.add_parser(
        "validate",
        help="check manifests and images; exit 1 when there are errors",
        description=(
            "Check a library folder, one specimen folder or one specimen.json file against "
            "docs/specimen-format.md. Prints FILE: FIELD: severity: message per problem. "
            "Exit 0 without errors (warnings allowed), 1 with errors, 2 for a missing path."
        ),
    )
    vp.add_argument("path", nargs="?", metavar="PATH", help="default: the configured library")
    vp.set_defaults(run=run_validate)


def _library_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--library", metavar="DIR", type=Path, help="library folder (default: the configured one)"
    )


def _load(args: argparse.Namespace) -> Library:
    library = load_library(args.library if args.library is not None else default_library_root())
    _report_load_problems(library)
    return library


def _report_load_problems(library: Library) -> None:
    """Warnings of loaded specimens in full; one line per skipped specimen."""
    skipped_folders = {library.root / name for name in library.skipped}
    for problem in library.problems:
        if problem.path.parent in skipped_folders:
            continue
        print(f"docexam: warning: {problem.format(_shown(problem.path))}", file=sys.stderr)
    for name in library.skipped:
        folder = library.root / name
        errors = [p for p in library.problems if p.is_error and p.path.parent == folder]
        first = f" (first: {errors[0].field}: {errors[0].message})" if errors else ""
        print(
            f"docexam: warning: specimen {name!r} skipped: {len(errors)} error(s){first}; "
            f"run 'docexam specimens validate {_shown(folder)}'",
            file=sys.stderr,
        )


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    if path.is_absolute():
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            pass
    return str(path)


# -- list ------------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    library = _load(args)
    if args.json:
        summaries = [summary(s) for s in library]
        sys.stdout.write(json.dumps(summaries, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not library.specimens:
        print(f"no specimens in {_shown(library.root)}", file=sys.stderr)
        return 0
    header = ("ID", "STATE", "KIND", "LAYOUT", "SERIES", "ISSUED", "PAGES", "SIDES", "LIGHTS",
              "FEATURES")  # fmt: skip
    rows = [header] + [_row(s) for s in library]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


def summary(specimen: Specimen) -> dict[str, Any]:
    """What ``list --json`` prints per specimen: enough to choose one without loading it."""
    return {
        "id": specimen.id,
        "name": specimen.name.to_dict(),
        "issuing_state": specimen.issuing_state,
        "kind": specimen.kind,
        "layout": specimen.layout,
        "series": specimen.series,
        "issued_from": specimen.issued_from.isoformat(),
        "issued_until": specimen.issued_until.isoformat() if specimen.issued_until else None,
        "fictional": specimen.fictional,
        "pages": len(specimen.pages),
        "sides": list(specimen.sides),
        "lights": _lights(specimen),
        "features": len(specimen.features),
        "folder": str(specimen.folder),
    }


def _lights(specimen: Specimen) -> list[str]:
    """The specimen's light sources in the vocabulary's order (white, uv365, ...)."""
    return [light for light in LIGHTS if light in specimen.lights]


def _issued(specimen: Specimen) -> str:
    until = specimen.issued_until.isoformat() if specimen.issued_until else ""
    return f"{specimen.issued_from.isoformat()}..{until}"


def _row(s: Specimen) -> tuple[str, ...]:
    return (
        s.id, s.issuing_state, s.kind, s.layout, s.series, _issued(s), str(len(s.pages)),
        ",".join(s.sides), ",".join(_lights(s)), str(len(s.features)),
    )  # fmt: skip


# -- show ------------------------------------------------------------------------------


def run_show(args: argparse.Namespace) -> int:
    specimen = _load(args).get(args.id)
    if args.json:
        sys.stdout.write(json.dumps(specimen.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(describe(specimen)) + "\n")
    return 0


def describe(specimen: Specimen) -> list[str]:
    """A human-readable description of a specimen, in English (the CLI's language)."""
    s = specimen
    lines = [
        f"{s.id}: {s.name.en}" + (" (fictional)" if s.fictional else ""),
        f"  issuing state {s.issuing_state}, {s.kind}, layout {s.layout}, series {s.series}",
        f"  issued from {s.issued_from.isoformat()} "
        + (f"to {s.issued_until.isoformat()}" if s.issued_until else "(still issued)"),
        f"  folder {_shown(s.folder)}",
    ]
    if s.notes is not None:
        lines.append(f"  notes: {s.notes.en}")
    for page in s.pages:
        lines += _describe_page(page)
    return lines


def _zone(z: Zone) -> str:
    return f"x {z.x:g} y {z.y:g} w {z.w:g} h {z.h:g} mm"


def _describe_page(page: Page) -> list[str]:
    width, height = page.size_px
    lines = [
        "",
        f"page {page.side}: {page.size_mm[0]:g} x {page.size_mm[1]:g} mm at "
        f"{page.px_per_mm:g} px/mm ({width} x {height} px)",
        "  images: " + ", ".join(f"{light} {path.name}" for light, path in page.images.items()),
    ]
    if page.zones:
        lines.append("  zones:")
        lines += [f"    {name}: {_zone(zone)}" for name, zone in page.zones.items()]
    if page.fields:
        lines.append("  fields:")
        for f in page.fields:
            mrz = f" = MRZ {f.mrz_field}" if f.mrz_field else ""
            labels = " / ".join(f.label.values())
            lines.append(
                f"    {f.id}: {labels!r} [{','.join(f.language)}; {','.join(f.script)}]{mrz}; "
                f"{_zone(f.zone)}"
            )
    if page.features:
        lines.append("  features:")
        for feature in page.features:
            lines += _describe_feature(feature)
    return lines


def _describe_feature(f: Feature) -> list[str]:
    method = CHECK_METHODS[f.check.method]
    if f.check.tolerance is None:
        check = f.check.method
    else:
        check = f"{f.check.method}, {method.tolerance_en} {f.check.tolerance:g}"
    return [
        f"    {f.id}: {f.name.en} ({f.type}: {FEATURE_TYPES[f.type].en})",
        f"      under {', '.join(f.lights)}; check {check}",
        "      zones: " + "; ".join(_zone(z) for z in f.zones),
        f"      how to check: {f.check.instructions.en}",
        f"      genuine: {f.genuine.en}",
        f"      forgery signs: {f.forgery_signs.en}",
    ]


# -- validate --------------------------------------------------------------------------


def run_validate(args: argparse.Namespace) -> int:
    path = Path(args.path) if args.path is not None else default_library_root()
    problems = validate_path(path)  # SpecimenError for a missing path: exit 2 via main
    for problem in problems:
        print(problem.format(_shown(problem.path)))
    print(_verdict(problems, len(find_manifests(path))))
    return 1 if any(p.is_error for p in problems) else 0


def _verdict(problems: tuple[Problem, ...], manifests: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = f"{manifests} manifest{'' if manifests == 1 else 's'} checked"
    if not problems:
        return f"{checked}: no problems"
    return (
        f"{checked}: {errors} error{'' if errors == 1 else 's'}, "
        f"{warnings} warning{'' if warnings == 1 else 's'}"
    )
