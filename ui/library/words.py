"""Words the specimen library shows beside the manifests' own texts.

Why here and not in each widget: the tree, the light tabs and the details panel name the
same lights and kinds; one table keeps them alike. The manifests and the engine's closed
vocabularies (docexam.specimens.vocabulary) already carry English and Russian, so data texts
come from there in the UI language; only the short labels the vocabularies lack are
translated here (context ``LibraryWords``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from docexam.specimens.manifest import Specimen
from docexam.specimens.vocabulary import Term

_CTX = "LibraryWords"
_LIGHTS = {
    "white": QT_TRANSLATE_NOOP("LibraryWords", "White light"),
    "uv365": QT_TRANSLATE_NOOP("LibraryWords", "UV 365 nm"),
    "uv254": QT_TRANSLATE_NOOP("LibraryWords", "UV 254 nm"),
    "ir870": QT_TRANSLATE_NOOP("LibraryWords", "IR 870 nm"),
    "ir950": QT_TRANSLATE_NOOP("LibraryWords", "IR 950 nm"),
    "coaxial": QT_TRANSLATE_NOOP("LibraryWords", "Coaxial light"),
}
_KIND_HEADINGS = {
    "passport": QT_TRANSLATE_NOOP("LibraryWords", "Passports"),
    "identity_card": QT_TRANSLATE_NOOP("LibraryWords", "Identity cards"),
    "visa": QT_TRANSLATE_NOOP("LibraryWords", "Visas"),
    "residence_permit": QT_TRANSLATE_NOOP("LibraryWords", "Residence permits"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def light_name(light: str) -> str:
    """A short tab label for a light source (the id itself for one we do not know)."""
    return tr(_LIGHTS[light]) if light in _LIGHTS else light


def kind_heading(kind: str, kinds: Mapping[str, Term], language: str) -> str:
    """The tree heading of a document kind ("Passports"); the vocabulary term otherwise."""
    if kind in _KIND_HEADINGS:
        return tr(_KIND_HEADINGS[kind])
    return term(kinds, kind, language)


def term(vocabulary: Mapping[str, Term], key: str, language: str) -> str:
    """A vocabulary term in ``language``, capitalised for a label; the key when unknown."""
    found = vocabulary.get(key)
    if found is None:
        return key
    text = found.ru if language == "ru" else found.en
    return text[:1].upper() + text[1:]


def years(specimen: Specimen) -> str:
    """When the series was issued: "2015–2020", or "since 2021" while still issued."""
    start = str(specimen.issued_from.year)
    if specimen.issued_until is None:
        return tr(QT_TRANSLATE_NOOP("LibraryWords", "since %1")).replace("%1", start)
    return f"{start}–{specimen.issued_until.year}"
