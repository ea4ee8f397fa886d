"""Inks and substrates described by how they respond to each light source.

Why: a document looks different under white, UV and IR light because each ink and the
paper respond differently, not because someone painted three pictures. Describing every
ink once by its physical response (colour in white light, fluorescence under UV 365 nm,
absorption at 870 nm) lets one page design render consistently under every light, and
lets a forgery be expressed as what a forger really changes: an ordinary ink instead of a
security ink, paper with optical brighteners instead of UV-dull paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

BGR = tuple[int, int, int]


@dataclass(frozen=True)
class Ink:
    """One printing ink.

    ``colour`` is its colour in white light (None: invisible, e.g. a pure UV ink);
    ``uv_glow`` is the colour it fluoresces under UV 365 nm (None: it does not, and only
    absorbs the lamp's faint visible light); ``ir_absorb`` is how much of 870 nm light it
    absorbs (0: IR drop-out, vanishes; 0.9: carbon black, the MRZ's B900 property).
    """

    name: str
    colour: BGR | None
    uv_glow: BGR | None = None
    ir_absorb: float = 0.0
    security: bool = True  # a security ink a counterfeiter cannot buy

    def __post_init__(self) -> None:
        if not 0.0 <= self.ir_absorb <= 1.0:
            raise ValueError(f"ir_absorb must be within 0..1, got {self.ir_absorb!r}")


@dataclass(frozen=True)
class Substrate:
    """The paper or card: colour in white light, response under UV and IR.

    Security paper has no optical brighteners: under UV it stays dull (dark violet, the
    lamp's own visible leak); office paper glows blue-white. ``ir`` is the grey level of
    the bare substrate in the IR image.
    """

    name: str
    colour: BGR
    uv: BGR
    ir: int = 215
    texture: float = 3.0  # standard deviation of the low-frequency tint variation


UV_DULL: BGR = (78, 26, 40)  # dark violet: the lamp's visible leak on dull paper
UV_BRIGHT: BGR = (250, 215, 185)  # optical brighteners glow blue-white

# --- security inks ---------------------------------------------------------------------
MRZ_BLACK = Ink("carbon black (B900)", (40, 38, 36), None, 0.92)
DATA_BLACK = Ink("personalisation black", (45, 42, 40), None, 0.90)
LABEL_BLUE = Ink("label blue (IR drop-out)", (120, 70, 30), None, 0.0)
LABEL_GREY = Ink("label grey (IR drop-out)", (95, 88, 80), None, 0.0)
IR_TEXT = Ink("IR-absorbing blue", (125, 75, 40), None, 0.85)
UV_YELLOW = Ink("UV yellow-green (invisible)", None, (40, 235, 200), 0.0)
UV_ORANGE = Ink("UV orange-red (invisible)", None, (40, 110, 245), 0.0)
UV_BLUE = Ink("UV blue (invisible)", None, (250, 170, 90), 0.0)
UV_VISIBLE_PINK = Ink("pink, glows orange", (180, 150, 225), (60, 140, 250), 0.0)
FIBRE_RED = Ink("UV fibre red", (210, 205, 215), (60, 60, 245), 0.0)
FIBRE_GREEN = Ink("UV fibre green", (205, 215, 205), (80, 240, 90), 0.0)
FIBRE_BLUE = Ink("UV fibre blue", (220, 205, 200), (250, 170, 60), 0.0)
PORTRAIT_INK = Ink("portrait (laser/dye)", (0, 0, 0), None, 0.55)  # colour from the photo
GHOST_INK = Ink("ghost image", (150, 130, 120), None, 0.35)
OVD_FOIL = Ink("OVD foil", (0, 0, 0), None, 0.1)  # colour from the diffraction field
PERFORATION = Ink("laser perforation", (30, 25, 20), None, 0.95)  # holes look dark on a scan


def guilloche_ink(name: str, colour: BGR) -> Ink:
    """A background ink: coloured in white light, IR drop-out, no fluorescence."""
    return Ink(name, colour, None, 0.0)


# --- what a counterfeiter has ------------------------------------------------------------
def ordinary(ink: Ink, *, colour_shift: float = 0.12) -> Ink:
    """The same ink as an office printer or offset house would print it.

    Process inks do not fluoresce; an ink meant to be invisible cannot be made, so it is
    left out (colour None and no glow: nothing prints); CMY "black" passes IR, so every
    ink vanishes at 870 nm; colours drift (process gamut).
    """
    if ink.colour is None:
        return replace(ink, name=ink.name + " (missing)", uv_glow=None, security=False)
    b, g, r = ink.colour
    # process-colour drift: less saturated, a little warmer and darker
    grey = (b + g + r) / 3
    k = colour_shift
    shifted = (
        round((b + (grey - b) * k * 2) * (1 - k / 3)),
        round((g + (grey - g) * k * 2) * (1 - k / 4)),
        round(min(255, r + 12 * k * 10) * (1 - k / 6)),
    )
    return Ink(ink.name + " (process)", shifted, None, 0.0, security=False)


SECURITY_PAPER = Substrate("security paper (UV-dull)", (226, 236, 240), UV_DULL, 218)
CARD_POLY = Substrate("polycarbonate card (UV-dull)", (236, 238, 236), (70, 24, 36), 212)
OFFICE_PAPER = Substrate("office paper (brightened)", (243, 245, 246), UV_BRIGHT, 225, 1.5)
