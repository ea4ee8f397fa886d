"""Utopia (UTO) MRV-A visa sticker, series 2018."""

from __future__ import annotations

from datetime import date

from docexam.synth import inks
from docexam.synth.design import SpecimenDesign
from docexam.synth.designs.standard import PageParams, build_page, rows

STICKER = (120.0, 80.0)
FIELDS = (  # (field id, en, ru, column offset mm, width mm, row, mrz field)
    ("from", "Valid from", "Действительна с", 0, 26, 0, None),
    ("until", "Until", "До", 28, 26, 0, "expiry_date"),
    ("vtype", "Type", "Категория", 56, 24, 0, None),
    ("entries", "Entries", "Въезды", 0, 26, 1, None),
    ("stay", "Duration of stay", "Пребывание, дней", 28, 26, 1, None),
    ("code", "Issued by", "Выдана", 56, 24, 1, "issuing_state"),
    ("surname", "Surname", "Фамилия", 0, 80, 2, "surname"),
    ("given", "Given names", "Имя", 0, 80, 3, "given_names"),
    ("number", "Passport No.", "№ паспорта", 0, 26, 4, "document_number"),
    ("nationality", "Nationality", "Гражданство", 28, 26, 4, "nationality"),
    ("birth", "Date of birth", "Дата рождения", 0, 26, 5, "birth_date"),
    ("sex", "Sex", "Пол", 28, 12, 5, "sex"),
)


def visa() -> SpecimenDesign:
    page = PageParams(
        side="front", size=STICKER, series="2018", substrate=inks.SECURITY_PAPER,
        ink_a=(170, 200, 215), ink_b=(205, 175, 170),
        wave=dict(spacing_mm=1.15, amplitude_mm=3.2, wavelength_mm=19.0,
                  second_amplitude_mm=1.1, second_wavelength_mm=7.0, phase=2.2,
                  angle_deg=-6.0),
        title="УТОПИЯ · UTOPIA", subtitle="ВИЗА / VISA", header_y=2.0, header_cap=2.8,
        header_font="serif_bold",
        fields=rows(FIELDS, x0=35.0, y0=12.0, pitch=6.2, value_cap=1.8, label_cap=1.0),
        rosette=dict(centre_mm=(100.0, 52.0), radius_mm=15.0, inner_mm=5.0, petals=11,
                     rings=12, style="lissajous"),
        rosette_ink=(160, 170, 215),
        rainbow=((150, 220, 240), (220, 180, 200), (150, 220, 240)),
        rainbow_zone=(0.0, 0.0, STICKER[0], 10.5), rainbow_angle=40.0,
        micro_text="VISA·ВИЗА·UTOPIA·УТОПИЯ·", micro_line=(4.0, 10.3, 112.0),
        emblem=(70.0, 56.0, 10.0), uv_ink=inks.UV_ORANGE, fibres=60,
        portrait=(4.0, 12.0, 27.0, 35.0), signature=None, mrz_layout="MRVA",
        ovd=(96.0, 38.0, 18.0, 18.0),
    )  # fmt: skip
    return SpecimenDesign(
        id="uto-visa-2018",
        name_en="Utopia visa (MRV-A), series 2018 (fictional)",
        name_ru="Виза Утопии (MRV-A), серия 2018 (вымышленная)",
        issuing_state="UTO",
        kind="visa",
        layout="MRVA",
        series="2018",
        issued_from=date(2018, 3, 1),
        issued_until=None,
        doc_code="V",
        pages=(build_page(page),),
        notes_en="Fictional specimen rendered by `docexam synth specimens`.",
        notes_ru="Вымышленный образец, создан командой `docexam synth specimens`.",
    )
