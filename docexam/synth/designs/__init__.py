"""The bundled fictional specimen designs, by specimen id."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from docexam.synth.design import SpecimenDesign
from docexam.synth.designs.idcard import idcard
from docexam.synth.designs.passport import passport
from docexam.synth.designs.visa import visa

DESIGNS: dict[str, Callable[[], SpecimenDesign]] = {
    "uto-passport-2015": lambda: passport("2015"),
    "uto-passport-2021": lambda: passport("2021"),
    "uto-id-2019": idcard,
    "uto-visa-2018": visa,
}
# A design's "other series": where a forger takes foreign elements from (series_mix,
# uv_print_foreign, guilloche_foreign).
OTHER_SERIES: dict[str, str] = {
    "uto-passport-2015": "uto-passport-2021",
    "uto-passport-2021": "uto-passport-2015",
    "uto-id-2019": "uto-passport-2021",
    "uto-visa-2018": "uto-passport-2015",
}


def design(specimen_id: str) -> SpecimenDesign:
    """The design of a bundled specimen; ValueError naming the known ids otherwise.

    Designs are immutable, so one object per id is kept: its elements' caches of static
    print (guilloche, rosettes, microtext) then serve every document of a batch.
    """
    if specimen_id not in DESIGNS:
        raise ValueError(f"specimen must be one of {sorted(DESIGNS)}, got {specimen_id!r}")
    return _design(specimen_id)


@cache
def _design(specimen_id: str) -> SpecimenDesign:
    return DESIGNS[specimen_id]()
