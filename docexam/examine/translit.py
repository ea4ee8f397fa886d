"""Printed VIZ values -> their MRZ forms: names (every acceptable transliteration), dates, sex.

Why a set of name forms and not one: the MRZ of a genuine Central Asian or Russian document
is not always the plain Doc 9303 transliteration of its printed Cyrillic name. States use
national rules for their own letters (Kazakh Қ -> K, Uzbek and Tajik Қ -> Q), older
passports older rules (Я -> YA), and holders may ask for a spelling. Flagging each of these
as a VIZ/MRZ mismatch would bury officers in false alarms, so every documented variant below
is accepted. The rules are options per letter; ``transliterations`` enumerates combinations
(fewest deviations first, at most ``MAX_VARIANTS``), ``name_distance`` walks the same table
as a lattice, so matching stays exact however many variants a long name has.

| printed | MRZ forms | source |
| --- | --- | --- |
| Russian А-Я, І | Ж ZH, Х KH, Ц TS, Ч CH, Ш SH, Щ SHCH, Ъ IE, Ы Y, Й I, Ё E, Ю IU, Я IA | 9303 |
| Ь | (dropped) | facts (not in 9303's table) |
| Ъ | IE, (dropped) | 9303; MVD97 and CA practice drop it |
| Й Ю Я Ё | I/Y, IU/YU, IA/YA, E/YO | 9303; MVD97, UZ95, TJ94 (Y-forms) |
| Х | KH, H, X | 9303; KZ (H on the holder's request); UZ95 (X) |
| Ж | ZH, J, DZH | 9303; UZ95 (J); KG (DZHUMAGULOV) |
| Ы | Y, I | 9303; TJ98 (Ы became И) |
| ДЖ | DZH, J | 9303 letter by letter; TJ94/UZ95 J (Джураев -> JURAEV) |
| Ә | A, AE | KZ (Ә as А); 9303 for its Latin form Ä |
| Ғ | G, GH | KZ, UZ95 (G', apostrophe dropped); TJ94, BGN (GH) |
| Қ | K, Q | KZ, KG; UZ95, TJ94, KZ21 (Q) |
| Ң | N, NG | KZ, KG; BGN (NG) |
| Ө Ү | O/OE, U/UE | KZ, KG; 9303 for their Latin forms Ö Ü |
| Ұ Һ | U, H | KZ; KZ21 (Ū, H) |
| Ҳ | H, KH | TJ94, UZ95 (H); KH where the name went through Russian Х |
| Ҷ | J, DZH | TJ94 (J); 9303 for the Russian spelling Дж |
| Ӣ Ӯ | I, U | TJ94 (Ī Ū: the macron is dropped) |
| Ў | U, O | 9303 (Belarusian Ў); UZ95 (O', apostrophe dropped) |
| І Ґ Ї Є Ј Ѕ Џ | I, G, I, IE, J, DZ, DZ | 9303; facts (marked uncertain there) |
| Ä Ö Ü | AE/A, OE/O, UE/UXX/U | 9303 section 6 (A, O, U: states that drop the diaeresis) |
| Å Æ Ø ß Þ Œ Ĳ Ñ | AA/A, AE, OE/O, SS, TH, OE, IJ, N/NXX | 9303 section 6 |
| other Latin diacritics, Ł Đ Ħ | the base letter | 9303 section 6 |
| space, hyphen / punctuation | '<' / (dropped) | 9303 (O'NEILL -> ONEILL) |

Sources: 9303 = ICAO Doc 9303 Part 3 (transliteration tables; Russian passports use it
since 2013); facts = /work/shared/docs/icao-mrz-facts.md; MVD97 = Russian passport rules
before GOST R 52535.1-2006; KZ = Kazakh passport practice (Ә/А -> A, Қ -> K, Ң -> N, Ө ->
O, Ү/Ұ -> U; MVD RK, 2017: "Хилл" printed KHILL, HILL on request); KG = Kyrgyz passport
instruction (Ж -> DZH, Х -> KH; State Registration Service, 2019); KZ21 = Kazakh Latin
alphabet 2021; UZ95 = Uzbek Latin alphabet 1995 (UNGEGN report 2003); TJ94 = BGN/PCGN
Tajik 1994 and TJ98 = the Tajik 1998 spelling reform; BGN = BGN/PCGN Kazakh and Kyrgyz; CA
= Central Asian practice.

MRZ truncation (Doc 9303 Part 3 4.6): a name too long for its field loses characters from
the end of its identifiers, down to initials, and trailing identifiers may go; so an MRZ
word that is a prefix of the printed word, and missing trailing words, still match.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata

__all__ = [
    "CYR_TO_LAT", "MAX_VARIANTS", "name_distance", "name_matches", "printed_date",
    "printed_sex", "transliterations",
]  # fmt: skip

MAX_VARIANTS = 64

# Options per printed letter (upper case); the first option is the primary (ICAO) form.
_CYR: dict[str, tuple[str, ...]] = {
    "А": ("A",), "Б": ("B",), "В": ("V",), "Г": ("G",), "Д": ("D",), "Е": ("E",),
    "Ё": ("E", "YO"), "Ж": ("ZH", "J", "DZH"), "З": ("Z",), "И": ("I",), "Й": ("I", "Y"),
    "К": ("K",), "Л": ("L",), "М": ("M",), "Н": ("N",), "О": ("O",), "П": ("P",),
    "Р": ("R",), "С": ("S",), "Т": ("T",), "У": ("U",), "Ф": ("F",), "Х": ("KH", "H", "X"),
    "Ц": ("TS",), "Ч": ("CH",), "Ш": ("SH",), "Щ": ("SHCH",), "Ъ": ("IE", ""),
    "Ы": ("Y", "I"), "Ь": ("",), "Э": ("E",), "Ю": ("IU", "YU"), "Я": ("IA", "YA"),
    "І": ("I",), "Ә": ("A", "AE"), "Ғ": ("G", "GH"), "Қ": ("K", "Q"), "Ң": ("N", "NG"),
    "Ө": ("O", "OE"), "Ұ": ("U",), "Ү": ("U", "UE"), "Һ": ("H",), "Ҳ": ("H", "KH"),
    "Ҷ": ("J", "DZH"), "Ӣ": ("I",), "Ӯ": ("U",), "Ў": ("U", "O"), "Ґ": ("G",),
    "Ї": ("I",), "Є": ("IE",), "Ј": ("J",), "Ѕ": ("DZ",), "Џ": ("DZ",),
}  # fmt: skip
_DIGRAPHS: dict[str, tuple[str, ...]] = {"ДЖ": ("DZH", "J")}
_LATIN: dict[str, tuple[str, ...]] = {
    "Ä": ("AE", "A"), "Ö": ("OE", "O"), "Ü": ("UE", "UXX", "U"), "Å": ("AA", "A"),
    "Æ": ("AE",), "Ø": ("OE", "O"), "ß": ("SS",), "Þ": ("TH",), "Œ": ("OE",), "Ĳ": ("IJ",),
    "Ñ": ("N", "NXX"), "Ł": ("L",), "Đ": ("D",), "Ð": ("D",), "Ħ": ("H",),
}  # fmt: skip
# OCR readers mix the two scripts inside one word; these letters look the same in both.
CYR_TO_LAT = dict(zip("АВСЕНІЈКМОРЅТХУ", "ABCEHIJKMOPSTXY", strict=True))
_LAT_TO_CYR = {lat: cyr for cyr, lat in CYR_TO_LAT.items() if cyr not in "ІЈЅ"}

Slot = tuple[str, ...]
_SEP: Slot = ("<",)


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _fold_word(word: str) -> str:
    """Look-alike letters of the word's minority script turned into its majority script."""
    cyr, lat = sum(_is_cyr(c) for c in word), sum("A" <= c <= "Z" for c in word)
    table = CYR_TO_LAT if lat > cyr else _LAT_TO_CYR if cyr > lat else {}
    return "".join(table.get(c, c) for c in word)


def _word_slots(word: str) -> list[Slot]:
    slots: list[Slot] = []
    i = 0
    while i < len(word):
        ch, pair = word[i], word[i : i + 2]
        base = unicodedata.normalize("NFKD", ch)[:1].upper()
        if pair in _DIGRAPHS:
            slots.append(_DIGRAPHS[pair])
            i += 1
        elif ch in _CYR or ch in _LATIN:
            slots.append(_CYR.get(ch) or _LATIN[ch])
        elif "A" <= base <= "Z":
            slots.append((base,))
        i += 1
    return slots


def _parts(printed: str) -> list[list[Slot]]:
    """Each script version of the printed name as slots, words separated by ``_SEP``.

    '/' separates versions ('ЮДИНА / IUDINA'); so does a change of script between words,
    so an OCR reading that lost the slash still compares each script on its own. Spaces,
    hyphens and '<' separate words; other punctuation is dropped.
    """
    parts: list[list[Slot]] = []
    for chunk in printed.upper().split("/"):
        current: list[Slot] = []
        script = ""
        for word in "".join(" " if c in "-<_" else c for c in chunk).split():
            word = _fold_word(word)
            slots = _word_slots(word)
            if not slots:
                continue
            ws = "C" if sum(_is_cyr(c) for c in word) * 2 > len(word) else "L"
            if current and ws != script:
                parts.append(current)
                current = []
            current += [_SEP, *slots] if current else slots
            script = ws
        if current:
            parts.append(current)
    return parts


def _mrz_form(mrz_name: str) -> str:
    """'IVANOVA<<ANNA<<<' or 'IVANOVA ANNA' -> 'IVANOVA<ANNA' (single fillers, no ends)."""
    letters = "".join(c if "A" <= c <= "Z" else "<" for c in mrz_name.upper())
    return "<".join(w for w in letters.split("<") if w)


def _enumerate(slots: list[Slot], cap: int) -> list[str]:
    """Forms of one part, fewest non-primary choices first, at most ``cap``."""
    forms: list[tuple[int, str]] = [(0, "")]
    for opts in slots:
        nxt = [(dev + (k > 0), s + o) for dev, s in forms for k, o in enumerate(opts)]
        forms = sorted(nxt, key=lambda t: t[0])[: cap * 4]  # room for duplicate strings
    return list(dict.fromkeys(s for _, s in forms))[:cap]


def transliterations(text: str) -> frozenset[str]:
    """Every acceptable MRZ form (A-Z and '<') of the printed name ``text`` (see the table).

    Each script version of a bilingual name ('ЮДИНА / IUDINA') contributes its forms; the
    set holds at most ``MAX_VARIANTS`` forms, the plain ICAO one always among them.
    """
    parts = _parts(text)
    share = max(1, MAX_VARIANTS // max(1, len(parts)))
    forms = itertools.chain.from_iterable(_enumerate(p, share) for p in parts)
    return frozenset(itertools.islice(dict.fromkeys(forms), MAX_VARIANTS))


def _lattice(slots: list[Slot]) -> tuple[list[list[tuple[int, str]]], set[int]]:
    """Character DAG of a part: edges[node] = [(next node, char or '')], and the word ends.

    Nodes are numbered in topological order (every edge goes to a higher number). Every
    slot boundary inside a word has a free edge to the word's end (MRZ truncation of an
    identifier); every word end may finish the match (trailing identifiers dropped).
    """
    edges: list[list[tuple[int, str]]] = [[]]
    cur, inner, ends = 0, list[int](), set[int]()  # inner: nodes after a word's first char
    for opts in [*slots, _SEP]:
        if opts is _SEP:
            ends.add(cur)
            edges[cur].append((len(edges), "<"))
            edges.append([])
            for node in inner[:-1]:
                edges[node].append((cur, ""))
            cur, inner = len(edges) - 1, []
            continue
        pending: list[tuple[int, str]] = []
        for opt in opts:
            node = cur
            for ch in opt[:-1]:
                edges.append([])
                edges[node].append((len(edges) - 1, ch))
                node = len(edges) - 1
                inner.append(node)
            pending.append((node, opt[-1:]))
        edges.append([])
        cur = len(edges) - 1
        inner.append(cur)
        for node, ch in pending:
            edges[node].append((cur, ch))
    return edges, ends


def _distance(part: list[Slot], target: str) -> int:
    """Edit distance between ``target`` and the closest path through the part's lattice."""
    edges, ends = _lattice(part)
    m = len(target)
    big = 10**6
    dist = [[big] * (m + 1) for _ in edges]
    dist[0] = list(range(m + 1))
    for u, row in enumerate(dist):
        for j in range(1, m + 1):  # a target character with no printed counterpart
            row[j] = min(row[j], row[j - 1] + 1)
        for v, ch in edges[u]:
            out = dist[v]
            for j in range(m + 1):
                d = row[j]
                if d >= big:
                    continue
                if not ch:
                    out[j] = min(out[j], d)
                    continue
                out[j] = min(out[j], d + 1)  # a printed character missing from the MRZ
                if j < m:
                    out[j + 1] = min(out[j + 1], d + (ch != target[j]))
    return min(dist[e][m] for e in ends)


def name_distance(printed: str, mrz_name: str) -> int:
    """Fewest character edits that make the MRZ name an acceptable form of ``printed``.

    0 means a documented transliteration (or a Doc 9303 truncation of one) of some script
    version of the printed name; OCR noise in either shows up as a small number.
    """
    target = _mrz_form(mrz_name)
    parts = _parts(printed)
    if not parts:
        return len(target) if target else 0
    if not target:
        return min(sum(opts is not _SEP for opts in p) for p in parts)
    return min(_distance(p, target) for p in parts)


def name_matches(printed: str, mrz_name: str, *, max_edits: int = 0) -> bool:
    """True when the MRZ name field agrees with the printed name (both scripts accepted).

    ``mrz_name`` may hold '<' fillers or spaces; a truncated MRZ name matches its printed
    original. ``max_edits`` tolerates OCR noise (0: exact up to the documented variants).
    """
    return name_distance(printed, mrz_name) <= max_edits


_MONTHS = {m: i + 1 for i, ms in enumerate(
    ("JAN ЯНВ", "FEB ФЕВ", "MAR МАР", "APR АПР", "MAY МАЙ МАЯ", "JUN ИЮН", "JUL ИЮЛ",
     "AUG АВГ", "SEP СЕН", "OCT ОКТ", "NOV НОЯ", "DEC ДЕК")) for m in ms.split()}  # fmt: skip
_DIGIT_LOOKALIKES = str.maketrans("OQDIL|!", "0001111")


def printed_date(text: str) -> tuple[int, int, int] | None:
    """(day, month, year) of a printed date ('06.08.1955', '06 АВГ/AUG 1955'), else None.

    Letters OCR confuses with digits are read as digits (O -> 0, I -> 1); a result that is
    not a calendar date is None, so noise never turns into "another date".
    """
    up = text.upper()
    m = re.search(r"(\d{1,2})\D{0,3}?(\d{1,2})\D{0,3}?(\d{4})", up.translate(_DIGIT_LOOKALIKES))
    if m is not None:
        d, mo, y = (int(g) for g in m.groups())
    else:
        m = re.search(r"(\d{1,2})\W*([A-ZА-Я]{3})\S*\s*(\d{4})", up)
        if m is None or m.group(2) not in _MONTHS:
            return None
        d, mo, y = int(m.group(1)), _MONTHS[m.group(2)], int(m.group(3))
    try:
        dt.date(y, mo, d)
    except ValueError:
        return None
    return d, mo, y


def printed_sex(text: str) -> tuple[str | None, bool]:
    """('F'|'M'|'X'|None, consistent) of a printed sex ('Ж/F' -> F, 'М/M' -> M).

    The Latin part (after the slash) decides; ``consistent`` is False when the Cyrillic part
    says otherwise, which a reader must not report as a clear reading.
    """
    sexes = {"F": "F", "Ж": "F", "M": "M", "М": "M", "X": "X"}
    parts = [[sexes[c] for c in p.upper() if c in sexes] for p in text.split("/")]
    every = {v for p in parts for v in p}
    decisive = set(parts[-1]) if len(parts) > 1 and parts[-1] else every
    if len(decisive) != 1:
        return None, False
    return min(decisive), len(every) == 1
