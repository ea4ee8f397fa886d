"""Reference specimens: the genuine documents a questioned one is compared with.

The format is docs/specimen-format.md. ``load_library`` reads a library folder,
``parse_manifest`` one specimen.json, ``validate_path`` reports every problem of either;
``vocabulary`` holds the closed vocabularies (light sources, feature types, check methods).
"""

from docexam.specimens.library import (
    ENV_VAR,
    Library,
    default_library_root,
    find_manifests,
    load_library,
    validate_path,
)
from docexam.specimens.manifest import Check, Feature, Field, FrozenMap, Page, Specimen, Text, Zone
from docexam.specimens.validate import MANIFEST_NAME, Problem, parse_manifest

__all__ = [
    "ENV_VAR",
    "MANIFEST_NAME",
    "Check",
    "Feature",
    "Field",
    "FrozenMap",
    "Library",
    "Page",
    "Problem",
    "Specimen",
    "Text",
    "Zone",
    "default_library_root",
    "find_manifests",
    "load_library",
    "parse_manifest",
    "validate_path",
]
