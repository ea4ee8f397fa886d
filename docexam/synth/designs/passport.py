"""Utopia (UTO) TD3 passport data page, series 2015 and 2021.

The two series share the page size, the MRZ and the list of fields, and differ in design
(palette, guilloche parameters, rosette, emblem variant and UV colour, portrait and ghost
position, header typeface, 2021's OVD and laser perforation, 2015's watermark), so
identification has to tell them apart and a forger mixing them leaves measurable traces.
"""

from __future__ import annotations

from datetime import date

from docexam.synth import inks
from docexam.synth.design import SpecimenDesign
from docexam.synth.designs.standard import PageParams, build_page, rows

PAGE = (125.0, 88.0)
ROWS = (  # (field id, en, ru, column offset mm, width mm, row, mrz field)
    ("type", "Type", "Тип", 0, 12, 0, "document_code"),
    ("code", "Code", "Код", 14, 16, 0, "issuing_state"),
    ("number", "Passport No.", "№ паспорта", 32, 28, 0, "document_number"),
    ("surname", "Surname", "Фамилия", 0, 60, 1, "surname"),
    ("given", "Given names", "Имя", 0, 60, 2, "given_names"),
    ("nationality", "Nationality", "Гражданство", 0, 34, 3, "nationality"),
    ("sex", "Sex", "Пол", 36, 14, 3, "sex"),
    ("birth", "Date of birth", "Дата рождения", 0, 26, 4, "birth_date"),
    ("place", "Place of birth", "Место рождения", 28, 32, 4, None),
    ("issue", "Date of issue", "Дата выдачи", 0, 26, 5, None),
    ("authority", "Authority", "Орган выдачи", 28, 32, 5, None),
    ("expiry", "Date of expiry", "Срок действия", 0, 26, 6, "expiry_date"),
    ("personal", "Personal No.", "Личный номер", 28, 32, 6, "personal_number"),
)
ISSUED = {"2015": (date(2015, 1, 1), date(2020, 12, 31)), "2021": (date(2021, 1, 1), None)}


def _params(series: str) -> PageParams:
    if series == "2015":
        portrait = (5.0, 15.0, 32.0, 41.0)
        return PageParams(
            side="data_page", size=PAGE, series=series, substrate=inks.SECURITY_PAPER,
            ink_a=(190, 178, 128), ink_b=(160, 200, 170),
            wave=dict(spacing_mm=1.3, amplitude_mm=4.0, wavelength_mm=24.0,
                      second_amplitude_mm=0.9, second_wavelength_mm=6.0, phase=0.3),
            title="УТОПИЯ · UTOPIA", subtitle="ПАСПОРТ / PASSPORT", header_y=2.4,
            header_cap=3.0, header_font="sans_bold",
            fields=rows(ROWS, x0=41.0, y0=14.0, pitch=6.5, value_cap=2.0, label_cap=1.1),
            rosette=dict(centre_mm=(92.0, 33.0), radius_mm=24.0, inner_mm=7.0, petals=13,
                         rings=14, style="epitrochoid"),
            rosette_ink=(185, 160, 200),
            rainbow=((200, 190, 120), (140, 220, 235), (200, 190, 120)),
            rainbow_zone=(0.0, 0.0, PAGE[0], 12.0), rainbow_angle=30.0,
            micro_text="UTOPIA·УТОПИЯ·", micro_line=(5.0, 11.6, 115.0),
            emblem=(64.0, 38.0, 17.0), uv_ink=inks.UV_YELLOW, fibres=70,
            portrait=portrait, ghost=(104.0, 40.0, 16.0, 20.0),
            signature=(5.0, 58.0, 32.0, 8.0), mrz_layout="TD3",
            watermark=(88.0, 56.0, 30.0, 16.0),
        )  # fmt: skip
    portrait = (4.0, 17.0, 33.0, 42.0)
    return PageParams(
        side="data_page", size=PAGE, series=series, substrate=inks.SECURITY_PAPER,
        ink_a=(205, 165, 190), ink_b=(175, 195, 228),
        wave=dict(spacing_mm=1.05, amplitude_mm=2.6, wavelength_mm=15.0,
                  second_amplitude_mm=1.4, second_wavelength_mm=9.0, phase=1.7, angle_deg=8.0),
        title="РЕСПУБЛИКА УТОПИЯ · REPUBLIC OF UTOPIA", subtitle="ПАСПОРТ / PASSPORT",
        header_y=2.8, header_cap=2.6, header_font="serif_bold",
        fields=rows(ROWS, x0=42.0, y0=16.0, pitch=6.4, value_cap=2.0, label_cap=1.1),
        rosette=dict(centre_mm=(100.0, 30.0), radius_mm=19.0, inner_mm=4.0, petals=21,
                     rings=10, style="hypotrochoid"),
        rosette_ink=(150, 185, 150),
        rainbow=((220, 160, 230), (140, 225, 240), (235, 190, 150)),
        rainbow_zone=(0.0, 0.0, PAGE[0], 13.5), rainbow_angle=-20.0,
        micro_text="РЕСПУБЛИКА УТОПИЯ REPUBLIC OF UTOPIA ", micro_line=(5.0, 13.9, 115.0),
        emblem=(86.0, 42.0, 20.0), uv_ink=inks.UV_ORANGE, fibres=60,
        portrait=portrait, ghost=(104.0, 15.0, 16.0, 20.0),
        signature=(4.0, 61.0, 33.0, 7.0), mrz_layout="TD3",
        ovd=(28.0, 48.0, 13.0, 13.0), perforation=(84.0, 61.0, 36.0, 6.0),
    )  # fmt: skip


def passport(series: str) -> SpecimenDesign:
    """The TD3 data page of ``series`` ('2015' or '2021')."""
    if series not in ISSUED:
        raise ValueError(f"series must be one of {sorted(ISSUED)}, got {series!r}")
    lo, hi = ISSUED[series]
    return SpecimenDesign(
        id=f"uto-passport-{series}",
        name_en=f"Utopia passport, series {series} (fictional)",
        name_ru=f"Паспорт Утопии, серия {series} (вымышленный)",
        issuing_state="UTO",
        kind="passport",
        layout="TD3",
        series=series,
        issued_from=lo,
        issued_until=hi,
        doc_code="P",
        pages=(build_page(_params(series)),),
        notes_en="Fictional specimen rendered by `docexam synth specimens`.",
        notes_ru="Вымышленный образец, создан командой `docexam synth specimens`.",
    )
