"""The one entry point: a feature's check method -> the function that runs it.

Why a registry: the manifest names a method per feature; the examination pipeline runs
every feature of a page through ``run_check`` and gets a FeatureResult back whatever
happens: a light missing from the capture or the specimen is ``not_checked``, ``visual``
tells the officer what to do, the data methods (MRZ check digits, VIZ against MRZ) are
the caller's (they need the MRZ reading, not images), and an unexpected error inside a
check is ``inconclusive`` (CHECK_ERROR), never a pass and never a crash of the whole
examination.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from docexam.examine.checks.colour import check_colour
from docexam.examine.checks.common import CheckInput, result
from docexam.examine.checks.detail import check_fine_detail
from docexam.examine.checks.ghost import check_ghost
from docexam.examine.checks.ir import check_ir_invisible, check_ir_visible
from docexam.examine.checks.pattern import check_pattern
from docexam.examine.checks.typeface import check_typeface
from docexam.examine.checks.uv import check_fibres, check_fluorescence, check_uv_dull
from docexam.examine.results import FeatureResult
from docexam.specimens.manifest import Feature

__all__ = ["DATA_METHODS", "METHODS", "CheckInput", "run_check"]

log = logging.getLogger(__name__)

Check = Callable[[Feature, CheckInput], FeatureResult]
METHODS: dict[str, Check] = {
    "pattern_match": check_pattern,
    "fine_detail": check_fine_detail,
    "colour_match": check_colour,
    "fluorescence": check_fluorescence,
    "uv_dull": check_uv_dull,
    "fibres_present": check_fibres,
    "ir_visible": check_ir_visible,
    "ir_invisible": check_ir_invisible,
    "ghost_matches_portrait": check_ghost,
    "typeface_match": check_typeface,
}
DATA_METHODS = ("mrz_check_digits", "viz_matches_mrz")


def run_check(
    feature: Feature,
    inp: CheckInput,
    *,
    data_checks: Mapping[str, Callable[[Feature], FeatureResult]] | None = None,
) -> FeatureResult:
    """Check ``feature`` on the registered page ``inp`` (never raises for image content)."""
    method = feature.check.method
    light = "+".join(feature.lights) or None
    if method in DATA_METHODS:
        fn = (data_checks or {}).get(method)
        if fn is None:
            return result(feature, "DATA_CHECK_UNAVAILABLE", light=light, what=(method, method))
        return fn(feature)
    if method == "visual":
        ins = feature.check.instructions
        return result(feature, "VISUAL_CHECK", light=light, what=(ins.en, ins.ru))
    check = METHODS.get(method)
    if check is None:
        return result(feature, "METHOD_UNKNOWN", light=light, what=(method, method))
    for lt in feature.lights:
        if lt not in inp.questioned:
            return result(feature, "LIGHT_MISSING", light=lt)
        if lt not in inp.reference:
            return result(feature, "REFERENCE_MISSING", light=lt)
    try:
        return check(feature, inp)
    except Exception as exc:  # a bug must not take the examination down, nor pass
        log.exception("check %s (%s) failed", feature.id, method)
        what = f"{type(exc).__name__}: {exc}"
        return result(feature, "CHECK_ERROR", light=light, what=(what, what),
                      details={"error": what})  # fmt: skip
