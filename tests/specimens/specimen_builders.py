"""Builders for small, valid specimens written to a temporary folder (never the bundled library).

Images are tiny (2 px/mm: a passport page is 250 x 176 px) so that the image checks, which
decode every file, stay fast. Tests break a copy of the manifest or a file and re-validate.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np

PX_PER_MM = 2.0


def _text(en: str, ru: str) -> dict[str, str]:
    return {"en": en, "ru": ru}


def passport_manifest(specimen_id: str = "uto-passport-2015") -> dict[str, Any]:
    """A TD3 passport with one data page, three lights, two fields and four features."""
    return {
        "format": "docexam-specimen",
        "format_version": 1,
        "id": specimen_id,
        "name": _text("Utopia passport, series 2015", "Паспорт Утопии, серия 2015"),
        "issuing_state": "UTO",
        "kind": "passport",
        "layout": "TD3",
        "series": "2015",
        "issued_from": "2015-01-01",
        "issued_until": "2020-12-31",
        "fictional": True,
        "notes": _text("Test specimen.", "Тестовый образец."),
        "pages": [
            {
                "side": "data_page",
                "size_mm": [125.0, 88.0],
                "px_per_mm": PX_PER_MM,
                "images": {
                    "white": "data_page.white.png",
                    "uv365": "data_page.uv365.png",
                    "ir870": "data_page.ir870.png",
                },
                "zones": {
                    "portrait": {"x": 5, "y": 14, "w": 32, "h": 41},
                    "mrz": {"x": 3, "y": 68, "w": 119, "h": 17},
                },
                "fields": [
                    {
                        "id": "surname",
                        "label": {"ru": "Фамилия", "en": "Surname"},
                        "language": ["ru", "en"],
                        "script": ["Cyrl", "Latn"],
                        "zone": {"x": 40, "y": 19, "w": 80, "h": 6.5},
                        "mrz_field": "surname",
                    },
                    {
                        "id": "birth_date",
                        "label": {"en": "Date of birth"},
                        "language": ["en"],
                        "script": ["Latn"],
                        "zone": {"x": 40, "y": 30, "w": 40, "h": 6},
                    },
                ],
                "features": [
                    {
                        "id": "uv_emblem",
                        "name": _text("UV emblem", "УФ-эмблема"),
                        "type": "uv_fluorescent_print",
                        "lights": ["uv365"],
                        "zones": [{"x": 70, "y": 12, "w": 40, "h": 40}],
                        "check": {
                            "method": "pattern_match",
                            "tolerance": 0.55,
                            "instructions": _text("Look under UV.", "Смотреть в УФ."),
                        },
                        "genuine": _text("A glowing emblem.", "Светящаяся эмблема."),
                        "forgery_signs": _text("No glow.", "Нет свечения."),
                    },
                    {
                        "id": "mrz_b900",
                        "name": _text("MRZ in IR", "МСЗ в ИК"),
                        "type": "ir_absorbing_ink",
                        "lights": ["white", "ir870"],
                        "zones": [{"x": 3, "y": 68, "w": 119, "h": 17}],
                        "check": {
                            "method": "ir_visible",
                            "tolerance": 0.6,
                            "instructions": _text("Look under IR.", "Смотреть в ИК."),
                        },
                        "genuine": _text("Black under IR.", "Чёрная в ИК."),
                        "forgery_signs": _text("Vanishes.", "Исчезает."),
                    },
                    {
                        "id": "mrz_digits",
                        "name": _text("MRZ check digits", "Контрольные цифры МСЗ"),
                        "type": "mrz_integrity",
                        "lights": ["white"],
                        "zones": [{"x": 3, "y": 68, "w": 119, "h": 17}],
                        "check": {
                            "method": "mrz_check_digits",
                            "tolerance": None,
                            "instructions": _text("Read the MRZ.", "Прочитать МСЗ."),
                        },
                        "genuine": _text("All digits hold.", "Все цифры верны."),
                        "forgery_signs": _text("A wrong digit.", "Неверная цифра."),
                    },
                    {
                        "id": "hologram",
                        "name": _text("Hologram", "Голограмма"),
                        "type": "optically_variable_element",
                        "lights": ["white"],
                        "zones": [
                            {"x": 5, "y": 14, "w": 32, "h": 41},
                            {"x": 90, "y": 50, "w": 30, "h": 15},
                        ],
                        "check": {
                            "method": "visual",
                            "tolerance": None,
                            "instructions": _text("Tilt it.", "Наклонить."),
                        },
                        "genuine": _text("Colours shift.", "Цвета меняются."),
                        "forgery_signs": _text("Flat print.", "Плоская печать."),
                    },
                ],
            }
        ],
    }


def card_manifest(specimen_id: str = "uto-id-2019") -> dict[str, Any]:
    """A TD1 identity card: front (no MRZ) and back (MRZ), white and UV/IR on each side."""
    feature = passport_manifest()["pages"][0]["features"][3]
    pages = []
    for side in ("front", "back"):
        pages.append(
            {
                "side": side,
                "size_mm": [85.6, 54.0],
                "px_per_mm": PX_PER_MM,
                "images": {light: f"{side}.{light}.png" for light in ("white", "uv365", "ir870")},
                "zones": {"mrz": {"x": 2, "y": 34, "w": 81.6, "h": 18}} if side == "back" else {},
                "fields": [],
                "features": [
                    {
                        **copy.deepcopy(feature),
                        "id": f"{side}_ovd",
                        "zones": [{"x": 50, "y": 5, "w": 30, "h": 20}],
                    }
                ],
            }
        )
    return {
        **{k: v for k, v in passport_manifest(specimen_id).items() if k != "pages"},
        "name": _text("Utopia identity card, series 2019", "Удостоверение личности Утопии, 2019"),
        "kind": "identity_card",
        "layout": "TD1",
        "series": "2019",
        "issued_from": "2019-03-01",
        "issued_until": None,
        "pages": pages,
    }


def write_image(path: Path, size_mm: list[float], px_per_mm: float, seed: int = 0) -> None:
    w, h = round(size_mm[0] * px_per_mm), round(size_mm[1] * px_per_mm)
    rng = np.random.default_rng(seed)
    img = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
    assert cv2.imwrite(str(path), img)


def write_manifest(folder: Path, manifest: Any) -> Path:
    path = folder / "specimen.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_specimen(root: Path, manifest: dict[str, Any]) -> Path:
    """Write the manifest and every image it names into root/<id>/; return the folder."""
    folder = root / manifest["id"]
    folder.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(manifest["pages"]):
        for j, name in enumerate(page["images"].values()):
            write_image(folder / name, page["size_mm"], page["px_per_mm"], seed=10 * i + j)
    write_manifest(folder, manifest)
    return folder
