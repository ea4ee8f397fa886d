"""Utopia (UTO) TD1 identity card, series 2019: front (portrait, names) and back (MRZ)."""

from __future__ import annotations

from datetime import date

from docexam.synth import inks
from docexam.synth.design import SpecimenDesign
from docexam.synth.designs.standard import PageParams, build_page, rows

CARD = (85.6, 54.0)
FRONT = (  # (field id, en, ru, column offset mm, width mm, row, mrz field)
    ("surname", "Surname", "Фамилия", 0, 40, 0, "surname"),
    ("given", "Given names", "Имя", 0, 40, 1, "given_names"),
    ("sex", "Sex", "Пол", 0, 10, 2, "sex"),
    ("nationality", "Nationality", "Гражданство", 12, 28, 2, "nationality"),
    ("birth", "Date of birth", "Дата рождения", 0, 19, 3, "birth_date"),
    ("number", "Card No.", "№ карты", 21, 19, 3, "document_number"),
    ("expiry", "Date of expiry", "Срок действия", 0, 19, 4, "expiry_date"),
)
BACK = (
    ("place", "Place of birth", "Место рождения", 0, 50, 0, None),
    ("issue", "Date of issue", "Дата выдачи", 0, 22, 1, None),
    ("authority", "Authority", "Орган выдачи", 24, 40, 1, None),
    ("personal", "Personal No.", "Личный номер", 0, 30, 2, "personal_number"),
)


def idcard() -> SpecimenDesign:
    wave = dict(spacing_mm=0.9, amplitude_mm=2.2, wavelength_mm=13.0,
                second_amplitude_mm=0.6, second_wavelength_mm=4.5, phase=0.9)  # fmt: skip
    front = PageParams(
        side="front", size=CARD, series="2019", substrate=inks.CARD_POLY,
        ink_a=(200, 185, 150), ink_b=(190, 210, 225), wave=wave,
        title="УТОПИЯ · UTOPIA", subtitle="УДОСТОВЕРЕНИЕ ЛИЧНОСТИ / IDENTITY CARD",
        header_y=1.6, header_cap=2.2, header_font="sans_bold",
        fields=rows(FRONT, x0=28.0, y0=10.5, pitch=5.6, value_cap=1.6, label_cap=0.9),
        rosette=dict(centre_mm=(66.0, 22.0), radius_mm=14.0, inner_mm=3.0, petals=17,
                     rings=9, style="epitrochoid"),
        rosette_ink=(170, 150, 205),
        rainbow=((225, 200, 150), (170, 230, 240), (215, 170, 225)),
        rainbow_zone=(0.0, 0.0, CARD[0], 9.0), rainbow_angle=25.0,
        micro_text="UTOPIA·УТОПИЯ·2019·", micro_line=(3.0, 8.7, 79.6),
        emblem=(52.0, 24.0, 12.0), uv_ink=inks.UV_YELLOW, fibres=30,
        portrait=(3.0, 10.5, 22.0, 28.0), ghost=(69.0, 31.0, 13.0, 17.0),
        signature=(3.0, 41.0, 22.0, 7.0), ovd=(53.0, 38.0, 12.0, 11.0),
    )  # fmt: skip
    back = PageParams(
        side="back", size=CARD, series="2019", substrate=inks.CARD_POLY,
        ink_a=(190, 200, 160), ink_b=(200, 190, 220), wave={**wave, "phase": 2.4},
        title="УТОПИЯ · UTOPIA", subtitle="IDENTITY CARD / УДОСТОВЕРЕНИЕ ЛИЧНОСТИ",
        header_y=1.4, header_cap=1.6, header_font="sans_bold",
        fields=rows(BACK, x0=4.0, y0=7.0, pitch=5.6, value_cap=1.6, label_cap=0.9),
        micro_text="РЕСПУБЛИКА УТОПИЯ·", micro_line=(4.0, 25.5, 77.6),
        uv_band=(2.0, 27.0, 81.6, 10.0), uv_band_ink=inks.UV_ORANGE, fibres=30,
        mrz_layout="TD1", feature_prefix="back_",
    )  # fmt: skip
    return SpecimenDesign(
        id="uto-id-2019",
        name_en="Utopia identity card, series 2019 (fictional)",
        name_ru="Удостоверение личности Утопии, серия 2019 (вымышленное)",
        issuing_state="UTO",
        kind="identity_card",
        layout="TD1",
        series="2019",
        issued_from=date(2019, 6, 1),
        issued_until=None,
        doc_code="ID",
        pages=(build_page(front), build_page(back)),
        notes_en="Fictional specimen rendered by `docexam synth specimens`.",
        notes_ru="Вымышленный образец, создан командой `docexam synth specimens`.",
    )
