"""Fictional holder names and their ICAO 9303 transliteration for synthetic documents.

Why this exists: a reader tuned only on ``ERIKSSON<<ANNA`` fails on the names that actually
cross Central Asian borders (long, transliterated from Cyrillic, often truncated). Names here
are common given names and surnames assembled at random, so no real person is depicted.
Cyrillic names are kept in Cyrillic so the printed page can show both scripts, and converted
with the Doc 9303 Russian table (see /work/shared/docs/icao-mrz-facts.md).
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np

# Doc 9303 Part 3 table for Russian Cyrillic; Ь/ь is omitted (marked uncertain in the facts).
_CYR = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
    "Я": "IA", "І": "I",
}  # fmt: skip
# Latin letters whose ICAO form is not simply the base letter (Doc 9303 Part 3, 6.A).
_LATIN = {"Ä": "AE", "Ö": "OE", "Ü": "UE", "ß": "SS", "Æ": "AE", "Ø": "OE", "Å": "AA"}

# Cyrillic surnames in their masculine form; feminine forms are derived (-ов -> -ова ...).
CYRILLIC_SURNAMES: dict[str, tuple[str, ...]] = {
    "KAZ": ("Нурсултанов", "Жаксылыков", "Сейтказиев", "Абдрахманов", "Кудайбергенов",
            "Есенгалиев", "Сарсенбаев", "Жумабеков", "Тулегенов", "Ахметов", "Оспанов",
            "Ибраимов", "Нурмухамбетов", "Сагындыков"),
    "KGZ": ("Абдыкадыров", "Токтогулов", "Осмоналиев", "Жээнбеков", "Сыдыков", "Турдубаев",
            "Асанкожоев", "Бообеков", "Кененсариев", "Мамыталиев"),
    "TJK": ("Рахимов", "Назаров", "Саидов", "Шарипов", "Хакимов", "Давлатов", "Мирзоев",
            "Сафаров", "Джураев", "Хайдаров", "Абдулхалилов", "Нуриддинов"),
    "RUS": ("Иванов", "Кузнецов", "Щербаков", "Воробьёв", "Соловьёв", "Ефимов", "Юдин",
            "Яковлев", "Чернышёв", "Зайцев", "Шевчук", "Хабибуллин", "Тимофеев"),
}  # fmt: skip
CYRILLIC_GIVEN_M: dict[str, tuple[str, ...]] = {
    "KAZ": ("Ерлан", "Нурлан", "Бауыржан", "Айдос", "Ержан", "Даурен", "Арман", "Жандос"),
    "KGZ": ("Азамат", "Бакыт", "Айбек", "Улан", "Эрмек", "Нурбек", "Таалайбек"),
    "TJK": ("Фаррух", "Бахтиёр", "Фирдавс", "Манучехр", "Сухроб", "Джамшед", "Рустам"),
    "RUS": ("Евгений", "Дмитрий", "Александр", "Константин", "Вячеслав", "Юрий", "Илья"),
}  # fmt: skip
CYRILLIC_GIVEN_F: dict[str, tuple[str, ...]] = {
    "KAZ": ("Айгерим", "Динара", "Асель", "Жанар", "Мадина", "Гульжан", "Аружан"),
    "KGZ": ("Чолпон", "Нургуль", "Жылдыз", "Айпери", "Бермет", "Гулназ"),
    "TJK": ("Парвина", "Шахноза", "Зарина", "Манижа", "Тахмина", "Фарангис"),
    "RUS": ("Юлия", "Анастасия", "Наталья", "Екатерина", "Ольга", "Ксения", "Дарья"),
}  # fmt: skip
CYRILLIC_PATRONYMIC_M = ("Нурсултанович", "Бахтиёрович", "Ерланович", "Евгеньевич")
CYRILLIC_PATRONYMIC_F = ("Нурсултановна", "Бахтиёровна", "Ерлановна", "Евгеньевна")

# States whose passports print names in Latin script only (Uzbek Latin, German, ...).
LATIN_SURNAMES: dict[str, tuple[str, ...]] = {
    "UZB": ("KHODJAEV", "ABDUKHALILOV", "YULDASHEV", "RAKHIMOV", "TOSHMATOV", "KARIMOV",
            "USMONOV", "NORMATOV", "ISMOILOV", "MUKHAMMADALIEV", "SAIDAKHMEDOV"),
    "D<<": ("MÜLLER", "SCHMIDT", "SCHÄFER", "WEIß", "KÖHLER", "BECKER", "HOFMANN-LÖWE"),
    "UTO": ("ERIKSSON", "STORM", "VAN DER BERG", "O'NEILL", "MCALLISTER-SMYTHE"),
    "FRA": ("DUPONT", "LEFÈVRE", "GARÇON", "MOREAU", "DE LA FONTAINE"),
    "ESP": ("GARCÍA", "MUÑOZ", "FERNÁNDEZ DE CÓRDOBA", "LÓPEZ"),
    "TUR": ("YILMAZ", "KAYA", "ÇELIK", "DEMIR", "ŞAHIN"),
    "CHN": ("WANG", "ZHANG", "LIU", "CHEN", "HUANG"),
    "USA": ("JOHNSON", "WILLIAMS", "RODRIGUEZ", "NGUYEN", "WASHINGTON-CARVER"),
    "AFG": ("AHMADZAI", "KARIMI", "MOHAMMADI", "SULTANI"),
}  # fmt: skip
LATIN_GIVEN_M = {
    "UZB": ("SHAKHZOD", "JAVOKHIR", "OTABEK", "SARDOR", "MUKHAMMADYUSUF", "ULUGBEK"),
    "D<<": ("JÖRG", "HANS-PETER", "LUKAS", "FRANZ JOSEF"),
    "UTO": ("ANDERS", "PETER JOHN", "JOHAN"),
    "FRA": ("JEAN-FRANÇOIS", "LUC", "ANTOINE"),
    "ESP": ("JOSÉ MARÍA", "IÑAKI", "PABLO"),
    "TUR": ("MEHMET", "ÖMER", "MUSTAFA"),
    "CHN": ("WEI", "JIANGUO", "HAORAN"),
    "USA": ("MICHAEL", "JAMES ROBERT", "DAVID"),
    "AFG": ("AHMAD SHAH", "MOHAMMAD", "FARID"),
}  # fmt: skip
LATIN_GIVEN_F = {
    "UZB": ("DILNOZA", "MUKHLISA", "GULNORA", "NILUFAR", "SHAKHNOZA", "MADINABONU"),
    "D<<": ("BÄRBEL", "JUTTA", "ANNA-LENA", "SOPHIE", "MARIE LUISE"),
    "UTO": ("ANNA MARIA", "INGRID", "KAJSA"),
    "FRA": ("MARIE-CLAIRE", "HÉLÈNE", "CÉCILE"),
    "ESP": ("MARÍA DEL CARMEN", "LUCÍA", "NURIA"),
    "TUR": ("AYŞE", "ZEYNEP", "GÜLSÜM"),
    "CHN": ("XIAOMEI", "LI NA", "YING"),
    "USA": ("JENNIFER", "MARY ELIZABETH", "ASHLEY"),
    "AFG": ("FATIMA", "ZARGHUNA", "MARYAM"),
}  # fmt: skip


def to_mrz_chars(text: str) -> str:
    """Transliterate a printed name to MRZ characters (A-Z, '<' for spaces and hyphens).

    Apostrophes are dropped (O'NEILL -> ONEILL), as Doc 9303 prescribes for punctuation.
    """
    out: list[str] = []
    for ch in text.upper():
        if ch in _CYR:
            out.append(_CYR[ch])
        elif ch in _LATIN:
            out.append(_LATIN[ch])
        elif "A" <= ch <= "Z":
            out.append(ch)
        elif ch in " -":
            out.append("<")
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            if "A" <= base <= "Z":
                out.append(base)
    return "".join(out)


def feminine(surname: str) -> str:
    """Slavic/Central-Asian feminine surname form (Иванов -> Иванова, KARIMOV -> KARIMOVA)."""
    if re.search(r"(ов|ев|ёв|ин|ын)$", surname):
        return surname + "а"
    if re.search(r"(OV|EV|IN)$", surname):
        return surname + "A"
    if surname.endswith("ий"):
        return surname[:-2] + "ая"
    return surname


def _pick(rng: np.random.Generator, items: tuple[str, ...]) -> str:
    return items[int(rng.integers(len(items)))]


def random_name(rng: np.random.Generator, state: str, female: bool) -> tuple[str, str, str, str]:
    """(printed surname, printed given names, MRZ primary, MRZ secondary) for a holder.

    Printed names keep their script (Cyrillic for KAZ/KGZ/TJK/RUS); the MRZ forms are
    transliterated. About one holder in six gets extra given names or a double surname,
    which is what makes names overflow and be truncated in the MRZ.
    """
    if state in CYRILLIC_SURNAMES:
        sur = _pick(rng, CYRILLIC_SURNAMES[state])
        given = _pick(rng, (CYRILLIC_GIVEN_F if female else CYRILLIC_GIVEN_M)[state])
        if rng.random() < 0.25:
            given += " " + _pick(rng, CYRILLIC_PATRONYMIC_F if female else CYRILLIC_PATRONYMIC_M)
        if rng.random() < 0.1:
            other = _pick(rng, CYRILLIC_SURNAMES[state])
            sur = sur + "-" + other if other != sur else sur
        sur = "-".join(feminine(p) if female else p for p in sur.split("-")).upper()
        given = given.upper()
    else:
        key = state if state in LATIN_SURNAMES else "UTO"
        sur = _pick(rng, LATIN_SURNAMES[key])
        given = _pick(rng, (LATIN_GIVEN_F if female else LATIN_GIVEN_M)[key])
        if female and key in ("UZB",):
            sur = feminine(sur)
        if rng.random() < 0.1:
            given += " " + _pick(rng, (LATIN_GIVEN_F if female else LATIN_GIVEN_M)[key])
    return sur, given, to_mrz_chars(sur), to_mrz_chars(given)


def name_field(primary: str, secondary: str, width: int) -> str:
    """The MRZ name field: PRIMARY<<SECONDARY, padded or truncated to ``width``.

    Truncation keeps a letter in the last position where possible (Doc 9303 truncates
    secondary identifiers first), so a full field does not end with a filler.
    """
    secondary = "<".join(p for p in secondary.split("<") if p)
    full = primary + ("<<" + secondary if secondary else "")
    if len(full) <= width:
        return full.ljust(width, "<")
    cut = full[:width]
    nxt = full[width:].lstrip("<")
    if cut.endswith("<") and not cut.endswith("<<") and nxt:
        # e.g. ABC<<DEFG<HIJ at width 10 -> ABC<<DEF<H: shorten a name, keep an initial.
        cut = cut[:-2] + "<" + nxt[0]
    return cut
