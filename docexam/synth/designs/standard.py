"""One parameterised page layout that every bundled design instantiates.

Why one builder: the passport series, the ID card's two sides and the visa carry the same
kinds of feature; building them in one place keeps element ids, feature ids and inks
consistent across specimens (the forgery catalogue relies on them: ``uv_emblem``,
``portrait``, ``labels``, ``value:*``, ``mrz`` ...), while each design only states its
geometry, palette and which optional features it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from docexam.synth import inks
from docexam.synth.design import Element, FeatureDef, FieldDef, PageDesign, Rect
from docexam.synth.designs import elements as el
from docexam.synth.textdraw import mrz_zone_mm

BGR = tuple[int, int, int]
MRZ_SHAPE = {"TD1": (3, 30), "TD2": (2, 36), "TD3": (2, 44), "MRVA": (2, 44), "MRVB": (2, 36)}


@dataclass(frozen=True)
class PageParams:
    side: str
    size: tuple[float, float]
    series: str
    substrate: inks.Substrate
    ink_a: BGR
    ink_b: BGR
    wave: dict
    title: str
    subtitle: str
    header_y: float
    header_cap: float
    header_font: str
    fields: tuple[FieldDef, ...]
    rosette: dict | None = None
    rosette_ink: BGR = (180, 160, 200)
    rainbow: tuple[BGR, ...] | None = None
    rainbow_zone: Rect | None = None
    rainbow_angle: float = 30.0
    micro_text: str = "UTOPIA·УТОПИЯ·"
    micro_line: tuple[float, float, float] | None = None  # x, y, length mm
    emblem: tuple[float, float, float] | None = None  # centre x, y, radius mm
    uv_ink: inks.Ink = inks.UV_YELLOW
    uv_band: Rect | None = None  # an extra UV line pattern (e.g. a card's back)
    uv_band_ink: inks.Ink = inks.UV_ORANGE
    fibres: int = 60
    portrait: Rect | None = None
    ghost: Rect | None = None
    signature: Rect | None = None
    mrz_layout: str | None = None
    ovd: Rect | None = None
    perforation: Rect | None = None
    watermark: Rect | None = None
    extra_zones: dict[str, Rect] = field(default_factory=dict)
    feature_prefix: str = ""  # feature ids are unique per specimen: "back_" on a card's back


def _f(fid, ftype, en, ru, lights, zones, method, tol) -> FeatureDef:
    return FeatureDef(fid, ftype, en, ru, tuple(lights), tuple(zones), method, tol)


def build_page(p: PageParams) -> PageDesign:
    """Elements, zones and features of one page from its parameters."""
    w, h = p.size
    full: Rect = (0.0, 0.0, w, h)
    mrz: Rect | None = None
    if p.mrz_layout:
        rows, cols = MRZ_SHAPE[p.mrz_layout]
        mrz = mrz_zone_mm(p.mrz_layout, p.size, rows, cols)
    bg: Rect = (1.5, 1.5, w - 3.0, (mrz[1] - 2.5 if mrz else h - 3.0))
    label_zones = tuple((f.x, f.y - 0.3, f.width, f.label_cap + 0.6) for f in p.fields)
    value_zones = tuple(f.zone() for f in p.fields)
    data_zones = tuple(f.zone() for f in p.fields if f.mrz_field)
    header_zone: Rect = (4.0, p.header_y - 0.5, w - 8.0, p.header_cap + 3.5)

    ink_a = inks.guilloche_ink("background A", p.ink_a)
    ink_b = inks.guilloche_ink("background B", p.ink_b)
    wv = p.wave
    els: list[Element] = [
        el.waves("guilloche", ink_a, feature="guilloche", region=bg, line_mm=0.09, **wv),
        el.waves("guilloche_b", ink_b, feature="guilloche", region=bg, line_mm=0.07,
                 spacing_mm=wv["spacing_mm"] * 1.7, amplitude_mm=wv["amplitude_mm"] * 1.5,
                 wavelength_mm=wv["wavelength_mm"] * 0.7, phase=wv.get("phase", 0.0) + 2.0),
        el.border("border", ink_a, feature="guilloche", inset_mm=1.0, width_mm=2.0,
                  strands=4 if p.series < "2020" else 6, phase=wv.get("phase", 0.0)),
    ]  # fmt: skip
    feats: list[FeatureDef] = [
        _f("guilloche", "guilloche", "Guilloche background", "Гильоширный фон", ["white"],
           [full], "pattern_match", 0.5),
    ]  # fmt: skip
    if p.rosette:
        r = p.rosette
        (cx, cy), rr = r["centre_mm"], r["radius_mm"]
        rz: Rect = (cx - rr - 1, cy - rr - 1, 2 * rr + 2, 2 * rr + 2)
        els.append(el.rosette("rosette", inks.guilloche_ink("rosette", p.rosette_ink),
                              feature="rosette", line_mm=0.08, **r))  # fmt: skip
        feats.append(_f("rosette", "guilloche", "Rosette", "Розетка", ["white"], [rz],
                        "pattern_match", 0.45))  # fmt: skip
    if p.rainbow and p.rainbow_zone:
        els.append(el.rainbow("rainbow", inks.guilloche_ink("rainbow", p.rainbow[0]),
                              feature="rainbow", region=p.rainbow_zone, colours=p.rainbow,
                              angle_deg=p.rainbow_angle))  # fmt: skip
        feats.append(_f("rainbow", "rainbow_printing", "Rainbow band", "Ирисовая полоса",
                        ["white"], [p.rainbow_zone], "colour_match", 9.0))  # fmt: skip
    if p.micro_line:
        mx, my, ml = p.micro_line
        els.append(el.microprint("microprint", inks.guilloche_ink("microprint", (120, 100, 70)),
                                 feature="microprint", text=p.micro_text, origin=(mx, my),
                                 length=ml))  # fmt: skip
        feats.append(_f("microprint", "microprint", "Microtext line", "Микротекст", ["white"],
                        [(mx, my - 0.3, ml, 1.0)], "fine_detail", 0.75))  # fmt: skip
    els += [
        el.text("title", inks.LABEL_BLUE, p.title, feature="ir_dropout", x=w / 2,
                y=p.header_y, cap=p.header_cap, font=p.header_font, align="centre"),
        el.text("subtitle", inks.LABEL_BLUE, p.subtitle, feature="ir_dropout", x=w / 2,
                y=p.header_y + p.header_cap + 1.4, cap=p.header_cap * 0.55, font="sans",
                align="centre"),
        el.labels("labels", inks.LABEL_BLUE, p.fields, feature="ir_dropout"),
        el.fibres("fibres_red", inks.FIBRE_RED, feature="uv_fibres", seed=11, count=p.fibres),
        el.fibres("fibres_green", inks.FIBRE_GREEN, feature="uv_fibres", seed=12,
                  count=p.fibres),
        el.fibres("fibres_blue", inks.FIBRE_BLUE, feature="uv_fibres", seed=13, count=p.fibres),
    ]  # fmt: skip
    feats += [
        _f("uv_fibres", "uv_fibres", "UV fibres", "УФ-волокна", ["uv365"], [full],
           "fibres_present", 0.3),
        _f("uv_dull", "uv_dull_substrate", "UV-dull substrate", "Основа без УФ-свечения",
           ["uv365"], [full], "uv_dull", 1.6),
        _f("ir_dropout", "ir_dropout_ink", "Labels and title vanish in IR",
           "Надписи исчезают в ИК-свете", ["ir870"], [header_zone, *label_zones],
           "ir_invisible", 0.3),
    ]  # fmt: skip
    if p.emblem:
        ex, ey, er = p.emblem
        els.append(el.emblem("uv_emblem", p.uv_ink, feature="uv_emblem", centre_mm=(ex, ey),
                             radius_mm=er, variant=p.series))  # fmt: skip
        feats.append(_f("uv_emblem", "uv_fluorescent_print", "UV emblem", "УФ-герб", ["uv365"],
                        [(ex - er - 1, ey - er - 1, 2 * er + 2, 2 * er + 2)], "pattern_match",
                        0.5))  # fmt: skip
    if p.uv_band:
        els.append(el.uv_waves("uv_band", p.uv_band_ink, feature="uv_band", region=p.uv_band,
                               spacing_mm=1.2, amplitude_mm=2.0, wavelength_mm=11.0,
                               line_mm=0.15, phase=0.8))  # fmt: skip
        feats.append(_f("uv_band", "uv_fluorescent_print", "UV wave band", "УФ-волны",
                        ["uv365"], [p.uv_band], "pattern_match", 0.5))  # fmt: skip
    zones: dict[str, Rect] = dict(p.extra_zones)
    if p.portrait:
        px, py, pw, ph = p.portrait
        uv_over: Rect = (px - 1.5, py + ph * 0.62, pw + 12.0, min(11.0, ph * 0.3))
        els += [
            el.uv_waves("uv_overprint", inks.UV_BLUE, feature="uv_overprint", region=uv_over,
                        spacing_mm=1.6, amplitude_mm=1.2, wavelength_mm=8.0, line_mm=0.18),
            el.portrait("portrait", inks.PORTRAIT_INK, p.portrait, feature="printed_portrait"),
        ]  # fmt: skip
        feats += [
            _f("uv_overprint", "uv_fluorescent_print", "UV lines across the portrait",
               "УФ-линии через портрет", ["uv365"], [uv_over], "fluorescence", 0.45),
            _f("printed_portrait", "printed_portrait", "Printed portrait", "Печатный портрет",
               ["white", "uv365"], [p.portrait], "uv_dull", 1.5),
        ]  # fmt: skip
        zones["portrait"] = p.portrait
        if p.ghost:
            els.append(el.ghost("ghost", inks.GHOST_INK, p.ghost, p.portrait,
                                feature="ghost_image"))  # fmt: skip
            feats.append(_f("ghost_image", "ghost_image", "Ghost image",
                            "Дополнительное изображение", ["white"], [p.ghost, p.portrait],
                            "ghost_matches_portrait", 0.86))  # fmt: skip
            zones["ghost_image"] = p.ghost
    if p.signature:
        sig_ink = inks.Ink("signature ink", (110, 40, 25), None, 0.0)
        els.append(el.signature("signature", sig_ink, p.signature, feature=None))
        zones["signature"] = p.signature
    if p.ovd:
        els.append(el.ovd("ovd", inks.OVD_FOIL, feature="ovd", region=p.ovd, seed=7))
        feats.append(_f("ovd", "optically_variable_element", "Diffractive patch (OVD)",
                        "Дифракционный элемент", ["white"], [p.ovd], "visual", None))  # fmt: skip
    if p.perforation:
        els.append(el.perforation("perforation", inks.PERFORATION, feature="perforation",
                                  origin=p.perforation[:2]))  # fmt: skip
        feats.append(_f("perforation", "laser_perforation", "Laser-perforated number",
                        "Лазерная перфорация номера", ["white"], [p.perforation], "visual",
                        None))  # fmt: skip
    if p.watermark:
        feats.append(_f("watermark", "watermark", "Watermark (emblem)", "Водяной знак (герб)",
                        ["white"], [p.watermark], "visual", None))  # fmt: skip
    if p.fields:
        els += [el.value(f, inks.DATA_BLACK, feature="data") for f in p.fields]
        feats += [
            _f("ir_data", "ir_absorbing_ink", "Personal data in IR-absorbing ink",
               "Данные поглощают ИК-свет", ["ir870"], value_zones, "ir_visible", 0.5),
            _f("data_typeface", "typeface", "Personalisation typeface", "Шрифт персонализации",
               ["white"], value_zones, "typeface_match", 0.8),
        ]  # fmt: skip
        if data_zones:
            feats.append(
                _f(
                    "viz_mrz",
                    "data_consistency",
                    "Printed data agree with the MRZ",
                    "Данные совпадают с МСЗ",
                    ["white"],
                    [*data_zones, *([mrz] if mrz else [])],
                    "viz_matches_mrz",
                    None,
                )
            )
    if mrz:
        els.append(el.mrz("mrz", inks.MRZ_BLACK, feature="mrz_b900"))
        feats += [
            _f("mrz_b900", "ir_absorbing_ink", "MRZ in IR-absorbing ink", "МСЗ поглощает ИК-свет",
               ["ir870"], [mrz], "ir_visible", 0.6),
            _f("mrz_check_digits", "mrz_integrity", "MRZ check digits", "Контрольные цифры МСЗ",
               ["white"], [mrz], "mrz_check_digits", None),
        ]  # fmt: skip
        zones["mrz"] = mrz
    if p.feature_prefix:
        feats = [replace(f, id=p.feature_prefix + f.id) for f in feats]
    return PageDesign(
        side=p.side,
        size_mm=p.size,
        substrate=p.substrate,
        elements=tuple(els),
        zones=zones,
        fields=p.fields,
        features=tuple(feats),
        params=p,
    )


def rows(
    spec: tuple[tuple, ...], *, x0: float, y0: float, pitch: float, value_cap: float,
    label_cap: float,
) -> tuple[FieldDef, ...]:  # fmt: skip
    """Fields from (id, en, ru, column offset, width, row, mrz field) tuples."""
    cyr = {"surname", "given", "nationality", "place", "authority", "sex"}
    return tuple(
        FieldDef(
            fid,
            en,
            ru,
            x0 + dx,
            y0 + pitch * row,
            wd,
            value_cap=value_cap,
            label_cap=label_cap,
            mrz_field=mf,
            script=("Cyrl", "Latn") if fid in cyr else ("Latn",),
        )
        for fid, en, ru, dx, wd, row, mf in spec
    )
