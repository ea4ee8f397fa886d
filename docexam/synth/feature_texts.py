"""Default officer texts per feature type, in English and Russian.

Why defaults: every bundled specimen describes the same kinds of feature; writing the
"how to check / what genuine looks like / what forgeries get wrong" texts once per type
keeps them consistent, and a design overrides a text only where its feature differs.
"""

from __future__ import annotations

# type -> (instructions, genuine, forgery_signs), each (en, ru)
TEXTS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "guilloche": (
        ("Compare the background lines with the reference under a magnifier.",
         "Сравните линии фона с образцом под лупой."),
        ("Continuous, sharp fine lines that interlace without breaks; colours change "
         "smoothly.", "Непрерывные чёткие тонкие линии переплетаются без разрывов; цвета "
         "переходят плавно."),
        ("Broken, dotted or blurred lines (printer dots), a pattern from another series, "
         "lines that do not join at the edges of an altered area.",
         "Разорванные, точечные или размытые линии (растр принтера), рисунок другой серии, "
         "линии не совпадают на границе изменённого участка."),
    ),
    "microprint": (
        ("Read the microtext with a 10x magnifier.", "Прочтите микротекст под лупой 10x."),
        ("Sharp letters, readable under magnification.",
         "Чёткие буквы, читаемые под увеличением."),
        ("A dotted or solid line instead of letters (copies and inkjet prints cannot "
         "reproduce it).", "Вместо букв пунктир или сплошная линия (копир и струйный "
         "принтер не воспроизводят микротекст)."),
    ),
    "rainbow_printing": (
        ("Follow the colour transition across the zone.",
         "Проследите переход цветов по зоне."),
        ("Colours merge smoothly with no dot screen.", "Цвета переходят плавно, без растра."),
        ("Visible dot screen, steps between colours, wrong colour order.",
         "Виден растр, ступенчатые переходы, неверный порядок цветов."),
    ),
    "uv_fluorescent_print": (
        ("Look at the zone under UV 365 nm.", "Осмотрите зону в УФ-свете 365 нм."),
        ("The pattern glows in its colour, sharp and complete.",
         "Рисунок светится своим цветом, чётко и полностью."),
        ("Missing or weak glow, the pattern of another series, glow in the wrong colour.",
         "Свечения нет или оно слабое, рисунок другой серии, неверный цвет свечения."),
    ),
    "uv_fibres": (
        ("Look for coloured fibres under UV 365 nm.", "Найдите цветные волокна в УФ-свете."),
        ("Short fibres in red, green and blue glow, embedded at random.",
         "Короткие волокна светятся красным, зелёным и синим, расположены хаотично."),
        ("No fibres, or fibres printed on the surface in one colour.",
         "Волокон нет, или они напечатаны на поверхности одним цветом."),
    ),
    "uv_dull_substrate": (
        ("Compare the page's glow under UV with the reference.",
         "Сравните свечение бланка в УФ-свете с образцом."),
        ("The substrate stays dark (dull) under UV.", "Основа в УФ-свете остаётся тёмной."),
        ("Ordinary paper glows bright blue-white (optical brighteners).",
         "Обычная бумага ярко светится голубовато-белым (оптические отбеливатели)."),
    ),
    "ir_absorbing_ink": (
        ("Look at the zone under IR 870 nm.", "Осмотрите зону в ИК-свете 870 нм."),
        ("The print stays dark and complete under IR.", "Печать в ИК-свете тёмная и полная."),
        ("Characters fade or vanish under IR (reprinted with ordinary ink).",
         "Символы бледнеют или исчезают в ИК-свете (перепечатаны обычной краской)."),
    ),
    "ir_dropout_ink": (
        ("Look at the zone under IR 870 nm.", "Осмотрите зону в ИК-свете 870 нм."),
        ("The print disappears under IR.", "Печать в ИК-свете исчезает."),
        ("The print stays visible under IR (ordinary black ink).",
         "Печать остаётся видимой в ИК-свете (обычная чёрная краска)."),
    ),
    "ghost_image": (
        ("Compare the ghost image with the main portrait.",
         "Сравните дополнительное изображение с основным портретом."),
        ("The same face as the portrait, faint, in fine lines.",
         "То же лицо, что на портрете, бледное, из тонких линий."),
        ("A different face, or a ghost that does not match the portrait's pose.",
         "Другое лицо или несовпадение с позой на портрете."),
    ),
    "optically_variable_element": (
        ("Tilt the document under white light.", "Наклоните документ в белом свете."),
        ("Colours and image change with the angle.", "Цвета и изображение меняются с углом."),
        ("A flat print or a foil that does not change.",
         "Плоская печать или неменяющаяся фольга."),
    ),
    "laser_perforation": (
        ("Hold the page against the light.", "Посмотрите страницу на просвет."),
        ("Round, clean holes forming the number, edges slightly burnt.",
         "Круглые ровные отверстия образуют номер, края слегка опалены."),
        ("Holes missing, punched mechanically, or a number different from the page's.",
         "Отверстий нет, они пробиты механически или номер не совпадает."),
    ),
    "watermark": (
        ("Look at the page in transmitted light.", "Посмотрите страницу на просвет."),
        ("A multi-tone watermark is visible in the paper.",
         "В бумаге виден многотоновый водяной знак."),
        ("No watermark, or a printed imitation visible in reflected light.",
         "Водяного знака нет или он напечатан и виден в отражённом свете."),
    ),
    "printed_portrait": (
        ("Check that the portrait is printed into the page.",
         "Убедитесь, что портрет напечатан на бланке."),
        ("The portrait is part of the page; background and UV print run across it.",
         "Портрет часть бланка; фон и УФ-печать проходят через него."),
        ("A glued-on photograph: raised edges, background lines that stop at its border, "
         "UV pattern missing over it.", "Вклеенная фотография: края, линии фона обрываются "
         "на границе, над фото нет УФ-рисунка."),
    ),
    "mrz_integrity": (
        ("Read the MRZ and verify its check digits.",
         "Считайте МСЗ и проверьте контрольные цифры."),
        ("Every check digit holds.", "Все контрольные цифры верны."),
        ("Altered data with check digits left unchanged.",
         "Изменённые данные при прежних контрольных цифрах."),
    ),
    "data_consistency": (
        ("Compare the printed data with the MRZ.", "Сравните напечатанные данные с МСЗ."),
        ("Names, dates and number agree with the MRZ.",
         "Имена, даты и номер совпадают с МСЗ."),
        ("A printed date, name or number that differs from the MRZ.",
         "Напечатанные дата, имя или номер отличаются от МСЗ."),
    ),
    "typeface": (
        ("Compare the letter shapes of the data with the reference.",
         "Сравните начертание букв данных с образцом."),
        ("The personalisation typeface, size and spacing of the reference.",
         "Шрифт, размер и интервалы как на образце."),
        ("Another typeface (serifs where there are none), wrong size or spacing.",
         "Другой шрифт (засечки, где их нет), другой размер или интервал."),
    ),
}  # fmt: skip


def texts_for(feature_type: str) -> dict[str, dict[str, str]]:
    """Manifest texts (instructions, genuine, forgery_signs) for ``feature_type``."""
    instr, genuine, signs = TEXTS[feature_type]
    return {
        "instructions": {"en": instr[0], "ru": instr[1]},
        "genuine": {"en": genuine[0], "ru": genuine[1]},
        "forgery_signs": {"en": signs[0], "ru": signs[1]},
    }
